"""The site of a host kept between requests (base/site_cache.py): read from the cache instead of the database, each
host its own, and any change to a site (or to the root page kept with it) seen at the very next request, as Wagtail
would answer it then: a page of the right site, the default site, or a 404."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from base import site_cache
from tests import factories

OTHER = "altra.example"
NEW = "nuova.example"


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER, NEW]


@pytest.fixture
def other_home(home_page, root_page):
    """A second home page beside the default site's, root of no site yet."""
    return factories.HomePageFactory(parent=root_page, title="Altra città", slug="altra")


@pytest.fixture
def other_site(other_home):
    return Site.objects.create(hostname=OTHER, port=80, root_page=other_home, site_name="Altra città")


def lookups(captured):
    """Wagtail's site lookup (``get_site_for_hostname``, the query ranking the sites by how well they match)."""
    return [
        query["sql"] for query in captured if 'FROM "wagtailcore_site"' in query["sql"] and "CASE WHEN" in query["sql"]
    ]


def get(client, path="/", host="localhost", **extra):
    """(the response, its number of queries, its site lookups)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host, **extra)
    return response, len(captured.captured_queries), lookups(captured.captured_queries)


def site_of(host):
    """The site found for a request to ``host``, as the pages' middleware finds it."""
    return site_cache.find_for_request(RequestFactory().get("/", HTTP_HOST=host))


def served(client, path="/", host="localhost", **extra):
    """The id of the page served at ``path`` on ``host``, or the status of an answer that is not a page."""
    response = client.get(path, HTTP_HOST=host, **extra)
    if response.status_code != 200:
        return response.status_code
    return response.context["page"].pk


@pytest.mark.django_db
def test_a_second_request_reads_the_site_from_the_cache_in_one_query_fewer(client, home_page):
    get(client)  # what a site's first request makes once (its settings)
    site_cache.bump()  # the site no longer kept: as without the cache
    uncached, uncached_queries, uncached_lookups = get(client)
    kept, kept_queries, kept_lookups = get(client)
    assert uncached.status_code == kept.status_code == 200
    assert uncached.context["page"].pk == kept.context["page"].pk == home_page.pk
    assert len(uncached_lookups) == 1
    assert kept_lookups == []
    # The site's lookup, and what is kept with the site under its generation (base/site_cache.py): the Locales
    # (one query) and the site settings with their texts (two; tests/base/test_site_cache_locales_and_settings.py).
    assert kept_queries == uncached_queries - 1 - 3


@pytest.mark.django_db
def test_a_page_below_the_home_page_reads_the_site_from_the_cache(client, project):
    address = "/progetti/laboratorio-di-quartiere/"
    get(client, address)
    response, _, site_lookups = get(client, address)
    assert response.status_code == 200
    assert response.context["page"].pk == project.pk
    assert site_lookups == []


@pytest.mark.django_db
def test_two_hosts_get_their_own_sites(client, home_page, other_home, other_site):
    for _ in range(2):
        assert served(client, host="localhost") == home_page.pk
        assert served(client, host=OTHER) == other_home.pk
    # Both kept, neither in the place of the other.
    assert get(client, host="localhost")[2] == []
    assert get(client, host=OTHER)[2] == []
    assert served(client, host="localhost") == home_page.pk


@pytest.mark.django_db
def test_the_same_host_on_another_port_gets_the_site_of_that_port(client, home_page, other_home):
    Site.objects.create(hostname="localhost", port=8000, root_page=other_home)
    for _ in range(2):
        assert served(client, host="localhost:8000", SERVER_PORT="8000") == other_home.pk
        assert served(client, host="localhost", SERVER_PORT="80") == home_page.pk


@pytest.mark.django_db
def test_a_host_of_no_site_gets_the_default_site_as_in_wagtail(client, home_page, other_site):
    for _ in range(2):
        assert served(client, host=NEW) == home_page.pk


@pytest.mark.django_db
def test_a_new_site_is_seen_at_the_next_request(client, home_page, other_home):
    assert served(client, host=OTHER) == home_page.pk
    assert served(client, host=OTHER) == home_page.pk
    Site.objects.create(hostname=OTHER, port=80, root_page=other_home)
    assert served(client, host=OTHER) == other_home.pk


@pytest.mark.django_db
@pytest.mark.parametrize("chrome_seconds", [0, 300], ids=["routed afresh", "routes kept with the chrome"])
def test_a_changed_hostname_is_seen_at_the_next_request(
    client, home_page, other_home, other_site, settings, chrome_seconds
):
    settings.CHROME_CACHE_SECONDS = chrome_seconds
    assert served(client, host=OTHER) == other_home.pk
    assert served(client, host=NEW) == home_page.pk
    other_site.hostname = NEW
    other_site.save()
    assert served(client, host=OTHER) == home_page.pk
    assert served(client, host=NEW) == other_home.pk


@pytest.mark.django_db
def test_a_deleted_site_is_seen_at_the_next_request(client, home_page, other_home, other_site):
    assert served(client, host=OTHER) == other_home.pk
    other_site.delete()
    assert served(client, host=OTHER) == home_page.pk


@pytest.mark.django_db
def test_sites_deleted_by_a_queryset_are_seen_at_the_next_request(client, home_page, other_home, other_site):
    assert served(client, host=OTHER) == other_home.pk
    Site.objects.filter(hostname=OTHER).delete()
    assert served(client, host=OTHER) == home_page.pk


@pytest.mark.django_db
def test_a_site_deleted_with_its_root_page_is_seen_at_the_next_request(client, home_page, other_home, other_site):
    assert served(client, host=OTHER) == other_home.pk
    other_home.delete()
    assert not Site.objects.filter(hostname=OTHER).exists()
    assert served(client, host=OTHER) == home_page.pk


@pytest.mark.django_db
def test_the_default_site_switched_is_seen_at_the_next_request(client, home_page, other_home, other_site):
    default = Site.objects.get(is_default_site=True)
    assert served(client, host=NEW) == home_page.pk
    default.is_default_site = False
    default.save()
    other_site.is_default_site = True
    other_site.save()
    assert served(client, host=NEW) == other_home.pk
    assert served(client, host="localhost") == home_page.pk  # its own hostname still
    # No default site at all: a host of no site has none, as in Wagtail (whose 404 page then fails, with this cache
    # or without: it shows the settings of a site).
    other_site.is_default_site = False
    other_site.save()
    assert site_of(NEW) is None
    assert served(client, host=OTHER) == other_home.pk


@pytest.mark.django_db
def test_a_change_made_by_another_app_server_is_seen_through_the_shared_cache(
    client, home_page, other_home, other_site
):
    assert served(client, host=OTHER) == other_home.pk
    # Saved by another app server: no signal here, only the generation it replaced in the cache they share.
    Site.objects.filter(pk=other_site.pk).update(hostname=NEW)
    cache.set(site_cache.GENERATION_KEY, "another app server's", None)
    assert served(client, host=OTHER) == home_page.pk
    assert served(client, host=NEW) == other_home.pk


@pytest.mark.django_db
def test_without_a_shared_cache_nothing_is_kept_and_any_change_is_seen(
    client, home_page, other_home, other_site, settings
):
    """Production without REDIS_URL: each worker's local memory is its own, and a change made in another worker (or
    by a management command) would renew nothing here; so nothing is kept (``SITE_CACHE`` off)."""
    settings.SITE_CACHE = False
    assert served(client, host=OTHER) == other_home.pk
    Site.objects.filter(pk=other_site.pk).update(hostname=NEW)  # another process: no signal, no generation here
    assert served(client, host=OTHER) == home_page.pk
    assert served(client, host=NEW) == other_home.pk


@pytest.mark.django_db
def test_the_first_page_below_a_site_root_is_found_at_the_next_request(client, other_home, other_site):
    # The root page is kept with its site: kept as a leaf, it would hide the child (treebeard's get_children()).
    assert served(client, host=OTHER) == other_home.pk
    assert served(client, "/chi-siamo/", host=OTHER) == 404
    child = factories.StandardPageFactory(parent=other_home, title="Chi siamo", slug="chi-siamo")
    assert served(client, "/chi-siamo/", host=OTHER) == child.pk
    child.delete()
    assert served(client, "/chi-siamo/", host=OTHER) == 404


@pytest.mark.django_db
def test_a_page_moved_below_a_site_root_is_found_at_the_next_request(client, home_page, other_home, other_site):
    page = factories.StandardPageFactory(parent=home_page, title="Chi siamo", slug="chi-siamo")
    assert served(client, host=OTHER) == other_home.pk
    assert served(client, "/chi-siamo/", host=OTHER) == 404
    page.move(other_home, pos="last-child")
    assert served(client, "/chi-siamo/", host=OTHER) == page.pk


@pytest.mark.django_db
def test_a_root_page_saved_is_read_again_with_its_site(client, other_home, other_site, project):
    get(client, host=OTHER)
    other_home.title = "Un'altra città"
    other_home.save_revision().publish()
    response, _, site_lookups = get(client, host=OTHER)
    assert response.context["page"].title == "Un'altra città"
    assert len(site_lookups) == 1
    # A page that is no site's root, or a page created below one, leaves the sites kept.
    project.save_revision().publish()
    factories.ProjectPageFactory(parent=project.get_parent(), title="Altro progetto")
    assert get(client, host=OTHER)[2] == []


@pytest.mark.django_db
def test_with_redis_down_the_site_is_looked_up_in_the_database(client, home_page, other_home, other_site, redis_down):
    redis_down()
    for _ in range(2):
        response, _, site_lookups = get(client, host=OTHER)
        assert response.status_code == 200
        assert response.context["page"].pk == other_home.pk
        assert len(site_lookups) == 1
        assert served(client, host="localhost") == home_page.pk


@pytest.mark.django_db
def test_a_cache_that_raises_is_no_error(home_page, other_site, monkeypatch):
    """A cache backend that raises its errors (django-redis without IGNORE_EXCEPTIONS): the sites are still found."""

    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for method in ("get", "get_many", "add", "set"):
        monkeypatch.setattr(LocMemCache, method, broken)
    for _ in range(2):
        assert site_of(OTHER) == other_site
        assert site_of("localhost").root_page_id == home_page.pk
        assert site_of(NEW).root_page_id == home_page.pk
    site_cache.site_changed()  # a change while the cache is unreachable: logged, not raised
    # Read, but not written.
    monkeypatch.undo()
    monkeypatch.setattr(LocMemCache, "set", broken)
    assert site_of(OTHER) == other_site
