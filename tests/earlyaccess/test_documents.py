"""The documents a release or a dossier links to reach the recipient through their link, and nobody else."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from earlyaccess.models import Grant, Opening
from tests import factories
from tests.earlyaccess.conftest import (
    BEFORE,
    BROKEN_LINKS,
    NO_STORE,
    assert_same_as_unknown,
    break_link,
    grant,
    link,
    not_found_answers,
    read,
)

FACT_SHEET = b"%PDF-1.4\n% scheda tecnica del piano 2031\n"


@pytest.fixture
def press_kit(db):
    """A collection only signed-in people may open, holding the release's fact sheet and another document."""
    collection = Collection.get_first_root_node().add_child(name="Cartella stampa sotto embargo")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    fact_sheet = factories.DocumentFactory(
        title="Scheda tecnica", collection=collection, file=ContentFile(FACT_SHEET, name="scheda-tecnica.pdf")
    )
    other = factories.DocumentFactory(title="Bilancio riservato", collection=collection)
    return fact_sheet, other


def document_link(document):
    return f'<p>Leggi la <a linktype="document" id="{document.pk}">scheda tecnica</a>.</p>'


def document_address(token, document):
    return f"{link(token)}documents/{document.pk}/{document.filename}"


@pytest.fixture
def release_with_fact_sheet(release, press_kit):
    page = release["it"]
    page.body = [factories.paragraph(document_link(press_kit[0]))]
    page.save()
    return page


def hrefs(response):
    return [a["href"] for a in BeautifulSoup(response.content, "html.parser").select("a[href]")]


@pytest.mark.django_db
def test_the_release_links_its_restricted_document_through_the_token(
    client, release_with_fact_sheet, press_kit, journalist
):
    fact_sheet, _other = press_kit
    item, token = grant(journalist, release_with_fact_sheet, Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        page = read(client, token)
        assert document_address(token, fact_sheet) in hrefs(page)
        assert fact_sheet.url not in hrefs(page), "the public address asks a reader to sign in"
        response = client.get(document_address(token, fact_sheet))
        public = client.get(fact_sheet.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == FACT_SHEET
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == NO_STORE
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"] == "inline", "a PDF opens in the browser, as from Wagtail's own view"
    assert public.status_code == 302, "everyone else is still sent to sign in"
    assert [(o.what, o.grant, o.page_id) for o in Opening.objects.filter(what=Opening.DOCUMENT)] == [
        (Opening.DOCUMENT, item, release_with_fact_sheet.pk)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["not linked", "wrong name"] + BROKEN_LINKS)
def test_any_other_document_answers_like_an_unknown_address(
    client, release_with_fact_sheet, press_kit, journalist, news_index, case
):
    fact_sheet, other = press_kit
    item, token = grant(journalist, release_with_fact_sheet, Grant.RELEASE)
    address = document_address(token, fact_sheet)
    if case == "not linked":
        address = document_address(token, other)
    elif case == "wrong name":
        address = address.replace(fact_sheet.filename, "altro-" + fact_sheet.filename)
    else:
        address = break_link(case, address, item, token, journalist, news_index)
    with time_machine.travel(BEFORE, tick=False):
        (first, second), missing = not_found_answers(client, address)
    assert_same_as_unknown(first, second, address, missing)
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_the_dossier_links_the_documents_of_the_draft_given(client, dossier, press_kit, juror):
    fact_sheet, other = press_kit
    dossier.body = [factories.paragraph(document_link(other))]
    dossier.save_revision().publish()
    dossier.body = [factories.paragraph(document_link(fact_sheet))]
    dossier.save_revision()  # the jury is given this draft: the fact sheet, no longer the other document
    _grant, token = grant(juror, dossier, Grant.DOSSIER)

    for view in (link(token, "it"), link(token, "it", "print")):
        assert document_address(token, fact_sheet) in hrefs(client.get(view))
    assert client.get(document_address(token, fact_sheet)).status_code == 200
    assert client.get(document_address(token, other)).status_code == 404
