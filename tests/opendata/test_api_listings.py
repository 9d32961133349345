"""The API: every page type declares its fields, and listings cost a fixed number of queries whatever the
number of items, with every field."""

import json

import pytest

from tests import factories
from tests.page_types import PAGE_TYPES


@pytest.fixture
def grow(home_page, programme_index, project_index, news_index, theme, district):
    """grow(n): add n programmes, n projects and n news items, each with its links, picture and tags."""
    image = factories.ImageFactory()
    other_theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")

    def _grow(n):
        for _ in range(n):
            programme = factories.ProgrammePageFactory(parent=programme_index, hero_image=image)
            project = factories.ProjectPageFactory(
                parent=project_index,
                programme=programme,
                district=district,
                themes=[theme, other_theme],
                hero_image=image,
            )
            news = factories.NewsPageFactory(
                parent=news_index, hero_image=image, related_programmes=[programme], related_projects=[project]
            )
            news.tags.add("quartieri", "Innovazione")
            news.save_revision().publish()

    return _grow


# The queries of a warm listing: the view restrictions (the request's site is kept: base/site_cache.py), the page
# of items (the embargo is a subquery of it and of the count), and one query per relation the page type's API fields
# read (for all the items at once).
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page_type", "queries"), [("projects.ProjectPage", 9), ("projects.ProgrammePage", 8), ("news.NewsPage", 12)]
)
def test_an_api_listing_with_every_field_costs_the_same_for_2_or_12_items(
    client, django_assert_num_queries, grow, page_type, queries
):
    url = f"/api/v2/pages/?type={page_type}&fields=*&limit=20"
    for added, total in ((2, 2), (10, 12)):
        grow(added)
        client.get(url)  # warm up: the site's root paths are cached from the first request on

        with django_assert_num_queries(queries):
            response = client.get(url)

        assert response.status_code == 200
        assert len(json.loads(response.content)["items"]) == total


@pytest.mark.django_db
def test_the_fetched_relations_are_the_right_ones(client, grow, theme, district):
    grow(2)

    projects = json.loads(client.get("/api/v2/pages/?type=projects.ProjectPage&fields=*").content)["items"]
    news = json.loads(client.get("/api/v2/pages/?type=news.NewsPage&fields=*").content)["items"]

    for project in projects:
        assert sorted(project["themes"]) == sorted(["Ambiente", theme.name])
        assert project["district"] == district.name
        assert project["programme"]["meta"]["type"] == "projects.ProgrammePage"
    for item in news:
        assert item["tags"] == ["Innovazione", "quartieri"]
        assert [page["id"] for page in item["related_projects"]] == [
            project["id"] for project in projects if project["programme"]["id"] == item["related_programmes"][0]["id"]
        ]
        assert item["hero_image"]["url"].endswith(".jpg") or item["hero_image"]["url"].endswith(".png")


def test_every_page_type_declares_its_api_fields():
    for model in PAGE_TYPES:
        assert model.api_fields, model.__name__


@pytest.mark.django_db
def test_the_dossier_gives_its_edition_and_introduction(client, dossier_page):
    response = client.get("/api/v2/pages/", {"type": "candidacy.DossierPage", "fields": "edition,introduction"})

    [item] = json.loads(response.content)["items"]
    assert item["edition"] == 2024
    assert item["introduction"] == dossier_page.introduction
