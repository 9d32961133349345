"""Every public page type costs at most QUERY_BUDGET queries, and the same number with 10 or 1,000 projects and
news items (issue 11, "Query budgets").

The site is built once per run, at 10 projects and 10 news items, measured, grown to 1,000 of each
(``tests/perf/bulk.py``: a few queries, not a thousand saves) and measured again, inside the first test's
transaction (rolled back as every test's is); the other tests, in every worker, read the figures. Each page is
asked twice and the second, warm request is counted (the first fills Wagtail's caches: site root paths,
renditions), with the whole-page cache off (``PAGE_CACHE_SECONDS = 0``), since what is measured is the work of a
page not in it.
"""

import datetime
import fcntl
import json
import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from news.models import NewsPage
from projects.models import ProjectPage
from tests import factories
from tests.perf.bulk import add_children, index_pages

QUERY_BUDGET = 15
SIZES = (10, 1000)
WORD = "melograno"  # in every generated news item and project, for the search page


def _build_site():
    """The tree of the site with every public page type, nothing yet in the listings. Returns what grows."""
    for page in Page.objects.filter(depth=2):
        page.delete()
    root = Page.get_first_root_node()
    Locale.objects.get_or_create(language_code="it")
    Locale.objects.get_or_create(language_code="en")
    home = factories.HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Torino")
    image = factories.ImageFactory()
    programme_index = factories.ProgrammeIndexPageFactory(parent=home, hero_image=image)
    programmes = [
        factories.ProgrammePageFactory(parent=programme_index, slug=f"programma-{n}", hero_image=image)
        for n in range(3)
    ]
    for programme in programmes:
        home.featured_programmes.create(programme=programme)
    themes = [factories.ThemeFactory(name=f"Tema {n}", slug=f"tema-{n}") for n in range(4)]
    districts = [factories.DistrictFactory(name=f"Quartiere {n}", slug=f"quartiere-{n}") for n in range(3)]
    project_index = factories.ProjectIndexPageFactory(parent=home, hero_image=image)
    news_index = factories.NewsIndexPageFactory(parent=home, hero_image=image)
    factories.PressRoomPageFactory(parent=home)
    factories.RankingPageFactory(parent=home, slug="classifica")
    factories.DossierPageFactory(parent=home)
    factories.OpenDataPageFactory(parent=home)
    factories.StandardPageFactory(parent=home, slug="chi-siamo")
    return {
        "image": image,
        "programmes": programmes,
        "themes": themes,
        "districts": districts,
        "project_index": project_index,
        "news_index": news_index,
    }


def _grow(site, total, have):
    """Projects and news items up to ``total`` each (``have`` so far), every one with a picture."""
    projects = add_children(
        site["project_index"],
        ProjectPage,
        total - have,
        lambda n: {
            "title": f"Progetto {have + n:04d} {WORD}",
            "slug": f"progetto-{have + n:04d}",
            "summary": f"Un progetto sul {WORD} nei cortili.",
            "programme_id": site["programmes"][n % 3].pk,
            "district_id": site["districts"][n % 3].pk,
            "hero_image_id": site["image"].pk,
            "location": f"SRID=4326;POINT({7.6 + n % 100 / 1000:.4f} {45.0 + n % 97 / 1000:.4f})",
            "address": "Via Roma 1, Torino",
            "themes": [site["themes"][n % 4], site["themes"][(n + 1) % 4]],
        },
    )
    news = add_children(
        site["news_index"],
        NewsPage,
        total - have,
        lambda n: {
            "title": f"Notizia {have + n:04d} {WORD}",
            "slug": f"notizia-{have + n:04d}",
            "date": datetime.date(2020, 1, 1) + datetime.timedelta(days=have + n),
            "summary": f"Il {WORD} cresce a Torino.",
            "body": [{"type": "paragraph", "value": f"<p>Il {WORD}.</p>"}],
            "hero_image_id": site["image"].pk,
            "is_press_release": n % 3 == 0,
        },
    )
    index_pages(ProjectPage, projects)
    index_pages(NewsPage, news)


def _public_urls(site):
    news_index = site["news_index"].url
    return {
        "home page": "/",
        "project index": "/progetti/",
        "project index, page 2, filtered": "/progetti/?theme=tema-1&page=2",
        "project page": "/progetti/progetto-0001/",
        "programme index": "/programmi/",
        "programme page": "/programmi/programma-1/",
        "news index": news_index,
        "news index, page 3": f"{news_index}?page=3",
        "news page": f"{news_index}notizia-0001/",
        "press room": "/sala-stampa/",
        "ranking page": "/classifica/",
        "dossier page": "/dossier/",
        "open data page": "/dati-aperti/",
        "standard page": "/chi-siamo/",
        "search": f"/cerca/?q={WORD}",
        "RSS feed": f"{news_index}feed/rss/",
        "Atom feed": f"{news_index}feed/atom/",
        "sitemap": "/sitemap.xml",
        "API listing": "/api/v2/pages/?type=news.NewsPage&fields=summary,date,is_press_release",
        "GeoJSON": "/projects.geojson",
        "CSV": "/projects.csv",
    }


def _measure(urls):
    client = Client()
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm: site root paths, renditions, content types
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = (response.status_code, len(queries))
    return counts


_measured = {}


def _measure_budgets():
    """{page name: {size: (status, queries)}}: the site built, measured at each of SIZES."""
    measured = {}
    with override_settings(PAGE_CACHE_SECONDS=0), translation.override("it"):
        cache.clear()
        site = _build_site()
        urls = _public_urls(site)
        have = 0
        for size in SIZES:
            _grow(site, size, have)
            have = size
            for name, counted in _measure(urls).items():
                measured.setdefault(name, {})[size] = counted
        cache.clear()
    return measured


@pytest.fixture
def budgets(db, tmp_path_factory):
    """{page name: {size: (status, queries)}}, measured by the first test of the module that runs, inside its
    transaction (rolled back after it, like any test's), and kept for the others. Under xdist the first worker to come
    measures, under a lock, and leaves the figures in the run's temporary folder for the others: query counts are the
    same in every process, and building a thousand projects and news items twice would only cost time."""
    if not _measured:
        if "PYTEST_XDIST_WORKER" not in os.environ:
            _measured.update(_measure_budgets())
            return _measured
        kept = tmp_path_factory.getbasetemp().parent / "query-budgets.json"
        with open(kept.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not kept.exists():
                # Written whole or not at all: a worker stopped half-way leaves the next one to measure.
                writing = kept.with_suffix(".writing")
                writing.write_text(json.dumps(_measure_budgets()))
                os.replace(writing, kept)
        figures = json.loads(kept.read_text())
        _measured.update(
            {name: {int(size): tuple(counted) for size, counted in sizes.items()} for name, sizes in figures.items()}
        )
    return _measured


PAGES = list(_public_urls({"news_index": type("Index", (), {"url": "/notizie/"})}).keys())


@pytest.mark.slow  # the first one to run builds and measures the site
@pytest.mark.parametrize("name", PAGES)
def test_query_budget_is_kept_and_constant(budgets, name):
    measured = budgets[name]
    statuses = {status for status, _queries in measured.values()}
    counts = {size: queries for size, (_status, queries) in measured.items()}
    assert statuses == {200}, measured
    assert max(counts.values()) <= QUERY_BUDGET, f"{name}: {counts} queries (budget {QUERY_BUDGET})"
    assert len(set(counts.values())) == 1, f"{name}: the queries grow with the content: {counts}"
