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
from base.models import BasePage
from news.models import NewsPage
from projects.models import PROGRAMME_ORDER, ProgrammePage, ProjectPage


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
        # where the template shows it, so a rendering kept for the content version (base/fragment_cache.py) reads none.
        featured_ids = self.featured_programmes.values_list("programme_id", flat=True)
        context["featured_programmes"] = (
            ProgrammePage.objects.live()
            .public()
            .filter(pk__in=featured_ids)
            .for_cards()
            .shown_on_cards()
            .order_by(*PROGRAMME_ORDER)
        )
        context["latest_news"] = NewsPage.objects.listed(self.locale_id).shown_on_cards()[:3]
        context["places"] = ProjectPage.objects.on_map(self.locale_id)
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "projects.ProgrammePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )

    panels = [PageChooserPanel("programme")]

    # The programme is chosen on the Italian page and moved to its translation (base/languages.py).
    localised_relations = ["programme"]
