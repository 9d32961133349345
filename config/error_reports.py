"""Where server errors go: the console log, and a mail to ADMINS that never holds up a reader.

Django's AdminEmailHandler sends the mail inside the request that failed: with a slow mail server every 500 keeps
a worker busy for as long as the server takes, and a flood of errors (the database down) is a flood of mails.
``ErrorReportHandler`` keeps Django's report (same text, same settings filter) but

- groups errors by a fingerprint: exception type, where it was raised, the URL pattern of the request; every
  error saying the database is out of reach is one error, whatever the page (config/db_errors.py);
- reports the first occurrence of an error at once, then counts the identical ones: at the end of the minute one
  follow-up mail gives the count, and so on, so an error is mailed at most once a minute;
- keeps that limit for the whole site, across workers and app servers, when the cache is shared (Redis): each mail
  needs the error's turn, an atomic ``cache.add`` of a key that lives one minute, so whichever process gets it
  mails, the others count; their counts go into a shared counter at the end of their minute and the next follow-up,
  sent by whichever process gets the next turn, gives the site's total. Without a shared cache (LocMemCache: each
  process has its own), or while Redis is down, the limit falls back to each process: a worker mails the first
  occurrence it sees and its own counts. A down Redis costs one short wait per worker and per
  REDIS_BREAKER_SECONDS, never one per error (config/redis_breaker.py), and nothing waits in the request but the
  single ``add`` of a new error;
- remembers at most ten times as many errors as the queue holds;
- renders the report in the request (only for the first occurrence: the traceback and the request are only
  valid there) and sends it from a background thread, through a bounded queue: when the queue is full the report
  is dropped and counted (the count is mailed), so memory cannot grow; the mail connection has a short timeout
  (ERROR_REPORT_EMAIL_TIMEOUT).

The stdlib pair QueueHandler/QueueListener would move the sending off the request thread, but its listener only
wakes up for a new record, and the follow-up mail must leave when a minute has passed with nothing new. So the
handler owns a small thread that waits on the queue with a timeout. The thread starts at the first report in each
process (so in each gunicorn worker, also after a fork) and is a daemon: it never keeps a worker from exiting.

``SettingsFilter`` (DEFAULT_EXCEPTION_REPORTER_FILTER): what error reports leave out.

- Settings: Django hides those whose names say they are secret (…KEY, …PASSWORD, …TOKEN). Addresses can carry a
  password too (``redis://:password@host``), in REDIS_URL and in the cache's LOCATION: hidden as well.
- POST data: Django hides only the fields a view names with ``sensitive_post_parameters``, and a view that forgot
  (wagtail-2fa's device form, with the user's password) had them mailed in clear. Every field whose name says it is
  secret (password, passwd, otp, token, code, secret, key, as in ``new_password1``, ``otp_token``,
  ``csrfmiddlewaretoken``) is hidden whatever the view, in the report's POST list and wherever the POST data shows
  up among a frame's variables (the HTML report). Hiding a harmless field costs a line of the report; showing a
  password costs the password.
- Cookies: Django hides the session cookie and those named like a setting it hides (csrftoken), and shows the rest.
  Every cookie's value is hidden: a cookie is the visitor's (a signed message, a preference, a third party's
  identifier) and its name is all an investigation needs. The Cookie header itself, among the request's headers,
  Django hides already (HTTP_COOKIE), as it hides Authorization and X-Api-Key.
- The address: a secret can be in the path (an early-access link, /anteprima/<token>/; a password reset,
  …/confirm/<uidb64>/<token>/) or in the query string (?token=, ?signature=), and Django shows the address in the
  subject, "Request URL", the first line, META (PATH_INFO, REQUEST_URI, RAW_URI, QUERY_STRING, the Referer) and GET.
  Which parts of a path are secret the URLconf says: those it captures under a name that says so (``token``, not
  ``uidb64``, which names the user), so a new pattern is covered by naming its argument, with no list of addresses
  to keep. ``ErrorReporter`` (DEFAULT_EXCEPTION_REPORTER) renders the report of a copy of the request with those
  parts as the substitute, and the handler does the same to the message the subject is made of.
"""

import copy
import functools
import hashlib
import logging
import os
import queue
import re
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from urllib.parse import quote, quote_plus, unquote, unquote_plus, urlsplit

from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.http import HttpRequest
from django.urls import resolve
from django.utils.html import escape
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter, get_exception_reporter_filter

from config.db_errors import database_unavailable

logger = logging.getLogger(__name__)

# Cache backends that each process keeps to itself: a turn taken there would hold for one process only, which the
# handler's own memory does already.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# How long the shared count of an error's repeats survives with nobody to mail it (the error stopped while the
# process holding the count could not get a turn, and then died): long enough for any follow-up, not for ever.
SHARED_COUNT_SECONDS = 24 * 60 * 60
# The request's META entries that repeat its address (RAW_URI: gunicorn's; the Referer can be a personal link too).
ADDRESS_META = ("PATH_INFO", "REQUEST_URI", "RAW_URI", "QUERY_STRING", "HTTP_REFERER")
# An address's secret is looked for in the rest of the report (a frame's variables, the exception's message) only
# from this length: a token or a signature is much longer, and a shorter value would replace unrelated text.
SECRET_SEARCHED_FROM = 6


class SettingsFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(SafeExceptionReporterFilter.hidden_settings.pattern + "|URL|LOCATION", flags=re.I)
    # What a secret is called: password, passwd, new_password1, csrfmiddlewaretoken, access_token, client_secret,
    # signature, authorization, apikey anywhere in the name; pass, pwd, otp, pin, auth, sig, jwt as a word of it
    # (not author, bypass_cache, design); a code or a key only as the whole name, alone or after a word that makes
    # it a secret (code, totp_code, recovery-code, apikey, x-api-key, private_key, session_key, secretKey), so that
    # status_code, language_code, country_code, translation_key, sort_key or a cache key (which only names where
    # something is kept) stay readable where an error is investigated.
    secret_names = re.compile(
        r"passw|passphrase|token|secret|signature|authori[sz]ation|apikey|credential"
        r"|(^|[_-])(pass|pwd|otp|totp|hotp|pin|auth|sig|jwt)(\d*)($|[_-])"
        r"|^((recovery|backup|otp|totp|hotp|mfa|2fa|sms|verification|auth|security)[_-]?)?code\d*$"
        r"|^(x[_-])?((api|secret|private|signing|access|session|encryption)[_-]?)?key\d*$"
        r"|^session[_-]?id$",
        flags=re.I,
    )

    def _sensitive_post_parameters(self, request, data):
        """The names to hide: those the view declared (or "__ALL__"), and every name that says it is secret."""
        declared = getattr(request, "sensitive_post_parameters", None) or []
        if declared == "__ALL__":
            return "__ALL__"
        return {*declared, *(name for name in data if self.secret_names.search(str(name)))}

    def _cleansed(self, request, data):
        names = self._sensitive_post_parameters(request, data)
        if not names or not self.is_active(request):
            return data
        data = data.copy()
        for name in data if names == "__ALL__" else names:
            if name in data:
                data[name] = self.cleansed_substitute
        return data

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return self._cleansed(request, request.POST)

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        # The same QueryDict (or a copy: form.data) in a frame's local variables, shown by the HTML report.
        return self._cleansed(request, multivaluedict)

    def get_safe_cookies(self, request):
        if not hasattr(request, "COOKIES"):
            return {}
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        # A local variable holding the secret itself (``password`` in a form's clean_password), in the HTML report.
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [
            (name, self.cleansed_substitute if self.secret_names.search(name) else value) for name, value in variables
        ]

    # --- the address ---------------------------------------------------------------------------------------

    def _path_secrets(self, path, match=None, urlconf=None):
        """The parts of ``path`` the URLconf captures under a secret's name."""
        if match is None:
            try:
                match = resolve(path, urlconf)
            except Exception:  # Resolver404 above all: the report goes whatever the address
                return set()
        return {str(value) for name, value in match.kwargs.items() if self.secret_names.search(name) and value}

    def _request_path_secrets(self, request):
        # The match the request was served by; resolved here when it failed before (in a middleware).
        match = getattr(request, "resolver_match", None)
        return self._path_secrets(request.path_info, match, getattr(request, "urlconf", None))

    def _cleansed_address(self, address, path_secrets):
        """``address`` (a path, with its query string or not, or a whole URL) with the path's parts among
        ``path_secrets`` and the values of the parameters named like secrets as the substitute."""
        head, question, query = address.partition("?")
        head = "/".join(self.cleansed_substitute if unquote(part) in path_secrets else part for part in head.split("/"))
        return head + question + self._cleansed_query(query)

    def _cleansed_query(self, query):
        # Pair by pair, the rest byte for byte as it came.
        pairs = query.split("&") if query else []
        for index, pair in enumerate(pairs):
            name, equals, _value = pair.partition("=")
            if equals and self.secret_names.search(unquote_plus(name)):
                pairs[index] = f"{name}={self.cleansed_substitute}"
        return "&".join(pairs)

    def _address_meta(self, request, path_secrets):
        meta = dict(request.META)
        for key in ADDRESS_META:
            value = meta.get(key)
            if isinstance(value, str) and value:
                # The Referer is another address: its own path says what is secret in it.
                secrets = self._path_secrets(urlsplit(value).path) if key == "HTTP_REFERER" else path_secrets
                meta[key] = (
                    self._cleansed_query(value) if key == "QUERY_STRING" else self._cleansed_address(value, secrets)
                )
        return meta

    def get_safe_request_meta(self, request):
        if not hasattr(request, "META"):
            return {}
        if not self.is_active(request):
            return super().get_safe_request_meta(request)
        meta = self._address_meta(request, self._request_path_secrets(request))
        return {name: self.cleanse_setting(name, value) for name, value in meta.items()}

    def cleanse_special_types(self, request, value):
        value = super().cleanse_special_types(request, value)
        try:
            is_request = isinstance(value, HttpRequest)
        except Exception:  # a lazy object failing to evaluate: Django's own method said so already
            return value
        # A frame's request, shown by its repr, which is its address (the HTML report).
        return self.get_safe_request(value) if is_request else value

    def get_safe_request(self, request):
        """A copy of the request whose address (path, query string and GET, the META that repeat them) shows no
        secret: what the report shows of the request."""
        if request is None or not self.is_active(request):
            return request
        secrets = self._request_path_secrets(request)
        safe = copy.copy(request)
        safe.path = self._cleansed_address(request.path, secrets)
        safe.path_info = self._cleansed_address(request.path_info, secrets)
        safe.META = self._address_meta(request, secrets)
        safe.GET = request.GET.copy()
        for name, values in request.GET.lists():
            if self.secret_names.search(name):
                safe.GET.setlist(name, [self.cleansed_substitute] * len(values))
        return safe

    def cleanse_text(self, request, text):
        """Free text about the request (the log message the subject is made of, the rendered report, with the
        exception's message and the frames' variables) with the address's secrets as the substitute."""
        if request is None or not self.is_active(request):
            return text
        safe = self.get_safe_request(request)
        # The address itself, whatever the length of its secrets (Django's message is "…: <path>").
        for address, safe_address in [(request.get_full_path(), safe.get_full_path()), (request.path, safe.path)]:
            if address != safe_address:
                text = text.replace(address, safe_address)
        secrets = self._request_path_secrets(request) | {
            value for name, values in request.GET.lists() if self.secret_names.search(name) for value in values
        }
        for secret in sorted(secrets, key=len, reverse=True):
            if len(secret) >= SECRET_SEARCHED_FROM:
                for form in {secret, quote(secret), quote_plus(secret), escape(secret)}:
                    text = text.replace(form, self.cleansed_substitute)
        return text


class LogAddressFilter(logging.Filter):
    """The server's log lines (django.request's "Not Found: <path>", django.server's request line, a traceback) with
    the address's secrets as the substitute, as in a report: the same URLconf says which parts are secret
    (``SettingsFilter``). Whatever DEBUG says: a log outlives the session that wrote it.

    The record is changed in place (a filter cannot hand on a copy before Python 3.12): its arguments, not its
    message template, so the error mail's fingerprint (the template) still groups one error at every address.
    The HttpRequest the record carries (``record.request``) is left whole: no formatter writes it, and the error
    mail needs it to find the secrets it hides.
    """

    # A path in free text: after a space, a quote or the start, up to the next space or quote.
    _address = re.compile(r"""(?:(?<=[\s"'(])|^)/[^\s"']*""")

    def __init__(self, name=""):
        super().__init__(name)
        self.cleanser = _LogCleanser()

    def filter(self, record):
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):  # django.request, django.security.*: the request itself says
            clean = functools.partial(self.cleanser.cleanse_text, request)
        else:  # django.server (its request is the socket), anything else: each path named
            clean = self.cleanser.cleanse_addresses
        try:
            if isinstance(record.msg, str):
                record.msg = clean(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(clean(arg) if isinstance(arg, str) else arg for arg in record.args)
            if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
                # Formatters write exc_text when it is there: the traceback's messages can hold the address too.
                record.exc_text = clean(logging.Formatter().formatException(record.exc_info))
        except Exception:  # a log line is never lost to its cleansing
            return True
        return True


class _LogCleanser(SettingsFilter):
    def is_active(self, request):
        return True  # the log is cleansed with DEBUG on too (the debug page shows everything, the log keeps it)

    def cleanse_addresses(self, text):
        """Each path in ``text`` with its secrets as the substitute (no request: its path says what is secret)."""
        return LogAddressFilter._address.sub(
            lambda found: self._cleansed_address(found[0], self._path_secrets(unquote(found[0].partition("?")[0]))),
            text,
        )

    def safe_path(self, request):
        """``request.path`` with the parts its URLconf captures as secrets as the substitute (the request log)."""
        return self._cleansed_address(request.path, self._request_path_secrets(request))


class ErrorReporter(ExceptionReporter):
    """Django's report of the request with no secret its address carries (SettingsFilter.get_safe_request)."""

    def __init__(self, request, exc_type, exc_value, tb, is_email=False):
        super().__init__(request, exc_type, exc_value, tb, is_email)
        self.unsafe_request = request
        self.request = self.filter.get_safe_request(request)

    def get_traceback_html(self):
        return self.filter.cleanse_text(self.unsafe_request, super().get_traceback_html())

    def get_traceback_text(self):
        return self.filter.cleanse_text(self.unsafe_request, super().get_traceback_text())


class AsWarning(logging.Filter):
    """Turns a record into a one-line warning: for events worth a log line but neither a traceback nor a mail."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = None
        return True


def fingerprint(record):
    """What makes two error records "the same error"."""
    request = getattr(record, "request", None)
    match = getattr(request, "resolver_match", None)
    # The URL pattern, not the path: /progetti/a/ and /progetti/b/ failing the same way are one error.
    route = match.route if match is not None else ""
    exc_type, exc, tb = record.exc_info or (None, None, None)
    if database_unavailable(exc):
        # An outage fails every page, at whichever query comes first: one error, reported once a minute.
        return ("database unavailable",)
    if exc_type is None:
        return (record.name, str(record.msg), f"{record.pathname}:{record.lineno}", route)
    innermost = deque(traceback.walk_tb(tb), maxlen=1)
    where = "".join(f"{frame.f_code.co_filename}:{line}" for frame, line in innermost)
    return (record.name, f"{exc_type.__module__}.{exc_type.__qualname__}", where, route)


@dataclass
class Occurrences:
    summary: str
    since: float  # start of the current minute for this error (the clock's time)
    count: int = 0  # identical errors since then, not reported yet
    shared: bool = False  # under the site-wide limit: repeats go to the shared count, mails need the error's turn
    pending: bool = False  # repeats handed to the shared count, the follow-up waiting for the error's next turn


class ErrorReportHandler(AdminEmailHandler):
    """Django's error mail to ADMINS, sent from a background thread, at most once a minute per error."""

    def __init__(self, window=60, queue_size=100, **kwargs):
        super().__init__(**kwargs)
        self.window = window
        self.queue_size = queue_size
        self.clock = time.monotonic  # replaced by the tests, which move time on
        self._reset()
        # A forked worker inherits the parent's state but not its thread: start afresh.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Lock()
        self._queue = queue.Queue(maxsize=self.queue_size)
        self._thread = None
        self._seen = {}
        self._dropped = 0
        self._dropped_reported_at = None

    # --- in the request ---------------------------------------------------------------------------------

    def emit(self, record):
        if not settings.ADMINS:
            return
        request = getattr(record, "request", None)
        if request is not None:
            # The message names the address (the subject, the report's first line, a follow-up's summary).
            try:
                message = get_exception_reporter_filter(request).cleanse_text(request, record.getMessage())
            except Exception:
                self.handleError(record)
                return
            record = copy.copy(record)
            record.msg, record.args = message, ()
        key = fingerprint(record)
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None:
                seen.count += 1
                return
            if len(self._seen) >= self.queue_size * 10:  # so many different errors: count them, as a full queue
                self._dropped += 1
                return
            summary = record.getMessage()
            if record.exc_info and record.exc_info[0] is not None:
                summary = f"{summary} ({record.exc_info[0].__name__})"
            seen = self._seen[key] = Occurrences(summary=summary, since=self.clock())
        # Another thread meeting the same error now finds it in _seen and counts it: one turn asked per process.
        turn = self._take_turn(key)
        if turn is False:  # another worker or app server mailed this error within the minute: count it
            with self._lock:
                seen.shared, seen.count = True, seen.count + 1
            return
        seen.shared = turn is True
        try:
            super().emit(record)  # Django's report, handed to send_mail() below
        except Exception:
            self.handleError(record)

    def send_mail(self, subject, message, *args, html_message=None, **kwargs):
        self._enqueue((subject, message, html_message))

    def _enqueue(self, item):
        self._ensure_thread()
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            with self._lock:
                self._dropped += 1

    def _ensure_thread(self):
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="error-reports", daemon=True)
                self._thread.start()

    def wait_until_sent(self, timeout=5):
        """Waits (at most ``timeout`` seconds) until what is queued is sent and the follow-ups due are sent too."""
        self._ensure_thread()
        done = threading.Event()
        try:
            self._queue.put(done, timeout=timeout)
        except queue.Full:
            return False
        return done.wait(timeout)

    # --- the site-wide limit (a cache every app server reaches) --------------------------------------------

    def shared_cache(self):
        """The cache every app server shares (Redis in production), or None when each process has its own."""
        alias = getattr(settings, "ERROR_REPORT_CACHE", "default")
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if not backend or backend in PROCESS_LOCAL_CACHES:
            return None
        return caches[alias]

    @staticmethod
    def _cache_key(kind, key):
        # The fingerprint names files and lines: the same on every app server running the same release.
        return f"error-report:{kind}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"

    def _take_turn(self, key):
        """True: this process may mail the error now (nobody did within the minute, site-wide); False: someone did;
        None: no shared cache, or it is down (django-redis answers None for an error it ignores)."""
        cache = self.shared_cache()
        if cache is None:
            return None
        try:
            added = cache.add(self._cache_key("turn", key), 1, timeout=self.window)
        except Exception:  # a cache that raises rather than ignore its errors (Django's own Redis backend)
            return None
        return None if added is None else bool(added)

    def _share_count(self, key, count):
        """Adds this process's repeats to the error's shared count; False when the cache cannot take them."""
        cache = self.shared_cache()
        if cache is None:
            return False
        counter = self._cache_key("count", key)
        try:
            cache.add(counter, 0, timeout=SHARED_COUNT_SECONDS)
            return cache.incr(counter, count) is not None
        except Exception:  # ValueError: the counter expired in between; or the cache is down and raises
            return False

    def _take_shared_count(self, key):
        """The repeats counted by every process since the last follow-up, taken (a count added meanwhile stays)."""
        cache = self.shared_cache()
        counter = self._cache_key("count", key)
        try:
            count = cache.get(counter) or 0
            if count:
                cache.decr(counter, count)
        except Exception:
            return 0
        return count

    def forget(self):
        """Forgets the errors seen and the reports dropped, as a fresh process would (for the tests)."""
        with self._lock:
            self._seen.clear()
            self._dropped, self._dropped_reported_at = 0, None

    def flush(self):
        # Called when the process exits (logging.shutdown): a last chance for the reports still queued.
        if self._thread is not None and self._thread.is_alive():
            self.wait_until_sent(timeout=getattr(settings, "ERROR_REPORT_EMAIL_TIMEOUT", 5))

    # --- in the background thread -----------------------------------------------------------------------

    def _run(self):
        while True:
            try:
                item = self._queue.get(timeout=1)
            except queue.Empty:
                item = None
            try:
                if isinstance(item, tuple):
                    self._send(*item)
                self._send_follow_ups()
            except Exception:  # the thread must survive anything: it is the only one sending reports
                logger.warning("An error report could not be sent", exc_info=True)
            if isinstance(item, threading.Event):
                item.set()

    def _send_follow_ups(self):
        now = self.clock()
        follow_ups, to_share, waiting = [], [], {}
        with self._lock:
            for key, seen in list(self._seen.items()):
                if now - seen.since >= self.window:
                    if seen.count:
                        (to_share if seen.shared else follow_ups).append((key, seen, seen.count))
                        seen.since, seen.count = now, 0  # the repeats in the next minute make the next follow-up
                    elif not seen.pending:
                        del self._seen[key]  # a quiet minute: the next occurrence is reported at once
                        continue
                if seen.pending:
                    waiting[key] = seen
            dropped = 0
            if self._dropped and (self._dropped_reported_at is None or now - self._dropped_reported_at >= self.window):
                dropped, self._dropped, self._dropped_reported_at = self._dropped, 0, now
        follow_ups = [(seen.summary, count) for _key, seen, count in follow_ups]
        for key, seen, count in to_share:
            if self._share_count(key, count):
                seen.pending = True
                waiting[key] = seen
            else:  # the cache is down: this process mails its own count, as without a shared cache
                follow_ups.append((seen.summary, count))
        # A follow-up of the shared count needs the error's turn: asked again every second until it is free.
        for key, seen in waiting.items():
            turn = self._take_turn(key)
            if turn is False:
                continue
            seen.pending = False
            if turn:
                count = self._take_shared_count(key)
                if count:
                    follow_ups.append((seen.summary, count))
        minutes = max(1, round(self.window / 60))
        for summary, count in follow_ups:
            self._send(
                self.format_subject(f"ERROR repeated {count} more times: {summary}"),
                f"The error reported earlier happened {count} more times in the last {minutes} minute(s):\n\n"
                f"{summary}\n\nSee the server's log for each occurrence.",
            )
        if dropped:
            self._send(
                f"ERROR: {dropped} error reports were not sent",
                f"{dropped} error reports were dropped because too many different errors happened at once. "
                "See the server's log for them.",
            )

    def _send(self, subject, message, html_message=None):
        connection = mail.get_connection(
            backend=self.email_backend, timeout=getattr(settings, "ERROR_REPORT_EMAIL_TIMEOUT", 5)
        )
        mail.mail_admins(subject, message, connection=connection, html_message=html_message)
