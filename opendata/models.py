from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from base.models import IntroductionBodyPage, optional_body, public_pages
from base.site_url import absolute_url
from news.models import NewsIndexPage

from .views import COORDINATE_FIELDS, PROJECT_FIELDS

# The page types the API describes on the open data page, in this order.
API_PAGE_TYPES = [
    "projects.ProjectPage",
    "projects.ProgrammePage",
    "news.NewsPage",
    "candidacy.RankingPage",
    "base.StandardPage",
]


class OpenDataPage(IntroductionBodyPage):
    """Documents the site's data for reuse. The addresses and fields are written by the code itself,
    so the page is never out of step with what the feeds return; editors write the rest (licence,
    contacts, examples)."""

    body = optional_body(_("Shown after the list of datasets: licence, how to report an error, examples of reuse."))

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("open data page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        names = dict(settings.LANGUAGES)

        def in_each_language(url_name):
            urls = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    urls.append({"language": names[code], "url": absolute_url(request, reverse(url_name))})
            return urls

        feeds = []
        for index_page in public_pages(NewsIndexPage.objects.live()).select_related("locale").order_by("locale_id"):
            language = names.get(index_page.locale.language_code, index_page.locale.language_code)
            feeds.append(
                {
                    "language": language,
                    "rss": absolute_url(request, NewsIndexPage.feed_url(index_page, "rss", request)),
                    "atom": absolute_url(request, NewsIndexPage.feed_url(index_page, "atom", request)),
                }
            )
        api_root = absolute_url(request, "/api/v2/pages/")
        api_types = []
        for label in API_PAGE_TYPES:
            model = apps.get_model(label)
            api_types.append(
                {
                    "type": label,
                    "name": model._meta.verbose_name,
                    "fields": [field.name for field in model.api_fields],
                }
            )
        language = self.locale.language_code
        context.update(
            {
                "project_fields": PROJECT_FIELDS,
                "coordinate_fields": COORDINATE_FIELDS,
                "geojson_urls": in_each_language("projects_geojson"),
                "csv_urls": in_each_language("projects_csv"),
                "feeds": feeds,
                "api_root": api_root,
                "api_example": f"{api_root}?type=projects.ProjectPage&locale={language}"
                "&fields=summary,latitude,longitude,status",
                "api_types": api_types,
                "sitemap_url": absolute_url(request, reverse("sitemap")),
            }
        )
        return context
