"""A date the site cannot handle, typed in a page's date picker, is a field error with the input kept
(base/validators.py, ``datetime_problems``): one rule for every date and time field of every page type.

0001-01-01 00:00 in Rome is in year 0 in UTC, which Python cannot represent: publishing on it, expiring on
it or a news item's embargo until it made ``save_revision`` raise OverflowError (a 500, the input lost)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import admin_forms, factories

OUT_OF_RANGE = ("between 1 January 1900 and 30 December 9999", "tra il 1° gennaio 1900 e il 30 dicembre 9999")
MARKER = "Titolo da non perdere"


def field(response, name):
    """The field's wrapper in the returned form, up to its input: its errors and the value in it.

    Read as text: the scheduling dialog holding the publication dates is more than Python's HTML parser follows.
    """
    html = response.content.decode()
    found = re.search(rf'id="[^"]*-{name}-wrapper".*?<input[^>]*name="{name}"[^>]*>', html, re.DOTALL)
    assert found, name
    return found.group(0)


def assert_refused(response, name, typed):
    assert response.status_code == 200
    wrapper = field(response, name)
    assert any(text in wrapper for text in OUT_OF_RANGE), wrapper
    assert f'value="{typed}"' in wrapper.rsplit("<input", 1)[1], "the date typed is still in the field"
    form = BeautifulSoup(response.content, "html.parser")
    assert form.select_one('input[name="title"]')["value"] == MARKER, "the editor's input is kept"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("go_live_at", "0001-01-01 00:00"),
        ("go_live_at", "0001-01-02 00:00"),
        ("go_live_at", "1899-12-31 23:59"),
        ("expire_at", "9999-12-31 23:59"),
    ],
)
def test_a_publication_date_out_of_range_is_a_field_error(editor_client, standard_page, field, typed):
    revisions = standard_page.revisions.count()
    form = admin_forms.standard_page_form(publish=False, slug=standard_page.slug, title=MARKER, **{field: typed})

    response = editor_client.post(admin_forms.edit_url(standard_page), form)

    assert_refused(response, field, typed)
    assert standard_page.revisions.count() == revisions


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_a_news_embargo_out_of_range_is_a_field_error(moderator_client, news_index, typed):
    news = factories.NewsPageFactory(parent=news_index)
    form = admin_forms.news_page_form(
        slug=news.slug, title=MARKER, is_press_release="on", embargo_until=typed, date=news.date.isoformat()
    )

    response = moderator_client.post(admin_forms.edit_url(news), form)

    assert_refused(response, "embargo_until", typed)
    news.refresh_from_db()
    assert news.embargo_until is None


@pytest.mark.django_db
def test_dates_at_the_edges_of_the_range_are_saved(moderator_client, standard_page):
    form = admin_forms.standard_page_form(
        publish=False, slug=standard_page.slug, title=MARKER, expire_at="9999-12-30 23:59"
    )

    response = moderator_client.post(admin_forms.edit_url(standard_page), form)

    assert response.status_code == 302
    standard_page.refresh_from_db()
    assert standard_page.get_latest_revision_as_object().expire_at.year == 9999


@pytest.mark.django_db
def test_saving_a_revision_any_other_way_refuses_it_too(standard_page):
    """A command or a script is told which field is wrong, instead of an OverflowError."""
    standard_page.go_live_at = timezone.now().replace(year=1)
    with pytest.raises(ValidationError) as refused:
        standard_page.save_revision()
    assert "go_live_at" in refused.value.error_dict
