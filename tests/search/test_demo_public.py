"""The press and public features on the demo content, in both languages: search finds it by words
from its body, the release under embargo stays hidden, the footer and the press room are complete,
and the public pages set no cookie (which is what the cookie notice promises).

The demo content is loaded once per test process and shared (the demo fixture of tests/conftest.py); each test
runs in a transaction rolled back at its end.
"""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage, PressRoomPage
from opendata.models import OpenDataPage


def result_titles(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".search-result__title a")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        # words that appear only in the body of the page, not in its title or summary
        ("/cerca/", "podio", "Torino è seconda in Europa per l'innovazione"),
        ("/cerca/", "finanziare", "Torino Innovation"),
        ("/en/search/", "podium", "Turin is runner-up for European Capital of Innovation 2016"),
        ("/en/search/", "convenor", "Torino Innovation"),
    ],
)
def test_search_finds_demo_content_by_words_from_its_body(client, demo, path, query, expected):
    assert expected in result_titles(client, path, query)


@pytest.mark.django_db
def test_search_in_each_language_finds_only_that_language(client, demo):
    assert result_titles(client, "/cerca/", "podium") == []
    assert "Sala stampa" in result_titles(client, "/cerca/", "materiali")
    assert "Press room" in result_titles(client, "/en/search/", "materials")


@pytest.mark.django_db
def test_the_demo_release_under_embargo_is_hidden_everywhere(client, demo):
    embargoed = list(NewsPage.objects.embargoed())
    assert len(embargoed) == 2  # Italian and English
    surfaces = [
        "/",
        "/en/",
        "/notizie/",
        "/sala-stampa/",
        "/en/press-room/",
        "/notizie/feed/rss/",
        "/sitemap.xml",
        "/api/v2/pages/?type=news.NewsPage&limit=20",
    ]
    for page in embargoed:
        assert client.get(page.url).status_code == 404
        for path in surfaces:
            assert page.title not in client.get(path).content.decode(), path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "links"),
    [
        ("/", ["Dichiarazione di accessibilità", "Privacy e cookie", "Informativa sui cookie", "Note legali"]),
        ("/en/", ["Accessibility statement", "Privacy and cookies", "Cookie notice", "Legal notice"]),
    ],
)
def test_footer_has_the_statements_contacts_and_social_links(client, demo, path, links):
    footer = BeautifulSoup(client.get(path).content, "html.parser").select_one("footer.site-footer")

    texts = [a.get_text(strip=True) for a in footer.select("a")]
    for link in links:
        assert link in texts
    assert any(a["href"].startswith("mailto:") for a in footer.select("a"))
    assert any(a["href"].startswith("https://www.linkedin.com/") for a in footer.select("a"))


@pytest.mark.django_db
def test_cookie_notice_says_there_is_no_banner_and_public_pages_set_no_cookie(client, demo):
    notice = client.get("/cookie/").content.decode()
    assert "non mostra alcun banner" in notice

    for path in ("/", "/en/", "/notizie/", "/cerca/?q=torino", "/sala-stampa/", "/dati-aperti/", "/projects.csv"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, f"{path} sets {list(response.cookies)}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_press_room_media_kit_downloads(client, demo, language):
    room = PressRoomPage.objects.get(locale__language_code=language)
    soup = BeautifulSoup(client.get(room.url).content, "html.parser")

    downloads = [a["href"] for a in soup.select("main a[download]")]
    assert len(soup.select(".media-kit-item")) == 6  # four photos, two logos
    documents = [href for href in downloads if href.startswith("/documents/")]
    assert len(documents) == 1
    pdf = b"".join(client.get(documents[0]).streaming_content)
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert ("Torino Innovation fact sheet" if language == "en" else "Scheda Torino Innovation").encode() in pdf
    assert soup.select(".release")  # the released press releases are listed
    assert soup.select_one(".contacts")


@pytest.mark.django_db
def test_open_data_page_and_feeds_in_english(client, demo):
    page = OpenDataPage.objects.get(locale__language_code="en")
    html = client.get(page.url).content.decode()

    assert "http://localhost/en/projects.csv" in html
    assert "http://localhost/en/news/feed/rss/" in html
    feed = ET.fromstring(client.get("/en/news/feed/rss/").content)
    assert feed.findtext("channel/language") == "en"
    assert len(feed.findall("channel/item")) >= 8
