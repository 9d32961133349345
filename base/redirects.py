"""Redirects (``wagtail.contrib.redirects``) that never lead a reader to a page readers may not see.

Wagtail makes a redirect whenever a page's slug changes or it is moved (``WAGTAILREDIRECTS_AUTO_CREATE``), for the
page and every page below it, and editors make their own. Wagtail's middleware answers a 404 whose address has
one with a 301 or 302 to the redirect's page, without asking whether the reader may see that page. A release
under embargo answers 404 (``NewsPage.serve``), so its old address, or an editor's short address for it, answered
with its new address, where an address that leads nowhere answers 404: its slug, and that it exists, were told.

Here a redirect is followed only when its page is live, hidden by no feature (``base.visibility.visible_pages``:
the news hides releases under embargo, in every language, and their aliases, whose embargo follows the release's,
through its ``hide_from_public`` hook) and outside private sections (``base.models.public_pages``: a page with a
view restriction, or under one, or an alias of such a page). Otherwise the 404 the page view answered is returned
as it is: the very answer of an address that leads nowhere (same status, headers and body, from the one
``handler404``). Editors who may edit the page see it on the site, so they are still sent to it, with an answer no
cache keeps; so are the readers a private page's restrictions let in (logged in, in the groups, or who gave its
password). Anyone else gets the 404, not the login or password page Wagtail shows at the page itself: the
redirect's target, the private page's address, is what would be told. When the embargo ends the redirect is
followed again, at the next request: the 404 is kept by no cache. A redirect followed is shared like a page, for as
long (a minute), never for ever as browsers keep a 301 that says nothing.

Like Wagtail's, the middleware acts on 404s only, so every other answer costs nothing; a 404 with a redirect to a
page costs one query more, to ask whether readers may see it.
"""

from urllib.parse import urlparse

from django import http
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.encoding import escape_uri_path, iri_to_uri
from wagtail.contrib.redirects import middleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from base.models import private_pages_exists, view_restrictions
from base.visibility import visible_pages

# Where the page cache keeps the query string the reader sent when it drops parameters no page reads
# (config/page_cache.py): an old address may have any of them.
ORIGINAL_QUERY_STRING = "ORIGINAL_QUERY_STRING"


def original_full_path(request):
    """``request.get_full_path()`` with the query string the reader sent, the parameters no page reads included."""
    query = request.META.get(ORIGINAL_QUERY_STRING, request.META.get("QUERY_STRING", ""))
    return escape_uri_path(request.path) + (f"?{iri_to_uri(query)}" if query else "")


def find_redirect(request):
    """The redirect for the address asked for, with its query string, else without it (as Wagtail's middleware)."""
    # With the query string the reader sent, not the one the page cache left. Normalised without decoding unicode
    # characters: get_redirect() tries the decoded form, then this one.
    path = Redirect.normalise_path(original_full_path(request), decode_unicode=False)
    redirect = middleware.get_redirect(request, path)
    if redirect is None:
        path_without_query = urlparse(path).path
        if path_without_query != path:
            redirect = middleware.get_redirect(request, path_without_query)
    return redirect


PUBLIC, PRIVATE = "public", "private"


def readers_may_see(page):
    """Who may see ``page``, in one query: ``PUBLIC`` (live, hidden by no feature, outside private sections),
    ``PRIVATE`` (the same, but in a private section: only the readers its restrictions let in), else None."""
    pages = visible_pages(Page.objects.filter(pk=page.pk, live=True)).annotate(private=private_pages_exists())
    private = pages.values_list("private", flat=True).first()
    return None if private is None else PRIVATE if private else PUBLIC


def passes_restrictions(request, page):
    """Whether this request passes every view restriction of ``page``, as Wagtail asks before serving it."""
    return all(restriction.accept_request(request) for restriction in view_restrictions(page))


def may_edit(request, page):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and page.permissions_for_user(user).can_edit()


class RedirectMiddleware(middleware.RedirectMiddleware):
    """Wagtail's redirect middleware, but a redirect to a page hidden from this reader answers the 404 unchanged."""

    def process_response(self, request, response):
        # Only an address that leads nowhere can be redirected: any other answer costs nothing.
        if response.status_code != 404:
            return response
        redirect = find_redirect(request)
        if redirect is None:
            return response
        for_editor_only = False
        if redirect.redirect_page_id is not None:
            page = redirect.redirect_page
            seen_by = readers_may_see(page)
            if seen_by != PUBLIC:
                let_in = seen_by == PRIVATE and passes_restrictions(request, page)
                if not let_in and not may_edit(request, page):
                    return response  # the 404 of an address that leads nowhere, whole
                for_editor_only = True
        link = redirect.link
        if link is None:
            return response
        redirected = (http.HttpResponsePermanentRedirect if redirect.is_permanent else http.HttpResponseRedirect)(link)
        if for_editor_only:
            # What an editor, or a reader a private page lets in, is shown of a hidden page is never kept, by a
            # browser or a shared cache: a 301 would otherwise be remembered by the browser, for whoever uses it next.
            add_never_cache_headers(redirected)
        else:
            # A 301 that says nothing is kept by browsers for ever: a redirect edited or deleted, or a page back at
            # the address, would never reach who followed it. A reader's redirect is public for as long as a page
            # (README, "Caching"); the page cache keeps it as a page, capped at the next embargo end.
            patch_cache_control(
                redirected,
                public=True,
                max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
                s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
            )
        return redirected
