"""Tags are shared by the Italian and English news: the demo uses names that read the same in both
languages, and the news index names a tag as it is written, not by its slug."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.fields import StreamField
from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage
from tests import factories


@pytest.mark.django_db
def test_the_news_index_names_the_tag_not_its_slug(client, news_index):
    news = factories.NewsPageFactory(parent=news_index, title="Secondi in Europa")
    news.tags.add("iCapital 2016")
    news.save_revision().publish()

    response = client.get("/notizie/", {"tag": "icapital-2016"})

    notice = BeautifulSoup(response.content, "html.parser").select_one("main .notice").get_text(" ", strip=True)
    assert "«iCapital 2016»" in notice  # Italian quotation marks
    assert "icapital-2016" not in notice
    assert "Secondi in Europa" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_tag_is_named_as_typed_and_lists_no_news(client, news_index):
    factories.NewsPageFactory(parent=news_index, title="Una notizia")

    response = client.get("/notizie/", {"tag": "non-esiste"})

    assert response.status_code == 200
    assert "«non-esiste»" in BeautifulSoup(response.content, "html.parser").select_one("main .notice").get_text()
    assert "Una notizia" not in response.content.decode()


TEXT_FIELDS = ("summary", "introduction", "challenge", "approach", "results")


def site_text(language_code):
    """All the words editors wrote on the pages of one language, lower case: titles, summaries, bodies."""
    parts = []
    for page in Page.objects.filter(locale__language_code=language_code).specific():
        parts.append(page.title)
        for field in page._meta.get_fields():
            value = getattr(page, field.name, None) if hasattr(field, "attname") else None
            if isinstance(field, StreamField):
                parts.append(json.dumps(value.get_prep_value(), ensure_ascii=False, default=str) if value else "")
            elif isinstance(value, str) and field.name in TEXT_FIELDS:
                parts.append(value)
    return re.sub(r"<[^>]+>", " ", " ".join(parts)).lower()


def english_tags_shown(client):
    """Every tag the English site shows: on its news pages and in its RSS and Atom feeds."""
    shown = set()
    for page in NewsPage.objects.live().filter(locale__language_code="en"):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        shown.update(link.get_text(strip=True) for link in soup.select(".tag-links a"))
    index = NewsIndexPage.objects.get(locale__language_code="en")
    rss = ET.fromstring(client.get(NewsIndexPage.feed_url(index, "rss")).content)
    shown.update(category.text for category in rss.iter("category"))
    atom = ET.fromstring(client.get(NewsIndexPage.feed_url(index, "atom")).content)
    shown.update(category.get("term") for category in atom.iter("{http://www.w3.org/2005/Atom}category"))
    return shown


@pytest.mark.django_db
def test_the_english_news_and_feeds_show_no_italian_tags(client, demo):
    """A tag shows on the pages of both languages, so it must be a name both use: each tag the English site
    shows is found in the English text of the site, and in the Italian text too."""
    english, italian = site_text("en"), site_text("it")

    shown = english_tags_shown(client)

    assert len(shown) >= 5
    assert [tag for tag in shown if tag.lower() not in english] == []
    assert [tag for tag in shown if tag.lower() not in italian] == []
