"""Shared set-up for the benchmarks: Django on a throw-away test database, timing helpers.

Not a test module. Each bench script does::

    from _common import bench_database, get, measure, print_table
    with bench_database(demo=True):
        ...

Requests go straight through Django's WSGI handler, in this process: the full middleware
stack, no network, and none of the test client's template instrumentation (which copies
every template context and would inflate the render times).
"""

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

_handler = WSGIHandler()


@contextlib.contextmanager
def bench_database(demo=True):
    """A fresh test database (in-memory SQLite, or test_<name> with DATABASE_URL), dropped afterwards."""
    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    print(f"database: {connection.vendor}, migrated in {time.perf_counter() - started:.1f}s", flush=True)
    try:
        if demo:
            started = time.perf_counter()
            call_command("load_demo_content", stdout=io.StringIO())
            print(f"demo content loaded in {time.perf_counter() - started:.1f}s", flush=True)
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


@contextlib.contextmanager
def live_server(port, collected_static=False, **overrides):
    """Serve the bench database on 127.0.0.1:port (pytest-django's LiveServer thread), with the default Site's
    address set to it (as `make run` does), and ``overrides`` as settings while it runs. Yields its URL.

    Static files come from the apps' folders, uncompressed, as under `make run`; with ``collected_static`` they are
    collected first into a temporary folder by production's storage (hashed names, gzip and brotli copies) and
    served by whitenoise, as in production."""
    import tempfile

    from django.conf import settings
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    with contextlib.ExitStack() as stack:
        if collected_static:
            root = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-static-"))
            storages = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
            }
            stack.enter_context(override_settings(STATIC_ROOT=root, STORAGES=storages))
            call_command("collectstatic", interactive=False, verbosity=0)
        server = LiveServer(f"127.0.0.1:{port}", start=False)
        if collected_static:
            server.thread.static_handler = lambda application: application  # whitenoise's middleware serves them
        server.start()
        server._live_server_modified_settings.enable()
        try:
            with override_settings(SITE_URL=server.url, **overrides):
                call_command("set_site_url", verbosity=0)
                yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


def page_path(page):
    """A page's path on the (single) site: Italian pages have no language prefix."""
    return page.get_url_parts()[2]


def get(path):
    """GET path (with its query string, if any) through the WSGI handler; returns (status code, body bytes)."""
    path, _, query = path.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO(b"")}
    setup_testing_defaults(environ)
    status = []
    response = _handler(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(response)
    finally:
        response.close()
    return int(status[0].split()[0]), body


def measure(path, repeat=20, warmup=2):
    """GET path `warmup` times (renditions, caches), then `repeat` times.

    Returns (status, queries of a warm request, median ms, 90th-percentile ms, bytes).
    """
    for _ in range(warmup):
        get(path)
    with CaptureQueriesContext(connection) as captured:
        status, body = get(path)
    # Count now: captured_queries reads the connection's log, which the next request resets.
    queries = len(captured.captured_queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        status, body = get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return status, queries, statistics.median(times), p90, len(body)


def print_table(headers, rows):
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def growth_arguments(doc):
    """The command line of a benchmark that grows the data (``measure_growth``): --sizes and --repeat.
    ``doc`` is the script's docstring, whose first line describes it in --help."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per URL and size (default 10)")
    return parser.parse_args()


def measure_growth(sizes, grow, urls, repeat, unit):
    """Grow the data to each size in turn (``grow(size)``), measure each of ``urls`` ([(label, path)]) at
    each size, print one table and whether each URL's query count stayed constant. ``unit`` names what grows."""
    rows, counts = [], {}
    for size in sorted(sizes):
        started = time.perf_counter()
        grow(size)
        print(f"{size} {unit} ready in {time.perf_counter() - started:.1f}s", flush=True)
        for label, path in urls:
            status, queries, median, p90, size_bytes = measure(path, repeat=repeat)
            counts.setdefault(label, set()).add(queries)
            rows.append((label, size, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{size_bytes / 1024:.1f}"))
    print()
    rows.sort(key=lambda row: ([u[0] for u in urls].index(row[0]), row[1]))
    print_table(["URL", unit, "status", "queries", "median ms", "p90 ms", "KiB"], rows)
    print()
    for label, seen in counts.items():
        verdict = "constant" if len(seen) == 1 else f"GROWS with the number of {unit}"
        print(f"{label}: queries {verdict} ({', '.join(map(str, sorted(seen)))})")
