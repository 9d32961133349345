"""Wagtail's page editor and wagtail-localize's views, with two guards added.

First, a stale form cannot silently replace a newer version. What Wagtail 7.4 does by itself when
two people edit the same page:

- every open editor pings the server (WAGTAIL_EDITING_SESSION_PING_INTERVAL) and shows who else has
  the page open and when one of them saves a newer version; with JavaScript, saving over that newer
  version first asks for confirmation;
- autosave (JSON requests) refuses to save over a newer version ("Saving will overwrite a newer
  version");
- but a plain form submission (JavaScript off or failed, or the confirmation skipped by a script)
  is saved as the latest version on top of the newer one. Nothing is deleted — the newer version
  stays in the history — but the page now shows the stale content and nobody is told.

These views close that last gap on the server, in the editor and in the form that restores an older
version. The form carries the id and time of the version that was the latest when it was opened
(Wagtail's ``loaded_revision_id`` and ``loaded_revision_created_at``);
when someone else has saved a newer version since, the submission is not saved: the form comes back
with the editor's changes in it and a message saying who saved what, when. The returned form is
marked as based on the newer version, so saving it again is a deliberate choice to replace it.
Versions the same user saved in the meantime are no conflict: Wagtail's autosave keeps the id of
the version it saves in the browser only, so the form still names the version it was opened on when
the editor then clicks "Save draft", "Publish" or "Submit", and refusing would refuse their own work.
The check and the save are one transaction with the page row locked (``SELECT … FOR UPDATE`` on PostgreSQL;
on SQLite every transaction starts with ``BEGIN IMMEDIATE``, config/settings/base.py), and the latest version
is read again once the lock is held: of several saves sent at once from the same version exactly one is
accepted, the others come back with the message. Autosave's own check (JSON requests) runs under the lock too.

Served at Wagtail's own address for the editor (editorial/urls.py), so every link to it lands here.

The second guard keeps translations in step with their original. wagtail-localize lets anyone who can
edit a translated page stop its synchronisation ("Stop synced translation") or turn it into an alias of
the original page; either one unhooks the English page from the Italian one (the location, dates and
programme are then no longer kept in step, or the English text is replaced by the Italian one). Both
are refused here to everyone who may not start and synchronise translations, i.e. all but Moderators.
"""

import datetime
from functools import wraps

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.models import Page, TaskState, WorkflowMixin, get_default_page_content_type
from wagtail.utils.timestamps import render_timestamp

from base.validators import error_messages


def form_opened_at(value):
    """The time of the version the form was opened on, as the form says it; None if it cannot be read.

    The form writes it (Wagtail's ISO timestamp), but a posted value can be anything: garbage, or well formed
    and impossible (2024-02-30, an offset of +99:00, a year the database cannot hold once converted to UTC),
    which ``parse_datetime`` and the query would answer with an exception. An unreadable value is treated
    as missing: the version is then told by ``loaded_revision_id``, and if that does not say either, the
    form counts as stale. Both are safe: the form comes back with the editor's changes in it and a message,
    and saving it again (now naming the latest version) is a deliberate choice. Reading it as "up to date"
    instead could save over someone else's newer version without a word.
    """
    try:
        opened_at = parse_datetime(value or "")
        if opened_at is None:
            return None
        if timezone.is_naive(opened_at):
            opened_at = timezone.make_aware(opened_at)
        # The query compares in UTC: a time that has none (year 1 ahead of UTC, 9999 behind it) is unreadable.
        opened_at.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return None
    return opened_at


class StaleFormGuardMixin:
    """For Wagtail's page editor and its "Review this version" form, which is the editor on an older version."""

    @cached_property
    def conflicting_revision(self):
        """The latest version someone else saved after the one the form was opened on, if any."""
        if not self.is_out_of_date:
            return None
        newer = self.page.revisions.order_by("-created_at", "-pk")
        opened_at = form_opened_at(self.request.POST.get("loaded_revision_created_at", ""))
        if opened_at is not None:
            newer = newer.filter(created_at__gt=opened_at)
        elif self.request.POST.get("loaded_revision_id", "").isdecimal():
            newer = newer.filter(pk__gt=int(self.request.POST["loaded_revision_id"]))
        # Versions saved by nobody (a scheduled publication, a translation sync) are someone else's too.
        conflict = newer.exclude(user_id=self.request.user.pk).first()
        if conflict is None and not newer.exists():
            return self.latest_revision  # out of date, but the form's version is unknown: be safe
        return conflict

    def post(self, request, *args, **kwargs):
        if self.page.alias_of_id:
            return super().post(request, *args, **kwargs)  # Wagtail refuses it (405)
        with transaction.atomic():
            self.lock_page_and_reload_latest_revision()
            if self.expects_json_response or self.conflicting_revision is None:
                return super().post(request, *args, **kwargs)
            conflict = self.conflicting_revision
        # Refused: the lock is released before the form is rendered again.
        return self.refuse_stale_form(request, conflict)

    def lock_page_and_reload_latest_revision(self):
        """Waits for any save of this page in progress, then reads its latest version as that save left it."""
        locked = Page.objects.select_for_update().only("latest_revision").get(pk=self.real_page_record.pk)
        self.latest_revision = locked.latest_revision
        # Computed from the latest version as read before the lock: forget them.
        for name in ("is_out_of_date", "latest_revision_created_at", "conflicting_revision"):
            self.__dict__.pop(name, None)

    def refuse_stale_form(self, request, conflict):
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()  # so that the returned form also shows any other problem
        messages.error(
            request,
            _(
                "%(user)s saved a newer version of this page at %(time)s, after you opened it. Your changes have "
                "not been saved: they are still in the form. Compare with the newer version in the page history, "
                "then save again if yours should replace it."
            )
            % {
                "user": get_user_display_name(conflict.user) if conflict.user else _("Someone"),
                "time": render_timestamp(conflict.created_at),
            },
        )
        self.has_unsaved_changes = True
        # Autosave would save the returned form at once, over the newer version: saving again is the editor's choice.
        self.autosave_enabled = False
        return self.render_to_response(self.get_context_data())


class EditPageView(StaleFormGuardMixin, EditView):
    pass


class RevertPageView(StaleFormGuardMixin, RevisionsRevertView):
    """ "Publish this version" / "Replace current draft" from a form opened before someone saved a newer one."""


def for_translation_managers(view):
    """A wagtail-localize view that unhooks a translation from its original, for Moderators only."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            messages.error(
                request,
                _(
                    "Only Moderators can stop a translation following its original or turn it into an alias. "
                    "Ask one if this page should no longer be kept in step with the Italian page."
                ),
            )
            return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
        return view(request, *args, **kwargs)

    return guarded


def checked_before_approval(view):
    """Wagtail's "Approve" outside the editor, refusing with a message a version that cannot be published.

    Approving publishes the submitted version as it was saved, without the editor's form: a version saved before
    a check existed (a theme's slug taken in its language) made the database refuse the save, a server error. It
    is checked first as the editor would check it (``full_clean``); if it fails, nothing is approved and the
    Moderator is sent to the editor, where the form shows what to correct.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and kwargs.get("action_name") == "approve":
            refusal = refuse_unpublishable_approval(request, kwargs.get("task_state_id"))
            if refusal is not None:
                return refusal
        return view(request, *args, **kwargs)

    return guarded


def refuse_unpublishable_approval(request, task_state_id):
    task_state = (
        TaskState.objects.filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("revision")
        .first()
    )
    if task_state is None or task_state.revision is None:
        return None  # Wagtail's view answers
    version = task_state.revision.as_object()
    if "approve" not in [action[0] for action in task_state.task.specific.get_actions(version, request.user)]:
        return None  # not theirs to approve: Wagtail's view refuses it
    try:
        version.full_clean()
    except ValidationError as error:
        messages.error(
            request,
            _(
                "“%(title)s” has not been approved: the version submitted cannot be published as it is (%(problems)s). "
                "Correct it in the editor, then approve it."
            )
            % {"title": version, "problems": " ".join(error_messages(error))},
        )
        url = AdminURLFinder(request.user).get_edit_url(version) or reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":  # the dashboard's approval dialog
            return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": url})
        return redirect(url)
    return None


def snippet_model_with_workflow(app_label, model_name):
    """The snippet model with a workflow that the address names, or 404."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if getattr(model, "snippet_viewset", None) is None or not issubclass(model, WorkflowMixin):
        raise Http404
    return model


def snippet_workflow_view(name):
    """The workflow view ``name`` of the snippet model named in the address (Wagtail's own, through its viewset)."""

    def view(request, app_label, model_name, **kwargs):
        return getattr(snippet_model_with_workflow(app_label, model_name).snippet_viewset, name)(request, **kwargs)

    return view


snippet_workflow_action = snippet_workflow_view("workflow_action_view")
snippet_collect_workflow_action_data = snippet_workflow_view("collect_workflow_action_data_view")


def on_its_own_task_state(view):
    """A workflow action at a page's or snippet's address, on a task of that page's or snippet's workflow, or 404.

    Wagtail's views (the action, and the dialog collecting its comment) read the object and the task state from
    the address each on its own, check the action against the object and perform it on the task state: "approve"
    posted at one page's address with the task state of another page, or of a snippet, approved that one (past its
    own lock), and a snippet address with an id its key cannot hold (``abc``) was a 500. A task state of another
    object, an id of the wrong kind or one naming nothing all get the 404 of an unknown task state.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if "page_id" in kwargs:
            base_content_type, object_id = get_default_page_content_type(), kwargs["page_id"]
        else:
            model = snippet_model_with_workflow(kwargs["app_label"], kwargs["model_name"])
            try:
                object_id = model._meta.pk.to_python(unquote(kwargs["pk"]))
            except ValidationError:
                raise Http404 from None
            base_content_type = model.get_base_content_type()
        own = TaskState.objects.filter(
            pk=kwargs["task_state_id"],
            workflow_state__base_content_type=base_content_type,
            workflow_state__object_id=str(object_id),
        )
        if not own.exists():
            raise Http404
        return view(request, *args, **kwargs)

    return guarded
