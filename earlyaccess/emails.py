"""The e-mail that carries a recipient's personal link, in the recipient's language (Django's mail framework)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from base.models import SiteSettings
from base.site_url import site_root_url


def link_url(request, token):
    """The personal link, absolute on the site's public address (it opens in the recipient's language)."""
    return site_root_url(request) + reverse("earlyaccess:open", kwargs={"token": token})


def send_link(request, grant, token):
    """Send ``grant``'s link (with its ``token``, known only now) to its recipient, and note when."""
    recipient = grant.recipient
    # The title as the recipient will first see it: their language's version where there is one.
    page = (
        Page.objects.filter(translation_key=grant.translation_key, locale__language_code=recipient.language).first()
        or grant.page
    ).specific
    context = {
        "recipient": recipient,
        "subject": grant.subject,
        "title": page.title,
        "embargo_until": getattr(page, "release_embargo_until", None),
        "expires_at": grant.expires_at,
        "url": link_url(request, token),
    }
    # The sender as the site settings name it in the recipient's language (README "Site settings").
    texts = SiteSettings.for_request(request).text(recipient.language)
    context["organisation"] = texts.organisation_name if texts is not None else ""
    with translation.override(recipient.language):
        subject = " ".join(render_to_string("earlyaccess/email/link_subject.txt", context).split())
        body = render_to_string("earlyaccess/email/link_body.txt", context)
    # EARLY_ACCESS_FROM_EMAIL (e.g. the press office's address) if set, else Django's DEFAULT_FROM_EMAIL.
    send_mail(subject, body, getattr(settings, "EARLY_ACCESS_FROM_EMAIL", None), [recipient.email])
    grant.last_sent_at = timezone.now()
    grant.save(update_fields=["last_sent_at"])
