"""A theme's or a district's slug is unique in its language, and the admin form says so on the slug field
(base/validators.py, ``language_duplicates``).

The language is not a field of the snippet form, so Django's own check of ``unique_together = ("slug",
"locale")`` was skipped: adding a second "mobilita" in Italian was a database error (500, the input lost), and
changing a theme's slug to one in use was saved as a draft that a Moderator then could not publish (500)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from projects.models import District, Theme
from tests import factories
from tests.editorial.test_snippet_moderation import form_data, snippet_url

DUPLICATE = ("already exists in Italiano", "Esiste già un")


def add_url(model):
    return reverse(model.snippet_viewset.get_url_name("add"))


def slug_error(response):
    """The error shown under the slug field of the returned form."""
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one('input[name="slug"]').find_parent(attrs={"data-field-wrapper": True})
    return " ".join(error.get_text(" ", strip=True) for error in field.select(".error-message"))


def assert_refused_on_the_slug(response, name, other):
    """Refused, saying on the slug field which one in the same language has that slug, with the input kept."""
    assert response.status_code == 200
    error = slug_error(response)
    assert any(text in error for text in DUPLICATE), error
    assert other.name in error
    form = BeautifulSoup(response.content, "html.parser")
    assert form.select_one('input[name="name"]')["value"] == name, "the editor's input is kept"


@pytest.fixture
def taken(locale_it):
    """A theme and a district whose slugs are taken in Italian, and another of each to edit."""
    return {
        Theme: (factories.ThemeFactory(name="Mobilità", slug="mobilita"), factories.ThemeFactory(slug="ambiente")),
        District: (
            factories.DistrictFactory(name="Centro", slug="centro"),
            factories.DistrictFactory(slug="aurora"),
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Theme, District])
def test_adding_a_slug_taken_in_the_same_language_is_a_form_error(editor_client, taken, model):
    slug = taken[model][0].slug
    before = model.objects.count()

    response = editor_client.post(add_url(model), {"name": "Nuovo nome da tenere", "slug": slug})

    assert_refused_on_the_slug(response, "Nuovo nome da tenere", taken[model][0])
    assert model.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Theme, District])
def test_saving_a_draft_with_a_taken_slug_is_a_form_error(editor_client, taken, model):
    """Refused when the draft is saved or submitted, so that it never reaches a Moderator unpublishable."""
    existing, edited = taken[model]
    revisions = edited.revisions.count()

    for action in ({}, {"action-submit": "action-submit"}):
        response = editor_client.post(
            snippet_url(edited), {**form_data(edited, name="Nome modificato", slug=existing.slug), **action}
        )
        assert_refused_on_the_slug(response, "Nome modificato", existing)

    assert edited.revisions.count() == revisions


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Theme, District])
def test_publishing_a_draft_saved_earlier_with_a_taken_slug_is_a_form_error(moderator_client, taken, model):
    """A draft saved before the check existed: the Moderator who opens it and publishes gets the error, not a 500."""
    existing, edited = taken[model]
    edited.slug = existing.slug
    edited.save_revision(clean=False)
    draft = type(edited).objects.get(pk=edited.pk).get_latest_revision_as_object()

    response = moderator_client.post(snippet_url(edited), {**form_data(draft), "action-publish": "action-publish"})

    assert_refused_on_the_slug(response, draft.name, existing)
    edited.refresh_from_db()
    assert edited.slug != existing.slug, "the published row is unchanged"


@pytest.mark.django_db
def test_the_same_slug_in_another_language_is_allowed(moderator_client, taken, locale_en):
    italian = taken[Theme][0]
    response = moderator_client.post(
        add_url(Theme) + "?locale=en", {"name": "Mobility", "slug": italian.slug, "action-publish": "action-publish"}
    )

    assert response.status_code == 302
    assert Theme.objects.filter(slug=italian.slug, locale=locale_en).exists()


@pytest.mark.django_db
def test_keeping_its_own_slug_is_not_a_duplicate(moderator_client, taken):
    theme = taken[Theme][0]
    response = moderator_client.post(
        snippet_url(theme), {**form_data(theme, name="Mobilità sostenibile"), "action-publish": "action-publish"}
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Mobilità sostenibile"
