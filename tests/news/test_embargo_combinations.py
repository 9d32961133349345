"""The embargo combined with what else moves a release in time or place, through every public channel.

Each test follows a release across a timeline with the whole-page cache on, and with and without the site chrome's
cache (base/fragment_cache.py: listings, routing), asking every address twice at each moment, as readers would (the
second answer a kept one, if one was kept). Whatever the order of operations, no address names the release before
its embargo ends, and every listing names it at the first request after the end (one second later, no job but the
scheduler's ``publish_scheduled`` every minute).
"""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from news.embargo import ReleaseEmbargo
from news.models import NewsPage
from tests import admin_forms, factories
from tests.news.releases import NOW, ROME

SECOND = datetime.timedelta(seconds=1)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
# Words only the release's title and slug carry, in each language, and a word of its title that search looks for (the
# search page repeats what it was asked).
MARKERS = {"it": "zafferano", "en": "saffron"}
SEARCHED = {"it": "premio", "en": "prize"}


@pytest.fixture
def both_languages(home_page, news_index, translate):
    translate(home_page, title="Torino Innovation")
    translate(news_index, title="News", slug="news")
    factories.PressRoomPageFactory(parent=home_page, title="Sala stampa", slug="sala-stampa")
    return news_index


def search_url(language, word):
    with translation.override(language):
        return f"{reverse('search')}?q={word}"


def addresses(language):
    """Every public address that lists news, in ``language``."""
    prefix = "" if language == "it" else "/en"
    index = "/notizie/" if language == "it" else "/en/news/"
    return [
        f"{prefix}/",
        index,
        f"{index}?page=2",
        f"{index}?tag=premio",
        f"{index}feed/rss/",
        f"{index}feed/atom/",
        "/sitemap.xml",
        f"/api/v2/pages/?type=news.NewsPage&fields=title,summary&limit=20&locale={language}",
        search_url(language, SEARCHED[language]),
    ]


def naming(client, marker, *, extra=()):
    """The addresses (each asked twice) whose answer names ``marker``, or that answer 200 for an address of it."""
    found = set()
    for language in ("it", "en"):
        for address in [*addresses(language), *extra]:
            for _ in range(2):
                response = client.get(address)
                if response.status_code == 200 and marker in response.content.decode().lower():
                    found.add(address)
    return found


def run_scheduler():
    call_command("publish_scheduled", stdout=io.StringIO())


def edit_at_now(admin_client, admin_user, release, **moments):
    """Save, at NOW, the release's edit form as an editor would, with ``moments`` (embargo_until, go_live_at,
    expire_at: a datetime, or None for an empty field) in Rome time."""
    fields = {
        name: value.astimezone(ROME).strftime("%Y-%m-%d %H:%M") if value else "" for name, value in moments.items()
    }
    with time_machine.travel(NOW, tick=False):
        admin_client.force_login(admin_user)
        data = admin_forms.news_page_form(title=release.title, slug=release.slug, is_press_release="on", **fields)
        response = admin_client.post(admin_forms.edit_url(release), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response


# --- 1. scheduled publication and the embargo -----------------------------------------------------------------


RELATIONS = {"embargo ends first": -HOUR, "at the same moment": datetime.timedelta(0), "go-live first": HOUR}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("relation", RELATIONS)
def test_a_release_scheduled_to_go_live_is_named_nowhere_before_its_embargo_nor_before_it_goes_live(
    client, admin_client, admin_user, both_languages, fragments, relation
):
    go_live = NOW + DAY
    embargo = go_live + RELATIONS[relation]
    with time_machine.travel(NOW, tick=False):
        admin_client.force_login(admin_user)
        data = admin_forms.news_page_form(
            title="Premio zafferano",
            slug="premio-zafferano",
            tags="premio",
            is_press_release="on",
            embargo_until=embargo.astimezone(ROME).strftime("%Y-%m-%d %H:%M"),
            go_live_at=go_live.astimezone(ROME).strftime("%Y-%m-%d %H:%M"),
        )
        response = admin_client.post(admin_forms.add_url(NewsPage, both_languages), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = NewsPage.objects.get(slug="premio-zafferano")
        assert not page.live
        assert ReleaseEmbargo.objects.get(translation_key=page.translation_key).until == embargo

    moments = sorted({NOW, embargo - SECOND, go_live - SECOND, embargo + SECOND, go_live + SECOND})
    moments.append(max(embargo, go_live) + MINUTE)
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            run_scheduler()
            shown = naming(client, MARKERS["it"], extra=["/notizie/premio-zafferano/", "/sala-stampa/"])
            released = moment >= embargo and moment >= go_live
            if released:
                assert "/notizie/" in shown and "/notizie/premio-zafferano/" in shown, (moment, shown)
                assert "/sala-stampa/" in shown, moment
            else:
                assert shown == set(), (relation, moment)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("change", ["earlier", "later", "cleared"])
def test_a_version_scheduled_with_another_embargo_changes_the_release_only_when_it_goes_live(
    client, admin_client, admin_user, release, fragments, change
):
    """The release (Italian and English, under embargo until EMBARGO) gets a version scheduled for ``go_live``, with
    its embargo moved: until the version goes live the release's embargo is the one it had, from then the version's
    (the original published, from a version made from the embargo as it stands)."""
    embargo = ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until
    go_live = embargo - DAY
    new = {"earlier": go_live + HOUR, "later": embargo + DAY, "cleared": None}[change]
    edit_at_now(admin_client, admin_user, release["it"], embargo_until=new, go_live_at=go_live)
    expected_after_go_live = new
    moments = sorted(
        {NOW, go_live - SECOND, go_live + SECOND, embargo - SECOND, embargo + SECOND}
        | ({new - SECOND, new + SECOND} if new else set())
    )
    urls = [release["it"].url, release["en"].url]
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            run_scheduler()
            # A draft moves the embargo of a release not public yet later at once (news/embargo.py).
            current = embargo if moment < go_live and change != "later" else expected_after_go_live
            record = ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until
            assert record == current, moment
            hidden = current is not None and moment < current
            for url in urls:
                for _ in range(2):
                    assert client.get(url).status_code == (404 if hidden else 200), (moment, url)
            titles = naming(client, "torino vince il premio") | naming(client, "turin wins the prize")
            if hidden:
                assert titles == set(), (moment, titles)
            else:
                assert {"/notizie/", "/en/news/"} <= titles, (moment, titles)


@pytest.mark.django_db
def test_a_release_that_expires_before_its_embargo_is_never_named_in_its_language(
    client, admin_client, admin_user, release, fragments
):
    # An expiry is a page's own schedule, as its publication is: the English translation, published with no expiry,
    # is not taken down by the Italian page's (wagtail-localize synchronises content, not schedules).
    embargo = ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until
    edit_at_now(admin_client, admin_user, release["it"], embargo_until=embargo, expire_at=embargo - HOUR)
    for moment in (NOW, embargo - HOUR + SECOND, embargo - SECOND, embargo + SECOND, embargo + MINUTE):
        with time_machine.travel(moment, tick=False):
            run_scheduler()
            titles = naming(client, "torino vince il premio", extra=[release["it"].url])
            assert "/notizie/" not in titles and release["it"].url not in titles, moment


# --- 3. every page of a listing, tag listings included -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "tag=premio&"])
def test_every_page_of_a_kept_listing_shifts_at_the_embargos_end_and_never_names_the_release_before(
    client, settings, both_languages, translate, fragments, query
):
    """Seven news items and the release, the newest of all, three to a page: every page of the listing (and of its
    tag) moves by one at the embargo's end. Before it no page names the release; one second after, each page is
    what it must be, however many times each page number was asked before (kept), whatever number is asked (past
    the end, not a number)."""
    news_index = both_languages
    settings.PAGE_SIZE = 3
    embargo = NOW + DAY
    with time_machine.travel(NOW - DAY, tick=False):
        for number in range(7):
            item = factories.NewsPageFactory(
                parent=news_index,
                title=f"Notizia numero {number:02d}",
                slug=f"notizia-{number:02d}",
                date=datetime.date(2031, 1, 1) + datetime.timedelta(days=number),
            )
            item.tags.add("premio")
            item.save_revision().publish()
            translate(NewsPage.objects.get(pk=item.pk), title=f"News number {number:02d}", slug=f"news-{number:02d}")
        release = factories.NewsPageFactory(
            parent=news_index,
            title="Premio zafferano",
            slug="premio-zafferano",
            date=datetime.date(2031, 4, 30),
            is_press_release=True,
            embargo_until=embargo,
        )
        release.tags.add("premio")
        release.save_revision().publish()
        translate(NewsPage.objects.get(pk=release.pk), title="Saffron prize", slug="saffron-prize")

    numbers = ["", "1", "2", "3", "99", "abc", "-1"]
    pages = {"it": "/notizie/", "en": "/en/news/"}

    def cards(text):
        return re.findall(r'class="card__link" href="([^"]+)"', text)

    def every_page():
        answers = {}
        for index in pages.values():
            for number in numbers:
                address = f"{index}?{query}page={number}" if number else (f"{index}?{query}" if query else index)
                for _ in range(2):
                    response = client.get(address)
                    assert response.status_code == 200, address
                answers[address] = cards(response.content.decode())
        return answers

    with time_machine.travel(embargo - HOUR, tick=False):
        before = every_page()
    for moment in (embargo - MINUTE, embargo - SECOND):
        with time_machine.travel(moment, tick=False):
            assert every_page() == before
            assert not [a for a, found in before.items() if any("zafferano" in c or "saffron" in c for c in found)]
    with time_machine.travel(embargo + SECOND, tick=False):
        after = every_page()
    settings.CHROME_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    with time_machine.travel(embargo + SECOND, tick=False):
        fresh = every_page()
    assert after == fresh
    for index in pages.values():
        first = f"{index}?{query}" if query else index
        assert any("zafferano" in c or "saffron" in c for c in after[first]), first
        # Each later page starts with what ended the page before it.
        for number in ("2", "3"):
            address = f"{index}?{query}page={number}"
            previous = f"{index}?{query}page={int(number) - 1}"
            assert after[address][0] == before[previous][-1], address


# --- 4. the translation editor, end to end --------------------------------------------------------------------


def put_string(client, translation_object, path, value):
    segment = StringSegment.objects.get(source=translation_object.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation_object.pk, segment.pk])
    response = client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content


@pytest.mark.django_db
def test_a_translation_made_in_the_translation_editor_is_named_nowhere_before_the_releases_embargo(
    client, admin_client, admin_user, both_languages, fragments, django_capture_on_commit_callbacks
):
    news_index = both_languages
    embargo = NOW + DAY
    english_locale = Locale.objects.get(language_code="en")
    with time_machine.travel(NOW, tick=False):
        admin_client.force_login(admin_user)
        italian = factories.NewsPageFactory(
            parent=news_index,
            title="Premio zafferano",
            slug="premio-zafferano",
            is_press_release=True,
            embargo_until=embargo,
        )
        italian.save_revision(user=admin_user).publish(user=admin_user)
        # "Translate this page", the translator's strings, "Publish" in the translation editor.
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[italian.pk]), {"locales": [english_locale.pk]}
        )
        assert response.status_code == 302
        english = NewsPage.objects.get(translation_key=italian.translation_key, locale=english_locale)
        assert not english.live
        translation_object = Translation.objects.get(
            source__object_id=italian.translation_key, target_locale=english_locale
        )
        put_string(admin_client, translation_object, "title", "Saffron prize")
        put_string(admin_client, translation_object, "slug", "saffron-prize")
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(admin_forms.edit_url(english), {"action": "publish"})
        assert response.status_code == 302
        english = NewsPage.objects.get(pk=english.pk)
        assert english.live and english.slug == "saffron-prize"
        assert naming(client, "saffron", extra=[english.url]) == set()
        # The translator renames it: Wagtail's redirect from the old address must not lead there.
        old_url = english.url
        put_string(admin_client, translation_object, "slug", "saffron-award")
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(admin_forms.edit_url(english), {"action": "publish"})
        english = NewsPage.objects.get(pk=english.pk)
        assert english.slug == "saffron-award"
        for _ in range(2):
            assert client.get(old_url).status_code == 404
            assert client.get(english.url).status_code == 404
        assert naming(client, "saffron") == set()

    # The original's editor moves the embargo later (a draft: the release is not public yet).
    later = embargo + DAY
    with time_machine.travel(NOW + HOUR, tick=False):
        data = admin_forms.news_page_form(
            publish=False,
            title=italian.title,
            slug=italian.slug,
            is_press_release="on",
            embargo_until=later.astimezone(ROME).strftime("%Y-%m-%d %H:%M"),
        )
        assert admin_client.post(admin_forms.edit_url(italian), data).status_code == 302
        assert NewsPage.objects.get(pk=english.pk).embargo_until == later
        # A sync that publishes the translations, from the original's draft.
        source = TranslationSource.objects.get(object_id=italian.translation_key)
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
            )
        assert response.status_code == 302

    for moment in (embargo - SECOND, embargo + SECOND, later - SECOND):
        with time_machine.travel(moment, tick=False):
            assert naming(client, "saffron", extra=[english.url, old_url]) == set(), moment
            assert naming(client, "zafferano", extra=[italian.url]) == set(), moment
    with time_machine.travel(later + SECOND, tick=False):
        assert {"/en/news/", english.url} <= naming(client, "saffron", extra=[english.url])
        assert client.get(old_url).status_code == 301
        assert Page.objects.get(pk=english.pk).live


# --- 2. aliases and copies of aliases -------------------------------------------------------------------------


def alias_title_shown(client, page):
    """Whether readers get ``page``'s address, or find its title in its language's listings."""
    page = NewsPage.objects.get(pk=page.pk)
    index = "/notizie/" if page.locale.language_code == "it" else "/en/news/"
    listed = page.title in client.get(index).content.decode()
    mapped = page.slug in client.get("/sitemap.xml").content.decode()
    return client.get(page.url).status_code != 404 or listed or mapped


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_copy_of_an_alias_of_a_release_under_embargo_is_made_unpublished(
    client, admin_client, admin_user, release, fragments, language
):
    """An alias has no version of its own (no live revision): its copy, a new release with its own key, must not
    be made live either, or it goes public at the embargo it was copied with, after the release's moved later."""
    embargo = ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until
    with time_machine.travel(NOW + MINUTE, tick=False):
        admin_client.force_login(admin_user)
        alias = release[language].create_alias(update_slug=f"{release[language].slug}-alias", user=admin_user)
        response = admin_client.post(
            f"/admin/pages/{alias.pk}/copy/",
            {"new_title": alias.title, "new_slug": "copia", "new_parent_page": alias.get_parent().pk,
             "publish_copies": "on"},
        )  # fmt: skip
        assert response.status_code == 302, response.content[:500]
        copy = NewsPage.objects.get(slug="copia", locale=alias.locale)
        assert not copy.live
        draft = NewsPage.objects.get(pk=release["it"].pk).get_latest_revision_as_object()
        draft.embargo_until = embargo + DAY
        draft.save_revision(user=admin_user)
    with time_machine.travel(embargo + MINUTE, tick=False):
        assert not alias_title_shown(client, copy)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_an_alias_of_an_alias_converted_into_a_page_is_not_public_before_the_release(
    client, admin_user, release, fragments, language
):
    """The alias in the middle of a chain is converted into a page of its own (unpublished, news/embargo.py): the
    alias of it still shows the release's text, so it may not go public at the embargo the middle one kept."""
    embargo = ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until
    with time_machine.travel(NOW + MINUTE, tick=False):
        middle = release[language].create_alias(update_slug=f"{release[language].slug}-bis", user=admin_user)
        last = NewsPage.objects.get(pk=middle.pk).create_alias(
            update_slug=f"{release[language].slug}-ter", user=admin_user
        )
        ConvertAliasPageAction(NewsPage.objects.get(pk=middle.pk), user=admin_user).execute()
        draft = NewsPage.objects.get(pk=release["it"].pk).get_latest_revision_as_object()
        draft.embargo_until = embargo + DAY
        draft.save_revision(user=admin_user)
        assert not alias_title_shown(client, last)
    with time_machine.travel(embargo + MINUTE, tick=False):
        assert client.get(release[language].url).status_code == 404
        assert not alias_title_shown(client, last)
