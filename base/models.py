"""The page bases every page type derives from, the standard page, the contacts and the site settings."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageQuerySet,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtailgeowidget.helpers import geosgeometry_str_to_struct

from .blocks import BaseStreamBlock, SocialLinkBlock
from .languages import PageLanguageMixin, in_page_language
from .validators import SafeContentMixin


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
    return StreamField(BaseStreamBlock, blank=True, verbose_name=_("body"), help_text=help_text)


class BasePage(SafeContentMixin, PageLanguageMixin, HeroImageMixin, Page):
    """What every page of the site has: an introduction under its title, a hero image, found by search and in
    the API, checked for unsafe content on every save (SafeContentMixin), previewed in its own language.

    A page type redeclares ``introduction`` to make it required or to give it help text, or sets it to
    None where a summary plays its part (programmes, projects, news). It extends ``content_panels``,
    ``search_fields`` and ``api_fields`` from these. Routes go on ``RoutableBasePage``.
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), *HeroImageMixin.hero_panels]
    # Title, slug, SEO title, search description, menus: Wagtail's own, the same for every page type.
    promote_panels = Page.promote_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """Refuse a page class whose previews would not be rendered in the page's language.

        A mixin listed before this base that answers previews itself (RoutablePageMixin does, without
        calling ``super()``) would bypass ``PageLanguageMixin``: the class must get its previews from a
        ``serve_preview`` wrapped by ``in_page_language`` first. Page classes' own ``serve_preview``
        (which call ``super()``) are allowed.
        """
        super().__init_subclass__(**kwargs)
        for klass in cls.__mro__:
            preview = vars(klass).get("serve_preview")
            if preview is None:
                continue
            if getattr(preview, "in_page_language", False):
                return
            if not issubclass(klass, BasePage):
                raise ImproperlyConfigured(
                    f"{cls.__qualname__}: {klass.__name__}.serve_preview comes before the base's, so previews would "
                    f"not be in the page's language. Derive from RoutableBasePage for routes, or list "
                    f"{klass.__name__} after BasePage."
                )


class RoutableBasePage(RoutablePageMixin, BasePage):
    """A page with routes of its own (feeds, print and PDF views), previewed in its language like any page."""

    class Meta:
        abstract = True

    serve_preview = in_page_language(RoutablePageMixin.serve_preview)


class BaseIndexPage(BasePage):
    """A listing page: one under each home page, with an introduction and a hero image, listing its children."""

    max_count_per_parent = 1

    class Meta:
        abstract = True


class IntroductionBodyPage(BasePage):
    """A page with an introduction, a hero image and a free body that may be left empty.

    Each page type gives its body (``optional_body``) the help text that says what it is for.
    """

    body = optional_body()

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        abstract = True


# --- a place on the map --------------------------------------------------------------------------


class PlaceQuerySet(PageQuerySet):
    def with_place(self):
        """The pages that have a place (``PlaceMixin.has_place``): the editor accepts only a valid point."""
        return self.exclude(location="")


class PlaceMixin(models.Model):
    """A page that is somewhere: an address, a point and a zoom level, set with wagtail-geo-widget."""

    address = models.CharField(_("address"), max_length=250, blank=True)
    location = models.CharField(
        _("location"),
        max_length=250,
        blank=True,
        help_text=_("Search an address above, or drag the marker. Stored as a WGS84 point."),
    )
    zoom = models.PositiveSmallIntegerField(_("zoom"), default=15)

    class Meta:
        abstract = True

    @cached_property
    def point(self):
        """(lat, lng) parsed from wagtailgeowidget's "SRID=4326;POINT(lng lat)" string, or None."""
        parsed = geosgeometry_str_to_struct(self.location or "")
        if not parsed:
            return None
        try:
            return float(parsed["y"]), float(parsed["x"])
        except ValueError:
            return None

    @property
    def has_place(self):
        return self.point is not None

    @property
    def lat(self):
        return self.point[0] if self.point else None

    @property
    def lng(self):
        return self.point[1] if self.point else None

    def place_errors(self):
        """What is wrong with the location, as {field: message} for ``clean()``."""
        if self.location and not self.point:
            return {"location": _("This is not a valid point: pick the place on the map.")}
        if self.point and not (-90 <= self.point[0] <= 90 and -180 <= self.point[1] <= 180):
            return {"location": _("Latitude must be between -90 and 90 and longitude between -180 and 180.")}
        return {}


# --- pages ---------------------------------------------------------------------------------------


class StandardPage(BasePage):
    """About, press contacts, accessibility statement, privacy notice, legal notes."""

    body = StreamField(BaseStreamBlock, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body", boost=0.5)]  # legal texts rank low
    api_fields = BasePage.api_fields + [APIField("body")]

    parent_page_types = ["home.HomePage", "base.StandardPage"]
    subpage_types = ["base.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


# --- snippets and settings -----------------------------------------------------------------------


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
class SiteSettings(SafeContentMixin, ClusterableModel, BaseSiteSetting):
    """What the footer and the page head say about the organisation behind the site.

    What readers read (the organisation's name, its address, the social links' text) is written once per
    language, in ``texts``; what reads the same in every language (e-mail, phone, footer pages, which follow
    each page's language by themselves) is written once. ``organisation_name``, ``address`` and
    ``social_links`` answer in the language being served, so templates and tags read them as plain fields.
    """

    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    footer_links = StreamField(
        [("page", PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Accessibility statement, privacy and cookie notice, legal notes… Shown in each language."),
    )
    evidence_max_age_months = models.PositiveSmallIntegerField(
        _("figures are old after (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "The evidence health report (Reports) flags key figures that describe a date older than this, so "
            "that someone checks whether a newer figure exists."
        ),
    )

    panels = [
        InlinePanel("texts", heading=_("In each language"), label=_("Language version"), min_num=1),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contacts")),
        FieldPanel("footer_links"),
        FieldPanel("evidence_max_age_months"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def text(self, language_code=None):
        """The texts in ``language_code`` (default: the language being served), else the default language's.

        Every language's texts are read in one query, once per settings object (Wagtail keeps one per request).
        """
        cache = getattr(self, "_texts_by_language", None)
        if cache is None:
            cache = self._texts_by_language = {
                text.locale.language_code: text for text in self.texts.select_related("locale")
            }
        language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
        return cache.get(language_code) or cache.get(settings.LANGUAGE_CODE) or next(iter(cache.values()), None)

    def _text_value(self, name, default):
        text = self.text()
        return getattr(text, name) if text is not None else default

    @property
    def organisation_name(self):
        return self._text_value("organisation_name", "")

    @property
    def address(self):
        return self._text_value("address", "")

    @property
    def social_links(self):
        return self._text_value("social_links", [])


class SiteSettingsText(SafeContentMixin, Orderable):
    """The site settings readers read, in one language (the header, footer, feeds, PDF and JSON-LD)."""

    site_settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="texts")
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=160, help_text=_('As readers of this language name it: "City of Turin".')
    )
    address = models.CharField(_("postal address"), max_length=250, blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))

    panels = [
        FieldPanel("locale"),
        FieldPanel("organisation_name"),
        FieldPanel("address"),
        FieldPanel("social_links"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("site settings in one language")
        constraints = [models.UniqueConstraint(fields=["site_settings", "locale"], name="one_text_per_language")]

    def __str__(self):
        return f"{self.organisation_name} ({self.locale})"
