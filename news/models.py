from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock
from home.models import HeroImageMixin, PageLanguageMixin


class NewsIndexPage(PageLanguageMixin, HeroImageMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), *HeroImageMixin.hero_panels]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.listed().child_of(self)
        tag = request.GET.get("tag", "").strip()
        if tag:
            news = news.filter(tags__slug=tag)
            context["tag"] = tag
        # get_page() turns a missing, non-numeric or negative page into the first page and a
        # page past the end into the last one, so a hand-edited URL still shows news.
        context["news_page"] = Paginator(news, settings.PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPageQuerySet(PageQuerySet):
    def listed(self):
        """Live, public news in the active language, newest first, ready for cards."""
        return (
            self.live()
            .public()
            .filter(locale=Locale.get_active())
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )


class NewsPage(PageLanguageMixin, HeroImageMixin, Page):
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date the news is about or was announced.")
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for lists, feeds and search results.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    related_programmes = ParentalManyToManyField(
        "projects.ProgrammePage", blank=True, related_name="news", verbose_name=_("related programmes")
    )
    related_projects = ParentalManyToManyField(
        "projects.ProjectPage", blank=True, related_name="news", verbose_name=_("related projects")
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("related_programmes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_projects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Related content"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    # The same date and links in every language; home/signals.py points the links at the pages
    # in the news item's own language.
    override_translatable_fields = [
        *HeroImageMixin.override_translatable_fields,
        SynchronizedField("date", overridable=False),
        SynchronizedField("related_programmes", overridable=False),
        SynchronizedField("related_projects", overridable=False),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_context(self, request, *args, **kwargs):
        from projects.models import ProgrammePage, ProjectPage

        context = super().get_context(request, *args, **kwargs)
        # By id: in a preview these relations are held in memory, not in a queryset that can be filtered
        # (values_list is then a list; otherwise a subquery, so still one query for each relation).
        related = [
            model.objects.filter(pk__in=relation.values_list("id", flat=True)).live().public().order_by("title")
            for model, relation in ((ProgrammePage, self.related_programmes), (ProjectPage, self.related_projects))
        ]
        context["related_pages"] = [*related[0], *related[1]]
        return context
