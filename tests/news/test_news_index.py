"""The news index: newest first, paginated, and never a 500 whatever ?page= says."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.demo_database import kept


@kept
def news(news_index):
    """Seven news items, one a day from 1 to 7 March 2025, created in shuffled order."""
    items = {}
    for day in (3, 7, 1, 5, 2, 6, 4):
        items[day] = factories.NewsPageFactory(
            parent=news_index, title=f"Notizia del {day} marzo", date=datetime.date(2025, 3, day)
        )
    return items


def listed_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("main a[href^='/notizie/notizia-del-']")]


@pytest.mark.django_db
def test_news_index_is_newest_first_and_paginated(client, settings, news):
    settings.PAGE_SIZE = 3

    first = client.get("/notizie/")
    second = client.get("/notizie/?page=2")
    third = client.get("/notizie/?page=3")

    assert listed_titles(first) == ["Notizia del 7 marzo", "Notizia del 6 marzo", "Notizia del 5 marzo"]
    assert listed_titles(second) == ["Notizia del 4 marzo", "Notizia del 3 marzo", "Notizia del 2 marzo"]
    assert listed_titles(third) == ["Notizia del 1 marzo"]
    assert "?page=2" in first.content.decode()  # a link to the next page


@pytest.mark.django_db
def test_news_index_leaves_out_drafts_and_private_news(client, settings, news, news_index):
    from wagtail.models import PageViewRestriction

    settings.PAGE_SIZE = 20
    factories.NewsPageFactory(parent=news_index, title="Notizia del 8 marzo", live=False)
    private = factories.NewsPageFactory(parent=news_index, title="Notizia del 9 marzo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    titles = listed_titles(client.get("/notizie/"))

    assert len(titles) == 7
    assert "Notizia del 8 marzo" not in titles and "Notizia del 9 marzo" not in titles


@pytest.mark.django_db
def test_news_index_filters_by_tag(client, news):
    news[2].tags.add("mobilita")
    news[2].save_revision().publish()

    response = client.get("/notizie/?tag=mobilita")

    assert listed_titles(response) == ["Notizia del 2 marzo"]


BAD_PAGES = [
    "abc",
    "-1",
    "0",
    "99999",
    "1.5",
    "%00",
    "",
    "1e3",
    "9" * 400,
    "[]",
    "abc&page=-1",
    "%FF%FE",
    "%C2%B2",  # "²": a digit to str.isdigit(), not to int()
    "%D9%A3",  # "٣", an Arabic-Indic three
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD_PAGES)
def test_bad_page_numbers_never_fail(client, settings, news, value):
    settings.PAGE_SIZE = 3

    response = client.get(f"/notizie/?page={value}")

    # Paginator.get_page() answers every value with a real page of the listing: the first or the last one.
    assert response.status_code == 200
    assert listed_titles(response) in (
        ["Notizia del 7 marzo", "Notizia del 6 marzo", "Notizia del 5 marzo"],
        ["Notizia del 1 marzo"],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_tag_is_not_reflected_unescaped(client, news, value):
    response = client.get("/notizie/", {"tag": value, "page": value})

    assert response.status_code == 400
    assert value.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["%00", "mobilita%00", "a%20b", "%3Cx%3E", "mobilit%C3%A0%2F..", "%FF%FE"])
def test_a_tag_that_is_not_a_slug_is_a_bad_request(client, news, value):
    """A NUL character made PostgreSQL fail (500): no tag is named like that, so the request is bad."""
    response = client.get(f"/notizie/?tag={value}")

    assert response.status_code == 400
    assert b"\x00" not in response.content


@pytest.mark.django_db
def test_a_tag_slug_with_accents_still_filters(client, news_index):
    page = factories.NewsPageFactory(parent=news_index, title="Notizia del 9 marzo")
    page.tags.add("Città")
    page.save_revision().publish()
    slug = page.tags.get().slug  # taggit keeps the accent unless told otherwise

    response = client.get("/notizie/", {"tag": slug})

    assert slug == "città"
    assert response.status_code == 200
    assert listed_titles(response) == ["Notizia del 9 marzo"]
