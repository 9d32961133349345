"""Tests: fast hashing, in-memory cache and media in a temporary folder.

DATABASE_URL still applies, so CI runs the same suite on PostgreSQL.
"""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The address of the Site the tests' home_page fixture creates (localhost, port 80).
SITE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = SITE_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="torino-media-")
# Tests serve static files through the finders; an empty root keeps whitenoise from warning.
STATIC_ROOT = tempfile.mkdtemp(prefix="torino-static-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The whole-page cache is on: every test that changes content and asks again shows it fresh (tests/conftest.py
# empties the cache between tests; tests counting queries turn it off for themselves). The benchmarks in bench/,
# which use these settings, set PAGE_CACHE_SECONDS=0 to time the rendering rather than the cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The site chrome's cache is off, so that tests counting queries count every query a page needs; tests/cache/ turns
# it on to show that a change is seen at once. The benchmarks turn it on, as in production (bench/_common.py).
CHROME_CACHE_SECONDS = int(os.environ.get("CHROME_CACHE_SECONDS", "0"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Never let a test reach a real tile server.
MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
# SQLite tests run in memory; SQLITE_TEST_DB_FILE=/tmp/x.sqlite3 puts the test database in a file instead, so that
# threads can share it (tests/editorial/test_concurrent_saves.py runs on PostgreSQL, or on SQLite in a file).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and os.environ.get("SQLITE_TEST_DB_FILE"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SQLITE_TEST_DB_FILE"]}  # noqa: F405
# Publishing a dossier builds its PDF in a background thread (candidacy/signals.py): not behind the tests' back (the
# demo snapshot of tests/demo_database.py would catch a build half done); the test of that trigger turns it on.
DOSSIER_PDF_BUILD_ON_PUBLISH = False
# Two factors are off by default (tests sign in with force_login); tests/config/test_admin_auth.py turns them on.
WAGTAIL_2FA_REQUIRED = False
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
