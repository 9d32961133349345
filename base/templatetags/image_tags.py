"""Wagtail's ``{% image %}``, ``{% srcset_image %}`` and ``{% picture %}``, with each tag's filter specs parsed once.

Same syntax and output as ``wagtailimages_tags``. Wagtail's nodes make new ``Filter`` objects at every render, and
each one parses its spec again, asking every ``register_image_operations`` hook for the operations: a card's
``fill-{400x225,800x450} format-{webp,jpeg}`` is four parses, a listing of nine cards 36, at every request. A node
is made once per template (Django keeps compiled templates), so its filters are kept on it. A ``Filter`` holds
only its spec and parsed operations, which no render changes.
"""

from django import template
from django.utils.functional import cached_property
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
    pass


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
