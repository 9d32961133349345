"""When the dossier's PDF is built, and what readers get meanwhile (candidacy/dossier_pdf.py, base/stored_pdf.py).

Each version of the PDF is built once, whoever asks and however many at once; a reader who asks while it is being
built gets a "being prepared" page at once, never an old version and never a hung request; a build whose worker
died is taken over; a stored PDF is served with Redis down. WeasyPrint is replaced by a stub that counts its calls
(these tests are about when it runs: test_dossier_pdf.py builds real PDFs).
"""

import threading

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from base import stored_pdf
from candidacy.models import DossierPdf
from tests import factories
from tests.concurrency import at_once, skip_unless_threads_share_the_database

PDF_URL = "/dossier/pdf/"


@pytest.fixture
def builds(monkeypatch):
    """Stands in for WeasyPrint: records each build; the PDF it makes names its build's number."""
    calls = []
    lock = threading.Lock()

    def render(html, base_url):
        with lock:
            calls.append(html)
            number = len(calls)
        return f"%PDF-1.7 build {number}".encode()

    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: True)
    monkeypatch.setattr(stored_pdf, "render_pdf", render)
    return calls


@pytest.fixture
def built_elsewhere(monkeypatch):
    """Builds claimed from now on run "on another server": they are claimed but never finish in this test."""
    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: None)
    monkeypatch.setattr(stored_pdf, "READER_WAIT_SECONDS", 0)


def preparing(response):
    """The "being prepared" answer: checks what every such answer must have, returns its parsed HTML."""
    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one('meta[name="robots"]')["content"].startswith("noindex")
    assert html.select_one('meta[http-equiv="refresh"]')["content"] == str(seconds)
    assert html.select_one('[role="status"]').get_text(strip=True)
    return html


@pytest.mark.django_db
def test_a_stored_pdf_is_served_with_redis_down_and_never_rebuilt(client, redis_down, dossier_page, builds):
    first = client.get(PDF_URL)
    redis_down()
    answers = [client.get(PDF_URL) for _ in range(3)]

    assert first.status_code == 200
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert {answer.content for answer in answers} == {first.content} == {b"%PDF-1.7 build 1"}
    assert len(builds) == 1


@pytest.mark.django_db
def test_with_redis_down_from_the_start_the_pdf_is_built_once(client, redis_down, dossier_page, builds):
    redis_down()

    statuses = [client.get(PDF_URL).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    assert len(builds) == 1


@pytest.mark.django_db
def test_a_content_change_gives_a_new_pdf_never_the_old_one_and_the_old_one_goes(
    client, dossier_page, programme, criteria, monkeypatch
):
    factories.add_evidence(programme, criteria[0], "Prove in condizioni reali.")
    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: True)
    monkeypatch.setattr(stored_pdf, "render_pdf", lambda html, base_url: b"%PDF-1.7 old")
    old = client.get(PDF_URL)
    assert old.content == b"%PDF-1.7 old"

    programme.title = "Torino City Lab"
    programme.save_revision().publish()
    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: None)  # the new one: built elsewhere
    monkeypatch.setattr(stored_pdf, "READER_WAIT_SECONDS", 0)
    waiting = client.get(PDF_URL)
    revalidating = client.get(PDF_URL, HTTP_IF_NONE_MATCH=old["ETag"])

    # While the new version is being built, readers are told so: not given the old PDF, nor a 304 for it.
    preparing(waiting)
    preparing(revalidating)
    assert DossierPdf.objects.filter(page=dossier_page).count() == 2

    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: job())
    monkeypatch.setattr(stored_pdf, "render_pdf", lambda html, base_url: b"%PDF-1.7 new")
    DossierPdf.objects.filter(state=DossierPdf.BUILDING).update(lease_until=timezone.now())  # its server died
    new = client.get(PDF_URL)

    assert new.status_code == 200 and new.content == b"%PDF-1.7 new"
    assert new["ETag"] != old["ETag"]
    # Only the current version is kept.
    assert list(DossierPdf.objects.filter(page=dossier_page).values_list("state", "pdf")) == [
        (DossierPdf.READY, b"%PDF-1.7 new")
    ]


@pytest.mark.django_db
def test_each_change_is_built_once_and_served_until_the_next(client, dossier_page, programme, criteria, builds):
    factories.add_evidence(programme, criteria[0], "Prove in condizioni reali.")
    versions = []
    for title in ("Torino Living Lab", "Torino City Lab", "Torino Living Lab"):
        programme.title = title
        programme.save_revision().publish()
        versions.append([client.get(PDF_URL) for _ in range(2)])

    assert len(builds) == 3  # back to an earlier title is a change too: its PDF had been deleted
    for number, (first, second) in enumerate(versions, start=1):
        assert first.content == second.content == f"%PDF-1.7 build {number}".encode()
    assert "Torino City Lab" in builds[1] and "Torino City Lab" not in builds[2]


@pytest.mark.django_db
def test_a_build_whose_worker_died_is_taken_over_once_its_lease_runs_out(client, dossier_page, builds, monkeypatch):
    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: None)  # claimed, then the worker dies
    monkeypatch.setattr(stored_pdf, "READER_WAIT_SECONDS", 0)
    preparing(client.get(PDF_URL))
    claimed = DossierPdf.objects.get()

    preparing(client.get(PDF_URL))  # its lease still runs: nobody else starts the same build
    assert len(builds) == 0
    assert DossierPdf.objects.get().claim == claimed.claim

    DossierPdf.objects.update(lease_until=timezone.now())  # a minute without renewal
    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: job())
    taken_over = client.get(PDF_URL)

    assert taken_over.status_code == 200 and taken_over.content == b"%PDF-1.7 build 1"
    assert len(builds) == 1
    stored = DossierPdf.objects.get()
    assert stored.state == DossierPdf.READY and stored.claim != claimed.claim and stored.lease_until is None


@pytest.mark.django_db
def test_a_failed_build_is_not_retried_on_every_request_but_later(client, dossier_page, monkeypatch):
    attempts = []

    def broken(html, base_url):
        attempts.append(1)
        raise RuntimeError("the engine crashed")

    monkeypatch.setattr(stored_pdf, "pdf_engine_available", lambda: True)
    monkeypatch.setattr(stored_pdf, "render_pdf", broken)

    answers = [client.get(PDF_URL) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [503, 503, 503]
    assert len(attempts) == 1
    for answer in answers:
        assert "no-store" in answer["Cache-Control"]
        assert 0 < int(answer["Retry-After"]) <= stored_pdf.RETRY_FAILED_AFTER.total_seconds()
        assert b'href="/dossier/print/"' in answer.content

    DossierPdf.objects.update(lease_until=timezone.now())  # the delay is over
    client.get(PDF_URL)
    assert len(attempts) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "status_text", "lang"),
    [("it", "in preparazione", "it"), ("en", "being prepared", "en")],
)
def test_the_preparing_page_in_the_readers_language(
    client, dossier_page, translate, builds, built_elsewhere, language, status_text, lang
):
    page = translate(dossier_page, title="Candidacy dossier") if language == "en" else dossier_page
    page_url = page.get_url()

    html = preparing(client.get(page_url + "pdf/"))

    assert html.html["lang"] == lang
    assert status_text in html.select_one("h1").get_text()
    links = {a["href"] for a in html.select("main a")}
    assert {page_url, page_url + "print/", page_url + "pdf/"} <= links
    # The second reader gets it at once too: the build is claimed once.
    preparing(client.get(page_url + "pdf/"))
    assert DossierPdf.objects.filter(page=page).count() == 1


@pytest.mark.django_db
def test_the_preparing_page_asks_again_about_when_the_last_build_took(client, dossier_page, builds, monkeypatch):
    monkeypatch.setattr(stored_pdf, "in_background", lambda job, name: None)
    monkeypatch.setattr(stored_pdf, "READER_WAIT_SECONDS", 0)
    preparing(client.get(PDF_URL))
    DossierPdf.objects.create(page=dossier_page, digest="0" * 40, state=DossierPdf.READY, build_seconds=12.2)

    answer = client.get(PDF_URL)

    preparing(answer)
    assert 11 <= int(answer["Retry-After"]) <= 13


@pytest.mark.django_db
def test_publishing_the_dossier_builds_its_pdf_so_the_first_reader_finds_it_ready(
    client, settings, dossier_page, programme, criteria, translate, builds, django_capture_on_commit_callbacks
):
    factories.add_evidence(programme, criteria[0], "Prove in condizioni reali.")
    english = translate(dossier_page, title="Candidacy dossier")
    settings.DOSSIER_PDF_BUILD_ON_PUBLISH = True

    with django_capture_on_commit_callbacks(execute=True):
        dossier_page.save_revision().publish()
        english.save_revision().publish()
    built_on_publish = len(builds)
    italian_pdf = client.get(PDF_URL)
    english_pdf = client.get(english.get_url() + "pdf/")

    assert built_on_publish == 2
    assert italian_pdf.status_code == english_pdf.status_code == 200
    assert len(builds) == 2  # the readers were given what the publish built, in each language
    assert italian_pdf.content != english_pdf.content


@pytest.mark.django_db
def test_without_the_trigger_publishing_builds_nothing(
    client, dossier_page, builds, settings, django_capture_on_commit_callbacks
):
    settings.DOSSIER_PDF_BUILD_ON_PUBLISH = False

    with django_capture_on_commit_callbacks(execute=True):
        dossier_page.save_revision().publish()

    assert builds == []
    assert client.get(PDF_URL).status_code == 200 and len(builds) == 1


@pytest.mark.django_db
def test_unpublishing_the_dossier_deletes_its_pdf(client, dossier_page, builds):
    client.get(PDF_URL)
    assert DossierPdf.objects.filter(page=dossier_page).exists()

    dossier_page.unpublish()

    assert not DossierPdf.objects.filter(page=dossier_page).exists()


# --- two readers at once, each with its own database connection (as two app servers) -----------------------------


def join_builds():
    for thread in threading.enumerate():
        if thread.name.startswith("dossier-pdf-") and thread is not threading.current_thread():
            thread.join(timeout=60)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_first_requests_build_it_once(dossier_page, builds, monkeypatch):
    skip_unless_threads_share_the_database()
    # The build takes longer than the first reader waits: both first readers are told it is being prepared.
    monkeypatch.setattr(stored_pdf, "READER_WAIT_SECONDS", 0.2)
    monkeypatch.setattr(stored_pdf, "RENEW_SECONDS", 0.05)
    release = threading.Event()
    render = stored_pdf.render_pdf

    def slow_render(html, base_url):
        release.wait(30)
        return render(html, base_url)

    monkeypatch.setattr(stored_pdf, "render_pdf", slow_render)
    readers = 2
    answers = at_once(*(lambda: Client().get(PDF_URL) for _ in range(readers)), timeout=60)
    claimed = DossierPdf.objects.get()
    # While it runs, the build renews its lease, so that nobody takes a long build over.
    for _ in range(200):
        if DossierPdf.objects.get().lease_until > claimed.lease_until:
            break
        threading.Event().wait(0.05)
    renewed = DossierPdf.objects.get()
    release.set()
    join_builds()
    then = Client().get(PDF_URL)

    for answer in answers:
        preparing(answer)
    assert renewed.state == DossierPdf.BUILDING and renewed.lease_until > claimed.lease_until
    assert then.status_code == 200 and then.content == b"%PDF-1.7 build 1"
    assert len(builds) == 1
    assert list(DossierPdf.objects.values_list("state", flat=True)) == [DossierPdf.READY]
