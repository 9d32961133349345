"""The site's public address: SITE_URL, written into the default Site by `set_site_url`, is the origin of
every absolute URL the site writes, whatever host the request came in on."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from base.checks import check_site_url, check_site_url_is_https
from base.site_url import parse_site_url
from demo.loader import DemoLoader
from tests import factories

PUBLIC = "https://innovazione.example.org"


def set_site_url(settings, url):
    settings.SITE_URL = url
    out = io.StringIO()
    call_command("set_site_url", stdout=out)
    return out.getvalue()


def default_site():
    return Site.objects.get(is_default_site=True)


# --- the command --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_gives_the_default_site_the_address_and_is_idempotent(settings, home_page):
    assert default_site().root_url == "http://localhost"

    first = set_site_url(settings, PUBLIC)
    site = default_site()
    second = set_site_url(settings, PUBLIC)

    assert (site.hostname, site.port, site.root_url) == ("innovazione.example.org", 443, PUBLIC)
    assert "now https://innovazione.example.org" in first
    assert "nothing changed" in second
    assert default_site().pk == site.pk and default_site().root_page_id == home_page.pk


@pytest.mark.django_db
def test_the_command_follows_the_setting_when_it_changes(settings, home_page):
    """`PORT=8080 make run` after `make run`: the links follow the new port."""
    set_site_url(settings, "http://127.0.0.1:8000")
    set_site_url(settings, "http://127.0.0.1:8080")

    assert default_site().root_url == "http://127.0.0.1:8080"
    assert home_page.get_full_url() == "http://127.0.0.1:8080/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "",
        "innovazione.example.org",
        "ftp://innovazione.example.org",
        "https://innovazione.example.org:8443",
        "http://example.org:443",
        "https://example.org/torino",
        "https://example.org/?a=1",
        "http://example.org:99999",
    ],
)
def test_the_command_refuses_an_address_a_site_cannot_hold(settings, home_page, url):
    with pytest.raises(CommandError, match="SITE_URL"):
        set_site_url(settings, url)

    assert default_site().root_url == "http://localhost"


@pytest.mark.django_db
def test_the_command_refuses_the_address_of_another_site(settings, home_page):
    other = factories.StandardPageFactory(parent=home_page)
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=other)

    with pytest.raises(CommandError, match="Another Site"):
        set_site_url(settings, "http://127.0.0.1:8000")

    assert default_site().root_url == "http://localhost"


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://innovazione.torino.it", ("innovazione.torino.it", 443)),
        ("https://innovazione.torino.it/", ("innovazione.torino.it", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_addresses_a_site_can_hold(url, expected):
    assert parse_site_url(url) == expected


@pytest.mark.django_db
def test_the_demo_content_creates_its_site_at_the_address(settings, home_page):
    Site.objects.all().delete()
    settings.SITE_URL = "http://127.0.0.1:8123"

    site = DemoLoader().ensure_site(home_page, home_created=True)

    assert site.is_default_site and site.root_url == "http://127.0.0.1:8123"


def test_system_checks_catch_a_wrong_address(settings):
    settings.SITE_URL = "https://innovazione.torino.it"
    settings.ALLOWED_HOSTS = ["innovazione.torino.it"]
    assert check_site_url(None) == [] and check_site_url_is_https(None) == []

    settings.SITE_URL = "innovazione.torino.it"
    assert [error.id for error in check_site_url(None)] == ["base.E001"]
    settings.SITE_URL = "https://www.innovazione.torino.it"
    assert [warning.id for warning in check_site_url(None)] == ["base.W001"]
    settings.SITE_URL = "http://innovazione.torino.it"
    assert [warning.id for warning in check_site_url_is_https(None)] == ["base.W002"]


# --- every absolute URL -------------------------------------------------------------------------------------


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _absolute_urls_in_json(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _absolute_urls_in_json(item)
    elif isinstance(value, list):
        for item in value:
            yield from _absolute_urls_in_json(item)
    elif isinstance(value, str) and re.match(r"https?://", value) and "schema.org" not in value:
        yield value


@pytest.fixture
def public_site(settings, home_page, news_index, project, translate):
    """A small bilingual site whose Site has the public address, not the host the test client calls."""
    image = factories.ImageFactory(file__width=1600, file__height=900)
    news = factories.NewsPageFactory(parent=news_index, title="Aperto il laboratorio", hero_image=image)
    translate(news, title="The workshop opens")
    factories.OpenDataPageFactory(parent=home_page)
    set_site_url(settings, PUBLIC)
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "innovazione.example.org"]
    return news


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["testserver", "127.0.0.1:8000"])
def test_every_absolute_url_of_a_page_has_the_sites_origin(client, public_site, host):
    soup = BeautifulSoup(client.get(public_site.url, HTTP_HOST=host).content, "html.parser")
    head = soup.head
    urls = [
        head.find("link", rel="canonical")["href"],
        *[link["href"] for link in head.find_all("link", hreflang=True)],
        *[meta["content"] for meta in head.find_all("meta") if meta.get("property") in ("og:url", "og:image")],
        head.find("meta", attrs={"name": "twitter:image"})["content"],
        *_absolute_urls_in_json(json.loads(head.find("script", type="application/ld+json").string)),
    ]

    assert len(urls) >= 10
    assert {_origin(url) for url in urls} == {PUBLIC}, urls
    hreflang = {link["hreflang"] for link in head.find_all("link", hreflang=True)}
    assert hreflang == {"it", "en", "x-default"}


@pytest.mark.django_db
def test_sitemap_feeds_open_data_and_api_share_the_sites_origin(client, public_site, project):
    sitemap = client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()
    rss = client.get("/notizie/feed/rss/").content.decode()
    atom = client.get("/notizie/feed/atom/").content.decode()
    geojson = json.loads(client.get("/projects.geojson").content)
    rows = list(csv.DictReader(io.StringIO(client.get("/projects.csv").content.decode())))
    api = json.loads(client.get("/api/v2/pages/", {"type": "projects.ProjectPage"}).content)
    open_data = BeautifulSoup(client.get("/dati-aperti/").content, "html.parser")

    urls = [
        *re.findall(r"<loc>([^<]+)</loc>", sitemap),
        *re.findall(r'href="([^"]+)"', sitemap),
        *re.findall(r"^Sitemap: (\S+)$", robots, flags=re.MULTILINE),
        *re.findall(r"<link>([^<]+)</link>", rss),
        *re.findall(r'href="([^"]+)"', atom),
        geojson["features"][0]["properties"]["url"],
        rows[0]["url"],
        api["items"][0]["meta"]["detail_url"],
        api["items"][0]["meta"]["html_url"],
        *[a["href"] for a in open_data.select("main a[href^='http']") if "creativecommons" not in a["href"]],
    ]

    assert {_origin(url) for url in urls if "w3.org" not in url and "sitemaps.org" not in url} == {PUBLIC}, urls
    assert f"{PUBLIC}/progetti/laboratorio-di-quartiere/" in sitemap
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots
    assert geojson["features"][0]["properties"]["url"] == f"{PUBLIC}/progetti/laboratorio-di-quartiere/"
