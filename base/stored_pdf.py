"""A page's PDF rendered by WeasyPrint, stored by digest, built once and outside the request.

The PDF is made from a print-ready HTML document and named by a digest of what WeasyPrint is given: that HTML as
rendered for the request, the stylesheets and images it pulls in, the site's address its relative links resolve
against, and WeasyPrint's version. Whatever changes the document — a page, a snippet shown in it, a template, the
site's address — changes the digest, so a reader never gets the PDF of older content and there is nothing to
invalidate.

Each version is built once, whichever app server is asked and however many readers ask at once: the build is
claimed by a row in the database (a concrete ``StoredPdf``), runs outside the request in a thread that keeps
renewing its lease, and the PDF is stored in that row. Readers who ask meanwhile get, at once, a page saying it is
being prepared that reloads itself. A claim whose worker died runs out and the next reader takes the build over;
older versions are deleted when a newer one is ready (``Build.superseded``, which each user says). WeasyPrint never
reaches the network: ``LocalFetcher`` serves our static and media files from disk and refuses anything else.

Used by the dossier's public PDF (candidacy/dossier_pdf.py) and by early access to a draft dossier
(earlyaccess/views.py); neither knows the other, and this module knows neither.
"""

import hashlib
import logging
import math
import mimetypes
import threading
import time
import uuid
from datetime import timedelta
from functools import cache as memoize
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import IntegrityError, connections, models, transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import content_disposition_header

from base.site_url import site_root_url

logger = logging.getLogger(__name__)


# --- the PDF engine ------------------------------------------------------------------------------------------------


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

        The PDF is built by the app server: fetching anything over the network would make it slow,
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


# --- the digest, and the answer to a reader ------------------------------------------------------------------------


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

    The HTML carries the content (pages, snippets, every address); the files it pulls in are read
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


# The reader who starts a build waits this long for it before getting the "being prepared" page: small documents
# come at once, big ones never hold a worker (nor the reader) for long.
READER_WAIT_SECONDS = 2.0
# A build's claim holds this long and is renewed every RENEW_SECONDS while the build runs, so a build whose
# worker died is taken over about a minute later, however long a build takes.
LEASE = timedelta(seconds=60)
RENEW_SECONDS = 15
# A build still running after this is presumed stuck: its lease is no longer renewed, so another one starts.
MAX_BUILD = timedelta(minutes=15)
# After a failed build, readers get the "not available" page until this has passed, then a new attempt is made.
RETRY_FAILED_AFTER = timedelta(minutes=10)
# How often the "being prepared" page reloads itself, when the last build of the page gives no better estimate.
REFRESH_SECONDS = (3, 5, 20)  # at least, by default, at most


def stored_pdf_response(request, versions, html, links, filename, build_class):
    """The PDF of ``html`` from ``versions`` (a related manager of its stored versions) once built, else a page.

    The print-ready HTML is rendered on every request (a fixed number of queries): its digest names the stored PDF
    and is the ETag, so a reader never gets a PDF of older content. The first reader to ask for a version claims its
    build (a row in the database, shared by every app server), which runs outside the request; that reader waits
    at most READER_WAIT_SECONDS for it, everyone else gets the "being prepared" page at once, which reloads itself.

    Shared by the dossier's public PDF (a page's versions, candidacy/dossier_pdf.py) and early access (a grant's,
    earlyaccess/views.py). ``links`` are the reader's addresses of the page (``page``, ``page_url``), its print view
    (``print_url``) and PDF (``pdf_url``) for the pages shown meanwhile; ``build_class`` a ``Build`` that knows which
    of the versions a new one replaces. Check ``pdf_engine_available()`` first: without it, answer ``unavailable``.
    """
    _check_build_class(build_class)
    base_url = site_root_url(request) + "/"
    digest = pdf_digest(html, base_url)
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified

    stored = versions.filter(digest=digest).first()
    if stored is not None and stored.state == stored.READY:
        return _pdf(filename, stored.pdf, etag)
    claimed = _claim(versions, digest, stored)
    if claimed is not None:
        build = build_class(claimed, html, base_url)
        in_background(build.run, name=f"dossier-pdf-{digest[:12]}")
        if build.done.wait(READER_WAIT_SECONDS):
            if build.pdf is not None:
                return _pdf(filename, build.pdf, etag)
            return unavailable(request, links, retry_at=build.retry_at)
        stored = claimed
    if stored is not None and stored.state == stored.FAILED:
        # Failed lately: the next attempt comes when its delay is over, not on every request.
        return unavailable(request, links, retry_at=stored.lease_until)
    return _preparing(request, links, versions, stored)


def build_unless_stored(versions, html, base_url, build_class):
    """Build the PDF of ``html`` here and now, unless it is built or being built already (a publish's build).

    ``versions``, ``build_class`` as for ``stored_pdf_response``; ``base_url`` the site's address, with a final "/".
    """
    _check_build_class(build_class)
    digest = pdf_digest(html, base_url)
    stored = versions.filter(digest=digest).first()
    if stored is not None and stored.state == stored.READY:
        return
    claimed = _claim(versions, digest, stored)
    if claimed is not None:
        build_class(claimed, html, base_url).run()


def _check_build_class(build_class):
    """Refuse, before anything is claimed, a build that cannot say which versions it replaces: it would store its PDF,
    then fail and leave the older versions behind."""
    if build_class.superseded is Build.superseded:
        raise TypeError(f"{build_class.__name__} must define superseded(): the versions a new one replaces")


def in_background(job, name):
    """Run ``job`` in a thread of this process, with its own database connection.

    Inside a transaction (a test, a caller that has not committed yet) it runs here and now instead: another
    connection would not see the claim this transaction has written. The thread is not a daemon, so a worker that
    is asked to stop finishes the build first; if it is killed, the lease it no longer renews hands the build to
    the next reader.
    """
    if transaction.get_connection().in_atomic_block:
        job()
        return None

    def run():
        try:
            job()
        except Exception:
            logger.exception("A background job for the dossier PDF failed (%s)", name)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


# --- the build and its lease ---------------------------------------------------------------------------------------


def _claim(versions, digest, stored):
    """The row of this version if this caller has just taken its build on, else None (someone else has it).

    A new version is claimed by inserting its row: the digest is unique, so of two servers inserting at once
    exactly one succeeds. A build whose lease has run out (its worker died, or it failed long enough ago) is taken
    over by changing its claim where it still holds the claim read, which again only one server can do.
    """
    now = timezone.now()
    if stored is None:
        try:
            with transaction.atomic():
                return versions.create(digest=digest, lease_until=now + LEASE, started_at=now)
        except IntegrityError:  # another reader or server claimed it a moment ago
            return None
    if stored.state == stored.READY or stored.lease_until > now:
        return None
    token = uuid.uuid4()
    taken = versions.filter(pk=stored.pk, claim=stored.claim).update(
        state=stored.BUILDING, claim=token, lease_until=now + LEASE, started_at=now
    )
    if not taken:
        return None
    stored.state, stored.claim, stored.lease_until, stored.started_at = stored.BUILDING, token, now + LEASE, now
    return stored


class Build:
    """The build of one claimed version: renders it, keeps the claim alive meanwhile, stores the result."""

    def __init__(self, row, html, base_url):
        self.row = row
        self.html = html
        self.base_url = base_url
        self.pdf = None
        self.retry_at = None  # when it failed: when the next attempt may be made
        self.done = threading.Event()

    def run(self):
        versions = type(self.row).objects
        row = self.row
        # In a transaction nobody else can see the claim, so there is no lease to keep (see in_background).
        keeper = None if transaction.get_connection().in_atomic_block else self._keep_lease()
        started = time.monotonic()
        try:
            try:
                self.pdf = render_pdf(self.html, base_url=self.base_url)
            except Exception:
                logger.exception("Could not build the dossier PDF %s", row)
                self.retry_at = timezone.now() + RETRY_FAILED_AFTER
                versions.filter(pk=row.pk, claim=row.claim, state=row.BUILDING).update(
                    state=row.FAILED, lease_until=self.retry_at
                )
                return
            # Whoever's claim it is now, this is the PDF of this digest: store it unless someone already has.
            versions.filter(pk=row.pk).exclude(state=row.READY).update(
                state=row.READY,
                pdf=self.pdf,
                lease_until=None,
                built_at=timezone.now(),
                build_seconds=time.monotonic() - started,
            )
            self.superseded().delete()
        finally:
            if keeper is not None:
                keeper.set()
            self.done.set()

    def superseded(self):
        """The versions this one makes out of date once it is ready: those of the same owner claimed before it.

        Each user says who the owner is (a page, a grant) in a subclass.
        """
        raise NotImplementedError

    def _keep_lease(self):
        """Renew the claim every RENEW_SECONDS until the returned event is set (or MAX_BUILD has passed)."""
        stop = threading.Event()
        row = self.row
        versions = type(row).objects
        give_up = timezone.now() + MAX_BUILD

        def renew():
            try:
                while not stop.wait(RENEW_SECONDS) and timezone.now() < give_up:
                    renewed = versions.filter(pk=row.pk, claim=row.claim, state=row.BUILDING).update(
                        lease_until=timezone.now() + LEASE
                    )
                    if not renewed:  # taken over, or done
                        return
            finally:
                connections.close_all()

        threading.Thread(target=renew, name=f"dossier-pdf-lease-{row.digest[:12]}", daemon=True).start()
        return stop


# --- the answers ----------------------------------------------------------------------------------------------


def _pdf(filename, pdf, etag):
    pdf = bytes(pdf)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.pdf")
    response["Content-Length"] = str(len(pdf))
    response["ETag"] = etag
    return response


def _refresh_seconds(versions, building):
    """When to ask again: what the page's last build took, less the time this one has run, within bounds."""
    shortest, default, longest = REFRESH_SECONDS
    if building is None:
        return default
    last = (
        versions.filter(state=building.READY, build_seconds__isnull=False)
        .order_by("-pk")
        .values_list("build_seconds", flat=True)
        .first()
    )
    if last is None:
        return default
    left = last - (timezone.now() - building.started_at).total_seconds()
    return max(shortest, min(longest, math.ceil(left)))


def _preparing(request, links, versions, building):
    """202 and a page in the reader's language that says the PDF is on its way, and reloads until it is there.

    Never stored by a cache (it is true for a few seconds), never indexed; it links the dossier and its
    print-ready view, which have the same content now.
    """
    seconds = _refresh_seconds(versions, building)
    context = {**links, "refresh_seconds": seconds}
    response = TemplateResponse(request, "base/stored_pdf_preparing.html", context, status=202)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def unavailable(request, links, retry_at=None):
    """503 with a way forward: the print-ready view has the same content. ``links`` as for ``stored_pdf_response``."""
    response = TemplateResponse(request, "base/stored_pdf_unavailable.html", links, status=503)
    if retry_at is not None:
        response["Retry-After"] = str(max(1, math.ceil((retry_at - timezone.now()).total_seconds())))
    add_never_cache_headers(response)
    return response


# --- the rows ------------------------------------------------------------------------------------------------


class StoredPdf(models.Model):
    """One version of a PDF, keyed by the digest of what it is made from (this module builds and serves it through
    these columns). Abstract: each user adds who the PDF belongs to (a page, a grant) and says in its ``Build``
    which versions a new one replaces.

    The row is the lock shared by every app server: the first reader (or the publish) to insert it claims the build
    and holds it while ``lease_until`` is in the future, renewing it while the build runs. A claim whose worker died
    is not renewed, so the next reader after it expires takes the build over. A finished PDF is stored here, in the
    database every server already needs to answer the request, so it is served whatever the state of Redis.
    """

    # No public page shows these rows: saving one must not renew the page cache (base/cache_invalidation.py).
    shows_on_public_pages = False
    # Not content: Wagtail's "usage" of a page should not list its PDFs.
    wagtail_reference_index_ignore = True

    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"
    STATES = [(BUILDING, "building"), (READY, "ready"), (FAILED, "failed")]

    digest = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=8, choices=STATES, default=BUILDING)
    # Who holds the build: changed by every claim, so that two servers cannot both take over a dead one's build.
    claim = models.UUIDField(default=uuid.uuid4)
    # Building: the claim holds until then. Failed: no new attempt before then. Ready: empty.
    lease_until = models.DateTimeField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True)
    build_seconds = models.FloatField(null=True)
    pdf = models.BinaryField(default=b"", editable=False)

    class Meta:
        abstract = True
