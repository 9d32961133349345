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
"""

import io
import sqlite3

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import translation

EMPTY, DEMO = "empty", "demo"


class DemoDatabase:
    """The two states of this process's test database and which of them is in place.

    Every method runs outside any transaction (pytest-django's test transaction included): before a test's
    fixtures are set up, or as a session fixture."""

    def __init__(self):
        self.in_place = EMPTY
        self.output = ""
        if connection.vendor == "sqlite":
            self._states = _SQLiteStates()
        elif connection.vendor == "postgresql":
            self._states = _PostgreSQLStates()
        else:
            raise NotImplementedError(f"no way to keep two states of a {connection.vendor} test database")

    def build(self):
        """Keep the empty state, load the demo into the database and keep that too; the demo stays in place."""
        self._states.keep(EMPTY)
        self._states.start_demo()
        out = io.StringIO()
        with translation.override(settings.LANGUAGE_CODE):
            call_command("load_demo_content", stdout=out, stderr=out)
        self._states.keep(DEMO)
        self.in_place = DEMO
        self.output = out.getvalue()

    def put_in_place(self, state):
        if state != self.in_place:
            self._states.restore(state)
            self.in_place = state

    def discard(self):
        """Back to the empty state, for pytest-django to tear the test database down as it made it."""
        self.put_in_place(EMPTY)
        self._states.discard()


class _SQLiteStates:
    """Copies of the test database in private in-memory databases (sqlite3's online backup)."""

    def __init__(self):
        self.copies = {}

    def _live(self):
        connection.ensure_connection()
        return connection.connection

    def keep(self, state):
        copy = self.copies.get(state) or sqlite3.connect(":memory:", check_same_thread=False)
        self._live().backup(copy)
        self.copies[state] = copy

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

    def keep(self, state):
        pass  # each state is its own database, kept as it is

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
