"""sitemap.xml for both languages, each page with hreflang alternates pointing at its translations.

Wagtail's own sitemap lists only the tree under the site's root page, which is the Italian home
page: the English tree is a sibling of it, so it would be missing. This one lists every visible page
of every language tree of the site, in a fixed number of queries.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from base.models import public_pages
from base.visibility import visible_pages


class BilingualSitemap(Sitemap):
    def items(self):
        if not hasattr(self, "_visible_pages"):
            site = Site.find_for_request(self.request)
            if site is None:  # a host that names no site while none is the default: nothing of ours is there
                self._visible_pages = []
                return self._visible_pages
            roots = [site.root_page, *site.root_page.get_translations()]
            in_site = Q()
            for root in roots:
                in_site |= Q(path__startswith=root.path)
            # public_pages, not Wagtail's public(): an alias of a page in a private section is private too.
            pages = public_pages(Page.objects.live()).filter(in_site).select_related("locale").order_by("path")
            self._visible_pages = list(visible_pages(pages))
        return self._visible_pages

    def _urls(self, page, protocol, domain):
        locations = {item.pk: item.get_full_url(self.request) for item in self.items()}
        translations = defaultdict(list)
        for item in self.items():
            translations[item.translation_key].append(item)

        urls = []
        for item in self.paginator.page(page).object_list:
            lastmod = item.last_published_at or item.latest_revision_created_at
            versions = translations[item.translation_key]
            alternates = []
            if len(versions) > 1:
                alternates = [
                    {"lang_code": version.locale.language_code, "location": locations[version.pk]}
                    for version in versions
                ]
                default = next((v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE), None)
                if default is not None:
                    alternates.append({"lang_code": "x-default", "location": locations[default.pk]})
            urls.append({"item": item, "location": locations[item.pk], "lastmod": lastmod, "alternates": alternates})
        # No latest_lastmod, so no Last-Modified header: the latest publication does not move when a page is deleted
        # or unpublished, or when a release's embargo ends, and an If-Modified-Since would get a 304 (README,
        # "Caching"). The ETag answers revalidations; each URL's <lastmod> stays.
        return urls
