"""Small presentation helpers for the site's templates (no database access)."""

import itertools
import re

from django import template
from django.conf import settings
from django.utils import dateformat
from django.utils.translation import get_language, pgettext

register = template.Library()

_counter = itertools.count(1)


@register.filter
def as_list(value):
    """Wrap one object in a list, e.g. to show a single project on the map fragment."""
    return [value] if value else []


@register.filter
def padded_to(items, columns):
    """items cut or padded with empty strings to len(columns): one table cell per column."""
    items = list(items or [])
    size = len(columns or [])
    return (items + [""] * size)[:size]


# A number and its unit or currency read as one word: "1 milione €" must not end a line with a lone "€".
_UNIT_SPACE = re.compile(r"(?<=\d) (?=[^\W\d])|(?<=\d) (?=[€%])|(?<=[€≈~]) (?=\d)|(?<=\w) (?=€)")


@register.filter
def keep_units(value):
    """The spaces inside a figure ("≈ 1,69 milioni €", "€ 100.000") made non-breaking; escaping is left to Django."""
    return _UNIT_SPACE.sub("\u00a0", str(value)) if value else value


@register.simple_tag(takes_context=True)
def unique_id(context, prefix="id"):
    """An id unique within the page, for aria-labelledby and friends."""
    request = context.get("request")
    if request is not None:
        number = getattr(request, "_torino_ids", 0) + 1
        request._torino_ids = number
    else:
        number = next(_counter)
    return f"{prefix}-{number}"


@register.simple_tag
def page_links(page_obj, on_each_side=2, on_ends=1):
    """The page numbers to link to, with None for each gap: [{number, current}]."""
    paginator = page_obj.paginator
    links = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends):
        if number == paginator.ELLIPSIS:
            links.append({"number": None, "current": False})
        else:
            links.append({"number": number, "current": number == page_obj.number})
    return links


# Languages that write month names in lower case ("8 aprile 2016"), unlike Django's Italian catalogue.
_LOWER_CASE_MONTHS = {"it", "fr", "es", "pt", "ca"}


@register.filter
def long_date(value, precision="day"):
    """A date in words for the active language: "8 April 2016", "8 aprile 2016"; to the month
    ("April 2016") or the year ("2016") when that is all the date is known to (a key figure's source)."""
    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        text = dateformat.format(value, pgettext("month and year format", "F Y"))
    else:
        text = dateformat.format(value, pgettext("long date format", "j F Y"))
    if (get_language() or "").split("-")[0] in _LOWER_CASE_MONTHS:
        text = text.lower()
    return text


@register.filter
def datetime_attribute(value, precision="day"):
    """The machine-readable date of a <time> element, as precise as the date is known: 2016-04-08, 2016-04, 2016."""
    if not value:
        return ""
    return dateformat.format(value, {"year": "Y", "month": "Y-m"}.get(precision, "Y-m-d"))


@register.simple_tag
def image_description_language():
    """The language of image descriptions, when it is not the page's: "" on Italian pages, "it" on English ones.

    Images are shared by both languages and their description, the alternative text of hero
    images, is written once, in the site's default language. Marking it with lang="it" on an
    English page lets screen readers pronounce it as Italian (WCAG 2.1, 3.1.2 Language of Parts).
    """
    default = settings.LANGUAGE_CODE
    return default if (get_language() or default).split("-")[0] != default else ""
