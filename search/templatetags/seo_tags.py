"""What search engines and social networks read in a page's <head>.

``{% seo_meta as seo %}`` gathers the description, canonical URL, sharing image (a 1200×630
rendition), the news feeds of the current language and the schema.org JSON-LD; the template
includes/seo_head.html writes them out.
"""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page

from base.fragment_cache import chrome_cached
from base.models import PlaceMixin, SiteSettings
from base.site_url import absolute_url
from base.templatetags.navigation_tags import filtered_listing, listing_page, page_ancestors, section_page, site_home
from news.models import NewsIndexPage, NewsPage

register = template.Library()

SHARE_RENDITION = "fill-1200x630|format-jpeg|jpegquality-85"
# Parsed once: given as a string, Wagtail parses the spec again at every page, asking the image operation hooks
# (as base/templatetags/image_tags.py explains for the image tags). A Filter holds only its spec and operations.
_SHARE_FILTER = Filter(spec=SHARE_RENDITION)
# og:locale wants a territory.
OG_LOCALES = {"it": "it_IT", "en": "en_GB"}
# Escapes that keep a JSON document inside <script> from closing it or opening a comment.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def description_of(page):
    """The page's search description, or its summary or introduction cut to 300 characters."""
    if page is None:
        return ""
    if page.search_description:
        return page.search_description
    text = getattr(page, "summary", "") or getattr(page, "introduction", "") or ""
    return Truncator(" ".join(text.split())).chars(300)


def _canonical(context, request, page):
    """The page's address, with only what makes it another page: never a parameter it ignores (utm_*, fbclid)."""
    if page is None:
        return absolute_url(request, request.path)
    url = page.get_full_url(request)
    # A listing narrowed by a reader's filters (/notizie/?tag=…, /progetti/?theme=…&district=…) is not a page for
    # search engines: noindex, follow (its items are still followed), canonical to the listing itself, and no
    # hreflang (navigation_tags.alternate_links). Every combination of filters and page numbers would be an
    # address of its own, listing again what the listing and the sitemap already reach; the values are slugs of
    # one language (a theme's, a district's), so such a page has no sure version in the other to name; and its
    # page N is not the listing's page N, which was its canonical address before.
    if filtered_listing(context):
        return url
    # Later pages of a listing are pages of their own: say so, with the number of the page the paginator
    # shows (the last one for a number past the end). Any other page ignores ?page=: it is the same page.
    listing = listing_page(context)
    if listing is not None and listing.number > 1:
        url += f"?page={listing.number}"
    return url


def _share_image(request, page, home):
    """A 1200×630 JPEG of the page's hero image, or of the home page's when it has none."""
    owner = page
    if getattr(owner, "hero_image", None) is None and home is not None:
        owner = home.specific  # menus load the home page as a plain Page
    image = getattr(owner, "hero_image", None)
    if image is None:
        return None
    # An original that cannot be read (missing, or too big to decode: config/media_storage.py) means no share
    # image, not a 500.
    rendition = get_rendition_or_not_found(image, _SHARE_FILTER)
    if not rendition.width:
        return None
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": owner.hero_image_alt or image.default_alt_text or image.title,
    }


def _organisation(home, request):
    """The City, from the site settings (the footer reads the same, cached on the request)."""
    values = SiteSettings.for_request(request)
    organisation = {"@type": "Organization", "name": values.organisation_name}
    if values.email:
        organisation["email"] = values.email
    if values.address:
        organisation["address"] = {"@type": "PostalAddress", "streetAddress": values.address}
    same_as = [link.value["url"] for link in values.social_links]
    if same_as:
        organisation["sameAs"] = same_as
    if home is not None:
        organisation["url"] = home.get_full_url(request)
    organisation["logo"] = absolute_url(request, static("img/favicon.svg"))
    return organisation


def _breadcrumbs(context, request, page, home, title, canonical):
    """Home page → … → this page; for a view that is not a page (search), home page → its title."""
    if page is not None:
        # The ancestors the visible breadcrumbs show, read once per request.
        trail = [*page_ancestors(context), page] if page.depth > 2 else [page]
        crumbs = [(_("Home") if p.depth == 2 else p.title, p.get_full_url(request)) for p in trail]
    elif home is not None and title:
        crumbs = [(_("Home"), home.get_full_url(request)), (title, canonical)]
    else:
        return None
    items = [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(crumbs, start=1)
    ]
    return {"@type": "BreadcrumbList", "itemListElement": items}


def _about(request, page, organisation, image, description):
    """The schema.org description of the page's subject: NewsArticle, Place or Organization."""
    url = page.get_full_url(request)
    if page.depth == 2:
        return organisation
    if isinstance(page, NewsPage):
        article = {
            "@type": "NewsArticle",
            "headline": Truncator(page.title).chars(110),
            "description": description,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": page.locale.language_code,
            "datePublished": (page.released_at or page.date).isoformat(),
            "author": {"@type": "Organization", "name": organisation["name"], "url": organisation.get("url")},
            "publisher": organisation,
        }
        if page.last_published_at:
            article["dateModified"] = max(
                page.last_published_at, page.released_at or page.last_published_at
            ).isoformat()
        if image:
            article["image"] = [image["url"]]
        return article
    if isinstance(page, PlaceMixin) and page.has_place:
        place = {
            "@type": "Place",
            "name": page.title,
            "description": description,
            "url": url,
            "geo": {"@type": "GeoCoordinates", "latitude": page.lat, "longitude": page.lng},
        }
        if page.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": page.address,
                "addressLocality": "Torino",
                "addressCountry": "IT",
            }
        if image:
            place["image"] = image["url"]
        return place
    return None


def json_ld(graph):
    """A <script type="application/ld+json"> element holding ``graph``, safe inside HTML."""
    document = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    return mark_safe(f'<script type="application/ld+json">{document.translate(_JSON_ESCAPES)}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def seo_meta(context):
    request = context.get("request")
    if request is None:
        return {}
    page = _page(context)
    home = site_home(context)
    description = description_of(page) or description_of(home)
    image = _share_image(request, page, home)
    # The site settings and the home page's address, the same on every page of a language: read once per content
    # version (base/fragment_cache.py).
    organisation = chrome_cached(request, "organisation", lambda: _organisation(home, request))
    title = (page.seo_title or page.title) if page else str(context.get("seo_title", ""))
    # A view that is neither a page nor titled (an error page) has no address of its own to declare.
    canonical = _canonical(context, request, page) if page or title else ""
    graph = []
    about = _about(request, page, organisation, image, description) if page else None
    if about:
        graph.append(about)
    breadcrumbs = _breadcrumbs(context, request, page, home, title, canonical)
    if breadcrumbs:
        graph.append(breadcrumbs)

    feeds = []
    news_index = section_page(context, "news.NewsIndexPage")
    if news_index is not None:
        feeds = [
            {
                "type": f"application/{name}+xml",
                "title": f"{news_index.title} ({label})",
                "url": NewsIndexPage.feed_url(news_index, name, request),
            }
            for name, label in (("rss", "RSS"), ("atom", "Atom"))
        ]

    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "noindex": page is not None and filtered_listing(context),
        "type": "article" if isinstance(page, NewsPage) else "website",
        "published": page.released_at if isinstance(page, NewsPage) else None,
        "image": image,
        "locale": OG_LOCALES.get((get_language() or settings.LANGUAGE_CODE)[:2], "it_IT"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "feeds": feeds,
        "json_ld": json_ld(graph) if graph else "",
    }
