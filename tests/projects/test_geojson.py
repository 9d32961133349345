"""The GeoJSON feed of projects: /projects.geojson (Italian) and /en/projects.geojson (English)."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from projects.models import ProjectPage
from tests import factories


def get_feed(client, path="/projects.geojson"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def titles(feed):
    return sorted(feature["properties"]["title"] for feature in feed["features"])


def test_url_is_documented_and_named():
    assert reverse("projects_geojson") == "/projects.geojson"
    with translation.override("en"):
        assert reverse("projects_geojson") == "/en/projects.geojson"


@pytest.mark.django_db
def test_feature_collection_of_live_public_projects(client, project, project_index, programme, theme, district):
    second_theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    other = factories.ProjectPageFactory(
        parent=project_index,
        title="Orti urbani",
        status=ProjectPage.STATUS_COMPLETED,
        end_date="2022-10-01",
        location=factories.point(45.0880, 7.6614),
        themes=[theme, second_theme],
    )

    feed = get_feed(client)

    assert feed["type"] == "FeatureCollection"
    assert len(feed["features"]) == 2
    features = {f["properties"]["title"]: f for f in feed["features"]}
    lab = features["Laboratorio di quartiere"]
    assert lab["type"] == "Feature"
    assert lab["geometry"] == {"type": "Point", "coordinates": [7.6996, 45.0906]}  # [lng, lat]
    assert lab["properties"]["url"] == "http://localhost/progetti/laboratorio-di-quartiere/"
    assert lab["properties"]["programme"] == "Torino Social Innovation"
    assert lab["properties"]["themes"] == ["Mobilità"]
    assert lab["properties"]["status"] == "running"

    orti = features["Orti urbani"]
    assert orti["geometry"]["coordinates"] == [7.6614, 45.0880]
    assert orti["properties"]["programme"] is None
    assert sorted(orti["properties"]["themes"]) == ["Ambiente", "Mobilità"]
    assert orti["properties"]["status"] == "completed"
    assert orti["properties"]["url"].endswith(other.url)


@pytest.mark.django_db
def test_feed_leaves_out_what_the_public_must_not_see(client, project, project_index):
    factories.ProjectPageFactory(parent=project_index, title="Bozza mai pubblicata", live=False)
    withdrawn = factories.ProjectPageFactory(parent=project_index, title="Ritirato")
    withdrawn.unpublish()
    private = factories.ProjectPageFactory(parent=project_index, title="Riservato")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    factories.ProjectPageFactory(parent=project_index, title="Senza luogo", location="", address="")

    assert titles(get_feed(client)) == ["Laboratorio di quartiere"]


@pytest.mark.django_db
def test_feed_for_no_projects_is_an_empty_collection(client, project_index):
    assert get_feed(client) == {"type": "FeatureCollection", "features": []}


@pytest.mark.django_db
def test_feed_refuses_post(client, project):
    assert client.post("/projects.geojson").status_code == 405


@pytest.mark.django_db
def test_english_feed_lists_english_projects(client, project, locale_en):
    home_en = project.get_parent().get_parent().copy_for_translation(locale_en)
    home_en.save_revision().publish()
    index_en = project.get_parent().copy_for_translation(locale_en)
    index_en.save_revision().publish()
    project_en = project.copy_for_translation(locale_en)
    project_en.title = "Neighbourhood lab"
    project_en.save_revision().publish()

    english = get_feed(client, "/en/projects.geojson")
    italian = get_feed(client, "/projects.geojson")

    assert titles(english) == ["Neighbourhood lab"]
    assert english["features"][0]["properties"]["url"].startswith("http://localhost/en/")
    assert titles(italian) == ["Laboratorio di quartiere"]
