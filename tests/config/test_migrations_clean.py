"""The models and their migrations agree: nobody forgot a makemigrations."""

import io
import os

import pytest
from django.core.management import call_command

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


@pytest.mark.slow  # where it migrates an empty database itself
@pytest.mark.django_db
def test_migrate_from_empty_on_sqlite(request, tmp_path):
    """Usually the test database itself: this run made it by migrating an empty SQLite database (pytest-django, or
    MigratedOnce for all workers), and a second migration from empty would repeat the same ten seconds of CPU. Where
    it was not (--reuse-db keeps an earlier run's), an empty file database is migrated in a process of its own."""
    if migrated_from_empty_in_this_run(request.config):
        # The checks that migrate runs and the test database's creation skips (those that ask the database).
        call_command("check", databases=["default"])
        out = io.StringIO()
        call_command("showmigrations", *OUR_APPS, stdout=out)
        shown = out.getvalue()
    else:
        shown = _migrate_from_empty(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path)
    assert shown.count("[X] 0001_initial") == len(OUR_APPS)
    assert "[ ]" not in shown


@pytest.mark.slow
@pytest.mark.postgres
def test_migrate_from_empty_on_postgresql(tmp_path):
    psycopg = pytest.importorskip("psycopg")
    name = f"torino_migrate_{os.getpid()}"
    try:
        admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3, autocommit=True)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            shown = _migrate_from_empty(f"postgres://postgres@127.0.0.1:5432/{name}", tmp_path)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert shown.count("[X] 0001_initial") == len(OUR_APPS)
    assert "[ ]" not in shown
