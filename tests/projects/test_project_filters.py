"""The project index filters by programme, theme and district with plain query strings."""

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.demo_database import kept


@kept
def catalogue(project_index, programme_index, programme, theme, district):
    """Four projects spread over two programmes, two themes and two districts."""
    city_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino City Lab", slug="city-lab")
    environment = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    san_salvario = factories.DistrictFactory(name="San Salvario", slug="san-salvario")
    make = factories.ProjectPageFactory
    make(
        parent=project_index,
        title="Orti urbani",
        slug="orti",
        programme=programme,
        themes=[environment],
        district=district,
    )
    make(
        parent=project_index,
        title="Bici in quartiere",
        slug="bici",
        programme=programme,
        themes=[theme],
        district=san_salvario,
    )
    make(
        parent=project_index,
        title="Navetta autonoma",
        slug="navetta",
        programme=city_lab,
        themes=[theme, environment],
        district=district,
    )
    make(
        parent=project_index,
        title="Sensori dell'aria",
        slug="sensori",
        programme=city_lab,
        themes=[environment],
        district=san_salvario,
        location="",
    )
    make(
        parent=project_index,
        title="Bozza nascosta",
        slug="bozza",
        programme=programme,
        themes=[theme],
        district=district,
        live=False,
    )
    return project_index


ALL = ["/progetti/bici/", "/progetti/navetta/", "/progetti/orti/", "/progetti/sensori/"]


def project_links(response):
    """The distinct project URLs the page links to, in the listing or on the map."""
    soup = BeautifulSoup(response.content, "html.parser")
    hrefs = {a["href"] for a in soup.select("main a[href^='/progetti/']")}
    return sorted(h for h in hrefs if h.count("/") == 3)


@pytest.mark.django_db
def test_unfiltered_index_lists_every_live_project(client, catalogue):
    response = client.get("/progetti/")

    assert response.status_code == 200
    assert project_links(response) == ALL
    assert "Bozza nascosta" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,expected",
    [
        ("programme=torino-social-innovation", ["/progetti/bici/", "/progetti/orti/"]),
        ("programme=city-lab", ["/progetti/navetta/", "/progetti/sensori/"]),
        ("theme=mobilita", ["/progetti/bici/", "/progetti/navetta/"]),
        ("theme=ambiente", ["/progetti/navetta/", "/progetti/orti/", "/progetti/sensori/"]),
        ("district=barriera-di-milano", ["/progetti/navetta/", "/progetti/orti/"]),
        ("district=san-salvario", ["/progetti/bici/", "/progetti/sensori/"]),
        ("programme=city-lab&theme=ambiente&district=san-salvario", ["/progetti/sensori/"]),
        ("programme=torino-social-innovation&district=san-salvario&theme=ambiente", []),
    ],
)
def test_filters_show_only_matching_projects(client, catalogue, query, expected):
    response = client.get(f"/progetti/?{query}")

    assert response.status_code == 200
    assert project_links(response) == expected


@pytest.mark.django_db
def test_map_on_the_index_follows_the_filters(client, catalogue):
    soup = BeautifulSoup(client.get("/progetti/?theme=ambiente").content, "html.parser")

    mapped = sorted(li.find("a")["href"] for li in soup.select("[data-place-map] [data-lat]"))
    # Sensori has no location: it is listed, but not on the map.
    assert mapped == ["/progetti/navetta/", "/progetti/orti/"]


@pytest.mark.django_db
def test_filter_form_works_without_javascript(client, catalogue):
    soup = BeautifulSoup(client.get("/progetti/").content, "html.parser")

    form = soup.select_one("main form[method=get]")
    assert form is not None
    assert {field["name"] for field in form.select("select")} == {"programme", "theme", "district"}
    assert form.select_one("[type=submit]") is not None
    options = {o["value"] for o in form.select("select[name=theme] option")}
    assert {"mobilita", "ambiente"} <= options


XSS = "<script>alert(1)</script>"
BAD_FILTERS = [
    "programme=unknown",
    "theme=nope",
    "district=zzz",
    "theme=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "programme=%3Cscript%3Ealert(1)%3C%2Fscript%3E&district=%22%3E%3Cimg%20src%3Dx%3E",
    "theme=mobilita&theme=ambiente&theme=nope",
    "programme=city-lab&programme=unknown",
    "theme=" + "x" * 5000,
    "district=%00",
    "programme=%FF%FE",
    "theme[]=mobilita",
    "page=abc&programme=",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_FILTERS)
def test_bad_filters_never_fail(client, catalogue, query):
    response = client.get(f"/progetti/?{query}")

    assert response.status_code == 200
    assert XSS.encode() not in response.content
    assert b'"><img src=x>' not in response.content


@pytest.mark.django_db
def test_unknown_filter_is_ignored_and_others_still_apply(client, catalogue):
    response = client.get("/progetti/?programme=unknown&theme=mobilita")

    assert response.status_code == 200
    assert project_links(response) == ["/progetti/bici/", "/progetti/navetta/"]


@pytest.mark.django_db
def test_filter_value_is_shown_escaped(client, catalogue):
    response = client.get("/progetti/", {"theme": XSS})

    assert response.status_code == 200
    assert XSS.encode() not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


# Without an English tree, /en/progetti/ redirects to the Italian list (302), parameters and all.
@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,status", [("/en/progetti/", 302), ("/en/projects.geojson", 200), ("/projects.geojson", 200)]
)
def test_bad_parameters_elsewhere_never_fail(client, catalogue, path, status):
    response = client.get(path, {"theme": XSS, "programme": "%00", "page": "-1"})

    assert response.status_code == status
    assert XSS.encode() not in response.content
