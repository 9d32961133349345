"""Views of the site that are not pages."""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from .columns import fits_column
from .models import SiteSettings, view_restrictions
from .visibility import visible_pages

# How far ahead security.txt's Expires is: RFC 9116 asks for less than a year.
SECURITY_TXT_VALIDITY = datetime.timedelta(days=180)


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's 403 page in the visitor's language.

    Django's own page is plain English for developers. The middleware logs ``reason``; the reader is not shown it.
    """
    return render(request, "403.html", {"csrf_failure": True}, status=403)


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability.

    The contact is the public e-mail of the site settings (Settings → Site settings), or, while that is blank, the
    SECURITY_CONTACT setting (an address or an https:// URL, from the environment). Without either there is
    nobody to name: 404, as RFC 9116 requires a Contact. Generated on each request, so Expires (which must be less
    than a year away) never lapses.
    """
    email = SiteSettings.for_request(request).email or settings.SECURITY_CONTACT
    if not email:
        raise Http404("No security contact is configured.")
    contact = email if email.startswith("https://") else f"mailto:{email}"
    expires = (timezone.now() + SECURITY_TXT_VALIDITY).replace(hour=0, minute=0, second=0, microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(datetime.UTC):%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: it, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for a page under a password restriction, at Wagtail's own address (config/urls.py).

    Wagtail's view looks the restriction and the page up each on its own: any password restriction's id with any
    page's id gave the form (200), an id naming no page a 404, so anyone could tell which page ids exist, unpublished
    and embargoed pages included. The form belongs to the pages the restriction applies to (``view_restrictions``:
    the restriction's page, the pages below it, and their aliases, which show their content): for any other page
    id, existing or not, and for a restriction that asks no password, the answer is the 404 of an unknown address.
    """
    # Ids past the integer columns (SQLite's OverflowError): no such page either.
    fit = fits_column(Page._meta.pk, page_id) and fits_column(PageViewRestriction._meta.pk, page_view_restriction_id)
    # Only a page the restriction's password would open: live and hidden by no feature (a draft's or an embargoed
    # release's id under a password section answered 200 too).
    page = visible_pages(Page.objects.live().filter(pk=page_id)).first() if fit else None
    if (
        page is None
        or not view_restrictions(page)
        .filter(pk=page_view_restriction_id, restriction_type=PageViewRestriction.PASSWORD)
        .exists()
    ):
        raise Http404
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
