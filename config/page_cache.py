"""The whole-page cache for readers, and the HTTP caching headers of every response (README, "Caching").

``PageCacheMiddleware`` sits above the session, language, CSRF and authentication middleware (MIDDLEWARE in
config/settings/base.py), so a hit costs two cache look-ups (the generation and the page) and no database query.

- **What is kept**: the answer to a GET from a reader — a request with no session cookie (so nobody signed in), not
  under /admin/ (previews are there) — that is a 200 (or a redirect its view says is public: a reader's redirect,
  base/redirects.py), sets no cookie, is not a streaming answer (documents, media) and does not say ``private``,
  ``no-store`` or ``no-cache`` (the embargo's 404s and every 404 say so; the editors' view of an embargoed release
  too). A HEAD is answered from the GET's copy. Kept whole: body, status and headers,
  as compressed or not as the reader asked (the key says which), with its ETag.
- **Who is a reader**: a request with no session cookie, or with one that names no live session (expired, or made
  up: a made-up cookie on every request must not turn the cache off for its sender). The session is looked up once
  (one query with the database sessions) and a dead cookie is forgotten for the rest of the request, so the page is
  rendered, compressed and kept as for anyone. A request whose session cannot be read (database down) is not a
  reader: it is answered as before, uncached.
- **Parameters no page reads** (``PAGE_CACHE_QUERY_PARAMETERS`` lists those the public views read) are dropped from a
  reader's request before it is looked up or rendered, so ``/?x=1``, ``/?x=2``… are one page, not one render each;
  the view never sees them, so the page kept is the one every reader of the clean address would get. The API
  checks its own parameters and answers an unknown one with a 400, and Wagtail's sign-in for private pages needs
  its ``next``: neither is ever kept, and both keep every parameter (``PAGE_CACHE_OWN_QUERY_PREFIXES``).
  Wagtail's redirects are the exception: an old address may have any query string (``/con-query?a=1``), so the
  query string as sent stays in ``META["ORIGINAL_QUERY_STRING"]`` for them (base/redirects.py). A redirect answered
  to a request that lost parameters is kept under the address as asked, never the clean one, and the clean
  address's redirect is not answered to it: ``/con-query?a=1`` and ``/con-query`` never share a copy. Pages stay
  kept under the clean address (redirects act on 404s only, which are never kept).
- **The key**: the generation (``base/cache_invalidation.py``: replaced on every content change), whether the reader
  accepts gzip, and the absolute address with its query string. The language is in the address (Italian at ``/``,
  English under ``/en/``; ``LocaleMiddleware`` reads nothing else, since ``prefix_default_language=False`` makes an
  address without a prefix Italian), so the Italian and English pages cannot be mixed up. ``Vary: Accept-Language``,
  which LocaleMiddleware adds to every unprefixed answer anyway, is dropped from what is kept: it would make a
  shared cache keep one copy per browser language for identical pages.
- **How long**: ``PAGE_CACHE_SECONDS`` (0 turns the cache off), and never past the next instant at which what readers
  see changes by the clock alone (``next_change``, base/cache_invalidation.py: the end of a release's embargo, a
  scheduled version going live, a page's expiry; ``PAGE_CACHE_SCHEDULES``). So a release shows in every listing at
  its embargo's end, with no job.
- **Headers of a kept page**: ``Cache-Control: public, max-age=<browsers>, s-maxage=<shared caches>`` — browsers
  ``PAGE_CACHE_BROWSER_SECONDS`` (a minute: nobody can purge a browser, and a correction should reach a reader who
  reloads), shared caches ``PAGE_CACHE_SHARED_SECONDS`` (a minute too: Varnish is purged on every change, but not
  when an embargo ends). Both are fixed numbers: headers capped at the next scheduled instant, as our own copy is,
  would tell every reader when a release goes public (``_patch_public``). A page during whose render the content
  changed says ``no-cache`` and is not kept (it may show the old content, and Varnish has already been told to drop
  its pages). ``ETag`` (the
  body's digest), so ``ConditionalGetMiddleware`` answers a revalidation with 304; never a ``Last-Modified``
  (``_drop_date_validator``). ``X-Cache: hit``/``miss``
  (``pass`` when the cache was not asked), which the request log records (config/request_log.py).
- **Never shared**: the admin, previews and everything answered to a signed-in user get ``Cache-Control: private,
  no-store`` (their pages carry the userbar, CSRF tokens, drafts). Everything answered to an anonymous reader with
  a live session (a page's password, which Wagtail keeps in the session) gets ``private`` and ``Vary: Cookie``
  (``_patch_session``); a page under a view restriction says ``no-store`` too (Wagtail).
- A cache that cannot be reached (Redis down: django-redis ignores the error and the circuit breaker answers at once)
  gives no generation: the page is rendered as if there were no cache, never an error.

``CompressionMiddleware`` is Django's gzip for text answers (HTML, JSON, XML, CSV…) to readers only: never under
/admin/, to a request with a session cookie or for a ``private`` answer, where a secret (a CSRF token, a draft)
could sit next to text an attacker chooses (BREACH). It sits below the page cache, so a page is compressed once,
when it is kept.
"""

import hashlib
import re
import time
from importlib import import_module
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language_from_path

from base.cache_invalidation import generation, next_change
from base.redirects import ORIGINAL_QUERY_STRING, original_full_path

HIT, MISS, PASS = "hit", "miss", "pass"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_UNSHAREABLE = {"private", "no-store", "no-cache"}


def is_admin_path(path):
    return path.startswith(settings.PAGE_CACHE_PRIVATE_PREFIXES)


def _signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _cache_control(response):
    return {item.split("=", 1)[0].strip().lower() for item in cc_delim_re.split(response.get("Cache-Control", ""))}


def _s_maxage(response):
    for item in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = item.partition("=")
        if name.strip().lower() == "s-maxage":
            try:
                return int(value)
            except ValueError:
                return None
    return None


# --- the middleware ------------------------------------------------------------------------------------------------


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not self._may_read(request):
            response = self.get_response(request)
            response["X-Cache"] = PASS
            self._drop_date_validator(response)
            if not self._patch_private(request, response):
                self._patch_session(request, response)
            return response
        current = generation() if seconds > 0 else None
        key = self._key(request, current) if current else None
        # The address as asked, when parameters were dropped: where a redirect to it is kept (module docstring).
        full_key = self._key(request, current, full=True) if current and ORIGINAL_QUERY_STRING in request.META else None
        if key is not None:
            entries = cache.get_many([full_key, key] if full_key else [key])  # one round trip either way
            for entry_key in (full_key, key):
                entry = entries.get(entry_key)
                if entry is None or not entry["kept"] <= time.time() < entry["expires"]:
                    continue
                if entry_key == key and full_key and self._is_redirect(entry["status"]):
                    continue  # the clean address's redirect: the address asked may have its own
                return self._from_entry(entry)
        started = time.time()
        response = self.get_response(request)
        response["X-Cache"] = MISS
        self._drop_date_validator(response)
        if self._patch_private(request, response) or not self._shareable(request, response):
            return response
        if seconds <= 0 or current is None or generation() != current:
            # The cache is off, or out of reach (so is the next embargo's end), or the content changed while this
            # page was rendered (it may show the old content, and Varnish's ban has been sent already, so a copy
            # kept there now would outlive it): offered to nobody without asking us again (the ETag makes a 304).
            patch_cache_control(response, no_cache=True)
            return response
        key = full_key if full_key and self._is_redirect(response.status_code) else key
        self._keep(request, response, key, next_change(current, as_of=started), seconds)
        return response

    # -- which requests and answers --

    def _may_read(self, request):
        if request.method not in ("GET", "HEAD") or is_admin_path(request.path_info):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not self._forget_dead_session(request):
            return False
        self._drop_unread_parameters(request)
        return True

    @staticmethod
    def _forget_dead_session(request):
        """True, with the cookie taken off the request, if the session cookie names no live session."""
        store = import_module(settings.SESSION_ENGINE).SessionStore(request.COOKIES[settings.SESSION_COOKIE_NAME])
        try:
            # load() is empty for a key that is malformed, unknown or expired (an anonymous session holding
            # nothing is as good as none); a key it cannot check is kept, and its request passes, as before.
            if store.session_key is not None and store.load():
                return False
        except DatabaseError:
            return False
        del request.COOKIES[settings.SESSION_COOKIE_NAME]
        return True

    @staticmethod
    def _drop_unread_parameters(request):
        query = request.META.get("QUERY_STRING", "")
        path = request.path_info
        if language := get_language_from_path(path):  # /en/_util/login/ is Wagtail's sign-in too
            path = path.removeprefix(f"/{language}")
        if not query or path.startswith(settings.PAGE_CACHE_OWN_QUERY_PREFIXES):
            return
        # The kept pairs stay byte for byte as the reader sent them: only whole pairs are dropped.
        kept = [
            pair
            for pair in query.split("&")
            if unquote_plus(pair.partition("=")[0]) in settings.PAGE_CACHE_QUERY_PARAMETERS
        ]
        if len(kept) == len(query.split("&")):
            return
        # Kept for Wagtail's redirects, whose old address may have any query string (base/redirects.py).
        request.META[ORIGINAL_QUERY_STRING] = query
        request.META["QUERY_STRING"] = "&".join(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)

    def _patch_private(self, request, response):
        """The admin, previews and signed-in users' answers: ``private, no-store``. True if it was one of them."""
        if is_admin_path(request.path_info) or getattr(request, "is_preview", False) or _signed_in(request):
            add_never_cache_headers(response)
            return True
        return False

    @staticmethod
    def _patch_session(request, response):
        """An anonymous reader with a live session: ``private``, varying by the cookie.

        What the session unlocked (a page's password, which Wagtail keeps there) may be in the answer, and the
        answer says so to no cache otherwise: a shared cache could keep it for everyone, a browser after the session
        ends. Plain ``private`` (with its ETag, for 304s) for the others; pages under a view restriction say
        ``no-store`` already (Wagtail's ``check_view_restrictions``).
        """
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:  # a dead one is forgotten by _may_read
            return
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ("Cookie",))

    @staticmethod
    def _drop_date_validator(response):
        """The ETag is the only validator of a rendered answer (README, "Caching").

        The Last-Modified that the feeds and the sitemap take from their items' dates does not move when an item is
        unpublished or deleted, a setting or tag changes, or an embargo ends: an If-Modified-Since (Googlebot, feed
        readers, Varnish refreshing a stale copy) would be answered 304, keeping the old answer. A file's (a
        document's) is its file's and stays.
        """
        if not response.streaming:
            del response["Last-Modified"]

    def _shareable(self, request, response):
        return (
            (response.status_code == 200 or self._public_redirect(response))
            and not response.streaming
            and not response.cookies
            and not (_cache_control(response) & _UNSHAREABLE)
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )

    @staticmethod
    def _public_redirect(response):
        """A redirect its view says is public (a reader's redirect, base/redirects.py), shared as a page is.

        Not the others (a slash added, a page's own language, the sign-in of a private page): they say nothing, and
        the sign-in one must never be kept by a browser that then signs in.
        """
        return response.status_code in (301, 302) and "public" in _cache_control(response)

    @staticmethod
    def _is_redirect(status):
        return status in (301, 302)

    def _key(self, request, current, full=False):
        gzip = "gz" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
        address = request.build_absolute_uri(original_full_path(request) if full else None)
        return f"page-cache:{current}:{gzip}:{hashlib.sha256(address.encode()).hexdigest()}"

    # -- keeping and answering --

    def _keep(self, request, response, key, next_instant, seconds):
        now = time.time()
        # An instant passed during the render (next_instant <= now) leaves a lifetime of 0: not kept, and no shared
        # cache may keep it either.
        lifetime = min(seconds, int(next_instant - now) if next_instant else seconds)
        view_max_age = get_max_age(response)
        view_s_maxage = _s_maxage(response)
        # What the view itself allows shared caches (its s-maxage, else its max-age): a fixed number, as ours.
        view_shared = view_s_maxage if view_s_maxage is not None else view_max_age
        if view_shared is not None:
            lifetime = min(lifetime, view_shared)
        self._drop_vary_language(response)
        if not response.has_header("ETag"):
            set_response_etag(response)
        self._patch_public(response, lifetime, view_max_age, view_shared)
        if lifetime <= 0 or request.method != "GET":
            return
        entry = {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name not in ("X-Cache", "Cache-Control")],
            "content": response.content,
            "kept": now,  # a copy is good from then (a clock set back does not find it) until it expires
            "expires": now + lifetime,
            "view_max_age": view_max_age,
            "view_shared": view_shared,
        }
        cache.set(key, entry, lifetime)

    def _from_entry(self, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        self._patch_public(
            response, int(entry["expires"] - time.time()), entry["view_max_age"], entry.get("view_shared")
        )
        response["X-Cache"] = HIT
        return response

    def _patch_public(self, response, lifetime, view_max_age, view_shared):
        """Fixed lifetimes for browsers and shared caches, whatever is left of ours (``lifetime``).

        Ours is capped at the next instant pages change by the clock; headers that followed it would count down to
        that instant, telling any reader, minutes ahead, when something under embargo goes public. Shared caches
        get ``PAGE_CACHE_SHARED_SECONDS`` (a minute: a copy taken just before an embargo's end shows the release
        within a minute of it, in Varnish, a CDN or a proxy we cannot purge), browsers at most as long; 0 for both
        when an instant passed during the render (``lifetime`` 0: it may lack what just went public).
        """
        shared = settings.PAGE_CACHE_SHARED_SECONDS if lifetime > 0 else 0
        if view_shared is not None:
            shared = min(shared, view_shared)
        browsers = min(settings.PAGE_CACHE_BROWSER_SECONDS, shared)
        if view_max_age is not None:
            browsers = min(browsers, view_max_age)
        response.headers.pop("Cache-Control", None)
        patch_cache_control(response, public=True, max_age=browsers, s_maxage=shared)

    @staticmethod
    def _drop_vary_language(response):
        if not response.has_header("Vary"):
            return
        kept = [item for item in cc_delim_re.split(response["Vary"]) if item.strip().lower() != "accept-language"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip, for text answers to readers only (see the module docstring: BREACH)."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        # Signed-in users are recognised by their session cookie: this runs below the page cache, which marks their
        # answers private only after this has compressed them.
        if (
            is_admin_path(request.path_info)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or _signed_in(request)
            or "private" in _cache_control(response)
            or content_type not in settings.PAGE_CACHE_COMPRESSED_TYPES
        ):
            return response
        return super().process_response(request, response)
