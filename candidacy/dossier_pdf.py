"""The candidacy dossier's PDF: the print-ready view of a DossierPage, made, stored and served by base/stored_pdf.py.

What is the dossier's own is here: the document WeasyPrint is given (the page's print-ready view), the addresses of
the page, its print view and PDF that the "being prepared" and "unavailable" pages link, which of a page's versions
a new one replaces, and the build started when the dossier is published (candidacy/signals.py), rendered as a
reader's request would be. The engine, the digest, the stored versions and their lease, and the answers meanwhile
are base/stored_pdf.py's, which early access to a draft dossier (earlyaccess/views.py) uses as well.
"""

import io
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.template.loader import render_to_string
from django.utils import translation

from base import stored_pdf
from base.site_url import site_root_url


class DossierPdfBuild(stored_pdf.Build):
    """A build of a page's public PDF: once ready it replaces that page's older versions."""

    def superseded(self):
        return type(self.row).objects.filter(page_id=self.row.page_id, pk__lt=self.row.pk)


def print_html(page, request):
    """The print-ready document WeasyPrint is given (and whose digest names the PDF)."""
    context = page.get_context(request, print_view=True)
    return render_to_string("candidacy/dossier_page_print.html", context, request=request)


def pdf_response(page, request):
    """The dossier as a PDF when the version the reader would see has been built, else a page that says so
    (``stored_pdf.stored_pdf_response``)."""
    links = _links(page, request)
    if not stored_pdf.pdf_engine_available():
        return stored_pdf.unavailable(request, links)
    return stored_pdf.stored_pdf_response(
        request, page.pdf_versions, print_html(page, request), links, filename=page.slug, build_class=DossierPdfBuild
    )


def prepare(page):
    """Build the PDF a reader asking now would get, unless it is built or being built already.

    Run when the dossier is published (candidacy/signals.py), in the background, so that the first reader usually
    finds it ready. The request it renders with is the one a reader's would be: the site's address and the page's
    language, no user.
    """
    if not stored_pdf.pdf_engine_available() or page.get_url_parts() is None:
        return
    request = _reader_request(page)
    with translation.override(page.locale.language_code):
        html = print_html(page, request)
    stored_pdf.build_unless_stored(page.pdf_versions, html, site_root_url(request) + "/", DossierPdfBuild)


def _links(page, request):
    """The addresses the answers meanwhile link (``stored_pdf.stored_pdf_response``'s ``links``)."""
    page_url = page.get_url(request)
    return {
        "page": page,
        "page_url": page_url,
        "print_url": page_url + page.reverse_subpage("dossier_print"),
        "pdf_url": page_url + page.reverse_subpage("dossier_pdf"),
    }


def _reader_request(page):
    """A GET of the page's PDF address as an anonymous reader's would arrive: the page's site, host and scheme."""
    _site_id, root_url, page_path = page.get_url_parts()
    address = urlsplit(root_url)
    https = address.scheme == "https"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": page_path + page.reverse_subpage("dossier_pdf"),
            "SERVER_NAME": address.hostname,
            "SERVER_PORT": str(address.port or (443 if https else 80)),
            "HTTP_HOST": address.netloc,
            "wsgi.url_scheme": address.scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
    request.user = AnonymousUser()
    return request
