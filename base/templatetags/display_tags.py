"""Small presentation helpers for the site's templates (no database access)."""

import itertools
import re

from django import template
from django.conf import settings
from django.utils import dateformat
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe
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


# A number and its unit or currency read as one word: "1 milione €" must not end a line with a lone "€", nor
# "≈ 1.000 m²" with a lone "≈".
_UNIT_SPACE = re.compile(r"(?<=\d) (?=[^\W\d])|(?<=\d) (?=[€%])|(?<=[€≈~<>+±]) (?=\d)|(?<=\w) (?=€)")
# After that, a figure is a run of characters without an ordinary space that holds a digit.
_FIGURE = re.compile(r"[^ \t\r\n]*\d[^ \t\r\n]*")


@register.filter
def keep_units(value):
    """The spaces inside a figure ("≈ 1,69 milioni €", "€ 100.000") made non-breaking; escaping is left to Django.
    For running text (a note): the words around the figure still wrap."""
    return _UNIT_SPACE.sub("\u00a0", str(value)) if value else value


@register.filter
def figure(value):
    """A key figure's value as HTML in which each number with its unit is one unbreakable unit.

    The spaces of keep_units are not enough on their own: a narrow card lets long words wrap anywhere
    (overflow-wrap), which cut "≈ 1.000 m²" after its "m". Each number with its sign and unit is wrapped in
    <span class="nowrap"> (white-space: nowrap, on screen, in print and in the PDF), so only the ordinary
    spaces between other words of the value may break. The value is escaped."""
    if not value:
        return value
    joined = _UNIT_SPACE.sub("\u00a0", str(value))
    parts, last = [], 0
    for match in _FIGURE.finditer(joined):
        parts.append(escape(joined[last : match.start()]))
        parts.append(format_html('<span class="nowrap">{}</span>', match.group()))
        last = match.end()
    parts.append(escape(joined[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part is escaped above)


# In running text, only a number followed by a unit or a magnitude (or a currency or "≈" before a number) is
# joined: "nel 2016 Torino" keeps its ordinary space.
_TEXT_UNIT_SPACE = re.compile(
    r"(?<=\d) (?=(?:m²|m³|km²|km|cm|mm|kg|kWh|kW|MW|GWh|%|€|euro|milion[ei]|miliard[oi]|mila|million|billion"
    r"|thousand)(?![^\W_]))|(?<=[€≈~]) (?=\d)"
)


@register.filter(is_safe=True)
def keep_units_in_text(value):
    """HTML (rich text) with a non-breaking space between each number and its unit ("1.000 m²", "€ 2", "2 milioni").
    Only spaces change, so safe HTML stays safe; a space between a digit and a unit occurs in no tag."""
    if not value:
        return value
    joined = _TEXT_UNIT_SPACE.sub("\u00a0", str(value))
    return mark_safe(joined) if isinstance(value, SafeData) else joined  # noqa: S308 (only spaces changed)


@register.filter
def email_address(value):
    """An e-mail address as HTML that a narrow screen breaks only after its "@" or before a dot
    ("ufficio.stampa@" / "comune.torino.it"), never inside a word: <wbr> marks those places, and the
    stylesheet lets a word break elsewhere only when even a whole line cannot hold it. Escaped."""
    if not value:
        return value
    parts = re.split(r"(@|\.)", str(value))
    html = []
    for part in parts:
        if part == "@":
            html.append("@<wbr>")
        elif part == ".":
            html.append("<wbr>.")
        else:
            html.append(escape(part))
    return mark_safe("".join(html))  # noqa: S308 (every part is escaped)


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
