"""The news index names a tag only when news readers may see carry it.

``/notizie/?tag=<slug>`` shows the tag as editors wrote it; a tag found only on a release under embargo would name
it early ("Torino Capitale Europea 2031"), so its answer is the answer for a tag that does not exist, in both
languages, whether the tag was added before or after publication; from the minute the embargo ends it is named.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from news.models import NewsPage
from tests import factories

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=ROME)
EMBARGO = NOW + datetime.timedelta(days=3)
TAG = "Torino Capitale Europea 2031"
SLUG = "torino-capitale-europea-2031"
UNKNOWN = "torino-capitale-europea-2099"
INDEXES = {"it": "/notizie/", "en": "/en/news/"}


def tagged_release(news_index, translate, when):
    page = factories.NewsPageFactory(
        parent=news_index, title="Torino vince", slug="torino-vince", is_press_release=True, embargo_until=EMBARGO
    )
    if when == "before publication":
        page.tags.add(TAG)
        page.save()
    page.save_revision().publish()
    if when == "in a later version":
        draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        draft.tags.add(TAG)
        draft.save_revision().publish()
    return translate(NewsPage.objects.get(pk=page.pk), title="Turin wins", slug="turin-wins")


def answer(client, language, tag):
    response = client.get(f"{INDEXES[language]}?tag={tag}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("when", ["before publication", "in a later version"])
def test_a_tag_only_on_a_release_under_embargo_answers_as_an_unknown_tag(
    client, home_page, news_index, translate, language, when
):
    translate(home_page, title="Torino Innovation")
    translate(news_index, title="News", slug="news")
    with time_machine.travel(NOW, tick=False):
        tagged_release(news_index, translate, when)
        tagged, unknown = answer(client, language, SLUG), answer(client, language, UNKNOWN)
    assert TAG not in tagged
    assert tagged.replace(SLUG, "TAG") == unknown.replace(UNKNOWN, "TAG")
    with time_machine.travel(EMBARGO + datetime.timedelta(minutes=1), tick=False):
        assert TAG in answer(client, language, SLUG)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_tag_also_on_a_visible_news_item_is_named(client, home_page, news_index, translate, language):
    translate(home_page, title="Torino Innovation")
    translate(news_index, title="News", slug="news")
    with time_machine.travel(NOW, tick=False):
        tagged_release(news_index, translate, "before publication")
        public = factories.NewsPageFactory(parent=news_index, title="Candidatura", slug="candidatura")
        public.tags.add(TAG)
        public.save()
        public.save_revision().publish()
        translate(NewsPage.objects.get(pk=public.pk), title="Candidacy", slug="candidacy")
        text = answer(client, language, SLUG)
    assert TAG in text and "Torino vince" not in text and "Turin wins" not in text
