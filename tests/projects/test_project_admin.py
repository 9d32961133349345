"""A project with a location, created and published by an editor through the admin."""

import re

import pytest
from django.urls import reverse

from projects.models import ProjectPage
from tests import admin_forms


@pytest.mark.django_db
def test_editor_publishes_a_project_with_a_location(admin_client, client, project_index, programme, theme, district):
    data = admin_forms.project_page_form(
        programme=programme,
        themes=[theme],
        district=district,
        title="Navetta a guida autonoma",
        slug="navetta",
        location="SRID=4326;POINT(7.6581 45.0621)",
    )

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="navetta")
    assert project.live and not project.has_unpublished_changes
    assert project.get_parent().pk == project_index.pk
    assert project.location == "SRID=4326;POINT(7.6581 45.0621)"
    assert project.point == (45.0621, 7.6581)
    assert project.address == "Corso Duca degli Abruzzi 24, Torino"
    assert project.zoom == 16
    assert project.programme == programme
    assert list(project.themes.all()) == [theme]
    assert project.district == district
    assert "Collegare il campus" in project.challenge

    assert client.get("/progetti/navetta/").status_code == 200
    feed = client.get(reverse("projects_geojson")).json()
    [feature] = [f for f in feed["features"] if f["properties"]["title"] == "Navetta a guida autonoma"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [7.6581, 45.0621]}
    assert feature["properties"]["url"].endswith("/progetti/navetta/")
    assert feature["properties"]["programme"] == "Torino Social Innovation"
    assert feature["properties"]["themes"] == ["Mobilità"]


@pytest.mark.django_db
def test_project_edit_view_uses_our_own_leaflet(admin_client, project):
    html = admin_client.get(admin_forms.edit_url(project)).content.decode()

    assert "unpkg" not in html
    assert re.search(r'<script[^>]+src="[^"]*js_lib_leaflet/leaflet\.js"', html)
    assert re.search(r'<link[^>]+href="[^"]*js_lib_leaflet/leaflet\.css"', html)
    # The geo widget itself is there, with the stored point.
    assert "wagtailgeowidget/js/leaflet-field" in html
    assert "7.6996" in html and "45.0906" in html


@pytest.mark.django_db
def test_project_add_view_uses_our_own_leaflet(admin_client, project_index):
    html = admin_client.get(admin_forms.add_url(ProjectPage, project_index)).content.decode()

    assert "unpkg" not in html
    assert "js_lib_leaflet/leaflet.js" in html


INVALID = [
    pytest.param({"start_date": "2022-06-01", "end_date": "2021-01-01"}, "end_date", id="end-before-start"),
    pytest.param({"status": "completed", "end_date": ""}, "end_date", id="completed-without-end"),
    pytest.param({"location": "somewhere in Turin"}, "location", id="location-not-a-point"),
    pytest.param({"location": "SRID=4326;POINT(abc def)"}, "location", id="location-not-numbers"),
    pytest.param({"location": "SRID=4326;POINT(7.68 145.07)"}, "location", id="latitude-out-of-range"),
    pytest.param({"start_date": "31/31/2021"}, "start_date", id="start-date-not-a-date"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("overrides,field", INVALID)
def test_invalid_project_is_refused_with_a_form_error(admin_client, project_index, overrides, field):
    data = admin_forms.project_page_form(slug="sbagliato", **overrides)

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="sbagliato").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("overrides,field", INVALID)
def test_invalid_edit_keeps_the_published_version(admin_client, client, project, overrides, field):
    data = admin_forms.project_page_form(slug=project.slug, title="Titolo nuovo", **overrides)

    response = admin_client.post(admin_forms.edit_url(project), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    project.refresh_from_db()
    assert project.title == "Laboratorio di quartiere"
    assert project.location == "SRID=4326;POINT(7.6996 45.0906)"
    assert not project.revisions.exists()
    assert "Titolo nuovo" not in client.get(project.url).content.decode()
