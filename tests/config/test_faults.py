"""Faults survived (config/db_errors.py, config/redis_breaker.py, production.py): PostgreSQL stopped or hung gives
readers the branded 503 page with Retry-After and the admins one error report, and the site recovers by itself;
Redis stopped or hung costs one short wait, not one per look-up (the circuit breaker).

The database tests run a real app server (gunicorn, production settings) whose database and Redis are loopback
ports the test stops or hangs (tests/topology/servers.py).
"""

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from tests.topology.servers import AppServer, Peer, SMTPSink, answers, production_env

PAGES = ["/", "/en/", "/progetti/", "/en/projects/", "/cerca/?q=bici", "/sitemap.xml", "/api/v2/pages/"]


@pytest.fixture
def smtp():
    sink = SMTPSink()
    yield sink
    sink.stop()


@pytest.fixture
def peers():
    started = []

    def start(mode, target=None):
        peer = Peer(mode, target)
        started.append(peer)
        return peer

    yield start
    for peer in started:
        peer.stop()


@pytest.fixture
def app_server():
    started = []

    def start(**env):
        server = AppServer(production_env(**env))
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def assert_branded_503(response, english=False):
    assert response.status_code == 503, response.text[:500]
    assert response.headers["Retry-After"] == "30"
    assert "no-store" in response.headers["Cache-Control"]
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.html["lang"] == ("en" if english else "it")
    assert soup.h1.get_text(strip=True) == ("Temporarily unavailable" if english else "Temporaneamente non disponibile")
    assert soup.select_one("header.site-header .brand") is not None


@pytest.mark.slow
def test_database_stopped_or_hung_readers_get_the_503_page_and_the_admins_one_report(smtp, peers, app_server):
    database = peers("refuse")
    redis = peers("refuse")
    app = app_server(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{database.port}/torino",
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/12",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        DB_CONNECT_TIMEOUT=2,
    )

    for _round in range(3):
        for path in PAGES:
            assert_branded_503(app.get(path), english=path.startswith("/en/"))
    database.set("hang")
    # Without a connect timeout this request would wait until gunicorn killed the worker (a reset connection).
    response = app.get("/", timeout=15)
    assert_branded_503(response)
    assert database.accepted == 1

    # The probes: alive, not ready, and why; a failed probe is not an error to report.
    assert app.get("/healthz").status_code == 200
    readiness = app.get("/readyz", timeout=15)
    assert readiness.status_code == 503
    assert readiness.json()["checks"]["database"] == "failed: OperationalError"
    assert "torino" not in readiness.text and "postgres" not in readiness.text

    # 23 failed requests, stopped then hung, on seven different pages: one report.
    assert smtp.wait_for(1)
    assert not smtp.wait_for(2, timeout=3), [message["Subject"] for message in smtp.messages]
    assert "Service Unavailable" in smtp.messages[0]["Subject"]


@pytest.mark.django_db
def test_the_statement_timeout_comes_from_the_settings_and_a_cancelled_statement_is_an_outage():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the suite runs on SQLite")
    settings_dict = connection.settings_dict
    url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    code = """
import json, django
django.setup()
from django.db import connection
from config.db_errors import database_unavailable
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    shown = cursor.fetchone()[0]
    cursor.execute("SHOW jit")
    jit = cursor.fetchone()[0]
    try:
        cursor.execute("SELECT pg_sleep(3)")
        outcome = "finished"
    except Exception as error:
        outcome = f"{type(error).__name__} outage={database_unavailable(error)}"
print(json.dumps([shown, jit, outcome]))
"""
    env = production_env(DATABASE_URL=url, DB_STATEMENT_TIMEOUT_MS=300)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    # JIT off too (config/settings/base.py), beside the timeout, not replaced by it.
    assert json.loads(result.stdout) == ["300ms", "off", "OperationalError outage=True"]


def redis_cache(port, **options):
    """The production cache (production.py's CACHES) on a given Redis port."""
    from django_redis.cache import RedisCache

    from config import redis_breaker

    redis_breaker.reset()
    return RedisCache(
        f"redis://127.0.0.1:{port}/12",
        {
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_POOL_CLASS": "config.redis_breaker.CircuitBreakerConnectionPool",
                "IGNORE_EXCEPTIONS": True,
            },
            "KEY_PREFIX": f"faults-{port}",
        },
    )


@pytest.mark.skipif(not answers("127.0.0.1", 6379), reason="no Redis server on 127.0.0.1:6379")
def test_a_hung_redis_is_asked_once_then_not_until_the_breaker_closes_and_a_redis_back_is_used_again(
    peers, monkeypatch
):
    from config import redis_breaker

    redis = peers("forward", ("127.0.0.1", 6379))
    cache = redis_cache(redis.port)
    cache.set("page", "cached")
    assert cache.get("page") == "cached"

    redis.set("hang")
    accepted = redis.accepted
    # A page's worth of look-ups and writes: all misses, no error, one connection tried.
    for _ in range(30):
        assert cache.get("page") is None
        cache.set("other", "value")
    assert redis.accepted - accepted <= 1

    redis.set("forward")
    assert cache.get("page") is None  # the breaker is still open: Redis is not asked
    monkeypatch.setattr(redis_breaker, "OPEN_SECONDS", 0)
    redis_breaker.reset()
    assert cache.get("page") == "cached"  # asked again, and answering


def test_a_stopped_redis_is_a_cache_miss_and_the_breaker_stops_the_attempts(peers, monkeypatch):
    from config import redis_breaker

    redis = peers("refuse")
    cache = redis_cache(redis.port)
    attempts = []
    connect = redis_breaker.Connection.connect
    monkeypatch.setattr(redis_breaker.Connection, "connect", lambda self, *a, **k: attempts.append(1) or connect(self))

    for _ in range(30):
        assert cache.get("page") is None
        cache.set("page", "value")
    assert len(attempts) == 1
