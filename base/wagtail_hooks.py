"""The admin of what base holds (contacts), and the hooks that keep pages and the admin in their language."""

import copy
from urllib.parse import quote as quote_url

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.version import get_main_version

from . import rich_text_links
from .languages import LanguageLimitedIndexView
from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    index_view_class = LanguageLimitedIndexView
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "email", "phone", "is_press"]
    list_filter = ["is_press"]  # the language filter is Wagtail's own (by language code)
    # No search_fields here: the box searches Contact's own index (its search_fields, name and role). Naming fields
    # on the view made Wagtail pass them to the search backend, and SQLite's full-text index (make run) has no
    # column per field: "no such column: name" on every search.


register_snippet(ContactViewSet)


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """Send a page reached under another language's prefix to its own address.

    Wagtail routes /en/… through the Italian tree when an English page is missing, which would
    serve Italian text inside <html lang="en"> (screen readers then mispronounce it) and publish
    the same page under two addresses. The page's own URL carries its language's prefix, and keeps
    whatever followed the page in the path (a route of a routable page: /en/notizie/feed/rss/ goes to
    /notizie/feed/rss/, not /notizie/) and the query string.
    """
    language = translation.get_language()
    # An embargoed release answers its own 404 (NewsPage.serve), never a redirect that would confirm its slug.
    if page.locale.language_code != language and not getattr(page, "is_embargoed", False):
        components = [component for component in request.path_info.split("/") if component]
        if language != settings.LANGUAGE_CODE:
            components = components[1:]  # the prefix of the language the path was read in
        # One component per level below the home page reached the page; the rest is the page's own route.
        rest = "".join(f"{quote_url(component)}/" for component in components[page.depth - 2 :])
        query = request.META.get("QUERY_STRING", "")
        return redirect(page.get_url(request) + rest + (f"?{query}" if query else ""))
    return None


# Menu items that Wagtail and wagtail-localize label once, in the language of the first request after
# start-up (translated with gettext, not gettext_lazy): from then on every user saw that language.
# Relabelled for each request here, with the libraries' own messages and translations. The report is
# found by its address: its name, too, is made from the label of that first request.
_WAGTAIL_VERSION = get_main_version(include_patch=False)


def _menu_label(item):
    if item.url == reverse("wagtail_localize:translations_report"):
        return translation.gettext("Translations")
    if item.name == f"whats-new-in-wagtail-{_WAGTAIL_VERSION}":
        return translation.gettext("What's new in Wagtail %(version)s") % {"version": _WAGTAIL_VERSION}
    return None


def _label_in_the_users_language(request, menu_items):
    for index, item in enumerate(menu_items):
        label = _menu_label(item)
        if label is not None:
            item = menu_items[index] = copy.copy(item)  # the registered item is shared by every request
            item.label = label


hooks.register("construct_reports_menu", _label_in_the_users_language)
hooks.register("construct_help_menu", _label_in_the_users_language)


# After Wagtail's own link types and their editor rules (order 0), which they replace.
@hooks.register("register_rich_text_features", order=1)
def register_checked_links(features):
    rich_text_links.register(features)
