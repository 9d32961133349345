"""Always fresh: after each kind of change, the next reader's request of every page that shows it, in both languages,
shows it (base/cache_invalidation.py); an embargoed release appears at its end and never before (config/page_cache.py).
"""

import contextlib
import datetime
import io
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test.signals import template_rendered
from django.utils import timezone
from django.utils.http import http_date
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from news.models import NewsPage
from tests import factories
from tests.base.site_settings import store
from tests.demo_database import kept

ROME = ZoneInfo("Europe/Rome")


@kept
def tree(home_page, translate, locale_en, project_index, project, news_index, theme):
    """Both languages: a project (with a theme), a news item, the press room; every address kept in the cache."""
    home_en = translate(home_page, title="Torino Innovation")
    translate(project_index, title="Projects", slug="projects")
    translate(news_index, title="News", slug="news")
    factories.translate(theme, locale_en, name="Mobility", slug="mobility")
    project_en = translate(project, title="Neighbourhood lab", slug="neighbourhood-lab")
    item = factories.NewsPageFactory(parent=news_index, title="Notizia prima", slug="notizia-prima")
    item_en = translate(item, title="First news", slug="first-news")
    press_room = factories.PressRoomPageFactory(parent=home_page)
    return {
        "home_en": home_en,
        "project": project,
        "project_en": project_en,
        "item": item,
        "item_en": item_en,
        "press_room": press_room,
        "theme": theme,
    }


ITALIAN = ["/", "/progetti/", "/progetti/laboratorio-di-quartiere/", "/notizie/", "/notizie/feed/rss/",
           "/notizie/feed/atom/", "/projects.geojson", "/projects.csv", "/sitemap.xml",
           "/api/v2/pages/?fields=title&limit=20"]  # fmt: skip
ENGLISH = ["/en/", "/en/projects/", "/en/projects/neighbourhood-lab/", "/en/news/", "/en/news/feed/rss/",
           "/en/news/feed/atom/", "/en/projects.geojson", "/en/projects.csv",
           "/api/v2/pages/?fields=title&limit=20&locale=en"]  # fmt: skip


def warm(client, addresses):
    """Every address asked twice: the second answer is a hit (so a stale copy would be served if nothing changed)."""
    for address in addresses:
        client.get(address)
        assert client.get(address)["X-Cache"] == "hit", address


def texts(client, addresses):
    return {address: client.get(address).content.decode() for address in addresses}


def publish(page, **fields):
    page = page.specific.get_latest_revision_as_object()
    for field, value in fields.items():
        setattr(page, field, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_publishing_shows_at_once_on_every_page_that_shows_it_in_both_languages(client, tree):
    addresses = ["/progetti/", "/progetti/laboratorio-di-quartiere/", "/projects.geojson", "/projects.csv",
                 "/api/v2/pages/?fields=title&limit=20"]  # fmt: skip
    english = ["/en/projects/", "/en/projects/neighbourhood-lab/", "/en/projects.geojson", "/en/projects.csv",
               "/api/v2/pages/?fields=title&limit=20&locale=en"]  # fmt: skip
    warm(client, addresses + english)

    publish(tree["project"], title="Officina zafferano")
    publish(tree["project_en"], title="Saffron workshop")

    now = texts(client, addresses + english)
    assert all("Officina zafferano" in now[address] for address in addresses), addresses
    assert all("Saffron workshop" in now[address] for address in english), english


@pytest.mark.django_db
def test_unpublishing_and_deleting_take_a_page_off_every_listing_and_feed(client, tree):
    warm(client, ITALIAN + ENGLISH + [tree["item"].url, tree["item_en"].url])

    tree["item"].unpublish()
    tree["item_en"].specific.delete()

    italian, english = texts(client, ITALIAN), texts(client, ENGLISH)
    assert not [address for address, text in italian.items() if "Notizia prima" in text]
    assert not [address for address, text in english.items() if "First news" in text]
    assert client.get("/notizie/notizia-prima/").status_code == 404
    assert client.get("/en/news/first-news/").status_code == 404


@pytest.mark.django_db
def test_a_scheduled_version_going_live_shows_at_once(client, tree):
    warm(client, ["/notizie/", "/notizie/notizia-prima/"])
    page = NewsPage.objects.get(pk=tree["item"].pk).get_latest_revision_as_object()
    page.title = "Notizia programmata"
    page.save_revision(approved_go_live_at=datetime.datetime.now(tz=ROME) - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=io.StringIO())

    assert "Notizia programmata" in client.get("/notizie/").content.decode()
    assert "Notizia programmata" in client.get("/notizie/notizia-prima/").content.decode()


@pytest.mark.django_db
def test_a_moved_page_is_not_served_at_its_old_address(client, tree, home_page):
    about = factories.StandardPageFactory(parent=home_page, title="Chi siamo", slug="chi-siamo")
    legal = factories.StandardPageFactory(parent=home_page, title="Note legali", slug="note-legali")
    warm(client, ["/chi-siamo/", "/note-legali/"])

    legal.move(about, pos="last-child")

    old_address = client.get("/note-legali/")  # Wagtail's redirect made on the move, not the cached page
    assert old_address.status_code == 301
    assert old_address["Location"] == "/chi-siamo/note-legali/"
    assert client.get("/chi-siamo/note-legali/").status_code == 200


def lifetimes(response):
    """(max-age, s-maxage) of a public answer."""
    directives = dict(item.strip().partition("=")[::2] for item in response["Cache-Control"].split(","))
    assert "public" in directives, response["Cache-Control"]
    return int(directives["max-age"]), int(directives["s-maxage"])


@pytest.mark.django_db
@pytest.mark.parametrize("is_permanent", [True, False], ids=["301", "302"])
def test_an_edited_or_deleted_redirect_reaches_readers_and_browsers_keep_it_a_minute(client, home_page, is_permanent):
    """A 301 that says nothing is kept by browsers for ever: an edited redirect would never reach them."""
    first = factories.StandardPageFactory(parent=home_page, title="Prima", slug="prima")
    second = factories.StandardPageFactory(parent=home_page, title="Seconda", slug="seconda")
    redirect = Redirect.objects.create(old_path="/vecchio", redirect_page=first, is_permanent=is_permanent)
    followed = [client.get("/vecchio/") for _ in range(2)]
    assert [(r.status_code, r["Location"], r["X-Cache"]) for r in followed] == [
        (301 if is_permanent else 302, "/prima/", "miss"),
        (301 if is_permanent else 302, "/prima/", "hit"),
    ]
    for response in followed:
        assert lifetimes(response) == (60, 60)

    redirect.redirect_page = second
    redirect.save()
    assert client.get("/vecchio/")["Location"] == "/seconda/"
    redirect.delete()
    assert client.get("/vecchio/").status_code == 404


@pytest.mark.django_db
def test_a_page_moved_back_is_reached_by_readers_who_followed_its_move(client, tree, home_page):
    about = factories.StandardPageFactory(parent=home_page, title="Chi siamo", slug="chi-siamo")
    legal = factories.StandardPageFactory(parent=home_page, title="Note legali", slug="note-legali")
    legal.move(about, pos="last-child")  # Wagtail's permanent redirect from /note-legali/
    moved = client.get("/note-legali/")
    assert moved.status_code == 301 and lifetimes(moved)[0] <= 60

    Page.objects.get(pk=legal.pk).move(home_page, pos="last-child")
    assert client.get("/note-legali/").status_code == 200


@pytest.mark.django_db
def test_a_redirect_to_a_page_that_expires_is_kept_by_us_until_its_expiry_and_by_others_a_minute(client, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Bando", slug="bando-2031")
    Page.objects.filter(pk=page.pk).update(expire_at=EMBARGO)
    Redirect.objects.create(old_path="/bando", redirect_page=page)
    with time_machine.travel(EMBARGO - datetime.timedelta(seconds=30), tick=False):
        followed = [client.get("/bando/") for _ in range(2)]
        assert [(r["X-Cache"], lifetimes(r)) for r in followed] == [("miss", (60, 60)), ("hit", (60, 60))]
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=1), tick=False):
        assert client.get("/bando/")["X-Cache"] != "hit"


@pytest.mark.django_db
def test_a_translation_sync_leaves_no_english_page_stale(client, tree):
    from wagtail_localize.models import Translation, TranslationSource

    english = ["/en/projects/neighbourhood-lab/", "/en/projects/", "/en/projects.geojson"]
    warm(client, english)
    source, _created = TranslationSource.get_or_create_from_instance(tree["project"].specific)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=tree["project_en"].locale)
    translation.save_target(publish=False)
    tree["project_en"].specific.get_latest_revision().publish()

    # Rendered afresh from what the sync published, not the copy kept before it.
    assert [client.get(address)["X-Cache"] for address in english] == ["miss"] * len(english)


@pytest.mark.django_db
def test_a_snippet_change_shows_on_pages_and_open_data(client, tree, district):
    warm(client, ["/progetti/laboratorio-di-quartiere/", "/projects.geojson", "/projects.csv"])
    district.name = "Barriera zafferano"
    district.save_revision().publish()

    for address in ("/progetti/laboratorio-di-quartiere/", "/projects.geojson", "/projects.csv"):
        response = client.get(address)
        assert response["X-Cache"] == "miss", address
        assert "Barriera zafferano" in response.content.decode("utf-8-sig"), address


@pytest.mark.django_db
def test_a_site_setting_shows_on_every_page_in_both_languages(client, tree):
    site = Site.objects.get(is_default_site=True)
    site_settings = store(site)
    warm(client, ["/", "/en/", "/progetti/", "/en/projects/", "/notizie/notizia-prima/"])

    # Each language's texts are rows of their own: changing one row, and nothing else, must show.
    for code, name in (("it", "Città di Torino, Innovazione zafferano"), ("en", "City of Turin, Saffron innovation")):
        row = site_settings.texts.get(locale__language_code=code)
        row.organisation_name = name
        row.save()

    for address in ("/", "/progetti/", "/notizie/notizia-prima/"):
        assert "Innovazione zafferano" in client.get(address).content.decode(), address
    for address in ("/en/", "/en/projects/"):
        assert "Saffron innovation" in client.get(address).content.decode(), address


@pytest.mark.django_db
def test_an_image_and_a_document_change_show_where_they_are_used(client, tree, home_page):
    image = factories.ImageFactory(description="Una descrizione prima")
    page = factories.StandardPageFactory(parent=home_page, title="Galleria", slug="galleria", hero_image=image)
    document = factories.DocumentFactory()
    press_room = tree["press_room"]
    publish(press_room, media_kit=[factories.media_kit_document(document)])
    warm(client, [page.url, press_room.url])

    image.description = "Una descrizione nuova"
    image.save()
    document.file.save("scheda-aggiornata.pdf", ContentFile(b"%PDF-1.4\n% nuova\n" * 50))

    assert "Una descrizione nuova" in client.get(page.url).content.decode()
    assert "scheda-aggiornata" in client.get(press_room.url).content.decode()


# --- the clock: embargo ends, no job ----------------------------------------------------------------------------------

EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)


@pytest.fixture
def release(tree, news_index):
    with time_machine.travel(EMBARGO - datetime.timedelta(days=1), tick=False):
        return factories.NewsPageFactory(
            parent=news_index, title="Rilascio zafferano", slug="rilascio", is_press_release=True, embargo_until=EMBARGO
        )


LISTINGS = ["/", "/notizie/", "/sala-stampa/", "/notizie/feed/rss/", "/notizie/feed/atom/", "/sitemap.xml",
            "/api/v2/pages/?fields=title&limit=20"]  # fmt: skip
# A search is never kept whole (any words), its ranked results are (base/fragment_cache.py).
SEARCH = "/cerca/?q=zafferano"


@pytest.mark.django_db
def test_a_cached_listing_shows_a_release_at_its_embargos_end_and_never_before(client, release, fragments):
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=10), tick=False):
        warm(client, LISTINGS)
        client.get(SEARCH)
    for before in (datetime.timedelta(minutes=4), datetime.timedelta(minutes=1), datetime.timedelta(seconds=1)):
        with time_machine.travel(EMBARGO - before, tick=False):
            assert not [a for a, text in texts(client, [*LISTINGS, SEARCH]).items() if "/rilascio/" in text]
            # Our copy never lives past the embargo's end; what Varnish, a CDN or a browser is told is a fixed
            # minute (so the release reaches them within a minute), the same a second or four minutes before:
            # no header counts down to the embargo's end.
            for _ in range(2):
                response = client.get("/notizie/")
                assert lifetimes(response) == (60, 60), response["Cache-Control"]
            assert client.get(release.url).status_code == 404
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=1), tick=False):
        now = texts(client, [*LISTINGS, SEARCH])
        assert [a for a, text in now.items() if "/rilascio/" not in text] == [], "within a second, no job"
        assert client.get(release.url).status_code == 200


@pytest.mark.django_db
def test_a_crawler_revalidating_the_sitemap_by_date_gets_the_release_at_its_embargos_end(
    client, release, tree, fragments
):
    """Googlebot revalidates with If-Modified-Since. The release was published before its embargo ended, another page
    since: a Last-Modified taken from the latest publication would not move at the embargo's end (a 304)."""
    Page.objects.update(last_published_at=EMBARGO - datetime.timedelta(days=2))
    Page.objects.filter(pk=release.pk).update(last_published_at=EMBARGO - datetime.timedelta(days=1))
    Page.objects.filter(pk=tree["item"].pk).update(last_published_at=EMBARGO - datetime.timedelta(hours=12))
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=10), tick=False):
        before = client.get("/sitemap.xml")
        assert "/rilascio/" not in before.content.decode()
        crawled_at = http_date(time.time())
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=1), tick=False):
        crawler = client.get("/sitemap.xml", HTTP_IF_MODIFIED_SINCE=before.get("Last-Modified", crawled_at))
        assert crawler.status_code == 200 and "/rilascio/" in crawler.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/notizie/feed/rss/", "/notizie/feed/atom/", "/sitemap.xml"])
@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_feeds_and_sitemap_revalidated_by_date_show_an_item_taken_off(client, tree, news_index, address, change):
    """Taking off the newest item moves the latest date back: a Last-Modified from it would answer 304."""
    newest = factories.NewsPageFactory(parent=news_index, title="Notizia ultima", slug="notizia-ultima")
    Page.objects.update(last_published_at=timezone.now() - datetime.timedelta(days=2))
    Page.objects.filter(pk=newest.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=1))
    first = client.get(address)
    assert "/notizia-ultima/" in first.content.decode()

    newest.unpublish() if change == "unpublish" else newest.delete()

    again = client.get(address, HTTP_IF_MODIFIED_SINCE=first.get("Last-Modified", http_date(time.time())))
    assert again.status_code == 200 and "/notizia-ultima/" not in again.content.decode()


@pytest.mark.django_db
def test_a_page_put_under_embargo_is_never_served_from_the_cache(client, tree, fragments):
    item = tree["item"]
    warm(client, [item.url, *LISTINGS])
    client.get(SEARCH.replace("zafferano", "prima"))
    publish(item, is_press_release=True, embargo_until=EMBARGO)

    for _ in range(2):
        response = client.get(item.url)
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"]
    now = texts(client, [*LISTINGS, SEARCH.replace("zafferano", "prima")])
    assert [a for a, text in now.items() if "/notizia-prima/" in text] == []


@pytest.mark.django_db
def test_an_embargo_lifted_early_shows_the_release_at_once_everywhere(client, release, fragments):
    """Kept before the embargo's end, what hides the release is stale as soon as a Moderator publishes it without an
    embargo: not at the end it was bounded by."""
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=3), tick=False):
        warm(client, LISTINGS)
        client.get(SEARCH)
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=2), tick=False):
        publish(release, embargo_until=None)
        now = texts(client, [*LISTINGS, SEARCH])
        assert [a for a, text in now.items() if "/rilascio/" not in text] == []
        assert client.get(release.url).status_code == 200


@pytest.mark.django_db
def test_the_editors_view_of_an_embargoed_release_is_never_kept(client, admin_client, admin_user, release):
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=5), tick=False):
        admin_client.force_login(admin_user)  # signed in at that time: sessions expire
        for _ in range(2):
            editor = admin_client.get(release.url)
            assert (editor.status_code, editor["X-Cache"]) == (200, "pass")
            assert "no-store" in editor["Cache-Control"]
        assert client.get(release.url).status_code == 404


@contextlib.contextmanager
def during_the_render(action):
    """Runs ``action`` once, while the next page renders (when its first template is rendered)."""
    done = []

    def once(**kwargs):
        if not done:
            done.append(True)
            action()

    template_rendered.connect(once, dispatch_uid="during-the-render")
    try:
        yield
    finally:
        template_rendered.disconnect(dispatch_uid="during-the-render")
    assert done, "no template was rendered"


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["/notizie/", "/"])
def test_a_listing_whose_render_spans_the_embargos_end_is_kept_by_nobody(client, release, fragments, listing):
    """Begun a second before the embargo's end, finished two seconds after it: it may lack the release, so it is
    not kept, and shared caches and browsers may not keep it either. Nor is any part of it kept: the view read its
    listing (the embargo's "now" fixed in its query) before the template that shows it began."""
    with time_machine.travel(EMBARGO - datetime.timedelta(seconds=1), tick=False) as clock:
        with during_the_render(lambda: clock.shift(datetime.timedelta(seconds=2))):
            spanning = client.get(listing)
        assert spanning["X-Cache"] == "miss"
        assert "s-maxage=0" in spanning["Cache-Control"] and "max-age=0" in spanning["Cache-Control"]
        after = client.get(listing)
        assert after["X-Cache"] == "miss" and "/rilascio/" in after.content.decode()


@pytest.mark.django_db
def test_a_page_rendered_while_the_content_changed_is_kept_by_nobody(client, tree):
    """A save committed while a page renders: the page may show the old content, and Varnish was told to drop its
    pages before this one reached it, so nobody may keep it (no-cache); the next request renders it again."""
    from base.cache_invalidation import bump

    with during_the_render(bump):
        during = client.get("/notizie/")
    assert during["X-Cache"] == "miss" and "no-cache" in during["Cache-Control"]
    assert "s-maxage" not in during["Cache-Control"]
    assert [client.get("/notizie/")["X-Cache"] for _ in range(2)] == ["miss", "hit"]


@pytest.fixture
def schedule_reads(monkeypatch):
    """How many times the schedules (embargo ends, go-live and expiry dates) are read from the database."""
    from base import cache_invalidation

    reads = []
    read = cache_invalidation._next_scheduled

    def counted(now):
        reads.append(now)
        return read(now)

    monkeypatch.setattr(cache_invalidation, "_next_scheduled", counted)
    return reads


@pytest.mark.django_db
def test_requests_still_rendering_at_an_embargos_end_do_not_make_later_ones_read_the_schedule(release, schedule_reads):
    """A request that began before the end asks as of its start (what it read may lack the release): its answer, an
    instant already past, is its own. Kept, it made the next request ask again, and the straggler after it, in turn."""
    from base.cache_invalidation import generation, next_change

    current = generation()
    before, after = EMBARGO.timestamp() - 1, EMBARGO.timestamp() + 1
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=2), tick=False):
        assert next_change(current, as_of=after) is None  # no later schedule
        for _ in range(3):
            assert next_change(current, as_of=before) == EMBARGO.timestamp()  # a straggler: nothing it made is kept
            assert next_change(current, as_of=after) is None
    assert len(schedule_reads) == 1 + 3  # once for the requests that began after the end, once per straggler ask


@pytest.mark.django_db
def test_a_clock_set_back_reads_the_schedule_once(release, schedule_reads):
    from base.cache_invalidation import generation, next_change

    current = generation()
    with time_machine.travel(EMBARGO + datetime.timedelta(seconds=2), tick=False):
        assert next_change(current) is None
    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=10), tick=False):
        for _ in range(3):
            assert next_change(current) == EMBARGO.timestamp()
    assert len(schedule_reads) == 2


@pytest.mark.django_db
def test_a_request_reads_the_schedule_once_for_all_it_would_keep(client, release, schedule_reads, settings):
    """Every fragment a request would keep is bounded from the request's start: the same instant, asked once, even
    when a request that began after the embargo's end has asked meanwhile (the answer kept is then not this one's)."""
    from base.cache_invalidation import generation, next_change

    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 300
    with time_machine.travel(EMBARGO - datetime.timedelta(seconds=1), tick=False) as clock:

        def a_later_request_asks():
            clock.shift(datetime.timedelta(seconds=2))
            next_change(generation(), as_of=time.time())

        with during_the_render(a_later_request_asks):
            client.get("/")  # its menu, footer, head and listings: none kept, the schedule read once
    assert len(schedule_reads) == 1 + 1
