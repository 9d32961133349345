import functools
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    PageManager,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtailgeowidget.panels import GeoAddressPanel

from base.api_fields import LinkedPagesField
from base.blocks import BaseStreamBlock, KeyFigureBlock, PartnerBlock
from base.fragment_cache import listing_page
from base.languages import in_language
from base.models import (
    BaseIndexPage,
    BasePage,
    HeroImageMixin,
    PlaceMixin,
    PlaceQuerySet,
    PublicPageQuerySet,
    attach_card_renditions,
    child_of_path,
    linked_page_fields_deferred,
)
from base.prepared_queries import PreparedQuery
from base.validators import SafeContentMixin
from base.visibility import hiding_hooks, readable_linked_page, readable_page_exists

from .filters import ProjectFilterForm
from .forms import EvidencePageForm, ProjectPageForm
from .panels import LocalLeafletPanel


class PublishedNamesField(serializers.Field):
    """The API's name of a published snippet, or names of a list of them (``ProjectPage.public_*``)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return str(value)


class Theme(
    SafeContentMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """A subject a project works on (mobility, environment…), used to filter the project list."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Used in filter links: lower case, no spaces."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class District(
    SafeContentMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """A Turin neighbourhood (quartiere) where projects take place."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Used in filter links: lower case, no spaces."))
    circoscrizione = models.PositiveSmallIntegerField(
        _("circoscrizione"), null=True, blank=True, help_text=_("The city's administrative district (1–8).")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("circoscrizione")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


# The award criteria a programme or project gives evidence for, shown in the candidacy dossier.
EVIDENCE_PANEL = InlinePanel(
    "evidence",
    heading=_("Award criteria"),
    label=_("Evidence for a criterion"),
    help_text=_(
        "The award criteria this page gives evidence for, each with a short justification: they appear in "
        "the candidacy dossier for the jury."
    ),
)


# The one order in which programmes are listed, on the programme index and among the home page's featured
# programmes alike: their order in the page tree, which editors change in the page explorer ("Sort menu order").
PROGRAMME_ORDER = ("path",)


class ProgrammeIndexPage(BaseIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProgrammePage"]

    class Meta:
        verbose_name = _("programme index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = PROGRAMME_CARDS.lazy(self.path, self.depth + 1)
        return context


class ProgrammePage(BasePage):
    introduction = None  # the summary plays its part
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for cards and search results.")
    )
    lead_organisation = models.CharField(_("lead organisation"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    partners = StreamField([("partner", PartnerBlock())], blank=True, verbose_name=_("partners"))
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    body = StreamField(BaseStreamBlock, blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_organisation"), FieldRowPanel([FieldPanel("start_year"), FieldPanel("website")])],
            heading=_("Facts"),
        ),
        *HeroImageMixin.hero_panels,
        FieldPanel("key_figures"),
        FieldPanel("body"),
        FieldPanel("partners"),
        EVIDENCE_PANEL,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("lead_organisation"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("lead_organisation"),
        APIField("start_year"),
        APIField("website"),
        APIField("key_figures"),
        APIField("partners"),
        APIField("body"),
    ]

    objects = PageManager.from_queryset(PublicPageQuerySet)()
    # What includes/programme_card.html adds to a card (``PublicPageQuerySet.shown_on_cards``).
    card_fields = ("lead_organisation", "start_year")

    parent_page_types = ["projects.ProgrammeIndexPage"]
    subpage_types = []
    base_form_class = EvidencePageForm

    # Facts shared by both languages. The website may be overridden: many programmes have an English site.
    override_translatable_fields = [
        *HeroImageMixin.override_translatable_fields,
        SynchronizedField("start_year", overridable=False),
        SynchronizedField("website"),
    ]

    class Meta:
        verbose_name = _("programme")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A programme being previewed before it is first saved has no projects yet.
        context["projects"] = PROGRAMME_PROJECTS.lazy(self.locale_id, self.pk) if self.pk else []
        return context


class ProjectIndexPage(BaseIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index")

    listing_filters = tuple(ProjectFilterForm.base_fields)

    @classmethod
    def listing_of(cls, page):
        return ProjectPage.objects.listed(page.locale_id).shown_on_cards().child_of(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ProjectFilterForm(request.GET or None, locale=self.locale)
        # The cards under the filters accepted (an unknown value is reported on the form and ignored): their number
        # and the page of them shown, each a prepared query (``project_cards``).
        chosen = form.chosen()
        projects = project_cards(tuple(chosen)).listing(self.locale_id, self.path, self.depth + 1, *chosen.values())
        context["filter_form"] = form
        # The map shows every project matching the filters, not only this page's: map.js loads them from
        # the GeoJSON feed, given the same filters (only those the form accepted, as the list applies).
        # (The page is served and previewed in its own language, so reverse() gives that language's feed.)
        filters = [(name, value.slug) for name, value in form.cleaned_data.items() if value] if form.is_bound else []
        context["geojson_url"] = reverse("projects_geojson") + (f"?{urlencode(filters)}" if filters else "")
        # What the fields and the cards show depends on the filters accepted and those refused (marked invalid), not
        # on the address as given: the key of their renderings kept for the content version (base/fragment_cache.py).
        # Only real slugs and field names enter it, so made-up values cannot multiply the entries.
        refused = [(name, "!") for name in form.errors] if form.is_bound else []
        context["filter_key"] = urlencode(sorted(filters + refused))
        # One page of cards, so the page stays small however many projects there are. get_page() turns a
        # missing or non-numeric page into the first and a page past the end into the last, as on the news.
        context["projects"] = listing_page(
            request,
            projects,
            request.GET.get("page"),
            "project-index-count",
            self.pk,
            context["filter_key"],
        )
        # "Clear filters" is offered when the address names a filter, not for a mere ?page=.
        context["filtered"] = any(name in request.GET for name in form.fields)
        return context


# What a map's list of places reads of a project (``ProjectPageQuerySet.on_map``, projects/templatetags/map_tags.py):
# the programme's title only where readers may open it (``ProjectPage.public_programme``).
MAP_PLACE_FIELDS = ("title", "url_path", "location", "address", "summary", "status", "programme__title")


class ProjectPageQuerySet(PlaceQuerySet):
    def with_programme_check(self):
        """Each project with whether readers may open its programme (``public_programme``), in the same query."""
        return self.annotate(programme_readable=readable_page_exists("programme"))

    def listed(self, locale, prefetch=True):
        """Live, public projects in ``locale``, ready for cards, lists and maps: their card renditions (``for_cards``)
        and themes prefetched, or, without ``prefetch``, left to a prepared listing (``attach_to_cards``)."""
        projects = (
            in_language(self.live().public(), locale)
            .for_cards(renditions=prefetch)
            .select_related("programme", "district")
            # Cards, maps and open data show the programme's title: in a listing of nine cards its whole row was
            # more columns than the projects' own.
            .defer(*linked_page_fields_deferred("programme", ProgrammePage))
            .with_programme_check()
            .order_by("title")
        )
        return projects.prefetch_related("themes") if prefetch else projects

    def mappable(self, locale):
        """The listed projects that have a place, for maps."""
        return self.listed(locale).with_place()

    def on_map(self, locale):
        """The projects that have a place with what a map's list of places shows (projects/templatetags/map_tags.py):
        programme, status, summary, address. No image, theme or district, which it does not show, and only the
        fields it shows (``url_path`` for the address): a project page's row is long, the list a whole programme's."""
        return (
            in_language(self.live().public(), locale)
            .with_place()
            .select_related("programme")
            .only(*MAP_PLACE_FIELDS)
            .with_programme_check()
            .order_by("title")
        )


class ProjectPage(PlaceMixin, BasePage):
    STATUS_PLANNED = "planned"
    STATUS_RUNNING = "running"
    STATUS_COMPLETED = "completed"
    STATUS_CHOICES = [
        (STATUS_PLANNED, _("Planned")),
        (STATUS_RUNNING, _("Running")),
        (STATUS_COMPLETED, _("Completed")),
    ]
    STATUS_LABELS = dict(STATUS_CHOICES)

    introduction = None  # the summary plays its part

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for cards, maps and search results.")
    )
    programme = models.ForeignKey(
        "projects.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="projects", verbose_name=_("themes"))
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_RUNNING)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    partners = StreamField([("partner", PartnerBlock())], blank=True, verbose_name=_("partners"))

    challenge = RichTextField(_("the challenge"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    approach = RichTextField(_("what was done"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    results = RichTextField(_("results"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    gallery = StreamField([("image", ImageBlock(label=_("Image")))], blank=True, verbose_name=_("gallery"))

    # address, location and zoom: PlaceMixin's.

    objects = PageManager.from_queryset(ProjectPageQuerySet)()
    # What includes/project_card.html adds to a card (its themes are prefetched), and what the list of places of a
    # map beside the cards shows (``MAP_PLACE_FIELDS``); the programme's title where readers may open it.
    card_fields = ("status", "programme__title", "district", "location", "address")

    routed_select_related = (*BasePage.routed_select_related, "programme", "district")
    routed_linked_pages = ("programme",)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("district"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                GeoAddressPanel("address"),
                LocalLeafletPanel("location", address_field="address", zoom_field="zoom"),
                FieldPanel("zoom"),
            ],
            heading=_("Location"),
        ),
        *HeroImageMixin.hero_panels,
        MultiFieldPanel(
            [FieldPanel("challenge"), FieldPanel("approach"), FieldPanel("results")],
            heading=_("Case study"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("gallery"),
        FieldPanel("partners"),
        EVIDENCE_PANEL,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("address"),
        index.FilterField("status"),
        # Not the programme's title: the index holds what it was given at the project's last save, so a programme
        # still a draft, unpublished or private would make its public projects answer to words of its title.
        # Searching for it finds the programme's own page, with its projects, once readers may open it.
    ]
    api_fields = [
        APIField("summary"),
        APIField("programme", serializer=LinkedPagesField(source="public_programme")),
        APIField("themes", serializer=PublishedNamesField(source="public_themes")),
        APIField("district", serializer=PublishedNamesField(source="public_district")),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("address"),
        APIField("latitude", serializer=serializers.FloatField(source="lat", read_only=True)),
        APIField("longitude", serializer=serializers.FloatField(source="lng", read_only=True)),
        APIField("challenge"),
        APIField("approach"),
        APIField("results"),
        APIField("key_figures"),
        APIField("partners"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    base_form_class = ProjectPageForm

    # The same place, dates, status and classification in every language: copied from the Italian
    # page on each sync and never offered to translators. Programme, district and themes are moved
    # to their translations in the page's language by base/languages.py.
    # Programme, district and themes are moved to their translations in the page's language (base/languages.py).
    localised_relations = ["programme", "district", "themes"]
    override_translatable_fields = [
        *HeroImageMixin.override_translatable_fields,
        SynchronizedField("address", overridable=False),
        SynchronizedField("location", overridable=False),
        SynchronizedField("zoom", overridable=False),
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("programme", overridable=False),
        SynchronizedField("district", overridable=False),
        SynchronizedField("themes", overridable=False),
    ]

    class Meta:
        verbose_name = _("project case study")
        verbose_name_plural = _("project case studies")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.status == self.STATUS_COMPLETED and not self.end_date:
            errors["end_date"] = _("A completed project needs an end date.")
        errors.update(self.place_errors())
        if errors:
            raise ValidationError(errors)

    def get_status_display(self):
        """Django's, without its hashing of every choice's translated label at each call (``make_hashable`` makes each
        lazy label a string): a card and a place on a map each show it, and the labels' gettext calls were a fortieth
        of a listing's time."""
        return force_str(self.STATUS_LABELS.get(self.status, self.status), strings_only=True)

    # Themes and districts have drafts: one never published (or unpublished) is chosen in the editor but not
    # shown to readers. A published one's row holds its published version, so it is shown as it is. Filtered
    # here rather than in the query, so that the listings' prefetched themes and joined district serve
    # every page, the API and the feeds at the same number of queries.
    @property
    def public_themes(self):
        prefetched = "themes" in getattr(self, "_prefetched_objects_cache", {})
        in_memory = "themes" in getattr(self, "_cluster_related_objects", {})  # a preview's choices, not saved
        if self.pk and not prefetched and not in_memory:
            attach_themes([self])  # the page served: a prepared query, not one Django builds for each request
        return [theme for theme in self.themes.all() if theme.live]

    # A programme is a page: a draft, unpublished or in a private section, it is neither linked nor named. Its
    # translation is a page of its own: the English project names the English programme only once that is public.
    @property
    def public_programme(self):
        return readable_linked_page(self, "programme")

    @property
    def public_district(self):
        district = self.district
        return district if district is not None and district.live else None


# The listings of cards and places that programme pages, the programme index, the home page and map blocks show,
# prepared once per process (base/prepared_queries.py): Django built and compiled each at every page not kept, and
# that cost more than running them. Their values are a language and a page; what features hide (``hiding_hooks``)
# is part of their shape. Their card renditions are read by a prepared query of their own (``attach_card_renditions``).
LOCALE_ID = Locale._meta.pk
PAGE_ID = Page._meta.pk

PROGRAMME_CARDS = PreparedQuery(
    ProgrammePage,
    lambda path, depth: (
        ProgrammePage.objects.filter(child_of_path(path, depth))
        .live()
        .public()
        .for_cards(renditions=False)
        .shown_on_cards()
        .order_by(*PROGRAMME_ORDER)
    ),
    Page._meta.get_field("path"),
    Page._meta.get_field("depth"),
    then=attach_card_renditions,
)

# A project's themes, by the link rows of its many-to-many, with the themes joined (as the theme's order lists them).
PROJECT_THEMES = PreparedQuery(
    ProjectPage.themes.through,
    lambda projects: (
        ProjectPage.themes.through.objects.filter(projectpage__in=projects)
        .select_related("theme")
        .order_by(*(f"theme__{name}" for name in Theme._meta.ordering), "theme__pk")
    ),
    PAGE_ID,
)


def attach_to_cards(projects):
    """What the cards of ``projects`` (``listed(locale, prefetch=False)``) show besides the projects' rows, read by
    prepared queries: their renditions (``attach_card_renditions``) and their themes (``attach_themes``)."""
    attach_card_renditions(projects)
    attach_themes(projects)


def attach_themes(projects):
    """The themes of ``projects`` (saved ones), read in one prepared query and left as ``prefetch_related`` leaves
    them: ``project.themes.all()`` reads no query."""
    if not projects:
        return
    themes = {project.pk: [] for project in projects}
    for link in PROJECT_THEMES.run(list(themes)):
        themes[link.projectpage_id].append(link.theme)
    for project in projects:
        prefetched = Theme.objects.all()
        prefetched._result_cache = list(themes[project.pk])
        prefetched._prefetch_done = True
        project.__dict__.setdefault("_prefetched_objects_cache", {})["themes"] = prefetched


PROGRAMME_PROJECTS = PreparedQuery(
    ProjectPage,
    lambda locale, programme: (
        ProjectPage.objects.listed(locale, prefetch=False).shown_on_cards().filter(programme=programme)
    ),
    LOCALE_ID,
    PAGE_ID,
    vary_on=hiding_hooks,
    then=attach_to_cards,
)


@functools.cache
def project_cards(filters):
    """The cards of a project index (``listing_of``) narrowed by ``filters`` (the names of those chosen, in the
    filter form's order: ``ProjectFilterForm.chosen``), prepared once per process for each set of filters. Its values:
    the language, the index's path and its children's depth, then the id each filter chose."""
    fields = {"programme": PAGE_ID, "theme": Theme._meta.pk, "district": District._meta.pk}

    def build(locale, path, depth, *chosen):
        projects = (
            ProjectPage.objects.listed(locale, prefetch=False).shown_on_cards().filter(child_of_path(path, depth))
        )
        return ProjectFilterForm.narrow(projects, dict(zip(filters, chosen, strict=True)))

    return PreparedQuery(
        ProjectPage,
        build,
        LOCALE_ID,
        Page._meta.get_field("path"),
        Page._meta.get_field("depth"),
        *(fields[name] for name in filters),
        vary_on=hiding_hooks,
        then=attach_to_cards,
    )


PLACES_ON_MAP = PreparedQuery(ProjectPage, ProjectPage.objects.on_map, LOCALE_ID, vary_on=hiding_hooks)
