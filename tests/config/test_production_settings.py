"""The production settings: a clean `check --deploy`, fast failure without secrets, Redis outages tolerated.

Each test runs Django in a subprocess, because the settings module reads the environment once,
at import time.
"""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION = "config.settings.production"


def random_key(length=60):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


@pytest.fixture
def production_env(tmp_path):
    """A realistic production environment, nothing inherited from the developer's shell."""
    return production_environment(tmp_path / "production.sqlite3")


def production_environment(database):
    """The environment of production_env, its SQLite database in the file ``database``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            (
                "DJANGO_",
                "DATABASE_",
                "REDIS_",
                "SECRET_",
                "ALLOWED_",
                "SECURE_",
                "WAGTAIL",
                "ADMINS",
                "EMAIL_",
                "SERVER_",
                # The caches' lifetimes a test run may be given (CHROME_CACHE_SECONDS=300 runs the suite with the
                # chrome kept) are the test settings', not production's: production derives its own from REDIS_URL.
                "PAGE_CACHE_",
                "CHROME_CACHE_",
            )
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=random_key(),
        ALLOWED_HOSTS="innovazione.torino.it",
        DATABASE_URL=f"sqlite:///{database}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ADMINS="Redazione web <web@innovazione.torino.it>",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(env, *args, code=None):
    command = [sys.executable, *args] if code is None else [sys.executable, "-c", code]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False)


def manage(env, *args):
    return run(env, "manage.py", *args)


def test_check_deploy_has_no_warnings(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


@pytest.mark.parametrize(
    "variable,value",
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "   "),
        ("SECRET_KEY", "too-short"),
        ("SECRET_KEY", "django-insecure-" + "k" * 10 + random_key(50)),
        ("SECRET_KEY", "a" * 60),
        ("ALLOWED_HOSTS", None),
        ("ALLOWED_HOSTS", ""),
        ("ADMINS", None),
        ("ADMINS", ""),
        ("ADMINS", "Redazione web"),
    ],
    ids=[
        "no-key",
        "empty-key",
        "blank-key",
        "short-key",
        "insecure-key",
        "one-letter-key",
        "no-hosts",
        "empty-hosts",
        "no-admins",
        "empty-admins",
        "admins-without-address",
    ],
)
def test_production_refuses_to_start_without_a_real_setting(production_env, variable, value):
    if value is None:
        del production_env[variable]
    else:
        production_env[variable] = value

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert variable in result.stderr
    assert "ImproperlyConfigured" in result.stderr


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "CACHE": settings.CACHES["default"],
    "DB_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
    "WAGTAILADMIN_BASE_URL": settings.WAGTAILADMIN_BASE_URL,
    "SITE_URL": settings.SITE_URL,
}))
"""


def test_production_reads_the_environment(production_env):
    production_env["ALLOWED_HOSTS"] = "innovazione.torino.it, www.innovazione.torino.it"
    production_env["DATABASE_URL"] = "postgres://torino:secret@db.example.org:5432/torino"

    result = run(production_env, code=SHOW_SETTINGS)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["innovazione.torino.it", "www.innovazione.torino.it"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://innovazione.torino.it", "https://www.innovazione.torino.it"]
    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert values["DB_NAME"] == "torino"
    assert values["CACHE"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert values["CACHE"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert values["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["SITE_URL"] == values["WAGTAILADMIN_BASE_URL"] == "https://innovazione.torino.it"


def test_the_public_address_comes_from_site_url(production_env):
    production_env["ALLOWED_HOSTS"] = "innovazione.torino.it,www.innovazione.torino.it"
    production_env["SITE_URL"] = "https://www.innovazione.torino.it/"

    values = json.loads(run(production_env, code=SHOW_SETTINGS).stdout)

    assert values["SITE_URL"] == values["WAGTAILADMIN_BASE_URL"] == "https://www.innovazione.torino.it"


def test_production_needs_site_url_when_any_host_is_allowed(production_env):
    production_env["ALLOWED_HOSTS"] = "*"

    result = run(production_env, code=SHOW_SETTINGS)

    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


USE_CACHE = """
import django
django.setup()
from django.core.cache import cache
cache.set("torino", "innovazione", 30)
print("get:", cache.get("torino"))
print("get_or_default:", cache.get("missing", "fallback"))
cache.delete("torino")
print("done")
"""


def test_redis_outage_does_not_break_the_cache(production_env):
    """With Redis down, get/set quietly miss: the site is slower, not broken."""
    production_env["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    result = run(production_env, code=USE_CACHE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["get: None", "get_or_default: fallback", "done"]


def redis_answers(host="127.0.0.1", port=6379):
    import socket

    try:
        with socket.create_connection((host, port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis server answers on 127.0.0.1:6379")
def test_production_cache_stores_and_reads_through_redis(production_env):
    """The real thing: with REDIS_URL set, what the site caches goes to Redis and comes back.

    Database 15 keeps the test away from anything another program keeps in database 0.
    """
    production_env["REDIS_URL"] = "redis://127.0.0.1:6379/15"

    result = run(production_env, code=USE_CACHE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["get: innovazione", "get_or_default: fallback", "done"]


SHOW_ERROR_MAIL = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({"ADMINS": settings.ADMINS, "SERVER_EMAIL": settings.SERVER_EMAIL, "EMAIL_HOST": settings.EMAIL_HOST,
                  "EMAIL_PORT": settings.EMAIL_PORT, "EMAIL_USE_TLS": settings.EMAIL_USE_TLS}))
"""


def test_production_mails_server_errors_to_the_admins_from_the_environment(production_env):
    production_env.update(
        ADMINS="Redazione web <web@innovazione.torino.it>, sistemi@innovazione.torino.it",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
    )

    result = run(production_env, code=SHOW_ERROR_MAIL)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "ADMINS": [["Redazione web", "web@innovazione.torino.it"], ["", "sistemi@innovazione.torino.it"]],
        "SERVER_EMAIL": "errors@innovazione.torino.it",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
    }
