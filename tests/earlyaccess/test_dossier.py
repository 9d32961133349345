"""A juror reads the draft dossier, its print-ready view and its PDF, with their name on them."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from pypdf import PdfReader

from base.site_url import site_root_url
from candidacy import dossier_pdf
from earlyaccess.models import Grant, Opening
from tests.earlyaccess.conftest import NO_STORE, grant, link, same_site_addresses


@pytest.mark.django_db
def test_a_juror_reads_the_draft_dossier_with_the_jury_banner(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    response = client.get(link(token))  # the juror reads English, the dossier is Italian only: Italian

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Dossier di candidatura 2031"
    banner = html.select_one(".early-access-banner").get_text(" ", strip=True)
    assert "Bozza riservata per la giuria — non pubblicare" in banner
    assert "Ana Sousa" in banner
    assert response["Cache-Control"] == NO_STORE
    # The dossier's own buttons keep to the personal link: the public addresses do not exist yet.
    hrefs = [a["href"] for a in html.select("a.button")]
    assert link(token, "it", "print") in hrefs
    assert client.get(dossier.url).status_code == 404


@pytest.mark.django_db
def test_the_juror_sees_the_latest_draft_of_a_published_dossier(client, dossier, juror):
    dossier.save_revision().publish()
    dossier.title = "Dossier rivisto per la giuria"
    dossier.save_revision()
    _grant, token = grant(juror, dossier, Grant.DOSSIER)

    draft = client.get(link(token))
    public = client.get(dossier.url)

    assert "Dossier rivisto per la giuria" in draft.content.decode()
    assert "Dossier rivisto per la giuria" not in public.content.decode()


@pytest.mark.django_db
def test_once_published_as_it_is_the_dossier_link_leads_to_the_public_page(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    dossier.get_latest_revision().publish()
    response = client.get(link(token))
    assert response.status_code == 302
    assert response["Location"] == dossier.url


@pytest.mark.django_db
def test_the_print_view_carries_the_banner(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    response = client.get(link(token, "it", "print"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    assert "Ana Sousa" in BeautifulSoup(response.content, "html.parser").select_one(".early-access-banner").get_text()
    assert Opening.objects.get().what == Opening.PRINT


@pytest.mark.django_db
@pytest.mark.usefixtures("pdf_engine")
def test_the_pdf_has_the_jurors_name_on_every_page_and_is_never_stored(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    cache.clear()
    response = client.get(link(token, "it", "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == NO_STORE
    reader = PdfReader(io.BytesIO(response.content))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) > 1
    assert all("Ana Sousa" in text for text in texts), "the name is in every page's footer"
    assert not [key for key in getattr(cache, "_cache", {}) if "pdf" in key], "the personal PDF is never cached"
    assert Opening.objects.get().what == Opening.PDF


@pytest.mark.django_db
def test_every_link_of_the_jurors_views_opens_for_the_juror(client, dossier, juror, monkeypatch):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    page = client.get(link(token))
    print_view = client.get(link(token, "it", "print"))
    monkeypatch.setattr(dossier_pdf, "pdf_engine_available", lambda: False)
    no_pdf = client.get(link(token, "it", "pdf"))
    monkeypatch.undo()

    toolbar = BeautifulSoup(print_view.content, "html.parser").select_one(".dossier-doc__toolbar")
    assert toolbar.select_one("a.button--secondary")["href"] == link(token, "it"), "back to the juror's page"
    online = BeautifulSoup(print_view.content, "html.parser").select_one(".dossier-cover__facts a")
    assert online["href"] == site_root_url() + link(token, "it")
    assert online.get_text(strip=True) == dossier.full_url, "the text still says where the dossier will be"
    assert no_pdf.status_code == 503
    assert {link(token, "it"), link(token, "it", "print")} <= same_site_addresses(no_pdf)
    # Whatever else the views link to (menus, home page, the other pages of the site) opens for the juror too.
    addresses = same_site_addresses(page) | same_site_addresses(print_view) | same_site_addresses(no_pdf)
    assert dossier.url not in addresses
    assert {address: client.get(address).status_code for address in addresses} == dict.fromkeys(addresses, 200)
