"""A database that cannot be reached is an outage, not a bug: readers get the branded 503 page with Retry-After.

With PostgreSQL stopped the connection is refused at once; with PostgreSQL hung it fails after DB_CONNECT_TIMEOUT
seconds, and a statement it accepted but does not finish fails after DB_STATEMENT_TIMEOUT_MS (production.py). Either
way Django raises ``OperationalError`` (or ``InterfaceError`` on a connection that broke), wherever the first query
happens: in a middleware or in the view. Every such exception reaches ``handler500``, so that is where it is turned
into a 503, whichever layer raised it. Varnish passes 503s through uncached (or serves a stale copy, which is
better); the error reporter counts every request of the outage as one error (config/error_reports.py).
"""

import sqlite3
import sys

from django import db
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

# Long enough for a restart or a fail-over, short enough that a reader retrying is not kept away for long.
RETRY_AFTER_SECONDS = 30


def _query_fault(exception):
    """Whether a database error is the query's own fault, which SQLite reports as an OperationalError too.

    SQLite calls its generic error SQLITE_ERROR: a query it cannot run ("no such column", a full-text query it
    cannot parse). That is a bug or bad input, the same every time: a 500 reported as such, not an outage asking
    readers to come back in 30 seconds. A file that cannot be opened, a locked or full database have codes of their
    own. PostgreSQL reports a query's own faults as ProgrammingError or DataError, never OperationalError.
    """
    cause = exception.__cause__
    return isinstance(cause, sqlite3.Error) and getattr(cause, "sqlite_errorname", None) == "SQLITE_ERROR"


def database_unavailable(exception):
    """Whether ``exception`` (or one it was raised from) says the database could not be reached or answer."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (db.OperationalError, db.InterfaceError)):
            return not _query_fault(exception)
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


@requires_csrf_token
def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: the 503 page for a database outage, Django's 500 page (500.html) for anything else."""
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request, template_name)
    # Rendered like 500.html: no request context, no database.
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
