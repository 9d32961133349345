"""Settings shared by every environment.

Base is production-safe: development and tests relax it, never the other way round.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

DEBUG = False

INSTALLED_APPS = [
    "home",
    "projects",
    "news",
    "search",
    "opendata",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # wagtail-localize: translation from the admin. Its "locales" app replaces "wagtail.locales".
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "wagtailgeowidget",
    # Ships Leaflet as static files from PyPI, so neither the public map nor the
    # admin's geo widget loads it from a CDN.
    "js_lib_leaflet",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
# A form sent without a valid CSRF token gets the site's 403 page in the visitor's language, not Django's.
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite is the embedded default so `make run` needs no server; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Italian is the default and lives at "/", English at "/en/".
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks Italian or English, as each user chooses under Account → Preferences.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# "Translate this page" creates the translation as a draft, whatever the state of the original:
# wagtail-localize would otherwise publish it at once, Italian text and all, under /en/. A
# translation goes live when a Moderator publishes it from the translation editor.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

WAGTAIL_SITE_NAME = "Torino Innovation"
# The site's public address: scheme, host and port, no path. `manage.py set_site_url` (run by `make setup` and
# on every deploy) writes it into the default Wagtail Site, from which every absolute URL is built: canonical,
# hreflang, Open Graph, JSON-LD, sitemap, feeds, open data, API and the dossier's PDF (home/site_url.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
# Links in the admin's notification emails: the same address (the admin is served by the same site).
WAGTAILADMIN_BASE_URL = SITE_URL
# PostgreSQL full-text search in production, SQLite's FTS5 locally. "simple" (no stemming, no stop
# words) because one index serves Italian and English alike.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
# The API's ?search= is off (it answers 400): Wagtail hands the text to the full-text engine as typed, and
# quotes or NUL characters make it fail. The site search (/cerca/, /en/search/) cleans what readers type.
WAGTAILAPI_SEARCH_ENABLED = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx", "zip"]
# Image and document titles and descriptions are text, checked like every other (home/media_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.media_forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.media_forms.SafeDocumentForm"
# Pages go through the "Moderators approval" workflow (manage.py setup_editorial_groups).
WAGTAIL_WORKFLOW_ENABLED = True
# Concurrent editing: each open editor pings every 10 seconds, so everybody editing a page is told
# who else is, and when someone saves a newer version (Wagtail's default, stated on purpose).
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000
# The admin asks nothing of third parties: no Gravatar (it would receive a hash of each editor's
# email address: editors upload an avatar instead) and no check for new Wagtail releases from the
# editors' browsers (upgrades are the developers' business).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Maps. Tiles are fetched by the reader's browser from this server; everything else
# (Leaflet itself, markers, our script) is served from our own static files.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# Turin's Palazzo Civico: where a new project's map starts in the admin.
MAP_DEFAULT_CENTER = {"lat": 45.0736, "lng": 7.6810}
GEO_WIDGET_DEFAULT_LOCATION = MAP_DEFAULT_CENTER
GEO_WIDGET_ZOOM = 13
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION}

PAGE_SIZE = 9

DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.SettingsFilter"

# Server errors (the requests answered with 500.html, which says "we have been told about it") are also mailed
# to ADMINS when DEBUG is off: production requires ADMINS (config/settings/production.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console", "mail_admins"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # WeasyPrint (the dossier's PDF) reports every CSS rule it does not use for paper, such as screen-only
        # media queries: only its errors are worth a log line.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
