"""The project index filters by programme, theme and district with plain query strings."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.http import QueryDict
from django.utils import translation

from projects.filters import ProjectFilterForm
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


def selected(soup, name):
    """The values of the options shown as chosen in the select ``name``."""
    return [o["value"] for o in soup.select(f"select[name={name}] option[selected]")]


@pytest.mark.django_db
def test_chosen_filters_are_shown_chosen(client, catalogue):
    soup = BeautifulSoup(client.get("/progetti/?theme=ambiente&district=san-salvario").content, "html.parser")

    assert selected(soup, "theme") == ["ambiente"]
    assert selected(soup, "district") == ["san-salvario"]
    # No programme chosen: "All programmes" is.
    assert selected(soup, "programme") == [""]
    assert soup.select_one("select[name=programme] option[selected]").get_text() == "Tutti i programmi"
    assert not soup.select("select[aria-invalid]")


@pytest.mark.django_db
def test_unknown_filter_is_marked_invalid_and_nothing_chosen_in_its_field(client, catalogue):
    soup = BeautifulSoup(client.get("/progetti/?theme=nope&district=san-salvario").content, "html.parser")

    theme = soup.select_one("select[name=theme]")
    assert theme["aria-invalid"] == "true"
    assert selected(soup, "theme") == []
    assert selected(soup, "district") == ["san-salvario"]
    assert not soup.select_one("select[name=district]").has_attr("aria-invalid")
    assert "Tema: “nope”" in soup.select_one(".filters .notice").get_text()
    # A screen reader on the invalid field reads what was wrong with it: the notice's line it points to.
    described = soup.find(id=theme["aria-describedby"])
    assert described is not None and "“nope”" in described.get_text()


@pytest.mark.django_db
def test_option_labels_are_escaped(client, catalogue):
    factories.ThemeFactory(name="Acqua & <b>aria</b>", slug="acqua-aria")

    html = client.get("/progetti/?theme=acqua-aria").content.decode()

    assert "<b>aria</b>" not in html
    assert '<option value="acqua-aria" selected>Acqua &amp; &lt;b&gt;aria&lt;/b&gt;</option>' in html


# The fields are written out without Django's widget templates (projects/filters.py), to the letter of what those
# templates write: the same markup, chosen option, ARIA attributes and escaping, in either language.
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize(
    "query", ["", "theme=ambiente", "programme=city-lab&district=zzz", "theme=%3Cb%3E&programme=", "page=2"]
)
def test_filter_fields_are_drawn_as_djangos_select_draws_them(catalogue, language, query):
    factories.DistrictFactory(name="Borgo <Po> & dintorni", slug="borgo-po")
    form = ProjectFilterForm(QueryDict(query) or None, locale=catalogue.locale)

    with translation.override(language):
        for field in form:
            djangos = field.as_widget(widget=forms.Select(choices=field.field.choices))
            assert str(field) == djangos


# Django's widget templates cost a template render per option: the page is not to fall back on them.
@pytest.mark.django_db
def test_filter_fields_render_no_widget_template(client, catalogue):
    response = client.get("/progetti/?theme=ambiente")

    assert response.status_code == 200
    assert not [t.name for t in response.templates if t.name and t.name.startswith("django/forms/")]


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
