"""The demo content, loaded once per test process and put in place only for the tests that ask for it.

Loading the demo (``manage.py load_demo_content``) takes longer than most test files, so a test process loads it
once, the first time a test asks for it, and keeps two states of its test database side by side: *empty* (as the
migrations leave it, what the ``home_page`` fixture starts from) and *demo*. Before each test, tests/conftest.py
puts in place the state that test needs; the test then runs in a transaction rolled back at its end, as every
pytest-django test does, so what it changes never reaches the next one.

How a state is kept depends on the database:

- SQLite (in memory, or in a file): each state is a copy in a private in-memory database, made and put back with
  SQLite's online backup (a page-by-page copy: milliseconds for this database);
- PostgreSQL: the demo is a second test database, created from the empty one as its template, and putting a
  state in place points the connection at that database.

With ``--reuse-db`` on SQLite (local runs, see README), the demo state is also kept in a file of .pytest-db/ with a
key made of the migrated schema and of every file of the project's apps and settings, beside the files the demo put
in MEDIA_ROOT: the next run puts them in place instead of loading the demo again, as long as none of that changed.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import translation

EMPTY, DEMO = "empty", "demo"


class DemoDatabase:
    """The two states of this process's test database and which of them is in place.

    Every method runs outside any transaction (pytest-django's test transaction included): before a test's
    fixtures are set up, or as a session fixture."""

    def __init__(self, keep_in=None):
        """``keep_in``: a folder where SQLite's demo state is kept between runs (``--reuse-db``)."""
        self.in_place = EMPTY
        self.output = ""
        if connection.vendor == "sqlite":
            self._states = _SQLiteStates(keep_in)
        elif connection.vendor == "postgresql":
            self._states = _PostgreSQLStates()
        else:
            raise NotImplementedError(f"no way to keep two states of a {connection.vendor} test database")

    def build(self):
        """Keep the empty state, load the demo into the database and keep that too; the demo stays in place."""
        self._states.keep(EMPTY)
        self.output = self._states.kept_demo_output()
        if self.output is None:
            self._states.start_demo()
            out = io.StringIO()
            with translation.override(settings.LANGUAGE_CODE):
                call_command("load_demo_content", stdout=out, stderr=out)
            self.output = out.getvalue()
            make_renditions()
            self._states.keep(DEMO, self.output)
        self.in_place = DEMO

    def put_in_place(self, state):
        if state != self.in_place:
            self._states.restore(state)
            self.in_place = state

    def discard(self):
        """Back to the empty state, for pytest-django to tear the test database down as it made it."""
        self.put_in_place(EMPTY)
        self._states.discard()


def make_renditions():
    """Serve every live page once, so that the demo state holds the image renditions its pages show.

    Without them each test that renders demo pages would make them again (resizing and encoding the pictures),
    as the rows of the renditions made by the previous test went with its rollback. The page cache is emptied
    afterwards: each test starts with an empty one (tests/conftest.py)."""
    from django.core.cache import cache
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    for page in Page.objects.live().filter(depth__gte=2).order_by("path"):
        url = page.get_url()
        if url:
            client.get(url)
    cache.clear()


class _SQLiteStates:
    """Copies of the test database in private in-memory databases (sqlite3's online backup), and with ``keep_in``
    the demo's copy in a file too."""

    def __init__(self, keep_in=None):
        self.copies = {}
        self.folder = Path(keep_in) if keep_in else None

    def _live(self):
        connection.ensure_connection()
        return connection.connection

    def keep(self, state, output=None):
        copy = self.copies.get(state) or sqlite3.connect(":memory:", check_same_thread=False)
        self._live().backup(copy)
        self.copies[state] = copy
        if state == DEMO and self.folder is not None and output is not None:
            self.folder.mkdir(exist_ok=True)
            with closing(sqlite3.connect(self._file(DEMO))) as kept:
                copy.backup(kept)
            shutil.rmtree(self._media(), ignore_errors=True)
            shutil.copytree(settings.MEDIA_ROOT, self._media())
            self._file(DEMO).with_suffix(".json").write_text(json.dumps({"key": self._key(), "output": output}))

    def kept_demo_output(self):
        """Put the demo kept by an earlier run in place and return its output, if that run had the same key."""
        if self.folder is None or not self._file(DEMO).exists():
            return None
        try:
            kept = json.loads(self._file(DEMO).with_suffix(".json").read_text())
        except (OSError, ValueError):
            return None
        if kept.get("key") != self._key():
            return None
        with closing(sqlite3.connect(self._file(DEMO))) as source:
            source.backup(self._live())
        shutil.copytree(self._media(), settings.MEDIA_ROOT, dirs_exist_ok=True)
        self.keep(DEMO)
        return kept["output"]

    def _file(self, state):
        return self.folder / f"{state}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.sqlite3"

    def _media(self):
        """The files the demo put in MEDIA_ROOT (a new temporary folder in each run)."""
        return self._file(DEMO).with_suffix(".media")

    def _key(self):
        """The migrated schema, and the content of every file of the project's apps and settings and of this one."""
        digest = hashlib.sha256()
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            digest.update(repr(cursor.fetchall()).encode())
        base = Path(settings.BASE_DIR)
        folders = [Path(app.path) for app in apps.get_app_configs() if Path(app.path).parent == base]
        files = [path for folder in sorted({*folders, base / "config"}) for path in sorted(folder.rglob("*"))]
        for path in [*files, Path(__file__)]:  # this file: how the demo state is made (its renditions)
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def start_demo(self):
        pass  # the demo is loaded into the test database itself, then copied

    def restore(self, state):
        self.copies[state].backup(self._live())

    def discard(self):
        for copy in self.copies.values():
            copy.close()
        self.copies.clear()


class _PostgreSQLStates:
    """The empty test database and a demo database made from it (CREATE DATABASE … TEMPLATE)."""

    def __init__(self):
        self.names = {EMPTY: connection.settings_dict["NAME"], DEMO: connection.settings_dict["NAME"] + "_demo"}

    def keep(self, state, output=None):
        pass  # each state is its own database, kept as it is

    def kept_demo_output(self):
        return None  # the demo database lasts one run

    def _execute(self, sql):
        connection.close()  # a template must have no session open on it
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def start_demo(self):
        quote = connection.ops.quote_name
        self._execute(f"DROP DATABASE IF EXISTS {quote(self.names[DEMO])}")
        self._execute(f"CREATE DATABASE {quote(self.names[DEMO])} TEMPLATE {quote(self.names[EMPTY])}")
        self.restore(DEMO)

    def restore(self, state):
        connection.close()
        connection.settings_dict["NAME"] = self.names[state]

    def discard(self):
        self._execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(self.names[DEMO])}")
