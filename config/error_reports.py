"""Where server errors go: the console log, and a mail to ADMINS that never holds up a reader.

Django's AdminEmailHandler sends the mail inside the request that failed: with a slow mail server every 500 keeps
a worker busy for as long as the server takes, and a flood of errors (the database down) is a flood of mails.
``ErrorReportHandler`` keeps Django's report (same text, same settings filter) but

- groups errors by a fingerprint: exception type, where it was raised, the URL pattern of the request; every
  error saying the database is out of reach is one error, whatever the page (config/db_errors.py);
- reports the first occurrence of an error at once, then counts the identical ones: at the end of the minute one
  follow-up mail gives the count, and so on, so an error is mailed at most once a minute;
- remembers at most ten times as many errors as the queue holds;
- renders the report in the request (only for the first occurrence: the traceback and the request are only
  valid there) and sends it from a background thread, through a bounded queue: when the queue is full the report
  is dropped and counted (the count is mailed), so memory cannot grow; the mail connection has a short timeout
  (ERROR_REPORT_EMAIL_TIMEOUT).

The stdlib pair QueueHandler/QueueListener would move the sending off the request thread, but its listener only
wakes up for a new record, and the follow-up mail must leave when a minute has passed with nothing new. So the
handler owns a small thread that waits on the queue with a timeout. The thread starts at the first report in each
process (so in each gunicorn worker, also after a fork) and is a daemon: it never keeps a worker from exiting.

``SettingsFilter``: what error reports leave out of the settings they list. Django hides the settings whose names
say they are secret (…KEY, …PASSWORD, …TOKEN). Addresses can carry a password too (``redis://:password@host``), in
REDIS_URL and in the cache's LOCATION: hidden as well.
"""

import logging
import os
import queue
import re
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.utils.log import AdminEmailHandler
from django.views.debug import SafeExceptionReporterFilter

from config.db_errors import database_unavailable

logger = logging.getLogger(__name__)


class SettingsFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(SafeExceptionReporterFilter.hidden_settings.pattern + "|URL|LOCATION", flags=re.I)


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
            self._seen[key] = Occurrences(summary=summary, since=self.clock())
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
        follow_ups = []
        with self._lock:
            for key, seen in list(self._seen.items()):
                if now - seen.since < self.window:
                    continue
                if seen.count:
                    follow_ups.append((seen.summary, seen.count))
                    seen.since, seen.count = now, 0  # the repeats in the next minute make the next follow-up
                else:
                    del self._seen[key]  # a quiet minute: the next occurrence is reported at once
            dropped = 0
            if self._dropped and (self._dropped_reported_at is None or now - self._dropped_reported_at >= self.window):
                dropped, self._dropped, self._dropped_reported_at = self._dropped, 0, now
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
