"""Nothing is lost: every version is kept and can be restored, and two people editing the same page
are told about each other; a stale form never silently replaces a newer version."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests import admin_forms


def project_form(project, **overrides):
    return admin_forms.project_page_form(slug=project.slug, themes=[], **overrides)


def loaded_revision(html):
    """The hidden inputs saying which version the editor form was opened on."""
    doc = BeautifulSoup(html, "html.parser")
    return {
        name: doc.select_one(f'input[name="{name}"]')["value"]
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def editor_saves_a_newer_version(editor_client, project):
    """The Editor opens the page and saves it, as someone working alongside the Moderator would."""
    opened_on = loaded_revision(editor_client.get(admin_forms.edit_url(project)).content.decode())
    form = {**project_form(project, title="Versione della redattrice"), **opened_on}
    assert editor_client.post(admin_forms.edit_url(project), form).status_code == 302


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- revisions ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_version_is_kept_and_an_old_one_can_be_restored(client, moderator_client, project):
    for title in ("Laboratorio di quartiere", "Seconda versione", "Terza versione"):
        assert (
            moderator_client.post(admin_forms.edit_url(project), project_form(project, title=title)).status_code == 302
        )
    project.refresh_from_db()
    assert project.title == "Terza versione"
    assert project.revisions.count() == 3
    first = project.revisions.order_by("created_at", "pk").first()

    history = moderator_client.get(reverse("wagtailadmin_pages:history", args=[project.pk]))
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[project.pk, first.pk])
    assert history.status_code == 200
    assert revert_url in history.content.decode()
    opened = moderator_client.get(revert_url)
    assert opened.status_code == 200
    form = BeautifulSoup(opened.content, "html.parser").select_one("form[data-edit-form]")
    assert form.select_one('input[name="title"]')["value"] == "Laboratorio di quartiere"

    response = moderator_client.post(revert_url, project_form(project, title="Laboratorio di quartiere"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.live and project.title == "Laboratorio di quartiere"
    assert project.revisions.count() == 4, "restoring adds a version: the others are all still there"
    assert set(project.revisions.values_list("content__title", flat=True)) >= {"Seconda versione", "Terza versione"}
    assert PageLogEntry.objects.filter(page=project, action="wagtail.revert").exists()
    assert "Laboratorio di quartiere" in client.get(project.url).content.decode()


@pytest.mark.django_db
def test_editor_restoring_a_version_makes_a_draft_for_moderation(client, editor_client, project):
    first = project.save_revision()
    first.publish()
    project.title = "Titolo nuovo"
    project.save_revision().publish()

    response = editor_client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[project.pk, first.pk]),
        {**project_form(project, title="Laboratorio di quartiere", publish=False), "action-submit": "action-submit"},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Titolo nuovo" and project.has_unpublished_changes
    assert project.current_workflow_state is not None
    assert "Titolo nuovo" in client.get(project.url).content.decode()


# --- two people editing the same page -------------------------------------------------------------


def ping_url(html):
    doc = BeautifulSoup(html, "html.parser")
    return doc.select_one("form[data-controller~='w-session']")["data-w-swap-src-value"]


@pytest.mark.django_db
def test_editors_see_who_else_is_editing_and_newer_versions(editor, editor_client, moderator_client, project):
    project.save_revision().publish()
    moderator_page = moderator_client.get(admin_forms.edit_url(project)).content.decode()
    editor_page = editor_client.get(admin_forms.edit_url(project)).content.decode()
    module = BeautifulSoup(moderator_page, "html.parser").select_one("form[data-controller~='w-session']")
    assert module["data-w-session-interval-value"] == "10000"
    opened_on = loaded_revision(moderator_page)
    ping = {
        "revision_id": opened_on["loaded_revision_id"],
        "revision_created_at": opened_on["loaded_revision_created_at"],
    }

    assert editor_client.post(ping_url(editor_page), {"is_editing": "1"}).status_code == 200
    others = moderator_client.post(ping_url(moderator_page), ping).json()["other_sessions"]
    assert [(o["user"], o["is_editing"], o["revision_id"]) for o in others] == [("Redattrice", True, None)]

    assert (
        editor_client.post(admin_forms.edit_url(project), project_form(project, title="Nuovo titolo")).status_code
        == 302
    )
    project.refresh_from_db()
    newer = project.get_latest_revision()

    others = moderator_client.post(ping_url(moderator_page), ping).json()
    assert [(o["user"], o["revision_id"]) for o in others["other_sessions"]] == [("Redattrice", newer.pk)]
    # The notice the editor page shows (the admin speaks Italian to this user), and the confirmation
    # its save button asks for before overwriting.
    assert "Redattrice ha salvato una nuova versione" in " ".join(others["html"].split())
    assert "w-save-confirmation-dialog" in others["html"]


@pytest.mark.django_db
def test_stale_form_is_not_saved_over_a_newer_version(client, editor_client, moderator_client, project):
    project.save_revision().publish()
    stale = loaded_revision(moderator_client.get(admin_forms.edit_url(project)).content.decode())
    editor_saves_a_newer_version(editor_client, project)
    project.refresh_from_db()
    newer = project.get_latest_revision()

    response = moderator_client.post(
        admin_forms.edit_url(project), {**project_form(project, title="Versione del moderatore"), **stale}
    )

    assert response.status_code == 200
    assert project.get_latest_revision() == newer, "nothing saved"
    assert any(
        "saved a newer version" in m or "ha salvato una versione più recente" in m for m in messages_of(response)
    )
    returned = BeautifulSoup(response.content, "html.parser")
    assert returned.select_one('input[name="title"]')["value"] == "Versione del moderatore", "the changes are kept"
    assert loaded_revision(response.content.decode())["loaded_revision_id"] == str(newer.pk)
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Versione della redattrice"

    # Saving again, now knowingly over the newer version, goes through.
    again = moderator_client.post(
        admin_forms.edit_url(project),
        {**project_form(project, title="Versione del moderatore"), **loaded_revision(response.content.decode())},
    )
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.title == "Versione del moderatore"
    assert project.revisions.filter(pk=newer.pk).exists(), "the other version is still in the history"


@pytest.mark.django_db
def test_up_to_date_form_saves_normally(moderator_client, project):
    project.save_revision().publish()
    current = loaded_revision(moderator_client.get(admin_forms.edit_url(project)).content.decode())

    response = moderator_client.post(
        admin_forms.edit_url(project), {**project_form(project, title="Aggiornato"), **current}
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Aggiornato"


@pytest.mark.django_db
def test_autosave_of_a_stale_form_is_refused(editor_client, moderator_client, project):
    """Wagtail's own protection for autosave requests (JSON), which the guard leaves to Wagtail."""
    project.save_revision().publish()
    stale = loaded_revision(moderator_client.get(admin_forms.edit_url(project)).content.decode())
    assert editor_client.post(admin_forms.edit_url(project), project_form(project, title="Prima")).status_code == 302

    response = moderator_client.post(
        admin_forms.edit_url(project),
        {**project_form(project, title="Salvataggio automatico", publish=False), **stale},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Prima"


def autosave(client, project, form, **fields):
    """What Wagtail's autosave sends in the background: the form as it is, asking for JSON."""
    response = client.post(
        admin_forms.edit_url(project), {**project_form(project, **fields), **form}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("action", [{}, {"action-publish": "action-publish"}], ids=["save draft", "publish"])
def test_saving_after_ones_own_autosave_goes_through(moderator_client, project, action):
    """Autosave keeps its version's id in the browser: the form still names the version it was opened on."""
    project.save_revision().publish()
    opened_on = loaded_revision(moderator_client.get(admin_forms.edit_url(project)).content.decode())
    first = autosave(moderator_client, project, opened_on, title="Bozza automatica", publish=False)
    # The browser sends the next autosaves as overwrites of its own autosaved version.
    autosave(
        moderator_client,
        project,
        {**opened_on, "overwrite_revision_id": first["revision_id"]},
        title="Bozza automatica, seconda",
        publish=False,
    )
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Bozza automatica, seconda"

    fields = project_form(project, title="Versione finale", publish=False)
    response = moderator_client.post(admin_forms.edit_url(project), {**fields, **opened_on, **action})

    assert response.status_code == 302, messages_of(response)
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Versione finale"
    assert (project.title == "Versione finale") is bool(action), "published only when asked"


@pytest.mark.django_db
def test_own_autosave_does_not_hide_someone_elses_newer_version(editor, editor_client, moderator_client, project):
    project.save_revision().publish()
    opened_on = loaded_revision(moderator_client.get(admin_forms.edit_url(project)).content.decode())
    autosave(moderator_client, project, opened_on, title="Bozza automatica", publish=False)
    editor_saves_a_newer_version(editor_client, project)

    response = moderator_client.post(
        admin_forms.edit_url(project), {**project_form(project, title="Versione del moderatore"), **opened_on}
    )

    assert response.status_code == 200, "not saved"
    assert any(editor.get_full_name() in m or editor.get_username() in m for m in messages_of(response))
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Versione della redattrice"


@pytest.mark.django_db
def test_restoring_an_old_version_from_a_stale_form_is_refused(editor, editor_client, moderator_client, project):
    """ "Review this version" is the editor on an older version: a newer save since it opened is not replaced."""
    project.save_revision().publish()
    first = project.get_latest_revision()
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[project.pk, first.pk])
    opened = loaded_revision(moderator_client.get(revert_url).content.decode())
    editor_saves_a_newer_version(editor_client, project)
    project.refresh_from_db()
    newer = project.get_latest_revision()

    response = moderator_client.post(revert_url, {**project_form(project, title="Laboratorio di quartiere"), **opened})

    assert response.status_code == 200, "not saved"
    assert any(editor.get_full_name() in m or editor.get_username() in m for m in messages_of(response))
    project.refresh_from_db()
    assert project.get_latest_revision() == newer
    assert project.get_latest_revision_as_object().title == "Versione della redattrice"

    # Restoring again, now knowingly over the newer version, goes through.
    again = moderator_client.post(
        revert_url,
        {**project_form(project, title="Laboratorio di quartiere"), **loaded_revision(response.content.decode())},
    )
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.live and project.title == "Laboratorio di quartiere"
