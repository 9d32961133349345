"""Load benchmark of the production configuration on this machine: pages cached and uncached against a static file.

    .venv/bin/python bench/load.py [--seconds 10] [--connections 20] [--varnish] [--save FILE] [--baseline FILE]

One run starts what production runs — gunicorn with deploy/gunicorn.conf.py and config/settings/production.py
(bench/load_settings.py: the same, with its static files and media in a temporary folder), PostgreSQL, Redis — on
loopback ports, loads the demo content into a PostgreSQL database of its own, and measures with wrk, 20 concurrent
clients by default, the home page, a project page, the project index, a news page and a search:

- uncached: the app server started with PAGE_CACHE_SECONDS=0 (the whole-page cache off);
- cached: started again without it (the page cache as production has it), after two requests of each page, and
  counting the answers marked as hits (``X-Cache: hit``): a run on a build without the page cache says "no hits";
- next to each, a static CSS file from the same server (WhiteNoise), the rate a page served from memory can aim at;
- with --varnish, the same pages and file through Varnish (deploy/varnish/default.vcl) in front of that server.

It prints requests per second, median (p50) and 99th-percentile latency and errors (connection errors, timeouts and
any answer but 200), the CPU time each request cost gunicorn, PostgreSQL and Varnish (from /proc: on a machine shared
with other work, requests per second show the share the servers got, CPU time per request what a machine of their
own would serve), then the issue's targets as ratios: cached pages at least half the static file's rate, p99 of
cached pages under 50 ms, 0 errors, and uncached pages against today's rate (--baseline, by default
bench/load_today.json: the figures of the site before the performance work, measured on this machine kind).

The database is dropped, the servers stopped and the temporary folder removed at the end, also on Ctrl-C or SIGTERM. The
Redis database (--redis-url, database 4 by default) is flushed before each server starts: give it one nobody else
uses. wrk is the load generator: one C process with an event loop per thread, it keeps thousands of connections
busy on one core, so on a machine where the app server has the other cores the client is not what limits the
figures (Debian/Ubuntu: ``apt-get install wrk``).
"""

import argparse
import json
import os
import re
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import print_table  # noqa: E402

from tests.topology.conftest import PG, VARNISHD, Varnish, backends_vcl, manage, psql  # noqa: E402
from tests.topology.servers import HOST, AppServer, answers, free_port, production_env  # noqa: E402

LUA = Path(__file__).with_suffix(".lua")
TODAY = Path(__file__).with_name("load_today.json")
PAGES = ["home page", "project page", "project index", "news page", "search"]
STATIC = "static CSS"
# What every request says: the public host, https as Varnish (or the TLS proxy) tells the app server, and that the
# reader takes gzip, as every browser does.
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
TARGET_STATIC_SHARE, TARGET_P99_MS, TARGET_SPEED_UP = 0.5, 50.0, 2.0


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measurement (default 10)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--port", type=int, default=0, help="the app server's port (default: any free one)")
    parser.add_argument("--varnish-port", type=int, default=0, help="Varnish's port (default: any free one)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: deploy/gunicorn.conf.py's)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4", help="flushed before each server starts")
    parser.add_argument("--varnish", action="store_true", help="also measure through Varnish")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--baseline", type=Path, default=TODAY, help="today's figures (default bench/load_today.json)")
    parser.add_argument("--search", default="torino", help="the words searched (default 'torino')")
    return parser.parse_args()


def missing_pieces(args):
    missing = []
    if shutil.which("wrk") is None:
        missing.append("wrk, the load generator (Debian/Ubuntu: apt-get install wrk)")
    if not answers(*PG):
        missing.append(f"PostgreSQL on {PG[0]}:{PG[1]} (user postgres, trusted from 127.0.0.1)")
    redis = urlsplit(args.redis_url)
    if not answers(redis.hostname or "127.0.0.1", redis.port or 6379):
        missing.append(f"Redis at {redis.hostname}:{redis.port or 6379}")
    if args.varnish and VARNISHD is None:
        missing.append("varnishd, for --varnish (apt-get install varnish)")
    return missing


def flush_redis(url):
    redis.Redis.from_url(url).flushdb()


def wrk(url, path, seconds, connections, threads):
    """One wrk run against url+path: a dict of the figures (bench/load.lua)."""
    command = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s"]
    command += ["--timeout", "10s", "-s", str(LUA)]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run([*command, url + path], capture_output=True, text=True, timeout=seconds + 60)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed on {path}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    raw = json.loads(lines[-1])
    seconds_measured = raw["duration_us"] / 1e6
    return {
        "path": path,
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds_measured,
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        # wrk counts 4xx/5xx as "status" errors; the script counts every answer but 200 (a redirect is not the page).
        "errors": raw["connect"] + raw["read"] + raw["write"] + raw["timeout"] + raw["not_200"],
        "error_kinds": {kind: raw[kind] for kind in ("connect", "read", "write", "timeout", "not_200") if raw[kind]},
        "hits": raw["hits"],
        "kib": raw["bytes"] / max(raw["requests"], 1) / 1024,
        # The machine's 1-minute load average as the run ends: on a shared machine, how much else was running.
        "load": os.getloadavg()[0],
    }


def discover(app, search):
    """The addresses measured: the first project and news page of the Italian sitemap, the stylesheet pages link."""
    home = app.get("/")
    if home.status_code != 200:
        raise RuntimeError(f"the home page answered {home.status_code}:\n{app.output()}")
    [stylesheet] = re.findall(r'<link rel="stylesheet" href="(/static/css/site\.[^"]+\.css)"', home.text)[:1]
    sitemap = app.get("/sitemap.xml").text
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]

    def first(pattern):
        matches = [path for path in paths if re.fullmatch(pattern, path)]
        if not matches:
            raise RuntimeError(f"no page matching {pattern} in the sitemap")
        return matches[0]

    return {
        "home page": "/",
        "project page": first(r"/progetti/[^/]+/"),
        "project index": "/progetti/",
        "news page": first(r"/notizie/[^/]+/"),
        "search": f"/cerca/?q={search}",
        STATIC: stylesheet,
    }


def warm(app, paths):
    """Two requests of each address: templates loaded, renditions made, and (cached) the page stored."""
    for path in paths.values():
        for _ in range(2):
            response = app.get(path, headers={"Accept-Encoding": "gzip"})
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")


def measure(base_url, paths, args, label, meter):
    results = {}
    for name in [STATIC, *PAGES]:
        print(f"  {label}: {name} ({paths[name]}) for {args.seconds:g}s…", flush=True)
        before = meter.sample()
        results[name] = wrk(base_url, paths[name], args.seconds, args.connections, args.threads)
        # wrk stops with one request in flight on each connection: the servers still answer them, on their CPU
        # time; waiting for that and counting them keeps it out of the next measurement and in this one.
        meter.wait_until_idle()
        served = results[name]["requests"] + args.connections
        results[name]["cpu_ms"] = meter.per_request(before, meter.sample(), served)
    return results


TICKS = os.sysconf("SC_CLK_TCK")


def own_cpu(pid, reaped=True):
    """CPU seconds a process used (from /proc), with those of its children it has waited for; None if unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command's name: state is field 3 of proc(5), utime 14, stime 15, cutime 16, cstime 17.
    return sum(int(value) for value in fields[11 : 15 if reaped else 13]) / TICKS


def tree_cpu(pid):
    """A server's CPU seconds: its main process, its live children (gunicorn's workers, Varnish's cache
    process) and the children it has reaped (workers replaced after max_requests)."""
    total = own_cpu(pid)
    if total is None:
        return None
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(own_cpu(child) or 0 for child in children)


class CpuMeter:
    """CPU time the servers under test use during one wrk run, per request: on a machine shared with other work
    the requests per second show how much CPU the servers were given, the CPU time per request shows what a
    request costs, and so what a machine of its own would serve (cores ÷ CPU time per request)."""

    def __init__(self, database, app=None, varnish=None):
        self.database, self.app, self.varnish = database, app, varnish

    def postgres(self):
        """CPU seconds of each PostgreSQL backend connected to the benchmark's database, by process id."""
        with psycopg.connect(f"postgresql://postgres@{PG[0]}:{PG[1]}/postgres", autocommit=True) as connection:
            pids = [
                row[0]
                for row in connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (self.database,))
            ]
        return {pid: own_cpu(pid, reaped=False) for pid in pids}

    def wait_until_idle(self, timeout=60):
        """Until the app server has used less than 2 % of a core for half a second."""
        if self.app is None:
            return
        deadline = time.monotonic() + timeout
        used = tree_cpu(self.app.process.pid)
        while used is not None and time.monotonic() < deadline:
            time.sleep(0.5)
            previous, used = used, tree_cpu(self.app.process.pid)
            if used is None or used - previous < 0.01:
                return

    def sample(self):
        return {
            "app": tree_cpu(self.app.process.pid) if self.app else None,
            "varnish": tree_cpu(self.varnish.process.pid) if self.varnish else None,
            "db": self.postgres(),
        }

    def per_request(self, before, after, requests):
        requests = max(requests, 1)
        cpu = {}
        for part in ("app", "varnish"):
            if before[part] is not None and after[part] is not None:
                cpu[part] = (after[part] - before[part]) * 1000 / requests
        # Backends that connected during the run count from zero; one that left takes its time with it (rare: the
        # app keeps its connections DB_CONN_MAX_AGE seconds).
        used = [
            cpu_after - (before["db"].get(pid) or 0) for pid, cpu_after in after["db"].items() if cpu_after is not None
        ]
        if used or not after["db"]:
            cpu["db"] = sum(used) * 1000 / requests
        return cpu


def run_server(env, args, label, database_env):
    flush_redis(args.redis_url)
    return AppServer({**env, **database_env}, workers=None, name=f"loadbench-{label}", port=args.port or None)


def stop(*processes):
    for process in processes:
        if process is None:
            continue
        process.stop()
        log = getattr(process, "log", None)
        if log is not None and Path(log.name).exists():
            Path(log.name).unlink()


def main():
    args = arguments()
    missing = missing_pieces(args)
    if missing:
        raise SystemExit("bench/load.py needs:\n  - " + "\n  - ".join(missing))
    signal.signal(signal.SIGTERM, interrupted)

    run_dir = Path(tempfile.mkdtemp(prefix="torino-loadbench-"))
    database = f"torino_loadbench_{uuid.uuid4().hex[:8]}"
    env = production_env(
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        LOAD_BENCH_DIR=run_dir,
        DATABASE_URL=f"postgres://postgres@{PG[0]}:{PG[1]}/{database}",
        REDIS_URL=args.redis_url,
        **({"WEB_CONCURRENCY": args.workers} if args.workers else {}),
    )
    workers = configured_workers(env)
    app = varnish = None
    results = {"uncached": {}, "cached": {}, "varnish": {}}
    psql(f'CREATE DATABASE "{database}"')
    try:
        started = time.monotonic()
        print(f"database {database}: migrate, demo content, static files…", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "setup_editorial_groups")
        manage(env, "load_demo_content", "-v0")
        manage(env, "set_site_url")
        manage(env, "collectstatic", "--noinput", "-v0")
        print(f"  ready in {time.monotonic() - started:.0f}s", flush=True)

        app = run_server(env, args, "uncached", {"PAGE_CACHE_SECONDS": "0"})
        paths = discover(app, args.search)
        warm(app, paths)
        print(f"uncached: gunicorn, {workers} workers, PAGE_CACHE_SECONDS=0, {app.url}", flush=True)
        results["uncached"] = measure(app.url, paths, args, "uncached", CpuMeter(database, app))
        stop(app)
        app = None

        app = run_server(env, args, "cached", {})
        warm(app, paths)
        print(f"cached: gunicorn, {workers} workers, page cache as configured, {app.url}", flush=True)
        results["cached"] = measure(app.url, paths, args, "cached", CpuMeter(database, app))

        if args.varnish:
            varnish = Varnish(
                args.varnish_port or free_port(),
                # The media backend is never asked here (no /media/ address is measured): the app server stands in.
                backends_vcl([app.port], app.port, "media"),
                run_dir / "varnish",
            )
            wait_until_healthy(varnish.url, paths["home page"])
            warm_url(varnish.url, paths)
            print(f"through Varnish: {varnish.url} in front of the cached app server", flush=True)
            results["varnish"] = measure(varnish.url, paths, args, "Varnish", CpuMeter(database, app, varnish))
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the servers and dropping the database", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        stop(varnish, app)
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(run_dir, ignore_errors=True)

    baseline = json.loads(args.baseline.read_text()) if args.baseline and args.baseline.exists() else None
    report(results, paths, args, workers, baseline)
    if args.save:
        args.save.write_text(json.dumps(figures(results, paths, args, workers), indent=2) + "\n")
        print(f"\nfigures written to {args.save}")


def interrupted(signum, frame):
    """A SIGTERM (the terminal closed, a CI timeout) cleans up as Ctrl-C does."""
    raise KeyboardInterrupt


def configured_workers(env):
    """The workers deploy/gunicorn.conf.py starts with this environment (WEB_CONCURRENCY, or two per core plus one)."""
    with mock.patch.dict(os.environ):
        os.environ.pop("WEB_CONCURRENCY", None)
        os.environ.update({key: value for key, value in env.items() if key == "WEB_CONCURRENCY"})
        return runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["workers"]


def wait_until_healthy(base_url, path, timeout=30):
    """Varnish answers once its probe has seen the app server healthy (two probes, a second apart)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(base_url + path, headers=HEADERS, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Varnish did not answer {path} with 200 in {timeout}s")


def warm_url(base_url, paths):
    for path in paths.values():
        for _ in range(2):
            requests.get(base_url + path, headers=HEADERS, timeout=20)


def figures(results, paths, args, workers):
    return {
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "machine": f"{os.cpu_count()} cores",
        "connections": args.connections,
        "seconds": args.seconds,
        "workers": workers,
        "paths": paths,
        "results": {mode: rows for mode, rows in results.items() if rows},
    }


def report(results, paths, args, workers, baseline):
    print(
        f"\n{args.connections} concurrent clients, {args.seconds:g}s each, wrk; gunicorn with {workers} sync workers "
        f"on {os.cpu_count()} cores (the load generator shares them)\n"
    )
    rows = []
    for mode, label in (("uncached", "uncached"), ("cached", "cached"), ("varnish", "Varnish")):
        if not results[mode]:
            continue
        static_rps = results[mode][STATIC]["rps"]
        for name in [STATIC, *PAGES]:
            row = results[mode][name]
            share = "" if name == STATIC else f"{row['rps'] / static_rps:.2f}"
            hits = f"{row['hits'] / max(row['requests'], 1):.0%}"
            rows.append(
                (
                    name,
                    label,
                    f"{row['rps']:.0f}",
                    f"{row['p50_ms']:.1f}",
                    f"{row['p99_ms']:.1f}",
                    row["errors"],
                    hits,
                    share,
                    f"{row['kib']:.1f}",
                    *(cpu_cell(row["cpu_ms"], part) for part in ("app", "db", "varnish")),
                    f"{row['load']:.1f}",
                )
            )
    print_table(
        [
            "address",
            "server",
            "req/s",
            "p50 ms",
            "p99 ms",
            "errors",
            "hits",
            "÷ static",
            "KiB",
            "app",
            "db",
            "Varnish",
            "load",
        ],
        rows,
    )
    cores = os.cpu_count()
    print(
        "\napp, db, Varnish: CPU milliseconds per request used by gunicorn (every worker), by PostgreSQL (the\n"
        "backends of the benchmark's database) and by Varnish. load: the machine's 1-minute load average as the run\n"
        f"ended; above {cores} (the cores) other work was running, and req/s and latencies show the share of the\n"
        "machine the servers got, not what it can do. The CPU time per request does not depend on that share."
    )
    print("\n" + "\n".join(f"  {name}: {path}" for name, path in paths.items()))
    busiest = max(row["load"] for rows in results.values() for row in rows.values())
    if busiest > cores:
        print(f"\nThe machine was shared: load average up to {busiest:.1f} on {cores} cores during this run.")

    print(f"\nWhat one machine of this kind ({cores} cores) serves on its own, from the CPU time per request")
    print("(cores × 1000 ÷ CPU ms; the app server with PostgreSQL on another machine), requests per second:")
    for mode, part, label in (
        ("uncached", "app", "app server, uncached"),
        ("cached", "app", "app server, cached"),
        ("varnish", "varnish", "Varnish, from its cache"),
    ):
        if not results[mode]:
            continue
        cells = [
            f"{name} {cores * 1000 / rows[name]['cpu_ms'][part]:.0f}"
            for rows in [results[mode]]
            for name in [*PAGES, STATIC]
            if rows[name]["cpu_ms"].get(part)
        ]
        print(f"  {label:24} " + ", ".join(cells))

    print("\nTargets (issue 11), from this run:")
    cached, uncached = results["cached"], results["uncached"]
    hits = sum(cached[name]["hits"] for name in PAGES)
    if hits == 0:
        print(
            "  cached: no hits. No answer of the cached server carried 'X-Cache: hit': this build has no whole-page\n"
            "  cache (or it is off), so the 'cached' rows measure uncached pages and the two cached targets below\n"
            "  describe the site as it is, not the cache."
        )
    else:
        missed = [name for name in PAGES if cached[name]["hits"] < cached[name]["requests"]]
        print(f"  cached: {hits} hits; pages with misses: {', '.join(missed) or 'none'}")
    static_rps = cached[STATIC]["rps"]
    for name in PAGES:
        share = cached[name]["rps"] / static_rps
        met = verdict(share >= TARGET_STATIC_SHARE)
        print(f"  {name:14} cached ÷ static  {share:5.2f}  (≥ {TARGET_STATIC_SHARE}: {met})")
    for name in PAGES:
        p99 = cached[name]["p99_ms"]
        print(f"  {name:14} cached p99 {p99:7.1f} ms (< {TARGET_P99_MS:g} ms: {verdict(p99 < TARGET_P99_MS)})")
    if baseline:
        before = baseline["results"]["uncached"]
        note = f"today's figures: {baseline['measured']}, commit {baseline['commit']}"
        print(f"  uncached ÷ today's rate ({note}).")
        print("  On a shared machine requests per second depend on the share the servers got: the speed-up is")
        print("  also given by CPU time, today's app CPU time per request ÷ this run's:")
        for name in PAGES:
            ratio = uncached[name]["rps"] / before[name]["rps"]
            by_cpu = before[name]["cpu_ms"].get("app", 0) / uncached[name]["cpu_ms"].get("app", float("inf"))
            met = verdict(ratio >= TARGET_SPEED_UP)
            print(
                f"  {name:14} uncached ÷ today {ratio:5.2f}  (≥ {TARGET_SPEED_UP:g}: {met}); "
                f"by CPU time {by_cpu:5.2f} ({verdict(by_cpu >= TARGET_SPEED_UP)})"
            )
    else:
        print(f"  uncached ÷ today's rate: no baseline ({args.baseline} not found)")
    errors = sum(row["errors"] for rows in results.values() for row in rows.values())
    print(f"  errors in every run: {errors} (0: {verdict(errors == 0)})")
    for mode, rows in results.items():
        for name, row in rows.items():
            if row["errors"]:
                kinds = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in row["error_kinds"].items())
                print(f"    {mode}, {name}: {kinds} (timeout: no answer within 10 s)")
    if results["varnish"]:
        home = results["varnish"]["home page"]["rps"]
        print(f"  one Varnish on this machine: {home:.0f} home pages/s from its cache")


def cpu_cell(cpu, part):
    return f"{cpu[part]:.2f}" if part in cpu else ""


def verdict(met):
    return "met" if met else "NOT met"


if __name__ == "__main__":
    main()
