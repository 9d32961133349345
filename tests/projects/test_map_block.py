"""The map block: its places are a list of links in the HTML, readable without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from base.context_processors import site_chrome
from projects.blocks import MapBlock
from tests import factories
from tests.demo_database import kept


@kept
def places(project_index, programme_index, programme):
    """Two programmes, four projects: three mapped, one without a location, one a draft."""
    city_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino City Lab", slug="city-lab")

    def make(slug, title, programme, location, **kwargs):
        return factories.ProjectPageFactory(
            parent=project_index, slug=slug, title=title, programme=programme, location=location, **kwargs
        )

    return {
        "tsi": programme,
        "city_lab": city_lab,
        "orti": make("orti", "Orti urbani", programme, factories.point(45.088, 7.6614)),
        "coworking": make("coworking", "Coworking Dora", programme, factories.point(45.0906, 7.6996)),
        "navetta": make("navetta", "Navetta autonoma", city_lab, factories.point(45.0621, 7.6581)),
        "senza_luogo": make("senza-luogo", "Progetto senza luogo", programme, ""),
        "bozza": make("bozza", "Progetto in bozza", city_lab, factories.point(45.07, 7.68), live=False),
    }


def map_items(html):
    """(href, data-lat, data-lng) for every place listed inside the body's map blocks."""
    soup = BeautifulSoup(html, "html.parser")
    items = []
    for block in soup.select("[data-place-map]"):
        for element in block.select("[data-lat]"):
            link = element.find("a", href=True)
            items.append((link["href"] if link else None, element["data-lat"], element["data-lng"]))
    return items


def render_standard_page(client, home_page, block):
    page = factories.StandardPageFactory(
        parent=home_page, title="Mappa", slug="mappa", body=[factories.paragraph(), block]
    )
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_show_all_lists_every_live_mapped_project(client, home_page, places):
    html = render_standard_page(client, home_page, factories.map_block("all"))

    assert sorted(map_items(html)) == sorted(
        [
            ("/progetti/coworking/", "45.0906", "7.6996"),
            ("/progetti/navetta/", "45.0621", "7.6581"),
            ("/progetti/orti/", "45.088", "7.6614"),
        ]
    )
    assert "Progetto in bozza" not in html
    assert "I progetti sulla mappa" in html  # the block's heading


@pytest.mark.django_db
def test_chosen_programmes_list_only_their_projects(client, home_page, places):
    html = render_standard_page(client, home_page, factories.map_block("programmes", programmes=[places["tsi"]]))

    assert sorted(href for href, _lat, _lng in map_items(html)) == ["/progetti/coworking/", "/progetti/orti/"]
    assert "Navetta autonoma" not in html


@pytest.mark.django_db
def test_hand_picked_projects_list_only_those(client, home_page, places):
    block = factories.map_block("projects", projects=[places["navetta"], places["orti"], places["bozza"]])
    html = render_standard_page(client, home_page, block)

    assert sorted(map_items(html)) == [
        ("/progetti/navetta/", "45.0621", "7.6581"),
        ("/progetti/orti/", "45.088", "7.6614"),
    ]
    assert "Coworking Dora" not in html


@pytest.mark.django_db
def test_home_page_body_map_block(client, home_page, places):
    home_page.body = [factories.map_block("projects", projects=[places["coworking"]], heading_text="Un progetto")]
    home_page.save_revision().publish()

    html = client.get("/").content.decode()

    assert ("/progetti/coworking/", "45.0906", "7.6996") in map_items(html)
    assert "Un progetto" in html


@pytest.mark.django_db
def test_map_list_needs_no_javascript(client, home_page, places):
    """The list is plain HTML: links with the project titles as their text, not built by a script."""
    html = render_standard_page(client, home_page, factories.map_block("all"))
    soup = BeautifulSoup(html, "html.parser")

    links = {a.get_text(strip=True): a["href"] for a in soup.select("[data-place-map] li a[href]")}
    assert links == {
        "Orti urbani": "/progetti/orti/",
        "Coworking Dora": "/progetti/coworking/",
        "Navetta autonoma": "/progetti/navetta/",
    }
    assert "unpkg" not in html


@pytest.mark.django_db
def test_map_with_nothing_to_show_says_so(client, home_page, project_index):
    html = render_standard_page(client, home_page, factories.map_block("all"))

    assert map_items(html) == []
    assert "data-place-map" in html


def test_clean_refuses_programmes_with_none_chosen():
    block = MapBlock()
    value = block.to_python({"heading": "", "show": "programmes", "programmes": [], "projects": []})

    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "programmes" in error.value.block_errors


@pytest.mark.django_db
def test_clean_refuses_hand_picked_with_none_chosen():
    block = MapBlock()
    value = block.to_python({"heading": "", "show": "projects", "programmes": [], "projects": []})

    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "projects" in error.value.block_errors


@pytest.mark.django_db
def test_clean_accepts_valid_choices(places):
    block = MapBlock()
    for raw in (
        {"show": "all", "programmes": [], "projects": []},
        {"show": "programmes", "programmes": [places["tsi"].pk], "projects": []},
        {"show": "projects", "programmes": [], "projects": [places["orti"].pk]},
    ):
        block.clean(block.to_python({"heading": "", **raw}))


# --- includes/map.html with a GeoJSON address (the paginated project index) ---------------------------------


def render_map(context):
    from django.template.loader import render_to_string

    return BeautifulSoup(render_to_string("includes/map.html", context), "html.parser")


@pytest.mark.django_db
def test_map_with_geojson_url_lists_only_the_places_it_is_given(places):
    """The list (the no-JavaScript fallback) is the page's projects; the markers come from the GeoJSON."""
    soup = render_map(
        {"places": [places["orti"]], "geojson_url": "/projects.geojson?theme=mobilita&district=x", "collapsed": True}
    )

    wrapper = soup.select_one("[data-place-map]")
    assert wrapper["data-geojson-url"] == "/projects.geojson?theme=mobilita&district=x"
    assert wrapper["data-geojson-failed"]  # what the map says when the file cannot be had
    assert [a["href"] for a in wrapper.select("li a[href]")] == ["/progetti/orti/"]
    assert "Elenco di 1 progetto" in wrapper.get_text()


@pytest.mark.django_db
def test_map_with_geojson_url_and_no_places_still_has_room_for_the_map(places):
    wrapper = render_map({"places": [], "geojson_url": "/projects.geojson"}).select_one("[data-place-map]")

    assert wrapper.select_one("[data-place-map-list]") is not None
    assert "There are no projects" not in wrapper.get_text()


@pytest.mark.django_db
def test_map_without_geojson_url_draws_the_places_it_lists(client, home_page, places):
    html = render_standard_page(client, home_page, factories.map_block("all"))
    wrapper = BeautifulSoup(html, "html.parser").select_one("[data-place-map]")

    assert not wrapper.has_attr("data-geojson-url")
    assert len(wrapper.select("[data-lat]")) == 3


@pytest.mark.django_db
def test_map_clusters_with_the_plugin_from_our_static_files(client, home_page, places):
    """Leaflet.markercluster comes from our static files (node_modules via STATICFILES_DIRS), never a CDN."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    html = render_standard_page(client, home_page, factories.map_block("all"))
    wrapper = BeautifulSoup(html, "html.parser").select_one("[data-place-map]")

    for attribute, name in (
        ("data-cluster-js", "leaflet.markercluster/leaflet.markercluster.js"),
        ("data-cluster-css", "leaflet.markercluster/MarkerCluster.css"),
    ):
        assert wrapper[attribute] == static(name)
        assert finders.find(name), f"{name} is not in the static files: run npm ci"
    # Each group of markers is named for screen readers with how many projects it holds.
    assert "{count}" in wrapper["data-cluster-label"]
    with translation.override("en"):
        english = render_map({"places": [places["orti"]]}).select_one("[data-place-map]")
    assert english["data-cluster-label"] == "Group of {count} projects: show them"


@pytest.mark.django_db
def test_the_maps_words_are_in_the_pages_language(client, home_page, places, settings):
    """What the map script writes (the tiles' credit, the popups' close button) comes from the page, translated:
    OpenStreetMap's credit in Italian on an Italian page, unless the tile provider's own is set."""
    soup = BeautifulSoup(render_standard_page(client, home_page, factories.map_block("all")), "html.parser")
    place_map = soup.select_one("[data-place-map]")

    assert place_map["data-tile-attribution"] == (
        '&copy; contributori di <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    )
    assert place_map["data-close-popup"] == "Chiudi la descrizione"
    with translation.override("en"):
        assert "OpenStreetMap</a> contributors" in site_chrome(None)["MAP_TILE_ATTRIBUTION"]
    settings.MAP_TILE_ATTRIBUTION = "&copy; Città di Torino, tiles"
    assert site_chrome(None)["MAP_TILE_ATTRIBUTION"] == "&copy; Città di Torino, tiles"
