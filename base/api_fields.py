"""API fields for the pages a page names, given as Wagtail gives a related page: id, type, API address, title."""

import functools

from rest_framework import serializers
from wagtail.api.v2.serializers import PageSerializer, get_serializer_class


@functools.cache
def _nested_serializer(model):
    # What Wagtail's API shows of a related page (PagesAPIViewSet.nested_default_fields).
    return get_serializer_class(
        model, ["id", "type", "detail_url", "title"], meta_fields=["type", "detail_url"], base=PageSerializer
    )


class LinkedPagesField(serializers.Field):
    """A page, or a list of pages, named in the API. Its ``source`` gives only what readers may see (a model's
    ``public_*``, ``base.visibility.readable_pages``): the field shows what it is given."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def _page(self, page):
        return _nested_serializer(type(page))(context=self.context).to_representation(page)

    def to_representation(self, value):
        if isinstance(value, list | tuple):
            return [self._page(page) for page in value]
        return self._page(value)
