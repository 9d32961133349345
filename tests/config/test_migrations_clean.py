"""The models and their migrations agree: nobody forgot a makemigrations."""

import io
import os
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection

from tests.demo_database import migrated_from_empty_in_this_run


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out, stderr=out)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations --check found model changes without a migration:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


OUR_APPS = ["base", "home", "projects", "news", "candidacy", "opendata", "earlyaccess"]


def test_each_app_has_one_initial_migration():
    """Nothing is deployed yet, so each app's schema is one migration, not a history of edits to undo."""
    from pathlib import Path

    from django.apps import apps

    for label in OUR_APPS:
        folder = Path(apps.get_app_config(label).path) / "migrations"
        assert sorted(p.name for p in folder.glob("0*.py")) == ["0001_initial.py"], label


# ``manage.py migrate`` (with its system checks) then ``manage.py showmigrations``, in one process of their own (one
# start-up, not two).
MIGRATE_THEN_SHOW = """
import sys, django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
call_command("showmigrations", *sys.argv[1:])
"""


def _migrate_from_empty(database_url, tmp_path):
    """``migrate`` into an empty database with the development settings, in a process of its own, then
    ``showmigrations`` of our apps."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", MIGRATE_THEN_SHOW, *OUR_APPS], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _migrated_from_empty_in_this_run(config):
    """Whether the run's own test database was made by migrating an empty one in this run: SQLite's in memory (by
    pytest-django, or MigratedOnce for all workers), or PostgreSQL's, which pytest-django creates afresh and migrates in
    each test process. Not with --reuse-db (an earlier run's database is kept) nor --nomigrations."""
    if connection.vendor == "postgresql":
        return not config.getoption("reuse_db") and not config.getoption("nomigrations")
    return migrated_from_empty_in_this_run(config)


@contextmanager
def _new_postgresql_database():
    """An empty database beside the test database, on the same server, dropped at the end."""
    import psycopg

    settings_dict = connection.settings_dict
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    server = f"postgresql://{settings_dict['USER']}@{host}:{port}"
    name = f"torino_migrate_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", connect_timeout=3, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow  # where it migrates an empty database itself
@pytest.mark.django_db
def test_migrate_from_empty(request, tmp_path):
    """On the engine the suite runs on: SQLite under ``make test``, PostgreSQL in .ci/run's second run.

    Usually the test database itself: this run made it by migrating an empty database, and a second migration from
    empty would repeat the same ten seconds of CPU. Where it did not (--reuse-db keeps an earlier run's), an empty
    database is migrated in a process of its own: a SQLite file, or a new database on the PostgreSQL server."""
    if _migrated_from_empty_in_this_run(request.config):
        # The checks that migrate runs and the test database's creation skips (those that ask the database).
        call_command("check", databases=["default"])
        out = io.StringIO()
        call_command("showmigrations", *OUR_APPS, stdout=out)
        shown = out.getvalue()
    elif connection.vendor == "sqlite":
        shown = _migrate_from_empty(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path)
    else:
        with _new_postgresql_database() as url:
            shown = _migrate_from_empty(url, tmp_path)
    assert shown.count("[X] 0001_initial") == len(OUR_APPS)
    assert "[ ]" not in shown
