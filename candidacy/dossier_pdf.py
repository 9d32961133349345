"""The candidacy dossier's PDF: the engine, its URL fetcher, the cache key and the view.

The PDF is the print-ready view rendered by WeasyPrint. It is built on the first request and
cached under a digest of what WeasyPrint is given: the print-ready HTML as rendered for that
request, the stylesheet and images it pulls in, the site's address its relative links resolve
against, and WeasyPrint's version. Whatever changes the document — a page, a criterion, a snippet
shown in the body, a template, the site's address — changes the digest, so the next request builds
a new PDF: there is nothing to invalidate. WeasyPrint never reaches the network: ``LocalFetcher``
serves our static and media files from disk and refuses anything else.
"""

import hashlib
import logging
import mimetypes
from functools import cache as memoize
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
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

from base.site_url import site_root_url

logger = logging.getLogger(__name__)

# Entries are keyed by content, so a stale PDF is never served: the timeout only frees memory.
PDF_CACHE_TIMEOUT = 60 * 60 * 24 * 30
PDF_CACHE_PREFIX = "dossier-pdf"


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


class _Resources(HTMLParser):
    """The addresses of the stylesheets and images an HTML document pulls in."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("img", "image", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])


def pdf_digest(html, base_url):
    """A digest of everything WeasyPrint makes the PDF from: same digest, same PDF.

    The HTML carries the content (pages, criteria, snippets, every address); the files it pulls in are read
    from disk like the fetcher reads them, since a stylesheet or an image can change under the same URL.
    """
    digest = hashlib.sha256()
    for part in (_weasyprint_version(), base_url, html):
        digest.update(part.encode())
        digest.update(b"\0")
    parser = _Resources()
    parser.feed(html)
    host = urlsplit(base_url).netloc
    for url in sorted(set(parser.urls)):
        parts = urlsplit(urljoin(base_url, url))
        body = _read_local_file(unquote(parts.path)) if parts.netloc == host else None
        digest.update(url.encode())
        digest.update(hashlib.sha256(body).digest() if body is not None else b"-")
    return digest.hexdigest()[:40]


def pdf_response(page, request):
    """The dossier as a PDF, from the cache when nothing it is made from has changed since it was built.

    The print-ready HTML is rendered on every request (a fixed number of queries): its digest is the cache
    key and the ETag. Relative links resolve against the site's address, never the request's host.
    """
    if not pdf_engine_available():
        return _unavailable(page, request)
    html = render_to_string(
        "candidacy/dossier_page_print.html", page.get_context(request, print_view=True), request=request
    )
    base_url = site_root_url(request) + "/"
    digest = pdf_digest(html, base_url)
    key = f"{PDF_CACHE_PREFIX}:{page.pk}:{digest}"
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified

    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = render_pdf(html, base_url=base_url)
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
    return TemplateResponse(request, "candidacy/dossier_pdf_unavailable.html", context, status=503)
