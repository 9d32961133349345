"""Listings cost a fixed number of queries, whatever the number of projects."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.fixture
def grow_projects(project_index, programme_index, news_index):
    """grow_projects(n): add live projects with programme, themes and district until there are n."""
    programmes = [factories.ProgrammePageFactory(parent=programme_index) for _ in range(3)]
    themes = [factories.ThemeFactory() for _ in range(4)]
    districts = [factories.DistrictFactory() for _ in range(3)]
    images = [factories.ImageFactory(), factories.ImageFactory(), None]  # a few projects have no picture
    factories.NewsPageFactory.create_batch(4, parent=news_index, hero_image=images[0])
    home = project_index.get_parent().specific
    for programme in programmes:
        home.featured_programmes.create(programme=programme)
    counter = itertools.count()

    def grow(total):
        for _ in range(total - project_index.get_children().count()):
            n = next(counter)
            factories.ProjectPageFactory(
                parent=project_index,
                programme=programmes[n % len(programmes)],
                district=districts[n % len(districts)],
                hero_image=images[n % len(images)],
                themes=[themes[n % len(themes)], themes[(n + 1) % len(themes)]],
            )

    return grow


URLS = {"geojson": "/projects.geojson", "home": "/", "project index": "/progetti/"}


def measure(client):
    """{name: (number of queries, response)} for each listing, each warmed up once first."""
    results = {}
    for name, url in URLS.items():
        client.get(url)  # warm up: Site root paths, content types, renditions…
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        results[name] = (len(queries), response.content.count(b"/progetti/progetto-"))
    return results


@pytest.mark.slow
@pytest.mark.django_db
def test_query_counts_do_not_grow_with_projects(client, grow_projects):
    grow_projects(10)
    with_10 = measure(client)
    grow_projects(100)
    with_100 = measure(client)

    # The listings really did grow: every project has a location, so each is on the home page's map and in the
    # GeoJSON. The project index shows one page of them (cards and their list on the map), however many.
    for name in ("geojson", "home"):
        assert with_100[name][1] >= 100 > with_10[name][1] >= 10, name
    assert with_100["project index"][1] == with_10["project index"][1] > 0
    queries_10 = {name: queries for name, (queries, _links) in with_10.items()}
    queries_100 = {name: queries for name, (queries, _links) in with_100.items()}
    assert queries_100 == queries_10, f"queries with 10 projects: {queries_10}, with 100: {queries_100}"
