"""The Content-Security-Policy in a real browser: nothing on the public pages breaks it, and the admin works
under its own policy: a Moderator edits a project's place on the map, publishes it, asks for its English
translation and opens wagtail-localize's translation editor.

Chromium reports every blocked script, style, image, frame or request as a console error ("Refused to
..."), for the page and its frames alike (the editor's preview): those are the violations counted here.
"""

import re

import pytest

from tests.browser.conftest import DESKTOP, PAGES
from tests.browser.test_browser_admin_editing import (  # noqa: F401 - fixtures shared with the editing tests
    PASSWORD,
    TIMEOUT,
    _orm_allowed,
    orm_allowed,
    people,
)

pytestmark = pytest.mark.browser

# Set before any script of the page runs: the violations a document reports, with what and where.
VIOLATION_RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
});
"""
REFUSED = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)


def recorded_violations(page):
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__csp || []")
        except Exception:  # noqa: BLE001 - a frame that went away while asked
            continue
    return found


@pytest.fixture(scope="module")
def strict_visits(chromium, demo_site):
    """Each public page loaded once with the recorder, tiles refused by the test (not by the policy)."""
    context = chromium.new_context(viewport=DESKTOP)
    context.add_init_script(VIOLATION_RECORDER)
    context.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    page = context.new_page()
    console = []
    page.on("console", lambda msg: msg.type == "error" and REFUSED.search(msg.text) and console.append(msg.text))
    results = {}
    for name in PAGES:
        console.clear()
        response = page.goto(demo_site[name], wait_until="load")
        # Maps are drawn as they come near the screen (map.js), as a reader scrolls to them.
        place_maps = page.locator("[data-place-map]")
        for i in range(place_maps.count()):
            place_maps.nth(i).scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        results[name] = (response, recorded_violations(page), list(console), page.locator(".leaflet-container").count())
    yield results
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_public_page_breaks_no_policy(strict_visits, name):
    response, violations, console, _maps = strict_visits[name]
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'nonce-" not in policy, policy
    assert not violations, f"{name}: " + "\n".join(violations)
    assert not console, f"{name}: " + "\n".join(console)


def test_maps_are_drawn_under_the_policy(strict_visits):
    assert strict_visits["home"][3] >= 1
    assert strict_visits["project"][3] >= 1


@pytest.fixture
def mapped_project(demo_site):
    """A live Italian project with a place on the map and no translation yet: a copy of a demo project,
    deleted afterwards with the English page made from it."""
    from wagtail.models import Locale, Page

    from projects.models import ProjectPage

    with _orm_allowed(demo_site):
        source = (
            ProjectPage.objects.live().filter(locale=Locale.get_default()).exclude(location="").order_by("path").first()
        )
        copy = source.copy(
            update_attrs={"title": "Progetto per la prova CSP", "slug": "progetto-prova-csp"},
            keep_live=True,
            reset_translation_key=True,
        )
        copy.save_revision().publish()
    yield copy.specific
    with _orm_allowed(demo_site):
        for page in Page.objects.filter(translation_key=copy.translation_key):
            page.delete()


def test_moderator_edits_publishes_and_translates_a_mapped_project(people, mapped_project, chromium, demo_site):  # noqa: F811
    from playwright.sync_api import expect
    from wagtail.models import Locale

    context = chromium.new_context(viewport=DESKTOP)
    context.add_init_script(VIOLATION_RECORDER)
    context.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    page = context.new_page()
    console = []
    page.on("console", lambda msg: msg.type == "error" and REFUSED.search(msg.text) and console.append(msg.text))
    seen = []

    def check_violations(where):
        found = recorded_violations(page) + console
        seen.extend(f"{where}: {v}" for v in found)
        console.clear()

    try:
        page.goto(demo_site.url + "/admin/login/")
        page.locator("#id_username").fill(people["moderator"].username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()
        check_violations("login")

        # A public page shown to a Moderator carries Wagtail's userbar, which works under the policy.
        response = page.goto(demo_site["home"])
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.locator("#wagtail-userbar-trigger").click()
        expect(page.locator("#wagtail-userbar-items")).to_be_visible(timeout=TIMEOUT)
        page.wait_for_load_state("networkidle")
        check_violations("userbar")

        edit_url = f"{demo_site.url}/admin/pages/{mapped_project.pk}/edit/"
        response = page.goto(edit_url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # The geo widget: a Leaflet map with a marker, and the coordinates typed in its field move it.
        expect(page.locator(".leaflet-field .leaflet-marker-icon")).to_be_visible(timeout=TIMEOUT)
        latlng = page.locator("#id_location_latlng")
        latlng.fill("")
        latlng.press_sequentially("45.0703,7.6869", delay=20)
        expect(page.locator("#id_location")).to_have_value(re.compile(r"POINT\s*\(7\.6869 45\.0703\)"), timeout=TIMEOUT)
        check_violations("editor")

        # The preview panel: the public page, rendered under /admin/ in the editor's iframe.
        page.locator('[data-side-panel-toggle="preview"]').click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.locator("h1")).to_contain_text("Progetto per la prova CSP", timeout=TIMEOUT)
        check_violations("preview")

        # Publish, from the footer's menu of actions.
        page.locator("#page-edit-form footer [data-w-dropdown-target=toggle]").first.click()
        with page.expect_navigation(timeout=TIMEOUT):
            page.locator("#page-edit-form footer button[name=action-publish]").click()
        check_violations("publish")

        with _orm_allowed(demo_site):
            mapped_project.refresh_from_db()
            assert mapped_project.live and not mapped_project.has_unpublished_changes
            assert mapped_project.point == (7.6869, 45.0703) or "7.6869 45.0703" in mapped_project.location

        # Translate into English; wagtail-localize then opens its translation editor (a React app).
        page.goto(f"{demo_site.url}/admin/localize/submit/page/{mapped_project.pk}/")
        english = page.locator("input[name=locales]").first
        english.check()
        with page.expect_navigation(timeout=TIMEOUT):
            page.locator("form button[type=submit], form input[type=submit]").last.click()
        expect(page.locator(".js-translation-editor")).to_be_visible(timeout=TIMEOUT)
        # The React editor draws its segments: the project's title among them.
        expect(page.locator(".js-translation-editor")).to_contain_text("Progetto per la prova CSP", timeout=TIMEOUT)
        check_violations("translation editor")
        with _orm_allowed(demo_site):
            assert mapped_project.get_translation_or_none(Locale.objects.get(language_code="en")) is not None
    finally:
        context.close()
    assert not seen, "violations of the admin's policy:\n" + "\n".join(seen)
