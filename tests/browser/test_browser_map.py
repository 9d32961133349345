"""The maps in Chromium with many projects: a thousand on the project index stay usable (grouped, and a click or
Enter on a group zooms in), five at one address open up into five pins a finger can hit, each opening its
popup, and the pins of a two-result map stand wholly inside it (issue 11, issue 14).

The projects are written straight into the tree (a thousand pages through Wagtail's save would take minutes)
and deleted afterwards, so the other browser tests see the demo content as it was.
"""

import math
import random
import re
from dataclasses import dataclass

import pytest
from django.core.cache import caches

from tests.browser.conftest import DESKTOP
from tests.browser.test_browser_admin_editing import _orm_allowed

pytestmark = pytest.mark.browser

CROWD = 1000
TIMEOUT = 30_000
# Piazza Palazzo di Città: the spot where several demo projects meet.
SAME_SPOT = (45.0736, 7.6810)
SAME_SPOT_TITLES = [f"Progetto allo stesso indirizzo {n}" for n in range(1, 6)]
# A pin stands 41 px above its point (Leaflet's marker icon); map.js zooms to fit with 32 px around the places
# before the fix: a pair whose span leaves less than a pin's height above the northern one shows the defect.
PIN_HEIGHT = 41
OLD_PADDING = 32
FIT_ZOOM = 13


@dataclass
class Crowd:
    index_path: str
    mapped: int  # live projects with a place on the project index, the crowd included
    same_spot: str  # the index filtered to the five projects at one address
    pair: str  # the index filtered to two projects, north and south


def _latitude_pixels(lat, zoom):
    """Leaflet's (Web Mercator) y of a latitude at a zoom level, in CSS pixels from the north."""
    phi = math.radians(lat)
    return 256 * 2**zoom / (2 * math.pi) * (math.pi - math.log(math.tan(math.pi / 4 + phi / 2)))


def _latitude_north_of(lat, pixels, zoom):
    """The latitude ``pixels`` north of ``lat`` at ``zoom``."""
    y = _latitude_pixels(lat, zoom) - pixels
    return math.degrees(2 * math.atan(math.exp(math.pi - y * 2 * math.pi / (256 * 2**zoom))) - math.pi / 2)


def _add_projects(index, rows):
    """Live projects under ``index``, written row by row with the tree's paths worked out here: Wagtail's save
    (validation, revisions, search index, signals) would take minutes for a thousand."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import models, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from projects.models import ProjectPage

    content_type = ContentType.objects.get_for_model(ProjectPage)
    last = index.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    now = timezone.now()
    pages = [
        Page(
            title=row["title"],
            draft_title=row["title"],
            slug=row["slug"],
            path=Page._get_path(index.path, index.depth + 1, first_step + n),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{row['slug']}/",
            content_type=content_type,
            locale_id=index.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        for n, row in enumerate(rows)
    ]
    with transaction.atomic():
        Page.objects.bulk_create(pages)
        for page, row in zip(pages, rows, strict=True):
            lat, lng = row["point"]
            project = ProjectPage(
                page_ptr_id=page.pk,
                summary="Un progetto di prova per la mappa.",
                address="Torino",
                location=f"SRID=4326;POINT({lng:.6f} {lat:.6f})",
                district=row.get("district"),
                status=ProjectPage.STATUS_RUNNING,
            )
            # raw: only the project's own table (the page row is written above), and no signal handler at work.
            models.Model.save_base(project, raw=True, force_insert=True)
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    return [page.pk for page in pages]


def _clear_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="module")
def map_height(chromium, demo_site):
    """The height of the project index's map, as Leaflet sees it, measured on the demo content."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    page.goto(demo_site["project_index"])
    page.locator("[data-place-map]").first.scroll_into_view_if_needed()  # drawn near the screen (map.js)
    page.wait_for_selector("[data-map-ready] .place-map__canvas", timeout=TIMEOUT)
    height = page.locator("[data-map-ready] .place-map__canvas").first.evaluate("canvas => canvas.clientHeight")
    context.close()
    return height


@pytest.fixture(scope="module")
def crowd(demo_site, map_height):
    """A thousand more projects on the Italian project index, five at one address, and two a map's height apart."""
    from wagtail.models import Locale, Page

    from projects.models import District, ProjectIndexPage, ProjectPage

    with _orm_allowed(demo_site):
        locale = Locale.get_default()
        index = ProjectIndexPage.objects.live().filter(locale=locale).order_by("path").first()
        same_spot = District.objects.create(name="Prova: stesso indirizzo", slug="prova-stesso-indirizzo", live=True)
        pair = District.objects.create(name="Prova: due progetti", slug="prova-due-progetti", live=True)
        rng = random.Random(11)
        rows = [
            {
                "title": f"Progetto numero {n:04d}",
                "slug": f"progetto-numero-{n:04d}",
                "point": (rng.uniform(45.01, 45.12), rng.uniform(7.60, 7.74)),
            }
            for n in range(1, CROWD + 1)
        ]
        rows += [
            {"title": title, "slug": f"stesso-indirizzo-{n}", "point": SAME_SPOT, "district": same_spot}
            for n, title in enumerate(SAME_SPOT_TITLES, start=1)
        ]
        # Two projects on one meridian whose pins, fitted with the old 32 px, leave the northern pin 6 px short
        # of the room it needs: cut by the map's top edge.
        south = 45.02
        span = map_height - 2 * OLD_PADDING - 6
        assert map_height - 2 * PIN_HEIGHT < span <= map_height - 2 * OLD_PADDING
        rows += [
            {"title": "Progetto a sud", "slug": "progetto-a-sud", "point": (south, 7.65), "district": pair},
            {
                "title": "Progetto a nord",
                "slug": "progetto-a-nord",
                "point": (_latitude_north_of(south, span, FIT_ZOOM), 7.65),
                "district": pair,
            },
        ]
        pks = _add_projects(index, rows)
        mapped = sum(1 for project in ProjectPage.objects.listed(locale).child_of(index) if project.has_place)
        _clear_caches()
    yield Crowd(
        index_path=demo_site.paths["project_index"],
        mapped=mapped,
        same_spot=f"{demo_site.paths['project_index']}?district={same_spot.slug}",
        pair=f"{demo_site.paths['project_index']}?district={pair.slug}",
    )
    with _orm_allowed(demo_site):
        from django.db import models

        # Django's own delete: treebeard's would look for descendants of each of the thousand pages.
        models.QuerySet.delete(Page.objects.filter(pk__in=pks))
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
        District.objects.filter(pk__in=[same_spot.pk, pair.pk]).delete()
        _clear_caches()


@pytest.fixture
def map_page(chromium, demo_site):
    """open(path) -> (page, requests): a page of the live server in its own context, nothing else reachable."""
    contexts = []

    def open_page(path):
        context = chromium.new_context(viewport=DESKTOP)
        contexts.append(context)
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
        response = page.goto(demo_site.url + path)
        assert response.status == 200, path
        # A map is drawn as it comes near the screen (map.js), as a reader scrolls to it.
        page.locator("[data-place-map]").first.scroll_into_view_if_needed()
        page.wait_for_selector("[data-map-ready]", timeout=TIMEOUT)
        page.locator("[data-map-ready]").first.scroll_into_view_if_needed()
        return page, requests, errors

    yield open_page
    for context in contexts:
        context.close()


def _icons(place_map):
    """(accessible name, is a group, box) of every marker and group drawn on the map."""
    return place_map.locator(".leaflet-marker-icon").evaluate_all(
        """icons => icons.map(icon => {
            const box = icon.getBoundingClientRect();
            return [icon.getAttribute('aria-label') || icon.getAttribute('alt') || '',
                    icon.classList.contains('map-cluster'),
                    {x: box.left, y: box.top, width: box.width, height: box.height}];
        })"""
    )


def _target_size_violations(page):
    """axe-core's target-size rule (WCAG 2.5.8, the one Lighthouse runs) on the maps of the page."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page,
        context={"include": [".place-map__canvas"]},
        options={"runOnly": {"type": "rule", "values": ["target-size"]}, "resultTypes": ["violations"]},
    )
    return [node["html"][:120] for violation in result.response["violations"] for node in violation["nodes"]]


def _group_size(name):
    return int(re.search(r"\d+", name).group())


def _wait_for_zoom_beyond(page, place_map, zoom):
    page.wait_for_function(
        "([map, zoom]) => Number(map.getAttribute('data-map-zoom')) > zoom",
        arg=[place_map.element_handle(), zoom],
        timeout=TIMEOUT,
    )
    # The groups are redrawn when the zoom animation ends.
    page.wait_for_function(
        "map => !map.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')",
        arg=place_map.element_handle(),
        timeout=TIMEOUT,
    )


def test_a_thousand_projects_are_grouped_and_the_map_answers_a_click(map_page, crowd):
    page, requests, errors = map_page(crowd.index_path)
    place_map = page.locator("[data-map-ready]").first

    assert place_map.get_attribute("data-map-ready") == str(crowd.mapped)
    if place_map.get_attribute("data-geojson-url"):  # the paginated index: every marker comes from the feed
        assert any("/projects.geojson" in url for url in requests)
    icons = _icons(place_map)
    groups = [(name, box) for name, is_group, box in icons if is_group]
    assert groups, "a thousand projects and not one group"
    assert len(icons) < 100, f"{len(icons)} markers and groups drawn: the map is a carpet of pins"
    # The groups and the single pins in view hold every project.
    assert sum(_group_size(name) if is_group else 1 for name, is_group, _box in icons) == crowd.mapped
    assert all(re.fullmatch(r"Gruppo di \d+ progetti: mostrali", name) for name, _box in groups)
    assert not _target_size_violations(page)

    # A click on the biggest group zooms in.
    zoom = int(place_map.get_attribute("data-map-zoom"))
    name, box = max(groups, key=lambda group: _group_size(group[0]))
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait_for_zoom_beyond(page, place_map, zoom)
    assert _icons(place_map) != icons

    # So does Enter on a group reached from the keyboard.
    zoom = int(place_map.get_attribute("data-map-zoom"))
    group = place_map.locator(".map-cluster").first
    assert group.get_attribute("role") == "button" and group.get_attribute("tabindex") == "0"
    group.focus()
    page.keyboard.press("Enter")
    _wait_for_zoom_beyond(page, place_map, zoom)
    assert not errors


def test_projects_at_one_address_open_into_pins_each_with_its_popup(map_page, crowd):
    page, _requests, errors = map_page(crowd.same_spot)
    place_map = page.locator("[data-map-ready]").first
    assert place_map.get_attribute("data-map-ready") == "5"

    [(name, is_group, box)] = _icons(place_map)
    assert is_group and name == "Gruppo di 5 progetti: mostrali"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "map => map.querySelectorAll('.leaflet-marker-icon:not(.map-cluster)').length === 5",
        arg=place_map.element_handle(),
        timeout=TIMEOUT,
    )
    page.wait_for_timeout(600)  # the markers move out from the group's centre

    pins = [(name, box) for name, is_group, box in _icons(place_map) if not is_group]
    assert sorted(name for name, _box in pins) == SAME_SPOT_TITLES
    # Each pin is a target of at least 24 × 24 px (WCAG 2.5.8, Lighthouse's target-size) that no other covers.
    for name, box in pins:
        assert box["width"] >= 24 and box["height"] >= 24, name
    for i, (name, box) in enumerate(pins):
        for other_name, other in pins[i + 1 :]:
            apart = (
                box["x"] + box["width"] <= other["x"]
                or other["x"] + other["width"] <= box["x"]
                or box["y"] + box["height"] <= other["y"]
                or other["y"] + other["height"] <= box["y"]
            )
            assert apart, f"{name} and {other_name} overlap"
    assert not _target_size_violations(page)

    # A click on a pin opens its popup, linking the project.
    pin = place_map.locator(f'.leaflet-marker-icon[alt="{SAME_SPOT_TITLES[2]}"]')
    pin.click()
    link = place_map.locator(".leaflet-popup a.map-popup__title")
    link.wait_for(timeout=TIMEOUT)
    assert link.inner_text() == SAME_SPOT_TITLES[2]
    assert link.get_attribute("href").endswith("/stesso-indirizzo-3/")
    # Leaflet's own words are the page's: its close button, and no English title on its link.
    close = place_map.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Chiudi la descrizione"
    assert "interactive maps" not in place_map.locator(".leaflet-control-attribution").inner_html()
    assert "contributori di" in place_map.locator(".leaflet-control-attribution").inner_text()
    assert not errors


def test_the_pins_of_a_two_result_map_stand_inside_it(map_page, crowd):
    page, _requests, errors = map_page(crowd.pair)
    place_map = page.locator("[data-map-ready]").first
    assert place_map.get_attribute("data-map-ready") == "2"
    page.wait_for_timeout(300)

    canvas = place_map.locator(".place-map__canvas").bounding_box()
    pins = _icons(place_map)
    assert sorted(name for name, _group, _box in pins) == ["Progetto a nord", "Progetto a sud"]
    for name, is_group, box in pins:
        assert not is_group, name
        assert canvas["y"] <= box["y"] and box["y"] + box["height"] <= canvas["y"] + canvas["height"], name
        assert canvas["x"] <= box["x"] and box["x"] + box["width"] <= canvas["x"] + canvas["width"], name
    assert not errors


@pytest.mark.parametrize("feed_answers", [True, False], ids=["feed", "feed-fails"])
def test_a_map_naming_a_geojson_draws_its_markers_from_it(chromium, demo_site, crowd, feed_answers):
    """includes/map.html with geojson_url (the paginated project index): the list is the page's projects, the
    markers every project of the feed; if the feed fails, the map shows the listed projects and says so.

    The page is the index filtered to the five projects at one address, its map made to name the whole feed
    as the paginated index names it, so that both sizes tell which one the map drew."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    feed_requests = []

    def route(route):
        url = route.request.url
        if not demo_site.is_local(url):
            route.abort()
        elif "/projects.geojson" in url:
            feed_requests.append(url)
            if feed_answers:
                route.continue_()
            else:
                route.fulfill(status=503, body="")
        elif url == demo_site.url + crowd.same_spot:
            response = route.fetch()
            body = response.text().replace("data-place-map", 'data-place-map data-geojson-url="/projects.geojson"', 1)
            route.fulfill(response=response, body=body)
        else:
            route.continue_()

    try:
        page.route("**/*", route)
        page.goto(demo_site.url + crowd.same_spot)
        page.locator("[data-place-map]").first.scroll_into_view_if_needed()  # drawn near the screen (map.js)
        place_map = page.locator("[data-map-ready]").first
        place_map.wait_for(timeout=TIMEOUT)

        assert feed_requests == [demo_site.url + "/projects.geojson"]
        assert place_map.locator("[data-place-map-list] [data-lat]").count() == 5
        # (The tiles are refused too: their own notice may be there as well.)
        feed_notice = place_map.locator('.place-map__notice[data-notice="geojson"]')
        if feed_answers:
            assert place_map.get_attribute("data-map-ready") == str(crowd.mapped)
            assert feed_notice.count() == 0
        else:
            assert place_map.get_attribute("data-map-ready") == "5"
            assert feed_notice.inner_text().startswith("La mappa non è riuscita a caricare tutti i progetti")
    finally:
        context.close()
