"""Evidence for the award criteria, recorded on programme and project pages in the admin."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, streamfield

from candidacy.models import ProgrammeEvidence, ProjectEvidence
from projects.models import ProgrammePage
from tests import admin_forms, factories


def evidence_form(*items):
    return inline_formset(
        [
            {"criterion": str(criterion.pk), "justification": text, "key_figures": streamfield(figures)}
            for criterion, text, figures in items
        ]
    )


@pytest.mark.django_db
def test_an_editor_records_evidence_with_a_key_figure(admin_client, programme_index, criteria):
    figure = ("figure", admin_forms.key_figure_form(value="29", label="sperimentazioni"))
    data = admin_forms.programme_page_form(
        title="Torino Living Lab",
        slug="living-lab",
        evidence=evidence_form((criteria[0], "Prove in condizioni reali.", [figure]), (criteria[2], "Residenti.", [])),
    )

    response = admin_client.post(admin_forms.add_url(ProgrammePage, programme_index), data)

    assert response.status_code == 302
    page = ProgrammePage.objects.get(slug="living-lab")
    items = list(page.evidence.order_by("sort_order"))
    assert [(e.criterion, e.justification) for e in items] == [
        (criteria[0], "Prove in condizioni reali."),
        (criteria[2], "Residenti."),
    ]
    assert items[0].key_figures[0].value["source_name"] == "Commissione europea"
    assert items[0].locale_id == page.locale_id


@pytest.mark.django_db
def test_the_same_criterion_twice_on_a_page_is_refused(admin_client, programme_index, criteria):
    data = admin_forms.programme_page_form(
        title="Torino Living Lab",
        slug="living-lab",
        evidence=evidence_form((criteria[0], "Una.", []), (criteria[0], "Due.", [])),
    )

    response = admin_client.post(admin_forms.add_url(ProgrammePage, programme_index), data)

    assert response.status_code == 200
    assert not ProgrammePage.objects.filter(slug="living-lab").exists()
    assert "already evidenced above" in response.content.decode() or "già" in response.content.decode()


@pytest.mark.django_db
def test_a_key_figure_without_its_source_is_refused(admin_client, programme_index, criteria):
    figure = ("figure", admin_forms.key_figure_form(source_url=""))
    data = admin_forms.programme_page_form(
        title="Torino Living Lab", slug="living-lab", evidence=evidence_form((criteria[0], "Prove.", [figure]))
    )

    response = admin_client.post(admin_forms.add_url(ProgrammePage, programme_index), data)

    assert response.status_code == 200
    assert not ProgrammePage.objects.filter(slug="living-lab").exists()


@pytest.mark.django_db
def test_the_criteria_offered_are_those_in_the_page_language(admin_client, programme, criteria, locale_en):
    english = factories.AwardCriterionFactory(code="experimentation", name="Experimentation", locale=locale_en)

    html = admin_client.get(admin_forms.edit_url(programme)).content.decode()
    # The form "Add" copies (inside a <template>, which the HTML parser does not descend into).
    [select] = re.findall(r'<select name="evidence-__prefix__-criterion".*?</select>', html, re.DOTALL)
    options = {option.get_text(strip=True) for option in BeautifulSoup(select, "html.parser").find_all("option")}

    assert {str(criterion) for criterion in criteria} <= options
    assert str(english) not in options


@pytest.mark.django_db
def test_a_translated_page_points_at_the_criteria_in_its_language(programme, project, criteria, locale_en):
    """Through base/languages.py (localise_relations): now, if the criterion is translated, or later, when it is."""
    factories.add_evidence(programme, criteria[0], "Prove.")
    factories.add_evidence(project, criteria[1], "Partner.")
    english_criterion = criteria[0].copy_for_translation(locale_en)
    english_criterion.save()

    programme.get_parent().get_parent().copy_for_translation(locale_en).save_revision().publish()
    for page in (programme.get_parent(), project.get_parent()):
        page.copy_for_translation(locale_en).save_revision().publish()
    english_programme = programme.copy_for_translation(locale_en)
    english_programme.save_revision().publish()
    english_project = project.copy_for_translation(locale_en)
    english_project.save_revision().publish()

    [programme_evidence] = ProgrammeEvidence.objects.filter(page=english_programme)
    assert programme_evidence.criterion == english_criterion
    assert programme_evidence.locale == locale_en
    [project_evidence] = ProjectEvidence.objects.filter(page=english_project)
    assert project_evidence.criterion == criteria[1]  # no English criterion yet: left as it is

    later = criteria[1].copy_for_translation(locale_en)
    later.save()

    project_evidence.refresh_from_db()
    assert project_evidence.criterion == later
    # The Italian pages keep their Italian criteria.
    assert ProjectEvidence.objects.get(page=project).criterion == criteria[1]
