"""demo/records.py: one record per page or snippet carrying both languages, refused if the languages do not match."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from demo import records
from demo.records import LanguageMismatch, read_content, split


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def figure(value, label):
    return {"type": "figure", "value": {"value": value, "label": label, "source": "tcl", "date": "2018-10"}}


def test_a_record_splits_into_its_italian_and_english_versions():
    record = {
        "slug": {"it": "chi-siamo", "en": "about-us"},
        "hero_image": "home",
        "body": [
            heading({"it": "Chi siamo", "en": "About us"}),
            paragraph({"it": "<p>Uno.</p>", "en": "<p>One.</p>"}),
            {"type": "figure", "value": {"image": {"$image": "home"}, "caption": "Torino"}},
        ],
    }

    italian, english = split(record, "pages.json")

    assert italian == {
        "slug": "chi-siamo",
        "hero_image": "home",
        "body": [
            heading("Chi siamo"),
            paragraph("<p>Uno.</p>"),
            {"type": "figure", "value": {"image": {"$image": "home"}, "caption": "Torino"}},
        ],
    }
    assert english["slug"] == "about-us" and english["hero_image"] == "home"
    assert english["body"][:2] == [heading("About us"), paragraph("<p>One.</p>")]
    assert english["body"][2] == italian["body"][2]


def test_a_pair_of_lists_of_the_same_shape_is_accepted():
    record = {"slug": "faq", "body": {"it": [heading("Domande")], "en": [heading("Questions")]}}

    italian, english = split(record, "pages.json")

    assert italian["body"] == [heading("Domande")] and english["body"] == [heading("Questions")]


@pytest.mark.parametrize(
    "record,field,problem",
    [
        (
            {"slug": "chi-siamo", "title": {"it": "Chi siamo"}},
            "title",
            "has only an Italian version, no English one",
        ),
        (
            {"slug": "chi-siamo", "body": [paragraph({"en": "<p>One.</p>"})]},
            "body[0].value",
            "has only an English version, no Italian one",
        ),
        (
            {
                "slug": "chi-siamo",
                "body": {"it": [heading("Chi siamo"), paragraph("<p>Uno.</p>")], "en": [heading("About us")]},
            },
            "body",
            "has 2 items in Italian but 1 in English",
        ),
        (
            {"slug": "chi-siamo", "body": {"it": [heading("Chi siamo")], "en": [paragraph("<p>About us</p>")]}},
            "body[0]",
            "is a 'heading' block in Italian but a 'paragraph' block in English",
        ),
        (
            {
                "slug": "chi-siamo",
                "key_figures": {
                    "it": [figure("32", "proposte"), figure("18", "portate avanti")],
                    "en": [figure("32", "proposals")],
                },
            },
            "key_figures",
            "has 2 items in Italian but 1 in English",
        ),
        (
            {
                "slug": "chi-siamo",
                "body": [
                    {
                        "type": "quote",
                        "value": {
                            "it": {"text": "Torino", "attribution": "Giuria"},
                            "en": {"text": "Turin"},
                        },
                    }
                ],
            },
            "body[0].value",
            "has the fields ['attribution', 'text'] in Italian but ['text'] in English",
        ),
        (
            {"slug": "chi-siamo", "partners": {"it": [{"name": "Comune"}], "en": "City"}},
            "partners",
            "is a list in Italian but a text in English",
        ),
    ],
    ids=["one-language", "english-only", "more-blocks", "other-block", "fewer-figures", "other-fields", "other-kind"],
)
def test_a_record_whose_languages_do_not_match_is_refused_naming_record_and_field(record, field, problem):
    with pytest.raises(LanguageMismatch) as refused:
        split(record, "standard_pages.json")

    assert refused.value.record == "standard_pages.json 'chi-siamo'"
    assert refused.value.field == field
    assert str(refused.value) == f"Demo content record standard_pages.json 'chi-siamo': field '{field}' {problem}."


def test_a_page_in_a_list_is_named_by_its_italian_slug():
    section = {
        "index": {"slug": {"it": "programmi", "en": "programmes"}, "title": {"it": "Programmi", "en": "Programmes"}},
        "pages": [
            {"slug": "innova-to", "summary": {"it": "Il concorso.", "en": "The competition."}},
            {"slug": {"it": "open-incet", "en": "open-incet"}, "summary": {"it": "Il centro."}},
        ],
    }

    with pytest.raises(LanguageMismatch) as refused:
        split(section, "programmes.json")

    assert str(refused.value) == (
        "Demo content record programmes.json 'open-incet': field 'summary' has only an Italian version, no English one."
    )


def test_the_shipped_records_have_both_languages_in_the_same_shape():
    content = read_content()

    for name in records.FILES:
        assert _shape(content.it[name]) == _shape(content.en[name]), name
    programmes = content.it["programmes"]["pages"]
    assert [page["slug"] for page in programmes][:2] == ["innova-to", "torino-social-innovation"]
    assert content.en["programmes"]["index"]["slug"] == "programmes"
    # A figure's source and date become the block's sourced fields, the name in each language.
    first = content.it["home"]["key_figures"][0]["value"]
    assert first["source_name"] == "Commissione europea – European Capital of Innovation Awards 2016"
    assert content.en["home"]["key_figures"][0]["value"]["source_name"].startswith("European Commission")
    assert (first["reference_date"], first["reference_precision"]) == ("2016-04-08", "day")


def _shape(value):
    """The structure of a value, its texts left out: lists, objects' fields and block types."""
    if isinstance(value, list):
        return [_shape(item) for item in value]
    if isinstance(value, dict):
        return {key: item if key == "type" else _shape(item) for key, item in value.items()}
    return type(value).__name__


@pytest.fixture
def bad_content(tmp_path, monkeypatch):
    """A copy of the demo content whose second programme has English text for one paragraph less."""
    content = tmp_path / "content"
    shutil.copytree(records.CONTENT_DIR, content)
    programmes = json.loads((content / "programmes.json").read_text(encoding="utf-8"))
    page = programmes["pages"][1]
    page["body"] = {
        "it": [_language(block, "it") for block in page["body"]],
        "en": [_language(block, "en") for block in page["body"][:-1]],
    }
    (content / "programmes.json").write_text(json.dumps(programmes), encoding="utf-8")
    monkeypatch.setattr(records, "CONTENT_DIR", content)
    return page


def _language(value, code):
    if records.is_pair(value):
        return value[code]
    if isinstance(value, dict):
        return {key: _language(item, code) for key, item in value.items()}
    if isinstance(value, list):
        return [_language(item, code) for item in value]
    return value


@pytest.mark.django_db
def test_the_command_refuses_mismatched_records_before_creating_anything(bad_content):
    pages_before = Page.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("load_demo_content", stdout=io.StringIO(), stderr=io.StringIO())

    blocks = len(bad_content["body"]["it"])
    assert str(refused.value) == (
        f"Demo content record programmes.json '{bad_content['slug']}': field 'body' has {blocks} items in Italian "
        f"but {blocks - 1} in English."
    )
    assert Page.objects.count() == pages_before
