"""A juror reads the draft dossier, its print-ready view and its PDF, with their name on them."""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from base import stored_pdf as pdf_module
from base.site_url import site_root_url
from candidacy.models import DossierPdf
from earlyaccess.models import Grant, GrantPdf, Opening, Recipient
from tests.earlyaccess.conftest import NO_STORE, grant, link, make_recipient, read, same_site_addresses


@pytest.mark.django_db
def test_a_juror_reads_the_draft_dossier_with_the_jury_banner(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    response = read(client, token)  # the juror reads English, the dossier is Italian only: Italian

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

    draft = read(client, token)
    public = client.get(dossier.url)

    assert "Dossier rivisto per la giuria" in draft.content.decode()
    assert "Dossier rivisto per la giuria" not in public.content.decode()


@pytest.mark.django_db
def test_once_published_as_it_is_the_dossier_link_leads_to_the_public_page(client, dossier, juror):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    dossier.get_latest_revision().publish()
    response = read(client, token)
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
def test_the_pdf_has_the_jurors_name_on_every_page_and_is_built_once_for_the_grant(client, dossier, juror, monkeypatch):
    item, token = grant(juror, dossier, Grant.DOSSIER)
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

    # Kept for this grant: the next request is served from it, WeasyPrint is not run again.
    assert GrantPdf.objects.get(grant=item).state == GrantPdf.READY
    monkeypatch.setattr(pdf_module, "render_pdf", lambda html, base_url: pytest.fail("built again"))
    again = client.get(link(token, "it", "pdf"))
    assert again.status_code == 200
    assert again.content == response.content
    assert Opening.objects.count() == 2


@pytest.mark.django_db
def test_every_link_of_the_jurors_views_opens_for_the_juror(client, dossier, juror, monkeypatch):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    page = read(client, token)
    print_view = client.get(link(token, "it", "print"))
    monkeypatch.setattr(pdf_module, "pdf_engine_available", lambda: False)
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


@pytest.mark.django_db
def test_an_editors_later_draft_does_not_reach_the_juror(client, dossier, juror, editor):
    """The juror reads the version the Moderator gave access to, in the page, the print view and the PDF."""
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    dossier.title = "Bozza di un redattore"
    dossier.save_revision(user=editor)

    page = client.get(link(token, "it"))
    print_view = client.get(link(token, "it", "print"))

    assert page.status_code == print_view.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").find("h1").get_text(strip=True) == "Dossier di candidatura 2031"
    assert "Bozza di un redattore" not in page.content.decode()
    assert "Bozza di un redattore" not in print_view.content.decode()


@pytest.mark.django_db
def test_a_translation_made_after_the_grant_is_not_shown(client, dossier, juror, translate):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    # A Translator's English version, saved but never approved (not live).
    translate(dossier, title="Candidacy dossier (unreviewed)", slug="candidacy-dossier").unpublish()

    english = client.get(link(token, "en"))
    italian = read(client, token)  # the juror reads English: the one version given is Italian

    assert english.status_code == 404
    assert italian.status_code == 200
    assert "unreviewed" not in italian.content.decode()


@pytest.fixture
def builds(monkeypatch):
    """WeasyPrint replaced by a stub that records what each build was given (as tests/candidacy does)."""
    calls = []

    def render(html, base_url):
        calls.append(html)
        return f"%PDF-1.7 build {len(calls)}".encode()

    monkeypatch.setattr(pdf_module, "pdf_engine_available", lambda: True)
    monkeypatch.setattr(pdf_module, "render_pdf", render)
    return calls


@pytest.mark.django_db
def test_while_the_pdf_is_built_the_juror_gets_a_private_page_that_reloads(client, dossier, juror, monkeypatch, builds):
    """A big dossier takes longer than a worker may hold a request: the build runs outside it, the juror waits."""
    monkeypatch.setattr(pdf_module, "in_background", lambda job, name: None)  # still running elsewhere
    monkeypatch.setattr(pdf_module, "READER_WAIT_SECONDS", 0)
    _grant, token = grant(juror, dossier, Grant.DOSSIER)

    answers = [client.get(link(token, "it", "pdf")) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [202, 202, 202]
    assert GrantPdf.objects.get().state == GrantPdf.BUILDING, "claimed once, by the first request"
    response = answers[0]
    assert response["Cache-Control"] == NO_STORE
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one('meta[http-equiv="refresh"]')["content"] == response["Retry-After"]
    actions = {a["href"] for a in html.select(".actions a")}
    assert actions == {link(token, "it", "pdf"), link(token, "it", "print"), link(token, "it")}
    assert not Opening.objects.exists(), "nothing was given yet"


@pytest.mark.django_db
def test_a_head_request_for_the_pdf_builds_nothing(client, dossier, juror, builds):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    response = client.head(link(token, "it", "pdf"))
    assert response.status_code == 405
    assert builds == []
    assert not GrantPdf.objects.exists()
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_each_juror_has_their_own_pdf_and_it_goes_with_the_link(
    client, moderator_client, dossier, juror, builds, home_page
):
    other = make_recipient("Piet Jansen", "iCapital jury", kind=Recipient.JUROR)
    first, token = grant(juror, dossier, Grant.DOSSIER)
    _second, other_token = grant(other, dossier, Grant.DOSSIER)
    public_pdf = DossierPdf.objects.create(page=dossier, digest="public", state=DossierPdf.READY, pdf=b"%PDF")

    mine, theirs = client.get(link(token, "it", "pdf")), client.get(link(other_token, "it", "pdf"))
    client.get(link(token, "it", "pdf"))

    assert mine.content != theirs.content
    assert len(builds) == 2, "one build per grant, served from then on"
    assert "Ana Sousa" in builds[0] and "Piet Jansen" in builds[1]
    assert token in builds[0] and other_token not in builds[0], "the PDF's links are the juror's own"
    assert DossierPdf.objects.filter(pk=public_pdf.pk).exists(), "the public PDF is not replaced by theirs"

    moderator_client.post(reverse("earlyaccess_admin:revoke", args=[first.pk]))
    assert list(GrantPdf.objects.values_list("grant__recipient__name", flat=True)) == ["Piet Jansen"]


@pytest.mark.django_db
def test_a_pdf_the_juror_has_already_is_not_sent_again(client, dossier, juror, builds):
    _grant, token = grant(juror, dossier, Grant.DOSSIER)
    first = client.get(link(token, "it", "pdf"))
    again = client.get(link(token, "it", "pdf"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == NO_STORE
    assert Opening.objects.count() == 1, "nothing was given the second time"


def stored_pdf(item, digest):
    return GrantPdf.objects.create(grant=item, digest=digest, state=GrantPdf.READY, pdf=b"%PDF Ana Sousa")


@pytest.mark.django_db
def test_an_expired_links_pdf_goes_when_the_link_is_next_opened(client, dossier, juror):
    item, token = grant(juror, dossier, Grant.DOSSIER, expires_at=timezone.now() + datetime.timedelta(days=1))
    stored_pdf(item, "expired")
    with time_machine.travel(item.expires_at + datetime.timedelta(minutes=1), tick=False):
        response = client.get(link(token, "it", "pdf"))
    assert response.status_code == 404
    assert not GrantPdf.objects.exists(), "the PDF with the juror's name is given to nobody any more"


@pytest.mark.django_db
def test_the_cleanup_command_deletes_the_pdfs_of_links_that_ended(dossier, juror):
    """The links nobody opens again after they expire: the nightly command (README, docs/deploy.md)."""
    other, third = make_recipient("Piet Jansen", kind=Recipient.JUROR), make_recipient("Lea Roux", kind=Recipient.JUROR)
    valid, _token = grant(juror, dossier, Grant.DOSSIER, expires_at=timezone.now() + datetime.timedelta(days=1))
    expired, _token = grant(other, dossier, Grant.DOSSIER, expires_at=timezone.now() + datetime.timedelta(days=1))
    revoked, _token = grant(third, dossier, Grant.DOSSIER, expires_at=timezone.now() + datetime.timedelta(days=1))
    for item in (valid, expired, revoked):
        stored_pdf(item, f"pdf-{item.pk}")
    # Revoked before revoking deleted the PDFs: their rows are still there.
    Grant.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    Grant.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    output = io.StringIO()
    call_command("delete_ended_early_access_pdfs", stdout=output)
    call_command("delete_ended_early_access_pdfs", stdout=io.StringIO())  # idempotent

    assert list(GrantPdf.objects.values_list("grant", flat=True)) == [valid.pk]
    assert output.getvalue().startswith("2 ")
    assert Grant.objects.count() == 3, "the grants stay, for the audit: only their PDFs go"
