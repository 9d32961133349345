"""The admin of early access: the recipients (a moderated snippet), the openings (Moderators, with CSV
export), the "Early access" button of embargoed releases and draft dossiers, and the audit log's actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from base.spreadsheets import spreadsheet_safe

from . import admin_views
from .models import Opening, Recipient, subject_of


class RecipientViewSet(SnippetViewSet):
    model = Recipient
    icon = "key"
    menu_label = _("Early-access recipients")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "organisation", "email", "language", "kind", "active"]
    list_filter = ["kind", "language", "active"]
    search_fields = ["name", "organisation", "email"]
    search_backend_name = None  # a few hundred people at most: the database's own search


register_snippet(RecipientViewSet)


class OpeningIndexView(IndexView):
    # The names and organisations are typed by Editors: a CSV cell such as "=HYPERLINK(...)" must open as text.
    # (Wagtail's XLSX export already writes formulas as text.)
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: spreadsheet_safe},
    }


class OpeningViewSet(ModelViewSet):
    """Who opened what, when and in which language: read-only (nobody has add, change or delete), exportable."""

    model = Opening
    index_view_class = OpeningIndexView
    icon = "history"
    menu_label = _("Early-access openings")
    menu_order = 311
    add_to_admin_menu = True
    list_display = ["opened_at", "recipient_name", "recipient_organisation", "page_title", "language", "what"]
    list_filter = ["what", "language", "opened_at"]
    list_export = [
        "opened_at",
        "recipient_name",
        "recipient_organisation",
        "recipient_email",
        "page_title",
        "language",
        "what",
    ]
    export_filename = "early-access-openings"
    search_fields = ["recipient_name", "recipient_organisation", "recipient_email", "page_title"]
    search_backend_name = None
    inspect_view_enabled = True
    # Wagtail requires a form; nobody may add or change an opening (no group has those rights).
    exclude_form_fields = []


@hooks.register("register_admin_viewset")
def register_openings():
    return OpeningViewSet("earlyaccess_openings", url_prefix="early-access/openings")


@hooks.register("register_admin_urls")
def register_grant_urls():
    urls = [
        path("page/<int:page_id>/", admin_views.page_grants, name="page"),
        path("page/<int:page_id>/revoke-all/", admin_views.revoke_all, name="revoke_all"),
        path("grant/<int:pk>/revoke/", admin_views.revoke, name="revoke"),
        path("grant/<int:pk>/new-link/", admin_views.new_link, name="new_link"),
    ]
    return [path("early-access/", include((urls, "earlyaccess_admin")))]


@hooks.register("register_page_header_buttons")
def early_access_button(page, user, view_name, next_url=None):
    """On an embargoed press release or a draft dossier, for those who may give access (Moderators)."""
    if user.has_perm(admin_views.GRANT_PERMISSION) and subject_of(page) is not None:
        yield Button(
            _("Early access"),
            reverse("earlyaccess_admin:page", args=[page.pk]),
            icon_name="key",
            priority=66,
        )


def _formatter(label, message):
    class Formatter(LogFormatter):
        def format_message(self, log_entry):
            # Only the grant's number is read from the entry: entries written before the recipient was left out
            # (name, organisation, e-mail in their data, in a database made before) say no more than new ones.
            # Whoever may edit the page reads its history, not only Moderators.
            number = (log_entry.data or {}).get("grant")
            if not isinstance(number, int):
                return str(message)
            return _("%(message)s (link no. %(number)d)") % {"message": message, "number": number}

    Formatter.label = label
    return Formatter


@hooks.register("register_log_actions")
def register_early_access_actions(actions):
    for action, label, message in (
        ("earlyaccess.grant", _("Give early access"), _("Early access given to one recipient")),
        ("earlyaccess.send", _("Send early-access link"), _("Early-access link e-mailed to its recipient")),
        ("earlyaccess.new_link", _("Replace early-access link"), _("Early-access link replaced")),
        ("earlyaccess.revoke", _("Revoke early access"), _("Early access revoked for one recipient")),
    ):
        actions.register_action(action)(_formatter(label, message))
