"""Views of the site that are not pages."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import defaults


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's 403 page in the visitor's language.

    Django's own page is plain English for developers. The middleware logs ``reason``; the reader is not shown it.
    """
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def page_not_found(request, exception=None):
    """Every 404 of the site (``handler404``): Django's page, the same headers whatever was not found.

    A news item under embargo raises the same Http404 as an address that does not exist (news/embargo.py), so
    nothing may tell the two apart: the session is read on every 404 (as the embargo check reads it, to let the
    page's editors in), so ``Vary: Cookie`` and any session cookie handling are the same, and no 404 is kept by
    a cache (an embargoed page's 404 must not outlive the embargo, so no other 404 may be cached either).
    """
    if getattr(request, "user", None) is not None:
        request.user.is_authenticated  # noqa: B018 (read for its side effect: the session is loaded)
    response = defaults.page_not_found(request, exception)
    add_never_cache_headers(response)
    return response
