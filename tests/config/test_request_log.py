"""JSON logs in production (config/request_log.py): one line per request with its id, status, time and cache,
the user's id for staff only; an error's line carries the id of its request; the id goes back to the client."""

import json
import logging

import pytest

from config.request_log import JsonFormatter, RequestIdFilter


@pytest.fixture
def json_log(settings):
    settings.MIDDLEWARE = [
        "config.health.HealthCheckMiddleware",
        "config.request_log.RequestLogMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("torino.requests"), logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_each_request_is_one_json_line_with_its_id_and_the_id_is_sent_back(client, home_page, json_log):
    response = client.get("/", HTTP_X_REQUEST_ID="varnish-32770")

    assert response.status_code == 200
    assert response["X-Request-ID"] == "varnish-32770"
    [line] = json_log
    assert line["request_id"] == "varnish-32770"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert line["duration_ms"] >= 0
    assert "user_id" not in line  # readers are not tracked


@pytest.mark.django_db
def test_a_made_up_request_id_is_replaced_and_staff_are_named_by_id(admin_client, admin_user, json_log):
    response = admin_client.get("/admin/", HTTP_X_REQUEST_ID='"; DROP\nfake line')

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and "\n" not in request_id
    request_line = next(line for line in json_log if line["logger"] == "torino.requests")
    assert request_line["user_id"] == admin_user.pk
    assert request_line["request_id"] == request_id


@pytest.mark.django_db
def test_an_error_line_names_its_request(client, home_page, json_log):
    response = client.get("/non-esiste/", HTTP_X_REQUEST_ID="abc-123")

    assert response.status_code == 404
    warning = next(line for line in json_log if line["logger"] == "django.request")
    assert warning["request_id"] == "abc-123"
    assert warning["level"] == "WARNING" and warning["status"] == 404
    assert {line["request_id"] for line in json_log} == {"abc-123"}
