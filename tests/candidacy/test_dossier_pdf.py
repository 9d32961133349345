"""The dossier as a PDF: it opens, has a page per criterion, carries the sources and the evidence's addresses,
is built once and served as stored until the content changes, and never reaches the network.

These tests need WeasyPrint's system libraries (Pango): they skip without them on a developer's machine and
fail under CI, which installs them (REQUIRE_PDF_TESTS=1 in .ci/run).
"""

import io
import re
import socket

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from base import stored_pdf
from tests import factories

pytestmark = pytest.mark.usefixtures("pdf_engine")

PDF_URL = "/dossier/pdf/"

ICITY_SOURCE = {
    "source_name": "TorinoToday – ICity Rate 2015",
    "source_url": "https://www.torinotoday.it/green/rapporto-icity-rate-2015-torino-undicesimo-posto.html",
    "reference_date": "2015-01-01",
}


class Pdf:
    def __init__(self, response):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        self.bytes = response.content
        self.reader = PdfReader(io.BytesIO(self.bytes))
        self.pages = [" ".join((page.extract_text() or "").split()) for page in self.reader.pages]
        self.text = " ".join(self.pages)
        self.links = {
            annotation.get_object()["/A"]["/URI"]
            for page in self.reader.pages
            for annotation in page.get("/Annots") or []
            if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
        }

    def outline(self):
        """[(title, page index)] of every bookmark, at any depth."""
        found = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((item.title, self.reader.get_destination_page_number(item)))

        walk(self.reader.outline)
        return found


@pytest.fixture
def builds(monkeypatch):
    """The number of times the PDF was actually rendered (not served as stored)."""
    calls = []
    render = stored_pdf.render_pdf

    def counting_render(*args, **kwargs):
        calls.append(1)
        return render(*args, **kwargs)

    monkeypatch.setattr(stored_pdf, "render_pdf", counting_render)
    return calls


@pytest.fixture
def evidence(dossier_page, programme_index, project_index, criteria):
    experimentation, ecosystems, rights = criteria
    living_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino Living Lab", slug="living-lab")
    drones = factories.ProjectPageFactory(
        parent=project_index, title="Droni al Parco Dora", slug="droni", programme=living_lab
    )
    factories.add_evidence(
        living_lab,
        experimentation,
        "Prove in condizioni reali in tutta la città.",
        figures=[factories.key_figure(value="29", label="sperimentazioni a Campidoglio", **ICITY_SOURCE)],
    )
    factories.add_evidence(drones, experimentation, "Un parco pubblico come area di prova.")
    factories.add_evidence(living_lab, ecosystems, "Quaranta partner nel primo anno.")
    factories.add_evidence(drones, rights, "I residenti partecipano alle prove.")
    return {"living_lab": living_lab, "drones": drones}


@pytest.mark.django_db
def test_the_pdf_opens_with_a_page_per_criterion_sources_and_addresses(client, evidence, criteria):
    pdf = Pdf(client.get(PDF_URL))

    # Cover, contents, the matrix, then each criterion on its own page(s).
    assert len(pdf.pages) >= len(criteria) + 3
    outline = pdf.outline()
    starts = {title: page for title, page in outline if title in {c.name for c in criteria}}
    assert set(starts) == {c.name for c in criteria}, outline
    assert len(set(starts.values())) == len(criteria), f"two criteria start on the same page: {starts}"
    for criterion in criteria:
        assert criterion.name in pdf.pages[starts[criterion.name]]
    # Figures with their source and date; the evidence with its address.
    assert "TorinoToday – ICity Rate 2015" in pdf.text
    assert ICITY_SOURCE["source_url"] in pdf.links
    assert "Prove in condizioni reali in tutta la città." in pdf.text
    assert "http://localhost/progetti/droni/" in pdf.links
    assert "http://localhost/programmi/living-lab/" in pdf.links
    # Page numbers in the contents and the footer.
    assert re.search(r"\b1 / \d+\b|\b2 / \d+\b", pdf.text)


@pytest.mark.django_db
def test_a_second_request_is_served_as_stored(client, evidence, builds):
    first = client.get(PDF_URL)
    second = client.get(PDF_URL)

    assert len(builds) == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # A browser that has it already gets a 304.
    assert client.get(PDF_URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert len(builds) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["pdf/", "print/"])
def test_an_address_with_a_query_string_is_sent_to_the_one_without(client, evidence, builds, suffix):
    """The PDF and the print view take no parameters: with one, every request would miss the caches and render the
    whole dossier again (a cheap way to tie up the servers). They are sent to the one address instead."""
    address = PDF_URL.removesuffix("pdf/") + suffix
    for query in ("?page=3", "?q=x&page=2"):
        response = client.get(address + query)
        assert (response.status_code, response["Location"]) == (301, address)
    # A parameter no page reads never reaches the view: the reader gets the page kept for the bare address.
    client.get(address)  # this first render creates the site's settings row, a change: it is not kept
    kept = client.get(address)
    for query in ("?n=1", "?n=2&utm_source=x"):
        response = client.get(address + query)
        assert (response.status_code, response["X-Cache"]) == (200, "hit")
        assert response.content == kept.content
    assert len(builds) == (1 if suffix == "pdf/" else 0)


@pytest.mark.django_db
def test_changing_a_programme_rebuilds_the_pdf(client, evidence, builds):
    before = Pdf(client.get(PDF_URL))
    living_lab = evidence["living_lab"]

    living_lab.title = "Torino City Lab"
    living_lab.save_revision().publish()
    after = Pdf(client.get(PDF_URL))

    assert len(builds) == 2
    assert "Torino City Lab" in after.text and "Torino City Lab" not in before.text
    client.get(PDF_URL)
    assert len(builds) == 2  # and the new one is cached in turn


@pytest.mark.django_db
def test_unpublishing_a_project_or_editing_a_criterion_rebuilds_the_pdf(client, evidence, criteria, builds):
    client.get(PDF_URL)

    evidence["drones"].unpublish()
    without_drones = Pdf(client.get(PDF_URL))
    criteria[2].name = "Diritti, coesione e inclusione"
    criteria[2].save()
    renamed = Pdf(client.get(PDF_URL))

    assert len(builds) == 3
    assert "Droni al Parco Dora" not in without_drones.text
    assert "Diritti, coesione e inclusione" in renamed.text


@pytest.mark.django_db
def test_changing_a_snippet_shown_in_the_body_rebuilds_the_pdf(client, evidence, dossier_page, builds):
    """The print view shows the contact's new address at once: the PDF and its ETag follow."""
    contact = factories.ContactFactory(name="Ufficio stampa", email="stampa@comune.torino.it")
    dossier_page.body = [factories.contacts_block(contact)]
    dossier_page.save_revision().publish()
    before = client.get(PDF_URL)

    contact.email = "ufficio.stampa@comune.torino.it"
    contact.save()
    after = client.get(PDF_URL)

    assert len(builds) == 2
    assert after["ETag"] != before["ETag"]
    assert client.get(PDF_URL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert "mailto:ufficio.stampa@comune.torino.it" in Pdf(after).links
    assert "mailto:stampa@comune.torino.it" in Pdf(before).links


@pytest.mark.django_db
def test_the_pdf_follows_the_sites_address_not_the_requests_host(client, settings, evidence, builds):
    first = client.get(PDF_URL)
    other_host = client.get(PDF_URL, HTTP_HOST="127.0.0.1")

    assert len(builds) == 1  # the same document, whatever host the request came in on
    assert other_host["ETag"] == first["ETag"]
    assert "http://localhost/progetti/droni/" in Pdf(other_host).links

    settings.SITE_URL = "https://innovazione.example.org"
    call_command("set_site_url", stdout=io.StringIO())
    moved = Pdf(client.get(PDF_URL))

    assert len(builds) == 2
    assert "https://innovazione.example.org/progetti/droni/" in moved.links
    assert not any(link.startswith("http://localhost") for link in moved.links)


def test_the_digest_follows_the_stylesheet_and_images_the_html_pulls_in(monkeypatch):
    html = '<link rel="stylesheet" href="/static/css/site.css"><img src="/media/images/cover.jpg" alt="">'
    files = {"/static/css/site.css": b"body { color: black }", "/media/images/cover.jpg": b"JPEG-1"}
    monkeypatch.setattr(stored_pdf, "_read_local_file", files.get)
    first = stored_pdf.pdf_digest(html, "http://localhost/")

    assert stored_pdf.pdf_digest(html, "http://localhost/") == first
    files["/static/css/site.css"] = b"body { color: navy }"
    restyled = stored_pdf.pdf_digest(html, "http://localhost/")
    files["/media/images/cover.jpg"] = b"JPEG-2"
    new_cover = stored_pdf.pdf_digest(html, "http://localhost/")

    assert len({first, restyled, new_cover}) == 3
    assert stored_pdf.pdf_digest(html, "https://innovazione.example.org/") != new_cover


@pytest.mark.django_db
def test_a_dossier_without_criteria_still_makes_a_pdf(client, home_page):
    factories.DossierPageFactory(parent=home_page, edition=2031)

    pdf = Pdf(client.get(PDF_URL))

    assert len(pdf.pages) >= 1
    assert "2031" in pdf.text


def test_rendering_never_touches_the_network(monkeypatch, settings):
    """Remote images and stylesheets are refused by the fetcher, our own static files are read from disk."""

    def no_network(*args, **kwargs):
        raise AssertionError("WeasyPrint tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/site.css">'
        '<link rel="stylesheet" href="https://cdn.example.org/fonts.css"></head>'
        '<body><h1>Dossier</h1><img src="https://example.org/tracker.png" alt="">'
        '<img src="/static/img/favicon.svg" alt="Torino Innovation"></body></html>'
    )

    pdf = stored_pdf.render_pdf(html, base_url="http://testserver/")

    assert pdf.startswith(b"%PDF-")
    fetcher = stored_pdf.local_fetcher("http://testserver/")
    assert fetcher.fetch("http://testserver/static/css/site.css").read().startswith(b"/*")
    for refused in (
        "https://example.org/tracker.png",
        "http://testserver.evil.org/static/css/site.css",
        "file:///etc/passwd",
        "http://testserver/static/../../config/settings/base.py",
    ):
        with pytest.raises((ValueError, FileNotFoundError)):
            fetcher.fetch(refused)
