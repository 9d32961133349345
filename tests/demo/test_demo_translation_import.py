"""demo/localize.py: English demo text goes into wagtail-localize string by string, or not at all."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation

from base.models import StandardPage
from demo import localize
from demo.loader import DemoLoader
from tests import factories


def stand_in(page, **fields):
    english = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(english, name, value)
    return english


@pytest.fixture
def italian_page(home_page, english_home):
    return factories.StandardPageFactory(
        parent=home_page,
        title="Chi siamo",
        slug="chi-siamo",
        body=[factories.heading("Chi siamo"), factories.paragraph("<p>Uno.</p><p>Due.</p>")],
    )


@pytest.mark.django_db
def test_strings_are_paired_block_by_block(italian_page, locale_en):
    english = stand_in(
        italian_page,
        title="About",
        slug="about",
        body=[factories.heading("About us"), factories.paragraph("<p>One.</p><p>Two.</p>")],
    )

    translated = localize.translate(italian_page, english, locale_en, publish=True)

    assert translated.live and translated.title == "About" and translated.url == "/en/about/"
    assert [block.block_type for block in translated.body] == ["heading", "paragraph"]
    assert translated.body[0].value["text"] == "About us"
    assert translated.body[1].value.source == "<p>One.</p><p>Two.</p>"
    assert [b.id for b in translated.body] == [b.id for b in StandardPage.objects.get(pk=italian_page.pk).body]
    assert Translation.objects.get(source__object_id=italian_page.translation_key).enabled


@pytest.mark.django_db
def test_text_of_another_shape_is_refused_and_nothing_is_left_behind(italian_page, locale_en):
    english = stand_in(italian_page, title="About", slug="about", body=[factories.paragraph("<p>One and two.</p>")])

    with pytest.raises(localize.Mismatch) as mismatch:
        localize.translate(italian_page, english, locale_en, publish=True)

    assert mismatch.value.paths  # the blocks that do not match
    assert not Page.objects.filter(translation_key=italian_page.translation_key, locale=locale_en).exists()
    assert not Translation.objects.filter(source__object_id=italian_page.translation_key).exists()


@pytest.mark.django_db
def test_loader_falls_back_to_a_plain_copy_and_says_so(italian_page, locale_en):
    """So that demo text written for another shape still gives an English page (issue branches merging)."""
    loader = DemoLoader()
    loader.english = locale_en
    english = stand_in(italian_page, title="About", slug="about", body=[factories.paragraph("<p>One and two.</p>")])

    translated = loader._translate(italian_page, english, publish=True)

    assert translated.live and translated.title == "About"
    assert [block.block_type for block in translated.body] == ["paragraph"]
    assert not Translation.objects.filter(source__object_id=italian_page.translation_key).exists()
    assert any("does not match the shape of the Italian one" in warning for warning in loader.warnings)
