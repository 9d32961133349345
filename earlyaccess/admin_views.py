"""Moderators give, send and revoke early access from a page's admin (its header's "Early access" button).

A link's token exists only in the answer that creates it (shown once, to copy) and in the e-mail sent then:
the database keeps its digest. "Send a new link" therefore replaces the link (the old one stops working).
Every grant, revocation and sending is in Wagtail's audit log of the page (its History, and Reports › Site
history) without the recipient: whoever may edit the page reads its history (Editors, Translators), and who holds
an embargoed release is for those who may give access. The entry names the link by its number instead; the list
of the links given (``page_grants``, Moderators only) says whose it is, who gave and who revoked it.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Page

from .emails import link_url, send_link
from .forms import GrantForm
from .models import Grant, subject_of

GRANT_PERMISSION = "earlyaccess.add_grant"


def _check(request):
    if not request.user.has_perm(GRANT_PERMISSION):
        raise PermissionDenied


def _log(grant, action, user, **extra):
    # Nothing about the recipient (name, organisation, e-mail): the page's history is read by everyone who may
    # edit the page. The grant's number leads a Moderator to the named record in the list of the links given.
    data = {"grant": grant.pk, **extra}
    # One entry per recipient in the page's history: Wagtail's history keeps only the latest entry of each
    # action per uuid, and the entries of one request share it unless told otherwise.
    log(instance=grant.page.specific, action=action, user=user, data=data, uuid=uuid.uuid4())


def _release_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    subject = subject_of(page)
    return page, subject


def page_grants(request, page_id):
    """The page's grants (every language) and the form to give more: what "Early access" opens."""
    _check(request)
    page, subject = _release_page(page_id)
    form, issued = None, []
    if subject is not None:
        form = GrantForm(request.POST or None, page=page, subject=subject)
        if request.method == "POST" and form.is_valid():
            issued = _grant(request, page, subject, form.cleaned_data)
            form = GrantForm(page=page, subject=subject)
    context = {
        "page": page,
        "subject": subject,
        "grants": _grants(page),
        "form": form,
        "issued": issued,
        "now": timezone.now(),
    }
    return TemplateResponse(request, "earlyaccess/admin/page_grants.html", context)


def _grants(page):
    """The page's grants (every language), each with ``versions``: what its recipient reads of each translation."""
    grants = list(
        Grant.objects.for_release(page)
        .select_related("recipient", "page", "page__locale", "created_by", "revoked_by")
        .prefetch_related("revisions__user")
    )
    translations = (
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale", "live_revision__user")
        .order_by("locale__language_code")
    )
    for grant in grants:
        grant.versions = grant.versions_read(translations)
    return grants


def _grant(request, page, subject, data):
    """Create one grant per recipient; returns [(grant, link)] to show once."""
    issued = []
    with transaction.atomic():
        for recipient in data["recipients"]:
            grant = Grant(
                recipient=recipient,
                page=page,
                translation_key=page.translation_key,
                subject=subject,
                expires_at=data["expires_at"],
                created_by=request.user,
            )
            token = grant.new_token()
            grant.save()
            _log(grant, "earlyaccess.grant", request.user, until=grant.expires_at.isoformat())
            issued.append((grant, token))
    links = []
    for grant, token in issued:
        if data["send_email"]:
            send_link(request, grant, token)
            _log(grant, "earlyaccess.send", request.user)
        links.append({"grant": grant, "url": link_url(request, token), "sent": data["send_email"]})
    messages.success(
        request,
        ngettext(
            "Early access given to %(count)d recipient.", "Early access given to %(count)d recipients.", len(links)
        )
        % {"count": len(links)},
    )
    return links


@require_POST
def new_link(request, pk):
    """Replace a grant's link (the old one stops working), show it and, if asked, e-mail it."""
    _check(request)
    grant = get_object_or_404(Grant.objects.select_related("recipient"), pk=pk)
    if not grant.is_valid or subject_of(grant.page) is None:
        raise Http404("This grant can no longer be used: give a new one.")
    token = grant.new_token()
    grant.save(update_fields=["token_hash"])
    send = request.POST.get("send") == "1"
    if send:
        send_link(request, grant, token)
        _log(grant, "earlyaccess.send", request.user)
    else:
        _log(grant, "earlyaccess.new_link", request.user)
    page, subject = _release_page(grant.page_id)
    context = {
        "page": page,
        "subject": subject,
        "grants": _grants(page),
        "form": GrantForm(page=page, subject=subject),
        "issued": [{"grant": grant, "url": link_url(request, token), "sent": send}],
        "now": timezone.now(),
    }
    return TemplateResponse(request, "earlyaccess/admin/page_grants.html", context)


@require_POST
def revoke(request, pk):
    _check(request)
    grant = get_object_or_404(Grant.objects.select_related("recipient"), pk=pk)
    if not grant.is_revoked:
        grant.revoke(request.user)
        _log(grant, "earlyaccess.revoke", request.user)
        messages.success(request, _("The link of %(name)s no longer works.") % {"name": grant.recipient.name})
    return redirect(reverse("earlyaccess_admin:page", args=[grant.page_id]))


@require_POST
def revoke_all(request, page_id):
    _check(request)
    page = get_object_or_404(Page, pk=page_id)
    grants = list(Grant.objects.for_release(page).filter(revoked_at__isnull=True).select_related("recipient"))
    for grant in grants:
        grant.revoke(request.user)
        _log(grant, "earlyaccess.revoke", request.user)
    messages.success(
        request,
        ngettext("%(count)d link revoked.", "%(count)d links revoked.", len(grants)) % {"count": len(grants)},
    )
    return redirect(reverse("earlyaccess_admin:page", args=[page.pk]))
