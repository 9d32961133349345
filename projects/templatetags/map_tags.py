"""The list of places under a map (includes/map.html), built in one tag.

As a template looping over the places, each place cost about a fifth of a millisecond of Django's template engine
(a dozen variables, filters and conditions per place): a whole programme's or the whole city's list was a tenth of
a page's time whenever nothing was kept. The markup is the template's, written out here with ``format_html`` (one
place per line, without the template's indentation).
"""

from django import template
from django.template.defaultfilters import truncatewords
from django.templatetags.l10n import unlocalize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import pageurl

from base.templatetags.display_tags import keep_units_in_text

register = template.Library()


def _place(context, place, current_pk):
    """One place's <li>: the current page's without a link to itself, its address instead of its summary."""
    coordinates = (
        format_html(' data-lat="{}" data-lng="{}"', unlocalize(place.lat), unlocalize(place.lng))
        if place.has_place
        else ""
    )
    if place.pk == current_pk:
        address = format_html('<p class="place__meta" data-place-meta>{}</p>', place.address) if place.address else ""
        return format_html(
            '<li class="place"{} data-title="{}"><p class="place__title">{}</p>{}</li>',
            coordinates,
            place.title,
            place.title,
            address,
        )
    url = pageurl(context, place)
    programme = place.public_programme
    programme = format_html("{} · ", programme.title) if programme else ""
    summary = (
        format_html('<p class="place__summary">{}</p>', keep_units_in_text(truncatewords(place.summary, 30)))
        if place.summary
        else ""
    )
    return format_html(
        '<li class="place"{} data-title="{}" data-url="{}">'
        '<a class="place__title" href="{}">{}</a><p class="place__meta" data-place-meta>{}{}</p>{}</li>',
        coordinates,
        place.title,
        url,
        url,
        place.title,
        programme,
        place.get_status_display(),
        summary,
    )


@register.simple_tag(takes_context=True)
def place_list(context, places):
    """The <ul> of ``places`` (ProjectPages: title, address, place, summary, status, programme), each with
    data-lat/data-lng for map.js's markers. The current page (``page``), if it is one of them, has no link."""
    current_pk = getattr(context.get("page"), "pk", None)
    items = "\n".join(_place(context, place, current_pk) for place in places)
    return mark_safe(f'<ul class="place-list">\n{items}\n</ul>')  # noqa: S308 (each item is format_html's)
