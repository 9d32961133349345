"""Open data: projects as CSV (beside the GeoJSON), Wagtail's API v2 for live public pages, and the
page that documents both."""

import codecs
import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from opendata.views import COORDINATE_FIELDS, PROJECT_FIELDS
from tests import factories


def read_csv(response):
    """The rows as a program that knows UTF-8 reads them: Python's utf-8-sig codec skips the byte-order mark."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_like_excel(content):
    """What Excel shows: UTF-8 if the file starts with a byte-order mark, else the Windows code page (cp1252)."""
    if content.startswith(codecs.BOM_UTF8):
        text = content[len(codecs.BOM_UTF8) :].decode("utf-8")
    else:
        text = content.decode("cp1252", errors="replace")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_csv_has_one_row_per_project_with_the_documented_columns(client, project, project_index):
    factories.ProjectPageFactory(parent=project_index, title="Senza luogo", location="", address="")
    factories.ProjectPageFactory(parent=project_index, title="Bozza", live=False)

    response = client.get("/projects.csv")
    rows = read_csv(response)

    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == ["id"] + [name for name, _ in PROJECT_FIELDS + COORDINATE_FIELDS]
    assert [row["title"] for row in rows] == ["Laboratorio di quartiere", "Senza luogo"]
    lab = rows[0]
    assert lab["id"] == str(project.pk)
    assert lab["url"] == "http://localhost/progetti/laboratorio-di-quartiere/"
    assert (lab["latitude"], lab["longitude"]) == ("45.0906", "7.6996")
    assert lab["themes"] == "Mobilità"
    assert lab["programme"] == "Torino Social Innovation"
    assert lab["status"] == "running" and lab["status_label"] == "In corso"
    assert rows[1]["latitude"] == rows[1]["longitude"] == ""
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/projects.csv", "/en/projects.csv"])
def test_csv_opens_in_a_spreadsheet_with_its_accents(client, project_index, translate, path):
    """Excel reads a CSV without a byte-order mark in the Windows code page: "Città" became "CittÃ "."""
    project = factories.ProjectPageFactory(
        parent=project_index, title="Più verde in Città", address="Piazza Palazzo di Città 1, Torino"
    )
    translate(project, title="Greener Città")

    response = client.get(path)
    rows = read_like_excel(response.content)

    assert response.content.startswith(codecs.BOM_UTF8)
    assert rows[0][0] == "id"  # the mark is not part of the first column's name
    names = rows[0]
    [row] = [dict(zip(names, cells, strict=True)) for cells in rows[1:]]
    assert row["address"] == "Piazza Palazzo di Città 1, Torino"
    assert row["title"] in ("Più verde in Città", "Greener Città")
    # A program that reads UTF-8 gets the same cells, the mark skipped.
    assert read_csv(response) == [dict(zip(names, cells, strict=True)) for cells in rows[1:]]


@pytest.mark.django_db
def test_english_csv_lists_the_english_projects(client, project, translate):
    translate(project, title="Neighbourhood lab")

    rows = read_csv(client.get("/en/projects.csv"))

    assert [row["title"] for row in rows] == ["Neighbourhood lab"]
    assert rows[0]["status_label"] == "Running"


@pytest.mark.django_db
def test_csv_keeps_commas_quotes_and_new_lines_in_their_cells(client, project_index):
    factories.ProjectPageFactory(parent=project_index, title='Orti "urbani", serre', summary="Riga uno\nriga due")

    rows = read_csv(client.get("/projects.csv"))

    assert rows[0]["title"] == 'Orti "urbani", serre'
    assert rows[0]["summary"] == "Riga uno\nriga due"


@pytest.mark.django_db
def test_csv_cells_never_start_a_spreadsheet_formula(client, project_index):
    factories.ProjectPageFactory(
        parent=project_index, title='=HYPERLINK("http://example.com","Apri")', summary="-2+3", address="@SUM(A1)"
    )

    [row] = read_csv(client.get("/projects.csv"))

    assert row["title"] == '\'=HYPERLINK("http://example.com","Apri")'
    assert row["summary"] == "'-2+3"
    assert row["address"] == "'@SUM(A1)"
    assert float(row["latitude"]) > 0


@pytest.mark.django_db
def test_api_lists_live_public_pages_of_both_languages(client, project, news_index, translate):
    translate(project, title="Neighbourhood lab")
    factories.NewsPageFactory(parent=news_index, title="Bozza", live=False)
    private = factories.NewsPageFactory(parent=news_index, title="Riservata")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/api/v2/pages/", {"limit": 20})
    titles = [item["title"] for item in json.loads(response.content)["items"]]
    english = json.loads(client.get("/api/v2/pages/", {"locale": "en", "limit": 20}).content)["items"]

    assert response.status_code == 200
    assert "Laboratorio di quartiere" in titles and "Neighbourhood lab" in titles
    assert "Bozza" not in titles and "Riservata" not in titles
    assert "Neighbourhood lab" in [item["title"] for item in english]
    assert "Laboratorio di quartiere" not in [item["title"] for item in english]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_api_gives_a_project_with_its_location_and_classification(client, project):
    response = client.get(
        "/api/v2/pages/",
        {"type": "projects.ProjectPage", "fields": "summary,latitude,longitude,status,themes,district,programme"},
    )
    item = json.loads(response.content)["items"][0]

    assert (item["latitude"], item["longitude"]) == (45.0906, 7.6996)
    assert item["themes"] == ["Mobilità"]
    assert item["district"] == "Barriera di Milano"
    assert item["programme"]["title"] == "Torino Social Innovation"
    assert item["status"] == "running"
    assert item["meta"]["html_url"] == "http://localhost/progetti/laboratorio-di-quartiere/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/projects.geojson", "/projects.csv", "/en/projects.geojson", "/en/projects.csv"])
def test_project_files_answer_head_and_refuse_writes(client, project, path):
    """Link checkers and caches ask with HEAD: the same headers as GET, no body."""
    get = client.get(path)
    head = client.head(path)

    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""
    assert client.post(path).status_code == 405


@pytest.mark.django_db
def test_api_is_read_only(client, project):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{project.pk}/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"type": "nope.Nope"},
        {"limit": "abc"},
        {"fields": "<script>"},
        {"order": "'; DROP"},
        {"offset": "-1"},
        # Search is off: the site search is the one that cleans what readers type.
        {"search": "torino"},
        {"search": '"'},
        {"search": '"torino'},
        {"search": "\x00"},
        {"search": "torino", "search_operator": "xx"},
        {"site": "nope"},
        {"site": "localhost:abc"},
        {"site": "<script>"},
        {"slug": "\x00"},
        {"title": "a\x00b"},
        {"locale": "\x00"},
        {"\x00": "1"},
        # Values Wagtail hands to the database as typed: checked first, so never a 500.
        {"first_published_at": "x"},
        {"first_published_at": "2020-01-01T25:00"},
        {"type": "news.NewsPage", "date": "x"},
        {"type": "news.NewsPage", "date": "2024-13-45"},
        {"type": "projects.ProjectPage", "start_date": "x"},
        {"type": "projects.ProjectPage", "end_date": "x"},
        {"type": "projects.ProjectPage", "themes": "x"},
        {"type": "projects.ProjectPage", "themes": "99999999999999999999"},
        {"type": "projects.ProjectPage", "programme": "99999999999999999999"},
        {"type": "projects.ProjectPage", "programme": "abc"},
        {"offset": "9223372036854775808"},
    ],
)
def test_api_answers_bad_parameters_with_400(client, project, query):
    response = client.get("/api/v2/pages/", query)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()
    assert b"<script>" not in response.content


@pytest.mark.django_db
def test_api_filters_still_take_good_values(client, project, theme):
    """The checks refuse only what cannot be used: real ids, dates and booleans still filter."""

    def ids(**query):
        response = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", **query})
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids(programme=project.programme_id) == [project.pk]
    assert ids(themes=theme.pk) == [project.pk]
    assert ids(start_date="2019-03-01") == [project.pk]
    assert ids(start_date="2019-03-02") == []
    assert ids(show_in_menus="false") == [project.pk]
    assert ids(offset="2147483647") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{"site": "nope"}, {"site": "localhost:abc"}, {"html_path": "/\x00/"}, {"html_path": "/", "x": "\x00"}]
)
def test_api_find_answers_bad_parameters_with_400(client, project, query):
    assert client.get("/api/v2/pages/find/", {"html_path": "/", **query}).status_code == 400


@pytest.mark.django_db
def test_api_finds_pages_by_their_address_in_either_language(client, project, translate):
    english = translate(project, title="Neighbourhood workshop", slug="neighbourhood-workshop")

    found = {
        path: client.get("/api/v2/pages/find/", {"html_path": path})
        for path in (english.url, "/en/", project.url, "/", "/en/nope/", "/de/progetti/", "/en/notizie/")
    }

    assert found[english.url].status_code == 302
    assert found[english.url]["Location"].startswith(f"http://localhost/api/v2/pages/{english.pk}/")
    assert found["/en/"]["Location"].startswith(
        f"http://localhost/api/v2/pages/{english.get_parent().get_parent().pk}/"
    )
    assert found[project.url]["Location"].startswith(f"http://localhost/api/v2/pages/{project.pk}/")
    assert found["/"]["Location"].startswith(f"http://localhost/api/v2/pages/{project.get_parent().get_parent().pk}/")
    for path in ("/en/nope/", "/de/progetti/", "/en/notizie/"):
        assert found[path].status_code == 404, path


@pytest.mark.django_db
def test_api_listing_costs_a_fixed_number_of_queries(client, news_index):
    def measure():
        url = "/api/v2/pages/?type=news.NewsPage&fields=summary,date,is_press_release"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(json.loads(response.content)["items"])

    factories.NewsPageFactory.create_batch(3, parent=news_index)
    few = measure()
    factories.NewsPageFactory.create_batch(15, parent=news_index)
    more = measure()

    assert (few[1], more[1]) == (3, 18)
    assert more[0] == few[0]


@pytest.mark.django_db
def test_open_data_page_documents_every_address_and_field(client, home_page, news_index):
    page = factories.OpenDataPageFactory(parent=home_page)

    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a["href"] for a in soup.select("main a[href]")}
    codes = {code.get_text() for code in soup.select("main code")}

    for url in (
        "http://localhost/projects.geojson",
        "http://localhost/en/projects.geojson",
        "http://localhost/projects.csv",
        "http://localhost/en/projects.csv",
        "http://localhost/api/v2/pages/",
        "http://localhost/notizie/feed/rss/",
        "http://localhost/notizie/feed/atom/",
        "http://localhost/sitemap.xml",
    ):
        assert url in links, url
    for name, _description in PROJECT_FIELDS + COORDINATE_FIELDS:
        assert name in codes, name
    for field in ("latitude", "longitude", "is_press_release", "projects.ProjectPage", "news.NewsPage"):
        assert field in codes, field
    assert "CC BY 4.0" in soup.get_text()
