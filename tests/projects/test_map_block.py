"""The map block: its places are a list of links in the HTML, readable without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from projects.blocks import MapBlock
from tests import factories


@pytest.fixture
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
