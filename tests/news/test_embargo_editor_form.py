"""The page editor shows the release's embargo as it stands, and a form opened before someone changed it cannot
bring the release forward unseen.

Wagtail's editor shows the page's latest version. After a draft of the English page moved the release later, the
Italian page's latest version still held the old, earlier time: published unchanged (a typo fixed in the summary),
from a form opened before the change or after it, it brought the release forward by a day (news/forms.py).
"""

import html
import re

import pytest
import time_machine

from tests import admin_forms
from tests.news.releases import DAY, EMBARGO, MINUTE, NOW, TITLES, fresh
from tests.news.test_embargo_aliases import move_later_by_draft, until
from tests.news.test_embargo_languages import admin_time

HIDDEN_INPUTS = re.compile(
    r'name="(loaded_revision_id|loaded_revision_created_at|embargo_seen)"[^>]*value="([^"]*)"'
    r'|value="([^"]*)"[^>]*name="(loaded_revision_id|loaded_revision_created_at|embargo_seen)"'
)


def form_state(page_html):
    """The hidden inputs the editor sends back: the version it was opened on, and the embargo change it saw."""
    state = {}
    for name, value, value2, name2 in HIDDEN_INPUTS.findall(page_html):
        state[name or name2] = html.unescape(value or value2)
    return state


def shown_embargo(page_html):
    return re.search(r'name="embargo_until"[^>]*value="([^"]*)"', page_html).group(1)


def open_editor(admin_client, admin_user, page):
    """The editor's page, signed in at the travelled time (a session from the real now would have lapsed)."""
    admin_client.force_login(admin_user)
    return admin_client.get(admin_forms.edit_url(page)).content.decode()


def publish_from(admin_client, page, state, embargo, summary="Corretto un refuso."):
    data = admin_forms.news_page_form(
        publish=True,
        title=page.title,
        slug=page.slug,
        is_press_release="on",
        embargo_until=embargo,
        summary=summary,
        **state,
    )
    return admin_client.post(admin_forms.edit_url(page), data)


def readers_see(client, release):
    return {code: TITLES[code] in client.get(fresh(release[code]).url).content.decode() for code in ("it", "en")}


@pytest.mark.django_db
def test_a_form_opened_before_the_embargo_moved_later_cannot_bring_it_forward(
    client, admin_client, admin_user, release
):
    italian = release["it"]
    with time_machine.travel(NOW + MINUTE, tick=False):
        state = form_state(open_editor(admin_client, admin_user, italian))
        assert state.get("embargo_seen")
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, EMBARGO + DAY)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        response = publish_from(admin_client, italian, state, admin_time(EMBARGO))

        assert response.status_code == 200
        page_html = response.content.decode()
        assert "after you opened this page" in page_html or "dopo che hai aperto" in page_html
        assert "Corretto un refuso." in page_html  # the editor's changes are still in the form
        assert until(italian.translation_key) == EMBARGO + DAY
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": False, "en": False}
    with time_machine.travel(NOW + 4 * MINUTE, tick=False):
        # Sent again from the returned form, the earlier time is the Moderator's choice, made knowing the other.
        response = publish_from(admin_client, italian, form_state(page_html), admin_time(EMBARGO))
        assert response.status_code == 302
        assert until(italian.translation_key) == EMBARGO


@pytest.mark.django_db
def test_a_form_opened_after_the_embargo_moved_later_shows_the_release_embargo(
    client, admin_client, admin_user, release
):
    italian = release["it"]
    with time_machine.travel(NOW + MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, EMBARGO + DAY)
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        page_html = open_editor(admin_client, admin_user, italian)
        assert shown_embargo(page_html) == admin_time(EMBARGO + DAY)
        # Published as shown, with only a typo fixed: the release keeps its later time.
        response = publish_from(admin_client, italian, form_state(page_html), shown_embargo(page_html))
        assert response.status_code == 302
        assert until(italian.translation_key) == EMBARGO + DAY
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": False, "en": False}
    with time_machine.travel(EMBARGO + DAY + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": True, "en": True}


@pytest.mark.django_db
def test_a_stale_form_that_keeps_the_release_embargo_is_saved(admin_client, admin_user, release):
    """Nothing to decide: the form sends the release's own embargo, whatever change it saw."""
    italian = release["it"]
    with time_machine.travel(NOW + MINUTE, tick=False):
        state = form_state(open_editor(admin_client, admin_user, italian))
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, EMBARGO + DAY)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        response = publish_from(admin_client, italian, state, admin_time(EMBARGO + DAY))
        assert response.status_code == 302
        assert until(italian.translation_key) == EMBARGO + DAY
