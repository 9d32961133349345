"""What a recipient's personal link opens: the page as the public will see it, with a banner, never cached.

Every answer that is not the content is the site's own 404, raised as ``Http404`` like any unknown address
(``base.views.page_not_found``), so an unknown, expired or revoked token, a token for the wrong page type
or a language the page is not in cannot be told from a mistyped address. Once the release's embargo is over
(or the dossier published as it is) the link leads to the public page.

What the recipient reads is the version the Moderator gave access to (``Grant.revisions``), or the published
page once a release is live: never a draft saved since. Only GET opens a link (and records an opening): a HEAD, as
mail scanners and link checkers send, is refused with 405, so it neither counts as an opening nor builds a PDF.

The page is rendered by its own ``get_template``/``get_context``, as ``Page.serve`` does (``NewsPage.serve``
itself answers 404 under embargo, which is the point of it), in the page's language. Inside that view every
address of the page (each language, the dossier's print view and PDF), of the documents it links to and of the
renditions of the images it uses is replaced by the same address under the token (``_keep_inside_the_link``):
the public ones do not answer yet, or would give the image to anyone.

Timing. Up to the decision whether the link works, every token costs the same: one SHA-256, the same one query
by that digest, one constant-time comparison and a decision from that row alone (``Grant.find``,
``Grant.opens``); a wrong token skips none of it. After that a right token takes longer (it renders a page), and
that is deliberate: the difference tells an attacker only what the answer itself says (200 against 404), and
nothing about any other token. The database compares digests, never the token, so a wrong token that shares
characters with a right one costs exactly what any wrong token costs, and the time cannot be used to guess a
token piece by piece. An expired token does a little more work than an unknown one (it looks for the public page
it may now lead to, and deletes its PDFs), which tells only its holder that the link once worked, which they
know. Equalising with sleeps would slow every reader and buy nothing against 256 random bits; what limits
guessing is the throttle (``throttle.py``).
"""

import functools
import html
import mimetypes
import posixpath
import re

from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from base import stored_pdf
from base.fragment_cache import keep_nothing_for
from base.models import public_pages
from base.site_url import site_root_url
from base.templatetags import navigation_tags

from . import throttle
from .models import Grant, Opening, subject_of


def _private(response):
    # Personal content: no shared cache (Varnish, the page cache), no browser cache, no proxy may keep or reuse it.
    add_never_cache_headers(response)
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
    if not page.live or not public_pages(Page.objects.filter(pk=page.pk)).exists():
        return None
    if grant.subject == Grant.RELEASE:
        return page.url if not page.is_embargoed else None
    return page.url if not page.has_unpublished_changes else None


def _as_shown(grant, page, revisions):
    """A published release as it is (a Moderator approved it); a dossier, or a release not published yet, as the
    revision the Moderator gave access to (``revisions``: ``Grant.shown_revisions``); None if it had none."""
    if grant.subject == Grant.RELEASE and page.live:
        return page
    revision = revisions.get(page.pk)
    return page.with_content_json(revision.content) if revision is not None else None


def _references(pages):
    """{content type id: {object id}} of what ``pages`` use: rich-text links and embeds, blocks and fields.

    Read from the pages as shown (a dossier's draft as given), with the extractor that fills Wagtail's reference
    index: the index itself holds the references of the page's row, not of the draft the recipient reads.
    """
    references = {}
    for page in pages:
        for type_id, object_id, _model_path, _content_path in ReferenceIndex._extract_references_from_object(page):
            references.setdefault(type_id, set()).add(int(object_id))
    return references


class _Link:
    """A personal link that works: its grant and token, the page in the language asked, every version allowed."""

    def __init__(self, grant, token, page, versions, shown):
        self.grant = grant
        self.token = token
        self.page = page
        self.versions = versions
        self.shown_versions = shown  # {language: the page as the recipient reads it}

    @property
    def language(self):
        return self.page.locale.language_code

    def url(self, name="open_language", language=None):
        """A personal address: the page (or ``name``: "print", "pdf") in ``language``, by default the shown one."""
        return reverse(f"earlyaccess:{name}", kwargs={"token": self.token, "language": language or self.language})

    def document_url(self, document):
        kwargs = {"token": self.token, "document_id": document.pk, "filename": document.filename}
        return reverse("earlyaccess:document", kwargs=kwargs)

    @property
    def shown(self):
        return self.shown_versions[self.language]

    def rendition_url(self, rendition):
        name = posixpath.basename(rendition.file.name)
        return reverse(
            "earlyaccess:image", kwargs={"token": self.token, "rendition_id": rendition.pk, "filename": name}
        )

    @cached_property
    def _references(self):
        return _references(self.shown_versions.values())

    def _used(self, model):
        return self._references.get(ContentType.objects.get_for_model(model).pk, set())

    @cached_property
    def documents(self):
        """{id: document} the page links to in any language the recipient may read: served under the token."""
        return get_document_model().objects.in_bulk(self._used(get_document_model()))

    @cached_property
    def images(self):
        """The ids of the images the page uses in any language the recipient may read: their renditions are
        served under the token, as the page and its documents are."""
        return self._used(get_image_model())


def _open(request, token, language, what):
    """The ``_Link`` a personal address opens, or an HttpResponse to give instead."""
    if throttle.is_throttled(request):
        response = render(request, "earlyaccess/throttled.html", status=429)
        response["Retry-After"] = str(throttle.WRONG_LINK_WINDOW)
        return _private(response)
    grant = Grant.find(token)
    if grant is None or not grant.opens:
        _not_found(request)
    if grant.is_expired:
        grant.delete_pdfs()  # with the recipient's name, and never given again (also manage.py's nightly cleanup)

    pages = Page.objects.filter(translation_key=grant.translation_key).select_related("locale").specific()
    revisions = grant.shown_revisions()
    # A release's translations once published (a Moderator approved them); every translation of a dossier (and the
    # release itself before it is published) as the Moderator gave access to it: none created or saved since.
    shown = {}
    for page in pages:
        if grant.subject == Grant.DOSSIER or page.live or page.pk == grant.page_id:
            as_shown = _as_shown(grant, page, revisions)
            if as_shown is not None:
                shown[page.locale.language_code] = (page, as_shown)
    if not shown:
        _not_found(request)
    versions = {code: page for code, (page, _as) in shown.items()}
    page = versions.get(language or grant.recipient.language)
    if page is None:
        if language:
            _not_found(request, wrong_link=False)
        page = versions.get(grant.page.locale.language_code) or next(iter(versions.values()))

    public_url = _public_url(grant, page)
    if public_url is not None and what == Opening.PAGE:
        return _private(redirect(public_url))
    if not grant.is_valid or subject_of(page) != grant.subject:
        _not_found(request)
    return _Link(grant, token, page, versions, {code: as_shown for code, (_page, as_shown) in shown.items()})


def _early_access_view(what, subject=None, records=True):
    """A view of a personal address: ``view(request, link, **kwargs)`` answers for a link that works.

    Everything else is shared: the throttle, the 404 of a link that does not work (or of a ``subject`` it is not
    for), the page's language, the links of an HTML answer kept under the token, the private headers, and the
    opening recorded once the content was given (unless ``records`` is false: nothing of it was given).
    """

    def decorator(view):
        @require_GET
        @functools.wraps(view)
        def wrapper(request, token, language=None, **kwargs):
            link = _open(request, token, language, what)
            if isinstance(link, HttpResponse):
                return link
            if subject is not None and link.grant.subject != subject:
                _not_found(request, wrong_link=False)
            with translation.override(link.language):
                request.LANGUAGE_CODE = link.language
                request.is_preview = False
                # The release as granted, not as readers see it: nothing kept for readers is shown, nothing shown kept.
                keep_nothing_for(request)
                response = view(request, link, **kwargs)
            if response.get("Content-Type", "").startswith("text/html"):
                response.content = _keep_inside_the_link(request, link, response.content.decode(), images=True)
            if records and response.status_code == 200:
                Opening.record(link.grant, link.page, what)
            return _private(response)

        return wrapper

    return decorator


def _context(request, link):
    """What the templates add for early access: the banner, noindex, the links that keep the token."""
    grant, page = link.grant, link.page
    # The language switcher (base/templatetags/navigation_tags.py) reads the page's versions from this
    # per-request cache: filled here with the same personal link in each language the recipient may read.
    versions = {code: _Version(link.url(language=code)) for code in link.versions}
    setattr(request, navigation_tags._LANGUAGES_ATTR, (versions, {}))
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
        context["print_url"] = link.url("print")
        context["pdf_url"] = link.url("pdf") if stored_pdf.pdf_engine_available() else None
    return context


# An address in a rendered page: what ``_keep_inside_the_link`` looks at (Django writes attributes in double quotes).
_HREF = re.compile(r'\bhref="([^"#]*)(#[^"]*)?"')


def _personal_addresses(request, link):
    """{public address: the same under the token} for the page in each language, its print view, PDF, documents.

    Both forms: as pages link themselves (``pageurl``) and written out in full (``fullpageurl``, the print view's
    "Online version").
    """
    addresses = {}
    for code, version in link.versions.items():
        public = version.get_url(request)
        if public is None:  # not routable from any site: nothing links it
            continue
        addresses[public] = link.url(language=code)
        if link.grant.subject == Grant.DOSSIER:
            for name, subpage in (("print", "dossier_print"), ("pdf", "dossier_pdf")):
                addresses[public + version.reverse_subpage(subpage)] = link.url(name, language=code)
    for document in link.documents.values():
        addresses[document.url] = link.document_url(document)
    root = site_root_url(request)
    addresses.update({root + public: root + personal for public, personal in list(addresses.items())})
    return addresses


def _keep_inside_the_link(request, link, content, *, images):
    """``content`` (HTML) with its links to the page, its other views and its documents kept under the token, and
    with ``images`` the addresses of its images' renditions too.

    Those public addresses answer 404 to the recipient until the page is public (a restricted document may never
    answer them): the token's do. Every other link (the menus, other pages) is the site's, unchanged.
    """
    addresses = _personal_addresses(request, link)

    def personal(match):
        address = addresses.get(html.unescape(match.group(1)))
        if address is None:
            return match.group(0)
        return f'href="{html.escape(address)}{match.group(2) or ""}"'

    content = _HREF.sub(personal, content)
    return _keep_images_inside_the_link(request, link, content) if images else content


def _keep_images_inside_the_link(request, link, content):
    """``content`` with every address of a rendition of the page's images replaced by the same under the token.

    Wherever it is written: ``src``, ``srcset`` and ``<source>`` of ``{% picture %}``, links, the share image's
    meta tags and JSON-LD. A rendition's public address (``/media/images/…``, or the
    bucket's) answers anyone who has it, and an image uploaded for an embargoed release should not be given away
    by the page that shows it to a few. Images the page does not use (the home page's share image when the
    release has none) are the site's, public already, and keep their address.
    """
    renditions = get_image_model().get_rendition_model().objects.filter(image_id__in=link.images)
    root = site_root_url(request)
    addresses = {}
    for rendition in renditions:
        public, personal = rendition.url, link.rendition_url(rendition)
        addresses[public] = personal
        if public.startswith("/"):  # MEDIA_URL on this site: also written out in full (the share image)
            addresses[root + public] = root + personal
    if not addresses:
        return content
    addresses.update({html.escape(public): html.escape(personal) for public, personal in list(addresses.items())})
    # The longest first, so that an address written in full is replaced whole; and only a whole address.
    alternatives = "|".join(re.escape(public) for public in sorted(addresses, key=len, reverse=True))
    return re.sub(rf"({alternatives})(?![\w.%~/-])", lambda match: addresses[match.group(1)], content)


@_early_access_view(Opening.PAGE, records=False)
def open_confirm(request, link):
    """The address in the e-mail: the page's title and a button that opens it, in the recipient's language.

    Mail scanners and link previews fetch every link of a message: here they get this page, which records nothing
    and shows nothing embargoed but the title, rather than the content counted as an opening by the recipient.
    """
    context = _context(request, link)
    context.update({"title": link.shown.title, "open_url": link.url()})
    return TemplateResponse(request, "earlyaccess/open.html", context).render()


@_early_access_view(Opening.PAGE)
def open_link(request, link):
    context = link.shown.get_context(request)
    context.update(_context(request, link))
    response = TemplateResponse(request, link.shown.get_template(request), context)
    return response.render()  # in the page's language, inside the override


def _print_html(request, link):
    context = link.shown.get_context(request, print_view=True)
    context.update(_context(request, link))
    return render_to_string("candidacy/dossier_page_print.html", context, request=request)


@_early_access_view(Opening.PRINT, subject=Grant.DOSSIER)
def open_print(request, link):
    return HttpResponse(_print_html(request, link))


class _GrantPdfBuild(stored_pdf.Build):
    """A build of a grant's PDF: once ready it replaces that grant's older versions, not other recipients'."""

    def superseded(self):
        return type(self.row).objects.filter(grant_id=self.row.grant_id, pk__lt=self.row.pk)


@_early_access_view(Opening.PDF, subject=Grant.DOSSIER)
def open_pdf(request, link):
    """The dossier's PDF with the recipient's name on every page and its links under the token.

    Made as the public PDF is (base/stored_pdf.py), never inside the request: built once per version of what
    the recipient reads, outside the request, and kept for this grant; meanwhile the "being prepared" page (202),
    which reloads itself. Its digest covers the name and the token's addresses as well as the content, so a
    version is the recipient's own and changes only with the revision given, the grant's link or the templates.
    """
    links = {"page": link.page, "page_url": link.url(), "print_url": link.url("print"), "pdf_url": link.url("pdf")}
    if not stored_pdf.pdf_engine_available():
        return stored_pdf.unavailable(request, links).render()
    # The images stay at their public addresses here: WeasyPrint reads them from the media storage and puts them
    # in the PDF, which holds no address of theirs.
    html = _keep_inside_the_link(request, link, _print_html(request, link), images=False)
    response = stored_pdf.stored_pdf_response(
        request, link.grant.pdf_versions, html, links, filename=link.page.slug, build_class=_GrantPdfBuild
    )
    if isinstance(response, TemplateResponse):
        response.render()  # in the page's language, inside the override
    return response


@_early_access_view(Opening.DOCUMENT)
def open_document(request, link, document_id, filename):
    """A document the page links to, served to the recipient whatever its collection's restrictions.

    Only those documents, only while the link works: any other is the same 404 as an unknown address. Served
    as Wagtail's own view serves documents (its type, inline or attachment, no scripts, no sniffing), but not
    through it, which would apply the collection's restrictions the link is there to lift.
    """
    document = link.documents.get(int(document_id))
    if document is None or document.filename != filename:
        _not_found(request, wrong_link=False)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = document.content_disposition
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_early_access_view(None, records=False)
def open_image(request, link, rendition_id, filename):
    """A rendition of an image the page uses (its ``src``, ``srcset``, picture sources, links).

    Only those images' renditions, only while the link works: any other is the same 404 as an unknown address.
    Read through the media storage (the bucket in production), never a path on disk. Not an opening: a page shows
    several images, and the page itself was recorded.
    """
    rendition_model = get_image_model().get_rendition_model()
    rendition = rendition_model.objects.filter(pk=rendition_id, image_id__in=link.images).first()
    if rendition is None or posixpath.basename(rendition.file.name) != filename:
        _not_found(request, wrong_link=False)
    try:
        file = rendition.file.open("rb")
    except OSError:  # missing from the storage: the page shows a broken image, as it would with a public address
        _not_found(request, wrong_link=False)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
