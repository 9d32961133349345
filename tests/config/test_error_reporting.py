"""A server error is mailed to the admins: 500.html tells the visitor "we have been told about it"."""

import pytest
from django.core import mail

from home.models import HomePage


@pytest.mark.django_db
def test_a_server_error_shows_the_500_page_and_is_mailed_to_the_admins(client, home_page, settings, monkeypatch):
    settings.ADMINS = [("Redazione web", "web@innovazione.torino.it")]
    settings.REDIS_URL = "redis://:s3greta@cache.internal:6379/0"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": settings.REDIS_URL}
    }

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "Ne siamo stati avvisati" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["web@innovazione.torino.it"]
    assert "ERROR" in message.subject and "/" in message.subject
    assert "RuntimeError at /\nthe database went away" in message.body
    assert "REDIS_URL = '********************'" in message.body
    assert "s3greta" not in message.body and "s3greta" not in str(message.alternatives)


@pytest.mark.django_db
def test_nothing_is_mailed_for_a_page_not_found(client, home_page, settings):
    settings.ADMINS = [("Redazione web", "web@innovazione.torino.it")]

    assert client.get("/non-esiste/").status_code == 404
    assert mail.outbox == []
