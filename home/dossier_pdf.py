"""The candidacy dossier's PDF: the engine, its URL fetcher, the cache key and the view.

The PDF is the print-ready view rendered by WeasyPrint. It is built on the first request and
cached under a fingerprint of everything it is made from (the dossier page, the criteria, every
programme and project page in the language, view restrictions, the templates and stylesheet), so
any change gives a new key and the next request builds a new PDF: there is nothing to invalidate.
WeasyPrint never reaches the network: ``LocalFetcher`` serves our static and media files from
disk and refuses anything else.
"""

import hashlib
import logging
import mimetypes
from functools import cache as memoize
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from wagtail.images import get_image_model
from wagtail.models import Page

logger = logging.getLogger(__name__)

# Entries are keyed by content, so a stale PDF is never served: the timeout only frees memory.
PDF_CACHE_TIMEOUT = 60 * 60 * 24 * 30
PDF_CACHE_PREFIX = "dossier-pdf"


# --- the PDF's cache key --------------------------------------------------------------------


def fingerprint(dossier, request):
    """A digest of everything the PDF of ``dossier`` (a Dossier) is made from: any change gives another digest.

    A few small queries, whatever the size of the site: the criteria, the restrictions, the cover
    image's file, and one row per programme or project page in the dossier's language (its live
    revision says whether its content, evidence included, changed; live says whether it is published).
    """
    from projects.models import ProgrammePage, ProjectPage

    content_types = ContentType.objects.get_for_models(ProgrammePage, ProjectPage).values()
    pages = (
        Page.objects.filter(locale_id=dossier.page.locale_id, content_type__in=content_types)
        .order_by("pk")
        .values_list("pk", "live", "live_revision_id", "path", "url_path")
    )
    parts = [
        (dossier.page.pk, dossier.page.live_revision_id, dossier.page.get_full_url(request), dossier.page.edition),
        [(c.pk, c.code, c.name, c.description, c.order) for c in dossier.criteria],
        dossier.restricted_paths,
        # An image's file can be replaced in the admin without touching the page that shows it.
        list(get_image_model().objects.filter(pk=dossier.page.hero_image_id).values_list("file", "file_hash")),
        list(pages),
        _layout_version(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


@memoize
def _layout_version():
    """A digest of the templates and styles, so that a deploy that changes the layout rebuilds the PDF."""
    digest = hashlib.sha256()
    site_dir = Path(settings.SITE_DIR)
    for folder in (site_dir / "templates", site_dir / "static" / "css"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(site_dir).as_posix().encode())
                digest.update(path.read_bytes())
    digest.update(_weasyprint_version().encode())
    return digest.hexdigest()[:16]


# --- the PDF engine ---------------------------------------------------------------------------


@memoize
def _weasyprint_version():
    try:
        import weasyprint
    except (ImportError, OSError):
        return ""
    return weasyprint.__version__


@memoize
def pdf_engine_available():
    """Whether WeasyPrint and its system libraries (Pango, HarfBuzz, fontconfig) can be loaded."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        logger.warning("The dossier's PDF is unavailable: WeasyPrint cannot be loaded (%s).", error)
        return False
    return True


@memoize
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves the site's own static and media files from disk and refuses every other URL.

        The PDF is built inside a request: fetching anything over the network would make it slow,
        fragile and a way to make the server call out. Refused resources are left out of the PDF.
        """

        def __init__(self, host, **kwargs):
            super().__init__(**kwargs)
            self.host = host

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":  # inline data: decoded here, no network involved
                return super().fetch(url, headers)
            if parts.scheme not in ("http", "https") or parts.netloc != self.host:
                raise ValueError(f"not a file of this site, refused: {url}")
            path = unquote(parts.path)
            body = _read_local_file(path)
            if body is None:
                raise FileNotFoundError(f"no such static or media file: {path}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return LocalFetcher


def _read_local_file(path):
    """The bytes of a static or media file given its URL path, or None."""
    try:
        if path.startswith(settings.STATIC_URL):
            name = path.removeprefix(settings.STATIC_URL)
            # Collected (hashed) names in production, the source folders in development and tests.
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as file:
                    return file.read()
            found = finders.find(name)
            return Path(found).read_bytes() if found else None
        if path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            if default_storage.exists(name):
                with default_storage.open(name) as file:
                    return file.read()
    except (SuspiciousFileOperation, OSError, ValueError):
        return None
    return None


def local_fetcher(base_url):
    """A WeasyPrint URL fetcher for the site at ``base_url`` that never leaves this machine."""
    return _fetcher_class()(host=urlsplit(base_url).netloc, timeout=2, allow_redirects=False)


def render_pdf(html, base_url):
    """The PDF of an HTML document; its relative URLs are resolved against ``base_url``."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=local_fetcher(base_url))
    # Tagged PDF: headings, lists, tables and links keep their structure for screen readers.
    return document.write_pdf(pdf_tags=True)


# --- the PDF view -----------------------------------------------------------------------------


def pdf_response(page, request):
    """The dossier as a PDF, from the cache when the content has not changed since it was built."""
    if not pdf_engine_available():
        return _unavailable(page, request)
    context = page.get_context(request, print_view=True)
    dossier = context["dossier"]
    key = f"{PDF_CACHE_PREFIX}:{page.pk}:{fingerprint(dossier, request)}"
    etag = f'"{key.rsplit(":", 1)[1]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified

    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string("home/dossier_page_print.html", context, request=request)
        try:
            pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        except Exception:
            logger.exception("Could not build the PDF of dossier page %s", page.pk)
            return _unavailable(page, request)
        cache.set(key, pdf, PDF_CACHE_TIMEOUT)

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{page.slug}.pdf")
    response["Content-Length"] = str(len(pdf))
    response["ETag"] = etag
    return response


def _unavailable(page, request):
    """503 with a way forward: the print-ready view has the same content."""
    context = {"page": page, "print_url": page.get_url(request) + page.reverse_subpage("dossier_print")}
    return TemplateResponse(request, "home/dossier_pdf_unavailable.html", context, status=503)
