"""The search page: /cerca/ in Italian, /en/search/ in English; results with type, summary and date;
paginated; a fixed number of queries; and no input that makes it fail or echoes markup back."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests import factories


def results(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "title": item.select_one(".search-result__title").get_text(strip=True),
            "kind": item.select_one(".search-result__kind").get_text(strip=True),
            "summary": (item.select_one(".search-result__summary") or soup.new_tag("p")).get_text(strip=True),
            "date": (item.select_one("time") or {}).get("datetime"),
        }
        for item in soup.select(".search-result")
    ]


def test_search_address_is_translated():
    assert reverse("search") == "/cerca/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"


@pytest.mark.django_db
def test_finds_pages_of_every_type_by_words_in_their_body(client, project, news_index, standard_page):
    factories.NewsPageFactory(
        parent=news_index,
        title="Nuovi orti",
        date=datetime.date(2025, 3, 4),
        summary="Orti condivisi nei cortili.",
        body=[factories.paragraph("<p>Le serre idroponiche arrivano in Barriera.</p>")],
    )
    project.approach = "<p>Un laboratorio con serre idroponiche e scuole.</p>"
    project.save_revision().publish()
    standard_page.body = [factories.paragraph("<p>Parliamo anche di serre idroponiche.</p>")]
    standard_page.save_revision().publish()

    found = {item["title"]: item for item in results(client.get("/cerca/", {"q": "idroponiche"}))}

    assert set(found) == {"Nuovi orti", "Laboratorio di quartiere", "Accessibilità"}
    assert found["Nuovi orti"]["kind"] == "Notizia"
    assert found["Nuovi orti"]["summary"] == "Orti condivisi nei cortili."
    assert found["Nuovi orti"]["date"] == "2025-03-04"
    assert found["Laboratorio di quartiere"]["kind"] == "Caso di studio"
    # Published (twice) on one day: no change worth a date; the day of loading is no date for readers.
    assert found["Laboratorio di quartiere"]["date"] is None


@pytest.mark.django_db
def test_content_pages_rank_above_the_legal_texts_that_mention_the_same_word(client, project, home_page):
    """The legal notice says "laboratorio" four times, the project once: the project still comes first."""
    legal = factories.StandardPageFactory(
        parent=home_page,
        title="Note legali",
        slug="note-legali",
        introduction="Laboratorio, laboratorio: condizioni d'uso dei contenuti del laboratorio.",
        body=[factories.paragraph("<p>Il laboratorio non risponde dei siti esterni del laboratorio.</p>")],
    )
    project.title = "Orti in Barriera"
    project.summary = "Un laboratorio di agricoltura urbana."
    project.save_revision().publish()

    found = [item["title"] for item in results(client.get("/cerca/", {"q": "laboratorio"}))]

    assert found.index(project.title) < found.index(legal.title) == len(found) - 1


@pytest.mark.django_db
def test_a_word_in_a_title_outranks_the_type_of_page(client, project, home_page):
    """Someone typing "privacy" wants the privacy notice, even if a project mentions privacy too."""
    factories.StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    project.summary = "Sensori che rispettano la privacy dei residenti."
    project.save_revision().publish()

    found = [item["title"] for item in results(client.get("/cerca/", {"q": "privacy"}))]

    assert found == ["Privacy", project.title]


@pytest.mark.django_db
def test_a_page_other_than_news_shows_the_day_it_was_last_updated(client, project, time_machine):
    """Republished on a later day: the result says "Updated" and that day."""
    project.save_revision().publish()  # first published today
    project = type(project).objects.get(pk=project.pk)  # as the editor opens it again
    later = timezone.now() + datetime.timedelta(days=3)
    time_machine.move_to(later)
    project.summary = "Serre idroponiche in Barriera, con le scuole."
    project.save_revision().publish()

    found = results(client.get("/cerca/", {"q": "idroponiche"}))
    text = BeautifulSoup(client.get("/cerca/", {"q": "idroponiche"}).content, "html.parser")

    assert found[0]["date"] == timezone.localdate(later).isoformat()
    assert "Aggiornato il" in text.select_one(".search-result__date").get_text()


@pytest.mark.django_db
def test_english_search_finds_english_pages_only(client, project, translate):
    translate(project, title="Neighbourhood lab", approach="<p>Hydroponic greenhouses in Barriera.</p>")
    project.approach = "<p>Serre idroponiche in Barriera.</p>"
    project.save_revision().publish()

    english = results(client.get("/en/search/", {"q": "hydroponic"}))
    italian = results(client.get("/cerca/", {"q": "hydroponic"}))
    barriera_en = results(client.get("/en/search/", {"q": "Barriera"}))

    assert [item["title"] for item in english] == ["Neighbourhood lab"]
    assert english[0]["kind"] == "Project case study"
    assert italian == []
    assert [item["title"] for item in barriera_en] == ["Neighbourhood lab"]


@pytest.mark.django_db
def test_results_leave_out_drafts_and_private_pages(client, news_index):
    from wagtail.models import PageViewRestriction

    factories.NewsPageFactory(parent=news_index, title="Pubblica", summary="girasole")
    factories.NewsPageFactory(parent=news_index, title="Bozza", summary="girasole", live=False)
    private = factories.NewsPageFactory(parent=news_index, title="Riservata", summary="girasole")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert [item["title"] for item in results(client.get("/cerca/", {"q": "girasole"}))] == ["Pubblica"]


@pytest.fixture
def many_news(news_index):
    def grow(total):
        for _ in range(total - news_index.get_children().count()):
            factories.NewsPageFactory(parent=news_index, summary="Una notizia sul melograno urbano.")

    return grow


@pytest.mark.django_db
def test_results_are_paginated(client, settings, many_news):
    settings.PAGE_SIZE = 4
    many_news(10)

    first = client.get("/cerca/", {"q": "melograno"})
    last = client.get("/cerca/", {"q": "melograno", "page": "3"})

    assert len(results(first)) == 4
    assert len(results(last)) == 2
    assert "10 risultati" in first.content.decode()
    assert "page=2" in first.content.decode() and "q=melograno" in first.content.decode()


@pytest.mark.django_db
def test_search_costs_a_fixed_number_of_queries(client, many_news):
    """More matching pages do not mean more queries (one more per page type among the results)."""

    def measure():
        client.get("/cerca/", {"q": "melograno"})  # warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/cerca/", {"q": "melograno"})
        return len(queries), len(results(response))

    many_news(5)
    few = measure()
    many_news(40)
    more = measure()

    assert few[1] == 5 and more[1] == 9  # 5 results, then a full first page of 9 out of 40
    assert few[0] == more[0], f"queries: {few[0]} for {few[1]} results, {more[0]} for {more[1]}"


@pytest.mark.django_db
def test_empty_search_is_a_normal_page(client, home_page):
    response = client.get("/cerca/")

    assert response.status_code == 200
    assert results(response) == []
    assert 'name="robots" content="noindex' in response.content.decode()


BAD_QUERIES = [
    "x" * 10_000,
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "<script>alert('q')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "NEAR(a b",
    "AND OR NOT",
    "*",
    "^foo -bar:baz",
    "%00%FF",
    "{{ 7*7 }} {% debug %}",
    "\u202eevil\u200b",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("path", ["/cerca/", "/en/search/"])
def test_absurd_queries_give_a_normal_page_and_are_escaped(client, news_index, path, query):
    factories.NewsPageFactory(parent=news_index, title="Notizia", summary="Una notizia.")

    response = client.get(path, {"q": query, "page": "-1", "utm_source": "<b>x</b>", "q2": "\x00"})

    assert response.status_code == 200
    html = response.content.decode()
    for fragment in ("<script>alert", "<img src=x", "<b>x</b>", "\x00"):
        assert fragment not in html
    if len(query) > 200:
        assert "troppo lunga" in html or "too long" in html


@pytest.mark.django_db
def test_page_numbers_that_are_not_numbers_never_fail(client, many_news):
    many_news(3)
    for value in ("abc", "-1", "0", "99999", "1e3", "9" * 400, "%00", "²"):
        assert client.get("/cerca/", {"q": "melograno", "page": value}).status_code == 200


@pytest.mark.django_db
def test_search_refuses_post(client, home_page):
    assert client.post("/cerca/", {"q": "x"}).status_code == 405
