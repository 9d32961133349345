"""``/healthz`` and ``/readyz``: what a load balancer or Varnish asks before sending readers to an app server.

- ``/healthz``: the process is alive and answering; touches nothing else (a database outage must not make every
  app server look dead: Varnish would then have nobody to ask, not even for the 503 page).
- ``/readyz``: this app server can serve pages: the database answers and has every migration applied, the cache
  answers, the media storage answers. 200 when all do, 503 otherwise; the body says which check failed and the kind
  of error, never a message (it could name a host or a user).

Both are answered by the first middleware, before anything else runs: no host check (probes address an app server
by its IP, which is not in ALLOWED_HOSTS), no redirect to https (probes speak plain HTTP to the app server), no
session, no language. They are never cached (``Cache-Control: no-store``), and not pages, so not in the sitemap.
"""

import json
import os
import uuid

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

HEALTHZ = "/healthz"
READYZ = "/readyz"

_migrations_applied = False  # once true, true for the life of the process: migrations are only ever added


def _database():
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations():
    global _migrations_applied
    if _migrations_applied:
        return
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations")
    _migrations_applied = True


def _cache():
    # The production cache ignores Redis errors (a miss): a value that does not come back is the only sign.
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _storage():
    default_storage.exists("readyz-probe")  # a HEAD request on object storage
    if isinstance(default_storage, FileSystemStorage):  # the media folder: it must be there and writable
        location = default_storage.location
        if not (os.path.isdir(location) and os.access(location, os.W_OK)):
            raise RuntimeError("the media folder is missing or read-only")


CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "storage": _storage}


def _respond(status, body):
    response = HttpResponse(json.dumps(body, indent=1) + "\n", status=status, content_type="application/json")
    add_never_cache_headers(response)
    # A failed check is an answer, not a server error: Django would log (and mail) a 503 as one.
    response._has_been_logged = True
    return response


def healthz():
    return _respond(200, {"status": "ok"})


def readyz():
    results = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results["database"] != "ok":
            results[name] = "not checked"
            continue
        try:
            check()
        except Exception as error:  # any failure is an answer, never a 500
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    if results["database"] != "ok":
        # A connection that failed half-way must not be reused by the next request of this worker.
        connections[DEFAULT_DB_ALIAS].close_if_unusable_or_obsolete()
    ready = all(result == "ok" for result in results.values())
    return _respond(200 if ready else 503, {"status": "ok" if ready else "unavailable", "checks": results})


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the two probe addresses for any Host, over plain HTTP (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ:
            return healthz()
        if request.path == READYZ:
            return readyz()
        return self.get_response(request)
