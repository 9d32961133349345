"""Crawl every public address of the demo site and save or compare what it answers.

    .venv/bin/python bench/crawl.py --save /tmp/crawl-before      # before a change
    .venv/bin/python bench/crawl.py --compare /tmp/crawl-before   # after it: exit 1 on any difference
    .venv/bin/python bench/crawl.py --compare /tmp/crawl-before --renamed home.RankingPage=candidacy.RankingPage

--renamed OLD=NEW (repeatable) reads OLD as NEW in the saved answers: for a model that moved to another
app, whose API type name ("app.Model") the open data page shows, and nothing else may change.

A refactoring must not change what readers get. The crawl loads the demo content into a throw-away
database with the clock stopped at a fixed instant (so every date, embargo and "published" time is the
same on every run), then follows every same-site link from the home pages of both languages, the sitemap,
the feeds and the open data, and records each answer's status, content type and body. Binary answers
(images) are recorded by size and type only; a PDF by its pages' text, since its bytes vary with the
fonts the machine has. UUIDs (feed
GUIDs, made from each page's random translation key) are replaced by <uuid>.
"""

import argparse
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import time_machine

# Before Django starts: every timestamp the demo loader writes comes from this instant.
FROZEN = "2026-06-15 09:00:00+00:00"
_traveller = time_machine.travel(FROZEN, tick=False)
_traveller.start()

from _common import bench_database  # noqa: E402
from django.core.files.storage import Storage  # noqa: E402

_alternatives = {}


def _numbered_alternative(self, file_root, file_ext):
    """A second file of the same name gets a numbered name instead of a random one, so names repeat."""
    _alternatives[(file_root, file_ext)] = _alternatives.get((file_root, file_ext), 0) + 1
    return f"{file_root}_{_alternatives[(file_root, file_ext)]}{file_ext}"


Storage.get_alternative_name = _numbered_alternative

import config.media_storage  # noqa: E402

_folders = {}
_generate_filename = config.media_storage.UnguessableImageNames.generate_filename


def _named_folder(self, filename):
    """An image's or rendition's folder named after its file (and how many of that name came before) instead of at
    random (config/media_storage.py), so that its address is the same on every run."""
    _folders[filename] = _folders.get(filename, 0) + 1
    folder = hashlib.sha256(f"{filename}#{_folders[filename]}".encode()).hexdigest()[:26]
    random_folder = config.media_storage.random_folder
    config.media_storage.random_folder = lambda: folder
    try:
        return _generate_filename(self, filename)
    finally:
        config.media_storage.random_folder = random_folder


config.media_storage.UnguessableImageNames.generate_filename = _named_folder

START = [
    "/",
    "/en/",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
    "/projects.geojson",
    "/en/projects.geojson",
    "/projects.csv",
    "/en/projects.csv",
    "/cerca/?q=torino",
    "/en/search/?q=turin",
    "/cerca/?q=",
    "/api/v2/pages/?limit=20",
    "/api/v2/pages/?limit=20&locale=en",
    "/questa-pagina-non-esiste/",
    "/en/this-page-does-not-exist/",
]
# Media files are not served by the application outside DEBUG; their names are in the pages that use them.
SKIP = ("/admin/", "/static/", "/django-admin/", "/media/")
BINARY = ("image/", "application/pdf", "application/octet-stream", "font/")
LIMIT = 3000
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def links_in(body, base, content_type):
    text = body.decode("utf-8", "replace")
    if "html" in content_type:
        parser = Links()
        parser.feed(text)
        candidates = parser.found
    elif "xml" in content_type or "json" in content_type:
        candidates = re.findall(r"https?://localhost(?::80)?(/[^\s\"'<>]*)", text)
    else:
        return []
    paths = []
    for href in candidates:
        url = urlsplit(urljoin("http://localhost" + base, href.replace("&amp;", "&")))
        if url.scheme not in ("http", "https") or url.hostname != "localhost":
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not path.startswith(SKIP):
            paths.append(path)
    return paths


def request(path):
    """(status, content type, body) of a GET through the full middleware stack."""
    from wsgiref.util import setup_testing_defaults

    from _common import _handler

    target, _, query = path.partition("?")
    environ = {"PATH_INFO": target, "QUERY_STRING": query, "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["type"] = {k.lower(): v for k, v in headers}.get("content-type", "")

    response = _handler(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    return captured["status"], captured["type"], body


def crawl():
    seen, queue, answers = set(), list(START), {}
    while queue and len(seen) < LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, content_type, body = request(path)
        if content_type.startswith("application/pdf"):
            record = {"status": status, "type": content_type, "pages": pdf_text(body)}
        elif content_type.startswith(BINARY):
            record = {"status": status, "type": content_type, "bytes": len(body)}
        else:
            text = UUID.sub("<uuid>", body.decode("utf-8", "replace"))
            record = {"status": status, "type": content_type, "body": text}
            queue.extend(p for p in links_in(body, path, content_type) if p not in seen)
        answers[path] = record
    return answers


def pdf_text(body):
    import io

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


def file_name(path):
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", path).strip("_") or "root"
    return f"{safe[:80]}-{hashlib.sha256(path.encode()).hexdigest()[:10]}.txt"


def save(answers, folder):
    folder.mkdir(parents=True, exist_ok=True)
    index = {}
    for path, record in answers.items():
        name = file_name(path)
        (folder / name).write_text(json.dumps(record, ensure_ascii=False, indent=1))
        index[path] = name
    (folder / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True))


def compare(answers, folder, renamed=()):
    index = json.loads((folder / "index.json").read_text())
    differences = []
    for path in sorted(set(index) | set(answers)):
        if path not in answers:
            differences.append(f"no longer reached: {path}")
            continue
        if path not in index:
            differences.append(f"newly reached: {path}")
            continue
        before = json.loads((folder / index[path]).read_text())
        for old, new in renamed:
            if "body" in before:
                before["body"] = before["body"].replace(old, new)
        if before != answers[path]:
            differences.append(f"differs: {path}")
            if "body" in before and "body" in answers[path]:
                import difflib

                diff = difflib.unified_diff(
                    before["body"].splitlines(), answers[path]["body"].splitlines(), "before", "after", n=1, lineterm=""
                )
                differences.extend("    " + line[:240] for line in list(diff)[:30])
            else:
                differences.append(f"    before {before.get('status')} {before.get('type')}, after {answers[path]}")
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="FOLDER")
    action.add_argument("--compare", type=Path, metavar="FOLDER")
    parser.add_argument("--renamed", action="append", default=[], metavar="OLD=NEW")
    args = parser.parse_args()
    with bench_database(demo=True):
        from django.core.management import call_command

        call_command("set_site_url", verbosity=0)
        answers = crawl()
    statuses = {}
    for record in answers.values():
        statuses[record["status"]] = statuses.get(record["status"], 0) + 1
    print(f"{len(answers)} addresses crawled; statuses {dict(sorted(statuses.items()))}")
    if args.save:
        save(answers, args.save)
        print(f"saved in {args.save}")
        return 0
    renamed = [tuple(pair.split("=", 1)) for pair in args.renamed]
    differences = compare(answers, args.compare, renamed)
    if differences:
        print("\n".join(differences))
        print(f"{sum(1 for d in differences if not d.startswith('    '))} addresses differ")
        return 1
    print("identical: every address answers as before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
