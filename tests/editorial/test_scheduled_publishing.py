"""Scheduled publishing: a page with a future "go live" time waits for `manage.py publish_scheduled`.

The clock is frozen with time-machine: the command runs just before and just after the time.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from projects.models import ProjectPage
from tests import admin_forms

ROME = ZoneInfo("Europe/Rome")
# The next full hour but one: near enough for the signed-in test users' sessions, which end after nine hours
# without a request (README "Admin sign-in").
NINE = datetime.datetime.now(ROME).replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=2)
TEN = NINE + datetime.timedelta(hours=1)
GO_LIVE = TEN.strftime("%Y-%m-%d %H:%M")  # as the admin's date-time field submits it, in Europe/Rome


def publish_scheduled():
    call_command("publish_scheduled", stdout=io.StringIO())


def geojson_titles(client):
    return {feature["properties"]["title"] for feature in client.get("/projects.geojson").json()["features"]}


@pytest.mark.django_db
def test_new_page_goes_live_when_the_command_runs_after_its_time(client, moderator_client, project_index):
    title = "Navetta notturna"
    with time_machine.travel(NINE, tick=False):
        data = admin_forms.project_page_form(publish=True, title=title, slug="navetta", go_live_at=GO_LIVE)
        assert moderator_client.post(admin_forms.add_url(ProjectPage, project_index), data).status_code == 302

        project = ProjectPage.objects.get(slug="navetta")
        assert not project.live
        assert project.go_live_at == TEN
        assert project.scheduled_revision is not None

    with time_machine.travel(NINE + datetime.timedelta(minutes=59), tick=False):
        publish_scheduled()
        project.refresh_from_db()
        assert not project.live
        assert client.get("/progetti/navetta/").status_code == 404
        assert title not in geojson_titles(client)

    with time_machine.travel(NINE + datetime.timedelta(hours=1, minutes=1), tick=False):
        assert client.get("/progetti/navetta/").status_code == 404, "nothing happens until the command runs"
        publish_scheduled()
        project.refresh_from_db()
        assert project.live and not project.has_unpublished_changes
        assert client.get("/progetti/navetta/").status_code == 200
        assert title in geojson_titles(client)


@pytest.mark.django_db
def test_scheduled_changes_to_a_live_page_replace_it_at_their_time(client, moderator_client, project):
    with time_machine.travel(NINE, tick=False):
        data = admin_forms.project_page_form(
            publish=True, title="Laboratorio, seconda fase", slug=project.slug, themes=[], go_live_at=GO_LIVE
        )
        assert moderator_client.post(admin_forms.edit_url(project), data).status_code == 302
        publish_scheduled()
        assert "seconda fase" not in client.get(project.url).content.decode()

    with time_machine.travel(NINE + datetime.timedelta(hours=2), tick=False):
        publish_scheduled()
        assert "seconda fase" in client.get(project.url).content.decode()


@pytest.mark.django_db
def test_approved_submission_with_a_go_live_time_waits_for_it(client, editor_client, moderator_client, project_index):
    from django.urls import reverse

    with time_machine.travel(NINE, tick=False):
        data = admin_forms.project_page_form(
            publish=False, title="Mercato digitale", slug="mercato", go_live_at=GO_LIVE
        )
        data["action-submit"] = "action-submit"
        assert editor_client.post(admin_forms.add_url(ProjectPage, project_index), data).status_code == 302
        project = ProjectPage.objects.get(slug="mercato")
        task_state = project.current_workflow_task_state
        approve = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", task_state.pk])
        assert moderator_client.post(approve, {"comment": ""}).status_code == 302

        project.refresh_from_db()
        assert not project.live and project.scheduled_revision is not None

    with time_machine.travel(NINE + datetime.timedelta(hours=1, seconds=1), tick=False):
        publish_scheduled()
        assert client.get("/progetti/mercato/").status_code == 200


@pytest.mark.django_db
def test_page_with_an_expiry_time_is_unpublished_after_it(client, moderator_client, project):
    with time_machine.travel(NINE, tick=False):
        data = admin_forms.project_page_form(publish=True, slug=project.slug, themes=[], expire_at=GO_LIVE)
        assert moderator_client.post(admin_forms.edit_url(project), data).status_code == 302
        publish_scheduled()
        assert client.get(project.url).status_code == 200

    with time_machine.travel(NINE + datetime.timedelta(hours=1, minutes=5), tick=False):
        publish_scheduled()
        project.refresh_from_db()
        assert not project.live and project.expired
        assert client.get(project.url).status_code == 404
