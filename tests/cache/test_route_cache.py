"""Routing kept with the site chrome (base/route_cache.py): a page already found is read in fewer queries, the same
page, and a page unpublished, moved, renamed or made private is seen at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

PROJECT = "/progetti/laboratorio-di-quartiere/"


@pytest.fixture
def chrome_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 300


def get(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    return response, len(captured.captured_queries)


@pytest.mark.django_db
def test_a_page_routed_again_is_the_same_page_in_fewer_queries(client, project, settings, chrome_on):
    settings.CHROME_CACHE_SECONDS = 0
    uncached, uncached_queries = get(client, PROJECT)
    settings.CHROME_CACHE_SECONDS = 300
    client.get(PROJECT)
    kept, kept_queries = get(client, PROJECT)
    assert kept.status_code == uncached.status_code == 200
    assert kept.content.decode() == uncached.content.decode()
    # Neither the site, the home page nor the index are looked up: only the page itself, with what it shows.
    assert kept_queries <= uncached_queries - 3


@pytest.mark.django_db
def test_the_routes_of_a_routable_page_are_not_kept_as_the_page(client, news_index, chrome_on):
    client.get("/notizie/")
    client.get("/notizie/")
    feed = client.get("/notizie/feed/rss/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert "<html" in client.get("/notizie/").content.decode()


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_at_the_next_request(client, project, chrome_on):
    client.get(PROJECT)
    assert client.get(PROJECT).status_code == 200
    project.unpublish()
    assert client.get(PROJECT).status_code == 404


@pytest.mark.django_db
def test_a_renamed_page_is_found_at_its_new_address_only(client, project, chrome_on):
    client.get(PROJECT)
    assert client.get(PROJECT).status_code == 200
    revision = project.get_latest_revision_as_object()
    revision.slug = "laboratorio-barriera"
    revision.save_revision().publish()
    assert client.get(PROJECT).status_code == 404
    assert client.get("/progetti/laboratorio-barriera/").status_code == 200


@pytest.mark.django_db
def test_a_page_made_private_asks_for_its_password_at_the_next_request(client, project, chrome_on):
    client.get(PROJECT)
    assert client.get(PROJECT).status_code == 200
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(PROJECT)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_an_address_that_is_not_a_page_is_not_kept(client, home_page, chrome_on):
    from django.core.cache import cache

    before = set(cache._cache)
    for _ in range(3):
        assert client.get("/no-such-page/").status_code == 404
    assert not [key for key in set(cache._cache) - before if ":route:" in key]
