"""The GeoJSON feed of projects: /projects.geojson (Italian) and /en/projects.geojson (English)."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from projects.models import ProjectPage
from tests import factories
from tests.demo_database import kept


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


# --- the project index's filters -------------------------------------------------------------------------


@kept
def catalogue(project_index, programme_index, programme, theme, district):
    """Projects spread over two programmes, two themes and two districts, each with what it is filed under:
    {title: (programme slug, theme slugs, district slug, on the map)}."""
    city_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino City Lab", slug="city-lab")
    environment = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    san_salvario = factories.DistrictFactory(name="San Salvario", slug="san-salvario")
    rows = [
        ("Orti urbani", programme, [environment], district, True, True),
        ("Bici in quartiere", programme, [theme], san_salvario, True, True),
        ("Navetta autonoma", city_lab, [theme, environment], district, True, True),
        ("Piazza senza programma", None, [], None, True, True),
        ("Sensori dell'aria", city_lab, [environment], san_salvario, False, True),  # no location
        ("Bozza nascosta", programme, [theme], district, True, False),  # a draft
    ]
    catalogue = {}
    for title, in_programme, themes, in_district, placed, live in rows:
        factories.ProjectPageFactory(
            parent=project_index,
            title=title,
            programme=in_programme,
            themes=themes,
            district=in_district,
            live=live,
            **({} if placed else {"location": "", "address": ""}),
        )
        if live:
            catalogue[title] = (
                in_programme.slug if in_programme else None,
                {t.slug for t in themes},
                in_district.slug if in_district else None,
                placed,
            )
    return catalogue


# The slugs the catalogue files its projects under, and values that name nothing (one holds a NUL character,
# which PostgreSQL would refuse in a query).
KNOWN = {
    "programme": ["torino-social-innovation", "city-lab"],
    "theme": ["mobilita", "ambiente"],
    "district": ["barriera-di-milano", "san-salvario"],
}
UNKNOWN = {"programme": "non-esiste", "theme": "MOBILITA", "district": "x\x00y"}


def expected_titles(catalogue, query, mapped_only):
    """What the index lists for ``query``, worked out from how each project is filed: an unknown value is ignored."""
    wanted = {name: value for name, value in query.items() if value in KNOWN[name]}
    titles = []
    for title, (in_programme, themes, in_district, placed) in catalogue.items():
        if mapped_only and not placed:
            continue
        if "programme" in wanted and in_programme != wanted["programme"]:
            continue
        if "theme" in wanted and wanted["theme"] not in themes:
            continue
        if "district" in wanted and in_district != wanted["district"]:
            continue
        titles.append(title)
    return sorted(titles)


def all_queries():
    """Every combination of: no value, each known value, an unknown value, for each of the three filters."""
    choices = {name: [None, *KNOWN[name], UNKNOWN[name]] for name in KNOWN}
    for programme_value in choices["programme"]:
        for theme_value in choices["theme"]:
            for district_value in choices["district"]:
                query = {"programme": programme_value, "theme": theme_value, "district": district_value}
                yield {name: value for name, value in query.items() if value is not None}


@pytest.mark.django_db
def test_feed_takes_the_index_filters_and_ignores_unknown_values(client, catalogue):
    """Every combination of the index's filters, known and unknown values: the feed lists the mapped projects
    filed under all the known ones, as the index lists them, and never fails."""
    assert catalogue["Orti urbani"][0] == "torino-social-innovation"  # the slugs FILTER_VALUES names
    for query in all_queries():
        response = client.get("/projects.geojson", query)
        assert response.status_code == 200, query
        assert titles(json.loads(response.content)) == expected_titles(catalogue, query, mapped_only=True), query


@pytest.mark.django_db
def test_feed_and_index_list_the_same_projects_for_the_same_filters(client, catalogue, project_index):
    """The index's map draws its markers from the feed: both must agree on what a filter keeps."""
    for query in ({"theme": "ambiente"}, {"programme": "city-lab", "district": "barriera-di-milano"}, {"theme": "?"}):
        index = BeautifulSoup(client.get(project_index.url, query).content, "html.parser")
        listed = {a["href"] for a in index.select("main .card-grid a[href]") if a["href"].startswith("/progetti/")}
        feed = json.loads(client.get("/projects.geojson", query).content)
        mapped = {urlsplit(f["properties"]["url"]).path for f in feed["features"]}
        assert mapped <= listed, query
        assert mapped == {path for path in listed if "sensori" not in path}, query  # all but the unplaced one


@pytest.mark.django_db
def test_csv_takes_the_same_filters(client, catalogue):
    for query in ({}, {"theme": "ambiente"}, {"district": "san-salvario", "programme": "nope"}):
        response = client.get("/projects.csv", query)
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert sorted(row["title"] for row in rows) == expected_titles(catalogue, query, mapped_only=False), query


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "programme=%00",
        "theme=mobilita%00",
        "district=" + "a" * 5000,
        "programme=1&programme=2&theme=",
        "theme=%E2%80%AE%F0%9F%98%80",
        "programme[]=x&district=%ZZ",
    ],
)
def test_feed_answers_odd_filter_values_without_failing(client, project, query):
    response = client.get("/projects.geojson?" + query)

    assert response.status_code == 200
    assert titles(json.loads(response.content)) == ["Laboratorio di quartiere"]


@pytest.mark.django_db
def test_filtered_feed_costs_a_fixed_number_of_queries(client, catalogue, project_index):
    query = {"programme": "torino-social-innovation", "theme": "ambiente", "district": "barriera-di-milano"}
    client.get("/projects.geojson", query)
    with CaptureQueriesContext(connection) as few:
        client.get("/projects.geojson", query)
    for n in range(5):
        factories.ProjectPageFactory(parent=project_index, title=f"Altro {n}")
    with CaptureQueriesContext(connection) as more:
        client.get("/projects.geojson", query)
    assert len(more) == len(few)
