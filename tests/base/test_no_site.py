"""A host the server accepts but no site names, while no site is the default (an administrator changed the Sites
settings): readers get the 404 page, or an empty answer, never a 500. Wagtail's settings lookup raised for no site,
and its sitemap looked for a default site."""

import pytest
from wagtail.models import Site

ADDRESSES = [
    "/",
    "/progetti/",
    "/en/",
    "/nope/",
    "/cerca/?q=torino",
    "/en/search/?q=torino",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/",
    "/projects.geojson",
    "/projects.csv",
    "/notizie/feed/rss/",
]


@pytest.mark.django_db
def test_a_host_no_site_names_gets_answers_not_errors(client, home_page, project_index, news_index, settings):
    settings.ALLOWED_HOSTS = ["torino.example", "altro.example"]
    Site.objects.update(is_default_site=False, hostname="torino.example")

    statuses = {address: client.get(address, HTTP_HOST="altro.example").status_code for address in ADDRESSES}

    assert all(status in (200, 404) for status in statuses.values()), statuses
    assert statuses["/"] == statuses["/progetti/"] == 404
    page = client.get("/progetti/", HTTP_HOST="altro.example").content.decode()
    assert "<main" in page  # the site's own 404 page, drawn with empty settings
    assert "<loc>" not in client.get("/sitemap.xml", HTTP_HOST="altro.example").content.decode()
    # The site's own host is served as before.
    assert client.get("/progetti/", HTTP_HOST="torino.example").status_code == 200
