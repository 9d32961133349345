from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BaseStreamBlock, KeyFigureBlock, SocialLinkBlock
from .validators import SafeContentMixin


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
        help_text=_("Landscape, at least 1600 px wide."),
    )
    # On the page, not the image: images are shared by both languages, and this text is translated with the page.
    hero_image_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, in a sentence, for people who cannot see it: it is translated with the "
            "page. Left empty, the image's own description is used, in Italian on every page."
        ),
    )

    hero_panels = [FieldPanel("hero_image"), FieldPanel("hero_image_alt")]

    # Translations share the hero image; a translator may swap it (say, for one with English text in it).
    override_translatable_fields = [SynchronizedField("hero_image")]

    class Meta:
        abstract = True


def optional_body(help_text=""):
    """A body of the editorial blocks that may be left empty; ``help_text`` tells editors what it is for."""
    return StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"), help_text=help_text)


class IntroductionBodyPage(HeroImageMixin, Page):
    """A page with an introduction under its title, a hero image and a free body, found by search and in the API.

    The dossier, the press room and the open data page are built on it and add what is their own; each
    gives its body (``optional_body``) the help text that says what it is for. Like every page type, they
    list PageLanguageMixin first: RoutablePageMixin's preview would otherwise bypass it.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    body = optional_body()

    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        abstract = True


class HomePage(SafeContentMixin, PageLanguageMixin, HeroImageMixin, Page):
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
    api_fields = [APIField("introduction"), APIField("key_figures"), APIField("body")]

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


class StandardPage(SafeContentMixin, PageLanguageMixin, HeroImageMixin, Page):
    """About, press contacts, accessibility statement, privacy notice, legal notes."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    api_fields = [APIField("introduction"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class Contact(
    SafeContentMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
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
class SiteSettings(SafeContentMixin, BaseSiteSetting):
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
