"""Wagtail's read-only API v2, for live, public pages only (news under embargo left out).

Served at /api/v2/: /api/v2/pages/?type=projects.ProjectPage&fields=summary,latitude,longitude&locale=en.
Only the pages endpoint is published: images and documents are reached through the pages that
use them, so nothing kept in the library for later (or for editors only) is listed.
"""

from django.core.exceptions import FieldDoesNotExist
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.models import AbstractImage

from news.models import without_embargoed


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Used for listings, detail and find alike, and for child_of/descendant_of filters.
        return without_embargoed(super().get_base_queryset())

    def get_queryset(self):
        """The pages with what their API fields read from other tables, so that a listing costs the same
        number of queries for 2 items or 20: every item's meta names its language (locale), and with
        ``type=`` and ``fields=`` each relation among the type's api_fields is fetched once for all items
        (a project's programme, district and themes, a news item's picture, tags and related pages)."""
        queryset = super().get_queryset().select_related("locale")
        joined, prefetched = [], []
        for api_field in getattr(queryset.model, "api_fields", []):
            try:
                field = queryset.model._meta.get_field(api_field.name)
            except FieldDoesNotExist:
                continue  # a property such as a project's latitude
            if field.many_to_one:
                joined.append(field.name)
                if issubclass(field.related_model, AbstractImage):  # served as a rendition
                    prefetched.append(f"{field.name}__renditions")
            elif field.many_to_many:
                prefetched.append(field.name)
        return queryset.select_related(*joined).prefetch_related(*prefetched)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
