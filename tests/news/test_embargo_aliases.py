"""An alias of a release under embargo is the release: hidden while the release is, public the minute it is not.

Wagtail gives an alias a new ``translation_key`` and, at every publication of its original, hands it the published
revision's raw content (``update_aliases``), embargo included, whatever the release's rules made of it. The
alias must follow the release's embargo (news/embargo.py), whatever the order of the editors' operations:
made before or after the embargo moves, an alias of the Italian or of the English page, an alias of an alias,
the aliases of a whole news index ("with subpages").
"""

import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from news.embargo import ReleaseEmbargo
from news.models import NewsPage
from tests import factories
from tests.news.releases import DAY, EMBARGO, MINUTE, NOW, TITLES, fresh

LISTINGS = {
    "it": ["/notizie/", "/notizie/feed/rss/", "/cerca/?q=premio", "/"],
    "en": ["/en/news/", "/en/news/feed/rss/", "/en/search/?q=prize", "/en/"],
}
COMMON = [
    "/sitemap.xml",
    "/api/v2/pages/?type=news.NewsPage&fields=title&limit=20",
    "/api/v2/pages/?locale=en&type=news.NewsPage&fields=title&limit=20",
]


def until(key):
    return ReleaseEmbargo.objects.filter(translation_key=key).values_list("until", flat=True).first()


def alias_of(page, admin_user, slug):
    return fresh(page.create_alias(update_slug=slug, user=admin_user))


def leaks(client, aliases):
    """What the public sees of the aliases: their pages' status, and the listings naming them."""
    found = {}
    for language, alias in aliases.items():
        response = client.get(fresh(alias).url)
        if response.status_code != 404:
            found[fresh(alias).url] = response.status_code
        for address in LISTINGS[language]:
            if TITLES[language] in client.get(address).content.decode():
                found[address] = TITLES[language]
    for address in COMMON:
        text = client.get(address).content.decode()
        for alias in aliases.values():
            if fresh(alias).slug in text:
                found[address] = fresh(alias).slug
    return found


def move_later_by_draft(page, admin_user, value):
    draft = fresh(page).get_latest_revision_as_object()
    draft.embargo_until = value
    draft.save_revision(user=admin_user)


@pytest.mark.django_db
@pytest.mark.parametrize("aliased", ["it", "en"])
@pytest.mark.parametrize("order", ["alias first", "embargo moved first"])
def test_an_alias_follows_the_release_when_its_embargo_moves_later(client, admin_user, release, aliased, order):
    """The draft moving the embargo later is made in either language, before or after the alias exists."""
    mover = release["en" if aliased == "it" else "it"]
    with time_machine.travel(NOW + MINUTE, tick=False):
        if order == "alias first":
            alias = alias_of(release[aliased], admin_user, f"alias-{aliased}")
            move_later_by_draft(mover, admin_user, EMBARGO + DAY)
        else:
            move_later_by_draft(mover, admin_user, EMBARGO + DAY)
            alias = alias_of(release[aliased], admin_user, f"alias-{aliased}")
        assert until(release["it"].translation_key) == EMBARGO + DAY
        assert not leaks(client, {aliased: alias})
    with time_machine.travel(EMBARGO + MINUTE, tick=False):  # the old end: the release is still under embargo
        assert client.get(release[aliased].url).status_code == 404
        assert not leaks(client, {aliased: alias})
    with time_machine.travel(EMBARGO + DAY + MINUTE, tick=False):
        assert client.get(fresh(alias).url).status_code == 200
        assert TITLES[aliased] in client.get(LISTINGS[aliased][0]).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("aliased", ["it", "en"])
def test_a_stale_scheduled_version_does_not_give_the_alias_its_refused_embargo(client, admin_user, release, aliased):
    """A version scheduled with an earlier embargo, then the embargo moved later: the publication of the old
    version is refused the earlier time for the release, and its alias (handed that version's content) too."""
    with time_machine.travel(NOW + MINUTE, tick=False):
        alias = alias_of(release[aliased], admin_user, "alias-premio")
    with time_machine.travel(NOW + 10 * MINUTE, tick=False):
        scheduled = fresh(release["it"]).get_latest_revision_as_object()
        scheduled.embargo_until = EMBARGO - DAY
        scheduled.save_revision(user=admin_user, approved_go_live_at=NOW + 2 * 60 * MINUTE)
    with time_machine.travel(NOW + 30 * MINUTE, tick=False):
        move_later_by_draft(release["it"], admin_user, EMBARGO + DAY)
    with time_machine.travel(NOW + 3 * 60 * MINUTE, tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert until(release["it"].translation_key) == EMBARGO + DAY
    for moment in (EMBARGO - DAY + MINUTE, EMBARGO + MINUTE):
        with time_machine.travel(moment, tick=False):
            assert not leaks(client, {aliased: alias}), moment
    with time_machine.travel(EMBARGO + DAY + MINUTE, tick=False):
        assert client.get(fresh(alias).url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("alias_before_embargo", [True, False])
def test_a_translation_published_from_a_stale_sync_does_not_release_its_alias(
    client, admin_user, home_page, news_index, translate, locale_en, alias_before_embargo
):
    """The English page synced when the release had no embargo, aliased, then published from that sync."""
    translate(news_index, title="News", slug="news")
    with time_machine.travel(NOW, tick=False):
        page = factories.NewsPageFactory(parent=news_index, title=TITLES["it"], slug="premio", live=False)
        page.save_revision(user=admin_user)
        english = fresh(factories.translate(fresh(page), locale_en, publish=False, title=TITLES["en"], slug="prize"))
        if alias_before_embargo:
            alias = alias_of(english, admin_user, "prize-alias")
        draft = fresh(page).get_latest_revision_as_object()
        draft.embargo_until = EMBARGO
        draft.save_revision(user=admin_user).publish(user=admin_user)
        if not alias_before_embargo:
            alias = alias_of(english, admin_user, "prize-alias")
        fresh(english).get_latest_revision().publish(user=admin_user)
        assert until(page.translation_key) == EMBARGO
        assert not leaks(client, {"en": alias})
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert client.get(fresh(alias).url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_an_alias_of_an_alias_follows_the_release(client, admin_user, release, language):
    with time_machine.travel(NOW + MINUTE, tick=False):
        first = alias_of(release[language], admin_user, "alias-uno")
        second = alias_of(first, admin_user, "alias-due")
        assert second.alias_of_id == first.pk, "Wagtail chains aliases of aliases"
        move_later_by_draft(release[language], admin_user, EMBARGO + DAY)
        fresh(release["it"]).get_latest_revision().publish(user=admin_user)  # update_aliases down the chain
        assert until(release["it"].translation_key) == EMBARGO + DAY
    for moment in (NOW + 2 * MINUTE, EMBARGO + MINUTE):
        with time_machine.travel(moment, tick=False):
            assert not leaks(client, {language: first}), moment
            assert not leaks(client, {language: second}), moment
    with time_machine.travel(EMBARGO + DAY + MINUTE, tick=False):
        assert client.get(fresh(second).url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_the_aliases_of_a_news_index_with_subpages_follow_the_release(client, admin_user, home_page, release, language):
    index = fresh(release[language]).get_parent()
    with time_machine.travel(NOW + MINUTE, tick=False):
        # As the admin's copy view makes it ("alias" and "copy subpages"), which checks no page count.
        index_alias = index.create_alias(recursive=True, parent=index.get_parent(), update_slug="archivio-alias")
        alias = NewsPage.objects.child_of(index_alias).get()
        assert alias.alias_of_id == release[language].pk
        move_later_by_draft(release["it"], admin_user, EMBARGO + DAY)
    for moment in (NOW + 2 * MINUTE, EMBARGO + MINUTE):
        with time_machine.travel(moment, tick=False):
            assert not leaks(client, {language: alias}), moment
    with time_machine.travel(EMBARGO + DAY + MINUTE, tick=False):
        assert client.get(fresh(alias).url).status_code == 200


@pytest.mark.django_db
def test_an_alias_made_in_the_admin_follows_the_release(client, admin_client, admin_user, release, news_index):
    with time_machine.travel(NOW + MINUTE, tick=False):
        admin_client.force_login(admin_user)  # a session of 2031
        response = admin_client.post(
            f"/admin/pages/{release['it'].pk}/copy/",
            {
                "new_title": TITLES["it"],
                "new_slug": "premio-bis",
                "new_parent_page": news_index.pk,
                "publish_copies": "on",
                "alias": "on",
            },
        )
        assert response.status_code == 302, response.content[:300]
        alias = NewsPage.objects.get(slug="premio-bis")
        move_later_by_draft(release["it"], admin_user, EMBARGO + DAY)
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert not leaks(client, {"it": alias})


def publish_with_embargo(page, admin_user, value):
    version = fresh(page).get_latest_revision_as_object()
    version.embargo_until = value
    version.save_revision(user=admin_user).publish(user=admin_user)


@pytest.mark.django_db
def test_a_translation_made_an_alias_of_its_source_leaves_the_embargo_free_to_move(admin_user, release):
    """wagtail-localize's "convert to alias" makes the English page an alias of the Italian one with the same key:
    it is of the release already, and must not freeze the release's embargo by following itself."""
    key = release["it"].translation_key
    with time_machine.travel(NOW + MINUTE, tick=False):
        english = fresh(release["en"])
        english.alias_of_id = release["it"].pk
        english.save(update_fields=["alias_of_id"])  # as wagtail_localize.views.convert does
        move_later_by_draft(release["it"], admin_user, EMBARGO + DAY)
        assert until(key) == EMBARGO + DAY
        publish_with_embargo(release["it"], admin_user, NOW + DAY)
        assert until(key) == NOW + DAY
        assert fresh(english).embargo_until == NOW + DAY


@pytest.mark.django_db
def test_a_synchronised_alias_turned_into_a_translation_stays_published(client, admin_user, home_page, news_index):
    """A language kept in step by wagtail-localize holds aliases with the source's key; translating one turns it
    into a page of its own (``alias_of`` cleared) that is still of the release: it is not unpublished, and goes
    public with the release."""
    english = Locale.objects.get(language_code="en")
    with time_machine.travel(NOW, tick=False):
        for page in (home_page, news_index):
            page.copy_for_translation(english, alias=True)
        italian = factories.NewsPageFactory(
            parent=news_index, title=TITLES["it"], slug="premio", is_press_release=True, embargo_until=EMBARGO
        )
        italian.save_revision(user=admin_user).publish(user=admin_user)
        alias = fresh(italian).copy_for_translation(english, alias=True)
        source, _created = TranslationSource.get_or_create_from_instance(fresh(italian))
        source.create_or_update_translation(english, publish=False, fallback=True)
        translated = fresh(alias)
        assert translated.alias_of_id is None and translated.live
        assert client.get(translated.url).status_code == 404
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert client.get(fresh(italian).url).status_code == 200
        assert client.get(translated.url).status_code == 200
