"""No public surface names a release under embargo, in either language; at the minute it ends, all of them do.

One release, Italian and English, chosen in the footer links of the site settings (a page chooser), linked
from the rich text of a standard page, in a menu-shown section: every public answer of both languages is
crawled for its titles and slugs. Then an embargoed slug and a slug that does not exist are compared whole.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail.models import Site

from base.models import SiteSettings
from tests import factories
from tests.demo_database import kept

ROME = ZoneInfo("Europe/Rome")
EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)
BEFORE = EMBARGO - datetime.timedelta(minutes=1)
AFTER = EMBARGO + datetime.timedelta(minutes=1)
NAMES = {
    "it": ("Piano segreto per la città", "piano-segreto-citta"),
    "en": ("Secret plan for the city", "secret-plan-city"),
}
WORD = "zafferanowatt"


@kept
def release(home_page, news_index, translate, project):
    english_home = translate(home_page, title="Torino Innovation")
    translate(news_index, title="News", slug="news")
    press_room = factories.PressRoomPageFactory(parent=home_page)
    translate(press_room, title="Press room", slug="press-room")
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        italian = factories.NewsPageFactory(
            parent=news_index,
            title=NAMES["it"][0],
            slug=NAMES["it"][1],
            is_press_release=True,
            embargo_until=EMBARGO,
            related_projects=[project],
            body=[factories.paragraph(f"<p>Il {WORD} arriva nei quartieri.</p>")],
        )
        english = translate(italian, title=NAMES["en"][0], slug=NAMES["en"][1])
    link = f'<p>Leggi <a linktype="page" id="{italian.pk}">il comunicato</a>.</p>'
    about = factories.StandardPageFactory(
        parent=home_page, title="Chi siamo", slug="chi-siamo", body=[factories.paragraph(link)]
    )
    translate(about, title="About us", slug="about-us")
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(), defaults={"footer_links": [{"type": "page", "value": italian.pk}]}
    )
    return {"it": italian, "en": english, "home_en": english_home}


def crawl(client, release):
    """Every public answer of both languages, as text, by address."""
    addresses = [
        "/",
        "/notizie/",
        "/sala-stampa/",
        "/notizie/feed/rss/",
        "/notizie/feed/atom/",
        f"/cerca/?q={WORD}",
        "/chi-siamo/",
        "/progetti/laboratorio-di-quartiere/",
        "/projects.geojson",
        "/projects.csv",
        "/en/",
        "/en/news/",
        "/en/press-room/",
        "/en/news/feed/rss/",
        "/en/news/feed/atom/",
        f"/en/search/?q={WORD}",
        "/en/about-us/",
        "/en/projects.geojson",
        "/en/projects.csv",
        "/sitemap.xml",
        "/api/v2/pages/?type=news.NewsPage&fields=title",
        "/api/v2/pages/?locale=en&type=news.NewsPage&fields=title",
        "/api/v2/pages/?fields=title&limit=20",
        f"/api/v2/pages/{release['it'].pk}/",
        f"/api/v2/pages/{release['en'].pk}/",
        f"/en/?untranslated={release['it'].pk}",
    ]
    return {address: client.get(address).content.decode() for address in addresses}


@pytest.mark.django_db
def test_no_public_answer_names_the_release_before_its_embargo_and_all_do_after(client, release, fragments):
    with time_machine.travel(BEFORE, tick=False):
        texts = crawl(client, release)
        pages = {code: client.get(release[code].url) for code in ("it", "en")}

    leaks = [
        (address, name)
        for address, text in texts.items()
        for title, slug in NAMES.values()
        for name in (title, slug)
        if name in text.replace("&#x27;", "'")
    ]
    assert not leaks, leaks
    assert all(page.status_code == 404 for page in pages.values())
    assert "il comunicato" in texts["/chi-siamo/"], "the link's words stay, with no address"

    with time_machine.travel(AFTER, tick=False):
        texts = crawl(client, release)
        pages = {code: client.get(release[code].url) for code in ("it", "en")}

    italian, english = NAMES["it"][0], NAMES["en"][0]
    for address in (
        "/",
        "/notizie/",
        "/sala-stampa/",
        "/notizie/feed/rss/",
        "/notizie/feed/atom/",
        f"/cerca/?q={WORD}",
    ):
        assert italian in texts[address], address
    for address in ("/en/", "/en/news/", "/en/press-room/", "/en/news/feed/rss/", "/en/news/feed/atom/"):
        assert english in texts[address], address
    assert f'href="{release["it"].url}"' in texts["/chi-siamo/"], "the rich-text link"
    assert NAMES["it"][1] in texts["/"] and NAMES["en"][1] in texts["/en/"], "the footer link, in each language"
    assert NAMES["it"][1] in texts["/sitemap.xml"] and NAMES["en"][1] in texts["/sitemap.xml"]
    assert italian in texts["/api/v2/pages/?type=news.NewsPage&fields=title"]
    assert english in texts["/api/v2/pages/?locale=en&type=news.NewsPage&fields=title"]
    assert all(page.status_code == 200 for page in pages.values())


def _headers(response):
    return sorted((name.lower(), value) for name, value in response.headers.items())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("cookie", [None, "anonymous session", "unknown session"])
def test_an_embargoed_slug_answers_exactly_like_a_missing_one(client, release, language, cookie):
    """Same status, the same headers (all of them) and the same body: a guessed slug confirms nothing."""
    embargoed = release[language].url
    missing = embargoed.replace(NAMES[language][1], "x" * len(NAMES[language][1]))
    with time_machine.travel(BEFORE, tick=False):
        if cookie == "anonymous session":
            session = client.session
            session["seen"] = True
            session.save()
            client.cookies["sessionid"] = session.session_key
        elif cookie == "unknown session":
            client.cookies["sessionid"] = "not-a-session-key"
        answers = []
        for address in (embargoed, missing):
            response = client.get(address)
            if cookie:
                client.cookies["sessionid"] = client.cookies["sessionid"].value or "not-a-session-key"
            answers.append(response)

    first, second = answers
    assert first.status_code == second.status_code == 404
    assert _headers(first) == _headers(second)
    # The 404 page names the address asked for (its language links): the same apart from that address.
    assert first.content.replace(embargoed.encode(), b"ADDRESS") == second.content.replace(missing.encode(), b"ADDRESS")
    assert "no-store" in first["Cache-Control"], "no cache keeps an embargo's 404 past the embargo"
