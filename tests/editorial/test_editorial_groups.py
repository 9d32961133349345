"""setup_editorial_groups: Editors, Moderators and Translators and the moderation workflow, idempotently."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from editorial.management.commands.setup_editorial_groups import EDITORS, MODERATORS, TRANSLATORS, WORKFLOW_NAME
from tests import factories


def run_command():
    out = io.StringIO()
    call_command("setup_editorial_groups", stdout=out)
    return out.getvalue()


def snapshot():
    """Every row the command writes, by primary key, so a second run that adds anything shows up."""
    return {
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "group_permissions": sorted(Group.permissions.through.objects.values_list("pk", "group_id", "permission_id")),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list("pk", "group_id", "collection_id", "permission_id")
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": sorted(GroupApprovalTask.objects.values_list("pk", "name", "active")),
        "task_groups": sorted(
            GroupApprovalTask.groups.through.objects.values_list("pk", "groupapprovaltask_id", "group_id")
        ),
        "workflow_tasks": sorted(WorkflowTask.objects.values_list("pk", "workflow_id", "task_id", "sort_order")),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "workflow_content_types": sorted(WorkflowContentType.objects.values_list("content_type_id", "workflow_id")),
    }


def page_codenames(group):
    return set(GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True))


@pytest.mark.django_db
def test_running_twice_changes_nothing(home_page):
    first_output = run_command()
    first = snapshot()
    second_output = run_command()

    assert snapshot() == first
    assert first_output == second_output
    assert {name for _, name in first["groups"]} >= {EDITORS, MODERATORS, TRANSLATORS}
    assert len(first["workflows"]) == len(first["tasks"]) == len(first["workflow_tasks"]) == 1


@pytest.mark.django_db
def test_rerun_keeps_rights_granted_by_hand_and_reactivates_the_workflow(home_page):
    run_command()
    editors = Group.objects.get(name=EDITORS)
    extra = Permission.objects.get(content_type__app_label="projects", codename="delete_theme")
    editors.permissions.add(extra)
    Workflow.objects.filter(name=WORKFLOW_NAME).update(active=False)

    run_command()

    assert editors.permissions.filter(pk=extra.pk).exists()
    assert Workflow.objects.get(name=WORKFLOW_NAME).active


@pytest.mark.django_db
def test_rerun_takes_the_site_settings_from_everyone_but_moderators(home_page):
    """The site settings have no drafts: a right to change them granted by hand goes on the next deploy."""
    run_command()
    change_settings = Permission.objects.get(content_type__app_label="base", codename="change_sitesettings")
    for name in (EDITORS, TRANSLATORS):
        Group.objects.get(name=name).permissions.add(change_settings)

    run_command()

    for name in (EDITORS, TRANSLATORS):
        assert not Group.objects.get(name=name).permissions.filter(pk=change_settings.pk).exists(), name
    assert Group.objects.get(name=MODERATORS).permissions.filter(pk=change_settings.pk).exists()


@pytest.mark.django_db
def test_page_rights_per_group(editorial_groups):
    assert page_codenames(editorial_groups[EDITORS]) == {"add_page", "change_page"}
    assert page_codenames(editorial_groups[TRANSLATORS]) == {"change_page"}
    assert page_codenames(editorial_groups[MODERATORS]) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "delete_page",
        "bulk_delete_page",
    }
    # Granted on the root page, so they cover the Italian and the English tree alike.
    root = Page.get_first_root_node()
    assert set(GroupPagePermission.objects.values_list("page_id", flat=True)) == {root.pk}


@pytest.mark.django_db
def test_what_each_role_may_do_on_a_page(project, editor, moderator, translator):
    editor_perms = project.permissions_for_user(editor)
    moderator_perms = project.permissions_for_user(moderator)
    translator_perms = project.permissions_for_user(translator)

    assert editor_perms.can_edit() and editor_perms.can_submit_for_moderation()
    assert project.get_parent().permissions_for_user(editor).can_add_subpage()
    assert not editor_perms.can_publish()
    assert not editor_perms.can_unpublish()

    assert moderator_perms.can_edit() and moderator_perms.can_publish() and moderator_perms.can_unpublish()
    assert moderator_perms.can_lock() and moderator_perms.can_delete()
    assert project.get_parent().permissions_for_user(moderator).can_delete(), "a section, with its pages"
    assert not project.get_parent().permissions_for_user(editor).can_delete()

    assert translator_perms.can_edit()
    assert not project.get_parent().permissions_for_user(translator).can_add_subpage()
    assert not translator_perms.can_publish()
    assert not translator_perms.can_unpublish()


@pytest.mark.django_db
def test_model_and_image_rights(editor, moderator, translator, image):
    for user in (editor, moderator, translator):
        assert user.has_perm("wagtailadmin.access_admin")
        assert image_permissions.user_has_permission(user, "choose")

    # Themes, districts, contacts and criteria have drafts: Editors propose, Moderators publish.
    snippets = ["projects.theme", "projects.district", "base.contact", "candidacy.awardcriterion"]
    for snippet in snippets:
        app, model = snippet.split(".")
        assert editor.has_perm(f"{app}.add_{model}") and editor.has_perm(f"{app}.change_{model}"), snippet
        assert translator.has_perm(f"{app}.change_{model}"), snippet
        for action in ("publish", "delete", "lock", "unlock"):
            assert not editor.has_perm(f"{app}.{action}_{model}"), (snippet, action)
            assert not translator.has_perm(f"{app}.{action}_{model}"), (snippet, action)
            assert moderator.has_perm(f"{app}.{action}_{model}"), (snippet, action)
    assert not editor.has_perm("base.change_sitesettings")
    assert not translator.has_perm("base.change_sitesettings")
    assert image_permissions.user_has_permission(editor, "add")
    # Wagtail lets uploaders delete their own images; an Editor cannot delete anybody else's.
    assert not image_permissions.user_has_permission_for_instance(editor, "delete", image)

    assert moderator.has_perm("base.change_sitesettings") and moderator.has_perm("projects.delete_district")
    assert moderator.has_perm("projects.add_theme") and moderator.has_perm("base.change_contact")
    assert image_permissions.user_has_permission_for_instance(moderator, "delete", image)

    assert translator.has_perm("projects.change_theme") and not translator.has_perm("projects.add_theme")
    assert not image_permissions.user_has_permission(translator, "add")
    if apps.is_installed("wagtail_localize"):
        # Starting and syncing translations can publish them: Moderators only.
        assert moderator.has_perm("wagtail_localize.submit_translation")
        assert not translator.has_perm("wagtail_localize.submit_translation")
        assert not editor.has_perm("wagtail_localize.submit_translation")


@pytest.mark.django_db
def test_one_moderation_workflow_covers_both_language_trees(editorial_groups, home_page, project, locale_en):
    english_home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), locale=locale_en, slug="torino-en", title="Torino Innovation"
    )
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    [task] = [t.specific for t in workflow.tasks]

    assert workflow.active
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.all()) == [editorial_groups[MODERATORS]]
    assert WorkflowPage.objects.get(workflow=workflow).page.is_root()
    for page in (home_page, project, english_home):
        assert page.get_workflow() == workflow, page
    # The snippets that readers see go through the same workflow, in both languages.
    theme = factories.ThemeFactory(locale=locale_en)
    for snippet in (theme, factories.DistrictFactory(), factories.ContactFactory(), factories.AwardCriterionFactory()):
        assert snippet.get_workflow() == workflow, snippet


@pytest.mark.django_db
def test_every_role_can_open_the_admin(editor_client, moderator_client, translator_client, home_page):
    for client in (editor_client, moderator_client, translator_client):
        assert client.get("/admin/").status_code == 200
        assert client.get(f"/admin/pages/{home_page.pk}/").status_code == 200
