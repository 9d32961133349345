"""Shared set-up for the benchmarks: Django on a throw-away test database, timing helpers.

Not a test module. Each bench script does::

    from _common import bench_database, get, measure, print_table
    with bench_database(demo=True):
        ...

Run from a checkout's root, a script imports that checkout's code (``cd ../old && python ../new/bench/pages.py``
measures the old code); from anywhere else, the code next to it.

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

# The project in the working directory when there is one, else this script's: run from another checkout (an older
# commit), a bench script measures that checkout's code with today's measurements.
ROOT = Path.cwd() if (Path.cwd() / "manage.py").is_file() else Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# What is measured is the work of a page, not a whole-page cache hit: the page cache (config/page_cache.py, where
# it exists) is off, as it is for a page that is not in it yet. Set before the handler loads the middleware.
settings.PAGE_CACHE_SECONDS = 0
# The site chrome's cache (base/fragment_cache.py) is on, as in production: the test settings turn it off for the
# tests that count queries, but a page rendered in production reads its menus and footer from it.
settings.CHROME_CACHE_SECONDS = 300

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


def get(path, environ=None):
    """GET path (with its query string, if any) through the WSGI handler; returns (status code, body bytes).
    ``environ`` adds to the request's WSGI environ (e.g. ``signed_in_environ``'s session cookie)."""
    path, _, query = path.partition("?")
    environ = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "localhost",
        "wsgi.input": io.BytesIO(b""),
        **(environ or {}),
    }
    setup_testing_defaults(environ)
    status = []
    response = _handler(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(response)
    finally:
        response.close()
    return int(status[0].split()[0]), body


def signed_in_environ(user):
    """The WSGI environ of requests by ``user``, signed in (a session of the bench database), for ``get``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}


def measure(path, repeat=20, warmup=2):
    """GET path `warmup` times (renditions, caches), then `repeat` times.

    Returns (status, queries of a warm request, median ms, 90th-percentile ms, bytes).
    """
    status, queries, median, p90, size, _cpu = measure_with_cpu(path, repeat=repeat, warmup=warmup)
    return status, queries, median, p90, size


def measure_with_cpu(path, repeat=20, warmup=2, environ=None):
    """As ``measure``, with the median CPU time of this process per request (ms) last.

    On a machine shared with other work the wall-clock time also counts the time the process waited for a
    core; the CPU time does not, so it compares runs made under different loads better.
    """
    for _ in range(warmup):
        get(path, environ)
    with CaptureQueriesContext(connection) as captured:
        status, body = get(path, environ)
    # Count now: captured_queries reads the connection's log, which the next request resets.
    queries = len(captured.captured_queries)
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        status, body = get(path, environ)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return status, queries, statistics.median(times), p90, len(body), statistics.median(cpu)


# Set when this process runs under valgrind's callgrind (``count_instructions``): the file its counts are dumped to.
CALLGRIND_OUT = os.environ.get("BENCH_CALLGRIND_OUT")


def count_instructions():
    """Run this script again, with the same arguments, under valgrind's callgrind, which counts the instructions the
    process runs, and collects nothing until ``measure_instructions`` asks. A count, unlike a time, is the same on a
    busy machine as on an idle one (within a few hundred thousand instructions of a request's tens of millions, with
    the same hash seed; the toggling itself is about half a million, counted alike for every URL): two versions of
    the code, or two projects, measured on a shared machine compare as they would alone. The process runs about five
    to ten times slower than it would outside valgrind while it collects nothing, fifty times while it collects.
    callgrind_control reaches the process through valgrind's gdbserver (ptrace): where the kernel restricts ptrace
    (Ubuntu's default ``kernel.yama.ptrace_scope=1``), ``sysctl kernel.yama.ptrace_scope=0`` first. Valgrind's log
    and the counts stay in a folder under the temporary directory, named in valgrind's command line.
    """
    import shutil
    import tempfile

    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("counting instructions needs valgrind: apt-get install -y valgrind")
    folder = tempfile.mkdtemp(prefix="bench-callgrind-")
    out = os.path.join(folder, "callgrind.out")
    env = {**os.environ, "BENCH_CALLGRIND_OUT": out, "PYTHONHASHSEED": "0"}
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}"]
    # Valgrind's own report goes to a file: on stderr it would bury the table.
    log = "--log-file=" + os.path.join(folder, "valgrind.log")
    os.execvpe("valgrind", [*command, log, sys.executable, *sys.argv], env)


def measure_instructions(path, repeat=3, warmup=2):
    """GET path ``warmup`` times, then ``repeat`` times counting instructions (in this process, under callgrind:
    ``count_instructions``). Returns (status, queries of a warm request, instructions per request, bytes)."""
    import gc
    import glob
    import subprocess

    def control(*arguments):
        subprocess.run(["callgrind_control", *arguments, str(os.getpid())], check=True, capture_output=True)

    for _ in range(warmup):
        get(path)
    with CaptureQueriesContext(connection) as captured:
        status, body = get(path)
    queries = len(captured.captured_queries)
    dumped = set(glob.glob(CALLGRIND_OUT + ".*"))
    # A full collection walks every object of the process, which here holds the whole demo load: where one fell in
    # the three counted requests depended on all that came before (the same page counted 30 million more in one run
    # than in the next, with other URLs before it). Collected now, none falls in them; the young generations'
    # collections, which a request's own objects bring about, are still counted.
    gc.collect()
    control("--instr=on")
    for _ in range(repeat):
        status, body = get(path)
    # Off before the dump, so that the dump's own work is not counted with the next URL's requests. A dump writes what
    # was counted since the last one to a new file (callgrind.out.N), then starts again from 0: its "totals:" line
    # (its "summary:" line, after the first dump, is not that count).
    control("--instr=off")
    control("--dump")
    (dump,) = set(glob.glob(CALLGRIND_OUT + ".*")) - dumped
    with open(dump) as counts:
        total = next(int(line.split()[1]) for line in counts if line.startswith("totals:"))
    return status, queries, total / repeat, len(body)


def print_page_table(urls, repeat=20):
    """Measure each (label, path) of ``urls`` (``measure_with_cpu``) and print the table of bench/pages.py; under
    callgrind (``count_instructions``), the instructions per request instead of the times."""
    rows = []
    if CALLGRIND_OUT:
        for label, path in urls:
            status, queries, instructions, size = measure_instructions(path, repeat=repeat)
            rows.append((label, path, status, queries, f"{instructions / 1e6:.1f}", f"{size / 1024:.1f}"))
        print_table(["URL", "path", "status", "queries", "M instructions", "KiB"], rows)
        return
    for label, path in urls:
        status, queries, median, p90, size, cpu = measure_with_cpu(path, repeat=repeat)
        rows.append((label, path, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{cpu:.1f}", f"{size / 1024:.1f}"))
    print_table(["URL", "path", "status", "queries", "median ms", "p90 ms", "CPU ms", "KiB"], rows)


def print_table(headers, rows):
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def growth_arguments(doc, sizes=(10, 100, 1000)):
    """The command line of a benchmark that grows the data (``measure_growth``): --sizes and --repeat.
    ``doc`` is the script's docstring, whose first line describes it in --help."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per URL and size (default 10)")
    return parser.parse_args()


def measure_growth(sizes, grow, urls, repeat, unit, environ=None):
    """Grow the data to each size in turn (``grow(size)``), measure each of ``urls`` ([(label, path)]) at
    each size, print one table and, for each URL, whether its query count stayed constant and how its size
    and CPU time grew from the smallest to the largest size. ``unit`` names what grows; ``environ`` is passed
    to ``get`` (a signed-in user's, for admin pages)."""
    rows, seen = [], {}
    for size in sorted(sizes):
        started = time.perf_counter()
        grow(size)
        print(f"{size} {unit} ready in {time.perf_counter() - started:.1f}s", flush=True)
        for label, path in urls:
            status, queries, median, p90, size_bytes, cpu = measure_with_cpu(path, repeat=repeat, environ=environ)
            seen.setdefault(label, []).append((queries, size_bytes, cpu))
            rows.append(
                (label, size, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{cpu:.1f}", f"{size_bytes / 1024:.1f}")
            )
    print()
    rows.sort(key=lambda row: ([u[0] for u in urls].index(row[0]), row[1]))
    print_table(["URL", unit, "status", "queries", "median ms", "p90 ms", "CPU ms", "KiB"], rows)
    print()
    for label, points in seen.items():
        counts = sorted({queries for queries, _size, _cpu in points})
        verdict = "constant" if len(counts) == 1 else f"GROW with the number of {unit}"
        (_q0, size0, cpu0), (_q1, size1, cpu1) = points[0], points[-1]
        print(
            f"{label}: queries {verdict} ({', '.join(map(str, counts))}); "
            f"HTML/body x{size1 / max(size0, 1):.2f}, CPU time x{cpu1 / max(cpu0, 0.001):.2f} "
            f"from {min(sizes)} to {max(sizes)} {unit}"
        )
