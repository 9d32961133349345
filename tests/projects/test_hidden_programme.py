"""A live project names its programme to readers only where they may open the programme's page.

A programme is a page: never published, unpublished or in a private section (login, password, groups), its title
and address appear in no channel of its public projects (the project page, the cards, the maps' lists of places,
the GeoJSON and the CSV, the API), and the site search does not find them by its words. In each language: a
programme's translation is a page of its own.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from projects.models import ProgrammePage
from tests import factories

TITLE = "Programma riservato Zeta"
SLUG = "programma-riservato-zeta"


def hide(programme, how):
    if how == "draft":  # never published
        ProgrammePage.objects.filter(pk=programme.pk).update(live=False, first_published_at=None)
    elif how == "unpublished":
        programme.unpublish()
    else:
        restriction = PageViewRestriction.objects.create(page=programme, restriction_type=how, password="x")
        if how == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get_or_create(name="Giuria")[0])


def channels(client, project, prefix=""):
    """{address: body} of everything that shows the project to readers in the language of ``prefix``."""
    index = project.get_parent()
    addresses = [
        project.url,
        index.url,
        f"{prefix}/",  # the home page's map of every project
        f"{prefix}/projects.geojson",
        f"{prefix}/projects.csv",
        f"/api/v2/pages/?type=projects.ProjectPage&fields=programme&locale={project.locale.language_code}",
        f"/api/v2/pages/{project.pk}/",
    ]
    bodies = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        bodies[address] = response.content.decode()
        assert project.title in bodies[address], address  # each channel shows the project, its programme or not
    return bodies


def naming(bodies, programme):
    return [
        (address, word)
        for address, body in bodies.items()
        for word in (programme.title, programme.slug, f'"id": {programme.pk},')
        if word in body
    ]


@pytest.fixture
def secret_project(programme_index, project_index):
    secret = factories.ProgrammePageFactory(parent=programme_index, title=TITLE, slug=SLUG)
    project = factories.ProjectPageFactory(
        parent=project_index, title="Progetto pubblico", slug="progetto-pubblico", programme=secret
    )
    return project, secret


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["draft", "unpublished", "login", "password", "groups"])
def test_a_hidden_programme_is_named_nowhere(client, secret_project, how):
    project, programme = secret_project
    hide(programme, how)

    bodies = channels(client, project)

    assert naming(bodies, programme) == []
    feature = json.loads(bodies["/projects.geojson"])["features"][0]
    assert feature["properties"]["title"] == "Progetto pubblico" and feature["properties"]["programme"] is None
    assert json.loads(bodies[f"/api/v2/pages/{project.pk}/"])["programme"] is None


@pytest.fixture
def bilingual_secret(secret_project, translate, locale_en):
    """The project and its programme in both languages: (Italian project, Italian programme, English ones)."""
    project, programme = secret_project
    translate(project.get_parent(), title="Projects", slug="projects")
    english_programme = translate(programme, title="Zeta Programme", slug="zeta-programme")
    english_project = translate(project, title="Public project", slug="public-project")
    assert english_project.programme_id == english_programme.pk  # moved to its language (base/languages.py)
    return project, programme, english_project, english_programme


@pytest.mark.django_db
def test_the_english_project_hides_a_draft_english_programme(client, bilingual_secret):
    project, programme, english_project, english_programme = bilingual_secret
    english_programme.unpublish()

    assert naming(channels(client, english_project, "/en"), english_programme) == []
    assert TITLE in client.get(project.url).content.decode()  # the Italian programme is live


@pytest.mark.django_db
def test_the_italian_project_hides_a_draft_italian_programme(client, bilingual_secret):
    project, programme, english_project, english_programme = bilingual_secret
    programme.unpublish()

    assert naming(channels(client, project), programme) == []
    assert "Zeta Programme" in client.get(english_project.url).content.decode()  # the English one is live


@pytest.mark.django_db
def test_an_english_programme_never_published_is_not_named(client, secret_project, translate, locale_en):
    """A translation made but never published, as the translation editor leaves it until the translator publishes."""
    project, programme = secret_project
    translate(programme.get_parent(), title="Programmes", slug="programmes")
    english_programme = factories.translate(programme, locale_en, publish=False, title="Zeta Draft", slug="zeta-draft")
    translate(project.get_parent(), title="Projects", slug="projects")
    english_project = translate(project, title="Public project", slug="public-project")
    assert english_project.programme_id == english_programme.pk and not english_programme.live

    bodies = channels(client, english_project, "/en")

    assert naming(bodies, english_programme) == []
    assert [feature["properties"]["title"] for feature in json.loads(bodies["/en/projects.geojson"])["features"]] == [
        "Public project"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["draft", "login"])
def test_search_does_not_find_a_project_by_its_hidden_programme(client, secret_project, how):
    project, programme = secret_project
    hide(programme, how)
    project.save_revision().publish()  # indexed again, with the programme as it now is

    body = client.get("/cerca/", {"q": "zeta"}).content.decode()

    assert project.url not in body
    assert client.get("/cerca/", {"q": "pubblico"}).content.decode().count(project.url) >= 1
