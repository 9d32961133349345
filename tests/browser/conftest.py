"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Run with `pytest -m browser tests/browser` (`.ci/run` does); `make test` leaves them out.

The demo content is loaded once per session and served by pytest-django's LiveServer
(the class behind its `live_server` fixture). The `live_server` fixture itself is not used
because it makes every test transactional: the database would be flushed after each test
and the demo content rebuilt each time. The browser tests only read, so one load is enough.

Every request that does not go to the live server is aborted and recorded: the page must
cope without map tiles, and nothing but tiles may ask for anything outside it.
"""

import contextlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# .ci/run sets this: there, a missing browser is a failure, not a reason to skip.
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS", "") not in ("", "0", "false")

DESKTOP = {"width": 1280, "height": 900}

# The pages (names of DemoSite.paths) that every browser check visits.
PAGES = [
    "home",
    "project_index",
    "project",
    "programme",
    "news",
    "ranking",
    "search",
    "press_room",
    "open_data",
    "dossier",
    "dossier_print",
]


def pytest_collection_modifyitems(config, items):
    """Run browser tests last, so that the demo content they load never meets other tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def _unavailable(reason):
    if REQUIRED:
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS is set)", pytrace=False)
    pytest.skip(reason)


def tile_url_pattern(template):
    """A regex matching the URLs Leaflet builds from a tile template like .../{z}/{x}/{y}.png."""
    parts = re.split(r"\{[a-z]+\}", template)
    return re.compile("[^/?#]*".join(re.escape(part) for part in parts) + r"(\?.*)?")


@dataclass
class DemoSite:
    url: str
    paths: dict  # name -> path of a page on the live server
    project_paths: list  # every live project listed on the project index
    mapped_paths: list  # those of them with a location
    mapped_on_home: int  # live projects with a location, all shown on the home page's map
    mapped_on_index: int  # the same on the project index
    tile_pattern: re.Pattern

    def __getitem__(self, name):
        return self.url + self.paths[name]

    def is_tile(self, url):
        return bool(self.tile_pattern.fullmatch(url))

    def is_local(self, url):
        return url.startswith(self.url + "/") or url == self.url


def _path(page):
    """The page's path on whatever host serves it (one site, Italian without a prefix)."""
    return page.get_url_parts()[2]


def _collect_site_facts():
    from django.urls import reverse
    from wagtail.models import Locale

    from candidacy.models import DossierPage, RankingPage
    from home.models import HomePage
    from news.models import NewsPage, PressRoomPage
    from opendata.models import OpenDataPage
    from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage

    locale = Locale.get_default()

    def first(model, **filters):
        page = model.objects.live().public().filter(locale=locale, **filters).order_by("path").first()
        assert page is not None, f"load_demo_content created no live {model.__name__} in {locale}"
        return page

    project_index = first(ProjectIndexPage)
    listed = list(ProjectPage.objects.listed(project_index.locale_id).child_of(project_index))
    mapped = [p for p in listed if p.has_place]
    assert mapped, "the demo content has no project with a location: the map tests would prove nothing"
    paths = {
        "home": _path(first(HomePage)),
        "project_index": _path(project_index),
        "project": _path(mapped[0]),
        "programme": _path(first(ProgrammePage)),
        "news": _path(first(NewsPage)),
        "ranking": _path(first(RankingPage)),
        # press and public: search, press room, open data, error pages
        "search": reverse("search") + "?q=torino",
        "press_room": _path(first(PressRoomPage)),
        "open_data": _path(first(OpenDataPage)),
        "not_found": "/pagina-che-non-esiste/",
        "dossier": _path(first(DossierPage)),
        "dossier_print": _path(first(DossierPage)) + "print/",
    }
    return {
        "paths": paths,
        "project_paths": [_path(p) for p in listed],
        "mapped_paths": [_path(p) for p in mapped],
        "mapped_on_home": ProjectPage.objects.mappable(locale).count(),
        "mapped_on_index": len(mapped),
    }


@contextlib.contextmanager
def _test_database():
    """Make sure the default connection points at a test database, never the configured one.

    pytest-django creates test databases only for the aliases its collected tests declare
    (django_db mark, db/transactional_db/live_server fixtures). These tests declare none, so
    when they run alone nothing would be created and the demo content would land in the
    developer's db.sqlite3: create the test database here in that case.
    """
    from django.db import connection

    test_name = connection.creation._get_test_db_name()
    if connection.settings_dict["NAME"] == test_name:
        yield  # pytest-django set it up for other tests in this session
        return
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    assert connection.settings_dict["NAME"] == test_name
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content in a test database, served on 127.0.0.1 by a live server thread."""
    from pytest_django.live_server_helper import LiveServer

    # pytest-django blocks database access in every thread, the live server's included, outside
    # tests that ask for it: keep it open for the whole browser session (these tests run last).
    with django_db_blocker.unblock(), _test_database():
        with translation.override(settings.LANGUAGE_CODE):
            call_command("load_demo_content", stdout=io.StringIO())
            facts = _collect_site_facts()
        # Start the server only now: with in-memory SQLite it shares this thread's connection.
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        # The site's address is the live server's, as `make run` makes it the address it serves on.
        with override_settings(SITE_URL=server.url):
            call_command("set_site_url", stdout=io.StringIO())
        try:
            yield DemoSite(url=server.url, tile_pattern=tile_url_pattern(settings.MAP_TILE_URL), **facts)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(scope="session")
def chromium(demo_site):
    """Debian's Chromium under Playwright, never a browser that Playwright downloads.

    Depends on demo_site so that the database work is done before Playwright starts its
    event loop in this thread (Django refuses ORM calls from a thread with a running loop).
    """
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-browser.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """One page load, with everything the browser did on the way."""

    page: object
    response: object
    requests: list = field(default_factory=list)  # every URL the page asked for
    blocked: list = field(default_factory=list)  # URLs outside the live server, aborted
    console_errors: list = field(default_factory=list)  # (text, url of the source)
    page_errors: list = field(default_factory=list)  # uncaught exceptions

    @property
    def status(self):
        return self.response.status if self.response else None


@pytest.fixture(scope="session")
def visit(chromium, demo_site):
    """visit("home", javascript=True, viewport=DESKTOP) -> Visit, each in its own browser context.

    The tests only look, so a page loaded once with the same options is shared by the tests
    that ask for it (status, headings, console, requests, map, axe): a third of the loads.
    """
    visits = {}

    def load(name, javascript, viewport):
        context = chromium.new_context(java_script_enabled=javascript, viewport=viewport)
        page = context.new_page()
        result = Visit(page=page, response=None)

        def route(route):
            url = route.request.url
            if demo_site.is_local(url):
                route.continue_()
            else:
                result.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        page.on("request", lambda request: result.requests.append(request.url))
        page.on("pageerror", lambda error: result.page_errors.append(str(error)))
        page.on(
            "console",
            lambda msg: msg.type == "error" and result.console_errors.append((msg.text, msg.location.get("url", ""))),
        )
        result.response = page.goto(demo_site[name], wait_until="load")
        page.wait_for_load_state("networkidle")
        return result

    def _visit(name, *, javascript=True, viewport=None):
        viewport = viewport or DESKTOP
        key = (name, javascript, viewport["width"], viewport["height"])
        if key not in visits:
            visits[key] = load(name, javascript, viewport)
        return visits[key]

    yield _visit
    for result in visits.values():
        result.page.context.close()
