"""The moderation workflow, end to end: Editors submit, Moderators approve, nothing goes live before."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Page, WorkflowState

from projects.models import ProjectPage
from tests import admin_forms, factories


def geojson_titles(client, url="/projects.geojson"):
    return {feature["properties"]["title"] for feature in client.get(url).json()["features"]}


def map_titles(client, url):
    """The places listed on the maps of a page (includes/map.html), as a reader gets them."""
    doc = BeautifulSoup(client.get(url).content, "html.parser")
    return {place["data-title"] for place in doc.select("[data-place-map] li.place")}


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def assert_sent_back_to_the_dashboard(response):
    """Wagtail's admin refuses these actions with its permission_denied (wagtail.admin.auth): back to the dashboard
    with its error message. Not a 403: an answer of that other form, or any other, fails here."""
    errors = [str(message).strip() for message in get_messages(response.wsgi_request) if message.level == ERROR]
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert errors == [gettext("Sorry, you do not have permission to access this area.")]


def approve(client, page, action="approve"):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": ""})


@pytest.fixture
def site(home_page, project_index, programme):
    """A home page with its map of every project, the project index, a programme; no projects yet."""
    return {"home": home_page, "index": project_index, "programme": programme}


@pytest.mark.django_db
def test_editor_submits_a_located_project_and_a_moderator_approves_it(
    client, editor_client, moderator_client, site, editor
):
    title = "Sensori di qualità dell'aria in Barriera"
    data = admin_forms.project_page_form(
        publish=False,
        title=title,
        slug="sensori-aria",
        programme=site["programme"],
        location="SRID=4326;POINT(7.6870 45.0890)",
        address="Piazza Teresa Noce, Torino",
    )
    data["action-submit"] = "action-submit"

    response = editor_client.post(admin_forms.add_url(ProjectPage, site["index"]), data)

    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="sensori-aria")
    assert (project.lat, project.lng) == (45.089, 7.687)
    assert project.owner == editor
    # Submitted: waiting for a Moderator, and nowhere on the public site.
    assert project.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not project.live
    assert client.get("/progetti/sensori-aria/").status_code == 404
    assert title not in geojson_titles(client)
    assert title not in map_titles(client, "/")
    assert title not in map_titles(client, "/progetti/")
    # The Moderator finds it on the dashboard, and the Editor cannot approve it.
    assert escape(title) in moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert_sent_back_to_the_dashboard(approve(editor_client, project))
    project.refresh_from_db()
    assert not project.live

    response = approve(moderator_client, project)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.live and not project.has_unpublished_changes
    assert project.current_workflow_state is None
    assert project.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert client.get("/progetti/sensori-aria/").status_code == 200
    assert title in geojson_titles(client)
    assert title in map_titles(client, "/")
    assert title in map_titles(client, "/progetti/")
    assert title in map_titles(client, site["programme"].url)


@pytest.mark.django_db
def test_rejected_changes_stay_off_the_site_until_resubmitted_and_approved(
    client, editor_client, moderator_client, project
):
    data = admin_forms.project_page_form(
        publish=False, title="Laboratorio di quartiere (aggiornato)", slug=project.slug, themes=[]
    )
    data["action-submit"] = "action-submit"
    assert editor_client.post(admin_forms.edit_url(project), data).status_code == 302
    project.refresh_from_db()

    assert approve(moderator_client, project, "reject").status_code == 302

    project.refresh_from_db()
    assert project.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert project.live and project.title == "Laboratorio di quartiere"
    assert "(aggiornato)" not in client.get(project.url).content.decode()

    data["action-restart-workflow"] = "action-restart-workflow"
    del data["action-submit"]
    assert editor_client.post(admin_forms.edit_url(project), data).status_code == 302
    project.refresh_from_db()
    assert approve(moderator_client, project).status_code == 302
    assert "(aggiornato)" in client.get(project.url).content.decode()


# --- an Editor cannot publish: the action is refused on the server, not only hidden ---------------


@pytest.mark.django_db
def test_editor_sees_submit_but_no_publish_button(editor_client, project_index):
    html = editor_client.get(admin_forms.add_url(ProjectPage, project_index)).content.decode()

    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


@pytest.mark.django_db
def test_editor_posting_publish_on_a_new_page_saves_a_draft_and_says_so(client, editor_client, project_index):
    data = admin_forms.project_page_form(publish=True, title="Navetta autonoma", slug="navetta")

    response = editor_client.post(admin_forms.add_url(ProjectPage, project_index), data, follow=True)

    project = ProjectPage.objects.get(slug="navetta")
    assert not project.live
    assert project.revisions.count() == 1
    assert not project.workflow_states.exists()
    assert client.get("/progetti/navetta/").status_code == 404
    assert "Navetta autonoma" not in geojson_titles(client)
    assert any(
        "You cannot publish pages" in message or "Non puoi pubblicare" in message for message in messages_of(response)
    )


@pytest.mark.django_db
def test_editor_posting_publish_on_a_live_page_leaves_the_live_page_alone(client, editor_client, project):
    data = admin_forms.project_page_form(publish=True, title="Titolo mai approvato", slug=project.slug, themes=[])

    response = editor_client.post(admin_forms.edit_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.live and project.has_unpublished_changes
    assert project.title == "Laboratorio di quartiere"
    assert project.get_latest_revision_as_object().title == "Titolo mai approvato"
    assert "Titolo mai approvato" not in client.get(project.url).content.decode()


@pytest.mark.django_db
def test_editor_cannot_unpublish_or_bulk_publish(client, editor_client, project, project_index):
    draft = factories.ProjectPageFactory(parent=project_index, title="Bozza", slug="bozza", live=False)
    draft.save_revision()

    bulk_url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"

    unpublish = editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[project.pk]))
    confirmation = editor_client.get(bulk_url)
    editor_client.post(bulk_url, {"include_descendants": ""})

    assert_sent_back_to_the_dashboard(unpublish)
    project.refresh_from_db()
    draft.refresh_from_db()
    assert project.live and client.get(project.url).status_code == 200
    assert confirmation.context["items"] == []
    assert [entry["item"].pk for entry in confirmation.context["items_with_no_access"]] == [draft.pk]
    assert not draft.live and client.get("/progetti/bozza/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["translator_client", "editor_client"])
def test_translator_or_editor_cannot_publish_from_the_translation_editor(request, project, locale_en, role):
    from wagtail_localize.models import Translation

    translator_client = request.getfixturevalue(role)

    english_home = factories.translate(project.get_parent().get_parent(), locale_en, title="Home", slug="home-en")
    factories.translate(project.get_parent(), locale_en, title="Projects", slug="projects")
    english = factories.translate(project, locale_en, publish=False, title="Neighbourhood lab", slug="lab")
    translation = Translation.objects.get(source__object_id=project.translation_key, target_locale=locale_en)

    editor = translator_client.get(admin_forms.edit_url(english))
    refused = translator_client.post(admin_forms.edit_url(english), {"action": "publish"})

    assert editor.status_code == 200  # the translation editor: translators translate there
    assert_sent_back_to_the_dashboard(refused)
    english.refresh_from_db()
    assert not english.live
    assert english_home.live and translation.enabled


@pytest.mark.django_db
def test_moderator_can_publish_directly(client, moderator_client, project_index):
    data = admin_forms.project_page_form(publish=True, title="Pubblicata subito", slug="subito")

    response = moderator_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 302
    assert Page.objects.get(slug="subito").live
    assert client.get("/progetti/subito/").status_code == 200
