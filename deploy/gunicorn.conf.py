"""gunicorn's configuration for one app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi` (docs/deploy.md).

Every value can be changed from the environment, so one file serves every machine.
"""

import multiprocessing
import os

# Varnish (or the load balancer) reaches the app server here; nothing else should.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages are CPU-bound template rendering; two per core, plus one for the slow requests (the PDF).
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# A request that has not finished in 30 s is killed (the worker is replaced). Database and Redis timeouts
# (config/settings/production.py) end a request stuck on them well before that.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Varnish keeps its connections to the backends open between requests.
keepalive = 5
# A worker is replaced after this many requests, so a slow leak cannot grow for ever; the jitter keeps the
# workers from restarting all at once.
max_requests = 2000
max_requests_jitter = 200
# The application is loaded once, before the workers fork: less memory, and a broken release fails at start.
preload_app = True
# Only Varnish (same machine, or the addresses listed) may say which scheme the reader used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log by default: Varnish logs every request (varnishncsa), and so does the request log (config/
# request_log.py); GUNICORN_ACCESS_LOG=- for one here too. Its line names the request by its id, never by its address
# or Referer (gunicorn's default): an address can be a secret (an early-access link, a password reset), which only
# the request log knows how to hide, and that log gives the address for the same id.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s %(t)s "%(m)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
