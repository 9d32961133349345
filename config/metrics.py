"""``/metrics/`` for Prometheus, when production turns it on (``METRICS_ENABLED``; docs/deploy.md, "Metrics").

django-prometheus counts requests, responses by status, latencies, and database and cache calls. The endpoint is
not public: it answers only the addresses in ``METRICS_ALLOWED_IPS`` (the scraper reaches each app server
directly, not through Varnish, so the address is the scraper's own) and answers anyone else exactly like an
unknown page (a scraper is configured with ``metrics_path: /metrics/``). With several gunicorn workers,
``PROMETHEUS_MULTIPROC_DIR`` makes it add up every worker's counts.
"""

from django.conf import settings
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django_prometheus.exports import ExportToDjangoView


def metrics(request):
    # A request relayed by Varnish (or any proxy, which adds X-Forwarded-For) has the proxy's address, often
    # 127.0.0.1: a reader asking through the public site must not pass for the scraper.
    if "HTTP_X_FORWARDED_FOR" in request.META or request.META.get("REMOTE_ADDR") not in settings.METRICS_ALLOWED_IPS:
        raise Http404
    response = ExportToDjangoView(request)
    add_never_cache_headers(response)
    return response
