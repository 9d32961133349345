"""The canonical Wagtail demo (wagtail/bakerydemo) measured as bench/pages.py measures our pages.

Issue 11 asks our uncached pages to be faster than the canonical demo's comparable ones, on the same machine,
rendered in-process. This script runs inside a bakerydemo checkout, with bakerydemo's own Python environment, and
times its home page, a blog post, the locations index and a location page exactly as ``bench/pages.py`` times ours
(bench/_common.py: Django's WSGI handler in this process, median CPU ms of 20 requests after 2 warm-up requests, a
fresh in-memory SQLite database with the demo's own data)::

    git clone https://github.com/wagtail/bakerydemo /tmp/bakerydemo && cd /tmp/bakerydemo
    python3.12 -m venv .venv && .venv/bin/pip install -r requirements/base.txt
    .venv/bin/python /path/to/our/checkout/bench/bakerydemo.py

bakerydemo's test settings are used (local-memory cache, as ours) with ``DEBUG`` off, as in production and as our
settings have it: with it on, Django would log every query and keep the template engine's debug information.
Its demo data is loaded with its own ``load_initial_data`` command. The pages compared with ours: its home page with
ours, a blog post with a news page, its locations index with our project index, a location with a project page.
"""

import argparse
import os
import sys
from pathlib import Path

if not (Path.cwd() / "bakerydemo").is_dir():
    sys.exit("run this from the root of a wagtail/bakerydemo checkout, with its Python environment")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bakerydemo.settings.test")

from _common import CALLGRIND_OUT, bench_database, count_instructions, page_path, print_page_table  # noqa: E402
from django.conf import settings  # noqa: E402

# Before the first request builds the template engine (it reads DEBUG once) and before any query is logged.
settings.DEBUG = False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, help="timed requests per URL (default 20; 3 counted with --instructions)")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind, as bench/pages.py does"
    )
    args = parser.parse_args()
    if args.instructions and not CALLGRIND_OUT:
        count_instructions()
    args.repeat = args.repeat or (3 if args.instructions else 20)
    measured = "counted" if CALLGRIND_OUT else "timed"

    from bakerydemo.base.models import HomePage
    from bakerydemo.blog.models import BlogPage
    from bakerydemo.locations.models import LocationPage, LocationsIndexPage
    from django.core.management import call_command

    with bench_database(demo=False):
        call_command("load_initial_data", verbosity=0)

        def first(model):
            return model.objects.live().order_by("path").first()

        urls = [
            ("home page", page_path(first(HomePage))),
            ("blog post", page_path(first(BlogPage))),
            ("locations index", page_path(first(LocationsIndexPage))),
            ("location page", page_path(first(LocationPage))),
        ]
        print(
            f"code measured: {Path.cwd()} (bakerydemo); {args.repeat} {measured} requests per URL after 2 warm-up "
            "requests\n"
        )
        print_page_table(urls, repeat=args.repeat)


if __name__ == "__main__":
    main()
