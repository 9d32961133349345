"""A copy of a release under embargo is never made live, whatever way it is made.

A copy has a new ``translation_key``: a release of its own, which would go public at the embargo it was copied
with even after the release's embargo moved later. So every way of copying (the admin's copy view, the admin
API's copy action, a recursive copy of the news index, ``Page.copy()``) makes it unpublished, in both languages;
an alias of the release converted into a page is unpublished too. A copy of a release already public stays live.
"""

import json

import pytest
import time_machine
from wagtail.actions.convert_alias import ConvertAliasPageAction

from news.embargo import ReleaseEmbargo
from news.models import NewsPage
from tests.news.releases import DAY, EMBARGO, MINUTE, NOW, fresh

LISTINGS = {"it": ["/notizie/", "/notizie/feed/rss/", "/cerca/?q=premio"], "en": ["/en/news/", "/en/search/?q=prize"]}


def copy_in_admin_view(client, user, page, slug):
    client.force_login(user)
    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": page.title, "new_slug": slug, "new_parent_page": page.get_parent().pk, "publish_copies": "on"},
    )
    assert response.status_code == 302, response.content[:500]
    return NewsPage.objects.get(slug=slug, locale=page.locale)


def copy_through_admin_api(client, user, page, slug):
    client.force_login(user)
    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        json.dumps({"slug": slug, "keep_live": True}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content[:500]
    return NewsPage.objects.get(slug=slug, locale=page.locale)


def copy_with_page_copy(client, user, page, slug):
    return fresh(page.copy(update_attrs={"slug": slug}, keep_live=True, user=user))


def copy_the_news_index(client, user, page, slug):
    index = page.get_parent()
    copied = index.copy(recursive=True, update_attrs={"slug": f"archivio-{slug}"}, keep_live=True)
    return NewsPage.objects.child_of(copied).get(slug=page.slug)


WAYS = {
    "admin view": copy_in_admin_view,
    "admin api": copy_through_admin_api,
    "Page.copy": copy_with_page_copy,
    "recursive copy of the index": copy_the_news_index,
}


def assert_nowhere(client, language, copy):
    copy = fresh(copy)
    assert not copy.live
    assert client.get(copy.url or f"/{copy.url_path}").status_code == 404
    for address in LISTINGS[language]:
        assert copy.url_path not in client.get(address).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("way", WAYS)
def test_a_copy_of_a_release_under_embargo_is_made_unpublished(client, admin_user, release, language, way):
    with time_machine.travel(NOW + MINUTE, tick=False):
        copy = WAYS[way](client, admin_user, release[language], "premio-copia")
        copy = fresh(copy)
        assert not copy.live and copy.live_revision_id is None and copy.first_published_at is None
        assert copy.has_unpublished_changes
        # The release's embargo then moves later, by a draft: the copy stays out of sight after the old end too.
        draft = fresh(release["it"]).get_latest_revision_as_object()
        draft.embargo_until = EMBARGO + DAY
        draft.save_revision(user=admin_user)
        assert_nowhere(client, language, copy)
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert client.get(release[language].url).status_code == 404
        assert_nowhere(client, language, copy)
    # Copying did not touch the release's embargo (Wagtail copies its revisions, with the release's key in them).
    assert ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until == EMBARGO + DAY


@pytest.mark.django_db
@pytest.mark.parametrize("embargoed", [True, False])
def test_the_copy_view_says_when_the_copy_was_kept_unpublished(client, admin_user, release, embargoed):
    when = NOW + MINUTE if embargoed else EMBARGO + MINUTE
    with time_machine.travel(when, tick=False):
        copy_in_admin_view(client, admin_user, release["it"], "premio-copia")
        shown = client.get("/admin/").content.decode()
    assert ("kept unpublished" in shown or "rimasta non pubblicata" in shown) is embargoed


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("way", WAYS)
def test_a_copy_of_a_public_release_stays_live(client, admin_user, release, language, way):
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        copy = fresh(WAYS[way](client, admin_user, release[language], "premio-copia"))
        assert copy.live and copy.live_revision_id is not None
        assert client.get(copy.url).status_code == 200


@pytest.mark.django_db
def test_copying_keeps_the_releases_embargo_from_older_versions(client, admin_user, release):
    """An older version of the release held a later embargo; copying the release (with its versions) brings
    it back neither for the release nor for its translation."""
    with time_machine.travel(NOW + MINUTE, tick=False):
        draft = fresh(release["it"]).get_latest_revision_as_object()
        draft.embargo_until = EMBARGO + DAY
        draft.save_revision(user=admin_user)
        draft = fresh(release["it"]).get_latest_revision_as_object()
        draft.embargo_until = EMBARGO
        draft.save_revision(user=admin_user).publish(user=admin_user)  # the original brings it back
        assert ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until == EMBARGO
        fresh(release["it"]).copy(update_attrs={"slug": "premio-copia"}, keep_live=False)
        assert ReleaseEmbargo.objects.get(translation_key=release["it"].translation_key).until == EMBARGO
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert client.get(release["it"].url).status_code == 200
        assert client.get(release["en"].url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_an_alias_converted_into_a_page_under_embargo_is_unpublished(client, admin_user, release, language):
    with time_machine.travel(NOW + MINUTE, tick=False):
        alias = fresh(release[language].create_alias(update_slug="premio-alias"))
        ConvertAliasPageAction(alias, user=admin_user).execute()
        converted = fresh(alias)
        assert converted.alias_of_id is None and not converted.live and converted.live_revision_id is None
        draft = fresh(release["it"]).get_latest_revision_as_object()
        draft.embargo_until = EMBARGO + DAY
        draft.save_revision(user=admin_user)
    with time_machine.travel(EMBARGO + MINUTE, tick=False):
        assert_nowhere(client, language, converted)
