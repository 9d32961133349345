"""An API filter naming a page readers may not open answers as one naming no page: same status, same body.

``?programme=<id>`` of a draft programme listed its public projects, which confirmed the programme (and its id) to
anyone; the filters that name a page (a project's ``programme``, a news item's ``related_programmes`` and
``related_projects``, ``alias_of``, and Wagtail's ``child_of``, ``descendant_of``, ``ancestor_of``,
``translation_of``) must not tell a draft, an unpublished page, a page in a private section or a release under
embargo from a missing one.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests import factories

HIDDEN = ("draft", "unpublished", "login", "password", "groups", "embargoed")


def hide(page, how):
    if how == "draft":
        type(page).objects.filter(pk=page.pk).update(live=False)
    elif how == "unpublished":
        page.unpublish()
    elif how == "groups":
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
        restriction.groups.add(Group.objects.get_or_create(name="Lettori interni")[0])
    elif how in ("login", "password"):
        PageViewRestriction.objects.create(page=page, restriction_type=how, password="x" if how == "password" else "")


@pytest.fixture
def hidden(home_page, programme_index, project_index, news_index, translate):
    """For each way of hiding, a hidden programme with a public project and a public news item relating it, a
    hidden project a public news item relates, and a hidden page with a public child, translation and alias."""
    pages = {}
    for how in HIDDEN[:-1]:
        programme = factories.ProgrammePageFactory(parent=programme_index, title=f"Programma {how}")
        factories.ProjectPageFactory(parent=project_index, title=f"Progetto {how}", programme=programme)
        related = factories.ProjectPageFactory(parent=project_index, title=f"Correlato {how}")
        factories.NewsPageFactory(parent=news_index, related_programmes=[programme], related_projects=[related])
        section = factories.StandardPageFactory(parent=home_page, title=f"Sezione {how}", slug=f"sezione-{how}")
        factories.StandardPageFactory(parent=section, title=f"Sotto {how}", slug=f"sotto-{how}")
        english = translate(section, title=f"Section {how}", slug=f"section-{how}")
        section.create_alias(parent=programme_index, update_slug=f"alias-{how}")
        for page in (programme, related, section):
            hide(page, how)
        pages[how] = {"programme": programme, "project": related, "section": section, "english": english}
    release = factories.NewsPageFactory(
        parent=news_index, slug="comunicato", embargo_until=timezone.now() + datetime.timedelta(days=30)
    )
    english_release = translate(release, title="Release", slug="release")
    pages["embargoed"] = {"section": release, "english": english_release}
    return pages


def filters(pages):
    """Each id filter with the hidden page it names."""
    named = []
    if "programme" in pages:
        named += [
            ({"type": "projects.ProjectPage", "programme": pages["programme"].pk}),
            ({"type": "news.NewsPage", "related_programmes": pages["programme"].pk}),
            ({"type": "news.NewsPage", "related_projects": pages["project"].pk}),
            ({"alias_of": pages["section"].pk}),
            ({"child_of": pages["section"].pk}),
            ({"descendant_of": pages["section"].pk}),
        ]
    else:  # a release: its English page is under the same embargo (elsewhere, the English page is public)
        named.append({"translation_of": pages["english"].pk})
    return [*named, {"translation_of": pages["section"].pk}, {"ancestor_of": pages["section"].pk}]


@pytest.mark.django_db
def test_an_id_filter_naming_a_hidden_page_answers_as_one_naming_no_page(client, hidden):
    missing = Page.objects.order_by("-pk").first().pk + 1000
    differing = []
    for how, pages in hidden.items():
        for query in filters(pages):
            name, _pk = next((key, value) for key, value in query.items() if key != "type")
            answer = client.get("/api/v2/pages/", query)
            absent = client.get("/api/v2/pages/", {**query, name: missing})
            shown = (answer.status_code, answer.content.decode())
            expected = (absent.status_code, absent.content.decode().replace(str(missing), str(query[name])))
            if shown != expected:
                differing.append((how, query, shown))
    assert differing == []


@pytest.mark.django_db
def test_an_id_filter_naming_a_public_page_still_filters(client, programme, project):
    answer = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "programme": programme.pk}).json()

    assert [item["id"] for item in answer["items"]] == [project.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["themes", "district"])
def test_a_filter_naming_an_unpublished_theme_or_district_answers_as_one_naming_none(client, project, name):
    snippet = factories.ThemeFactory() if name == "themes" else factories.DistrictFactory()
    if name == "themes":
        project.themes.add(snippet)
    else:
        project.district = snippet
    project.save_revision().publish()
    query = {"type": "projects.ProjectPage", name: snippet.pk}
    assert [item["id"] for item in client.get("/api/v2/pages/", query).json()["items"]] == [project.pk]

    snippet.unpublish()  # as the editor's Unpublish does: the page cache is renewed with it
    missing = snippet.pk + 1000
    answer = client.get("/api/v2/pages/", query)
    absent = client.get("/api/v2/pages/", {**query, name: missing})

    assert answer.status_code == absent.status_code == 200
    assert answer.content.decode() == absent.content.decode()
