"""Branded error pages in the visitor's language: 403 and 404 with the site's layout, 500 without a database."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template import loader
from django.test import Client
from django.utils import translation
from django.views.defaults import bad_request, permission_denied, server_error


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
    for name in ("400.html", "403.html", "404.html", "500.html"):
        loader.get_template(name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading", "message"),
    [
        ("/", "it", "Accesso negato", "Il modulo non è stato inviato"),
        ("/en/", "en", "Access refused", "Your form could not be sent"),
        ("/cerca/", "it", "Accesso negato", "Il modulo non è stato inviato"),
    ],
)
def test_a_post_without_csrf_token_gets_the_branded_403_in_the_visitors_language(
    home_page, translate, path, language, heading, message
):
    translate(home_page, title="Torino Innovation")
    client = Client(enforce_csrf_checks=True)

    response = client.post(path, {"q": "x"})

    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert message in soup.select_one("main").get_text()
    assert soup.select_one("footer.site-footer") is not None
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert "CSRF" not in response.content.decode()  # Django's reason is for the log, not the reader


@pytest.mark.django_db
def test_permission_denied_gets_the_branded_403(rf, home_page):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("it"):
        response = permission_denied(request, PermissionDenied("internal reason"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Accesso negato" in html and "Non hai il permesso" in html
    assert "internal reason" not in html
