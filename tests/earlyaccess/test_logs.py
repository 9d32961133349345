"""The server's log holds no working personal link: an early-access token or a password reset's token is written as
error reports write it (config/error_reports.py's LogAddressFilter, config/request_log.py), in the request log,
django.request's lines ("Not Found: <path>", "Internal Server Error: <path>" and its traceback) and django.server's
request line, whether the token is valid or not."""

import logging

import pytest
import time_machine
from django.http import HttpRequest
from django.test import Client

from config.request_log import JsonFormatter
from earlyaccess.models import Grant
from tests.earlyaccess.conftest import BEFORE, grant, link, read

HIDDEN = "********************"
UNKNOWN_TOKEN = "Tm9uLWVzaXN0ZS1xdWVzdG8tZ2V0dG9uZS1maW50bzQ"  # noqa: S105 (a token's shape, no grant's)
RESET_TOKEN = "cz7k1p-4f0b9e2d8a6c1357e9b0d2f4a6c8e0b1"  # noqa: S105


@pytest.fixture
def records(settings):
    """Every record of the request log and of Django's loggers, as the configured handlers see them."""
    settings.MIDDLEWARE = [
        "config.health.HealthCheckMiddleware",
        "config.request_log.RequestLogMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    kept = []

    class Collect(logging.Handler):
        def emit(self, record):
            kept.append(record)

    handler = Collect()
    loggers = [logging.getLogger(name) for name in ("torino.requests", "django", "django.server")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield kept
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def written(record):
    """What a log line can show of a record: its message, its arguments, its extra fields, its traceback, as the
    plain and the JSON formatters write them. (The HttpRequest Django attaches is written by no formatter.)"""
    extra = {
        name: value
        for name, value in vars(record).items()
        if name not in ("msg", "args", "exc_info", "exc_text") and not isinstance(value, HttpRequest)
    }
    plain = logging.Formatter("%(message)s").format(record)
    return "\n".join([record.getMessage(), repr(record.args), repr(extra), plain, JsonFormatter().format(record)])


def assert_nowhere(records, *secrets):
    assert records
    for record in records:
        for secret in secrets:
            assert secret not in written(record), record.getMessage()


@pytest.mark.django_db
def test_a_valid_link_is_logged_without_its_token(client, release, journalist, records):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        response = read(client, token)

    assert response.status_code == 200
    assert_nowhere(records, token)
    paths = [record.request["path"] for record in records if record.name == "torino.requests"]
    assert paths == [link(HIDDEN), link(HIDDEN, "it")]


@pytest.mark.django_db
def test_an_unknown_token_is_logged_without_it(client, release, records):
    response = client.get(link(UNKNOWN_TOKEN, "it"))

    assert response.status_code == 404
    assert_nowhere(records, UNKNOWN_TOKEN)
    not_found = next(record for record in records if record.name == "django.request")
    assert not_found.getMessage() == f"Not Found: {link(HIDDEN, 'it')}"


@pytest.mark.django_db
def test_an_error_at_a_link_is_logged_without_its_token(release, journalist, records, monkeypatch):
    from earlyaccess import views

    _grant, token = grant(journalist, release["it"], Grant.RELEASE)

    def fail(*args, **kwargs):
        raise RuntimeError(f"the view failed at {link(token, 'it')}")

    monkeypatch.setattr(views, "_open", fail)
    with time_machine.travel(BEFORE, tick=False):
        response = Client(raise_request_exception=False).get(link(token, "it"))

    assert response.status_code == 500
    assert_nowhere(records, token)
    error = next(record for record in records if record.name == "django.request")
    assert error.getMessage() == f"Internal Server Error: {link(HIDDEN, 'it')}"
    assert error.msg == "%s: %s"  # the template stays: the error mail groups errors by it
    assert f"the view failed at {link(HIDDEN, 'it')}" in error.exc_text


@pytest.mark.django_db
def test_a_password_reset_link_is_logged_without_its_token(client, records):
    client.get(f"/admin/password_reset/confirm/MQ/{RESET_TOKEN}/")

    assert_nowhere(records, RESET_TOKEN)
    [line] = [record for record in records if record.name == "torino.requests"]
    assert line.request["path"] == f"/admin/password_reset/confirm/MQ/{HIDDEN}/"


@pytest.mark.django_db
def test_the_development_servers_request_line_is_logged_without_the_token(records):
    # As django.core.servers.basehttp.WSGIRequestHandler.log_message logs it (its request is the socket).
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET {link(UNKNOWN_TOKEN, 'it')}?token=abcdefgh HTTP/1.1", "404", "179", extra={"request": None}
    )

    [record] = records
    assert record.getMessage() == f'"GET {link(HIDDEN, "it")}?token={HIDDEN} HTTP/1.1" 404 179'
