"""The output side of base/validators.py: what the checks refuse at input never reaches a page as a link.

Values stored before the checks existed, or written straight to the database, are caught here.
"""

from django import template
from django.utils.safestring import mark_safe

from base.validators import url_problem, without_unsafe_links

register = template.Library()


@register.filter
def safe_url(value):
    """``value`` if it is a safe link for an ``href``, else an empty string."""
    return value if url_problem(value) is None else ""


@register.filter
def safe_rich_text(html):
    """Expanded rich text (already HTML) with any unsafe ``href`` taken off its link."""
    return mark_safe(without_unsafe_links(html))  # noqa: S308 - the input is Wagtail's rendered rich text
