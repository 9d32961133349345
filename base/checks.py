"""System checks for the site's public address (SITE_URL), run by every manage.py command and `check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.http.request import validate_host

from .site_url import parse_site_url


@register()
def check_site_url(app_configs, **kwargs):
    """SITE_URL must be an address a Wagtail Site can hold, on a host this server answers to."""
    try:
        parse_site_url(settings.SITE_URL)
    except ValueError as error:
        return [
            Error(
                f"SITE_URL: {error}",
                hint="Set the environment variable SITE_URL to the site's public address, "
                "e.g. https://innovazione.torino.it or http://127.0.0.1:8000.",
                id="base.E001",
            )
        ]
    host = urlsplit(settings.SITE_URL).hostname
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS: every absolute link of the site would be refused.",
                hint="Add it to ALLOWED_HOSTS, or correct SITE_URL.",
                id="base.W001",
            )
        ]
    return []


@register(deploy=True)
def check_site_url_is_https(app_configs, **kwargs):
    if urlsplit(settings.SITE_URL).scheme != "https":
        return [
            Warning(
                "SITE_URL is not an https:// address: canonical links, feeds and the sitemap would send readers "
                "to plain http.",
                hint="Set SITE_URL to the https:// address of the site.",
                id="base.W002",
            )
        ]
    return []
