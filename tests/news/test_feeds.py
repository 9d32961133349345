"""The news feeds: RSS 2.0 and Atom per language, valid XML, advertised in every page's <head>."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.demo_database import kept

ATOM = "{http://www.w3.org/2005/Atom}"


@kept
def news(news_index):
    items = []
    for day in (1, 3, 2):
        page = factories.NewsPageFactory(
            parent=news_index,
            title=f"Notizia del {day} marzo",
            date=datetime.date(2025, 3, day),
            summary=f"Che cosa è successo il {day} marzo.",
        )
        items.append(page)
    items[0].tags.add("mobilità")
    items[0].is_press_release = True
    items[0].save_revision().publish()
    return items


def rss_items(client, path="/notizie/feed/rss/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel"), root.findall("channel/item")


def atom_entries(client, path="/notizie/feed/atom/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


@pytest.mark.django_db
def test_rss_lists_the_news_newest_first_with_every_field(client, news):
    channel, items = rss_items(client)

    assert channel.findtext("title") == "Notizie · Torino Innovation"
    assert channel.findtext("link") == "http://localhost/notizie/"
    assert channel.findtext("language") == "it"
    titles = [item.findtext("title") for item in items]
    assert titles == ["Notizia del 3 marzo", "Notizia del 2 marzo", "Notizia del 1 marzo"]
    first = items[2]
    assert first.findtext("link") == f"http://localhost{news[0].url}"
    assert first.findtext("description") == "Comunicato stampa. Che cosa è successo il 1 marzo."
    assert first.findtext("pubDate")  # RFC 822 date
    guid = first.find("guid")
    assert guid.text.startswith("urn:uuid:") and guid.get("isPermaLink") == "false"
    assert [c.text for c in first.findall("category")] == ["mobilità"]


@pytest.mark.django_db
def test_atom_has_title_link_dates_summary_and_id(client, news):
    feed, entries = atom_entries(client)

    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/notizie/feed/atom/"
    assert len(entries) == 3
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/notizie/")
        assert entry.findtext(f"{ATOM}published") and entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}summary")
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")


@pytest.mark.django_db
def test_entry_ids_survive_a_change_of_address_and_differ_between_entries(client, news):
    _, before = rss_items(client)
    ids = {item.findtext("title"): item.findtext("guid") for item in before}

    news[1].slug = "nuovo-indirizzo"
    news[1].title = "Notizia del 3 marzo, aggiornata"
    news[1].save_revision().publish()
    _, after = rss_items(client)

    assert len(set(ids.values())) == 3
    renamed = next(item for item in after if item.findtext("title").endswith("aggiornata"))
    assert renamed.findtext("guid") == ids["Notizia del 3 marzo"]
    assert renamed.findtext("link").endswith("/nuovo-indirizzo/")


@pytest.mark.django_db
def test_english_feed_lists_english_news_with_english_ids(client, news, translate):
    english = translate(news[0], title="News of 1 March", summary="What happened on 1 March.")
    path = english.get_parent().url

    channel, items = rss_items(client, f"{path}feed/rss/")
    _, italian = rss_items(client)

    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in items] == ["News of 1 March"]
    assert items[0].findtext("guid") not in {item.findtext("guid") for item in italian}


@pytest.mark.django_db
def test_feeds_leave_out_drafts(client, news, news_index):
    factories.NewsPageFactory(parent=news_index, title="Bozza", live=False)

    _, items = rss_items(client)
    assert "Bozza" not in [item.findtext("title") for item in items]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/notizie/", "/cerca/"])
def test_every_page_advertises_the_feeds_of_its_language(client, news, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")

    feeds = {link["type"]: link["href"] for link in soup.select("head link[rel=alternate][type]")}
    assert feeds["application/rss+xml"] == "/notizie/feed/rss/"
    assert feeds["application/atom+xml"] == "/notizie/feed/atom/"


@pytest.mark.django_db
def test_feed_costs_a_fixed_number_of_queries(client, news_index):
    def measure():
        client.get("/notizie/feed/rss/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/notizie/feed/rss/")
        return len(queries)

    factories.NewsPageFactory.create_batch(3, parent=news_index)
    few = measure()
    factories.NewsPageFactory.create_batch(30, parent=news_index)
    assert measure() == few
