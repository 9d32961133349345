"""Every place that names the organisation reads its name from the site settings, in the language served (issue 14):
an edited name reaches the header, the home page, the feeds and the dossier's print view (the source of its PDF),
not only the footer and the JSON-LD."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from tests.base.site_settings import ENGLISH, ITALIAN, store

# Names no translation catalogue holds: only the settings can put them on a page.
NAMES = {"it": "Comune di Torino zafferano", "en": "Turin City Council saffron"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def named(home_page):
    return store(
        Site.objects.get(is_default_site=True),
        {"it": {**ITALIAN, "organisation_name": NAMES["it"]}, "en": {**ENGLISH, "organisation_name": NAMES["en"]}},
    )


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_the_header_and_the_home_page_name_the_organisation_as_the_settings_do(client, named, home_page, translate):
    translate(home_page)

    for code, path in (("it", "/"), ("en", "/en/")):
        html = soup(client.get(path))
        assert html.select_one(".brand__tagline").get_text(strip=True) == NAMES[code], path
        assert html.select_one(".home-hero .eyebrow").get_text(strip=True).startswith(f"{NAMES[code]} ·"), path
        assert "City of Turin" not in html.get_text() and "Città di Torino" not in html.get_text(), path


@pytest.mark.django_db
def test_the_feeds_name_the_organisation_as_the_settings_do(client, named, news_index, translate):
    english_index = translate(news_index)
    for index in (news_index, english_index):  # without an introduction, the feed describes itself
        index.introduction = ""
        index.save_revision().publish()

    for code, index in (("it", news_index), ("en", english_index)):
        rss = ET.fromstring(client.get(f"{index.url}feed/rss/").content)
        assert NAMES[code] in rss.findtext("channel/description"), code
        atom = ET.fromstring(client.get(f"{index.url}feed/atom/").content)
        assert atom.findtext(f"{ATOM}author/{ATOM}name") == NAMES[code], code
        assert NAMES[code] in atom.findtext(f"{ATOM}subtitle"), code


@pytest.mark.django_db
def test_the_dossier_print_view_and_its_pdf_name_the_organisation_as_the_settings_do(client, named, dossier_page):
    html = soup(client.get(dossier_page.url + "print/"))

    # WeasyPrint makes the PDF of this document: the author in its metadata is this <meta>.
    assert html.select_one('meta[name="author"]')["content"] == NAMES["it"]
    assert html.select_one(".dossier-cover__brand").get_text(" ", strip=True) == f"Torino Innovation · {NAMES['it']}"
