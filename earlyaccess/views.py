"""What a recipient's personal link opens: the page as the public will see it, with a banner, never cached.

Every answer that is not the content is the site's own 404, raised as ``Http404`` like any unknown address
(``base.views.page_not_found``), so an unknown, expired or revoked token, a token for the wrong page type
or a language the page is not in cannot be told from a mistyped address. Once the release's embargo is over
(or the dossier published as it is) the link leads to the public page.

The page is rendered by its own ``get_template``/``get_context``, as ``Page.serve`` does (``NewsPage.serve``
itself answers 404 under embargo, which is the point of it), in the page's language.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from wagtail.models import Page

from base.site_url import site_root_url
from base.templatetags import navigation_tags
from candidacy import dossier_pdf

from . import throttle
from .models import Grant, Opening, subject_model, subject_of

# Personal content: no shared cache (Varnish, the page cache) and no browser cache may keep it.
CACHE_CONTROL = "private, no-store"


def _private(response):
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The address holds the token: never send it on to the pages the recipient follows.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _not_found(request, *, wrong_link=True):
    """The site's 404, exactly as for an address nobody knows.

    The 404 page's language switcher would link this same view in the other language when the request
    resolved to a named view: for an unknown address it resolved to Wagtail's catch-all and links the other
    home page, so this one must too.
    """
    if wrong_link:
        throttle.count_wrong_link(request)
    request.resolver_match = None
    raise Http404


class _Version:
    """A translation as the language switcher sees it: its address is the same personal link in that language."""

    url_path = ""  # no hreflang alternates: this view is not public

    def __init__(self, url):
        self.url = url

    def get_url(self, request=None):
        return self.url

    get_full_url = get_url


def _public_url(grant, page):
    """The public address the link now leads to, or None while the page is still early access only."""
    if not page.live or not Page.objects.filter(pk=page.pk).public().exists():
        return None
    if grant.subject == Grant.RELEASE:
        return page.url if not page.is_embargoed else None
    return page.url if not page.has_unpublished_changes else None


def _open(request, token, language, what):
    """(grant, page as shown, its versions by language) for a link, or an HttpResponse to give instead."""
    if throttle.is_throttled(request):
        response = render(request, "earlyaccess/throttled.html", status=429)
        response["Retry-After"] = str(throttle.WRONG_LINK_WINDOW)
        return _private(response)
    grant = Grant.find(token)
    if grant is None or grant.is_revoked or not isinstance(grant.specific_page, subject_model(grant.subject)):
        _not_found(request)

    pages = Page.objects.filter(translation_key=grant.translation_key).select_related("locale").specific()
    # A release's translations once published (a Moderator approved them); every version of a draft dossier.
    versions = {
        page.locale.language_code: page
        for page in pages
        if grant.subject == Grant.DOSSIER or page.live or page.pk == grant.page_id
    }
    page = versions.get(language or grant.recipient.language)
    if page is None:
        if language:
            _not_found(request, wrong_link=False)
        page = versions.get(grant.page.locale.language_code) or grant.specific_page

    public_url = _public_url(grant, page)
    if public_url is not None and what == Opening.PAGE:
        return _private(redirect(public_url))
    if not grant.is_valid or subject_of(page) != grant.subject:
        _not_found(request)
    return grant, page, versions


def _as_shown(grant, page):
    """A published release as it is; a dossier (or an unpublished release) as its latest version."""
    if grant.subject == Grant.RELEASE and page.live:
        return page
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def _context(request, grant, token, page, versions):
    """What the templates add for early access: the banner, noindex, the links that keep the token."""
    language = page.locale.language_code
    links = {code: reverse("earlyaccess:open_language", kwargs={"token": token, "language": code}) for code in versions}
    # The language switcher (base/templatetags/navigation_tags.py) reads the page's versions from this
    # per-request cache: filled here with the same personal link in each language the recipient may read.
    setattr(request, navigation_tags._LANGUAGES_ATTR, ({code: _Version(url) for code, url in links.items()}, {}))
    context = {
        "noindex": True,
        "early_access": {
            "subject": grant.subject,
            "recipient": grant.recipient,
            "embargo_until": getattr(page, "release_embargo_until", None),
            "expires_at": grant.expires_at,
        },
    }
    if grant.subject == Grant.DOSSIER:
        kwargs = {"token": token, "language": language}
        context["print_url"] = reverse("earlyaccess:print", kwargs=kwargs)
        pdf_available = dossier_pdf.pdf_engine_available()
        context["pdf_url"] = reverse("earlyaccess:pdf", kwargs=kwargs) if pdf_available else None
    return context


@require_safe
def open_link(request, token, language=None):
    opened = _open(request, token, language, Opening.PAGE)
    if isinstance(opened, HttpResponse):
        return opened
    grant, page, versions = opened
    shown = _as_shown(grant, page)
    with translation.override(page.locale.language_code):
        request.LANGUAGE_CODE = page.locale.language_code
        request.is_preview = False
        context = shown.get_context(request)
        context.update(_context(request, grant, token, page, versions))
        response = TemplateResponse(request, shown.get_template(request), context)
        response.render()  # in the page's language, inside the override
    Opening.record(grant, page, Opening.PAGE)
    return _private(response)


def _print_html(request, grant, token, page, versions):
    shown = _as_shown(grant, page)
    request.LANGUAGE_CODE = page.locale.language_code
    request.is_preview = False
    context = shown.get_context(request, print_view=True)
    context.update(_context(request, grant, token, page, versions))
    return render_to_string("candidacy/dossier_page_print.html", context, request=request)


@require_safe
def open_print(request, token, language):
    opened = _open(request, token, language, Opening.PRINT)
    if isinstance(opened, HttpResponse):
        return opened
    grant, page, versions = opened
    if grant.subject != Grant.DOSSIER:
        _not_found(request, wrong_link=False)
    with translation.override(page.locale.language_code):
        html = _print_html(request, grant, token, page, versions)
    Opening.record(grant, page, Opening.PRINT)
    return _private(HttpResponse(html))


@require_safe
def open_pdf(request, token, language):
    """The dossier's PDF with the recipient's name on every page: built for this request, never stored."""
    opened = _open(request, token, language, Opening.PDF)
    if isinstance(opened, HttpResponse):
        return opened
    grant, page, versions = opened
    if grant.subject != Grant.DOSSIER:
        _not_found(request, wrong_link=False)
    with translation.override(page.locale.language_code):
        html = _print_html(request, grant, token, page, versions)
        if not dossier_pdf.pdf_engine_available():
            context = {"page": page, "print_url": reverse("earlyaccess:print", args=[token, page.locale.language_code])}
            response = TemplateResponse(request, "candidacy/dossier_pdf_unavailable.html", context, status=503)
            return _private(response.render())
        pdf = dossier_pdf.render_pdf(html, site_root_url(request) + "/")
    Opening.record(grant, page, Opening.PDF)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{page.slug}.pdf")
    return _private(response)
