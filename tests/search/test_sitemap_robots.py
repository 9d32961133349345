"""sitemap.xml lists both languages with hreflang alternates; robots.txt names it and keeps
crawlers out of the admin."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert all(link.get("rel") == "alternate" for link in url.findall("x:link", NS))
        urls[url.findtext("s:loc", namespaces=NS)] = {"lastmod": url.findtext("s:lastmod", namespaces=NS), **alternates}
    return urls


@pytest.mark.django_db
def test_sitemap_lists_both_languages_with_alternates(client, project, news_index, translate):
    translate(project, title="Neighbourhood lab")
    factories.NewsPageFactory(parent=news_index, title="Solo in italiano", slug="solo-in-italiano")

    urls = sitemap(client)

    italian = "http://localhost/progetti/laboratorio-di-quartiere/"
    english = "http://localhost/en/progetti/laboratorio-di-quartiere/"
    assert italian in urls and english in urls
    for loc in (italian, english):
        assert urls[loc]["it"] == italian
        assert urls[loc]["en"] == english
        assert urls[loc]["x-default"] == italian
    assert "http://localhost/" in urls and "http://localhost/en/" in urls
    only_italian = urls["http://localhost/notizie/solo-in-italiano/"]
    assert set(only_italian) == {"lastmod"}  # no translation, no alternates


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_private_pages(client, news_index):
    factories.NewsPageFactory(parent=news_index, title="Bozza", slug="bozza", live=False)
    private = factories.NewsPageFactory(parent=news_index, title="Riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    urls = sitemap(client)

    assert "http://localhost/notizie/" in urls
    assert not [url for url in urls if "bozza" in url or "riservata" in url]


@pytest.mark.django_db
def test_sitemap_costs_a_fixed_number_of_queries(client, news_index):
    def measure():
        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as queries:
            client.get("/sitemap.xml")
        return len(queries), len(sitemap(client))

    factories.NewsPageFactory.create_batch(3, parent=news_index)
    few = measure()
    factories.NewsPageFactory.create_batch(30, parent=news_index)
    more = measure()

    assert more[1] == few[1] + 30
    assert more[0] == few[0]


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /cerca/" in lines and "Disallow: /en/search/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public pages stay open
