"""A release under embargo in a section with a view restriction answers 404, as a slug that does not exist.

Wagtail checks a page's view restrictions (its own and its ancestors': password, login, groups) before the page's
``serve``: without the news' ``before_serve_page`` hook, an embargoed slug got the password form (200) or a
redirect to the login page (302) where a missing slug got 404, and confirmed the release. Editors who may
change the release still see it; once the embargo ends, the restriction applies as usual.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from tests import factories

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=ROME)
EMBARGO = NOW + datetime.timedelta(days=3)
AFTER = EMBARGO + datetime.timedelta(minutes=1)
SLUGS = {"it": "torino-vince-2031", "en": "turin-wins-2031"}


@pytest.fixture
def release(home_page, news_index, translate):
    translate(home_page, title="Torino Innovation")
    english_index = translate(news_index, title="News", slug="news")
    with time_machine.travel(NOW, tick=False):
        page = factories.NewsPageFactory(
            parent=news_index, title="Torino vince", slug=SLUGS["it"], is_press_release=True, embargo_until=EMBARGO
        )
        page.save_revision().publish()
        english = translate(NewsPage.objects.get(pk=page.pk), title="Turin wins", slug=SLUGS["en"])
    return {"it": (news_index, NewsPage.objects.get(pk=page.pk)), "en": (english_index, english)}


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="stampa")
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get_or_create(name="Giornalisti")[0])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("on", ["index", "release"])
@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
@pytest.mark.parametrize("reader", ["anonymous", "signed in without rights"])
def test_a_restricted_embargoed_slug_answers_as_a_missing_one(
    client, django_user_model, release, language, on, kind, reader
):
    index, page = release[language]
    restrict(index if on == "index" else page, kind)
    if reader != "anonymous":
        client.force_login(django_user_model.objects.create_user("lettore", password="x"))
    embargoed = page.url
    missing = embargoed.replace(SLUGS[language], "x" * len(SLUGS[language]))
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        answers = [client.get(address) for address in (embargoed, missing)]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert answers[0].get("Location") is None
    with time_machine.travel(AFTER, tick=False):
        # The embargo over, the restriction is Wagtail's again: a form or the login page, not a 404.
        assert client.get(embargoed).status_code in (200, 302, 403) and client.get(missing).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_an_editor_still_reaches_the_restriction_of_a_release_under_embargo(
    admin_client, admin_user, release, language
):
    index, page = release[language]
    restrict(index, PageViewRestriction.PASSWORD)
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        admin_client.force_login(admin_user)
        response = admin_client.get(page.url)
    assert response.status_code == 200 and b'name="password"' in response.content
