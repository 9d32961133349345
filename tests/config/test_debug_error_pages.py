"""Under DEBUG (make run) /__404__/ and /__500__/ show the site's own error pages, in either language; with DEBUG off
they do not exist (README, "Error pages")."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.urls import clear_url_caches

import config.urls


@pytest.fixture
def debug_urls(settings):
    """The URLconf as `make run` builds it, with DEBUG on; rebuilt as the tests' afterwards."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "language", "heading"),
    [
        ("/__404__/", 404, "it", "Pagina non trovata"),
        ("/en/__404__/", 404, "en", "Page not found"),
        ("/__500__/", 500, "it", None),
        ("/en/__500__/", 500, "en", None),
    ],
)
def test_own_error_pages_under_debug(client, home_page, translate, debug_urls, path, status, language, heading):
    translate(home_page, title="Torino Innovation")
    response = client.get(path)
    assert response.status_code == status
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.select_one("header.site-header .brand") is not None
    assert "URLconf" not in response.content.decode()  # not Django's debug page
    if heading:
        assert soup.h1.get_text(strip=True) == heading


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/__404__/", "/__500__/"])
def test_without_debug_they_do_not_exist(client, home_page, path):
    assert client.get(path).status_code == 404
    assert b"Pagina non trovata" in client.get(path).content
