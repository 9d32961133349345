"""The page bases every page type derives from, the standard page, the contacts and the site settings."""

import copy
import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageQuerySet,
    PageViewRestriction,
    RevisionMixin,
    Site,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtailgeowidget.helpers import geosgeometry_str_to_struct

from .blocks import BaseStreamBlock, SocialLinkBlock
from .languages import PageLanguageMixin, in_page_language
from .site_cache import site_settings_for
from .validators import SafeContentMixin

# The renditions of a hero image on a card (includes/card.html): listings prefetch exactly these.
CARD_RENDITIONS = (
    "fill-400x225|format-webp",
    "fill-400x225|format-jpeg",
    "fill-800x450|format-webp",
    "fill-800x450|format-jpeg",
)

# What includes/card.html shows of every page (its address: ``url_path``); each variant adds its own (``card_fields``).
CARD_FIELDS = ("title", "url_path", "summary", "hero_image")


class _AncestorTest(models.Func):
    """A boolean SQL test on the tree above each row's page (its ``path``, the one argument), written as SQL once.

    The same test as ORM subqueries (``Exists`` of querysets filtered by ``Substr(OuterRef("path"), …)``) cost Django
    0.75 ms to resolve and compile each time a query used it, several times a page, and a nested one (whether a
    project's programme is readable) 2 ms: a sixth of a page's time with nothing kept, to produce the same SQL. Here
    only the path column is compiled; the rest is text. The subqueries' own tables are named ``tree_*``, which no
    query Django builds uses, so the column of the query the test is added to is never shadowed.

    A page is an ancestor of (or is) the row's page when its path is a prefix of the row's path (treebeard's
    materialised path). ``alias_of_id > 0`` rather than ``IS NOT NULL``: SQLite then reads the few aliases by their
    index instead of every page, for each row asked about.
    """

    output_field = models.BooleanField()
    arity = 1
    # With {page}, {restriction}, {path} and the quoted column names; {path} may appear several times, after any
    # placeholder of ``sql_params``.
    sql = ""

    def sql_params(self):
        """Parameters of ``sql``'s own placeholders, which come before the first {path}."""
        return []

    def as_sql(self, compiler, connection, **extra_context):
        path_sql, path_params = compiler.compile(self.source_expressions[0])
        quote = connection.ops.quote_name
        names = {
            "page": quote(Page._meta.db_table),
            "restriction": quote(PageViewRestriction._meta.db_table),
            "id": quote(Page._meta.pk.column),
            "path_col": quote(Page._meta.get_field("path").column),
            "alias_of_id": quote(Page._meta.get_field("alias_of").column),
            "page_id": quote(PageViewRestriction._meta.get_field("page").column),
        }
        sql = self.sql.format(path="{path}", **names)
        return sql.replace("{path}", path_sql), self.sql_params() + list(path_params) * sql.count("{path}")


# The roots of private sections, worked out from their first ones (``{first_roots}``): every alias of a page at or
# under a root is a root in turn (an alias of an alias included, and an alias of a page an editor added under an
# alias of a private section: each shows private content). Uncorrelated: PostgreSQL works the roots out once per
# statement (it keeps a CTE's rows between the rows asking; JIT off, config/settings/base.py, or compiling the plan
# costs more than running it); SQLite once per row asked, cheap while aliases are few (this site's English pages are
# translations, not aliases), quadratic with thousands (a reviewer measured 8.9 s for a whole-site query over 4,000
# pages, half of them aliases). Each row then compares its path with the roots'.
_UNDER_PRIVATE_ROOT = (
    "EXISTS (WITH RECURSIVE tree_roots (root) AS ({first_roots}"
    " UNION SELECT tree_a.{path_col} FROM {page} tree_a INNER JOIN {page} tree_o"
    " ON tree_a.{alias_of_id} = tree_o.{id} INNER JOIN tree_roots"
    " ON SUBSTR(tree_o.{path_col}, 1, LENGTH(tree_roots.root)) = tree_roots.root"
    " WHERE tree_a.{alias_of_id} > 0)"
    " SELECT 1 FROM tree_roots WHERE tree_roots.root = SUBSTR({path}, 1, LENGTH(tree_roots.root)))"
)


class InPrivateSection(_AncestorTest):
    """Whether the page is in a private section (``private_pages_exists``): the first roots are the pages with a view
    restriction."""

    sql = _UNDER_PRIVATE_ROOT.replace(
        "{first_roots}",
        "SELECT tree_rp.{path_col} FROM {restriction} tree_r INNER JOIN {page} tree_rp"
        " ON tree_r.{page_id} = tree_rp.{id}",
    )


class InSectionsOf(_AncestorTest):
    """``InPrivateSection`` for some restrictions only: the first roots are the pages ``page_ids`` (those of the
    restrictions a request did not pass: ``refused_sections``)."""

    def __init__(self, path, page_ids):
        super().__init__(path)
        self.page_ids = list(page_ids)
        # Only placeholders are added to the text: the ids are parameters.
        placeholders = ", ".join(["%s"] * len(self.page_ids))
        first_roots = "SELECT tree_rp.{path_col} FROM {page} tree_rp WHERE tree_rp.{id} IN (%s)"
        self.sql = _UNDER_PRIVATE_ROOT.replace("{first_roots}", first_roots.replace("%s", placeholders))

    def sql_params(self):
        return list(self.page_ids)


def refused_sections(pages, request):
    """``pages`` without those in a section whose restriction ``request`` does not pass (no session with its password,
    not signed in, not in its groups), nor the aliases of such pages, or of aliases of them, which show the same
    content (the rule of ``private_pages_exists``, for one request): Wagtail's API leaves out such sections by path
    only. A reader with no session and not signed in passes none (``public_pages``, no query of its own); anyone else
    costs one query for the restrictions, as Wagtail's own."""
    session = getattr(request, "session", None)
    if not request.user.is_authenticated and not (
        session and session.get(PageViewRestriction.passed_view_restrictions_session_key)
    ):
        return public_pages(pages)
    refused = [
        restriction.page_id
        for restriction in PageViewRestriction.objects.all()
        if not restriction.accept_request(request)
    ]
    return pages.exclude(InSectionsOf(models.F("path"), refused)) if refused else pages


class UnderAlias(_AncestorTest):
    """Whether the page or an ancestor is an alias."""

    sql = (
        "EXISTS (SELECT 1 FROM {page} tree_a WHERE tree_a.{alias_of_id} > 0"
        " AND tree_a.{path_col} = SUBSTR({path}, 1, LENGTH(tree_a.{path_col})))"
    )


def private_pages_exists():
    """Whether a view restriction applies to the page or an ancestor (it is in a private section), as a boolean
    expression for ``annotate`` or ``filter``; for an alias, or a page under one, also a restriction on its original
    or an ancestor of the original: an alias shows its original's content, so it is exactly as private (Wagtail's own
    ``get_view_restrictions`` and ``public()`` follow only the original's own restrictions, or none at all)."""
    return InPrivateSection(models.F("path"))


def _under_alias():
    """Whether the page or an ancestor is an alias, as a boolean expression."""
    return UnderAlias(models.F("path"))


def private_pages_q():
    """The pages in a private section (a view restriction on them or an ancestor), as one subquery.

    Wagtail's ``PageQuerySet.public()`` reads every restriction in a query of its own, each time it is called:
    five or six times per request here. The same rule as a correlated subquery (a restricted page's path is a
    prefix of the page's path) costs no query of its own.
    """
    return models.Q(private_pages_exists())


def view_restrictions(page, in_alias=None):
    """The view restrictions that apply to ``page`` (of any type), by the rule of ``private_pages_exists``: its own and
    its ancestors', and for an alias, or a page under one, its original's and the original's ancestors', and so on
    along a chain of aliases. One query, plus one per alias in the chain (none when ``in_alias`` says the page is
    under no alias, as routing found it)."""
    shown = {page.path}  # the page, and every page whose content it shows through aliases
    new = {page.path} if in_alias is not False else set()
    while new:
        originals = set(
            Page.objects.filter(path__in=_with_ancestors(new), alias_of__isnull=False).values_list(
                "alias_of__path", flat=True
            )
        )
        new = originals - shown
        shown |= new
    return PageViewRestriction.objects.filter(page__path__in=_with_ancestors(shown))


def _with_ancestors(paths):
    return {path[:length] for path in paths for length in range(Page.steplen, len(path) + 1, Page.steplen)}


def with_view_check(pages):
    """``pages`` annotated with what ``BasePage.get_view_restrictions`` needs to know without a query of its own:
    whether a view restriction applies (on the page or an ancestor), and whether it or an ancestor is an alias
    (whose original's restrictions apply, which only Wagtail's own lookup follows)."""
    return pages.annotate(view_restricted=private_pages_exists(), in_alias=_under_alias())


def routed_pages(model, served=True):
    """``model``'s pages with what their own template and head show (``routed_select_related`` and
    ``routed_prefetch_related``) and, for the page to be served (``may_serve``), their view check
    (``with_view_check``), as routing reads the page it serves."""
    from .visibility import readable_page_exists  # it reads this module's public_pages

    pages = model._default_manager.select_related(*model.routed_select_related)
    for relation in model.routed_linked_pages:
        pages = pages.defer(*linked_page_fields_deferred(relation, model._meta.get_field(relation).related_model))
        # Whether readers may open it (``base.visibility.readable_linked_page``): a link is shown only then.
        pages = pages.annotate(**{f"{relation}_readable": readable_page_exists(relation)})
    if served:
        pages = with_view_check(pages)
    return pages.prefetch_related(*model.routed_prefetch_related)


@functools.cache
def _routed_query(model, served, by):
    """``routed_pages(model, served)`` of one page, by id or (``by="child"``) as a parent's child of a slug, prepared
    once per process (base/prepared_queries.py): routing runs it at every page not kept, and building and compiling
    it cost Django more than running it."""
    from .prepared_queries import PreparedQuery
    from .visibility import hiding_hooks

    def page_by_id(pk):
        return routed_pages(model, served).filter(pk=pk)

    def child(path, depth, slug):
        return routed_pages(model, served).filter(child_of_path(path, depth), slug=slug)

    # What features hide is asked of their hooks when the query is built (``readable_page_exists``).
    if by == "child":
        fields = [Page._meta.get_field(name) for name in ("path", "depth", "slug")]
        return PreparedQuery(model, child, *fields, vary_on=hiding_hooks)
    return PreparedQuery(model, page_by_id, Page._meta.get_field("id"), vary_on=hiding_hooks)


def routed_page(model, pk, served=True):
    """``routed_pages(model, served).get(pk=pk)``, its query prepared once per process (``_routed_query``)."""
    found = _routed_query(model, served, "id").run(pk)
    if not found:
        raise model.DoesNotExist(f"No {model.__name__} {pk}")
    return found[0]


def routed_child(model, parent, slug, served=True):
    """``routed_pages(model, served).child_of(parent).get(slug=slug)``, its query prepared once per process."""
    found = _routed_query(model, served, "child").run(parent.path, parent.depth + 1, slug)
    if not found:
        raise model.DoesNotExist(f"No {model.__name__} {slug!r} under {parent.pk}")
    if len(found) > 1:  # siblings sharing a slug (pages made by code): as ``get`` would say
        raise model.MultipleObjectsReturned(f"{len(found)} {model.__name__} {slug!r} under {parent.pk}")
    return found[0]


def child_of_path(path, depth):
    """Wagtail's ``child_of`` for a parent given by its path and its children's depth, the values a query prepared once
    per process is run with (base/prepared_queries.py), where ``child_of`` asks for the parent page itself."""
    return models.Q(path__startswith=path, depth=depth)


@functools.cache
def _card_renditions_query():
    from .prepared_queries import PreparedQuery

    Rendition = get_image_model().get_rendition_model()
    return PreparedQuery(
        Rendition,
        lambda image_ids: Rendition.objects.filter(filter_spec__in=CARD_RENDITIONS, image_id__in=image_ids),
        get_image_model()._meta.pk,
    )


def attach_card_renditions(pages):
    """Give the hero images of ``pages`` (joined, ``for_cards(renditions=False)``) their card renditions, read in one
    prepared query: as the ``Prefetch`` of ``for_cards`` does, for a listing prepared once per process
    (base/prepared_queries.py, ``then``), whose query Django would otherwise build and compile at every run."""
    images = {}
    for page in pages:
        if page.hero_image_id is not None:
            images.setdefault(page.hero_image_id, []).append(page.hero_image)
    if not images:
        return
    found = {pk: [] for pk in images}
    for rendition in _card_renditions_query().run(sorted(images)):
        found[rendition.image_id].append(rendition)
    for pk, same_image in images.items():
        for number, image in enumerate(same_image):
            # Each image its own list (Wagtail adds to it a rendition it has to make), of renditions that know it as
            # their image (as a ``Prefetch`` tells them), so that reading one asks no query.
            renditions = found[pk] if number == 0 else [copy.copy(rendition) for rendition in found[pk]]
            for rendition in renditions:
                rendition.image = image
            image.prefetched_renditions = list(renditions)


def may_serve(model, path_components):
    """Whether the page of ``model`` that routing reaches by ``path_components[0]`` may be the one it serves, and so
    needs its view check: the last component's page, or a routable page whose own routes take the rest (a feed of
    the news index, not a news item below it). A page that routing only passes through is not checked (Wagtail
    checks the page it serves), and the check's two subqueries cost more to build than the rest of the page's query.
    """
    if len(path_components) == 1:
        return True
    if not issubclass(model, RoutablePageMixin):
        return False
    # As ``RoutablePageMixin.route`` asks, by the class's resolver: the page's own row is not needed to know.
    try:
        model.get_resolver().resolve("/" + "/".join(path_components[1:]) + "/")
    except Http404:
        return False
    return True


@functools.cache
def linked_page_fields_deferred(relation, model):
    """The ``defer()`` arguments that leave, of the ``model`` page joined by ``relation`` (select_related), only what a
    link to it shows: its title and its address (``url_path``, all ``{% pageurl %}`` reads). A page's row is long, its
    streams parsed as they are read: joined to show a link, most of it was read for nothing."""
    shown = {"id", "page_ptr", "title", "url_path"}
    return tuple(f"{relation}__{field.name}" for field in model._meta.concrete_fields if field.name not in shown)


def passed_through(page):
    """A page of ``BasePage``'s types that routing only passes through (not ``may_serve``), in its own class without
    a query: its route reads only the tree's fields (path, depth), which the plain page holds, and the page it
    serves shows of its parent only its address. Its own row, read as the page served is, cost a query at every
    page below a section index."""
    return page.specific_deferred


def without_aliases_of_others(pages):
    """``pages`` without the aliases, and pages under an alias, whose original is not among ``pages``: for a set of
    pages that some reader may see (the API's live pages of the site), the aliases of what it leaves out (an original
    not live: an importer's update), which show the same content, are left out with it. Restrictions along chains of
    aliases are ``refused_sections``'."""
    cut_off = Page.objects.filter(path=Substr(OuterRef("path"), 1, Length("path")), alias_of__isnull=False).exclude(
        alias_of__in=pages.values("pk")
    )
    return pages.exclude(Exists(cut_off))


def public_pages(pages):
    """``pages`` (a queryset of any page type) outside private sections, in the same query."""
    return pages.exclude(private_pages_q())


def searchable_public_pages(pages):
    """``public_pages`` for a queryset to be searched: the search backends filter only on the fields a page type
    indexes (``FilterField``), so the rule is asked as the ids of the private pages, in the same query."""
    return pages.exclude(pk__in=Page.objects.filter(private_pages_q()).values("pk"))


class PublicPageQuerySet(PageQuerySet):
    """Pages whose ``public()`` adds a subquery instead of running a query (``private_pages_q``)."""

    def private_q(self):
        return private_pages_q()

    def in_bulk(self, id_list=None, *, field_name="pk"):
        """Django's, without the page manager's ordering by path: the answer is a dict. Ordered, Django compiled an
        ORDER BY for nothing, and to do so made every selected column hashable, a signature bound per column: for
        the pages a block's page choosers name (a map's programmes and projects), half the cost of their query."""
        # Not where the order says something: which row DISTINCT ON keeps; nor on a slice, which Django refuses.
        if self.query.order_by and not self.query.distinct_fields and not self.query.is_sliced:
            return self.order_by().in_bulk(id_list, field_name=field_name)
        return super().in_bulk(id_list, field_name=field_name)

    def for_cards(self, renditions=True):
        """Ready for includes/card.html: the hero image joined, its card renditions prefetched, no streams. Without
        ``renditions`` for a prepared listing, which reads them with ``attach_card_renditions``."""
        pages = self.select_related("hero_image").defer_streamfields()
        if not renditions:
            return pages
        found = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
        return pages.prefetch_related(Prefetch("hero_image__renditions", queryset=found))

    def shown_on_cards(self):
        """Only the columns that a card of this page type shows: ``CARD_FIELDS`` and the type's ``card_fields``. A
        page's row is long (a dozen dates among its columns, each converted as it is read): for a listing of cards,
        building the query and the pages from it cost Django more than what the cards show. For the listings that
        show only cards (and their maps' lists of places), not for those whose pages go elsewhere (feeds, open data).
        """
        return self.only(*CARD_FIELDS, *self.model.card_fields)


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

    # What a page's own template and head show of its relations, fetched with it when a request is routed to it.
    routed_select_related = ("locale", "hero_image")
    routed_prefetch_related = ()
    # Of those, the pages of which the template shows only a link (``linked_page_fields_deferred``), if readers may
    # open them (``base.visibility.readable_linked_page``, known from the same query).
    routed_linked_pages = ()
    # What this type's card adds to CARD_FIELDS (``PublicPageQuerySet.shown_on_cards``).
    card_fields = ()

    # The query parameters by which a reader narrows what ``listing_of`` lists (?tag=, ?theme=…): a listing so
    # narrowed is no page for search engines (``filtered_listing``, search/templatetags/seo_tags.py).
    listing_filters = ()

    @classmethod
    def listing_of(cls, page):
        """What ``page``, of this type, lists page by page (``?page=N``) before a reader's filters: a queryset, or
        None.

        ``page`` may be a plain ``Page`` row, as the chrome reads a translation: only its locale, path and depth
        are read. The hreflang links of a later page ask it of each translation, to name a language only if its
        listing has that page (``alternate_links``).
        """
        return None

    def route(self, request, path_components):
        """Wagtail's route, with the child's specific row read with ``routed_select_related`` of its type.

        Wagtail reads the child as a plain page, then its specific row, then each relation its template shows
        (language, hero image), one query each: here the last ones come with the specific row.
        """
        if not path_components:
            return super().route(request, path_components)
        try:
            child = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist as error:
            raise Http404 from error
        model = child.specific_class
        if model is None or not issubclass(model, BasePage):
            child = child.specific
        elif not may_serve(model, path_components):
            child = passed_through(child)
        else:
            child = routed_page(model, child.pk)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, and, for an alias or a page under one, those of its
        original and the original's ancestors (the rule of ``private_pages_exists``): none without a query when the
        page was routed here knowing there are none (``with_view_check``), else in one query where Wagtail's runs
        two.

        Wagtail maps an alias to its original's own restrictions only: an alias, in a public section, of a page in
        a private one was served to anyone, with the private page's content.
        """
        if getattr(self, "view_restricted", None) is False:
            # The same rule, aliases' chains included, found none as the page was routed.
            return PageViewRestriction.objects.none()
        return view_restrictions(self, in_alias=getattr(self, "in_alias", None))

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

    def route(self, request, path_components):
        """A child of the index's one page type, found in one query, with its ``routed_select_related`` (and
        ``routed_prefetch_related``). A child of another type (or no child) is left to ``BasePage.route``."""
        child_models = type(self).allowed_subpage_models()
        if path_components and len(child_models) == 1 and issubclass(child_models[0], BasePage):
            model = child_models[0]
            try:
                child = routed_child(model, self, path_components[0], served=may_serve(model, path_components))
            except model.DoesNotExist:
                pass
            else:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


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


class PlaceQuerySet(PublicPageQuerySet):
    def with_place(self):
        """The pages whose location is set: what SQL can tell of ``PlaceMixin.has_place``, the one definition of a
        place. The editor saves only valid points (``place_errors``), so these are the pages with a place; what is
        drawn from them (maps, GeoJSON, CSV) still asks ``has_place``, for a row written some other way."""
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
    def _parsed_point(self):
        """(lat, lng) parsed from wagtailgeowidget's "SRID=4326;POINT(lng lat)" string, or None."""
        parsed = geosgeometry_str_to_struct(self.location or "")
        if not parsed:
            return None
        try:
            return float(parsed["y"]), float(parsed["x"])
        except ValueError:
            return None

    @cached_property
    def point(self):
        """(lat, lng) of the page's place, or None: the location parsed, on the globe."""
        parsed = self._parsed_point
        if parsed and -90 <= parsed[0] <= 90 and -180 <= parsed[1] <= 180:
            return parsed
        return None

    @property
    def has_place(self):
        """Whether the page is somewhere a map can show: the one definition of a place (``with_place`` is its SQL
        side)."""
        return self.point is not None

    @property
    def lat(self):
        return self.point[0] if self.point else None

    @property
    def lng(self):
        return self.point[1] if self.point else None

    def place_errors(self):
        """What is wrong with the location, as {field: message} for ``clean()``."""
        if self.location and not self._parsed_point:
            return {"location": _("This is not a valid point: pick the place on the map.")}
        if self.location and not self.point:
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
    # The admin's search box finds a contact by the start of its name or its role ("anna", "stampa").
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.AutocompleteField("role"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class SiteSettingsForm(WagtailAdminModelForm):
    """The settings form, which also refuses a language whose texts someone else added since the form was opened.

    The formset checks its own rows against each other only: the stored row of a language added meanwhile (two
    Moderators adding English at once) would break the one-row-per-language constraint when saved, a server error.
    """

    def is_valid(self):
        valid = super().is_valid()
        texts = self.formsets.get("texts")
        if not valid or texts is None or self.instance.pk is None:
            return valid
        in_form = [form.instance.pk for form in texts.forms if form.instance.pk]
        stored = set(
            SiteSettingsText.objects.filter(site_settings=self.instance)
            .exclude(pk__in=in_form)
            .values_list("locale_id", flat=True)
        )
        for form in texts.forms:
            locale = form.cleaned_data.get("locale")
            if (
                form.instance.pk is None
                and locale is not None
                and locale.pk in stored
                and not texts._should_delete_form(form)
            ):
                form.add_error(
                    "locale",
                    _("Someone else has added the texts in %(language)s meanwhile: reload the page to change them.")
                    % {"language": locale.get_display_name()},
                )
                valid = False
        return valid


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

    base_form_class = SiteSettingsForm

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """Wagtail's: the settings of ``site``, made when missing; for no site (a host that names no site while
        none is the default), empty settings, unsaved, so that the 404 page such a request gets can still be drawn
        (Wagtail raised: a 500)."""
        if site is None:
            return cls()
        return super().for_site(site)

    @classmethod
    def for_request(cls, request):
        """Wagtail's (kept on the request), with the settings and their texts read from the site cache
        (``base/site_cache.py``, renewed when settings, a text, a site or a Locale change): two queries fewer per page.

        Not in the admin, whose settings form reads them from the database (``for_site``) to save them: there,
        as every request of the admin, they are read afresh as in Wagtail."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        if request.path.startswith(reverse("wagtailadmin_home")):
            return super().for_request(request)
        site = Site.find_for_request(request)
        site_settings = site_settings_for(cls, site) if site is not None else cls.for_site(None)
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

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
