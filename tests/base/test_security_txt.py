"""/.well-known/security.txt (RFC 9116) names the site settings' public e-mail as the security contact."""

import datetime

import pytest
import time_machine

from base.models import SiteSettings


def fields(response):
    """The fields of a security.txt, as {name: value}; every line must be a field."""
    lines = response.content.decode("utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines)


def site_email(home_page, email):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.email = email
    site_settings.save()


@pytest.mark.django_db
@pytest.mark.parametrize("today", ["2026-12-05 10:00", "2027-02-28 23:59", "2028-12-31 12:00"])
def test_security_txt_names_the_site_email_and_expires_within_a_year(client, home_page, settings, today):
    settings.SECURITY_CONTACT = "ignored@example.org"
    site_email(home_page, "innovazione@comune.torino.it")

    with time_machine.travel(datetime.datetime.fromisoformat(today).replace(tzinfo=datetime.UTC), tick=False):
        response = client.get("/.well-known/security.txt")
        now = datetime.datetime.now(datetime.UTC)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    security = fields(response)
    assert security["Contact"] == "mailto:innovazione@comune.torino.it"
    assert security["Preferred-Languages"] == "it, en"
    assert security["Canonical"] == "http://localhost/.well-known/security.txt"
    expires = datetime.datetime.strptime(security["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert now + datetime.timedelta(days=30) < expires < now + datetime.timedelta(days=365)


@pytest.mark.django_db
def test_without_a_site_email_the_security_contact_setting_is_named(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the setting changes between requests, which no content change announces
    settings.SECURITY_CONTACT = "security@comune.torino.it"
    site_email(home_page, "")

    assert fields(client.get("/.well-known/security.txt"))["Contact"] == "mailto:security@comune.torino.it"

    settings.SECURITY_CONTACT = "https://www.comune.torino.it/segnalazioni"
    assert fields(client.get("/.well-known/security.txt"))["Contact"] == "https://www.comune.torino.it/segnalazioni"


@pytest.mark.django_db
def test_without_any_contact_there_is_no_security_txt(client, home_page, settings):
    settings.SECURITY_CONTACT = ""
    site_email(home_page, "")

    assert client.get("/.well-known/security.txt").status_code == 404
    assert client.post("/.well-known/security.txt").status_code == 405
