"""The whole-page cache (config/page_cache.py): what readers get from it, what is never kept, and its headers."""

import gzip
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES, name, one_page_of_each_type

ENDPOINTS = [
    "/notizie/feed/rss/",
    "/notizie/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
    "/projects.geojson",
    "/projects.csv",
    "/en/projects.geojson",
    "/en/projects.csv",
    "/api/v2/pages/?fields=title",
    "/cerca/?q=torino",
]


def hit_twice(client, address, **headers):
    first = client.get(address, **headers)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(address, **headers)
    return first, second, len(queries)


@kept
def every_page_type(home_page):
    return one_page_of_each_type(home_page)


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=name)
def test_a_readers_second_request_of_each_page_type_is_a_hit_with_no_query(client, every_page_type, model):
    address = every_page_type[model].url
    first, second, queries = hit_twice(client, address)

    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Cache"], queries) == (200, "hit", 0)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ENDPOINTS)
def test_feeds_sitemap_open_data_api_and_search_are_hits_with_no_query(client, every_page_type, address):
    first, second, queries = hit_twice(client, address)

    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second["X-Cache"], queries, second.content) == ("hit", 0, first.content)


@pytest.mark.django_db
def test_the_same_address_in_the_other_language_is_never_the_cached_page(client, english_home):
    italian = client.get("/")
    english = client.get("/en/")
    assert (italian["X-Cache"], english["X-Cache"]) == ("miss", "miss")
    assert italian["Content-Language"] == "it" and english["Content-Language"] == "en"
    # Whatever the browser's language: the address decides (LocaleMiddleware reads nothing else here).
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert (again["X-Cache"], again["Content-Language"], again.content) == ("hit", "it", italian.content)
    assert "Accept-Language" not in again.get("Vary", ""), "one copy for every browser language"


@pytest.mark.django_db
def test_an_editor_never_gets_a_cached_page_and_their_answer_is_never_kept(client, admin_client, project):
    reader = client.get(project.url)
    assert reader["X-Cache"] == "miss"

    for _ in range(2):
        editor = admin_client.get(project.url)
        assert editor.status_code == 200
        assert editor["X-Cache"] == "pass"
        assert "private" in editor["Cache-Control"] and "no-store" in editor["Cache-Control"]
        assert b"wagtail-userbar" in editor.content or b"userbar" in editor.content

    reader_again = client.get(project.url)
    assert reader_again["X-Cache"] == "hit"
    assert b"userbar" not in reader_again.content, "the editor's page (with its userbar) was not kept"


@pytest.mark.django_db
def test_a_post_and_a_cookie_setting_answer_are_never_kept(client, project):
    assert client.post(project.url)["X-Cache"] == "pass"
    assert client.get(project.url)["X-Cache"] == "miss"
    # The admin's sign-in form sets the CSRF cookie: never kept, never shared.
    for _ in range(2):
        login = client.get(reverse("wagtailadmin_login"))
        assert login["X-Cache"] == "pass"
        assert "no-store" in login["Cache-Control"]


@pytest.mark.django_db
def test_404s_are_never_kept(client, home_page):
    for _ in range(2):
        response = client.get("/non-esiste/")
        assert response.status_code == 404
        assert response["X-Cache"] == "miss"
        assert "no-store" in response["Cache-Control"]


# --- HTTP: Cache-Control, validators, compression ------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_tell_browsers_and_shared_caches_a_minute(client, settings, project):
    settings.PAGE_CACHE_SECONDS = 300
    for response in hit_twice(client, project.url)[:2]:
        directives = {item.strip() for item in response["Cache-Control"].split(",")}
        assert "public" in directives
        max_age = int(next(d for d in directives if d.startswith("max-age=")).split("=")[1])
        s_maxage = int(next(d for d in directives if d.startswith("s-maxage=")).split("=")[1])
        assert max_age == 60 and s_maxage == 60, directives
        assert response["ETag"]


@pytest.mark.django_db
def test_with_the_cache_off_nothing_is_kept_and_nobody_may_reuse_a_page_unasked(client, settings, project):
    settings.PAGE_CACHE_SECONDS = 0
    first, second, queries = hit_twice(client, project.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "miss")
    assert queries > 0
    assert "no-cache" in second["Cache-Control"] and "public" not in second["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("seconds", [300, 0], ids=["cache on", "cache off"])
@pytest.mark.parametrize("address", ["/notizie/feed/rss/", "/notizie/feed/atom/"])
def test_the_etag_is_the_only_validator_of_the_feeds(client, settings, every_page_type, address, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    for response in hit_twice(client, address)[:2]:
        assert response["ETag"] and not response.has_header("Last-Modified"), response.headers


@pytest.mark.django_db
@pytest.mark.parametrize("cached", [False, True], ids=["miss", "hit"])
def test_a_conditional_get_is_answered_304(client, project, cached):
    first = client.get(project.url)
    if cached:
        assert client.get(project.url)["X-Cache"] == "hit"
    not_modified = client.get(project.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert client.get(project.url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/progetti/laboratorio-di-quartiere/", "/projects.geojson", "/projects.csv"])
def test_text_is_gzipped_when_the_reader_accepts_it_and_each_form_is_kept_apart(client, project, address):
    # Django pads each gzip body with up to 100 random bytes (BREACH) and sends the plain body when that comes out
    # no smaller: one project's CSV (376 bytes, 279 gzipped) was sent plain now and then. Five projects' never is.
    for number in range(4):
        factories.ProjectPageFactory(
            parent=project.get_parent(), title=f"{project.title} {number}", programme=project.programme
        )
    plain = client.get(address)
    first, second, _queries = hit_twice(client, address, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
    assert second["X-Cache"] == "hit"
    assert client.get(address)["X-Cache"] == "hit" and "Content-Encoding" not in client.get(address)


@pytest.mark.django_db
def test_the_admin_is_private_and_never_compressed(admin_client, home_page):
    """BREACH: the admin's pages carry a CSRF token beside what an editor typed; they are not compressed."""
    response = admin_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Content-Encoding" not in response


@pytest.mark.django_db
def test_a_signed_in_editor_reading_the_public_site_gets_nothing_compressed(admin_client, project):
    """BREACH again: the search page echoes what an attacker puts in the link, next to the editor's userbar."""
    for address in (project.url, "/cerca/?q=torino"):
        response = admin_client.get(address, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, address
        assert "Content-Encoding" not in response, address
        assert "private" in response["Cache-Control"], address


@pytest.mark.django_db
def test_a_preview_is_private(admin_client, project):
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[project.pk]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Cache"] == "pass"


# --- the cache out of reach, the request log -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_redis_that_does_not_answer_means_uncached_pages_never_errors(client, redis_down, project):
    redis_down()
    for _ in range(2):
        response = client.get(project.url)
        assert (response.status_code, response["X-Cache"]) == (200, "miss")
        assert "no-cache" in response["Cache-Control"], "nobody may keep it: its embargo cap is unknown"


@pytest.mark.django_db
def test_the_request_log_records_hits_and_misses(client, settings, project, caplog):
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "config.request_log.RequestLogMiddleware", *settings.MIDDLEWARE[1:]]
    with caplog.at_level(logging.INFO, logger="torino.requests"):
        client.get(project.url)
        client.get(project.url)
    assert [record.request["cache"] for record in caplog.records if record.name == "torino.requests"] == [
        "miss",
        "hit",
    ]


@pytest.mark.parametrize(
    "cache_control", ["private, no-store", "no-store", "private", "no-cache, no-store, must-revalidate"]
)
def test_an_answer_that_says_private_or_no_store_is_never_kept(rf, cache_control):
    """Early access to an embargoed release answers ``private, no-store``: asked twice, rendered twice."""
    from django.http import HttpResponse

    from config.page_cache import PageCacheMiddleware

    rendered = []

    def view(request):
        rendered.append(request.path)
        response = HttpResponse("<p>early access</p>" * 20)
        response["Cache-Control"] = cache_control
        return response

    middleware = PageCacheMiddleware(view)
    answers = [middleware(rf.get("/notizie/rilascio/?accesso=abc")) for _ in range(2)]
    assert len(rendered) == 2
    assert [answer["X-Cache"] for answer in answers] == ["miss", "miss"]
    assert all(answer["Cache-Control"] == cache_control for answer in answers)


def test_an_answer_that_sets_a_cookie_is_never_kept(rf):
    from django.http import HttpResponse

    from config.page_cache import PageCacheMiddleware

    rendered = []

    def view(request):
        rendered.append(request.path)
        response = HttpResponse("<p>hello</p>" * 20)
        response.set_cookie("something", "personal")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(rf.get("/"))
    assert len(rendered) == 2
