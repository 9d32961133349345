"""Wagtail's ``{% image %}``, ``{% srcset_image %}`` and ``{% picture %}``, with each tag's filter specs parsed once.

Same syntax and output as ``wagtailimages_tags``. Wagtail's nodes make new ``Filter`` objects at every render, and
each one parses its spec again, asking every ``register_image_operations`` hook for the operations: a card's
``fill-{400x225,800x450} format-{webp,jpeg}`` is four parses, a listing of nine cards 36, at every request. A node
is made once per template (Django keeps compiled templates), so its filters are kept on it. A ``Filter`` holds
only its spec and parsed operations, which no render changes.

``{% picture %}`` also writes its markup itself (``picture_html``): Wagtail's ``Picture`` asks each rendition's address
of the storage once per mention (the fallback's twice) and joins the attributes with ``format_html_join``, escaping
each value through Django's lazy-aware wrappers. For a listing of nine cards that was a sixth of a page rendered
afresh. The markup is Wagtail's to the byte (tests/base/test_image_tags.py compares them).
"""

import html

from django import template
from django.apps import apps
from django.utils.functional import Promise, cached_property
from django.utils.safestring import mark_safe
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class ImageNode(wagtail_tags.ImageNode):
    @cached_property
    def _filter(self):
        return super().get_filter()

    def get_filter(self):
        return self._filter


class SrcsetImageNode(wagtail_tags.SrcsetImageNode):
    @cached_property
    def _filters(self):
        return super().get_filters()

    def get_filters(self):
        return self._filters


class PictureNode(SrcsetImageNode, wagtail_tags.PictureNode):
    def render(self, context):
        if self.output_var_name:
            return super().render(context)  # Wagtail's: the ``Picture`` object itself is asked for
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        return picture_html(Picture(renditions, {key: value.resolve(context) for key, value in self.attrs.items()}))


def _escape(value):
    """Django's ``conditional_escape``, without its wrapper's search of every argument for lazy strings."""
    if isinstance(value, Promise):
        value = str(value)  # as Django's wrapper does first: a lazy value may give safe markup
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attributes(attrs):
    """Django's ``flatatt``: the valued attributes sorted, then the true boolean ones; None and False left out."""
    valued = sorted((key, value) for key, value in attrs.items() if value is not None and not isinstance(value, bool))
    flags = sorted(key for key, value in attrs.items() if value is True)
    return "".join(f' {_escape(key)}="{_escape(value)}"' for key, value in valued) + "".join(
        f" {_escape(key)}" for key in flags
    )


def picture_html(picture):
    """The markup of Wagtail's ``picture.__html__()`` (a ``Picture``: its renditions grouped by format, its attributes),
    each rendition's address asked of the storage once."""
    urls = {}

    def url(rendition):
        if id(rendition) not in urls:
            urls[id(rendition)] = rendition.url
        return urls[id(rendition)]

    def srcset(group):
        return url(group[0]) if len(group) == 1 else ", ".join(f"{url(r)} {r.width}w" for r in group)

    def img(rendition, attrs):
        # ``AbstractRendition.img_tag``: its own attributes, Wagtail's defaults, then the tag's.
        own = {"src": url(rendition), "width": rendition.width, "height": rendition.height, "alt": rendition.alt}
        return f"<img{_attributes({**own, **apps.get_app_config('wagtailimages').default_attrs, **attrs})}>"

    attrs = picture.attrs or {}
    if not picture.formats:
        # One format (or none named): a plain <img> with its srcset.
        group = picture.renditions
        if len(group) > 1:
            attrs = {**attrs, "srcset": srcset(group)}
        return mark_safe(f"<picture>{img(group[0], attrs)}</picture>")  # noqa: S308 (every value escaped)
    fallback = picture.get_fallback_format()
    sources = "".join(
        "<source{}>".format(
            _attributes(
                {"srcset": srcset(picture.formats[fmt.name]), "sizes": attrs.get("sizes"), "type": fmt.mime_type}
            )
        )
        for fmt in picture.source_format_order
        if fmt.name != fallback and fmt.name in picture.formats
    )
    group = picture.formats[fallback]
    if len(group) > 1:
        attrs = {**attrs, "srcset": srcset(group)}
    return mark_safe(f"<picture>{sources}{img(group[0], attrs)}</picture>")  # noqa: S308 (every value escaped)


_NODES = {
    wagtail_tags.ImageNode: ImageNode,
    wagtail_tags.SrcsetImageNode: SrcsetImageNode,
    wagtail_tags.PictureNode: PictureNode,
}


def image(parser, token):
    """Wagtail's parser (its checks and errors), then the same node with its filters kept."""
    node = wagtail_tags.image(parser, token)
    return _NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
