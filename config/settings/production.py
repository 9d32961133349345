"""Production: everything secret or host-specific comes from the environment.

Start-up fails fast (ImproperlyConfigured) rather than run with a guessable key or open hosts.
"""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


SECRET_KEY = _required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY is too short or is a development key: generate a real one.")

ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

# A database outage is a 503 with Retry-After within seconds, not a worker stuck until gunicorn kills it
# (config/db_errors.py): a connection attempt gives up after DB_CONNECT_TIMEOUT seconds (PostgreSQL hung), a
# statement after DB_STATEMENT_TIMEOUT_MS (a query stuck on a lock, or slower than any page should ever be). A long
# migration may need more: DB_STATEMENT_TIMEOUT_MS=0 manage.py migrate.
# Settings are built as copies, never by changing base.py's objects in place: a test that reads this module in-process
# (tests/config/test_security_headers.py) would otherwise give its own connection production's statement timeout.
DATABASES = {**DATABASES, "default": {**DATABASES["default"]}}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {})}
    _db_options["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))  # libpq's minimum is 2
    _statement_timeout = f"-c statement_timeout={int(os.environ.get('DB_STATEMENT_TIMEOUT_MS', '10000'))}"
    _db_options["options"] = f"{_db_options.get('options', '')} {_statement_timeout}".strip()

# A Redis outage must mean slightly slower pages, not errors: short timeouts, errors ignored (a cache miss), and a
# circuit breaker so that a dead or hung Redis costs each worker one short wait per REDIS_BREAKER_SECONDS, not one
# per look-up (config/redis_breaker.py).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    import config.redis_breaker

    config.redis_breaker.OPEN_SECONDS = float(os.environ.get("REDIS_BREAKER_SECONDS", "10"))
    _redis_timeout = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 600,
            "KEY_PREFIX": "torino",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": _redis_timeout,
                "SOCKET_TIMEOUT": _redis_timeout,
                "CONNECTION_POOL_CLASS": "config.redis_breaker.CircuitBreakerConnectionPool",
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    # The breaker logs one warning when Redis goes away; a line per ignored look-up would flood the log.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# The whole-page cache (config/page_cache.py; README "Caching"): PAGE_CACHE_SECONDS, 0 turns it off. It needs a cache
# that every worker and app server shares, where a change replaces the generation all of them read: without Redis
# each gunicorn worker would keep its own copies in its own memory, and a change saved through one of them would
# leave the others' stale. So it is on by default with REDIS_URL only, and refused without it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
if PAGE_CACHE_SECONDS and not REDIS_URL:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS needs REDIS_URL: the page cache must be shared by every worker.")
# The site chrome's cache (base/fragment_cache.py) is keyed by the same generation: Redis only, for the same reason.
CHROME_CACHE_SECONDS = int(os.environ.get("CHROME_CACHE_SECONDS", "300" if REDIS_URL else "0"))
if CHROME_CACHE_SECONDS and not REDIS_URL:
    raise ImproperlyConfigured("CHROME_CACHE_SECONDS needs REDIS_URL: the chrome must be shared by every worker.")
# Each gunicorn worker has its own local memory: a site, Locale or settings change made in one would stay unseen by
# the others for an hour. Kept only in Redis, which they share.
SITE_CACHE = bool(REDIS_URL)

# Media in S3-compatible object storage when MEDIA_BUCKET is set (config/object_storage.py, docs/deploy.md): every
# app server sees every upload at once. Without it, MEDIA_ROOT on one machine (or a shared mount), whose renditions
# (images/) the front server serves under /media/. Either way documents are served by Wagtail's view only
# (WAGTAILDOCS_SERVE_METHOD, base.py): in MEDIA_ROOT a document keeps its uploaded name, a guessable address, and the
# view is where its collection's privacy and a release's embargo are checked (deploy/varnish/default.vcl refuses
# /media/documents/; tests/config/test_media_documents.py).
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "").strip()
if MEDIA_BUCKET:
    from botocore.config import Config as _BotoConfig

    _endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip().rstrip("/")  # empty: Amazon S3 itself
    _region = os.environ.get("MEDIA_S3_REGION", "eu-south-1").strip()
    MEDIA_PUBLIC_URL = os.environ.get("MEDIA_PUBLIC_URL", "").strip().rstrip("/") or (
        f"{_endpoint}/{MEDIA_BUCKET}" if _endpoint else f"https://{MEDIA_BUCKET}.s3.{_region}.amazonaws.com"
    )
    MEDIA_URL = f"{MEDIA_PUBLIC_URL}/"
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "config.object_storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": MEDIA_BUCKET,
                "endpoint_url": _endpoint or None,
                "region_name": _region,
                "access_key": _required("MEDIA_S3_ACCESS_KEY_ID"),
                "secret_key": _required("MEDIA_S3_SECRET_ACCESS_KEY"),
                "public_url": MEDIA_PUBLIC_URL,
                # A storage that does not answer fails a request in seconds, not gunicorn's 30.
                "client_config": _BotoConfig(
                    connect_timeout=2, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
                ),
            },
        },
    }
    # Pages show renditions from the storage's public address: the browser must be allowed to load them.
    from urllib.parse import urlsplit as _urlsplit

    _media_origin = "{0.scheme}://{0.netloc}".format(_urlsplit(MEDIA_PUBLIC_URL))
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN = (
        {
            **_policy,
            "DIRECTIVES": {**_policy["DIRECTIVES"], "img-src": [*_policy["DIRECTIVES"]["img-src"], _media_origin]},
        }
        for _policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN)  # noqa: F405
    )

# Varnish in front (deploy/varnish/default.vcl): publishing, unpublishing, moving or deleting a page purges its
# addresses there at once (Wagtail's frontend cache). VARNISH_URLS: every Varnish, comma-separated, as the app
# servers reach them (http://10.0.0.5:6081); the VCL lets the app servers' addresses purge.
VARNISH_URLS = [url.strip().rstrip("/") for url in os.environ.get("VARNISH_URLS", "").split(",") if url.strip()]
if VARNISH_URLS:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        f"varnish{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
        for number, url in enumerate(VARNISH_URLS, start=1)
    }

# Prometheus metrics (config/metrics.py): off unless METRICS_ENABLED=1; /metrics/ answers only METRICS_ALLOWED_IPS
# (comma-separated; the scraper's address as the app server sees it), anyone else gets the 404 page.
METRICS_ENABLED = os.environ.get("METRICS_ENABLED", "").strip().lower() in {"1", "true", "yes"}
METRICS_ALLOWED_IPS = [
    ip.strip() for ip in os.environ.get("METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",") if ip.strip()
]
if METRICS_ENABLED:
    INSTALLED_APPS = [*INSTALLED_APPS, "django_prometheus"]  # noqa: F405
    # Around everything else but the health probes, so that a response's time counts every middleware.
    MIDDLEWARE = [
        MIDDLEWARE[0],  # noqa: F405
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE[1:],  # noqa: F405
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]

# Logs: one JSON line per request and per error, with the request id (config/request_log.py); LOG_FORMAT=text
# for the plain lines of base.py.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("config.health.HealthCheckMiddleware") + 1, "config.request_log.RequestLogMiddleware"
)
if os.environ.get("LOG_FORMAT", "json").strip().lower() == "json":
    LOGGING = {
        **LOGGING,  # noqa: F405
        "formatters": {**LOGGING["formatters"], "json": {"()": "config.request_log.JsonFormatter"}},  # noqa: F405
        "filters": {**LOGGING["filters"], "request_id": {"()": "config.request_log.RequestIdFilter"}},  # noqa: F405
        "handlers": {
            **LOGGING["handlers"],  # noqa: F405
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["address", "request_id"],
            },
        },
        "loggers": {
            **LOGGING["loggers"],  # noqa: F405
            "torino.requests": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }

# The public address (see base.py); by default the first allowed host, over https.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if ALLOWED_HOSTS[0] == "*":
        raise ImproperlyConfigured("Set SITE_URL (e.g. https://innovazione.torino.it): ALLOWED_HOSTS names no host.")
    SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
WAGTAILADMIN_BASE_URL = SITE_URL

# Who is told about server errors: every 500 is mailed to them (base.py's LOGGING), as 500.html promises.
# "Name <address>" entries separated by commas. The mail goes through EMAIL_HOST (a local MTA by default).
ADMINS = getaddresses([_required("ADMINS")])
if any("@" not in address for _name, address in ADMINS):
    raise ImproperlyConfigured("ADMINS must list e-mail addresses, e.g. 'Web team <web@example.org>'.")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", f"errors@{ALLOWED_HOSTS[0].lstrip('.')}")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_TIMEOUT = 10  # mails sent during a request (password reset, moderation); error reports: base.py

# The site sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For: the sign-in and password-reset limits count by the address the
# outermost one saw (accounts/throttling.py), never by the proxy's own address, shared by everyone.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Served over https only: any http:// address left in content is fetched over https instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}  # noqa: F405
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"], "upgrade-insecure-requests": True}  # noqa: F405
}
