"""The page editor shows the release's embargo as it stands, and a form opened before someone changed it cannot
bring the release forward unseen.

Wagtail's editor shows the page's latest version. After a draft of the English page moved the release later, the
Italian page's latest version still held the old, earlier time: published unchanged (a typo fixed in the summary),
from a form opened before the change or after it, it brought the release forward by a day (news/forms.py).
"""

import datetime
import html
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

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


def editor_form(page, state, embargo, summary, publish, **extra):
    """The news editor's form for ``page`` as the open page holds it (``state``), with ``embargo`` typed in."""
    return admin_forms.news_page_form(
        publish=publish,
        title=page.title,
        slug=page.slug,
        is_press_release="on",
        embargo_until=embargo,
        summary=summary,
        **state,
        **extra,
    )


def publish_from(admin_client, page, state, embargo, summary="Corretto un refuso."):
    return admin_client.post(admin_forms.edit_url(page), editor_form(page, state, embargo, summary, publish=True))


def readers_see(client, release):
    return {code: TITLES[code] in client.get(fresh(release[code]).url).content.decode() for code in ("it", "en")}


def stale_form(admin_client, admin_user, release):
    """The Italian editor's form state, opened a minute after NOW; a minute later the English translation moved the
    release's embargo a day later (a draft of it: the embargo follows any version). The form has not seen it."""
    with time_machine.travel(NOW + MINUTE, tick=False):
        state = form_state(open_editor(admin_client, admin_user, release["it"]))
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, EMBARGO + DAY)
    return state


@pytest.mark.django_db
def test_a_form_opened_before_the_embargo_moved_later_cannot_bring_it_forward(
    client, admin_client, admin_user, release
):
    italian = release["it"]
    state = stale_form(admin_client, admin_user, release)
    assert state.get("embargo_seen")
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
    state = stale_form(admin_client, admin_user, release)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        response = publish_from(admin_client, italian, state, admin_time(EMBARGO + DAY))
        assert response.status_code == 302
        assert until(italian.translation_key) == EMBARGO + DAY


def autosave(client, page, state, embargo, **extra):
    """What Wagtail's autosave sends in the background: the form as it stands in the open page, asking for JSON."""
    data = editor_form(page, state, embargo, "Bozza automatica.", publish=False, **extra)
    return client.post(admin_forms.edit_url(page), data, HTTP_ACCEPT="application/json")


def apply_autosave(state, answer):
    """What the open page keeps from an autosave's answer: the version to overwrite next, the hidden values sent
    back (Wagtail's ``field_updates``)."""
    assert answer["success"], answer
    return {**state, **answer["field_updates"], "overwrite_revision_id": str(answer["revision_id"])}


@pytest.mark.django_db
def test_an_editor_changes_the_embargo_twice_in_one_session(client, admin_client, admin_user, release):
    """Each autosave moves the release's embargo (a later time, before the release is public): the open page takes the
    change it made, so the editor's next change is theirs to make; someone else's change in between is still
    refused."""
    italian = release["it"]
    with time_machine.travel(NOW + MINUTE, tick=False):
        state = form_state(open_editor(admin_client, admin_user, italian))
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        state = apply_autosave(state, autosave(admin_client, italian, state, admin_time(EMBARGO + DAY)).json())
        assert until(italian.translation_key) == EMBARGO + DAY
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        state = apply_autosave(state, autosave(admin_client, italian, state, admin_time(EMBARGO + 2 * DAY)).json())
        assert until(italian.translation_key) == EMBARGO + 2 * DAY
    with time_machine.travel(NOW + 4 * MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, EMBARGO + 3 * DAY)
    with time_machine.travel(NOW + 5 * MINUTE, tick=False):
        assert not autosave(admin_client, italian, state, admin_time(EMBARGO + 2 * DAY + MINUTE)).json()["success"]
        response = publish_from(admin_client, italian, state, admin_time(EMBARGO + 2 * DAY))
        assert response.status_code == 200
        assert until(italian.translation_key) == EMBARGO + 3 * DAY
    with time_machine.travel(EMBARGO + 2 * DAY + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": False, "en": False}


@pytest.mark.django_db
def test_a_refused_form_shows_the_releases_embargo_so_publishing_again_keeps_it(
    client, admin_client, admin_user, release
):
    """Clicking "Publish" again on the returned form does not publish the stale time it was sent with."""
    italian = release["it"]
    state = stale_form(admin_client, admin_user, release)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        page_html = publish_from(admin_client, italian, state, admin_time(EMBARGO - DAY)).content.decode()

        assert shown_embargo(page_html) == admin_time(EMBARGO + DAY)
        assert form_state(page_html)["embargo_seen"] != state["embargo_seen"]
        message = html.unescape(page_html)
        assert "05 Maggio 2031 09:00" in message  # the release's time, now
        assert "Corretto un refuso." in page_html

        response = publish_from(admin_client, italian, form_state(page_html), shown_embargo(page_html))
        assert response.status_code == 302
        assert until(italian.translation_key) == EMBARGO + DAY
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": False, "en": False}


@pytest.mark.django_db
def test_the_hidden_token_has_no_visible_label(admin_client, admin_user, release):
    with time_machine.travel(NOW + MINUTE, tick=False):
        page_html = open_editor(admin_client, admin_user, release["it"])
    soup = BeautifulSoup(page_html, "html.parser")
    token = soup.select_one('input[name="embargo_seen"]')
    assert token is not None and token["type"] == "hidden"
    assert "embargo seen" not in soup.get_text(" ").lower()
    assert soup.select_one('label[for="id_embargo_seen"]') is None
    # Its row in the press release panel is hidden too: no empty row.
    row = token.find_parent(class_="w-panel__wrapper")
    assert row is not None and row.has_attr("hidden")


@pytest.mark.django_db
def test_an_embargo_with_seconds_is_unchanged_when_the_editor_did_not_touch_it(
    client, admin_client, admin_user, release
):
    """The widget shows minutes: the time an import set to the second, sent back as shown, is not a new time."""
    italian = release["it"]
    with_seconds = EMBARGO + datetime.timedelta(seconds=40)
    with time_machine.travel(NOW + MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, with_seconds)
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        page_html = open_editor(admin_client, admin_user, italian)
        assert shown_embargo(page_html) == admin_time(EMBARGO)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        move_later_by_draft(release["en"], admin_user, with_seconds)  # the same time: no change
        response = publish_from(admin_client, italian, form_state(page_html), shown_embargo(page_html))
        assert response.status_code == 302
        assert until(italian.translation_key) == with_seconds
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=20), tick=False):
        assert readers_see(client, release) == {"it": False, "en": False}


def submit_with_embargo(client, page, embargo):
    data = admin_forms.news_page_form(
        publish=False, title=page.title, slug=page.slug, is_press_release="on", embargo_until=embargo
    )
    data["action-submit"] = "action-submit"
    response = client.post(admin_forms.edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def approve_from_the_dashboard(client, page):
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


@pytest.mark.django_db
def test_a_moderator_sees_the_embargo_of_the_version_submitted(editor, moderator, release):
    """An earlier time waits for the publication: the Moderator reviewing it sees that time, with the release's
    current one in a note, and approving publishes what they saw."""
    italian = release["it"]
    editor_client, moderator_client = Client(), Client()
    with time_machine.travel(NOW + MINUTE, tick=False):
        editor_client.force_login(editor)
        submit_with_embargo(editor_client, italian, admin_time(EMBARGO - DAY))
        assert until(italian.translation_key) == EMBARGO
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        moderator_client.force_login(moderator)
        page_html = moderator_client.get(admin_forms.edit_url(italian)).content.decode()

        assert shown_embargo(page_html) == admin_time(EMBARGO - DAY)
        text = html.unescape(page_html)
        assert "04 Maggio 2031 09:00" in text  # the release's embargo, in the note

        assert approve_from_the_dashboard(moderator_client, italian).status_code == 302
        assert until(italian.translation_key) == EMBARGO - DAY


@pytest.mark.django_db
def test_a_moderator_sees_the_releases_embargo_when_the_version_submitted_is_older(editor, moderator, release):
    """Moved later since the submission, the release keeps its embargo on approval, and the editor shows that."""
    italian = release["it"]
    editor_client, moderator_client = Client(), Client()
    with time_machine.travel(NOW + MINUTE, tick=False):
        editor_client.force_login(editor)
        submit_with_embargo(editor_client, italian, admin_time(EMBARGO - DAY))
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        move_later_by_draft(release["en"], moderator, EMBARGO + DAY)
    with time_machine.travel(NOW + 3 * MINUTE, tick=False):
        moderator_client.force_login(moderator)
        page_html = moderator_client.get(admin_forms.edit_url(italian)).content.decode()

        assert shown_embargo(page_html) == admin_time(EMBARGO + DAY)
        text = html.unescape(page_html)
        assert "03 Maggio 2031 09:00" in text  # the version's, in the note

        assert approve_from_the_dashboard(moderator_client, italian).status_code == 302
        assert until(italian.translation_key) == EMBARGO + DAY
