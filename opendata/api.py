"""Wagtail's read-only API v2, for live, public pages only (news under embargo left out).

Served at /api/v2/: /api/v2/pages/?type=projects.ProjectPage&fields=summary,latitude,longitude&locale=en.
Only the pages endpoint is published: images and documents are reached through the pages that
use them, so nothing kept in the library for later (or for editors only) is listed.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from news.models import without_embargoed


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Used for listings, detail and find alike, and for child_of/descendant_of filters.
        return without_embargoed(super().get_base_queryset())

    def get_queryset(self):
        # Every item's meta names its language: fetch the locales with the pages, not one query each.
        return super().get_queryset().select_related("locale")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
