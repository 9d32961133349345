"""Branded error pages in the visitor's language: 404 with the site's layout, 500 without a database."""

import pytest
from bs4 import BeautifulSoup
from django.http import HttpRequest
from django.template import loader
from django.utils import translation
from django.views.defaults import bad_request, server_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading", "home"),
    [("/non-esiste/", "it", "Pagina non trovata", "/"), ("/en/does-not-exist/", "en", "Page not found", "/en/")],
)
def test_404_has_status_404_the_layout_and_the_visitors_language(
    client, home_page, translate, path, language, heading, home
):
    translate(home_page, title="Torino Innovation")

    response = client.get(path)

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select_one("header.site-header .brand") is not None
    assert soup.select_one("footer.site-footer") is not None
    assert soup.select_one("a.skip-link") is not None
    assert soup.select_one("main a.button")["href"] == home
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert soup.find("link", rel="canonical") is None


@pytest.mark.django_db
def test_404_does_not_echo_the_address_unescaped(client, home_page):
    response = client.get("/<script>alert(1)</script>/")

    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


@pytest.mark.parametrize(
    ("language", "heading", "home"),
    [("it", "Qualcosa è andato storto", "/"), ("en", "Something went wrong", "/en/")],
)
def test_500_renders_in_the_visitors_language_without_a_database(django_db_blocker, language, heading, home):
    with django_db_blocker.block(), translation.override(language):  # any query would raise
        response = server_error(HttpRequest())

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select_one("a.button")["href"] == home
    assert soup.find("link", rel="stylesheet") is not None


def test_400_page_renders_without_a_database(django_db_blocker):
    with django_db_blocker.block(), translation.override("it"):
        response = bad_request(HttpRequest(), Exception("bad"))

    assert response.status_code == 400
    assert "Richiesta non valida" in response.content.decode()


def test_error_templates_exist():
    for name in ("400.html", "404.html", "500.html"):
        loader.get_template(name)
