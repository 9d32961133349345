"""An error raised before LocaleMiddleware has run is shown in the language of the request's own path.

Nothing resets the thread's language between requests: the 400 page for a bad Host header (DisallowedHost, raised
by the page cache as it builds its key) came in the language of the previous request served by the thread, with
that language's home link. The same for a 500 or a database 503 raised above LocaleMiddleware.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import Client

import config.page_cache

CASES = [("/en/", "/progetti/", "it", "/"), ("/", "/en/news/", "en", "/en/")]
HEADINGS = {
    400: {"it": "Richiesta non valida", "en": "Bad request"},
    500: {"it": "Qualcosa è andato storto", "en": "Something went wrong"},
    503: {"it": "Temporaneamente non disponibile", "en": "Temporarily unavailable"},
}


@pytest.fixture
def english_home(home_page, translate):
    return translate(home_page, title="Torino Innovation")


def page(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.html["lang"], soup.h1.get_text(strip=True), soup.select_one("main a.button")["href"]


@pytest.mark.django_db
@pytest.mark.parametrize(("before", "address", "language", "home"), CASES)
def test_a_bad_host_gets_the_400_page_in_the_language_of_its_own_address(english_home, before, address, language, home):
    client = Client(raise_request_exception=False)
    assert client.get(before).status_code == 200  # leaves the other language active on this thread

    response = client.get(address, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert page(response) == (language, HEADINGS[400][language], home)
    assert response["Content-Type"].startswith("text/html")
    assert b"evil.example" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(("before", "address", "language", "home"), CASES)
@pytest.mark.parametrize(
    ("error", "status"),
    [(RuntimeError, 500), (OperationalError, 503)],
    ids=["server error", "database outage"],
)
def test_a_server_error_above_locale_middleware_is_in_the_language_of_its_own_address(
    english_home, monkeypatch, before, address, language, home, error, status
):
    client = Client(raise_request_exception=False)
    assert client.get(before).status_code == 200

    def broken():
        raise error("the page cache could not reach the database")

    monkeypatch.setattr(config.page_cache, "generation", broken)
    response = client.get(address)

    assert response.status_code == status
    assert page(response) == (language, HEADINGS[status][language], home)
    # A database outage tells readers and caches when to try again (config/db_errors.py); a bug cannot.
    assert bool(response.get("Retry-After")) == (status == 503)
