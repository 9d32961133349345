"""The language switcher in a real browser: visible, usable without JavaScript, and its pages accessible.

A reader starts on each Italian page, switches to English with the switcher and back again. The English
pages reached that way get the same axe-core check as the Italian ones.
"""

import pytest

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

PAGES = ["home", "project_index", "project", "programme", "news", "ranking"]
PHONE = {"width": 390, "height": 844}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def browse(chromium, demo_site):
    """browse(viewport, javascript) -> a fresh page that may only talk to the live server."""
    contexts = []

    def new_page(viewport=DESKTOP, javascript=True):
        context = chromium.new_context(viewport=viewport, java_script_enabled=javascript)
        context.route(
            "**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort()
        )
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def switch_to(page, code):
    """Follow the switcher's link to ``code``, as a reader would; returns the response."""
    link = page.locator(f"nav.language-switcher a[lang='{code}']")
    assert link.count() == 1
    assert link.is_visible(), "the language switcher must be visible"
    with page.expect_navigation() as navigation:
        link.click()
    return navigation.value


@pytest.mark.parametrize("name", PAGES)
def test_switch_to_english_and_back_without_javascript(browse, demo_site, name):
    page = browse(javascript=False)
    page.goto(demo_site[name])
    assert page.locator("html").get_attribute("lang") == "it"

    english = switch_to(page, "en")

    assert english.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/en/" in page.url
    assert page.locator("nav.language-switcher a[aria-current]").get_attribute("lang") == "en"
    assert page.locator("link[rel=alternate][hreflang=en]").get_attribute("href") == page.url

    italian = switch_to(page, "it")

    assert italian.status == 200
    assert page.url == demo_site[name]
    assert page.locator("html").get_attribute("lang") == "it"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_english_pages_have_no_serious_accessibility_violations(browse, demo_site, name, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page = browse(viewport=viewport)
    page.goto(demo_site[name])
    assert switch_to(page, "en").status == 200
    page.wait_for_load_state("networkidle")

    violations = Axe().run(page).response["violations"]
    blocking = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found on {page.url}:\n" + "\n".join(blocking)


def test_switcher_fits_a_phone_screen(browse, demo_site):
    page = browse(viewport=PHONE)
    page.goto(demo_site["project"])
    switch_to(page, "en")

    box = page.locator("nav.language-switcher").bounding_box()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert width <= PHONE["width"]
