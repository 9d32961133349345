"""The site's public address, and the absolute URLs built on it.

One source of truth: the ``SITE_URL`` setting (from the environment) is written into the default
Wagtail Site by ``manage.py set_site_url``, which ``make setup`` and every deploy run. Wagtail builds
each page's full URL from that Site (hostname and port); everything else that needs an absolute
URL — images, static files, the sitemap's address, the open data addresses, the PDF's base — goes
through ``absolute_url()``, which uses the same Site. None of them trusts the request's Host header,
so a canonical link, its hreflang alternates, the sitemap and the feeds always share one origin.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from wagtail.models import Site


def parse_site_url(url):
    """(hostname, port) of a site address such as ``https://innovazione.torino.it`` or ``http://127.0.0.1:8000``.

    Raises ValueError when a Wagtail Site cannot represent it: Wagtail writes port 443 as https, port 80 as
    http and any other port as http, and a Site has no path.
    """
    parts = urlsplit(url or "")
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{url!r} has an invalid port.") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address with a host name.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{url!r} must be a scheme, a host and optionally a port, with no path or query.")
    if parts.scheme == "https" and port not in (None, 443):
        raise ValueError(f"{url!r}: Wagtail serves https addresses on port 443 only.")
    if parts.scheme == "http" and port == 443:
        raise ValueError(f"{url!r}: Wagtail takes port 443 for https.")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, port or default_port


def site_root_url(request=None):
    """The root URL of the Site serving ``request`` (the default Site without one), without a trailing slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.SITE_URL.rstrip("/")


def absolute_url(request, url):
    """``url`` (a path such as ``/static/…``, or an address that is already absolute) on the site's address."""
    return urljoin(site_root_url(request) + "/", url)
