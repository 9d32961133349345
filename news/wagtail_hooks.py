"""Hooks of the news: a release under embargo is named by no link, menu or breadcrumb, nor by its address."""

from django.contrib import messages
from django.http import Http404
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .embargo import hide_embargoed
from .models import NewsPage
from .release_documents import document_hidden

# Menus, breadcrumbs, language and footer links and rich-text page links (base/visibility.py, base/rich_text_links.py)
# name no release under embargo.
hooks.register("hide_from_public", hide_embargoed)


# Before Wagtail's own checks (order 0, and its view restrictions, an ``on_serve_page`` hook that runs after every
# ``before_serve_page`` one): a password form or a login redirect for a release under embargo would confirm its
# slug where a missing one answers 404.
@hooks.register("before_serve_page", order=-1)
def embargo_before_view_restrictions(page, request, serve_args, serve_kwargs):
    if issubclass(page.specific_class or type(page), NewsPage) and page.specific.hidden_from(request):
        raise Http404
    return None


# /documents/<id>/<filename> (Wagtail's serve view): a document used by a release under embargo (a rich-text link,
# its media kit), in any language, in any of its versions (published, a draft, in moderation, scheduled, an older one
# a later version replaced, or what an autosave overwrote: news/release_documents.py writes each save's documents
# down), and by nothing readers may see (a page, a snippet), answers as a missing document does, the same Http404 and
# handler404, until the embargo ends; earlyaccess/ serves it under a token meanwhile.
# Editors with admin access still get it. The permission is asked only for a hidden document. After Wagtail's
# collection view restrictions (order 0): a document in a restricted collection keeps the sign-in answer every
# document there gets, which names no release (tests/earlyaccess/test_documents.py).
@hooks.register("before_serve_document", order=1)
def embargo_before_serve_document(document, request):
    if document_hidden(document) and not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404
    return None


# The copy view says "copied" and, when "publish copies" was ticked, an editor would expect the copy live: say why it
# is not (news/embargo.py ``keep_copy_unpublished``) and what to do.
@hooks.register("after_copy_page")
def say_a_copy_of_a_release_under_embargo_is_unpublished(request, page, new_page):
    if getattr(new_page, "_kept_unpublished", False):
        messages.warning(
            request,
            _(
                "The copy of a release under embargo was kept unpublished: it is a new release, with its own "
                "embargo. Check its embargo before publishing it."
            ),
        )


# A version made before the release's embargo last changed was published (a schedule, a bulk action, an approval, the
# translation editor): its embargo was left aside (news/embargo.py ``apply``), and the page's history says so to
# whoever published it, since nothing else would.
@hooks.register("register_log_actions")
def register_embargo_kept(actions):
    @actions.register_action("news.embargo_kept")
    class EmbargoKept(LogFormatter):
        label = gettext_lazy("Keep the release's embargo")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _(
                "Embargo kept at %(kept)s: the version published had %(version)s, set before the release's "
                "embargo last changed"
            ) % {"kept": _when(data.get("kept")), "version": _when(data.get("version"))}


def _when(value):
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        return _("none")
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
