"""Without a working PDF engine (or when a build fails) the dossier still offers its print-ready view."""

import pytest
from bs4 import BeautifulSoup

from base import stored_pdf


@pytest.mark.django_db
def test_without_the_pdf_engine_the_page_offers_the_print_view(client, monkeypatch, dossier_page):
    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: False)

    html = BeautifulSoup(client.get("/dossier/").content, "html.parser")
    links = [a["href"] for a in html.select(".dossier__actions a")]
    response = client.get("/dossier/pdf/")

    assert links == ["/dossier/print/"]
    assert response.status_code == 503
    assert b'href="/dossier/print/"' in response.content
    assert client.get("/dossier/print/").status_code == 200


@pytest.mark.django_db
def test_a_failed_build_is_a_503_with_the_print_view_not_an_error_page(client, monkeypatch, dossier_page):
    def broken(*args, **kwargs):
        raise RuntimeError("the engine crashed")

    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: True)
    monkeypatch.setattr(stored_pdf, "render_pdf", broken)

    response = client.get("/dossier/pdf/")

    assert response.status_code == 503
    assert b'href="/dossier/print/"' in response.content


@pytest.mark.django_db
def test_the_page_links_to_the_pdf_when_the_engine_works(client, monkeypatch, dossier_page):
    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: True)

    html = BeautifulSoup(client.get("/dossier/").content, "html.parser")

    assert [a["href"] for a in html.select(".dossier__actions a")] == ["/dossier/pdf/", "/dossier/print/"]
