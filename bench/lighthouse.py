"""Lighthouse (mobile, default throttling) on the demo pages of issue 11, in both languages.

    .venv/bin/python bench/lighthouse.py                 # 12 pages, one run each
    .venv/bin/python bench/lighthouse.py --runs 3        # the median of three runs per page
    .venv/bin/python bench/lighthouse.py --only news     # the pages whose name matches

Loads the demo content into a throw-away database (bench/_common.py), serves it on 127.0.0.1 and runs the
Lighthouse of package.json (`npm ci` first; `npx --no-install`, so nothing is fetched at run time) on the home
page, a programme, a project, the project index, a news page and the dossier, in Italian and English. Lighthouse
drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium); it never downloads a browser. For each page it prints
the four category scores, the render-blocking resources, any request to another origin, and every audit that
does not pass.

Map tiles: the site asks the tile server of MAP_TILE_URL for them, which in tests is unreachable. A refused tile
would be logged as a console error (a best-practices failure) that no reader with a working tile server sees,
and a missing tile would load nothing that a real map loads. So this script serves tiles itself: a small HTTP
server on the next port returns one 256 x 256 PNG for every tile address, with a day's Cache-Control, and
MAP_TILE_URL points at it while the pages are measured. It is another origin, as a real tile server is.

Static files are served as in production: collected by its storage (hashed names, compressed copies) into a
temporary folder and sent by whitenoise, compressed, with far-future caching. Each page is requested once before
it is measured, so that the making of its image renditions is not counted.

Performance depends on the machine (Lighthouse simulates a slow phone on a 4G network from what it measures
here, including how long the server takes): compare figures from the same machine, with the machine otherwise
idle. Accessibility, best practices and SEO do not depend on the machine: tests/browser/
test_browser_lighthouse.py asserts 100 for those on the same pages in CI.
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

from _common import ROOT, bench_database, live_server, page_path, print_table

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


def lighthouse_command(url, categories=CATEGORIES):
    """The Lighthouse command line for one page: mobile and simulated throttling are its defaults."""
    return [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]


def run_lighthouse(url, categories=CATEGORIES, attempts=3):
    """Lighthouse's report (a dict) for url. Raises RuntimeError with Lighthouse's own message on failure.

    On a busy machine Lighthouse sometimes loses the trace of the page load (NO_NAVSTART, NO_FCP) and asks to be
    run again: it is, up to ``attempts`` times."""
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in range(1, attempts + 1):
        command = lighthouse_command(url, categories)
        done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, check=False)
        report = json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else None
        error = done.stderr.strip()[-2000:] if report is None else (report.get("runtimeError") or {}).get("message")
        if not error:
            return report
        if attempt == attempts:
            raise RuntimeError(f"lighthouse failed on {url}: {error}")
        print(f"  lighthouse failed on {url}, run again: {error.splitlines()[-1]}", flush=True)


def scores(report):
    """{category id: score out of 100, or None when Lighthouse could not score it}."""
    return {
        name: (None if category["score"] is None else round(category["score"] * 100))
        for name, category in report["categories"].items()
    }


def failing_audits(report):
    """[(category, audit id, title, what it found)] for every scored audit of the report's categories below 1."""
    found = []
    for name, category in report["categories"].items():
        for reference in category["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if audit["scoreDisplayMode"] in ("informative", "notApplicable", "manual", "error"):
                if audit["scoreDisplayMode"] == "error":
                    found.append((name, audit["id"], audit["title"], audit.get("errorMessage", "")))
                continue
            if audit["score"] is not None and audit["score"] < 1:
                found.append((name, audit["id"], audit["title"], audit.get("displayValue", "")))
    return found


def render_blocking(report):
    """The URLs Lighthouse found blocking the first paint, with their transfer size in bytes."""
    audit = report["audits"].get("render-blocking-resources") or {}
    return [(item["url"], item.get("totalBytes", 0)) for item in (audit.get("details") or {}).get("items", [])]


def other_origins(report, site_url, allowed=()):
    """Every URL the page requested outside site_url and the ``allowed`` prefixes (the tile server)."""
    items = (report["audits"].get("network-requests", {}).get("details") or {}).get("items", [])
    return [item["url"] for item in items if not item["url"].startswith((site_url, "data:", *allowed))]


# One grey tile (the colour of the map's background), made once.
def _tile_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (229, 227, 223)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class TileHandler(BaseHTTPRequestHandler):
    tile = b""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.send_header("Cache-Control", "public, max-age=86400")
        # Leaflet loads tiles as plain images; say they may be shown on another origin, as tile servers do.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, *args):
        pass


def tile_server(port):
    """A server on 127.0.0.1:port (0: any free port) answering every tile address with the same PNG.
    Returns (server, MAP_TILE_URL template)."""
    TileHandler.tile = _tile_png()
    server = ThreadingHTTPServer(("127.0.0.1", port), TileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png"


def demo_pages():
    """{name: path}: the six pages of issue 11 in Italian (-it) and their English translations (-en)."""
    from wagtail.models import Locale

    from candidacy.models import DossierPage
    from home.models import HomePage
    from news.models import NewsPage
    from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage

    italian = Locale.get_default()
    english = Locale.objects.get(language_code="en")
    pages = {}
    for name, model in [
        ("home", HomePage),
        ("programme", ProgrammePage),
        ("project", ProjectPage),
        ("project-index", ProjectIndexPage),
        ("news", NewsPage),
        ("dossier", DossierPage),
    ]:
        queryset = model.objects.live().public().filter(locale=italian).order_by("path")
        if model is ProjectPage:
            # A project with a place, so that the page has its map.
            queryset = [page for page in queryset if page.has_place]
        if model is NewsPage:
            queryset = queryset.filter(embargo_until__isnull=True)
        page = next(iter(queryset), None)
        if page is None:
            continue
        pages[f"{name}-it"] = page_path(page)
        translation = page.get_translation_or_none(english)
        if translation and translation.live:
            pages[f"{name}-en"] = page_path(translation)
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="measure only the pages whose name matches this regular expression")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is shown")
    parser.add_argument("--port", type=int, default=8747, help="the site's port; tiles are served on the next one")
    parser.add_argument("--save", type=Path, metavar="FOLDER", help="keep each page's Lighthouse report (JSON)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed (apt-get install chromium)")
        return 2
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci` first")
        return 2
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False)
    print(f"lighthouse {version.stdout.strip()}, {CHROMIUM}, mobile with simulated throttling", flush=True)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)

    tiles, tile_url = tile_server(args.port + 1)
    rows, problems = [], []
    try:
        with bench_database(demo=True):
            pages = demo_pages()
            if args.only:
                pages = {name: path for name, path in pages.items() if re.search(args.only, name)}
            with live_server(args.port, collected_static=True, MAP_TILE_URL=tile_url) as site_url:
                tile_origin = tile_url.split("/tiles/")[0]
                for name, path in pages.items():
                    # Once before measuring: the first request makes the page's image renditions.
                    with urlopen(site_url + path, timeout=300) as response:
                        response.read()
                    runs = [run_lighthouse(site_url + path) for _ in range(args.runs)]
                    # The run with the median performance score stands for the page.
                    runs.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
                    report = runs[len(runs) // 2]
                    if args.save:
                        (args.save / f"{name}.json").write_text(json.dumps(report))
                    score = scores(report)
                    performance = [scores(r)["performance"] for r in runs]
                    blocking = render_blocking(report)
                    rows.append(
                        [
                            name,
                            path,
                            *(score[c] for c in CATEGORIES),
                            " ".join(map(str, performance)) if args.runs > 1 else "",
                            ", ".join(f"{url.rsplit('/', 1)[-1]} {size / 1024:.1f} KiB" for url, size in blocking),
                        ]
                    )
                    for category, audit, title, found in failing_audits(report):
                        problems.append(f"{name}: [{category}] {audit}: {title}{' — ' + found if found else ''}")
                    for url in other_origins(report, site_url, allowed=(tile_origin,)):
                        problems.append(f"{name}: request to another origin: {url}")
                    print(f"  {name}: {' / '.join(str(score[c]) for c in CATEGORIES)}", flush=True)
    finally:
        tiles.shutdown()
    print()
    print_table(["page", "path", "perf", "a11y", "best pr.", "SEO", "perf runs", "render-blocking"], rows)
    print()
    if problems:
        print("Audits that do not pass:")
        print("\n".join(f"  {line}" for line in problems))
        return 1
    print("Every audit passes on every page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
