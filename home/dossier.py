"""The candidacy dossier: what a DossierPage shows, and the PDF made from it.

``Dossier`` gathers, for one DossierPage, the award criteria of its edition in its language and
the evidence recorded on live, public programme and project pages, in a fixed number of queries
whatever the number of criteria, programmes and projects. The page, its print-ready view and
the PDF all render from it, so they cannot disagree.

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
from dataclasses import dataclass
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
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from wagtail.models import PageViewRestriction

from .site_url import site_root_url

logger = logging.getLogger(__name__)

# Entries are keyed by content, so a stale PDF is never served: the timeout only frees memory.
PDF_CACHE_TIMEOUT = 60 * 60 * 24 * 30
PDF_CACHE_PREFIX = "dossier-pdf"

# What the cards and the map read from the evidence pages; the rest of their content stays in the database.
_PROGRAMME_DEFERRED = ["body", "partners", "key_figures"]
_PROJECT_DEFERRED = ["challenge", "approach", "results", "partners", "key_figures", "gallery"]


@dataclass
class Evidence:
    """One page's evidence for one criterion."""

    criterion: object
    page: object  # a ProgrammePage or a ProjectPage
    justification: str
    key_figures: object  # a StreamValue of KeyFigureBlocks
    column: object  # the programme it counts for in the matrix, or None ("other projects")

    @property
    def is_programme(self):
        return self.page is self.column

    @property
    def anchor(self):
        return f"evidence-{self.criterion.code}-{self.page.pk}"


@dataclass
class Cell:
    column: object
    items: list

    @property
    def anchor(self):
        return self.items[0].anchor if self.items else ""


class Dossier:
    """The criteria, evidence and matrix of one DossierPage. Everything is loaded on first use."""

    def __init__(self, page, with_images=True):
        self.page = page
        self.with_images = with_images

    # --- what is loaded -------------------------------------------------------------------------

    @cached_property
    def criteria(self):
        from .models import AwardCriterion

        return list(
            AwardCriterion.objects.filter(edition=self.page.edition, locale_id=self.page.locale_id).order_by(
                "order", "code"
            )
        )

    @cached_property
    def restricted_paths(self):
        """Paths of the pages with a view restriction: they and their descendants are not public."""
        return sorted(PageViewRestriction.objects.values_list("page__path", flat=True))

    def is_public(self, page):
        return page.live and not any(page.path.startswith(path) for path in self.restricted_paths)

    def _evidence(self, model, deferred, related):
        queryset = (
            model.objects.filter(
                criterion__in=[criterion.pk for criterion in self.criteria],
                page__live=True,
                page__locale_id=self.page.locale_id,
            )
            .select_related("page", *related)
            .defer(*[f"page__{name}" for name in deferred])
            .order_by("page__path", "sort_order")
        )
        if self.with_images:
            queryset = queryset.select_related("page__hero_image").prefetch_related("page__hero_image__renditions")
        return [item for item in queryset if self.is_public(item.page)]

    @cached_property
    def evidence(self):
        """Every piece of evidence, in matrix order: by programme, its own evidence before its projects'."""
        from projects.models import ProgrammeEvidence, ProjectEvidence

        if not self.criteria:
            return []
        criteria = {criterion.pk: criterion for criterion in self.criteria}
        items = []
        for row in self._evidence(ProgrammeEvidence, _PROGRAMME_DEFERRED, []):
            items.append(Evidence(criteria[row.criterion_id], row.page, row.justification, row.key_figures, row.page))
        programme_deferred = [f"programme__{name}" for name in _PROGRAMME_DEFERRED]
        for row in self._evidence(ProjectEvidence, _PROJECT_DEFERRED + programme_deferred, ["page__programme"]):
            programme = row.page.programme
            # A project counts for its programme only where the reader can open that programme's page.
            if programme is not None and not (self.is_public(programme) and programme.locale_id == self.page.locale_id):
                programme = None
            items.append(Evidence(criteria[row.criterion_id], row.page, row.justification, row.key_figures, programme))
        order = {column.pk: index for index, column in enumerate(self.columns_for(items)) if column is not None}
        items.sort(
            key=lambda e: (
                order.get(e.column.pk, len(order)) if e.column else len(order),
                not e.is_programme,
                e.page.title.lower(),
            )
        )
        return items

    @staticmethod
    def columns_for(items):
        programmes = {e.column.pk: e.column for e in items if e.column is not None}
        columns = sorted(programmes.values(), key=lambda page: page.path)
        if any(e.column is None for e in items):
            columns.append(None)
        return columns

    # --- what the templates show ------------------------------------------------------------------

    @cached_property
    def columns(self):
        """The matrix's columns: the programmes with evidence, in the tree's order, then None for the
        projects that belong to no (visible) programme."""
        return self.columns_for(self.evidence)

    @cached_property
    def sections(self):
        """One per criterion, in order: {criterion, evidence, places, figures}."""
        sections = []
        for criterion in self.criteria:
            items = [e for e in self.evidence if e.criterion is criterion]
            sections.append(
                {
                    "criterion": criterion,
                    "evidence": items,
                    "places": [e.page for e in items if not e.is_programme and e.page.has_location],
                    "figures": sum(len(e.key_figures) for e in items),
                }
            )
        return sections

    @cached_property
    def matrix(self):
        """Rows of the at-a-glance table: [{criterion, cells: [Cell per column]}]."""
        rows = []
        for section in self.sections:
            cells = []
            for column in self.columns:
                column_pk = column.pk if column is not None else None
                items = [e for e in section["evidence"] if (e.column.pk if e.column else None) == column_pk]
                cells.append(Cell(column, items))
            rows.append({"criterion": section["criterion"], "cells": cells})
        return rows

    @cached_property
    def sources(self):
        """Every source the key figures cite, once each, in the order they first appear: [(name, url)]."""
        seen = {}
        for item in self.evidence:
            for figure in item.key_figures:
                key = (figure.value["source_name"], figure.value["source_url"])
                seen.setdefault(key, None)
        return list(seen)

    @cached_property
    def last_updated(self):
        """When the newest of the published pages the dossier is made from was published."""
        dates = [e.page.last_published_at for e in self.evidence if e.page.last_published_at]
        if self.page.last_published_at:
            dates.append(self.page.last_published_at)
        return max(dates, default=None)


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
    html = render_to_string("home/dossier_page_print.html", page.get_context(request, print_view=True), request=request)
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
    return TemplateResponse(request, "home/dossier_pdf_unavailable.html", context, status=503)
