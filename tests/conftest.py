"""The page tree most tests start from.

Wagtail's first migration leaves a root page, a "Welcome" page and a default Site. The
``home_page`` fixture replaces the welcome page with our HomePage (Italian, the default locale)
and points the default Site at it; the section fixtures hang the indexes below it.
"""

import inspect
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests import factories
from tests.demo_database import (
    DEMO,
    EMPTY,
    PURE_FIXTURES,
    TRANSACTIONAL,
    DemoDatabase,
    MigratedOnce,
    kept,
    migrated_from_empty_in_this_run,
)
from tests.demo_pages import demo_pages  # noqa: F401 (fixture: every demo page's answer, kept per process)

# The editorial roles (a signed-in client per group), used by the workflow, language, upload and early-access tests.
from tests.editorial_roles import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    editorial_groups,
    make_editorial_groups,
    moderator,
    moderator_client,
    translator,
    translator_client,
)


@pytest.fixture(autouse=True)
def _clean_state():
    """Each test starts in Italian with an empty cache (Wagtail caches site root paths there)."""
    cache.clear()
    translation.activate("it")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def redis_down(settings):
    """Call it to take Redis away, as production sees an outage: django-redis configured as production.py does
    (errors ignored, the circuit breaker) against a port where nothing listens, so every look-up is a miss and
    nothing is kept."""
    import config.redis_breaker

    def take_down():
        config.redis_breaker.reset()
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:18199/3",
                "OPTIONS": {
                    "CLIENT_CLASS": "django_redis.client.DefaultClient",
                    "SOCKET_CONNECT_TIMEOUT": 0.1,
                    "SOCKET_TIMEOUT": 0.1,
                    "CONNECTION_POOL_CLASS": "config.redis_breaker.CircuitBreakerConnectionPool",
                    "IGNORE_EXCEPTIONS": True,
                },
            }
        }
        settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
        cache.set("probe", "kept?")
        assert cache.get("probe") is None, "the cache still works"

    yield take_down
    config.redis_breaker.reset()


@pytest.fixture(autouse=True)
def _uncached_query_counts(request):
    """Where queries are counted, they are the rendering's: the whole-page cache is off there (a second request
    would be a hit, with none), and so is the site chrome's, whatever CHROME_CACHE_SECONDS the run was given (a
    warm request would read its chrome from it; the first request of a site creates its settings, a change, so the
    warm-up's was not kept). tests/cache/ counts the caches' own queries, with them on; a test that counts with the
    chrome kept turns it on itself."""
    counts_queries = {"django_assert_num_queries", "django_assert_max_num_queries"} & set(request.fixturenames)
    counts_queries = counts_queries or hasattr(request.module, "CaptureQueriesContext")
    if counts_queries and request.path.parent.name != "cache":
        settings = request.getfixturevalue("settings")
        settings.PAGE_CACHE_SECONDS = 0
        settings.CHROME_CACHE_SECONDS = 0


@pytest.fixture(params=[0, 300], ids=["pages kept", "pages and fragments kept"])
def fragments(request, settings):
    """With the whole-page cache only, and with what production keeps besides (base/fragment_cache.py: the chrome,
    routing, listings, searches), which the tests' settings leave off. For the tests of what readers see as the
    clock passes an embargo's end, or as an embargo changes (tests/cache/test_freshness.py, tests/news/): a kept
    fragment outliving either would show a release early, or hide it late, on a page rendered afresh."""
    settings.CHROME_CACHE_SECONDS = request.param


@pytest.fixture
def locale_it(db):
    return Locale.objects.get_or_create(language_code="it")[0]


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


def make_home_page():
    """The Italian HomePage, root of the default Site, in place of Wagtail's welcome page."""
    for language_code in ("it", "en"):
        Locale.objects.get_or_create(language_code=language_code)
    for page in Page.objects.filter(depth=2):
        page.delete()  # the default Site goes with it (on_delete=CASCADE)
    home = factories.HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Torino Innovation"
    )
    return home


def kept_home_page():
    """The home page of a state that holds it: the default Site's root (its translations are at its depth too)."""
    return HomePage.objects.get(sites_rooted_here__is_default_site=True)


@pytest.fixture
def home_page(database_states, root_page, locale_it, locale_en):
    """The Italian HomePage, root of the default Site, in place of Wagtail's welcome page: made once per test process
    and kept as a state of the database (see database_states below), or made here if the test asked for it late."""
    if database_states.holds("home_page"):
        return kept_home_page()
    return make_home_page()


@kept
def programme_index(home_page):
    return factories.ProgrammeIndexPageFactory(parent=home_page)


@kept
def project_index(home_page):
    return factories.ProjectIndexPageFactory(parent=home_page)


@kept
def news_index(home_page):
    return factories.NewsIndexPageFactory(parent=home_page)


@kept
def ranking_page(home_page):
    return factories.RankingPageFactory(parent=home_page)


@kept
def standard_page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Accessibilità", slug="accessibilita")


@kept
def programme(programme_index):
    return factories.ProgrammePageFactory(
        parent=programme_index, title="Torino Social Innovation", slug="torino-social-innovation"
    )


@kept
def theme(locale_it):
    return factories.ThemeFactory(name="Mobilità", slug="mobilita")


@kept
def district(locale_it):
    return factories.DistrictFactory(name="Barriera di Milano", slug="barriera-di-milano")


@kept
def project(project_index, programme, theme, district):
    return factories.ProjectPageFactory(
        parent=project_index,
        title="Laboratorio di quartiere",
        slug="laboratorio-di-quartiere",
        programme=programme,
        district=district,
        themes=[theme],
        location=factories.point(45.0906, 7.6996),
    )


@kept
def image(db):
    return factories.ImageFactory()


# --- pages in two languages and the demo content --------------------------------------------------


@kept
def english_home(home_page, locale_en):
    """The home page's English translation, the site's /en/, kept with the home page."""
    return factories.translate(home_page, locale_en, title="Torino Innovation", slug="home-en")


@pytest.fixture
def translate(locale_en):
    """translate(page, title=None, **fields): publish an English translation of ``page`` (its parents first),
    made by wagtail-localize as the admin makes it (``factories.translate``). A page translated already (by an
    earlier call, or ``english_home``) is returned as it is, if it has the title and fields asked for."""

    def _translate(page, title=None, **fields):
        page = page.specific
        existing = page.get_translation_or_none(locale_en)
        if existing is not None:
            existing = existing.specific
            asked = {"title": title, **fields} if title else fields
            differing = {name: value for name, value in asked.items() if getattr(existing, name) != value}
            if differing:  # never silently another translation than the one asked for
                raise pytest.UsageError(f"{page} is translated already, not with {differing}")
            return existing
        parent = page.get_parent()
        if parent.depth > 1 and parent.get_translation_or_none(locale_en) is None:
            _translate(parent)
        return factories.translate(page, locale_en, title=title or f"{page.title} (EN)", **fields)

    return _translate


REUSED_DATABASES = Path(settings.BASE_DIR) / ".pytest-db"

# The set-ups many tests share, by the name of their fixture, kept as states of the test database
# (tests/demo_database.py): a test asking for some of them starts from a state made of them, put in place before its
# transaction begins (a fifth of a second for the home page, a sixth for the groups, a millisecond for a state).
SHARED_SETUPS = {"home_page": make_home_page, "editorial_groups": make_editorial_groups}


_migrated_once = pytest.StashKey()


@pytest.hookimpl(tryfirst=True)  # before xdist starts the workers (its own hook is trylast)
def pytest_sessionstart(session):
    """xdist's controller migrates the test database while its workers start (MigratedOnce.migrate_in_background):
    the workers take it from the run's folder, as they take the demo."""
    config = session.config
    if config.pluginmanager.getplugin("dsession") is not None and migrated_from_empty_in_this_run(config):
        MigratedOnce(config._tmp_path_factory.getbasetemp() / "migrated").migrate_in_background()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, pytestconfig, tmp_path_factory):
    """pytest-django's, then: migrated by another worker already? Then this one's database is made from the models
    (tests/demo_database.py, MigratedOnce), and replaced by that one in django_db_setup below."""
    from django.db import connection

    if "PYTEST_XDIST_WORKER" in os.environ and migrated_from_empty_in_this_run(pytestconfig):
        migrated = MigratedOnce(tmp_path_factory.getbasetemp().parent / "migrated")
        pytestconfig.stash[_migrated_once] = migrated
        if migrated.claim():
            connection.settings_dict["TEST"]["MIGRATE"] = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, pytestconfig):
    """pytest-django's, then the migrated database taken from another worker, or left for them (MigratedOnce)."""
    from django.db import connection

    migrated = pytestconfig.stash.get(_migrated_once, None)
    if migrated is not None:
        connection.settings_dict["TEST"]["MIGRATE"] = True
        with django_db_blocker.unblock():
            migrated.finish()


@pytest.fixture(scope="session")
def database_states(django_db_setup, django_db_blocker, pytestconfig, tmp_path_factory):
    """The states of this process's test database (tests/demo_database.py), kept from the first test that needs one.
    With --reuse-db (local runs) the demo is also kept in .pytest-db/ and loaded again only when the project's code
    changed.

    From then on, pytest_runtest_setup below puts in place before each test the state it needs: the demo, a state
    made of the SHARED_SETUPS it asks for, or the empty database."""
    with django_db_blocker.unblock():
        if pytestconfig.getoption("reuse_db"):
            database = DemoDatabase(keep_in=REUSED_DATABASES)
        elif "PYTEST_XDIST_WORKER" in os.environ:  # the demo loaded by one worker, taken by the others
            database = DemoDatabase(keep_in=tmp_path_factory.getbasetemp().parent / "demo", shared=True)
        else:
            database = DemoDatabase()
        database.keep_empty()
        pytestconfig.stash[_database_states] = (database, django_db_blocker)
        # The test that asks for it first: its state, as the hook below puts it for the next ones.
        database.put_in_place(*pytestconfig.stash[_wanted_state])
    yield database
    del pytestconfig.stash[_database_states]
    with django_db_blocker.unblock():
        database.discard()


@pytest.fixture(scope="session")
def demo_content(database_states, django_db_blocker):
    """The demo content, loaded once in this test process; returns the command's output."""
    with django_db_blocker.unblock():
        database_states.build()
    return database_states.output


@pytest.fixture
def demo(demo_content, db):
    """The demo content, in a test that may change it freely (the test's transaction is rolled back)."""
    return demo_content


_database_states = pytest.StashKey()
_wanted_state = pytest.StashKey()


def wants_demo(item):
    return "demo_content" in getattr(item, "fixturenames", ())


def is_transactional(item):
    """A test whose changes are committed (and the database flushed at its end), not rolled back."""
    marker = item.get_closest_marker("django_db")
    transaction = marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    return transaction or "transactional_db" in getattr(item, "fixturenames", ())


def wanted_state(item):
    """The state ``item`` starts from, and how to make it (None for the empty database and the demo).

    A transactional test starts from a copy of the empty database (its serialized rollback loads the empty state's
    rows again, which would clash with a home page put in its place), never the empty database itself: it flushes
    what it ran on, and on PostgreSQL the empty database is the template of every other state. Its fixtures make
    what it asks for themselves."""
    if wants_demo(item):
        if is_transactional(item):
            # Its end would flush the demo, which is loaded once per process.
            raise pytest.UsageError(f"{item.nodeid}: a transactional test cannot use the demo content")
        return DEMO, None
    if is_transactional(item):
        return TRANSACTIONAL, dict
    if not hasattr(item, "_fixtureinfo"):
        return EMPTY, None
    names = [n for n in SHARED_SETUPS if n in item.fixturenames]
    definitions = item._fixtureinfo.name2fixturedefs
    kept_ones = [n for n in _made_in_order(item) if hasattr(definitions[n][-1].func, "kept_make")]
    if not names and not kept_ones:
        return EMPTY, None

    keys = {name: getattr(definitions[name][-1].func, "kept_key", name) for name in [*names, *kept_ones]}

    def make(in_place):
        """``in_place``: what the set-ups already in place returned, by their part of the state's name."""
        for name in names:
            if name not in in_place:
                SHARED_SETUPS[name]()
        made = {name: in_place[keys[name]] for name in kept_ones if keys[name] in in_place}

        def value(name):
            if name not in made:
                if name == "home_page":
                    made[name] = kept_home_page()
                elif name == "db":
                    made[name] = None
                elif name in kept_ones or name in PURE_FIXTURES:
                    function = getattr(definitions[name][-1].func, "kept_make", definitions[name][-1].func)
                    made[name] = function(**{arg: value(arg) for arg in inspect.signature(function).parameters})
                else:
                    raise LookupError(f"a kept fixture asks for {name}, neither kept, shared nor pure")
            return made[name]

        # In a transaction as the fixtures would have been, whose on-commit callbacks never run (it is rolled back).
        with transaction.atomic():
            for name in kept_ones:
                value(name)
            connection.run_on_commit = []
        return {keys[name]: made[name] for name in kept_ones}

    return "+".join(keys.values()), make


def _made_in_order(item):
    """The fixtures of ``item`` in the order pytest makes them: the test's arguments in turn, each one's own first."""
    definitions = item._fixtureinfo.name2fixturedefs
    order, seen = [], set()

    def visit(name):
        if name in seen or name not in definitions:
            return
        seen.add(name)
        for argument in definitions[name][-1].argnames:
            visit(argument)
        order.append(name)

    for name in item._fixtureinfo.initialnames:
        visit(name)
    return order


def needs_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "django_db_setup"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(items):
    """The tests that need no database first; then those marked ``slow``, those on the demo content first among
    them; the other tests on the demo last.

    Under xdist the test database is migrated by the controller while the workers start (MigratedOnce): for its ten
    seconds or so a worker can only run tests that need no database (the migration from empty on PostgreSQL, the
    production settings, in processes of their own), and would otherwise wait. Under ``--dist load`` a worker that
    draws a test of many seconds near the end of the run leaves the other idle while it finishes: drawn at the start,
    slow tests overlap the short ones instead. The demo is loaded by the first worker to need it, the other waiting
    for it if it needs it meanwhile (tests/demo_database.py): so the first slow tests load it while the other worker
    runs the short tests that do not need it."""

    def order(item):
        # Browser tests stay last (tests/browser/conftest.py), whichever of the two hooks runs last.
        browser = item.get_closest_marker("browser") is not None
        slow, demo = item.get_closest_marker("slow") is not None, wants_demo(item)
        if not needs_database(item):
            return (browser, 0, not slow)
        return (browser, 1, not demo) if slow else (browser, 2, demo)

    items.sort(key=order)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's fixtures (and its transaction): the state it needs in place."""
    item.config.stash[_wanted_state] = wanted_state(item)
    if _database_states in item.config.stash:
        database, blocker = item.config.stash[_database_states]
        with blocker.unblock():
            database.put_in_place(*item.config.stash[_wanted_state])


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    if _database_states in item.config.stash and is_transactional(item):
        item.config.stash[_database_states][0].forget_in_place()


# --- the jury dossier ---------------------------------------------------------------------------

# .ci/run sets this: there, a PDF engine that cannot load is a failure, not a reason to skip.
REQUIRE_PDF = os.environ.get("REQUIRE_PDF_TESTS", "") not in ("", "0", "false")


@pytest.fixture
def pdf_engine():
    """Skip a PDF test when WeasyPrint's system libraries are missing on this machine (fail under CI)."""
    from base.stored_pdf import pdf_engine_available

    if not pdf_engine_available():
        reason = (
            "WeasyPrint cannot load Pango/HarfBuzz: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 fonts-dejavu-core (see README, 'The jury dossier')"
        )
        if REQUIRE_PDF:
            pytest.fail(f"{reason} (REQUIRE_PDF_TESTS is set)", pytrace=False)
        pytest.skip(reason)


@kept
def criteria(locale_it):
    """Three Italian criteria of the 2024 edition, in order."""
    return [
        factories.AwardCriterionFactory(code="sperimentazione", name="Sperimentazione", order=1),
        factories.AwardCriterionFactory(code="ecosistemi", name="Costruire ecosistemi", order=2),
        factories.AwardCriterionFactory(code="diritti", name="Diritti dei cittadini", order=3),
    ]


@kept
def dossier_page(home_page, criteria):
    return factories.DossierPageFactory(parent=home_page)
