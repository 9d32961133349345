"""The models and their migrations agree: nobody forgot a makemigrations, and an empty database migrates."""

import io
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.demo_database import migrated_from_empty_in_this_run


def our_apps():
    """Our apps (those under the project's folder, not the libraries'), each with whether it defines models."""
    return {
        app.label: bool(list(app.get_models()))
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(app.path).parts
    }


# Those with models: found, not listed, so that a new app cannot slip past the checks below.
OUR_APPS = sorted(label for label, has_models in our_apps().items() if has_models)


def test_our_apps_are_found():
    assert {"base", "home", "projects", "news", "candidacy", "opendata", "earlyaccess"} <= set(OUR_APPS)
    assert {"search", "editorial", "demo", "accounts"} <= set(our_apps())


@pytest.mark.django_db
@pytest.mark.parametrize("labels", [(), tuple(OUR_APPS)], ids=["every app", "ours, named"])
def test_no_missing_migrations(labels):
    """Every app, as ``makemigrations --check`` runs without labels (a setting that changes a library's models shows
    here); and ours named one by one, since without labels it skips an app that has no migrations folder yet."""
    out = io.StringIO()
    try:
        call_command("makemigrations", *labels, check=True, dry_run=True, stdout=out, stderr=out)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations --check found model changes without a migration:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


def test_each_app_has_one_initial_migration():
    """Nothing is deployed yet, so each app's schema is one migration, not a history of edits to undo; an app without
    models has none."""
    for label, has_models in our_apps().items():
        folder = Path(apps.get_app_config(label).path) / "migrations"
        expected = ["0001_initial.py"] if has_models else []
        assert sorted(p.name for p in folder.glob("0*.py")) == expected, label


# ``manage.py migrate`` (with its system checks) then ``manage.py showmigrations``, in one process of their own (one
# start-up, not two).
MIGRATE_THEN_SHOW = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
call_command("showmigrations", *sys.argv[1:])
"""


def _migrate_from_empty(database_url):
    """``manage.py migrate`` into an empty database with the development settings, in a process of its own, then
    ``showmigrations`` of our apps."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", MIGRATE_THEN_SHOW, *OUR_APPS], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@contextmanager
def _new_postgresql_database():
    """An empty database on the test database's server (made through Django's own connection to it, as the test
    database is), dropped at the end; yields its ``DATABASE_URL``, every part quoted."""
    settings_dict = connection.settings_dict
    name = f"torino_migrate_{os.getpid()}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _postgresql_url(settings_dict, name)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgresql_url(settings_dict, name):
    """``DATABASE_URL`` for database ``name`` with the server, credentials and options of ``settings_dict``: the user
    and password quoted, a socket folder as the host quoted, an IPv6 address in brackets, no host for libpq's
    default socket."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = settings_dict["PASSWORD"]
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict["HOST"] or ""
    host = f"[{host}]" if ":" in host else quote(host, safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    options = {
        key: value
        for key, value in settings_dict.get("OPTIONS", {}).items()
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{credentials}@{host}{port}/{quote(name, safe='')}{query}"


@pytest.mark.slow  # where it migrates an empty database itself
@pytest.mark.django_db
def test_migrate_from_empty(request, tmp_path):
    """On the engine the suite runs on: SQLite under ``make test``, PostgreSQL in .ci/run's second run.

    On PostgreSQL, ``manage.py migrate`` with the development settings into a new, empty database on the test
    database's server, in a process of its own. On SQLite usually the test database itself: this run made it by
    migrating an empty database, and a second migration from empty would repeat the same ten seconds of CPU in the
    suite that ``make test`` runs; where it did not (--reuse-db keeps an earlier run's), an empty file is migrated in a
    process of its own."""
    if connection.vendor == "postgresql":
        with _new_postgresql_database() as url:
            shown = _migrate_from_empty(url)
    elif migrated_from_empty_in_this_run(request.config):
        # The checks that migrate runs and the test database's creation skips (those that ask the database).
        call_command("check", databases=["default"])
        out = io.StringIO()
        call_command("showmigrations", *OUR_APPS, stdout=out)
        shown = out.getvalue()
    else:
        shown = _migrate_from_empty(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert shown.count("[X] 0001_initial") == len(OUR_APPS)
    assert "[ ]" not in shown


@pytest.mark.parametrize(
    "server",
    [
        {"USER": "postgres", "PASSWORD": "", "HOST": "127.0.0.1", "PORT": 5432},
        {"USER": "città", "PASSWORD": "a/b#c?d%41e@f:g", "HOST": "db.example.org", "PORT": "6543"},
        {"USER": "torino", "PASSWORD": "", "HOST": "/var/run/postgresql", "PORT": ""},
        {"USER": "torino", "PASSWORD": "x", "HOST": "::1", "PORT": 5432},
        {"USER": "torino", "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {"sslmode": "require"}},
    ],
    ids=["plain", "characters", "socket", "ipv6", "default socket, options"],
)
def test_the_new_databases_address_reads_back_as_the_server_it_is_on(server):
    """The address handed to the migrating process names the same server, credentials and options, whatever they
    hold: dj-database-url reads it as the settings do."""
    import dj_database_url

    read = dj_database_url.parse(_postgresql_url({"OPTIONS": {}, **server}, "torino_migrate_1"))
    assert read["NAME"] == "torino_migrate_1"
    for key in ("USER", "PASSWORD", "HOST"):
        assert (read[key] or "") == server[key], key
    assert str(read["PORT"] or "") == str(server["PORT"])
    assert read.get("OPTIONS", {}) == server.get("OPTIONS", {})
