"""Lighthouse's accessibility, best-practices and SEO scores are 100 on the pages of issue 11, in both languages.

Those three categories do not depend on the machine, so CI asserts them; performance does, and is measured by
bench/lighthouse.py (figures in the README). One Lighthouse run per page, with the Lighthouse of package.json
(`npm ci`) driving Debian's Chromium. Map tiles are served by the bench's tile server (bench/lighthouse.py), as a
real tile server would serve them: a refused tile is a console error no reader sees.
"""

import importlib.util
import sys
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.browser.conftest import CHROMIUM, _unavailable

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGES = ["home", "programme", "project", "project_index", "news", "dossier"]


@pytest.fixture(scope="module")
def bench_lighthouse():
    """bench/lighthouse.py as a module: its Lighthouse command line, its report reading and its tile server."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        _unavailable("Lighthouse is not installed: run `npm ci`")
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_lighthouse", ROOT / "bench" / "lighthouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tiles(bench_lighthouse, demo_site):
    server, url = bench_lighthouse.tile_server(0)
    with override_settings(MAP_TILE_URL=url):
        yield url
    server.shutdown()


def english_url(url):
    with urlopen(url, timeout=60) as response:
        link = BeautifulSoup(response.read(), "html.parser").select_one('.language-switcher a[hreflang="en"]')
    return urljoin(url, link["href"]) if link else None


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores_100(bench_lighthouse, tiles, demo_site, name, language):
    url = demo_site[name] if language == "it" else english_url(demo_site[name])
    assert url, f"the demo {name} page has no English translation"
    report = bench_lighthouse.run_lighthouse(url, CATEGORIES)
    failing = [
        f"[{category}] {audit}: {title} {found}".strip()
        for category, audit, title, found in bench_lighthouse.failing_audits(report)
    ]
    assert bench_lighthouse.scores(report) == dict.fromkeys(CATEGORIES, 100), failing
