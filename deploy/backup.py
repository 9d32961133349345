"""Backup and restore: the database and the media in one dated archive (docs/deploy.md, "Backups").

    python deploy/backup.py backup /var/backups/torino       → /var/backups/torino/torino-20261205-0300.tar
    python deploy/backup.py restore /var/backups/torino/torino-20261205-0300.tar

Run with the production environment (DATABASE_URL, MEDIA_BUCKET…: the settings say where things are). The archive
holds ``database.dump`` (pg_dump's custom format; for SQLite a copy of the file made with SQLite's backup API),
``media/`` (every stored file, from the bucket or the media folder, under its own name) and ``manifest.json``.
Restore goes into an *empty* database and an *empty* storage (a new database and bucket, or the old ones
emptied): it refuses otherwise, so that it can never mix two sites. Files are written back through the site's own
storage, so the bucket's rules apply again: originals and documents private, renditions public.
"""

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()


def stored_files(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}{name}"
    for directory in directories:
        yield from stored_files(storage, f"{folder}{directory}/")


def tool(name):
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def postgres_environment(settings_dict):
    env = {**os.environ, "PGHOST": settings_dict["HOST"] or "127.0.0.1", "PGPORT": str(settings_dict["PORT"] or 5432)}
    env["PGUSER"] = settings_dict["USER"] or "postgres"
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def dump_database(target):
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 (the arguments come from the settings)
            [
                tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                settings_dict["NAME"],
            ],
            env=postgres_environment(settings_dict),
            check=True,
        )
    elif connection.vendor == "sqlite":
        with sqlite3.connect(settings_dict["NAME"]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    else:
        raise SystemExit(f"No backup for a {connection.vendor} database.")


def restore_database(source):
    from django.db import DatabaseError, connection

    if "django_migrations" in connection.introspection.table_names():
        raise SystemExit("The database is not empty: restore into a new one (createdb), never over a site.")
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 (the arguments come from the settings)
            [
                tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={settings_dict['NAME']}",
                source,
            ],
            env=postgres_environment(settings_dict),
            check=True,
        )
        # A dump carries no planner statistics. Until autovacuum gathers them, PostgreSQL takes every table for a
        # few rows and may nest a listing's private-section subqueries inside a scan of every page: seconds per
        # page instead of milliseconds, on the very first requests the restored site serves. Without the
        # production settings' statement timeout (a large site takes longer); a failure is no reason to stop the
        # restore half-way, since the database would then refuse a second attempt as not empty.
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
                cursor.execute("ANALYZE")
        except DatabaseError as error:
            print(f"ANALYZE failed ({error}): run it on the restored database before serving it", file=sys.stderr)
    elif connection.vendor == "sqlite":
        connection.close()
        with sqlite3.connect(source) as dump, sqlite3.connect(settings_dict["NAME"]) as target:
            dump.backup(target)
    else:
        raise SystemExit(f"No restore for a {connection.vendor} database.")


def backup(folder):
    setup_django()
    from django.core.files.storage import default_storage
    from django.db import connection

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    archive = folder / f"torino-{stamp}.tar"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        dump_database(work / "database.dump")
        names = []
        for name in stored_files(default_storage):
            target = work / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name) as source, open(target, "wb") as copy:
                shutil.copyfileobj(source, copy)
            names.append(name)
        manifest = {"made": stamp, "database": connection.vendor, "media": sorted(names)}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        with tarfile.open(archive.with_suffix(".tar.part"), "w") as tar:
            for member in ("manifest.json", "database.dump", "media"):
                if (work / member).exists():
                    tar.add(work / member, arcname=member)
        archive.with_suffix(".tar.part").rename(archive)  # an archive with its final name is complete
    print(archive)
    return archive


def restore(archive):
    setup_django()
    from django.core.files.storage import default_storage

    if next(stored_files(default_storage), None) is not None:
        raise SystemExit("The media storage is not empty: restore into a new bucket or folder, never over a site.")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        restore_database(work / "database.dump")
        for name in manifest["media"]:
            with open(work / "media" / name, "rb") as source:
                saved = default_storage.save(name, source)
            if saved != name:
                raise SystemExit(f"{name} was stored as {saved}: the storage was not empty.")
    print(f"restored {archive}: the database and {len(manifest['media'])} media files")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup", help="dump the database and copy the media into a dated archive").add_argument(
        "folder"
    )
    commands.add_parser("restore", help="restore an archive into an empty database and storage").add_argument("archive")
    arguments = parser.parse_args(argv)
    if arguments.command == "backup":
        backup(arguments.folder)
    else:
        restore(arguments.archive)


if __name__ == "__main__":
    main()
