"""A workflow action acts on the page or snippet in its address, or answers 404 (editorial/admin_views.py,
``on_its_own_task_state``).

Wagtail's workflow action views read the object and the task state from the address each on its own: "approve"
posted at one page's address with another page's (or a snippet's) task state approved that other one, and a
snippet address whose id is not a number was a 500. Now such an address is the 404 of an unknown task state.
"""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from projects.models import ProjectPage
from tests import admin_forms, factories
from tests.editorial.test_snippet_moderation import submit

KINDS = ["workflow_action", "collect_workflow_action_data"]


@pytest.fixture
def submitted_pages(editor_client, project_index):
    """Two pages submitted for moderation, each in its own workflow."""
    pages = []
    for slug in ("navetta", "sensori"):
        data = admin_forms.project_page_form(publish=False, title=slug.capitalize(), slug=slug)
        data["action-submit"] = "action-submit"
        assert editor_client.post(admin_forms.add_url(ProjectPage, project_index), data).status_code == 302
        pages.append(ProjectPage.objects.get(slug=slug))
    return pages


@pytest.fixture
def submitted_theme(editor_client, locale_it):
    theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    assert submit(editor_client, theme, name="Ambiente e clima").status_code == 302
    return theme


def task_state_of(instance):
    return WorkflowState.objects.for_instance(instance).get().current_task_state


def page_url(kind, page_id, task_state):
    return reverse(f"wagtailadmin_pages:{kind}", args=[page_id, "approve", task_state.pk])


def theme_url(kind, pk, task_state):
    # Written out: Wagtail's own patterns take digits only, the editorial ones any text (as a snippet's key may be).
    segment = {"workflow_action": "action", "collect_workflow_action_data": "collect_action_data"}[kind]
    return f"/admin/snippets/projects/theme/workflow/{segment}/{pk}/approve/{task_state.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_another_objects_task_state_is_a_404_and_left_alone(
    moderator_client, submitted_pages, submitted_theme, standard_page, kind
):
    first, second = submitted_pages
    others = [task_state_of(second), task_state_of(submitted_theme)]

    for task_state in others:
        for page in (first, standard_page):  # in a workflow of its own, and in none
            assert moderator_client.post(page_url(kind, page.pk, task_state), {"comment": ""}).status_code == 404
            assert moderator_client.get(page_url(kind, page.pk, task_state)).status_code == 404
    assert moderator_client.post(theme_url(kind, submitted_theme.pk, task_state_of(first)), {}).status_code == 404

    assert {TaskState.objects.get(pk=task_state.pk).status for task_state in others} == {"in_progress"}
    second.refresh_from_db()
    assert not second.live


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("pk", ["abc", "1.5", "99999"])
def test_a_snippet_id_that_names_nothing_is_a_404(moderator_client, submitted_theme, kind, pk):
    url = theme_url(kind, pk, task_state_of(submitted_theme))

    assert moderator_client.post(url, {"comment": ""}).status_code == 404
    assert moderator_client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_page_and_a_snippet_are_still_approved_at_their_own_address(
    moderator_client, submitted_pages, submitted_theme
):
    page = submitted_pages[0]
    collect = page_url("collect_workflow_action_data", page.pk, task_state_of(page))
    assert moderator_client.post(collect, {"comment": "Bene"}).json()["step"] == "success"

    assert moderator_client.post(page_url("workflow_action", page.pk, task_state_of(page)), {}).status_code == 302
    theme_action = theme_url("workflow_action", submitted_theme.pk, task_state_of(submitted_theme))
    assert moderator_client.post(theme_action, {"comment": ""}).status_code == 302

    page.refresh_from_db()
    submitted_theme.refresh_from_db()
    assert page.live and submitted_theme.name == "Ambiente e clima"
