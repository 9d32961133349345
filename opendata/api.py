"""Wagtail's read-only API v2, for live, public pages only (news under embargo left out).

Served at /api/v2/: /api/v2/pages/?type=projects.ProjectPage&fields=summary,latitude,longitude&locale=en.
Only the pages endpoint is published: images and documents are reached through the pages that
use them, so nothing kept in the library for later (or for editors only) is listed. Full-text
search is off (WAGTAILAPI_SEARCH_ENABLED): the site search at /cerca/ and /en/search/ is the one
that cleans what readers type. A parameter the API cannot use answers 400, never 500.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists
from django.http import Http404
from django.utils import translation
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Locale, Page, Site

from base.api_fields import ReaderPageSerializer
from base.columns import column_field, fits_column
from base.models import refused_sections, without_aliases_of_others
from base.visibility import readable_page_exists, readable_pages, readable_related_prefetch, visible_pages

# Far beyond any listing this site will have, and within every database's integers.
MAX_OFFSET = 2**31 - 1


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (?date=, ?programme=, ?themes=…), with every value checked first.

    Wagtail converts booleans and plain integers itself, but a date, a datetime, a related page's id
    or a theme's id reach the database as typed: the query then fails with a 500 (?date=x,
    ?themes=x, ?programme=99999999999999999999). Checked here with the field's own conversion and
    the database's range, such a value answers 400 before any query runs.

    A filter naming a page (``?programme=``, ``?related_programmes=``, ``?alias_of=``) matches nothing when readers
    may not open that page (``base.visibility.readable_pages``), the answer to an id that names no page; one naming a
    snippet with drafts (``?themes=``, ``?district=``), when it is not published.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        named = {}
        for name, value in request.GET.items():
            if name in fields:
                named[name] = self.check_value(queryset.model, name, value)
        queryset = super().filter_queryset(request, queryset, view)
        for name, value in named.items():
            field = queryset.model._meta.get_field(name)
            if (field.many_to_one or field.many_to_many) and issubclass(field.related_model, Page):
                # ?programme=<id> of a programme readers may not open (a draft, private, a release under embargo)
                # listed its public projects, confirming the page; it matches nothing, as an id naming no page does.
                # In the same query (an Exists with no outer reference).
                queryset = queryset.filter(Exists(readable_pages(Page.objects.filter(pk=value))))
            elif (field.many_to_one or field.many_to_many) and issubclass(field.related_model, DraftStateMixin):
                # ?themes=<id> or ?district=<id> of a snippet not published (a draft theme) is no theme readers know:
                # the projects it listed confirmed it, though their own answers leave it out.
                queryset = queryset.filter(Exists(field.related_model.objects.filter(pk=value, live=True)))
        return queryset

    @staticmethod
    def check_value(model, name, value, what="field filter error"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return value
        if isinstance(field, (TaggableManager, models.BooleanField)):
            return value  # tags are filtered by name; Wagtail parses booleans ("true", "false") itself
        if field.many_to_many:
            field = field.related_model._meta.pk
        # A page's primary key is itself a relation (page_ptr to wagtailcore.Page): its column is Page's id.
        field = column_field(field)
        try:
            python_value = field.to_python(value)
        except ValidationError as error:
            raise BadRequestError(f"{what}. {value!r} is not a valid value for {name}") from error
        if python_value is None:  # "" for a number: to_python calls it empty, the database cannot take it
            raise BadRequestError(f"{what}. {value!r} is not a valid value for {name}")
        if isinstance(python_value, int) and not fits_column(field, python_value):
            raise BadRequestError(f"{what}. {value!r} is out of range for {name}")
        return python_value


class CheckedPagination(WagtailPagination):
    """Wagtail's offset and limit, with an offset no database integer overflows on."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdecimal() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        CheckedFieldsFilter if backend is FieldsFilter else backend for backend in PagesAPIViewSet.filter_backends
    ]
    pagination_class = CheckedPagination
    base_serializer_class = ReaderPageSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses a NUL character in any query: a NUL in a filter (?slug=, ?locale=…) is bad input.
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise BadRequestError("query parameters cannot contain NUL characters")

    def get_base_queryset(self):
        # Used for listings, detail and find alike, and for child_of/descendant_of filters.
        try:
            queryset = super().get_base_queryset()
        except (Site.DoesNotExist, ValueError) as error:  # ?site=nope, ?site=host:not-a-port
            raise BadRequestError("site doesn't exist") from error
        # Wagtail leaves out the sections whose restrictions this request does not pass, but not the aliases of
        # their pages elsewhere, which show the same content.
        return visible_pages(without_aliases_of_others(refused_sections(queryset, self.request)))

    def find_object(self, queryset, request):
        """?html_path= in any language: /en/news/ is routed from the English home page, not the Italian one.

        Wagtail's own lookup routes every path from the Site's root page, the Italian home page.
        """
        site = Site.find_for_request(request)
        path = request.GET.get("html_path")
        if path is None or site is None:
            if "id" in request.GET:
                # Wagtail hands ?id= to queryset.get() as typed: "abc", "1.5", "" were a 500 (ValueError).
                CheckedFieldsFilter.check_value(queryset.model, "id", request.GET["id"], what="find error")
            return super().find_object(queryset, request)
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        components = [component for component in path.split("/") if component]
        if language != settings.LANGUAGE_CODE:
            components = components[1:]  # the language prefix
        locale = Locale.objects.filter(language_code=language).first()
        root = site.root_page.get_translation_or_none(locale) if locale is not None else None
        if root is None:
            return None
        try:
            with translation.override(language):
                page, _args, _kwargs = root.specific.route(request, components)
        except Http404:
            return None
        return queryset.filter(pk=page.pk).first()

    def get_queryset(self):
        """The pages with what their API fields read from other tables, so that a listing costs the same
        number of queries for 2 items or 20: every item's meta names its language (locale), and with
        ``type=`` and ``fields=`` each relation among the type's api_fields is fetched once for all items
        (a project's programme, district and themes, a news item's picture, tags and related pages).

        Of a related page, also whether readers may open it, which is all the API names (``base.visibility``: the
        type's field gives ``public_programme``, ``public_related_projects``…), in the same queries."""
        queryset = super().get_queryset().select_related("locale")
        model = queryset.model
        joined, prefetched, checked = [], [], {}
        for api_field in getattr(model, "api_fields", []):
            try:
                field = model._meta.get_field(api_field.name)
            except FieldDoesNotExist:
                continue  # a property such as a project's latitude
            pages = field.is_relation and issubclass(field.related_model, Page)
            if field.many_to_one:
                joined.append(field.name)
                if issubclass(field.related_model, AbstractImage):  # served as a rendition
                    prefetched.append(f"{field.name}__renditions")
                if pages:
                    checked[f"{field.name}_readable"] = readable_page_exists(field.name)
            elif field.many_to_many:
                prefetched.append(readable_related_prefetch(model, field.name) if pages else field.name)
        return queryset.select_related(*joined).prefetch_related(*prefetched).annotate(**checked)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
