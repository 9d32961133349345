"""The states of the test database that tests start from, each made once per test process and put in place only
for the tests that ask for it.

Loading the demo (``manage.py load_demo_content``) takes longer than most test files, so a test process loads it
once, the first time a test asks for it, and keeps it beside the *empty* state (as the migrations leave it). The
same goes for the set-ups that most tests share and that cost more than putting a kept state in place: the
``home_page`` fixture's tree (Wagtail's delete of its welcome page alone is a fifth of a second) and the
``editorial_groups`` fixture's groups; each combination of them that tests ask for is a state, made from the empty
one the first time. Before each test, tests/conftest.py puts in place the state that test needs; the test then runs
in a transaction rolled back at its end, as every pytest-django test does, so what it changes never reaches the
next one.

How a state is kept depends on the database:

- SQLite (in memory, or in a file): each state is a copy in a private in-memory database, made and put back with
  SQLite's online backup (a page-by-page copy: milliseconds for this database);
- PostgreSQL: each state but the empty one is another test database, created from the empty one as its template,
  and putting a state in place points the connection at that database.

With ``--reuse-db`` on SQLite (local runs, see README), the demo state is also kept in a file of .pytest-db/ with a
key made of the migrated schema and of every file of the project's apps and settings, beside the files the demo put
in MEDIA_ROOT: the next run puts them in place instead of loading the demo again, as long as none of that changed.
"""

import fcntl
import hashlib
import inspect
import io
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing, contextmanager, nullcontext
from copy import deepcopy
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import Model
from django.utils import translation

EMPTY, DEMO = "empty", "demo"
# What a transactional test starts from: a state of its own, made from the empty one, since the test's end flushes it.
TRANSACTIONAL = "transactional"


class DemoDatabase:
    """The states of this process's test database and which of them is in place.

    Every method runs outside any transaction (pytest-django's test transaction included): before a test's
    fixtures are set up, or as a session fixture."""

    def __init__(self, keep_in=None, shared=False):
        """``keep_in``: a folder where SQLite's demo state is kept between runs (``--reuse-db``), or with ``shared``
        the folder of this run that its test processes (xdist's workers) share, where the first to need the demo
        loads it and the others take it."""
        self.in_place = EMPTY
        self.output = None
        self.pages = None  # every demo page's answer (tests/demo_pages.py), asked for as the demo was kept
        self._values = {}  # what the kept fixtures of each state returned (freeze below)
        if connection.vendor == "sqlite":
            self._states = _SQLiteStates(keep_in, shared)
        elif connection.vendor == "postgresql":
            self._states = _PostgreSQLStates()
        else:
            raise NotImplementedError(f"no way to keep two states of a {connection.vendor} test database")

    def keep_empty(self):
        """Keep the database as it is now (migrated, nothing else) as the empty state."""
        self._states.keep(EMPTY)
        self.in_place = EMPTY

    def build(self):
        """Load the demo into the database and keep it; the demo stays in place."""
        if self.output is not None:
            self.put_in_place(DEMO)
            return
        self.put_in_place(EMPTY)
        with self._states.demo_lock():
            self.output, self.pages = self._states.kept_demo_output()
            if self.output is None:
                from tests.demo_pages import crawl

                self._states.start(DEMO)
                out = io.StringIO()
                with translation.override(settings.LANGUAGE_CODE):
                    call_command("load_demo_content", stdout=out, stderr=out)
                self.output = out.getvalue()
                # Every live page served once, so that the demo state holds the image renditions its pages show
                # (without them each test that renders demo pages would make them again, resizing and encoding the
                # pictures, as the rows of the renditions made by the previous test went with its rollback); the
                # answers are kept for the tests that only read them (tests/demo_pages.py).
                self.pages = crawl()
                self._states.keep(DEMO, self.output, self.pages)
        self.in_place = DEMO

    def put_in_place(self, state, make=None):
        """Put ``state`` in place; a state never kept before is made first by ``make(made)`` (without ``make``, as the
        demo, its fixture makes it later: nothing changes now).

        A state's name lists its set-ups in the order they are made ("home_page+editorial_groups+…"). It is made from
        the longest kept state whose set-ups are the first of its own (else from the empty one), as making those
        again from empty would leave the same rows: ``made`` maps each set-up already in place to what it returned
        (None for SHARED_SETUPS), and ``make`` makes the others."""
        if state == self.in_place:
            return
        if state in self._states.kept:
            self._states.restore(state)
        elif make is None:
            return
        else:
            base = self._nearest_kept(state)
            self.put_in_place(base)
            made = {} if base == EMPTY else dict.fromkeys(base.split("+"))
            made.update(thaw(self._values.get(base, {})))
            self.in_place = None  # until it is kept: a set-up that fails half-way leaves no state in place
            self._states.start(state, base)
            self._values[state] = freeze(make(made) or {})
            self._states.keep(state)
        self.in_place = state

    def _nearest_kept(self, state):
        parts = state.split("+")
        for length in range(len(parts) - 1, 0, -1):
            if (prefix := "+".join(parts[:length])) in self._states.kept:
                return prefix
        return EMPTY

    def holds(self, setup):
        """Whether the state in place was made with ``setup`` (a part of its name, as "home_page")."""
        return setup in (self.in_place or "").split("+")

    def kept_value(self, key):
        """What the kept fixture ``key`` returned when the state in place was made, read again from the database."""
        return thaw(self._values[self.in_place][key])

    def forget_in_place(self):
        """The database was changed outside a rolled-back transaction (a transactional test flushes it at its end): the
        next test has its state put in place again, whatever it is, and the state changed is made again when needed."""
        if self.in_place is not None:
            self._states.flushed(self.in_place)
        self.in_place = None

    def write_empty_state(self, path):
        """Write the empty state (the test database as the migrations left it) to the SQLite file ``path``; False
        where the test database is not SQLite's."""
        if not isinstance(self._states, _SQLiteStates):
            return False
        with closing(sqlite3.connect(path)) as target:
            self._states.copies[EMPTY].backup(target)
        return True

    def discard(self):
        """Back to the empty state, for pytest-django to tear the test database down as it made it."""
        self.put_in_place(EMPTY)
        self._states.discard()


# The test database as a worker's pytest-django makes it (create_test_db, migrations and all), written whole to the
# file given or not at all.
_MIGRATE_TO_FILE = """
import os, sqlite3, sys
from contextlib import closing
import django
django.setup()
from django.db import connection
connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
partial = sys.argv[1] + ".partial"
with closing(sqlite3.connect(partial)) as target:
    connection.connection.backup(target)
os.replace(partial, sys.argv[1])
"""


def migrated_from_empty_in_this_run(config):
    """Whether this run's test database is SQLite's in memory, migrated from empty by this run: by pytest-django in
    this process, or under xdist once for all of them (MigratedOnce). Not with --reuse-db (pytest-django keeps each
    process's database of an earlier run) nor --nomigrations."""
    return (
        connection.vendor == "sqlite"
        and connection.creation.is_in_memory_db(connection.creation._get_test_db_name())
        and not config.getoption("reuse_db")
        and not config.getoption("nomigrations")
    )


class MigratedOnce:
    """The migrated test database, made once per run and taken by each test process (xdist's workers, on SQLite in
    memory).

    Migrating is ten seconds of CPU (217 migrations, most of them Wagtail's, each rendering Django's model states), the
    same in every worker. xdist's controller migrates it in a process of its own as its workers start
    (``migrate_in_background``), as pytest-django would, and writes the result to the run's shared folder (had that
    failed, the first worker to get here would migrate and write it). A worker that finds it there (having waited, if
    it came meanwhile, for it to be written) creates its database from the models without migrations (under a
    second), then puts the migrated one in its place, rows of the data migrations and the table of applied migrations
    included (SQLite's online backup, as for the states below), and serializes it again where a serialized rollback
    needs it (what it reloads is what the migrations left). Only then is it kept as the empty state."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._lock = None
        self.taken = False

    def migrate_in_background(self):
        """In xdist's controller, before it starts the workers: migrate in a process of its own while they start
        (importing Django and collecting the tests take each of them seconds in which no database is needed), holding
        the lock until it is written. A worker then only waits for what is left, if anything; had the process failed
        (no file), the first worker migrates as before. Returns the process."""
        self.folder.mkdir(exist_ok=True)
        self._lock = open(self.folder / "migrated.lock", "w")  # noqa: SIM115 (held until the process has ended)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        with open(self.folder / "migrate.log", "w") as log:
            process = subprocess.Popen(  # noqa: S603 (this interpreter, our own code)
                [sys.executable, "-c", _MIGRATE_TO_FILE, str(self._file)],
                cwd=settings.BASE_DIR,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def release_when_written():
            try:
                process.wait(timeout=600)
            except subprocess.TimeoutExpired:  # hung: the workers must not wait for ever (the first migrates instead)
                process.kill()
                process.wait()
            self._release()

        threading.Thread(target=release_when_written, daemon=True).start()
        return process

    @property
    def _file(self):
        return self.folder / "migrated.sqlite3"

    def claim(self):
        """Before the test database is created: True if another process migrated it already (this one takes it)."""
        self.folder.mkdir(exist_ok=True)
        self._lock = open(self.folder / "migrated.lock", "w")  # noqa: SIM115 (held until the database is written)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.taken = self._file.exists()
        if self.taken:
            self._release()
        return self.taken

    def finish(self):
        """After the test database is created: take the migrated one, or leave this one for the others."""
        connection.ensure_connection()
        if self.taken:
            with closing(sqlite3.connect(self._file)) as source:
                source.backup(connection.connection)
            # The content types that creating the database from the models cached: other ids than the migrated ones.
            ContentType.objects.clear_cache()
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            return
        written = self._file.with_suffix(".partial")
        with closing(sqlite3.connect(written)) as target:
            connection.connection.backup(target)
        written.replace(self._file)  # whole, or not there: never half written
        self._release()

    def _release(self):
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class _SQLiteStates:
    """Copies of the test database in private in-memory databases (sqlite3's online backup), and with ``keep_in``
    the demo's copy in a file too."""

    def __init__(self, keep_in=None, shared=False):
        self.copies = {}
        self.folder = Path(keep_in) if keep_in else None
        self.shared = shared

    @contextmanager
    def demo_lock(self):
        """While one process loads the demo into the shared folder, the others wait for it, then take it."""
        if not self.shared:
            yield
            return
        self.folder.mkdir(exist_ok=True)
        with open(self.folder / "demo.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    @property
    def kept(self):
        return self.copies.keys()

    def _live(self):
        connection.ensure_connection()
        return connection.connection

    def keep(self, state, output=None, pages=None):
        copy = self.copies.get(state) or sqlite3.connect(":memory:", check_same_thread=False)
        self._live().backup(copy)
        self.copies[state] = copy
        if state == DEMO and self.folder is not None and output is not None:
            self.folder.mkdir(exist_ok=True)
            # The key first goes, and comes back last: the demo is kept (for the other workers, or the next run) only
            # once all of it is written, never a half-rewritten one under an older key.
            self._file(DEMO).with_suffix(".json").unlink(missing_ok=True)
            with closing(sqlite3.connect(self._file(DEMO))) as kept:
                copy.backup(kept)
            shutil.rmtree(self._media(), ignore_errors=True)
            shutil.copytree(settings.MEDIA_ROOT, self._media())
            if self.shared:
                self._file(DEMO).with_suffix(".pages").write_bytes(pickle.dumps(pages))
            self._file(DEMO).with_suffix(".json").write_text(json.dumps({"key": self._key(), "output": output}))

    def kept_demo_output(self):
        """Put the demo kept by an earlier run (or worker) in place and return its output and its pages' answers, if
        that run had the same key; else (None, None). The answers are taken only from another worker of this run: the
        key does not cover the templates, the translations or the packages, which an earlier run's answers could
        predate (its database only costs time when out of date; its answers would hide a change). Where they are not
        taken, the demo_pages fixture asks for the pages again."""
        if self.folder is None or not self._file(DEMO).exists():
            return None, None
        try:
            kept = json.loads(self._file(DEMO).with_suffix(".json").read_text())
        except (OSError, ValueError):
            return None, None
        if kept.get("key") != self._key():
            return None, None
        with closing(sqlite3.connect(self._file(DEMO))) as source:
            source.backup(self._live())
        shutil.copytree(self._media(), settings.MEDIA_ROOT, dirs_exist_ok=True)
        self.keep(DEMO)
        pages = None
        if self.shared:
            try:
                pages = pickle.loads(self._file(DEMO).with_suffix(".pages").read_bytes())  # noqa: S301 (our own file)
            except Exception:  # noqa: BLE001 (whatever fails to read, the pages are asked for again)
                pages = None
        return kept["output"], pages

    def _file(self, state):
        if self.shared:
            return self.folder / f"{state}.sqlite3"
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

    def start(self, state, base=EMPTY):
        pass  # a state is made in the test database itself (``base`` in place), then copied

    def flushed(self, state):
        pass  # what was flushed is the live database: the kept copy is intact and is put back

    def restore(self, state):
        self.copies[state].backup(self._live())

    def discard(self):
        for copy in self.copies.values():
            copy.close()
        self.copies.clear()


class _PostgreSQLStates:
    """The empty test database and a database made from it for each other state (CREATE DATABASE … TEMPLATE)."""

    def __init__(self):
        self.names = {EMPTY: connection.settings_dict["NAME"]}
        self.kept = {EMPTY}

    def keep(self, state, output=None, pages=None):
        self.kept.add(state)  # each state is its own database, kept as it is

    def kept_demo_output(self):
        return None, None  # the demo database lasts one run

    def demo_lock(self):
        return nullcontext()  # each worker has its own databases

    def _execute(self, sql):
        connection.close()  # a template must have no session open on it
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def start(self, state, base=EMPTY):
        quote = connection.ops.quote_name
        # A digest: the name of a state made of kept fixtures is longer than PostgreSQL's 63 bytes.
        self.names[state] = f"{self.names[EMPTY]}_{hashlib.sha256(state.encode()).hexdigest()[:16]}"
        self._execute(f"DROP DATABASE IF EXISTS {quote(self.names[state])}")
        self._execute(f"CREATE DATABASE {quote(self.names[state])} TEMPLATE {quote(self.names[base])}")
        self.restore(state)

    def restore(self, state):
        connection.close()
        connection.settings_dict["NAME"] = self.names[state]

    def flushed(self, state):
        """A state's database was flushed: it is made again from the empty one the next time a test needs it. The empty
        one must never be flushed, being the template of every other (transactional tests have a state of their own)."""
        assert state != EMPTY, "a transactional test ran on the empty state's database"
        self.kept.discard(state)

    def discard(self):
        for state, name in self.names.items():
            if state != EMPTY:
                self._execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


# --- set-ups of many tests kept as states ----------------------------------------------------------


def kept(function):
    """Turn ``function`` into a fixture whose rows are kept as a state of the database, as SHARED_SETUPS are
    (tests/conftest.py): made once per test process from the fixtures it asks for, then put in place before each test
    that asks for it, in the order pytest would have made them, before the test's transaction begins.

    It may ask only for other kept fixtures, for SHARED_SETUPS and for the fixtures of ``PURE_FIXTURES`` (which make
    nothing that the kept state would not hold). The fixture returns what ``function`` returned, its model instances
    read again from the database that the state put in place (they are what the state was made with)."""
    signature = inspect.signature(function)
    key = f"{function.__module__}.{function.__name__}"

    def fixture(database_states, **kwargs):
        if database_states.holds(key):
            return database_states.kept_value(key)
        return function(**kwargs)

    fixture.__name__ = fixture.__qualname__ = function.__name__
    fixture.__module__ = function.__module__
    fixture.__doc__ = function.__doc__
    database_states = inspect.Parameter("database_states", inspect.Parameter.KEYWORD_ONLY)
    fixture.__signature__ = signature.replace(
        parameters=[
            database_states,
            *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values()),
        ]
    )
    fixture.kept_make, fixture.kept_key = function, key
    return pytest.fixture(fixture)


# Fixtures a kept one may ask for although they are not kept themselves: they make nothing, or only what every state
# already holds (the locales).
PURE_FIXTURES = {"db", "locale_it", "locale_en", "root_page", "translate"}


class _Row:
    """A model instance as a state keeps it: its class and primary key."""

    def __init__(self, instance):
        self.model, self.pk = type(instance), instance.pk


def freeze(value):
    if isinstance(value, Model):
        return _Row(value)
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(freeze(v) for v in value)
    return value


def thaw(value):
    if isinstance(value, _Row):
        return value.model._base_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(thaw(v) for v in value)
    return deepcopy(value)
