"""Create the editorial roles and the moderation workflow, idempotently.

- **Editors** write: they create and edit pages in both languages and submit them for moderation.
  They cannot publish, and they do not edit themes, districts or contacts, which have no drafts:
  a change to them is public at once.
- **Moderators** approve and publish: they publish, unpublish, lock, delete and move pages, approve
  or reject what is submitted, manage themes, districts, contacts and site settings, and start
  and synchronise translations.
- **Translators** translate: they write the translations a Moderator has started, in
  wagtail-localize's translation editor; they edit existing pages but cannot create or publish
  them, and they translate themes, districts and contacts.

Safe to run on every deploy: it adds what is missing and never removes rights someone granted, with
two exceptions, both about rights that installed apps' migrations hand out on their own:

- Wagtail's migrations create "Editors" and "Moderators" groups that may change and delete every
  image and document, so on the root collection each group's image and document rights are set to
  exactly the list below;
- wagtail-localize's migrations give "Editors" the right to submit translations, which includes
  "Sync translated pages" and its "publish" option: it is taken from every group but Moderators.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
WORKFLOW_NAME = "Moderators approval"

# Page permissions granted on the root, so they cover both language trees.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    # "bulk_delete": a page with pages under it (a section) can be deleted too, after Wagtail's confirmation.
    MODERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "delete_page",
        "bulk_delete_page",
    ],
    # wagtail-localize creates translated pages without asking for "add": editing them is enough.
    TRANSLATORS: ["change_page"],
}
COLLECTION_PERMISSIONS = {
    # "add" alone: Wagtail lets uploaders edit and delete their own files, and "change" would let
    # an Editor delete anybody's (Wagtail treats delete as change for images and documents).
    EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
    MODERATORS: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],  # fmt: skip
    TRANSLATORS: ["choose_image", "choose_document"],
}
MODEL_PERMISSIONS = {
    # Themes, districts, contacts and award criteria have no drafts: whoever may change them publishes. Editors choose
    # them in pages (choosers need no permission) and ask a Moderator for a new one.
    EDITORS: [
        "wagtailadmin.access_admin",
    ],  # fmt: skip
    MODERATORS: [
        "wagtailadmin.access_admin",
        "projects.add_theme",
        "projects.change_theme",
        "projects.delete_theme",
        "projects.add_district",
        "projects.change_district",
        "projects.delete_district",
        "home.add_contact",
        "home.change_contact",
        "home.delete_contact",
        "home.change_sitesettings",
        "home.add_awardcriterion",
        "home.change_awardcriterion",
        "home.delete_awardcriterion",
    ],  # fmt: skip
    TRANSLATORS: [
        "wagtailadmin.access_admin",
        "projects.change_theme",
        "projects.change_district",
        "home.change_contact",
        "home.change_awardcriterion",
    ],  # fmt: skip
}
# Starting a translation and "Sync translated pages" need submit_translation, and the sync can publish
# every translation of a page at once: only Moderators may. Translators need no more than "change"
# on the translated pages to write in the translation editor, which lets only publishers publish.
LOCALIZE_PERMISSIONS = {
    MODERATORS: ["wagtail_localize.submit_translation"],
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class Command(BaseCommand):
    help = "Create or complete the Editors, Moderators and Translators groups and the moderation workflow."

    @transaction.atomic
    def handle(self, *args, **options):
        root = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
        model_permissions = {name: list(perms) for name, perms in MODEL_PERMISSIONS.items()}
        if apps.is_installed("wagtail_localize"):
            for name, perms in LOCALIZE_PERMISSIONS.items():
                model_permissions[name] += perms

        groups = {}
        for name in (EDITORS, MODERATORS, TRANSLATORS):
            group, _ = Group.objects.get_or_create(name=name)
            groups[name] = group
            group.permissions.add(*[_permission(p) for p in model_permissions[name]])
            if apps.is_installed("wagtail_localize") and name not in LOCALIZE_PERMISSIONS:
                group.permissions.remove(_permission("wagtail_localize.submit_translation"))
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission(f"wagtailcore.{codename}")
                )
            collection_permissions = [
                _permission(f"{'wagtailimages' if codename.endswith('_image') else 'wagtaildocs'}.{codename}")
                for codename in COLLECTION_PERMISSIONS[name]
            ]
            GroupCollectionPermission.objects.filter(
                group=group,
                collection=root_collection,
                permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
            ).exclude(permission__in=collection_permissions).delete()
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.add(groups[MODERATORS])
        if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
        # The workflow sits on the root page, so every page in every language goes through it.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

        self.stdout.write(
            f"Editorial groups ready: {', '.join(groups)}; workflow '{workflow.name}' covers the whole tree."
        )
