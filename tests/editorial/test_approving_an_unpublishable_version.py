"""A Moderator approving, outside the editor, a submitted version that cannot be published gets a message and
is sent to the editor, not a server error (editorial/admin_views.py, ``checked_before_approval``).

"Approve" from the dashboard publishes the version as it was saved, without the editor's form: a theme whose
draft took a slug already used in its language (saved before the form checked it) made the database refuse
the save, a 500."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests import factories
from tests.editorial.test_revisions import messages_of
from tests.editorial.test_snippet_moderation import snippet_url, submit


def approve_url(instance):
    task_state = WorkflowState.objects.for_instance(instance).get().current_task_state
    return reverse(
        type(instance).snippet_viewset.get_url_name("workflow_action"), args=[instance.pk, "approve", task_state.pk]
    )


@pytest.fixture
def submitted_with_a_taken_slug(editor_client, locale_it):
    """A theme submitted for moderation whose version took, as saved earlier, the slug of another Italian theme."""
    factories.ThemeFactory(name="Mobilità", slug="mobilita")
    theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    assert submit(editor_client, theme, name="Ambiente e clima").status_code == 302
    theme.refresh_from_db()
    version = theme.latest_revision
    version.content["slug"] = "mobilita"
    version.save()
    return theme


@pytest.mark.django_db
@pytest.mark.parametrize("xhr", [False, True], ids=["form", "dialog"])
def test_approving_a_version_with_a_taken_slug_is_refused_with_a_message(
    moderator_client, submitted_with_a_taken_slug, xhr
):
    theme = submitted_with_a_taken_slug
    headers = {"X-Requested-With": "XMLHttpRequest"} if xhr else {}

    response = moderator_client.post(approve_url(theme), {"comment": ""}, headers=headers)

    if xhr:
        assert response.status_code == 200
        assert response.json()["redirect"] == snippet_url(theme)
    else:
        assert response.status_code == 302 and response["Location"] == snippet_url(theme)
    editor = moderator_client.get(snippet_url(theme))
    assert any("Ambiente e clima" in message for message in messages_of(editor))
    theme.refresh_from_db()
    assert theme.slug == "ambiente" and theme.name == "Ambiente"
    assert WorkflowState.objects.for_instance(theme).get().status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_approving_a_publishable_version_still_publishes_it(editor_client, moderator_client, locale_it):
    theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    assert submit(editor_client, theme, name="Ambiente e clima").status_code == 302

    response = moderator_client.post(approve_url(theme), {"comment": ""})

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Ambiente e clima"
    assert WorkflowState.objects.for_instance(theme).get().status == WorkflowState.STATUS_APPROVED
