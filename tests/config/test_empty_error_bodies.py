"""The 405s and 412s that Django sends with an empty body get the site's error page, keeping their headers.

TRACE on a page, OPTIONS or TRACE on a ``require_safe`` view (search, sitemap, robots.txt, security.txt, the open
data files, the early-access links) and ``If-Match: "nope"`` (Django's ConditionalGetMiddleware) answered with no
body at all: a reader or a tool saw a blank page. config/error_pages.py fills them in the request's language.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

HEADINGS = {
    405: {"it": "Richiesta non consentita", "en": "Request not allowed"},
    412: {"it": "La pagina è cambiata", "en": "The page has changed"},
}
HOMES = {"it": "/", "en": "/en/"}


@pytest.fixture
def site(home_page, translate, settings):
    settings.SECURITY_CONTACT = "security@example.org"
    translate(home_page, title="Torino Innovation")


def assert_error_page(response, status, language):
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == HEADINGS[status][language]
    assert soup.select_one("header.site-header .brand") is not None
    assert soup.select_one("footer.site-footer") is not None
    assert soup.select_one("main a.button")["href"] == HOMES[language]
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "address", "language", "allow"),
    [
        ("trace", "/", "it", "GET"),
        ("trace", "/en/", "en", "GET"),
        ("options", "/cerca/", "it", "GET, HEAD"),
        ("trace", "/en/search/", "en", "GET, HEAD"),
        ("options", "/sitemap.xml", "it", "GET, HEAD"),
        ("trace", "/robots.txt", "it", "GET, HEAD"),
        ("options", "/.well-known/security.txt", "it", "GET, HEAD"),
        ("options", "/projects.geojson", "it", "GET, HEAD"),
        ("trace", "/en/projects.csv", "en", "GET, HEAD"),
    ],
)
def test_a_method_the_address_does_not_take_gets_the_405_page_and_its_allow_header(
    site, method, address, language, allow
):
    client = Client(raise_request_exception=False)

    response = getattr(client, method)(address)

    assert_error_page(response, 405, language)
    assert allow in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "language"), [("/", "it"), ("/en/", "en")])
def test_a_failed_if_match_gets_the_412_page_on_a_miss_and_on_a_hit(site, address, language):
    client = Client(raise_request_exception=False)

    first = client.get(address, HTTP_IF_MATCH='"nope"')
    client.get(address)  # kept
    assert client.get(address)["X-Cache"] == "hit"
    second = client.get(address, HTTP_IF_MATCH='"nope"')  # answered from the page cache: LocaleMiddleware never ran

    assert_error_page(first, 412, language)
    assert_error_page(second, 412, language)


@pytest.mark.django_db
def test_a_body_of_the_views_own_is_left_alone(site):
    client = Client(raise_request_exception=False)

    api = client.post("/api/v2/pages/")

    assert api.status_code == 405
    assert api["Content-Type"] == "application/json"
    assert "message" in api.json() or "detail" in api.json()
