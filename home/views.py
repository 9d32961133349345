"""Views of the site that are not pages."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's 403 page in the visitor's language.

    Django's own page is plain English for developers. The middleware logs ``reason``; the reader is not shown it.
    """
    return render(request, "403.html", {"csrf_failure": True}, status=403)
