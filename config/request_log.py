"""One JSON log line per request and per error, tied together by a request id (production; docs/deploy.md).

- ``RequestLogMiddleware`` (second in MIDDLEWARE, after the health probes, which are not logged: Varnish asks
  every second) takes the request id from ``X-Request-ID`` (Varnish sets it from its own transaction id, so its
  log and ours name the same request) or makes one, sends it back in the response, and logs one line when the
  response is ready: method, path, status, duration, whether a cache answered (the ``X-Cache`` header of the
  response, if something set one), and the user's id for staff (never for readers: they are not tracked). The path
  is written as error reports write it: the parts its URLconf captures as secrets (an early-access link's token, a
  password reset's) as the substitute (config/error_reports.py), so the log holds no working link. It replaces
  gunicorn's access log, which names requests by their id only (deploy/gunicorn.conf.py).
- ``RequestIdFilter`` puts the current request id on every log record, so an error's line names its request.
- ``JsonFormatter`` writes each record as one line of JSON, the traceback included as a string.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from config.error_reports import LogAddressFilter

logger = logging.getLogger("torino.requests")

_request_id = contextvars.ContextVar("request_id", default=None)
# What an incoming id may look like: no way to inject quotes, newlines or a novel into the log.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_address_filter = LogAddressFilter()


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Not reset when the response leaves this middleware: Django logs a 4xx or 5xx after the whole chain has
        # returned, and that line must name the request too. The next request of this thread sets its own.
        _request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        path = _address_filter.cleanser.safe_path(request)
        fields = {
            "method": request.method,
            "path": path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "cache": response.get("X-Cache", ""),
        }
        if user is not None and getattr(user, "is_staff", False):
            fields["user_id"] = user.pk
        logger.info("%s %s %s", request.method, path, response.status_code, extra={"request": fields})
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        fields = getattr(record, "request", None)
        if isinstance(fields, dict):  # our request line; Django's own records carry the HttpRequest there
            entry.update(fields)
        elif record.name.startswith("django.request") and getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            # exc_text when LogAddressFilter left one: the traceback with the address's secrets hidden.
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
