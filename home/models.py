from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import (
    Orderable,
)
from wagtail.search import index

from base.blocks import BaseStreamBlock, KeyFigureBlock
from base.models import BasePage, attach_card_renditions
from base.prepared_queries import PreparedQuery
from news.models import NewsPage
from projects.models import LOCALE_ID, PAGE_ID, PLACES_ON_MAP, PROGRAMME_ORDER, ProgrammePage


class HomePage(BasePage):
    introduction = models.TextField(
        _("introduction"), help_text=_("Two or three sentences under the page title, in plain language.")
    )
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    body = StreamField(BaseStreamBlock, blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("key_figures"),
        InlinePanel(
            "featured_programmes",
            label=_("Featured programmes"),
            max_num=6,
            help_text=_("Shown in the order of the programme index, which you change in the page explorer."),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("key_figures"), APIField("body")]

    # One home page per language, each at the root of its locale's tree.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Listed in the programme index's order, whatever the order they were chosen in. Every list is read only
        # where the template shows it, so a rendering kept for the content version (base/fragment_cache.py) reads
        # none; each was prepared once per process (base/prepared_queries.py).
        if "featured_programmes" in getattr(self, "_cluster_related_objects", {}):
            # A preview: the programmes chosen in the form, not yet saved.
            featured_ids = self.featured_programmes.values_list("programme_id", flat=True)
            context["featured_programmes"] = featured_programmes(featured_ids)
        else:
            context["featured_programmes"] = FEATURED_PROGRAMMES.lazy(self.pk)
        context["latest_news"] = LATEST_NEWS.lazy(self.locale_id)
        context["places"] = PLACES_ON_MAP.lazy(self.locale_id)
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "projects.ProgrammePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )

    panels = [PageChooserPanel("programme")]

    # The programme is chosen on the Italian page and moved to its translation (base/languages.py).
    localised_relations = ["programme"]


def featured_programmes(ids, renditions=True):
    """The programmes of ``ids`` (a list, or a subquery) that readers may open, ready for cards (``for_cards``), in
    the programme index's order."""
    return (
        ProgrammePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .for_cards(renditions)
        .shown_on_cards()
        .order_by(*PROGRAMME_ORDER)
    )


# The home page's lists, prepared once per process (base/prepared_queries.py): the programmes it features (by the
# home page's id, as a subquery) and its latest news.
FEATURED_PROGRAMMES = PreparedQuery(
    ProgrammePage,
    lambda home: featured_programmes(
        HomePageFeaturedProgramme.objects.filter(page=home).values("programme_id"), renditions=False
    ),
    PAGE_ID,
    then=attach_card_renditions,
)

LATEST_NEWS = PreparedQuery(
    NewsPage,
    lambda locale: NewsPage.objects.listed(locale, prefetch=False).shown_on_cards()[:3],
    LOCALE_ID,
    then=attach_card_renditions,
)
