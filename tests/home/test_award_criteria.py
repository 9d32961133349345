"""Award criteria are snippets editors manage in the admin, per edition and language."""

import pytest
from django.urls import reverse

from home.models import AwardCriterion
from tests import factories


@pytest.mark.django_db
def test_the_criteria_list_can_be_filtered_by_edition(admin_client, criteria):
    factories.AwardCriterionFactory(edition=2016, code="interactive", name="Interactive")
    url = reverse("wagtailsnippets_home_awardcriterion:list")

    all_editions = admin_client.get(url).content.decode()
    edition_2016 = admin_client.get(url, {"edition": "2016"}).content.decode()

    assert "Interactive" in all_editions and "Sperimentazione" in all_editions
    assert "Interactive" in edition_2016 and "Sperimentazione" not in edition_2016


@pytest.mark.django_db
def test_an_editor_adds_a_criterion_and_a_duplicate_code_is_refused(admin_client, locale_it, criteria):
    url = reverse("wagtailsnippets_home_awardcriterion:add")
    data = {"edition": "2024", "order": "4", "code": "fare-scuola", "name": "Fare scuola", "description": "Un modello."}

    assert admin_client.post(url, data).status_code == 302
    duplicate = admin_client.post(url, {**data, "name": "Ancora"})

    assert duplicate.status_code == 200
    assert "already has a criterion with this code" in duplicate.content.decode() or "ha già un criterio" in (
        duplicate.content.decode()
    )
    assert AwardCriterion.objects.filter(code="fare-scuola").count() == 1


@pytest.mark.django_db
def test_a_translation_keeps_edition_code_and_order(criteria, locale_en):
    english = criteria[0].copy_for_translation(locale_en)
    english.name = "Experimentation"
    english.full_clean()
    english.save()

    assert (english.edition, english.code, english.order) == (2024, "sperimentazione", 1)
    assert english.anchor == criteria[0].anchor
