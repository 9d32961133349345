"""A redirect to a release under embargo tells nothing: its old or short address answers as one that leads nowhere.

Wagtail makes a redirect when a page's slug changes or it is moved, for the page and every page below it, and
editors make their own; its middleware sent a reader from such an address to the release's new address (base/
redirects.py). For each way a redirect comes to exist, in both languages: before the embargo ends the address
answers exactly what a missing address answers (status, every header, body), to a reader and to a signed-in user
who may not edit the release, with the whole-page cache on; an Editor is still sent to the release, with an answer
no cache keeps; one second after the end (no job run) every reader is sent to it.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from news.models import NewsPage
from tests import factories

ROME = ZoneInfo("Europe/Rome")
EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)
BEFORE = EMBARGO - datetime.timedelta(minutes=1)
AFTER = EMBARGO + datetime.timedelta(seconds=1)
SLUGS = {"it": "piano-segreto-citta", "en": "secret-plan-city"}
TITLES = {"it": "Piano segreto per la città", "en": "Secret plan for the city"}
# A new slug in the page's language, which a redirect must not reveal.
NEW_SLUGS = {"it": "torino-vince-il-premio-2031", "en": "turin-wins-the-award-2031"}


@pytest.fixture
def release(home_page, news_index, translate):
    translate(news_index, title="News", slug="news")
    with time_machine.travel(BEFORE - datetime.timedelta(days=2), tick=False):
        italian = factories.NewsPageFactory(
            parent=news_index, title=TITLES["it"], slug=SLUGS["it"], is_press_release=True, embargo_until=EMBARGO
        )
        english = translate(italian, title=TITLES["en"], slug=SLUGS["en"])
    return {"it": NewsPage.objects.get(pk=italian.pk), "en": NewsPage.objects.get(pk=english.pk)}


def _publish(page, user, **fields):
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision(user=user).publish(user=user)


# --- the ways a redirect to the release comes to exist: each returns the address that now redirects -------------


def slug_changed(language, release, admin_user, **_):
    """The release's slug changed (Wagtail's automatic redirect from the old address)."""
    old = release[language].url
    _publish(release[language], admin_user, slug=NEW_SLUGS[language])
    return old


def section_renamed(language, release, admin_user, **_):
    """The news index's slug changed: Wagtail makes a redirect for every page below it, the release too."""
    old = release[language].url
    index = release[language].get_parent().specific
    _publish(index, admin_user, slug={"it": "novita", "en": "latest"}[language])
    return old


def moved_in_the_admin(language, release, admin_user, home_page, translate, **_):
    """The release moved to another section through the admin's move view (Wagtail's automatic redirect)."""
    archive = factories.NewsIndexPageFactory(parent=home_page, title="Archivio", slug="archivio")
    archive = translate(archive, title="Archive", slug="archive") if language == "en" else archive
    old = release[language].url
    client = Client()
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{release[language].pk}/move/{archive.pk}/confirm/")
    assert response.status_code == 302
    assert NewsPage.objects.get(pk=release[language].pk).get_parent().pk == archive.pk
    return old


def made_by_an_editor(language, release, **_):
    """An editor's short address for the release (Redirects → Add)."""
    old = {"it": "/comunicato-premio/", "en": "/en/award-statement/"}[language]
    Redirect.objects.create(old_path=old.rstrip("/"), redirect_page=release[language])
    return old


def made_by_an_editor_for_the_site(language, release, **_):
    """The same, for this site only and temporary (a 302)."""
    old = {"it": "/comunicato/", "en": "/en/statement/"}[language]
    Redirect.objects.create(
        old_path=old.rstrip("/"), redirect_page=release[language], site=release[language].get_site(), is_permanent=False
    )
    return old


WAYS = [slug_changed, section_renamed, moved_in_the_admin, made_by_an_editor, made_by_an_editor_for_the_site]


@pytest.fixture(params=WAYS, ids=[way.__name__ for way in WAYS])
def redirected(request, release, admin_user, home_page, translate, django_capture_on_commit_callbacks):
    """(language, the address that redirects to the release, the release), made before the embargo ends."""
    language = request.node.callspec.params["language"]
    # Wagtail makes its redirects when the transaction commits.
    with time_machine.travel(BEFORE, tick=False), django_capture_on_commit_callbacks(execute=True):
        old = request.param(language, release=release, admin_user=admin_user, home_page=home_page, translate=translate)
    assert Redirect.objects.filter(redirect_page=release[language]).exists()
    return language, old, NewsPage.objects.get(pk=release[language].pk)


def _headers(response):
    return sorted((name.lower(), value) for name, value in response.headers.items())


def missing_like(address):
    """An address that leads nowhere, as long as ``address`` (the 404's length says it): its last part made x's."""
    head, last = address.rstrip("/").rsplit("/", 1)
    return f"{head}/{'x' * len(last)}/"


def assert_answers_like_a_missing_address(client, address):
    missing = missing_like(address)
    # Twice: the second would find a kept answer, if one were kept.
    for _ in range(2):
        first, second = client.get(address), client.get(missing)
        assert (first.status_code, first.get("Location")) == (second.status_code, None) == (404, None)
        assert _headers(first) == _headers(second)
        # The 404 page names the address asked for (its language links): the same apart from that address.
        page, other = (
            first.content.replace(address.encode(), b"ADDRESS"),
            second.content.replace(missing.encode(), b"ADDRESS"),
        )
        assert page == other


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_redirect_to_an_embargoed_release_answers_like_a_missing_address_until_the_embargo_ends(
    client, redirected, language
):
    language, old, page = redirected
    with time_machine.travel(BEFORE, tick=False):
        assert_answers_like_a_missing_address(client, old)
        text = client.get(old).content.decode()
        assert SLUGS[language] not in text.replace(old, "") and NEW_SLUGS[language] not in text
        assert TITLES[language] not in text

    # Within a second of the end, nothing to run: the redirect works, and nothing kept the 404.
    with time_machine.travel(AFTER, tick=False):
        response = client.get(old)
        assert response.status_code in (301, 302)
        assert response["Location"] == page.url
        assert client.get(page.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_signed_in_user_who_may_not_edit_the_release_is_not_redirected_either(redirected, language):
    language, old, _page = redirected
    user = get_user_model().objects.create_user("lettrice", "lettrice@example.com", "not-used")  # noqa: S106
    client = Client()
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(user)  # signed in then: sessions expire
        assert_answers_like_a_missing_address(client, old)
        assert client.get(old).wsgi_request.user == user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_an_editor_who_may_edit_the_release_is_redirected_with_an_answer_no_cache_keeps(editor, redirected, language):
    language, old, page = redirected
    editor_client = Client()
    with time_machine.travel(BEFORE, tick=False):
        editor_client.force_login(editor)  # signed in then: sessions expire
        response = editor_client.get(old)
        assert response.status_code in (301, 302)
        assert response["Location"] == page.url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        # and the release itself, as NewsPage.serve shows it to them
        assert editor_client.get(page.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_redirect_to_an_alias_of_an_embargoed_release_answers_like_a_missing_address(
    client, release, admin_user, language
):
    """An alias shows its original's content under an address (and a ``translation_key``) of its own."""
    with time_machine.travel(BEFORE, tick=False):
        alias = release[language].create_alias(update_slug=f"alias-{SLUGS[language]}", user=admin_user)
        old = {"it": "/alias-comunicato/", "en": "/en/alias-statement/"}[language]
        Redirect.objects.create(old_path=old.rstrip("/"), redirect_page=alias)
        assert_answers_like_a_missing_address(client, old)
    with time_machine.travel(AFTER, tick=False):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, alias.url)
