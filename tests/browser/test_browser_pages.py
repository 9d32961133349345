"""The public pages in a real browser: they load, stay on our server and cope without tiles."""

import re

import pytest

from tests.browser.conftest import PAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}

MAP_PAGES = ["home", "project_index"]


def _not_linked(result, paths):
    """Which of ``paths`` no page of the visited list links to, following its "Next" links (the project index
    shows its cards a page at a time), in a new tab of the same browser context (same JavaScript setting)."""
    missing = set(paths)
    page = result.page.context.new_page()
    url = result.page.url
    try:
        while url and missing:
            page.goto(url, wait_until="load")
            missing = {path for path in missing if page.locator(f'main a[href="{path}"]').count() == 0}
            following = page.locator('main a[rel="next"]')
            url = following.first.evaluate("a => a.href") if following.count() else None
    finally:
        page.close()
    return sorted(missing)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_with_one_h1(visit, name):
    result = visit(name)
    assert result.status == 200
    assert result.page.locator("h1").count() == 1


@pytest.mark.parametrize("name", PAGES)
def test_console_shows_no_errors(visit, demo_site, name):
    result = visit(name)
    # Tiles are blocked on purpose, and Chromium reports each as a failed resource.
    # Only those are forgiven: any other failed request or script error is a bug.
    errors = [f"{text} ({url})" if url else text for text, url in result.console_errors if not demo_site.is_tile(url)]
    assert not result.page_errors, "uncaught exceptions:\n" + "\n".join(result.page_errors)
    assert not errors, "console errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_server_but_map_tiles(visit, demo_site, name):
    result = visit(name)
    outside = [
        url
        for url in result.requests
        if not demo_site.is_local(url) and not demo_site.is_tile(url) and not url.startswith(("data:", "blob:"))
    ]
    assert not outside, "requests to third parties:\n" + "\n".join(outside)


@pytest.mark.parametrize("name", MAP_PAGES)
def test_map_draws_one_marker_per_project_without_tiles(visit, demo_site, name):
    from playwright.sync_api import expect

    expected = demo_site.mapped_on_home if name == "home" else demo_site.mapped_on_index
    result = visit(name)
    page = result.page
    # includes/map.html: a list of places ([data-lat] items) that map.js turns into a Leaflet map, its markers
    # grouped where they are close (a group shows how many it holds), or fetched from the GeoJSON it names.
    maps = page.locator("[data-place-map]")
    assert maps.count() >= 1, "no map on the page"
    markers = []
    for i in range(maps.count()):
        place_map = maps.nth(i)
        place_map.scroll_into_view_if_needed()  # a map is drawn as it comes near the screen (map.js)
        expect(place_map.locator(".leaflet-container")).to_have_count(1)
        expect(place_map).to_have_attribute("data-map-ready", re.compile(r"\d+"))
        drawn = place_map.locator(".leaflet-marker-icon").evaluate_all(
            "icons => icons.reduce((n, icon) => n + (icon.classList.contains('map-cluster') ? "
            "parseInt(icon.textContent, 10) : 1), 0)"
        )
        if not place_map.get_attribute("data-geojson-url"):
            assert drawn == place_map.locator("[data-lat]").count()
        markers.append(drawn)
    assert expected in markers, f"expected a map with {expected} markers (one per live project), got {markers}"
    # The tiles were asked for and refused, and the places are still linked from the page (from the list's
    # pages on the project index, whose map shows every project and whose list a page of them).
    assert any(demo_site.is_tile(url) for url in result.blocked), "the map asked for no tiles"
    missing = _not_linked(result, demo_site.mapped_paths)
    assert not missing, "places on the map but not linked from the page:\n" + "\n".join(missing)


def test_project_index_lists_every_project_without_javascript(visit, demo_site):
    result = visit("project_index", javascript=False)
    page = result.page
    assert result.status == 200
    assert page.locator(".leaflet-container").count() == 0, "a map was drawn with JavaScript off"
    missing = _not_linked(result, demo_site.project_paths)
    assert not missing, "projects not linked from the list without JavaScript:\n" + "\n".join(missing)
    outside = [url for url in result.requests if not demo_site.is_local(url)]
    assert not outside, "requests outside the server with JavaScript off:\n" + "\n".join(outside)


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390px", "320px"])
@pytest.mark.parametrize("name", ["home", "project_index", "project", "news", "dossier", "ranking", "open_data"])
def test_phone_width_has_no_horizontal_overflow(visit, name, viewport):
    result = visit(name, viewport=viewport)
    scroll_width, inner_width = result.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width}px wide on a {inner_width}px screen"


# --- press and public: search, press room, open data, error pages -------------------------------


def test_search_works_without_javascript(visit):
    result = visit("search", javascript=False)
    page = result.page

    assert result.status == 200
    assert page.locator(".search-result").count() >= 1
    page.fill("#site-search-q", "Barriera")
    page.locator(".site-search button").click()
    page.wait_for_load_state("load")
    assert "q=Barriera" in page.url
    assert page.locator(".search-result").count() >= 1


@pytest.mark.parametrize("name", ["news", "project"])
def test_articles_print_without_navigation_and_with_link_addresses(visit, name):
    page = visit(name).page
    page.emulate_media(media="print")
    try:
        assert not page.locator(".site-header").is_visible()
        assert not page.locator(".site-footer").is_visible()
        assert not page.locator(".breadcrumbs").is_visible()
        assert page.locator("h1").is_visible()
        # Every link in the article body shows its address after it.
        shown = page.evaluate(
            """() => [...document.querySelectorAll('main a[href^="/"], main a[href^="http"]')]
                .filter(a => !a.classList.contains('card__link') && !a.closest('.place-map') && a.offsetParent)
                .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
        )
        assert shown, "no link in the article to check"
        missing = [href for href, content in shown if href not in content]
        assert not missing, f"links printed without their address: {missing}"
    finally:
        page.emulate_media(media="screen")


def test_not_found_page_has_the_layout_and_status_404(visit):
    result = visit("not_found")

    assert result.status == 404
    assert result.page.locator("header.site-header").count() == 1
    assert result.page.locator("h1").count() == 1


def test_the_absolute_addresses_of_a_page_lead_back_to_the_site(visit, demo_site):
    """Canonical, hreflang alternates, sharing image and the sitemap all use the Site's address (here the live
    server's, as `make run` sets it), and each of them opens."""
    page = visit("news").page
    head_urls = [
        page.locator("link[rel=canonical]").get_attribute("href"),
        *[link.get_attribute("href") for link in page.locator("link[hreflang]").all()],
        page.locator("meta[property='og:image']").get_attribute("content"),
    ]
    robots = page.request.get(demo_site.url + "/robots.txt").text()
    sitemap_url = next(line.split(" ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap: "))
    sitemap = page.request.get(sitemap_url).text()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)

    assert len(head_urls) >= 4 and locations
    for url in [*head_urls, sitemap_url, *locations[:5]]:
        assert url.startswith(demo_site.url + "/"), url
        assert page.request.get(url).status == 200, url
