"""/healthz and /readyz (config/health.py): for load balancers and Varnish, any Host, never cached, 503 saying
which dependency failed. The database-down state is shown with a real app server in tests/config/test_faults.py."""

import pytest

from tests.topology.servers import Peer


@pytest.mark.parametrize("host", ["10.0.0.7:8000", "127.0.0.1", "not-a-listed-host.example"])
def test_healthz_answers_any_host_over_plain_http_without_touching_the_database(client, settings, host):
    settings.SECURE_SSL_REDIRECT = True  # the probes speak plain HTTP to the app server: no redirect

    response = client.get("/healthz", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_200_when_database_migrations_cache_and_storage_answer(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_naming_the_cache_when_redis_is_down(client, settings):
    from config import redis_breaker

    redis = Peer("refuse")
    redis_breaker.reset()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://:s3cret@127.0.0.1:{redis.port}/12",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_POOL_CLASS": "config.redis_breaker.CircuitBreakerConnectionPool",
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "cache": "failed: RuntimeError",
        "storage": "ok",
    }
    assert "s3cret" not in response.content.decode() and str(redis.port) not in response.content.decode()


@pytest.mark.django_db
def test_readyz_is_503_naming_the_storage_when_the_media_folder_is_gone(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "unmounted")

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed: RuntimeError"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_the_probes_are_not_in_the_sitemap(client, home_page):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "<loc>" in sitemap
    assert "healthz" not in sitemap and "readyz" not in sitemap
