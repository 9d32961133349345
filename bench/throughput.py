"""Requests per second of the home page through Django's WSGI handler, in this one process.

    .venv/bin/python bench/throughput.py [--seconds 10] [--path /]

No network and no server: this is the ceiling one worker process could reach for the
page (gunicorn adds parsing and sockets; each extra worker adds up to one core).
"""

import argparse
import statistics
import time

from _common import bench_database, get


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to measure (default 10)")
    parser.add_argument("--path", default="/", help="URL path to request (default /, the home page)")
    args = parser.parse_args()

    with bench_database(demo=True):
        for _ in range(3):  # renditions, template loading
            status, body = get(args.path)
        if status != 200:
            raise SystemExit(f"{args.path} answered {status}")
        times = []
        started = time.perf_counter()
        while time.perf_counter() - started < args.seconds:
            t0 = time.perf_counter()
            get(args.path)
            times.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - started
        print(
            f"{args.path}: {len(times)} requests in {elapsed:.1f}s = {len(times) / elapsed:.1f} requests/s "
            f"(one process, one thread; median {statistics.median(times) * 1000:.1f} ms, {len(body) / 1024:.1f} KiB)"
        )


if __name__ == "__main__":
    main()
