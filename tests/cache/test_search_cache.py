"""The search's kept results (search/views.py, base/fragment_cache.py): a search asked again reads no page and shows
exactly what a fresh one shows; a publication, an unpublication or an embargo's end shows at the next search, in both
languages; and what is kept is bounded: a search that finds nothing, a made-up page number and early access add no
entries."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from base import fragment_cache
from base.fragment_cache import keep_nothing_for
from search.views import search_results
from tests import factories
from tests.demo_database import kept

WORD = "melograno"
ROME = ZoneInfo("Europe/Rome")
EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)


@pytest.fixture
def kept_on(settings):
    """Searches rendered afresh at every request (no page cache), their results kept, as in production for a search
    the page cache does not hold (another spelling, a signed-in reader, a page whose five minutes are up)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 300


@kept
def news(news_index, translate):
    """Twelve news items that name the word (two pages of results in Italian), two of them in English."""
    translate(news_index, title="News", slug="news")
    italian = [factories.NewsPageFactory(parent=news_index, summary=f"Il {WORD} in città.") for _ in range(12)]
    english = [
        translate(item, title=f"Pomegranate {n}", summary=f"The {WORD} in town.") for n, item in enumerate(italian[:2])
    ]
    return {"it": italian, "en": english}


def text(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def counted(client, address):
    """(text, queries) of a GET of ``address``."""
    # The log holds the last 9,000 queries: the set-up's would leave no room to count these.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        body = text(client, address)
    return body, len(captured)


def kept_searches():
    """The keys of the search's entries in the tests' cache (local memory)."""
    return [key for key in cache._cache if ":search-" in key]


ADDRESSES = [
    f"/cerca/?q={WORD}",
    f"/cerca/?q={WORD}&page=2",
    f"/cerca/?q={WORD.upper()}!&page=99",
    f"/en/search/?q={WORD}",
]


@pytest.mark.django_db
def test_a_kept_search_is_exactly_a_fresh_one_and_reads_no_page(client, news, settings, kept_on):
    for address in ADDRESSES:
        settings.CHROME_CACHE_SECONDS = 0
        fresh, fresh_queries = counted(client, address)
        settings.CHROME_CACHE_SECONDS = 300
        first = text(client, address)
        again, kept_queries = counted(client, address)

        assert first == fresh and again == fresh, address
        assert 'class="search-result"' in fresh, address
        # Neither the search nor the pages shown (the language's Locale is read by neither: base/site_cache.py).
        assert kept_queries <= fresh_queries - 5, address


@pytest.mark.django_db
def test_a_publication_and_an_unpublication_show_at_the_next_search_in_both_languages(client, news, kept_on):
    for address in ADDRESSES:
        text(client, address)
    assert "12 risultati" in text(client, f"/cerca/?q={WORD}")
    assert "Pomegranate 0" in text(client, f"/en/search/?q={WORD}")

    news["it"][0].unpublish()
    news["en"][0].unpublish()
    draft = factories.NewsPageFactory(parent=news["it"][0].get_parent(), title="Melograni in Barriera", live=False)
    draft.summary = f"Il {WORD} arriva in Barriera."
    draft.save_revision().publish()
    renamed = news["en"][1].specific
    renamed.title = "Pomegranates in Barriera"
    renamed.save_revision().publish()

    italian = text(client, f"/cerca/?q={WORD}") + text(client, f"/cerca/?q={WORD}&page=2")
    english = text(client, f"/en/search/?q={WORD}")
    assert "12 risultati" in italian and "Melograni in Barriera" in italian
    assert news["it"][0].url not in italian
    assert "Pomegranate 0" not in english and "Pomegranates in Barriera" in english
    assert "1 result for" in english


@pytest.mark.django_db
def test_a_release_shows_in_the_search_at_the_end_of_its_embargo_with_no_change(client, news_index, translate, kept_on):
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        release = factories.NewsPageFactory(
            parent=news_index, title="Piano del melograno", is_press_release=True, embargo_until=EMBARGO, summary=WORD
        )
        factories.NewsPageFactory(parent=news_index, title="Notizia del melograno", summary=WORD)
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=1), tick=False):
        for _ in range(2):
            before = text(client, f"/cerca/?q={WORD}")
    with time_machine.travel(EMBARGO + datetime.timedelta(minutes=1), tick=False):
        after = text(client, f"/cerca/?q={WORD}")

    assert "Notizia del melograno" in before and release.title not in before
    assert release.title in after and "2 risultati" in after


@pytest.mark.django_db
def test_only_searches_that_find_something_are_kept_one_entry_per_page_of_results(client, news, kept_on):
    for query in ("zafferanowatt", "", "   ", "!!"):
        text(client, f"/cerca/?q={query}")
    assert kept_searches() == []

    for page in ("", "1", "abc", "0", "-3", "99", "2", "2.0", "1e9"):
        text(client, f"/cerca/?q={WORD}&page={page}")
        text(client, f"/cerca/?q=%22{WORD.title()}%22&page={page}")
    # The ranked matches, and the two pages of results.
    assert len(kept_searches()) == 3


@pytest.mark.django_db
def test_early_access_neither_reads_nor_keeps_search_results(news, kept_on):
    request = RequestFactory().get("/cerca/", {"q": WORD})
    keep_nothing_for(request)

    with mock.patch.object(fragment_cache, "cache", wraps=cache) as shared:
        results_page = search_results(WORD, None, request)

    assert len(results_page.object_list) == 9
    assert shared.get.call_count == 0 and shared.set.call_count == 0
    assert kept_searches() == []
