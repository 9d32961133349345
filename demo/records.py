"""The demo content's records: JSON files in ``demo/content/``, one record per page or snippet, both languages in each.

A record is shared structure with bilingual leaves. A value that reads the same in both languages
(an image key, a date, a location, a proper name) is written once; a value that differs is a
language pair, ``{"it": …, "en": …}``. A pair normally holds two texts; it may hold two lists or two
blocks only if they have the same shape, because the English page is a wagtail-localize
translation of the Italian one, paired string by string (``demo/localize.py``). ``split`` turns
a record into its Italian and its English version, and refuses a record whose languages do not
match: a pair with one language only, lists of different lengths, blocks of different types,
objects with different fields.

Values that point at other objects are references, resolved by the loader once they exist:
``{"$image": key}`` (``images.json``), ``{"$contact": key}`` (``snippets.json``),
``{"$page": "programmi/open-incet"}`` (Italian slugs below the home page; ``"."`` is the page itself).
A key figure names its source (``site.json``) and the date it refers to, as precisely as the source
gives it (``"2016-04-08"``, ``"2018-10"`` or ``"2014"``): ``{"source": "icapital2016", "date": …}``,
which ``read_content`` expands into the block's source name (in each language), URL, reference
date and precision.
"""

import json
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("it", "en")
LANGUAGE_NAMES = {"it": "Italian", "en": "English"}
CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILES = (
    "site",
    "images",
    "snippets",
    "home",
    "programmes",
    "projects",
    "news",
    "ranking",
    "standard_pages",
    "dossier",
    "press",
)


class LanguageMismatch(ValueError):
    """A record whose Italian and English versions do not have the same structure."""

    def __init__(self, record, field, problem):
        self.record = record
        self.field = field
        super().__init__(f"Demo content record {record}: field '{field}' {problem}.")


@dataclass(frozen=True)
class Content:
    """The whole demo content in each language: ``it`` and ``en`` map file names to their data."""

    it: dict
    en: dict

    def language(self, code):
        return self.it if code == "it" else self.en


def is_pair(value):
    return isinstance(value, dict) and bool(value) and value.keys() <= set(LANGUAGES)


def split(value, record, field=""):
    """(Italian, English) versions of ``value``; LanguageMismatch if they do not have the same shape.

    ``record`` names the file in error messages; an object with a ``slug`` or ``key`` (a page, a
    snippet) is named by its Italian one, and fields are named from there.
    """
    if is_pair(value):
        missing = [code for code in LANGUAGES if code not in value]
        if missing:
            present = LANGUAGE_NAMES[next(code for code in LANGUAGES if code in value)]
            raise LanguageMismatch(record, field, f"has only an {present} version, no {LANGUAGE_NAMES[missing[0]]} one")
        _check_same_shape(value["it"], value["en"], record, field)
        return value["it"], value["en"]
    if isinstance(value, dict):
        name_key = next((key for key in ("slug", "key") if key in value), None)
        if name_key:
            italian_name = split(value[name_key], record, f"{field}.{name_key}" if field else name_key)[0]
            record, field = f"{record.split(' ')[0]} '{italian_name}'", ""
        italian, english = {}, {}
        for key, item in value.items():
            italian[key], english[key] = split(item, record, f"{field}.{key}" if field else key)
        return italian, english
    if isinstance(value, list):
        pairs = [split(item, record, f"{field}[{index}]") for index, item in enumerate(value)]
        return [italian for italian, _ in pairs], [english for _, english in pairs]
    return value, value


def _kind(value):
    if isinstance(value, dict) and "type" in value:
        return f"a '{value['type']}' block"
    return {dict: "an object", list: "a list", str: "a text", bool: "a yes/no value", type(None): "empty"}.get(
        type(value), "a number"
    )


def _check_same_shape(italian, english, record, field):
    """Raise LanguageMismatch where the English version of a paired value differs in shape from the Italian."""
    if is_pair(italian) or is_pair(english):
        raise LanguageMismatch(record, field, "has a language pair inside a language pair")
    if _kind(italian) != _kind(english):
        raise LanguageMismatch(record, field, f"is {_kind(italian)} in Italian but {_kind(english)} in English")
    if isinstance(italian, list):
        if len(italian) != len(english):
            raise LanguageMismatch(record, field, f"has {len(italian)} items in Italian but {len(english)} in English")
        for index, (it_item, en_item) in enumerate(zip(italian, english, strict=True)):
            _check_same_shape(it_item, en_item, record, f"{field}[{index}]")
    elif isinstance(italian, dict):
        if italian.keys() != english.keys():
            raise LanguageMismatch(
                record,
                field,
                f"has the fields {sorted(italian)} in Italian but {sorted(english)} in English",
            )
        for key in italian:
            _check_same_shape(italian[key], english[key], record, f"{field}.{key}")


def read_content(directory=None):
    """Read, check and split every file of the demo content; LanguageMismatch on the first bad record."""
    directory = Path(directory or CONTENT_DIR)
    italian, english = {}, {}
    for name in FILES:
        filename = f"{name}.json"
        data = json.loads((directory / filename).read_text(encoding="utf-8"))
        italian[name], english[name] = split(data, filename)
    for content in (italian, english):
        sources = content["site"]["sources"]
        for name in FILES:
            if name != "site":
                content[name] = _expand_sources(content[name], sources)
    return Content(it=italian, en=english)


def _expand_sources(value, sources):
    """Figures' ``source`` and ``date`` as the blocks store them: source name and URL, reference date and precision."""
    if isinstance(value, list):
        return [_expand_sources(item, sources) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: _expand_sources(item, sources) for key, item in value.items()}
    if "source" in value and "date" in value:
        source = sources[value.pop("source")]
        date = value.pop("date")
        name = value.pop("source_name", source["name"])
        precision = {4: "year", 7: "month"}.get(len(date), "day")
        value.update(
            source_name=name,
            source_url=source["url"],
            reference_date={"year": f"{date}-01-01", "month": f"{date}-01"}.get(precision, date),
            reference_precision=precision,
        )
    return value
