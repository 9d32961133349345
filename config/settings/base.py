"""Settings shared by every environment.

Base is production-safe: development and tests relax it, never the other way round.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from PIL import Image as PIL_Image

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

DEBUG = False

INSTALLED_APPS = [
    "base",
    "home",
    "csp",
    "projects",
    "news",
    "search",
    "opendata",
    "candidacy",
    "editorial",
    "earlyaccess",
    "demo",
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
    # /healthz and /readyz for load balancers and Varnish, before the host check and the https redirect.
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on every response,
    # static files included (see "Response headers" below).
    "config.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.security_headers.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The site's error page in the body of the 405s and 412s that Django sends empty (config/error_pages.py):
    # above ConditionalGetMiddleware, whose 412s it fills too.
    "config.error_pages.EmptyErrorBodyMiddleware",
    # ETag on every answer that may be stored, and 304 to a revalidation: above the page cache, so hits get it too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole pages for readers (config/page_cache.py, README "Caching"): above sessions, language, CSRF and
    # authentication, so a hit runs none of them and no query; below the security headers, which every hit gets.
    "config.page_cache.PageCacheMiddleware",
    # gzip for readers' text answers, below the page cache so that a page is compressed once, when it is kept.
    "config.page_cache.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware: the admin follows the browser's language, not the public site's default.
    "accounts.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, except to a page this reader may not see (a release under embargo): that stays the 404 of
    # an address that leads nowhere (base/redirects.py).
    "base.redirects.RedirectMiddleware",
    # The site and page of an address already routed, for Wagtail's page view (base/route_cache.py).
    "base.route_cache.RouteCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
# A form sent without a valid CSRF token gets the site's 403 page in the visitor's language, not Django's.
CSRF_FAILURE_VIEW = "base.views.csrf_failure"
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
                "base.context_processors.site_chrome",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock at once (BEGIN IMMEDIATE) rather than at its first write, so
    # the editor's check for a newer version and the save serialise (editorial/admin_views.py), as SELECT … FOR
    # UPDATE does on PostgreSQL; waiting writers wait up to 20 seconds instead of failing with "database locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the site's queries are short, but the private-section rule's recursive subquery
    # (base/models.py) is estimated dear enough to cross jit_above_cost, and compiling it took 146 of a 20-row
    # listing's 149 ms (measured on 600 pages, 300 of them aliases). PostgreSQL's own advice for such workloads.
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "options": "-c jit=off"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 characters at least (accounts/; README "Admin sign-in").
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
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
STATICFILES_DIRS = [
    SITE_DIR / "static",
    # The maps' marker clustering (Leaflet.markercluster), at package-lock.json's digest, by deploy/npm_runtime.py
    # (`make setup`, `make test`, and a deploy before collectstatic; `npm ci` installs the same files): README "Maps".
    ("leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
]
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    # FileSystemStorage that refuses to open an original image too big to decode (config/media_storage.py).
    "default": {"BACKEND": "config.media_storage.OriginalImageStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

WAGTAIL_SITE_NAME = "Torino Innovation"
# The site's public address: scheme, host and port, no path. `manage.py set_site_url` (run by `make setup` and
# on every deploy) writes it into the default Wagtail Site, from which every absolute URL is built: canonical,
# hreflang, Open Graph, JSON-LD, sitemap, feeds, open data, API and the dossier's PDF (base/site_url.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
# Links in the admin's notification emails: the same address (the admin is served by the same site).
WAGTAILADMIN_BASE_URL = SITE_URL
# PostgreSQL full-text search in production, SQLite's FTS5 locally. "simple" (no stemming, no stop
# words) because one index serves Italian and English alike.
# modelsearch's database backend for the database in use; on SQLite, taking a double quote in a search
# (config/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "config.search_backend", "SEARCH_CONFIG": "simple"}}
# The API's ?search= is off (it answers 400): Wagtail hands the text to the full-text engine as typed, and
# quotes or NUL characters make it fail. The site search (/cerca/, /en/search/) cleans what readers type.
WAGTAILAPI_SEARCH_ENABLED = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx", "zip"]
# Uploads (config/uploads.py; README, "Uploads"). Raster formats only: no SVG (it can carry scripts).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# 40 megapixels (8000 × 5000, more than any camera the team uses) bounds what decoding an image costs:
# about 160 MB per worker for the largest rendition.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Pillow refuses (DecompressionBombError, before decoding) an image of more than twice this: the same limit,
# for every path that opens an image, renditions of images stored before the limit included. Between half
# the limit and the limit Pillow would only warn, about ordinary photos: that warning is silenced.
PIL_Image.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS // 2
warnings.filterwarnings("ignore", category=PIL_Image.DecompressionBombWarning)
# Checks on the file and metadata stripped from images, for every way of uploading in the admin.
WAGTAILIMAGES_IMAGE_FORM_BASE = "config.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "config.uploads.DocumentForm"
# Documents are served by Wagtail's view (with X-Content-Type-Options: nosniff and a CSP forbidding scripts),
# PDF inline, everything else as an attachment: Wagtail's defaults, stated on purpose.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
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
# The tiles' credit, as their provider asks for it; empty: OpenStreetMap's, in the page's language
# (base/context_processors.py).
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

# Turin's Palazzo Civico: where a new project's map starts in the admin.
MAP_DEFAULT_CENTER = {"lat": 45.0736, "lng": 7.6810}
GEO_WIDGET_DEFAULT_LOCATION = MAP_DEFAULT_CENTER
GEO_WIDGET_ZOOM = 13
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION or OSM_ATTRIBUTION}

PAGE_SIZE = 9

# The whole-page cache (config/page_cache.py, base/cache_invalidation.py; README "Caching"), in the default cache.
# How long a page is kept, by us and by shared caches (s-maxage): every content change replaces it sooner. 0: off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long a browser may reuse a page without asking (nobody can purge a browser).
PAGE_CACHE_BROWSER_SECONDS = 60
# How long a shared cache (Varnish, a CDN, a proxy) may keep a page (s-maxage): a fixed minute, so that a release
# shows everywhere within a minute of its embargo's end and no header counts down to it (config/page_cache.py).
PAGE_CACHE_SHARED_SECONDS = 60
# Answers never shared, whoever asks: the admin (previews are under it).
PAGE_CACHE_PRIVATE_PREFIXES = ("/admin/",)
# The query parameters the public pages and views read (page: listings and search; q: search; programme, theme,
# district: the project filters, GeoJSON and CSV; tag: news; untranslated: the home page's notice; p: the sitemap's
# pages). Any other is dropped from a reader's request, so that made-up parameters cannot miss the page cache on
# purpose (config/page_cache.py). A new parameter a page reads must be added here: tests/cache/test_query_parameters.py
# checks every link and GET form of the demo site against this list.
PAGE_CACHE_QUERY_PARAMETERS = frozenset({"page", "q", "programme", "theme", "district", "tag", "untranslated", "p"})
# Paths whose views keep every parameter (with or without the language prefix): Wagtail's API answers 400 to one it
# does not know; Wagtail's sign-in for pages private to signed-in users (/_util/login/) needs its "next".
PAGE_CACHE_OWN_QUERY_PREFIXES = ("/api/", "/_util/")
# Larger answers are not kept (a dossier PDF of the 1,200-evidence case is ~2 MB).
PAGE_CACHE_MAX_BYTES = 10 * 1024 * 1024
# Fields naming the instants at which what readers see changes by the clock alone ("app.Model.field"): a release's
# embargo ends, a scheduled version goes live, a page expires. No page is kept past the next one.
PAGE_CACHE_SCHEDULES = [
    "news.ReleaseEmbargo.until",
    "wagtailcore.Revision.approved_go_live_at",
    "wagtailcore.Page.go_live_at",
    "wagtailcore.Page.expire_at",
]
# Site chrome (menus, footer, language links) kept per content version and language (base/fragment_cache.py), so a
# page the page cache does not hold yet is rendered without redoing it. 0: off.
CHROME_CACHE_SECONDS = int(os.environ.get("CHROME_CACHE_SECONDS", "300"))
# The host's site, the Locales and the site settings kept between requests until one changes (base/site_cache.py).
# Only with a cache every process shares: a change renews it for all of them. One process (make run, the tests) shares
# its local memory with itself.
SITE_CACHE = True
# What CompressionMiddleware compresses (static files are compressed ahead by whitenoise; PDFs and images already are).
PAGE_CACHE_COMPRESSED_TYPES = {
    "text/html",
    "text/plain",
    "text/csv",
    "text/xml",
    "application/xml",
    "application/json",
    "application/geo+json",
    "application/rss+xml",
    "application/atom+xml",
}

# /.well-known/security.txt names the site settings' public e-mail; this address (or https:// URL) while it is blank.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "").strip()

DEFAULT_EXCEPTION_REPORTER = "config.error_reports.ErrorReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.SettingsFilter"

# Where errors go (README, "Errors and error reports"): every log line to the console (the process's stderr);
# server errors (the requests answered with 500.html, which says "we have been told about it") also to ADMINS
# when DEBUG is off, by mail sent off the request thread, at most once a minute per error with a count of the
# repeats (config/error_reports.py). Production requires ADMINS (config/settings/production.py).
ERROR_REPORT_EMAIL_TIMEOUT = 5  # seconds; the background thread's mail connection
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "as_warning": {"()": "config.error_reports.AsWarning"},
        # No secret from an address (an early-access token, a password reset's) in a log line: README "Errors".
        "address": {"()": "config.error_reports.LogAddressFilter"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["address"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "config.error_reports.ErrorReportHandler",
            "window": 60,
            "queue_size": 100,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console", "mail_admins"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # Their records themselves (not only the console's lines): whatever handler gets them sees no secret.
        "django.request": {"filters": ["address"]},
        # runserver's request lines, as Django configures them (DEFAULT_LOGGING), with the filter.
        "django.server": {"handlers": ["django.server"], "filters": ["address"], "level": "INFO", "propagate": False},
        # A request for a host not in ALLOWED_HOSTS (scanners do it all day) is answered 400 and logged as one
        # warning line, never mailed: Django logs it as an error with its traceback.
        "django.security.DisallowedHost": {"handlers": ["console"], "filters": ["as_warning"], "propagate": False},
        # WeasyPrint (the dossier's PDF) reports every CSS rule it does not use for paper, such as screen-only
        # media queries: only its errors are worth a log line.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- Admin sign-in: two factors, throttling, sessions, passwords (accounts/; README "Admin sign-in") ---
INSTALLED_APPS += [  # noqa: F405
    "accounts",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "axes",
]
# After AuthenticationMiddleware: wagtail-2fa sends a signed-in admin user to the code form, or to set up an
# authenticator if they have none. Axes last, so that it turns a lockout into the lockout page.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,  # noqa: F405
    "wagtail_2fa.middleware.VerifyUserMiddleware",
)
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # noqa: F405
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Every admin user needs a second factor (TOTP app, or a recovery code); dev and test settings turn it off.
WAGTAIL_2FA_REQUIRED = True
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_RECOVERY_CODES = 10
# Italian for wagtail-2fa and django-otp, which ship none (kept out of locale/, extracted from our code).
LOCALE_PATHS += [BASE_DIR / "accounts" / "translations"]  # noqa: F405
# Lockout after 5 wrong passwords for one username from one address, or 20 from one address whatever the
# username (accounts.throttling.LoginAttemptsHandler), never per username alone: an attacker elsewhere
# cannot lock an editor out. Unlock: manage.py axes_reset_username / axes_reset_ip / axes_reset.
AXES_HANDLER = "accounts.throttling.LoginAttemptsHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5
LOGIN_IP_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies (production: 1) the one
# they added to X-Forwarded-For; an IPv6 visitor counted by their /64. Every limit by address uses it.
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
TRUSTED_PROXY_COUNT = 0
# Password reset: at most 5 requests an hour per e-mail and 20 per address, then 429.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.PasswordResetForm"  # noqa: S105
PASSWORD_RESET_WINDOW = 60 * 60
PASSWORD_RESET_LIMIT_PER_EMAIL = 5
PASSWORD_RESET_LIMIT_PER_IP = 20
# A working day of inactivity ends a session: its expiry moves on with every request, and the admin's
# "Remember me" (which sets SESSION_COOKIE_AGE) cannot make it longer.
SESSION_COOKIE_AGE = 9 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# Response headers. Production adds HSTS, nosniff, the referrer policy and secure cookies
# (production.py). README.md, "Response headers and the Content-Security-Policy", says why each
# source below is there. config/security_headers.py picks the policy and adds MAP_TILE_URL's origin
# to img-src (so it follows that setting).
# Public pages: nothing inline and no nonce, so that a shared cache may store them as they are.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin (and wagtail-localize's editor, the previews), as measured in Chromium: Wagtail 7.4
# starts its choosers, date pickers and inline panels with inline scripts written for each form, and
# sets styles inline, so both need 'unsafe-inline' there; nothing needs 'unsafe-eval'.
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The page preview is an admin page in an admin iframe.
        "frame-ancestors": ["'self'"],
    }
}
# Nothing on the site asks for these (the maps do not locate the reader).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
