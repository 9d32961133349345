"""A press release under embargo is nowhere public before its time, and everywhere after it.

The clock is moved with time-machine; every public surface is checked: the news index, the
home page's latest news, the press room, both feeds, the search, the sitemap, the API (listing,
detail and find), the language switcher's "not translated" notice, and the page itself.
"""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from tests import factories
from tests.demo_database import kept

ROME = ZoneInfo("Europe/Rome")
EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)
BEFORE = EMBARGO - datetime.timedelta(minutes=1)
AFTER = EMBARGO + datetime.timedelta(seconds=1)
TITLE = "Torino presenta il piano per l'innovazione 2031"
WORD = "zafferanowatt"  # a word found only in the release's body


@kept
def release(home_page, news_index, translate):
    translate(home_page, title="Torino Innovation")  # an English home page, to land on from an Italian-only page
    factories.PressRoomPageFactory(parent=home_page)
    factories.NewsPageFactory(parent=news_index, title="Notizia libera", is_press_release=True)
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        page = factories.NewsPageFactory(
            parent=news_index,
            title=TITLE,
            slug="piano-innovazione-2031",
            date=EMBARGO.date(),
            is_press_release=True,
            embargo_until=EMBARGO,
            body=[factories.paragraph(f"<p>Il piano introduce il {WORD} nei quartieri.</p>")],
        )
    return page


def public_texts(client, release):
    """What each public surface says, as text, keyed by surface."""
    api_list = client.get("/api/v2/pages/", {"type": "news.NewsPage", "fields": "title"})
    return {
        "news index": client.get("/notizie/").content.decode(),
        "home page": client.get("/").content.decode(),
        "press room": client.get("/sala-stampa/").content.decode(),
        "RSS": client.get("/notizie/feed/rss/").content.decode(),
        "Atom": client.get("/notizie/feed/atom/").content.decode(),
        "search": client.get("/cerca/", {"q": WORD}).content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "API listing": api_list.content.decode(),
        "API detail": str(client.get(f"/api/v2/pages/{release.pk}/").status_code),
        "API find": str(client.get("/api/v2/pages/find/", {"html_path": release.url}).status_code),
        # The language switcher's landing: the English home page says which Italian page had no translation.
        "untranslated notice": client.get("/en/", {"untranslated": release.pk}).content.decode(),
    }


@pytest.mark.django_db
def test_before_the_embargo_the_release_is_nowhere_public(client, release):
    with time_machine.travel(BEFORE, tick=False):
        texts = public_texts(client, release)
        response = client.get(release.url)

    # (The search page repeats the word searched for, so only the title and address count there.)
    leaks = [
        name
        for name, text in texts.items()
        if TITLE in text or release.url in text or (WORD in text and name != "search")
    ]
    assert not leaks, f"the embargoed release shows in: {leaks}"
    assert texts["API detail"] == "404"
    assert texts["API find"] == "404"
    assert "Notizia libera" in texts["press room"]  # the surfaces work, they just leave it out
    assert response.status_code == 404
    assert TITLE not in response.content.decode()
    # No cache between us and the reader may keep this answer past the embargo.
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_after_the_embargo_the_release_is_everywhere(client, release):
    with time_machine.travel(AFTER, tick=False):
        texts = public_texts(client, release)
        response = client.get(release.url)

    surfaces = ("news index", "home page", "press room", "RSS", "Atom", "search", "API listing", "untranslated notice")
    for name in surfaces:
        assert TITLE.replace("'", "&#x27;") in texts[name] or TITLE in texts[name], name
    assert f"http://localhost{release.url}" in texts["sitemap"]
    assert texts["API detail"] == "200"
    assert texts["API find"] == "302"
    assert response.status_code == 200
    assert WORD in response.content.decode()


@pytest.mark.django_db
def test_the_translation_shares_the_embargo(client, release, translate):
    english = translate(release, title="Turin presents its 2031 innovation plan")

    assert english.embargo_until == EMBARGO
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(english.url).status_code == 404
        assert "2031 innovation plan" not in client.get(f"{english.get_parent().url}feed/rss/").content.decode()
    with time_machine.travel(AFTER, tick=False):
        assert client.get(english.url).status_code == 200


def make_editor(django_user_model):
    """A user who may edit every page."""
    editor = django_user_model.objects.create_user("redattrice", password="x")  # noqa: S106
    group = Group.objects.create(name="Redazione")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="change_page")
    )
    editor.groups.add(group)
    return editor


@pytest.mark.django_db
def test_editors_see_the_page_before_the_embargo_with_a_notice(client, django_user_model, release):
    editor = make_editor(django_user_model)

    with time_machine.travel(BEFORE, tick=False):  # logged in then: sessions expire
        client.force_login(editor)
        response = client.get(release.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sotto embargo fino a" in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_what_an_editor_saw_under_embargo_never_reaches_a_reader(client, django_user_model, release, settings):
    """The release's body is kept for the content version (news/news_page.html), but not what its editors see under
    embargo (NewsPage.serve: nothing kept for them; the key says whether it was under embargo besides)."""
    settings.PAGE_CACHE_SECONDS, settings.CHROME_CACHE_SECONDS = 0, 300
    editor = make_editor(django_user_model)
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(editor)
        assert "Sotto embargo fino a" in client.get(release.url).content.decode()
        assert "Sotto embargo fino a" in client.get(release.url).content.decode()  # nothing kept for them
    with time_machine.travel(AFTER, tick=False):
        client.logout()
        response = client.get(release.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert WORD in html
        assert "Sotto embargo fino a" not in html
        # And an editor after the embargo sees what readers see.
        client.force_login(editor)
        assert "Sotto embargo fino a" not in client.get(release.url).content.decode()


@pytest.mark.django_db
def test_a_reader_who_is_logged_in_without_rights_still_gets_404(client, django_user_model, release):
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(django_user_model.objects.create_user("lettore", password="x"))  # noqa: S106
        assert client.get(release.url).status_code == 404


@pytest.mark.django_db
def test_the_api_detail_of_a_released_item_has_the_press_fields(client, release):
    with time_machine.travel(AFTER, tick=False):
        data = json.loads(client.get(f"/api/v2/pages/{release.pk}/").content)

    assert data["title"] == TITLE
    assert data["is_press_release"] is True
    assert data["date"] == "2031-05-20"
    assert "embargo_until" not in data  # an internal setting, not published


@pytest.mark.django_db
def test_slug_feed_is_refused_for_news(news_index):
    from django.core.exceptions import ValidationError

    page = factories.NewsPageFactory.build(title="Feed", slug="feed")
    page.path, page.depth = news_index.path + "0099", news_index.depth + 1
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
