from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BaseStreamBlock, KeyFigureBlock, SocialLinkBlock


class PageLanguageMixin:
    """Previews are rendered in the page's own language, as the page will be served.

    The admin speaks each user's chosen language, and previews run inside it: without this an
    Italian page previewed by an editor whose admin is in English would show English interface
    text, ``<html lang="en">`` and the English projects in its lists.
    """

    def serve_preview(self, request, mode_name):
        with translation.override(self.locale.language_code):
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse would otherwise render after the override ends
        return response


class HeroImageMixin(models.Model):
    """A page's lead image: shown large on the page and small on cards that link to it."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Landscape, at least 1600 px wide. Its description is used as alternative text."),
    )

    hero_panels = [FieldPanel("hero_image")]

    # Translations share the hero image; a translator may swap it (say, for one with English text in it).
    override_translatable_fields = [SynchronizedField("hero_image")]

    class Meta:
        abstract = True


class HomePage(PageLanguageMixin, HeroImageMixin, Page):
    introduction = models.TextField(
        _("introduction"), help_text=_("Two or three sentences under the page title, in plain language.")
    )
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *HeroImageMixin.hero_panels,
        FieldPanel("key_figures"),
        InlinePanel("featured_programmes", label=_("Featured programmes"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    # One home page per language, each at the root of its locale's tree.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from news.models import NewsPage
        from projects.models import ProgrammePage, ProjectPage

        context = super().get_context(request, *args, **kwargs)
        featured_ids = [f.programme_id for f in self.featured_programmes.all()]
        programmes = {
            p.pk: p
            for p in ProgrammePage.objects.live()
            .public()
            .filter(pk__in=featured_ids)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .defer_streamfields()
        }
        context["featured_programmes"] = [programmes[pk] for pk in featured_ids if pk in programmes]
        context["latest_news"] = NewsPage.objects.listed()[:3]
        context["places"] = ProjectPage.objects.mappable()
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "projects.ProgrammePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )

    panels = [PageChooserPanel("programme")]


class StandardPage(PageLanguageMixin, HeroImageMixin, Page):
    """About, press contacts, accessibility statement, privacy notice, legal notes."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class RankingPage(PageLanguageMixin, HeroImageMixin, Page):
    """The smart-city ranking narrative: who ranked where, on which indicators, and why."""

    introduction = models.TextField(_("introduction"))
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *HeroImageMixin.hero_panels,
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ranking page")


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """A person or office the public and the press can reach."""

    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(_("role"), max_length=160, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_press = models.BooleanField(_("press contact"), default=False, help_text=_("Listed for journalists."))

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("How to reach them")),
        FieldPanel("is_press"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer and the page head say about the organisation behind the site."""

    organisation_name = models.CharField(_("organisation"), max_length=160, default="Città di Torino")
    address = models.CharField(_("postal address"), max_length=250, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))
    footer_links = StreamField(
        [("page", PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Accessibility statement, privacy and cookie notice, legal notes… Shown in each language."),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contacts")),
        FieldPanel("social_links"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site settings")
