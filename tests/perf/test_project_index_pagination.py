"""The project index shows its cards a page at a time, keeping the filters, and points the map at every match."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

# Small pages, so that a few projects make several of them (the site's size is settings.PAGE_SIZE).
PAGE_SIZE = 2


@pytest.fixture
def many_projects(settings, project_index, programme, theme, district):
    """Two and a half pages of projects: the first page and a half in the theme, the rest without."""
    settings.PAGE_SIZE = PAGE_SIZE
    other_theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    total = PAGE_SIZE * 2 + PAGE_SIZE // 2
    for n in range(total):
        factories.ProjectPageFactory(
            parent=project_index,
            title=f"Progetto {n:02d}",
            slug=f"progetto-{n:02d}",
            programme=programme,
            district=district,
            themes=[theme if n < PAGE_SIZE + PAGE_SIZE // 2 else other_theme],
        )
    return total


def cards(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".card-grid .card__link")]


def page_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".pagination a")]


@pytest.mark.django_db
def test_every_project_is_on_exactly_one_page(client, many_projects):
    seen = []
    for number in (1, 2, 3):
        response = client.get("/progetti/", {"page": number})
        assert response.status_code == 200
        page_cards = cards(response)
        assert 0 < len(page_cards) <= PAGE_SIZE
        seen += page_cards
        # The heading counts every project, not this page's.
        assert f"{many_projects} progetti" in response.content.decode()
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == many_projects


@pytest.mark.django_db
def test_page_links_keep_the_filters(client, many_projects):
    response = client.get("/progetti/", {"theme": "mobilita"})

    assert len(cards(response)) == PAGE_SIZE
    links = page_links(response)
    assert links and all("theme=mobilita" in link and "page=" in link for link in links)
    second = client.get("/progetti/", {"theme": "mobilita", "page": 2})
    assert len(cards(second)) == PAGE_SIZE // 2
    assert not set(cards(second)) & set(cards(response))


@pytest.mark.django_db
@pytest.mark.parametrize("page,shown", [("abc", 1), ("", 1), ("-1", 3), ("99", 3), ("9" * 40, 3), ("2.5", 1)])
def test_a_bad_page_number_shows_a_page_of_projects(client, many_projects, page, shown):
    """Not a number: the first page; out of range: the last (as the news index), never an error."""
    response = client.get("/progetti/", {"page": page})

    assert response.status_code == 200
    assert cards(response) == cards(client.get("/progetti/", {"page": shown}))


@pytest.mark.django_db
def test_the_map_loads_every_matching_project_from_the_geojson(client, many_projects):
    response = client.get("/progetti/", {"theme": "mobilita", "district": "nowhere", "page": 2})

    # Only the filters the list applies (the unknown district is left out), in the page's language.
    assert response.context["geojson_url"] == "/projects.geojson?theme=mobilita"
    assert client.get("/progetti/").context["geojson_url"] == "/projects.geojson"


@pytest.mark.django_db
def test_the_english_index_points_at_the_english_feed(client, many_projects, project_index, translate):
    english = translate(project_index, title="Projects", slug="projects")

    response = client.get(english.url)

    assert response.status_code == 200
    assert response.context["geojson_url"] == "/en/projects.geojson"


@pytest.mark.django_db
def test_clear_filters_is_offered_for_filters_not_for_a_page_number(client, many_projects):
    assert b"filters__clear" not in client.get("/progetti/", {"page": 2}).content
    assert b"filters__clear" in client.get("/progetti/", {"theme": "mobilita"}).content
