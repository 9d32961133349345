"""Create the editorial roles and the moderation workflow, idempotently.

- **Editors** write: they create and edit pages in both languages and submit them for moderation.
  They cannot publish. They may also propose new or changed themes, districts, contacts and award
  criteria: saved as drafts and submitted, like pages.
- **Moderators** approve and publish: they publish, unpublish, lock, delete and move pages and
  snippets, approve or reject what is submitted, manage the site settings (they alone: what every
  page's footer and head say), and start and synchronise translations.
- **Translators** translate: they write the translations a Moderator has started, in
  wagtail-localize's translation editor; they edit existing pages but cannot create or publish
  them, and they change themes, districts, contacts and award criteria in the languages they
  translate only (every language but Italian: editorial/translators.py), as drafts a Moderator approves.

The "Moderators approval" workflow covers every page (it sits on the root page) and the four
snippets above (Theme, District, Contact, AwardCriterion, by content type): a change to any of them
reaches readers only once a Moderator publishes or approves it.

Safe to run on every deploy: it adds what is missing and never removes rights someone granted, with
three exceptions, all about rights that would let someone but a Moderator change what readers see:

- Wagtail's migrations create "Editors" and "Moderators" groups that may change and delete every
  image and document, so on the root collection each group's image and document rights are set to
  exactly the list below;
- wagtail-localize's migrations give "Editors" the right to submit translations, which includes
  "Sync translated pages" and its "publish" option: it is taken from every group but Moderators;
- the site settings have no drafts (Wagtail's BaseSiteSetting), so a change is public at once: the
  right to change them is taken from Editors and Translators.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
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
# Snippets that readers see, with drafts and the moderation workflow: whoever may not publish them
# saves a draft and submits it to a Moderator.
MODERATED_SNIPPETS = ["projects.theme", "projects.district", "base.contact", "candidacy.awardcriterion"]
# Early-access recipients (earlyaccess): moderated like the snippets above, but personal data that readers
# never see: Editors propose, Moderators approve and alone give, send and revoke links and read who opened
# them; Translators have no right to them at all.
EARLY_ACCESS_RECIPIENTS = "earlyaccess.recipient"
EARLY_ACCESS_MODERATORS = ["earlyaccess.add_grant", "earlyaccess.change_grant", "earlyaccess.view_opening"]


def _snippet_permissions(*actions):
    return [
        f"{app}.{action}_{model}" for app, model in (s.split(".") for s in MODERATED_SNIPPETS) for action in actions
    ]


MODEL_PERMISSIONS = {
    # Editors choose snippets in pages (choosers need no permission) and propose new or changed ones.
    EDITORS: [
        "wagtailadmin.access_admin",
        *_snippet_permissions("add", "change"),
        "earlyaccess.add_recipient",
        "earlyaccess.change_recipient",
    ],
    MODERATORS: [
        "wagtailadmin.access_admin",
        *_snippet_permissions("add", "change", "delete", "publish", "lock", "unlock"),
        "base.change_sitesettings",
        *[f"earlyaccess.{action}_recipient" for action in ("add", "change", "delete", "publish", "lock", "unlock")],
        *EARLY_ACCESS_MODERATORS,
    ],
    # Only in the languages they translate: refused elsewhere by editorial/wagtail_hooks.py.
    TRANSLATORS: ["wagtailadmin.access_admin", *_snippet_permissions("change")],
}
# Rights taken from these groups on every run (see the docstring).
REVOKED_PERMISSIONS = {
    EDITORS: ["base.change_sitesettings"],
    TRANSLATORS: ["base.change_sitesettings"],
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
            group.permissions.remove(*[_permission(p) for p in REVOKED_PERMISSIONS.get(name, [])])
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
        for dotted in [*MODERATED_SNIPPETS, EARLY_ACCESS_RECIPIENTS]:
            content_type = ContentType.objects.get_for_model(apps.get_model(dotted), for_concrete_model=False)
            WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})

        self.stdout.write(
            f"Editorial groups ready: {', '.join(groups)}; workflow '{workflow.name}' covers the whole tree "
            f"and {len(MODERATED_SNIPPETS) + 1} snippet models."
        )
