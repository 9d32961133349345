"""The site chrome's cache (base/fragment_cache.py): menus, footer and language links are read once per content
version, and a change shows at the next request, in both languages, on pages the page cache does not hold."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.base.site_settings import store
from tests.demo_database import kept

ITALIAN = ["/", "/notizie/", "/progetti/"]
ENGLISH = ["/en/", "/en/news/", "/en/projects/"]


@pytest.fixture
def chrome_on(settings):
    """Pages rendered afresh at every request (no page cache), their chrome kept, as for a page not yet kept."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CHROME_CACHE_SECONDS = 300


def publish(page, **fields):
    page = page.specific.get_latest_revision_as_object()
    for field, value in fields.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return page


@kept
def site(home_page, translate, project_index, news_index, standard_page):
    """Both languages, the project index in the menus, the standard page in the footer links."""
    translate(home_page, title="Torino Innovation")
    project_index = publish(project_index, show_in_menus=True)
    project_index_en = publish(translate(project_index, title="Projects", slug="projects"), show_in_menus=True)
    translate(news_index, title="News", slug="news")
    standard_page_en = translate(standard_page, title="Accessibility", slug="accessibility")
    store(Site.objects.get(is_default_site=True), footer_links=[("page", standard_page)])
    return {
        "project_index": project_index,
        "project_index_en": project_index_en,
        "standard_page": standard_page,
        "standard_page_en": standard_page_en,
    }


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured.captured_queries)


def warm(client, addresses):
    for address in addresses:
        client.get(address)
        client.get(address)


def page_text(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


@pytest.mark.django_db
def test_the_chrome_is_read_once_per_content_version(client, site, settings, chrome_on):
    for address in ITALIAN + ENGLISH:
        settings.CHROME_CACHE_SECONDS = 0
        uncached = queries(client, address)
        settings.CHROME_CACHE_SECONDS = 300
        client.get(address)
        # The chrome's page lookup and the site settings (footer, JSON-LD) are no longer asked.
        assert queries(client, address) <= uncached - 2, address


@pytest.mark.django_db
def test_a_menu_title_changed_shows_at_the_next_request_in_both_languages(client, site, chrome_on):
    warm(client, ITALIAN + ENGLISH)

    publish(site["project_index"], title="Progetti zafferano")
    publish(site["project_index_en"], title="Saffron projects")

    for address in ("/", "/notizie/"):
        assert "Progetti zafferano" in page_text(client, address), address
    for address in ("/en/", "/en/news/"):
        assert "Saffron projects" in page_text(client, address), address


@pytest.mark.django_db
def test_a_footer_page_and_a_site_setting_changed_show_at_the_next_request(client, site, chrome_on):
    warm(client, ITALIAN + ENGLISH)

    publish(site["standard_page"], title="Accessibilità zafferano")
    publish(site["standard_page_en"], title="Saffron accessibility")
    site_settings = Site.objects.get(is_default_site=True).sitesettings
    for code, name in (("it", "Città zafferano"), ("en", "Saffron city")):
        row = site_settings.texts.get(locale__language_code=code)
        row.organisation_name = name
        row.save()

    for address in ITALIAN:
        text = page_text(client, address)
        assert "Accessibilità zafferano" in text, address
        assert text.count("Città zafferano") >= 2, f"{address}: footer and JSON-LD"
    for address in ENGLISH:
        text = page_text(client, address)
        assert "Saffron accessibility" in text, address
        assert text.count("Saffron city") >= 2, f"{address}: footer and JSON-LD"


@pytest.mark.django_db
def test_a_page_added_to_the_menus_shows_on_every_page(client, site, chrome_on):
    warm(client, ITALIAN)

    publish(site["standard_page"], show_in_menus=True)

    for address in ITALIAN:
        assert 'class="main-nav__link" href="/accessibilita/"' in page_text(client, address), address


# Views that are not pages, never kept whole: a search (any words) and an address that leads nowhere.
NOT_PAGES = {"/cerca/?q=torino": 200, "/en/search/?q=torino": 200, "/nessuna-pagina/": 404, "/en/no-such-page/": 404}


@pytest.mark.django_db
def test_a_view_that_is_not_a_page_reads_the_navigation_once_and_shows_a_change_at_the_next_request(
    client, site, settings, chrome_on
):
    for address, status in NOT_PAGES.items():
        counts = {}
        for seconds in (0, 300):
            settings.CHROME_CACHE_SECONDS = seconds
            assert client.get(address).status_code == status, address
            with CaptureQueriesContext(connection) as captured:
                client.get(address)
            counts[seconds] = len(captured.captured_queries)
        # No longer asked: the home page, its menu and its versions in the other language (three queries, which
        # only the view's own navigation kept per version saves). The site settings (footer, JSON-LD), two queries
        # more here before, are now kept with the host's site (base/site_cache.py), the chrome kept or not.
        assert counts[300] <= counts[0] - 3, address

    publish(site["project_index"], title="Progetti zafferano")
    publish(site["project_index_en"], title="Saffron projects")

    for address, status in NOT_PAGES.items():
        response = client.get(address)
        assert response.status_code == status, address
        expected = "Saffron projects" if address.startswith("/en/") else "Progetti zafferano"
        assert expected in response.content.decode(), address


@pytest.mark.django_db
def test_what_was_computed_while_an_embargo_ended_is_not_kept(rf, home_page, news_index, chrome_on):
    """A listing or a search that began before a release's embargo ended read the release as hidden: kept, it would
    go on hiding the release for up to CHROME_CACHE_SECONDS. It is bounded, like a whole page, by the instant
    following the moment it began, already past when it ends."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from base.fragment_cache import chrome_cached
    from tests import factories

    embargo = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))
    with time_machine.travel(embargo - datetime.timedelta(days=1), tick=False):
        factories.NewsPageFactory(parent=news_index, is_press_release=True, embargo_until=embargo)
    calls = []

    def compute(traveller=None, until=None):
        calls.append(1)
        if traveller is not None:
            traveller.move_to(until)  # the computation outlasts the embargo
        return ["the release hidden"]

    request = rf.get("/")
    with time_machine.travel(embargo - datetime.timedelta(seconds=1), tick=False) as traveller:
        chrome_cached(request, "listing", lambda: compute(traveller, embargo + datetime.timedelta(seconds=1)))
    with time_machine.travel(embargo + datetime.timedelta(seconds=2), tick=False):
        chrome_cached(rf.get("/"), "listing", compute)
    assert len(calls) == 2, "what was computed across the embargo's end was kept"

    # Computed wholly before the embargo's end, it is kept until then, and no longer.
    calls.clear()
    with time_machine.travel(embargo - datetime.timedelta(minutes=2), tick=False):
        chrome_cached(rf.get("/"), "other-listing", compute)
        chrome_cached(rf.get("/"), "other-listing", compute)
    assert len(calls) == 1
