"""Dates in wagtail-localize's translation editor in the admin user's language.

wagtail-localize writes its dates with ``strftime("%-d %B %Y")``, whose month names are always English, inside
sentences it translates: an Italian editor read "Tradotto manualmente il 5 December 2026". The editor's data
(``props``, JSON) and the answer to saving a string pass through code of ours (the template
``wagtail_localize/admin/edit_translation.html`` and ``translation_guards.checked_string_translation``); there
each comment and the last publication date are written again with Django's date format in the active
language, which in the admin is the user's. The sentences themselves are wagtail-localize's, with its
translations.
"""

import json

from django.utils import formats
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from wagtail_localize.models import StringSegment, StringTranslation, Translation


def long_date(value):
    """The day in the admin's current time zone (Turin's, unless the editor chose another), as the admin shows dates:
    the stored time is UTC."""
    return formats.date_format(template_localtime(value), "j F Y")


def comment(string_translation):
    """What ``StringTranslation.get_comment`` says, with the date in the active language."""
    date = long_date(string_translation.updated_at)
    if string_translation.tool_name:
        return gettext("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return gettext("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return gettext("Machine translated on {date}").format(date=date)
    return None


def _stored(serialized, locale):
    """{segment id: StringTranslation} for serialized string translations, in two queries."""
    segment_ids = [item.get("segment_id") for item in serialized if item.get("segment_id")]
    segments = {
        segment.pk: (segment.string_id, segment.context_id)
        for segment in StringSegment.objects.filter(pk__in=segment_ids).only("pk", "string_id", "context_id")
    }
    stored = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in=[string_id for string_id, _context in segments.values()],
            context_id__in=[context_id for _string, context_id in segments.values()],
        )
    }
    return {pk: stored.get(key) for pk, key in segments.items()}


def localise_string_translations(serialized, locale):
    """``serialized`` (StringTranslationSerializer data) with each comment's date in the active language."""
    stored = _stored(serialized, locale)
    for item in serialized:
        string_translation = stored.get(item.get("segment_id"))
        if string_translation is not None and item.get("comment"):
            item["comment"] = comment(string_translation)
    return serialized


def localise_props(props, translation, instance):
    """The translation editor's ``props`` (JSON) with its dates in the active language."""
    data = json.loads(props)
    localise_string_translations(data.get("initialStringTranslations") or [], translation.target_locale)
    published = getattr(instance, "last_published_at", None)
    if isinstance(data.get("object"), dict) and data["object"].get("lastPublishedDate") and published:
        data["object"]["lastPublishedDate"] = long_date(published)
    return json.dumps(data)


def localise_saved_string(response, translation_id):
    """The answer to saving a string (a DRF Response, not rendered yet) with its comment's date localised."""
    data = getattr(response, "data", None)
    if not isinstance(data, dict) or not data.get("comment"):
        return response
    translation = Translation.objects.filter(pk=translation_id).select_related("target_locale").first()
    if translation is not None:
        localise_string_translations([data], translation.target_locale)
    return response
