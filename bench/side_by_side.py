"""The cold render of two checkouts timed side by side: each in its own process, both at the same time.

    .venv/bin/python bench/side_by_side.py ../old [--rounds 12] [--requests 15]

A count of instructions (``bench/pages.py --instructions``) repeats exactly but weighs every instruction alike: code
that runs in SQLite's C loops and code that runs in Python's interpreter count the same, though a second holds more
of the first. A time is what a reader waits, but on a shared machine the times of one run move by up to two times
from the next's. Here both versions run at once, each in its own process (on its own core, where there are two),
round after round, so that whatever slows the machine slows both: the ratio of their times holds where the times
themselves do not.

Each process measures the code of its own checkout (bench/_common.py), on its own database with the demo content,
with nothing kept per content version (as ``bench/pages.py --cold``); it warms each page up, then waits until the
other is ready too. Each round times ``--requests`` requests of each page (CPU time of the process, user and system,
per request). The table gives, per page, the median of the rounds and the best round of each checkout, and their
ratios (this checkout's over the other's).
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
# The pages of bench/pages.py, not its searches and GeoJSON: what a reader opens.
PAGES = 8


def cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def worker(rounds, requests):
    """Run in a checkout (the working directory): set up, say "ready", wait for "go", time the rounds, print them."""
    from _common import bench_database, get
    from django.conf import settings
    from pages import measured_urls

    settings.CHROME_CACHE_SECONDS = 0
    with bench_database(demo=True):
        urls = measured_urls()[:PAGES]
        for _label, path in urls:
            for _ in range(3):
                get(path)
        print("ready", flush=True)
        sys.stdin.readline()
        times = {label: [] for label, _path in urls}
        for _ in range(rounds):
            for label, path in urls:
                started = cpu_ms()
                for _ in range(requests):
                    get(path)
                times[label].append((cpu_ms() - started) / requests)
        print("result " + json.dumps(times), flush=True)


def start(checkout, rounds, requests):
    command = [sys.executable, str(HERE), "--worker", f"--rounds={rounds}", f"--requests={requests}"]
    return subprocess.Popen(command, cwd=checkout, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def read_until(process, prefix):
    for line in process.stdout:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    sys.exit(f"a worker stopped before saying {prefix.strip()!r} (exit {process.wait()})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", help="the other checkout's root (e.g. ../old)")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--requests", type=int, default=15, help="timed requests per page per round")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.rounds, args.requests)
        return
    if not args.other or not (Path(args.other) / "manage.py").is_file():
        sys.exit("give the root of the other checkout, e.g. ../old")
    this = HERE.parent.parent
    roots = {"this": this, "other": args.other}
    processes = {name: start(root, args.rounds, args.requests) for name, root in roots.items()}
    for process in processes.values():
        read_until(process, "ready")
    for process in processes.values():
        process.stdin.write("go\n")
        process.stdin.flush()
    times = {name: json.loads(read_until(process, "result ")) for name, process in processes.items()}
    for process in processes.values():
        process.wait()

    from _common import print_table

    rows = []
    for label, mine in times["this"].items():
        theirs = times["other"][label]
        median, their_median = statistics.median(mine), statistics.median(theirs)
        rows.append(
            (
                label,
                f"{their_median:.1f}",
                f"{median:.1f}",
                f"{median / their_median:.2f}",
                f"{min(theirs):.1f}",
                f"{min(mine):.1f}",
                f"{min(mine) / min(theirs):.2f}",
            )
        )
    print(f"this checkout: {this}; the other: {Path(args.other).resolve()}")
    print(f"{args.rounds} rounds of {args.requests} cold requests per page, both at once; CPU ms per request\n")
    headers = ["page", "other, median", "this, median", "ratio", "other, best", "this, best", "ratio"]
    print_table(headers, rows)


if __name__ == "__main__":
    main()
