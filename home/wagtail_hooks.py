from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AwardCriterion, Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "email", "phone", "is_press"]
    list_filter = ["is_press", "locale"]
    search_fields = ["name", "role"]


register_snippet(ContactViewSet)


class AwardCriterionViewSet(SnippetViewSet):
    """The criteria of each award edition: what the candidacy dossiers are organised by."""

    model = AwardCriterion
    icon = "list-ol"
    menu_label = _("Award criteria")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["name", "edition", "order", "code"]
    list_filter = ["edition", "locale"]
    search_fields = ["name", "description", "code"]
    ordering = ["-edition", "order", "code"]


register_snippet(AwardCriterionViewSet)


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """Send a page reached under another language's prefix to its own address.

    Wagtail routes /en/… through the Italian tree when an English page is missing, which would
    serve Italian text inside <html lang="en"> (screen readers then mispronounce it) and publish
    the same page under two addresses. The page's own URL carries its language's prefix.
    """
    if page.locale.language_code != translation.get_language():
        query = request.META.get("QUERY_STRING", "")
        return redirect(page.get_url(request) + (f"?{query}" if query else ""))
    return None
