"""Prometheus metrics in production (config/metrics.py): off by default; when on, /metrics/ counts requests and
answers only the scraper's addresses, anyone else getting the 404 of an unknown page.

Runs Django in a subprocess with the production settings, which read the environment once at start-up."""

import fcntl
import json
import os
import shutil

import pytest

from tests.config.test_production_settings import manage, production_env, production_environment, run  # noqa: F401

# Static files without collectstatic's manifest, which the error pages' templates would otherwise need.
SCRAPE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    reader = Client(REMOTE_ADDR="203.0.113.9", HTTP_HOST="innovazione.torino.it")
    scraper = Client(REMOTE_ADDR="10.0.0.7", HTTP_HOST="innovazione.torino.it")
    # Through Varnish on the scraper's machine: the proxy's address, and the reader's in X-Forwarded-For.
    relayed = Client(REMOTE_ADDR="10.0.0.7", HTTP_HOST="innovazione.torino.it", HTTP_X_FORWARDED_FOR="203.0.113.9")
    reader.get("/robots.txt", secure=True)
    answers = {}
    for name, client in (("reader", reader), ("relayed", relayed), ("scraper", scraper)):
        response = client.get("/metrics/", secure=True)
        answers[name] = {
            "status": response.status_code,
            "cache": response.get("Cache-Control", ""),
            "body": response.content.decode(),
        }
print(json.dumps(answers))
"""

# The migrated database the subprocess starts from is this process's test database (migrated_production_database): the
# mark makes pytest-django create it even when these are the only tests run.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="session")
def migrated_production_database(database_states, django_db_blocker, tmp_path_factory):
    """A migrated SQLite database for the production settings: these tests are about metrics, not migrations
    (tests/config/test_migrations_clean.py), and migrating in a subprocess takes twenty seconds of CPU.

    On SQLite it is this process's own test database as the migrations left it (its empty state,
    tests/demo_database.py): the same migrations, and no app the production settings add has models. On PostgreSQL it
    is migrated once per run in a subprocess; under xdist the workers share it through the run's temporary folder,
    the first to come migrating it under a lock. Each test then gets its own copy."""
    folder = tmp_path_factory.getbasetemp()
    with django_db_blocker.unblock():
        if database_states.write_empty_state(folder / "empty-state.sqlite3"):
            return folder / "empty-state.sqlite3"
    if "PYTEST_XDIST_WORKER" in os.environ:
        folder = folder.parent  # the folder of the whole run, above each worker's
    migrated = folder / "production-migrated.sqlite3"
    with open(folder / "production-migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not migrated.exists():
            building = migrated.with_suffix(".building")
            building.unlink(missing_ok=True)
            result = manage(production_environment(building), "migrate", "--noinput")
            assert result.returncode == 0, result.stdout + result.stderr
            building.rename(migrated)
    return migrated


def scrape(env, migrated):
    """The answers to /metrics/, on a copy of the migrated database."""
    shutil.copyfile(migrated, env["DATABASE_URL"].removeprefix("sqlite:///"))
    result = run(env, code=SCRAPE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_metrics_are_off_unless_turned_on(production_env, migrated_production_database):  # noqa: F811
    production_env["METRICS_ALLOWED_IPS"] = "10.0.0.7"

    answers = scrape(production_env, migrated_production_database)

    assert answers["scraper"]["status"] == 404
    assert answers["reader"]["status"] == 404


def test_metrics_count_requests_and_answer_only_the_scraper(production_env, migrated_production_database):  # noqa: F811
    production_env["METRICS_ENABLED"] = "1"
    production_env["METRICS_ALLOWED_IPS"] = "10.0.0.7"

    answers = scrape(production_env, migrated_production_database)

    scraper, reader = answers["scraper"], answers["reader"]
    assert scraper["status"] == 200
    assert "no-store" in scraper["cache"]
    assert 'django_http_responses_total_by_status_total{status="404"}' in scraper["body"]
    # A reader gets exactly what an unknown address gives: the 404 page, not a hint that metrics exist.
    assert reader["status"] == 404
    assert "django_http" not in reader["body"]
    # Nor does a reader whose request a proxy on an allowed address relays.
    assert answers["relayed"]["status"] == 404
    assert "django_http" not in answers["relayed"]["body"]
