"""Local development: debug on, a fixed key, SQLite by default, emails to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage so templates work before collectstatic has run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The development admin signs in with a password only (README "Admin sign-in").
WAGTAIL_2FA_REQUIRED = False
