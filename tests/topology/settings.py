"""The production settings as the topology and fault tests run them: one difference, static files.

Production serves static files collected by `collectstatic` (hashed names, compressed copies); the tests serve
them from the source folders through WhiteNoise's finders, so that no collectstatic runs before each test.
"""

from config.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
