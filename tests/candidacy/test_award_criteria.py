"""Award criteria are snippets editors manage in the admin, per edition and language."""

import pytest
from bs4 import BeautifulSoup
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import ReferenceIndex

from candidacy.models import AwardCriterion
from tests import factories


@pytest.mark.django_db
def test_the_criteria_list_can_be_filtered_by_edition(admin_client, criteria):
    factories.AwardCriterionFactory(edition=2016, code="interactive", name="Interactive")
    url = reverse("wagtailsnippets_candidacy_awardcriterion:list")

    all_editions = admin_client.get(url).content.decode()
    edition_2016 = admin_client.get(url, {"edition": "2016"}).content.decode()

    assert "Interactive" in all_editions and "Sperimentazione" in all_editions
    assert "Interactive" in edition_2016 and "Sperimentazione" not in edition_2016


@pytest.mark.django_db
def test_an_editor_adds_a_criterion_and_a_duplicate_code_is_refused(admin_client, locale_it, criteria):
    url = reverse("wagtailsnippets_candidacy_awardcriterion:add")
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


# --- deleting a criterion: refused, and explained, while pages give evidence for it ----------------


def delete_url(criterion):
    return reverse("wagtailsnippets_candidacy_awardcriterion:delete", args=[criterion.pk])


def bulk_delete_url(*criteria):
    url = reverse("wagtail_bulk_action", args=("candidacy", "awardcriterion", "delete"))
    return url + "?" + "&".join(f"id={criterion.pk}" for criterion in criteria)


@pytest.mark.django_db
def test_the_delete_page_of_a_criterion_with_evidence_names_the_pages_and_has_no_delete_button(
    admin_client, programme, project, criteria
):
    factories.add_evidence(programme, criteria[0], "Prove.")
    factories.add_evidence(project, criteria[0], "Un quartiere.")

    response = admin_client.get(delete_url(criteria[0]))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one("main")
    assert "cannot be deleted: 2 pages give evidence for it" in main.get_text(" ", strip=True) or (
        "non può essere eliminato: 2 pagine" in main.get_text(" ", strip=True)
    )
    links = {a.get_text(strip=True): a["href"] for a in main.select("li a")}
    assert links == {
        "Laboratorio di quartiere": reverse("wagtailadmin_pages:edit", args=[project.pk]),
        "Torino Social Innovation": reverse("wagtailadmin_pages:edit", args=[programme.pk]),
    }
    assert main.select_one(f'form[action="{delete_url(criteria[0])}"]') is None


@pytest.mark.django_db
@pytest.mark.parametrize("stale_reference_index", [False, True], ids=["index-up-to-date", "index-stale"])
def test_deleting_a_criterion_with_evidence_is_refused_with_a_message(
    admin_client, programme, criteria, stale_reference_index
):
    factories.add_evidence(programme, criteria[0], "Prove.")
    if stale_reference_index:  # as after evidence written without saving its page: Wagtail's own check sees nothing
        ReferenceIndex.objects.all().delete()

    response = admin_client.post(delete_url(criteria[0]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(delete_url(criteria[0]), 302)]
    assert "“2024 · 1. Sperimentazione”" in response.content.decode()
    assert "Nothing has been deleted" in response.content.decode() or "Non è stato eliminato nulla" in (
        response.content.decode()
    )
    assert AwardCriterion.objects.filter(pk=criteria[0].pk).exists()
    assert programme.evidence.get().justification == "Prove."


@pytest.mark.django_db
@pytest.mark.parametrize("stale_reference_index", [False, True], ids=["index-up-to-date", "index-stale"])
def test_the_bulk_delete_refuses_criteria_with_evidence(admin_client, programme, criteria, stale_reference_index):
    factories.add_evidence(programme, criteria[1], "Ecosistemi.")
    if stale_reference_index:
        ReferenceIndex.objects.all().delete()

    response = admin_client.post(bulk_delete_url(criteria[0], criteria[1]), follow=True)

    assert response.status_code == 200
    assert "Nothing has been deleted" in response.content.decode() or "Non è stato eliminato nulla" in (
        response.content.decode()
    )
    assert AwardCriterion.objects.filter(pk__in=[criteria[0].pk, criteria[1].pk]).count() == 2


@pytest.mark.django_db
def test_a_criterion_without_evidence_is_deleted(admin_client, programme, criteria):
    factories.add_evidence(programme, criteria[0], "Prove.")

    confirm = admin_client.get(delete_url(criteria[2]))
    response = admin_client.post(delete_url(criteria[2]))

    assert confirm.status_code == 200
    assert BeautifulSoup(confirm.content, "html.parser").select_one(f'form[action="{delete_url(criteria[2])}"]')
    assert response.status_code == 302
    assert not AwardCriterion.objects.filter(pk=criteria[2].pk).exists()
    assert AwardCriterion.objects.filter(pk=criteria[0].pk).exists()


@pytest.mark.django_db
def test_evidence_protects_its_criterion_outside_the_admin_too(programme, criteria):
    factories.add_evidence(programme, criteria[0], "Prove.")

    with pytest.raises(ProtectedError):
        criteria[0].delete()
