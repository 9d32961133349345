"""Make the English demo pages and snippets real wagtail-localize translations.

An editor who opens an English demo page in the admin should find what a translator's own work
looks like: wagtail-localize's translation editor, every string translated, the synchronised
fields (location, dates, status, programme…) locked to the Italian page, and "Sync translated
pages" on the Italian page bringing changes across. So the English text is not saved onto a
copied page directly: it is imported into wagtail-localize's translation memory, and
wagtail-localize builds the English page from the Italian one and those strings.

``translate(source, english, locale)`` does that. ``english`` is an unsaved stand-in for the
translation: the Italian object with its text fields set to the English text. Its translatable
strings are paired, field by field and block by block, with the Italian object's, imported as a
PO file into a ``Translation``, and the target saved with ``Translation.save_target()``. Where the
stand-in uses another image or document (an overridable segment), that choice is recorded as the
translator's override.

Pairing needs the two versions to have the same shape: the same blocks in each StreamField, the
same paragraphs and list items in each rich text. ``Mismatch`` lists where they differ.
"""

from wagtail.fields import StreamField
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

from base.languages import import_translation


class Mismatch(Exception):
    """The English version does not have the shape of the Italian one, so its strings cannot be paired."""

    def __init__(self, paths):
        self.paths = sorted(paths)
        super().__init__(", ".join(self.paths))


def normalised_stream(field, raw):
    """``raw`` StreamField data as Wagtail saves it from the admin: every block and list item with an id.

    Raw lists assigned to a StreamField are stored as given, so a ListBlock written as a plain list
    would stay in the pre-2.16 format, which wagtail-localize skips (its strings would never reach
    the translators). Binding every child block makes Wagtail write the current format.
    """
    value = field.stream_block.to_python(raw) if isinstance(raw, list | tuple) else raw
    for _child in value:  # binds each block, so get_prep_value() writes ListBlock items with ids
        pass
    return field.stream_block.get_prep_value(value)


def copy_block_ids(source, target):
    """Give ``target``'s blocks and list items the ids of the blocks in the same place in ``source``."""
    if isinstance(source, list) and isinstance(target, list):
        for source_item, target_item in zip(source, target, strict=False):
            copy_block_ids(source_item, target_item)
    elif isinstance(source, dict) and isinstance(target, dict):
        if "id" in source and "id" in target and source.get("type") == target.get("type"):
            target["id"] = source["id"]
        for key, value in source.items():
            if key != "id" and key in target:
                copy_block_ids(value, target[key])


def share_block_ids(source, english):
    """Give the English stand-in's StreamField blocks the ids of the Italian blocks they translate.

    wagtail-localize identifies a string by the path of block ids that leads to it.
    """
    for field in type(source)._meta.get_fields():
        if isinstance(field, StreamField):
            source_raw = normalised_stream(field, getattr(source, field.name))
            english_raw = normalised_stream(field, getattr(english, field.name))
            copy_block_ids(source_raw, english_raw)
            setattr(english, field.name, english_raw)


def _strings_by_path(instance):
    """{path: (html template or None, [string, …])} for every translatable field and block of ``instance``."""
    found = {}
    for segment in extract_segments(instance):
        template, strings = found.setdefault(segment.path, (None, []))
        if isinstance(segment, TemplateSegmentValue):
            found[segment.path] = (segment.template, strings)
        elif isinstance(segment, StringSegmentValue):
            strings.append(segment.string.data)
    return found


def paired_strings(source, english):
    """[(path, Italian string, English string)] for every string of ``source``; Mismatch if shapes differ."""
    share_block_ids(source, english)
    italian = _strings_by_path(source)
    translated = _strings_by_path(english)
    mismatched = {
        path
        for path in italian.keys() | translated.keys()
        if path not in italian
        or path not in translated
        or italian[path][0] != translated[path][0]
        or len(italian[path][1]) != len(translated[path][1])
    }
    if mismatched:
        raise Mismatch(mismatched)
    return [
        (path, italian_string, english_string)
        for path, (_template, strings) in italian.items()
        for italian_string, english_string in zip(strings, translated[path][1], strict=True)
    ]


def overridden_values(source, english):
    """{path: value} of the overridable segments (images, documents…) that ``english`` changes.

    A translator may swap such a value (say, a fact sheet for its English edition) in the translation
    editor; wagtail-localize keeps the choice as a SegmentOverride. Call after ``paired_strings``,
    which gives the stand-in's blocks the Italian ids their paths are made of.
    """

    def values(instance):
        return {s.path: s.data for s in extract_segments(instance) if isinstance(s, OverridableSegmentValue)}

    italian, translated = values(source), values(english)
    return {path: data for path, data in translated.items() if path in italian and italian[path] != data}


def translate(source, english, locale, *, publish):
    """Create the ``locale`` translation of ``source`` from the text of ``english``, through wagtail-localize.

    Returns the saved translation. A page or snippet is saved as a draft revision, then published if
    ``publish``. Raises Mismatch, leaving
    nothing behind, if ``english`` cannot be paired with ``source``.
    """
    return import_translation(
        source,
        locale,
        paired_strings(source, english),
        publish=publish,
        tool_name="Torino Innovation demo content",
        overrides=overridden_values(source, english),
    )


def text_fields(instance):
    """The names of the fields wagtail-localize offers translators on ``instance``."""
    return {field.field_name for field in get_translatable_fields(type(instance)) if field.is_translated(instance)}
