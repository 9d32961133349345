"""A page form whose "opened on" time cannot be read is treated as stale, never as a server error
(editorial/admin_views.py, ``form_opened_at``).

The page editor and the form restoring an older version post the id and time of the version they were opened
on. A time that is well formed but impossible (30 February, month 99, an offset of +99:00, a time with no
UTC equivalent) made ``parse_datetime`` or the query raise: a 500, the editor's changes lost. It now counts as
unknown: the form comes back with the changes in it and the "newer version" message, and saving it again goes
through."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests import admin_forms
from tests.editorial.test_revisions import loaded_revision, messages_of, project_form

UNREADABLE = [
    "2024-99-99T00:00:00",
    "2024-02-30T10:00:00",
    "2024-01-01T00:00:00+99:00",
    "0001-01-01T00:00:00+23:00",  # well formed and possible, but before year 1 in UTC
    "9999-12-31T23:00:00-23:00",  # after year 9999 in UTC
]
REFUSED = ("saved a newer version of this page", "ha salvato una versione più recente di questa pagina")


def refused_with_changes_kept(response, title):
    assert response.status_code == 200
    assert any(text in message for message in messages_of(response) for text in REFUSED)
    returned = BeautifulSoup(response.content, "html.parser")
    assert returned.select_one('input[name="title"]')["value"] == title, "the editor's changes are in the form"


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", UNREADABLE)
def test_editor_form_with_an_unreadable_time_is_returned_not_saved(editor_client, project, stamp):
    project.save_revision().publish()
    project.refresh_from_db()
    latest = project.get_latest_revision()
    form = {
        **project_form(project, title="Laboratorio di quartiere", publish=False),
        "loaded_revision_id": str(latest.pk),
        "loaded_revision_created_at": stamp,
    }

    response = editor_client.post(admin_forms.edit_url(project), form)

    refused_with_changes_kept(response, "Laboratorio di quartiere")
    assert project.get_latest_revision() == latest, "nothing saved over the version the form may not know"
    # The returned form names the latest version: saving it again is the editor's deliberate choice.
    again = editor_client.post(
        admin_forms.edit_url(project),
        {**project_form(project, title="Laboratorio di quartiere", publish=False), **loaded_revision(response.content)},
    )
    assert again.status_code == 302
    assert project.get_latest_revision_as_object().title == "Laboratorio di quartiere"


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", UNREADABLE[:3])
def test_unreadable_time_does_not_hide_someone_elses_newer_version(editor_client, moderator_client, project, stamp):
    """With an old version's id and an unreadable time, the id still tells that someone else saved since."""
    project.save_revision().publish()
    opened_on = project.get_latest_revision()
    newer = project.save_revision(user=None)  # a newer version someone else saved (a scheduled task, a sync)
    form = {
        **project_form(project, title="Versione del moderatore"),
        "loaded_revision_id": str(opened_on.pk),
        "loaded_revision_created_at": stamp,
    }

    response = moderator_client.post(admin_forms.edit_url(project), form)

    refused_with_changes_kept(response, "Versione del moderatore")
    project.refresh_from_db()
    assert project.get_latest_revision() == newer


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", UNREADABLE[:3])
def test_restoring_a_version_with_an_unreadable_time_is_returned_not_saved(moderator_client, project, stamp):
    project.save_revision().publish()
    project.refresh_from_db()
    revision = project.get_latest_revision()
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[project.pk, revision.pk])
    form = {
        **project_form(project, title="Laboratorio di quartiere"),
        "loaded_revision_id": str(revision.pk),
        "loaded_revision_created_at": stamp,
    }

    response = moderator_client.post(revert_url, form)

    refused_with_changes_kept(response, "Laboratorio di quartiere")
    assert project.get_latest_revision() == revision
