"""The demo content's jury material: criteria, evidence, the two dossiers and the ranking chart, in both languages."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from base.blocks import KeyFigureBlock
from candidacy.models import AwardCriterion, DossierPage, ProgrammeEvidence, ProjectEvidence, RankingPage
from demo.records import read_content
from projects.models import ProgrammePage

pytestmark = pytest.mark.usefixtures("demo")

CONTENT = read_content()


def criteria(language, edition):
    """The demo's award criteria of ``edition``, as records in ``language``."""
    return [c for c in CONTENT.language(language)["snippets"]["award_criteria"] if c["edition"] == edition]


def evidence(language, section):
    """The evidence records of the demo's programmes or projects, in ``language``."""
    return [item for page in CONTENT.language(language)[section]["pages"] for item in page.get("evidence", [])]


def dossier(language):
    return DossierPage.objects.live().get(locale__language_code=language)


@pytest.mark.django_db
def test_criteria_of_both_editions_in_both_languages():
    for language in ("it", "en"):
        by_edition = {
            edition: list(
                AwardCriterion.objects.filter(edition=edition, locale__language_code=language).values_list(
                    "code", flat=True
                )
            )
            for edition in (2016, 2024)
        }
        assert by_edition == {edition: [c["code"] for c in criteria(language, edition)] for edition in (2016, 2024)}
    english = AwardCriterion.objects.filter(edition=2024, locale__language_code="en")
    assert [c.name for c in english] == [c["name"] for c in criteria("en", 2024)]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_every_2024_criterion_has_evidence_in_each_language(client, language):
    page = dossier(language)
    with translation.override(language):
        html = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert page.edition == 2024
    for code in (c["code"] for c in criteria(language, 2024)):
        section = html.find(id=f"criterion-{code}")
        assert section is not None and section.select(".card--evidence"), code
    # Every programme of the demo gives evidence for at least one criterion.
    programmes = set(ProgrammePage.objects.live().filter(locale=page.locale).values_list("title", flat=True))
    columns = {th.get_text(strip=True) for th in html.select("table.dossier-matrix thead th")[1:]}
    assert columns == programmes


@pytest.mark.django_db
def test_english_evidence_is_in_english_and_points_at_english_criteria():
    english_texts = {
        item["justification"] for section in ("programmes", "projects") for item in evidence("en", section)
    }
    for model in (ProgrammeEvidence, ProjectEvidence):
        for item in model.objects.filter(locale__language_code="en").select_related("criterion__locale", "page"):
            assert item.criterion.locale.language_code == "en"
            assert item.page.locale_id == item.locale_id
            assert item.justification in english_texts, item.justification
    assert (
        ProgrammeEvidence.objects.filter(locale__language_code="en").count()
        == ProgrammeEvidence.objects.filter(locale__language_code="it").count()
    )
    assert ProjectEvidence.objects.filter(locale__language_code="en").count() == len(evidence("it", "projects"))


@pytest.mark.django_db
def test_evidence_figures_are_valid_and_sourced():
    block = KeyFigureBlock()
    figures = 0
    for model in (ProgrammeEvidence, ProjectEvidence):
        for item in model.objects.all():
            for figure in item.key_figures:
                block.clean(figure.value)  # raises if the source or the date is missing
                figures += 1
    assert figures >= 2 * 15


@pytest.mark.django_db
@pytest.mark.parametrize("language,label", [("it", "Vincitrice"), ("en", "Winner")])
def test_ranking_pages_show_the_chart(client, language, label):
    page = RankingPage.objects.get(locale__language_code=language)
    with translation.override(language):
        html = BeautifulSoup(client.get(page.url).content, "html.parser")

    chart = html.select_one(".ranking-chart")
    points = chart.select("svg .ranking-chart__point")
    (block,) = [block for block in CONTENT.language(language)["ranking"]["body"] if block["type"] == "ranking_chart"]
    expected = sum(len(series["points"]) for series in block["value"]["series"])
    assert len(points) == len(chart.select("table tbody tr")) == expected
    assert label in chart.find("desc").get_text()


@pytest.mark.django_db
def test_rerunning_the_loader_adds_no_criteria_or_evidence():
    def counts():
        return (
            AwardCriterion.objects.count(),
            ProgrammeEvidence.objects.count(),
            ProjectEvidence.objects.count(),
            DossierPage.objects.count(),
        )

    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())

    assert counts() == before


@pytest.mark.slow
@pytest.mark.django_db
def test_the_english_dossier_pdf(client, pdf_engine):
    page = dossier("en")
    with translation.override("en"):
        response = client.get(page.url + "pdf/")

    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for criterion in criteria("en", 2024):
        assert criterion["name"] in text
    assert "Torino City Lab" in text and "Metropolis – Use, Innova.TO case study" in text
    assert len(reader.pages) >= len(criteria("en", 2024)) + 3
