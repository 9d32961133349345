"""The editorial rules the admin enforces: who may change, delete and publish what.

- Translators change snippets only in the languages they translate (``translators.py``): create, edit,
  revert, delete and bulk actions in any other language are refused with a message.
- Pressing "Publish" without the right to publish says that the page was saved as a draft.
- Deleting a page is for Moderators, except an Editor's own page never published.
- Publishing in bulk publishes only what the page editor would publish (``publishable.py``).

The page editor's stale-form guard and the translation editor's checks are views mounted over Wagtail's and
wagtail-localize's own addresses (``urls.py``).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permissions import page_permission_policy

from . import translation_guards, translators
from .dashboard import EditorsDashboardPanel, is_editor
from .guide import guide_view
from .publishable import why_not_publishable
from .reports import EvidenceHealthView


@hooks.register("refused_locale_ids")
def translators_change_only_what_they_translate(user):
    """The snippet listings (base.languages.LanguageLimitedIndexView) offer no edit link where this refuses."""
    return [Locale.get_default().pk] if translators.is_limited_translator(user) else []


def _refuse_language(request, instances, model):
    """Back to the snippet listing in the refused language, with a message saying why."""
    messages.error(request, translators.refusal_message(instances))
    url = reverse(model.snippet_viewset.get_url_name("list"))
    return redirect(f"{url}?locale={Locale.get_default().language_code}")


@hooks.register("before_edit_snippet")
def edit_only_the_languages_translated(request, instance):
    """Translators change snippets only in the languages they translate (editorial/translators.py).

    Runs for the edit form and for restoring a revision (Wagtail's revert view is an edit view), on GET
    too, so that a Translator is not given a form that could not be saved.
    """
    if refused := translators.refused(request.user, [instance]):
        return _refuse_language(request, refused, type(instance))
    return None


@hooks.register("before_create_snippet")
def create_only_in_the_languages_translated(request, model):
    if not issubclass(model, TranslatableMixin):
        return None
    code = request.GET.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_default()
    if locale is not None and translators.refused_locale(request.user, locale):
        return _refuse_language(request, [model._meta.verbose_name], model)
    return None


@hooks.register("before_delete_snippet")
def delete_only_in_the_languages_translated(request, instances):
    if refused := translators.refused(request.user, instances):
        return _refuse_language(request, refused, type(refused[0]))
    return None


@hooks.register("before_bulk_action")
def bulk_actions_only_in_the_languages_translated(request, action_type, objects, action_class_instance):
    if any(isinstance(obj, Page) for obj in objects):
        return None
    if refused := translators.refused(request.user, objects):
        return _refuse_language(request, refused, type(refused[0]))
    return None


def _explain_refused_publish(request, page):
    """Tell someone who pressed "Publish" without the right to publish that the page was saved as a draft.

    Wagtail never publishes for them: the publish button is not shown, and a submitted
    "action-publish" is quietly treated as "Save draft". Quietly is the problem: the editor
    could believe the page is live. The page editor returns after this message.
    """
    refused = request.method == "POST" and request.POST.get("action-publish")
    if refused and not page.permissions_for_user(request.user).can_publish():
        messages.warning(
            request,
            _(
                "You cannot publish pages, so your changes to “%(title)s” have been saved as a draft and "
                "nothing has changed on the public site. Use “Submit to Moderators approval” to send them "
                "to a Moderator, who will publish them."
            )
            % {"title": page.get_admin_display_title()},
        )


hooks.register("after_create_page", _explain_refused_publish)
hooks.register("after_edit_page", _explain_refused_publish)


def _may_delete(user, page):
    """Whether ``user`` may delete ``page`` and the pages below it.

    Wagtail lets anyone who may edit a page delete it while it is not live: an Editor could delete a
    colleague's draft, a Translator a translation in progress, and every version of it with the page.
    Here deleting is for those with the "delete" right (Moderators); Editors may still delete pages
    they created themselves that have never been published, such as a page started by mistake.
    """
    if user.is_superuser or "delete" in page.permissions_for_user(user).permissions:
        return True
    pages = page.get_descendants(inclusive=True)
    return not pages.exclude(owner=user, first_published_at__isnull=True).exists()


def _refuse_delete(request, pages):
    messages.error(
        request,
        _(
            "Nothing has been deleted: only Moderators may delete %(pages)s. You may delete only pages you "
            "created and that have never been published."
        )
        % {"pages": ", ".join(f"“{page.get_admin_display_title()}”" for page in pages)},
    )


@hooks.register("before_delete_page")
def keep_other_peoples_pages(request, page):
    if _may_delete(request.user, page):
        return None
    _refuse_delete(request, [page])
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_other_peoples_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    refused = [page for page in objects if not _may_delete(request.user, page)]
    if not refused:
        return None
    _refuse_delete(request, refused)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


@hooks.register("before_bulk_action")
def publish_in_bulk_only_what_the_editor_would(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not all(isinstance(obj, Page) for obj in objects):
        return None
    problems = {page: why for page in objects if (why := why_not_publishable(page.specific))}
    if not problems:
        return None
    messages.error(
        request,
        _("Nothing has been published. Open each page, correct it and publish it from the editor: %(pages)s")
        % {"pages": " · ".join(f"“{page.get_admin_display_title()}”: {why}" for page, why in problems.items())},
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


# "Publish" in wagtail-localize's translation editor: checked before wagtail-localize's own hook publishes.
hooks.register("before_edit_page", translation_guards.check_translation_before_publishing, order=-1)


# --- the evidence health report, the editors' dashboard and the guide ---------------------------


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [
        path("reports/evidence-health/", EvidenceHealthView.as_view(), name="evidence_health"),
        path(
            "reports/evidence-health/results/",
            EvidenceHealthView.as_view(results_only=True),
            name="evidence_health_results",
        ),
        path("guide/", guide_view, name="editors_guide"),
        path("guide/<str:language>/", guide_view, name="editors_guide_in"),
    ]


class EvidenceHealthMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def evidence_health_menu_item():
    return EvidenceHealthMenuItem(
        _("Evidence health"), reverse("evidence_health"), name="evidence-health", icon_name="pick", order=1150
    )


@hooks.register("construct_homepage_panels")
def editors_dashboard(request, panels):
    if is_editor(request.user):
        panels.insert(0, EditorsDashboardPanel(request))


@hooks.register("register_help_menu_item")
def editors_guide_menu_item():
    return MenuItem(_("Editors' guide"), reverse("editors_guide"), name="editors-guide", icon_name="help", order=50)
