"""Made-up query parameters and cookies cannot turn the page cache off (config/page_cache.py, "Who is a reader").

A parameter no page reads is dropped from a reader's request, so ``/?x=1``, ``/?x=2``… are one kept page; a session
cookie naming no live session makes its sender a reader like any other. The list of parameters the site reads
(``PAGE_CACHE_QUERY_PARAMETERS``) is checked against every link and GET form of the demo site in both languages.
"""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from news.models import without_embargoed


def queries_of(client, address, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, **headers)
    return response, len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("clean", "with_made_up"),
    [
        ("/", "/?utm_source=newsletter&x=1"),
        ("/progetti/", "/progetti/?nonsense=%3Cb%3E"),
        ("/progetti/?theme=mobilita", "/progetti/?x=1&theme=mobilita&y=2"),
        ("/projects.csv?theme=mobilita", "/projects.csv?theme=mobilita&cache=buster"),
        ("/cerca/?q=torino", "/cerca/?q=torino&_=123"),
    ],
)
def test_a_parameter_no_page_reads_gets_the_page_already_kept(client, project, clean, with_made_up):
    first = client.get(clean)
    assert first.status_code == 200
    again, queries = queries_of(client, with_made_up)
    assert again["X-Cache"] == "hit" and queries == 0
    assert again.content == first.content


@pytest.mark.django_db
def test_a_page_rendered_for_a_made_up_parameter_never_shows_it(client, project):
    """Rendered first with the junk, the page kept is the clean address's page: nothing of the junk is in it."""
    junk = client.get("/progetti/?theme=mobilita&evil=INJECTED")
    assert junk.status_code == 200 and junk["X-Cache"] == "miss"
    assert b"INJECTED" not in junk.content and b"evil" not in junk.content
    clean, queries = queries_of(client, "/progetti/?theme=mobilita")
    assert clean["X-Cache"] == "hit" and queries == 0
    assert clean.content == junk.content


@pytest.mark.django_db
def test_the_parameters_pages_read_still_choose_what_they_show(client, project):
    assert client.get("/progetti/?theme=mobilita").content != client.get("/progetti/?theme=nessuno").content
    assert client.get("/sitemap.xml?p=1").status_code == 200
    assert client.get("/sitemap.xml?p=2").status_code == 404  # one page of sitemap: "p" is read, not dropped


@pytest.mark.django_db
def test_the_api_keeps_checking_its_own_parameters(client, project):
    assert client.get("/api/v2/pages/?fields=title").status_code == 200
    assert client.get("/api/v2/pages/?made_up=1").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_the_sign_in_for_a_private_page_keeps_where_to_go_back_to(client, project, translate, language):
    page = project if language == "it" else translate(project, "en")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    sign_in = client.get(response["Location"])
    assert sign_in.status_code == 200
    assert BeautifulSoup(sign_in.content, "html.parser").select_one('input[name="next"]')["value"] == page.url


@pytest.mark.django_db
def test_a_made_up_session_cookie_gets_the_kept_page_after_one_session_lookup(client, project):
    kept = client.get(project.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    response, queries = queries_of(client, project.url, HTTP_ACCEPT_ENCODING="identity")
    assert response["X-Cache"] == "hit" and response.content == kept.content
    assert queries == 1  # the session looked up, and not found


@pytest.mark.django_db
def test_an_expired_session_is_a_reader_and_its_page_is_kept_for_everyone(client, project):
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.set_expiry(timezone.now() - datetime.timedelta(minutes=1))
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    rendered = client.get(project.url, HTTP_ACCEPT_ENCODING="gzip")
    assert rendered["X-Cache"] == "miss" and rendered["Content-Encoding"] == "gzip"
    assert "public" in rendered["Cache-Control"] and not rendered.cookies
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert client.get(project.url, HTTP_ACCEPT_ENCODING="gzip")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_a_live_session_is_never_a_reader(admin_client, project):
    for _ in range(2):
        response = admin_client.get(project.url)
        assert response["X-Cache"] == "pass" and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_reader_who_unlocked_a_password_page_gets_private_answers_kept_by_nobody(client, project):
    """Wagtail keeps the page's password in an anonymous session: the answers to it may show what it unlocked."""
    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="segreto"
    )
    unlocked = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{project.pk}/",
        {"password": "segreto", "return_url": project.url},
    )
    assert unlocked.status_code == 302 and settings.SESSION_COOKIE_NAME in client.cookies

    for _ in range(2):
        page = client.get(project.url)
        assert page.status_code == 200 and project.title.encode() in page.content
        assert page["X-Cache"] == "pass"
        assert {"private", "no-store"} <= set(page["Cache-Control"].replace(" ", "").split(","))
        assert "public" not in page["Cache-Control"]
        assert "Cookie" in page["Vary"]

        public = client.get("/")
        assert public.status_code == 200 and public["X-Cache"] == "pass"
        assert public["Cache-Control"] == "private" and "Cookie" in public["Vary"]
        assert client.get("/", HTTP_IF_NONE_MATCH=public["ETag"]).status_code == 304

    # Nothing of theirs was kept: a reader without the session renders both, and gets the password form.
    stranger = Client()
    assert stranger.get("/")["X-Cache"] == "miss"
    form = stranger.get(project.url)
    assert form["X-Cache"] == "miss" and 'name="password"' in form.content.decode()


# --- redirects whose old address has a query string (base/redirects.py) -------------------------------------------


@pytest.mark.django_db
def test_a_redirect_whose_old_address_has_a_query_string_is_followed_and_kept_under_that_address(client, standard_page):
    """The page cache drops ``a`` (no page reads it) before the redirect is looked up: the redirect still finds it,
    and its answer is kept for ``/con-query/?a=1`` only, never for ``/con-query/``."""
    Redirect.objects.create(old_path="/con-query?a=1", redirect_page=standard_page, is_permanent=False)

    for cached in ("miss", "hit"):
        response = client.get("/con-query/?a=1")
        assert (response.status_code, response["Location"], response["X-Cache"]) == (302, standard_page.url, cached)
    assert client.get("/con-query/").status_code == 404
    assert client.get("/con-query/?a=2").status_code == 404


@pytest.mark.django_db
def test_the_redirect_of_the_clean_address_is_not_answered_for_one_with_its_own(client, standard_page):
    Redirect.objects.create(old_path="/con-query?a=1", redirect_page=standard_page, is_permanent=False)
    Redirect.objects.create(old_path="/con-query", redirect_link="https://www.comune.torino.it/")

    for cached in ("miss", "hit"):
        clean = client.get("/con-query/")
        assert (clean.status_code, clean["Location"], clean["X-Cache"]) == (
            301,
            "https://www.comune.torino.it/",
            cached,
        )
        with_query = client.get("/con-query/?a=1")
        assert (with_query.status_code, with_query["Location"], with_query["X-Cache"]) == (
            302,
            standard_page.url,
            cached,
        )
    # An address whose own redirect is the clean one's (the parameter is only dropped): the clean one's redirect.
    other = client.get("/con-query/?utm_source=newsletter")
    assert (other.status_code, other["Location"]) == (301, "https://www.comune.torino.it/")


# --- the list of parameters against the demo site -------------------------------------------------------------


def _own(address):
    parts = urlsplit(address)
    return parts.netloc in ("", "testserver", "localhost") and not parts.path.startswith(
        (*settings.PAGE_CACHE_OWN_QUERY_PREFIXES, *settings.PAGE_CACHE_PRIVATE_PREFIXES)
    )


def parameters_offered(doc):
    """The parameter names of the page's own links and of its GET forms (``doc``: the page parsed)."""
    names = set()
    for link in doc.select("a[href]"):
        if _own(link["href"]):
            names |= {name for name, _value in parse_qsl(urlsplit(link["href"]).query, keep_blank_values=True)}
    for form in doc.select("form"):
        if form.get("method", "get").lower() == "get" and _own(form.get("action", "")):
            names |= {field["name"] for field in form.select("[name]")}
    return names


@pytest.mark.django_db
def test_every_parameter_the_demo_site_links_to_or_asks_for_is_one_its_pages_read(client, demo_pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    pages = without_embargoed(Page.objects.live().public().filter(depth__gte=2)).order_by("path")
    addresses = [page.url for page in pages.specific()]
    # Listings further on, filtered, and search results, whose links carry their parameters on.
    addresses += ["/progetti/?page=2", "/cerca/?q=torino", "/en/search/?q=innovation", "/notizie/?page=2"]
    offered = {}
    for address in addresses:
        # A page's HTML is the same with the cache on as off (it keeps what the view rendered): a page's kept answer
        # serves, unless it is not a page (a redirect to follow).
        kept = demo_pages.kept(address)
        if kept is not None and kept.status_code == 200:
            doc = kept.soup
        else:
            response = client.get(address, follow=True)
            assert response.status_code == 200, address
            doc = BeautifulSoup(response.content, "html.parser")
        for name in parameters_offered(doc):
            offered.setdefault(name, address)
    assert {"page", "q", "theme", "tag"} <= set(offered)  # the walk reaches them
    unread = {name: address for name, address in offered.items() if name not in settings.PAGE_CACHE_QUERY_PARAMETERS}
    assert unread == {}
