"""Edge cases of the release embargo's rules (news/embargo.py) that the walk in test_embargo_languages.py does
not reach: a draft saved over the editor's own latest version (autosave), a version scheduled before the
embargo was moved later, and a draft that would take a public release offline."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from news.embargo import ReleaseEmbargo
from news.models import NewsPage
from tests import admin_forms, factories
from tests.news.releases import MINUTE
from tests.news.test_embargo_editor_form import form_state, publish_from
from tests.news.test_embargo_languages import admin_time

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=ROME)
EMBARGO = NOW + datetime.timedelta(days=3)
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def release_until(page):
    return ReleaseEmbargo.objects.get(translation_key=page.translation_key).until


def live_release(news_index, translate, embargo):
    page = factories.NewsPageFactory(
        parent=news_index, title="Comunicato", slug="comunicato", is_press_release=True, embargo_until=embargo
    )
    page.save_revision().publish()
    english = translate(page, title="Release")
    return NewsPage.objects.get(pk=page.pk), english


@pytest.mark.django_db
def test_a_draft_saved_over_the_editors_own_version_moves_the_embargo_later(
    client, admin_user, home_page, news_index, translate
):
    """Autosave, and "Save draft" after it, overwrite the editor's latest version instead of making a new one."""
    translate(news_index, title="News")
    with time_machine.travel(NOW, tick=False):
        page, english = live_release(news_index, translate, EMBARGO)
        draft = page.get_latest_revision_as_object()
        draft.title = "Comunicato (refuso corretto)"
        revision = draft.save_revision(user=admin_user)

        draft.embargo_until = EMBARGO + 2 * DAY
        assert draft.save_revision(user=admin_user, overwrite_revision=revision).pk == revision.pk

        assert release_until(page) == EMBARGO + 2 * DAY
    with time_machine.travel(EMBARGO + datetime.timedelta(minutes=1), tick=False):
        assert client.get(page.url).status_code == 404
        assert client.get(english.url).status_code == 404


@pytest.mark.django_db
def test_a_version_scheduled_before_the_embargo_moved_later_does_not_bring_the_old_time_back(
    client, admin_user, home_page, news_index, translate
):
    translate(news_index, title="News")
    with time_machine.travel(NOW, tick=False):
        page, english = live_release(news_index, translate, EMBARGO)
        scheduled = page.get_latest_revision_as_object()
        scheduled.embargo_until = EMBARGO - DAY  # earlier: waits for its publication
        scheduled.save_revision(user=admin_user, approved_go_live_at=NOW + datetime.timedelta(hours=1))
        assert release_until(page) == EMBARGO
    with time_machine.travel(NOW + datetime.timedelta(minutes=30), tick=False):
        later = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        later.embargo_until = EMBARGO + DAY
        later.save_revision(user=admin_user)
        assert release_until(page) == EMBARGO + DAY
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert release_until(page) == EMBARGO + DAY
    with time_machine.travel(EMBARGO + datetime.timedelta(minutes=1), tick=False):
        assert client.get(page.url).status_code == 404
        assert client.get(english.url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["original", "translation"])
def test_a_draft_cannot_take_a_public_release_offline(client, admin_user, home_page, news_index, translate, which):
    translate(news_index, title="News")
    with time_machine.travel(NOW, tick=False):
        page, english = live_release(news_index, translate, None)
        assert client.get(english.url).status_code == 200

        draft = (page if which == "original" else english).get_latest_revision_as_object()
        draft.embargo_until = NOW + 30 * DAY
        draft.save_revision(user=admin_user)

        assert release_until(page) is None
        assert client.get(page.url).status_code == 200
        assert client.get(english.url).status_code == 200

        # Published, it does: a publication is a Moderator's decision.
        NewsPage.objects.get(pk=draft.pk).get_latest_revision().publish()
        assert release_until(page) == NOW + 30 * DAY
        assert client.get(page.url).status_code == 404
        assert client.get(english.url).status_code == 404


@pytest.mark.django_db
def test_a_draft_still_hides_more_while_the_release_is_under_embargo(admin_user, home_page, news_index, translate):
    translate(news_index, title="News")
    with time_machine.travel(NOW, tick=False):
        page, english = live_release(news_index, translate, EMBARGO)
        draft = english.get_latest_revision_as_object()
        draft.embargo_until = EMBARGO + DAY
        draft.save_revision(user=admin_user)
        assert release_until(page) == EMBARGO + DAY
        assert set(
            NewsPage.objects.filter(translation_key=page.translation_key).values_list("embargo_until", flat=True)
        ) == {EMBARGO + DAY}


# --- a version made before the embargo last changed, published once the release is public -----------------------


def english_draft_later(release, admin_user, value, **revision):
    draft = NewsPage.objects.get(pk=release["en"].pk).get_latest_revision_as_object()
    draft.embargo_until = value
    return draft.save_revision(user=admin_user, **revision)


def publish_original_from_the_editor(admin_client, admin_user, release, value):
    """A Moderator brings the release back to ``value`` from the editor, a form opened on the release as it is."""
    italian = release["it"]
    admin_client.force_login(admin_user)
    state = form_state(admin_client.get(admin_forms.edit_url(italian)).content.decode())
    response = publish_from(admin_client, italian, state, admin_time(value))
    assert response.status_code == 302


def bulk_publish(admin_client, admin_user, page):
    admin_client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    assert admin_client.post(f"{url}?id={page.pk}", {"include_descendants": ""}).status_code == 302


def publish_translation_from_its_last_sync(release):
    source = TranslationSource.objects.get(object_id=release["it"].translation_key)
    translation = Translation.objects.get(source=source, target_locale=release["en"].locale)
    translation.save_target(publish=False)  # publish=True waits for the outermost commit, never in a test
    NewsPage.objects.get(pk=release["en"].pk).get_latest_revision().publish()


def readers_see(client, release):
    return {code: client.get(NewsPage.objects.get(pk=page.pk).url).status_code == 200 for code, page in release.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["bulk publish", "scheduled publication"])
def test_a_version_made_before_the_embargo_was_brought_forward_does_not_take_the_release_offline(
    client, admin_client, admin_user, release, way
):
    """The English draft moved the embargo a day later; the original then brought it back. Once the release is
    public, publishing that English version (in bulk, or at the time it was scheduled for) leaves it public, and
    the page's history says why its embargo was kept."""
    english = release["en"]
    schedule = {"approved_go_live_at": EMBARGO + HOUR} if way == "scheduled publication" else {}
    with time_machine.travel(NOW + MINUTE, tick=False):
        version = english_draft_later(release, admin_user, EMBARGO + DAY, **schedule)
        assert release_until(english) == EMBARGO + DAY
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        publish_original_from_the_editor(admin_client, admin_user, release, EMBARGO)
        assert release_until(english) == EMBARGO
    with time_machine.travel(EMBARGO + HOUR + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": True, "en": True}
        if way == "bulk publish":
            bulk_publish(admin_client, admin_user, english)
        else:
            call_command("publish_scheduled", stdout=io.StringIO())
        english = NewsPage.objects.get(pk=english.pk)
        assert english.live_revision_id == version.pk
        assert release_until(english) == EMBARGO
        assert readers_see(client, release) == {"it": True, "en": True}

        admin_client.force_login(admin_user)
        history = admin_client.get(reverse("wagtailadmin_pages:history", args=[english.pk])).content.decode()
        assert "Embargo kept" in history or "Embargo mantenuto" in history


@pytest.mark.django_db
def test_a_translation_published_from_an_older_sync_does_not_take_the_release_offline(
    client, admin_client, admin_user, release
):
    with time_machine.travel(NOW + MINUTE, tick=False):
        publish_original_from_the_editor(admin_client, admin_user, release, EMBARGO + DAY)
        # The translation is synchronised with the release's embargo of the moment, a day later.
        source = TranslationSource.objects.get(object_id=release["it"].translation_key)
        source.update_from_db()
    with time_machine.travel(NOW + 2 * MINUTE, tick=False):
        publish_original_from_the_editor(admin_client, admin_user, release, EMBARGO)
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert readers_see(client, release) == {"it": True, "en": True}
        publish_translation_from_its_last_sync(release)
        assert release_until(release["en"]) == EMBARGO
        assert readers_see(client, release) == {"it": True, "en": True}
