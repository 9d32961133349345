"""API fields: the pages a page names, given as Wagtail gives a related page (id, type, API address, title), only
those readers may open; and rich text, as readers read it on the page."""

import functools

from django.utils import translation
from rest_framework import serializers
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer, get_serializer_class
from wagtail.fields import RichTextField

from .rich_text_links import rich_text_as_read
from .visibility import readable_linked_page


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


class RichTextAPIField(serializers.CharField):
    """A ``RichTextField`` in the API, as readers read it (``rich_text_as_read``); ``ReaderPageSerializer`` gives it
    to every one, so a type's ``api_fields`` name it as any other field. A ``CharField`` for the arguments DRF
    builds a text column's field with."""

    def __init__(self, **kwargs):
        kwargs.pop("required", None)  # DRF refuses it on a read-only field
        super().__init__(**{**kwargs, "read_only": True})

    def to_representation(self, value):
        return rich_text_as_read(value)


class ReadableAliasOfField(PageAliasOfField):
    """A page's ``meta.alias_of``, the page it is an alias of, only if readers may open it: Wagtail's named it
    whatever it was (an alias in a public section of a page in a private one). Else null, as for a page that is no
    alias; the alias itself is public, and shows its content already."""

    def get_attribute(self, instance):
        return readable_linked_page(instance, "alias_of")


class ReaderPageSerializer(PageSerializer):
    """The API's page, with its rich text as readers read it (``RichTextAPIField`` for every ``RichTextField``; the
    body's rich-text blocks are ``base.blocks.RichTextBlock``), in the page's language whatever the request's
    (``Accept-Language`` would otherwise choose the translation a page link leads to, in an answer cached once), and
    naming the page it is an alias of only if readers may open it."""

    serializer_field_mapping = {**PageSerializer.serializer_field_mapping, RichTextField: RichTextAPIField}
    alias_of = ReadableAliasOfField(read_only=True)

    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)
