"""Faults on the real site (the topology's database, with its content): PostgreSQL stopped or hung and back, the
site answers again by itself, and the pages in the page cache answer all along; Redis stopped or hung, pages still
answer, a hung Redis asked once per worker. The database and Redis of a new app server are relays
(tests/topology/servers.py's Peer) the test switches."""

import pytest

from tests.topology.conftest import PG
from tests.topology.servers import AppServer, Peer

pytestmark = pytest.mark.topology


@pytest.fixture
def relayed_app(topology):
    database, redis = Peer("forward", PG), Peer("forward", ("127.0.0.1", 6379))
    app = AppServer(
        {
            **topology.env,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/{topology.database}",
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/12",
            "DB_CONNECT_TIMEOUT": "2",
            "REDIS_BREAKER_SECONDS": "600",
            "WEB_CONCURRENCY": "1",
        },
        name="relayed",
    )
    yield app, database, redis
    app.stop()
    database.stop()
    redis.stop()


def test_the_site_recovers_by_itself_when_the_database_is_back(relayed_app):
    app, database, _redis = relayed_app
    assert app.get("/").status_code == 200

    # Addresses no one has asked for yet: the other app servers share this page cache.
    for fault, uncached in (("refuse", "/progetti/?page=1&fault=refuse"), ("hang", "/notizie/?page=1&fault=hang")):
        database.set(fault)
        # A page the page cache holds is still served from Redis; one that must be rendered is refused with
        # a 503 that tells crawlers and proxies when to come back.
        kept = app.get("/", timeout=15)
        assert (kept.status_code, kept.headers.get("X-Cache")) == (200, "hit"), fault
        down = app.get(uncached, timeout=15)
        assert (down.status_code, down.headers.get("Retry-After")) == (503, "30"), (fault, down.headers)
        database.set("forward")
        assert app.get(uncached).status_code == 200, f"not back after {fault}"
    assert app.get("/readyz").json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok"},
    }


@pytest.mark.parametrize("fault", ["refuse", "hang"])
def test_with_redis_stopped_or_hung_pages_answer_and_a_hung_redis_is_asked_once(relayed_app, fault):
    app, _database, redis = relayed_app
    assert app.get("/").status_code == 200

    redis.set(fault)
    accepted = redis.accepted
    for path in ["/", "/en/", "/progetti/", "/en/projects/", "/notizie/"] * 4:
        assert app.get(path).status_code == 200, path
    readiness = app.get("/readyz")
    assert readiness.status_code == 503
    assert readiness.json()["checks"]["cache"].startswith("failed")
    assert redis.accepted - accepted <= 1  # one worker, one attempt, then the breaker
