"""Editors can open, create and publish every page type in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from base.models import StandardPage
from candidacy.models import RankingPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from projects.models import ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage
from tests import admin_forms, factories
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES, name, one_page_of_each_type


@kept
def tree(root_page, locale_it, locale_en, criteria):
    """A root without any HomePage (Wagtail's welcome page stays), and one page of every type beside it."""
    return one_page_of_each_type(factories.HomePageFactory(parent=root_page, slug="torino"))


# the page types of which a parent may hold any number, and those of which it holds one at most
MANY_PER_PARENT = [model for model in PAGE_TYPES if model.max_count_per_parent is None]
SINGLETONS = [model for model in PAGE_TYPES if model.max_count_per_parent == 1]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=name)
def test_edit_view_opens(admin_client, tree, model):
    response = admin_client.get(admin_forms.edit_url(tree[model]))

    assert response.status_code == 200
    assert tree[model].title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MANY_PER_PARENT, ids=name)
def test_add_view_opens_under_every_page_allowed_as_its_parent(admin_client, tree, model):
    parents = [page for page in tree.values() if type(page) in model.allowed_parent_page_models()]

    assert parents
    for parent in parents:
        response = admin_client.get(admin_forms.add_url(model, parent))
        assert response.status_code == 200, type(parent).__name__


@pytest.mark.django_db
def test_singletons_add_views_open_where_there_is_room(admin_client, root_page, locale_it, locale_en):
    """Each singleton can be added once: at the root (the home page) and under a new home page."""
    assert admin_client.get(admin_forms.add_url(HomePage, root_page)).status_code == 200
    home = factories.HomePageFactory(parent=root_page, slug="torino")
    for model in SINGLETONS:
        if model is HomePage:
            continue
        response = admin_client.get(admin_forms.add_url(model, home))
        assert response.status_code == 200, model.__name__


def _publish(admin_client, model, parent, data):
    before = set(Page.objects.values_list("pk", flat=True))
    response = admin_client.post(admin_forms.add_url(model, parent), data)
    assert response.status_code == 302, _form_errors(response)
    created = Page.objects.exclude(pk__in=before).get().specific
    assert isinstance(created, model)
    assert created.live
    assert not created.has_unpublished_changes
    assert created.get_parent().pk == parent.pk
    return created


def _form_errors(response):
    """The admin form's errors, to make a failing assertion readable."""
    context = response.context
    if context is None:
        return response.status_code
    form = context.get("form")
    return {"status": response.status_code, "errors": form.errors if form is not None else None}


@pytest.mark.django_db
def test_every_page_type_can_be_published_through_the_admin(admin_client, client, root_page, locale_it, locale_en):
    home = _publish(admin_client, HomePage, root_page, admin_forms.home_page_form())
    standard = _publish(admin_client, StandardPage, home, admin_forms.standard_page_form())
    _publish(admin_client, StandardPage, standard, admin_forms.standard_page_form(title="Note legali"))
    _publish(admin_client, RankingPage, home, admin_forms.ranking_page_form())
    programmes = _publish(admin_client, ProgrammeIndexPage, home, admin_forms.index_page_form("Programmi"))
    programme = _publish(admin_client, ProgrammePage, programmes, admin_forms.programme_page_form())
    projects = _publish(admin_client, ProjectIndexPage, home, admin_forms.index_page_form("Progetti"))
    project = _publish(admin_client, ProjectPage, projects, admin_forms.project_page_form(programme=programme))
    news_index = _publish(admin_client, NewsIndexPage, home, admin_forms.index_page_form("Notizie"))
    news = _publish(admin_client, NewsPage, news_index, admin_forms.news_page_form())

    assert project.programme == programme
    assert set(news.tags.names()) == {"quartieri", "innovazione"}
    assert programme.key_figures[0].value["source_name"] == "Commissione europea"
    # Re-editing the home page to feature the programme works too.
    response = admin_client.post(
        admin_forms.edit_url(home), admin_forms.home_page_form(programmes=[programme], title="Torino innova")
    )
    assert response.status_code == 302, _form_errors(response)
    home.refresh_from_db()
    assert home.title == "Torino innova"
    assert [f.programme_id for f in home.featured_programmes.all()] == [programme.pk]
    assert home.live and not home.has_unpublished_changes


@pytest.mark.django_db
def test_saving_a_draft_does_not_publish(admin_client, client, project_index):
    response = admin_client.post(
        admin_forms.add_url(ProjectPage, project_index),
        admin_forms.project_page_form(publish=False, title="Solo bozza", slug="solo-bozza"),
    )

    assert response.status_code == 302
    page = ProjectPage.objects.get(slug="solo-bozza")
    assert not page.live
    assert client.get("/progetti/solo-bozza/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "viewset_url,factory",
    [
        ("wagtailsnippets_base_contact", factories.ContactFactory),
        ("wagtailsnippets_projects_theme", factories.ThemeFactory),
        ("wagtailsnippets_projects_district", factories.DistrictFactory),
    ],
)
def test_snippets_can_be_managed_in_the_admin(admin_client, locale_it, viewset_url, factory):
    snippet = factory()

    listing = admin_client.get(reverse(f"{viewset_url}:list"))
    add = admin_client.get(reverse(f"{viewset_url}:add"))
    edit = admin_client.get(reverse(f"{viewset_url}:edit", args=[snippet.pk]))

    assert listing.status_code == add.status_code == edit.status_code == 200
    assert snippet.name in listing.content.decode()


@pytest.mark.django_db
def test_editing_a_page_that_does_not_exist_shows_the_admins_404(admin_client, client, home_page):
    """The editor is mounted outside Wagtail's admin URLs (config/urls.py): it must still answer like the admin."""
    response = admin_client.get("/admin/pages/999999/edit/")
    wagtails_own = admin_client.get("/admin/pages/999999/delete/")

    assert response.status_code == wagtails_own.status_code == 404
    html = response.content.decode()
    assert "page404__bg" in html and "page404__bg" in wagtails_own.content.decode()
    assert "site-footer" not in html  # not the public site's 404
    assert "no-cache" in response["Cache-Control"]
    # Visitors who are not logged in are sent to the login page, as for any admin address.
    anonymous = client.get("/admin/pages/999999/edit/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
