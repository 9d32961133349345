"""The listings and pages kept for the content version (base/fragment_cache.py): the home page, the project index (per
filters and page) and a programme read their lists once per content version, a news item or a project its own content;
what they show is exactly what a fresh rendering shows, whatever address came before, and a change shows at the next
request in both languages."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from news.models import NewsPage
from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage

LISTING_PAGES = [
    "/",
    "/en/",
    "/progetti/",
    "/en/projects/",
    "/programmi/innova-to/",
    "/en/programmes/innova-to/",
    "/notizie/",
    "/en/news/",
]
PROJECT_LISTINGS = [address for address in LISTING_PAGES if "news" not in address and "notizie" not in address]


@pytest.fixture
def chrome_on(settings):
    """Pages rendered at every request (no page cache), the chrome and listings kept, as for a page not yet kept."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 300


def html(client, address):
    response = client.get(address)
    return response.status_code, response.content.decode()


def filter_values(client, address, name):
    soup = BeautifulSoup(client.get(address).content, "html.parser")
    return [option["value"] for option in soup.select(f'select[name="{name}"] option') if option["value"]]


def project_index_addresses(client):
    """Every kind of address the project index answers: filters accepted, refused, combined, and every page."""
    programmes = filter_values(client, "/progetti/", "programme")
    themes = filter_values(client, "/progetti/", "theme")
    districts = filter_values(client, "/progetti/", "district")
    assert programmes and themes and districts
    addresses = ["/progetti/", "/progetti/?page=2", "/progetti/?page=999", "/progetti/?page=abc", "/progetti/?page="]
    addresses += [f"/progetti/?programme={slug}" for slug in programmes]
    addresses += [f"/progetti/?theme={slug}&page=2" for slug in themes[:3]]
    addresses += [f"/progetti/?district={districts[0]}&programme={programmes[0]}"]
    addresses += [
        "/progetti/?programme=nessuno",
        f"/progetti/?programme=nessuno&theme={themes[0]}",
        "/progetti/?theme=",
    ]
    addresses += ["/en/projects/?page=2", "/en/projects/?programme=none"]
    return addresses


def detail_addresses(client):
    """Pages whose own content is kept (news/news_page.html, projects/project_page.html): the first news items and
    projects each index lists, in both languages."""
    addresses = []
    for index in ("/notizie/", "/en/news/", "/progetti/", "/en/projects/"):
        links = BeautifulSoup(client.get(index).content, "html.parser").select(".card-grid a[href]")
        addresses += [link["href"] for link in links[:3]]
    assert len(addresses) == 12
    return addresses


def news_index_addresses(client):
    """Every kind of address the news index answers: each tag the news show, a tag nobody used, every page."""
    soup = BeautifulSoup(client.get("/notizie/").content, "html.parser")
    tags = sorted({a["href"].split("tag=")[1] for a in soup.select("a[href*='?tag=']")})
    for address in ("/notizie/", "/notizie/?page=2"):
        news = BeautifulSoup(client.get(address).content, "html.parser").select(".card-grid a[href]")
        for link in news[:3]:
            page = BeautifulSoup(client.get(link["href"]).content, "html.parser")
            tags += sorted({a["href"].split("tag=")[1] for a in page.select("a[href*='?tag=']")})
    tags = sorted(set(tags))
    assert tags, "the demo's news are tagged"
    addresses = ["/notizie/", "/notizie/?page=2", "/notizie/?page=999", "/notizie/?tag=nessuno", "/en/news/?page=2"]
    addresses += [f"/notizie/?tag={tag}" for tag in tags] + [f"/notizie/?tag={tags[0]}&page=2", "/en/news/?tag=none"]
    return addresses


@pytest.mark.slow
@pytest.mark.django_db
def test_a_kept_listing_is_exactly_a_fresh_rendering_whatever_came_before(client, demo, settings, chrome_on):
    addresses = LISTING_PAGES + project_index_addresses(client) + news_index_addresses(client)
    addresses += detail_addresses(client)
    settings.CHROME_CACHE_SECONDS = 0
    fresh = {address: html(client, address) for address in addresses}
    assert all(status == 200 for status, _text in fresh.values())
    # Each address's first answer may be kept and its second read back; in this order and reversed, so that any
    # rendering kept under the wrong key (another filter, page or language) is served where it does not belong.
    settings.CHROME_CACHE_SECONDS = 300
    for order in (addresses, addresses[::-1]):
        cache.clear()
        for address in order + order:
            assert html(client, address) == fresh[address], address


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def publish_titles(*changes):
    """Publish each (page, title): a new title, as an editor would publish it."""
    for page, title in changes:
        page = page.get_latest_revision_as_object()
        page.title = title
        page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address", LISTING_PAGES + ["/progetti/?page=2", "/progetti/?programme=innova-to", "/notizie/?page=2"]
)
def test_a_kept_listing_reads_none_of_its_list(client, demo, address, chrome_on):
    client.get(address)
    sql = "\n".join(queries(client, address))
    # Neither the projects nor the news they list, nor the cards' images, nor how many there are (for the pages).
    for table in ("projects_projectpage", "news_newspage", "wagtailimages_rendition"):
        assert table not in sql, (address, table)
    assert "COUNT(" not in sql, address


@pytest.mark.django_db
@pytest.mark.parametrize("index", ["/notizie/", "/en/projects/"])
def test_a_kept_news_item_or_project_reads_none_of_what_it_shows_but_itself(client, demo, index, chrome_on):
    address = BeautifulSoup(client.get(index).content, "html.parser").select(".card-grid a[href]")[0]["href"]
    client.get(address)
    # The table each query reads from: the page itself, read by routing (its programme and district joined to it),
    # and a release's embargo, checked at every request (news/models.py NewsPage.serve).
    read = {sql.split(" FROM ", 1)[1].split()[0].strip('"') for sql in queries(client, address)}
    # Neither its tags, related pages and themes, nor its pictures.
    assert read <= {"wagtailcore_page", "news_newspage", "news_releaseembargo", "projects_projectpage"}, (address, read)


@pytest.mark.django_db
def test_a_news_item_or_project_changed_shows_at_the_next_request_in_both_languages(client, demo, chrome_on):
    project = ProjectPage.objects.live().filter(locale__language_code="it").first()
    news = NewsPage.objects.live().filter(locale__language_code="it").first()
    english = Locale.objects.get(language_code="en")
    changes = [(project, "Albicocca zafferano"), (project.get_translation(english), "Apricot saffron")]
    changes += [(news, "Notizia zafferano"), (news.get_translation(english), "Saffron news")]
    for page, _title in changes:
        client.get(page.url)

    publish_titles(*changes)

    for page, title in changes:
        assert title in html(client, page.url)[1], page.url


@pytest.mark.django_db
def test_a_project_changed_shows_at_the_next_request_on_every_listing_in_both_languages(client, demo, chrome_on):
    project = ProjectPage.objects.live().filter(locale__language_code="it", programme__slug="innova-to").first()
    project_en = project.get_translation(Locale.objects.get(language_code="en"))
    for address in PROJECT_LISTINGS:
        client.get(address)

    publish_titles((project, "Albicocca zafferano"), (project_en, "Apricot saffron"))

    for address in PROJECT_LISTINGS:
        text = html(client, address)[1]
        # First by title: on the first page of the project index.
        expected = "Apricot saffron" if address.startswith("/en/") else "Albicocca zafferano"
        assert expected in text, address


@pytest.mark.django_db
def test_a_page_of_the_project_index_follows_a_change_of_how_many_there_are(client, demo, chrome_on):
    index = ProjectIndexPage.objects.get(locale__language_code="it")
    first_page = html(client, "/progetti/")[1]
    count = int(re.search(r'class="results-count">(\d+)', first_page).group(1))

    project = ProjectPage.objects.live().child_of(index).first()
    project.unpublish()

    assert f'class="results-count">{count - 1} ' in html(client, "/progetti/")[1]


@pytest.mark.django_db
def test_a_programme_renamed_shows_on_its_page_and_the_home_page(client, demo, chrome_on):
    programme = ProgrammePage.objects.get(slug="innova-to", locale__language_code="it")
    for address in ("/", "/programmi/innova-to/"):
        client.get(address)

    publish_titles((programme, "Innova.TO zafferano"))

    for address in ("/", "/programmi/innova-to/", "/progetti/"):
        assert "Innova.TO zafferano" in html(client, address)[1], address


@pytest.mark.django_db
def test_the_latest_news_changed_shows_at_the_next_request_on_the_home_page_and_news_index_in_both_languages(
    client, demo, chrome_on
):
    latest = NewsPage.objects.listed(Locale.objects.get(language_code="it").pk).first()
    latest_en = latest.get_translation(Locale.objects.get(language_code="en"))
    addresses = ["/", "/notizie/", "/en/", "/en/news/"]
    for address in addresses:
        client.get(address)

    publish_titles((latest, "Notizia zafferano"), (latest_en, "Saffron news"))

    for address in addresses:
        expected = "Saffron news" if address.startswith("/en/") else "Notizia zafferano"
        assert expected in html(client, address)[1], address
