"""What "has a place" means (base.models.PlaceMixin.has_place): a location that parses to a point on the globe. Every
map, the GeoJSON and the CSV draw from it; the editor refuses anything else (``place_errors``), and a row written some
other way (an import, a shell) with a point off the globe is nowhere on a map rather than a marker at nonsense."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from projects.models import ProjectPage

OFF_THE_GLOBE = "SRID=4326;POINT(200.0 100.0)"  # longitude 200, latitude 100


NOT_A_POINT = "This is not a valid point: pick the place on the map."
OUT_OF_RANGE = "Latitude must be between -90 and 90 and longitude between -180 and 180."


@pytest.mark.parametrize(
    ("location", "point", "errors"),
    [
        ("SRID=4326;POINT(7.6996 45.0906)", (45.0906, 7.6996), {}),
        ("SRID=4326;POINT(-180 -90)", (-90.0, -180.0), {}),
        ("", None, {}),
        ("SRID=4326;POINT(nonsense)", None, {"location": NOT_A_POINT}),
        (OFF_THE_GLOBE, None, {"location": OUT_OF_RANGE}),
        ("SRID=4326;POINT(7.6 90.5)", None, {"location": OUT_OF_RANGE}),
    ],
)
@pytest.mark.django_db
def test_a_place_is_a_point_on_the_globe(location, point, errors):
    page = ProjectPage(location=location)
    assert page.point == point
    assert page.has_place is (point is not None)
    with translation.override("en"):
        assert {field: str(message) for field, message in page.place_errors().items()} == errors


def maps(client, project):
    """The project's markers in the GeoJSON, its coordinates in the CSV, and whether its page shows a map."""
    feed = client.get(reverse("projects_geojson")).json()
    rows = csv.DictReader(io.StringIO(client.get(reverse("projects_csv")).content.decode("utf-8-sig")))
    page = BeautifulSoup(client.get(project.url).content, "html.parser")
    return (
        [feature["id"] for feature in feed["features"]],
        [(row["latitude"], row["longitude"]) for row in rows],
        bool(page.select("[data-place-map]")),
    )


@pytest.mark.django_db
def test_a_point_off_the_globe_written_past_the_editor_is_on_no_map(client, project):
    assert maps(client, project) == ([project.pk], [("45.0906", "7.6996")], True)

    ProjectPage.objects.filter(pk=project.pk).update(location=OFF_THE_GLOBE)
    cache.clear()  # written past the editor: no signal tells the caches
    assert ProjectPage.objects.with_place().filter(pk=project.pk).exists()  # SQL sees a location…
    assert not ProjectPage.objects.get(pk=project.pk).has_place  # …that is no place
    assert maps(client, project) == ([], [("", "")], False)
