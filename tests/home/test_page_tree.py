"""The page tree keeps its shape: each page type lives only where it belongs, singletons stay single."""

import pytest
from wagtail.models import Page

from base.models import StandardPage
from candidacy.models import RankingPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from projects.models import ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage
from tests import factories
from tests.admin_forms import add_url, index_page_form, ranking_page_form

ALL_TYPES = {
    HomePage,
    StandardPage,
    RankingPage,
    ProgrammeIndexPage,
    ProgrammePage,
    ProjectIndexPage,
    ProjectPage,
    NewsIndexPage,
    NewsPage,
}

# parent model -> the page types an editor may add below it
ALLOWED_CHILDREN = {
    Page: {HomePage},
    HomePage: {StandardPage, RankingPage, ProgrammeIndexPage, ProjectIndexPage, NewsIndexPage},
    StandardPage: {StandardPage},
    RankingPage: set(),
    ProgrammeIndexPage: {ProgrammePage},
    ProgrammePage: set(),
    ProjectIndexPage: {ProjectPage},
    ProjectPage: set(),
    NewsIndexPage: {NewsPage},
    NewsPage: set(),
}


def creatable_subpage_models(parent_model):
    return {model for model in parent_model.creatable_subpage_models() if model in ALL_TYPES}


@pytest.mark.parametrize("parent_model", list(ALLOWED_CHILDREN), ids=lambda m: m.__name__)
def test_allowed_subpage_types(parent_model):
    assert creatable_subpage_models(parent_model) == ALLOWED_CHILDREN[parent_model]


@pytest.mark.parametrize("child_model", sorted(ALL_TYPES, key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_allowed_parent_page_types(child_model):
    expected = {parent for parent, children in ALLOWED_CHILDREN.items() if child_model in children}
    assert set(child_model.allowed_parent_page_models()) & (ALL_TYPES | {Page}) == expected


@pytest.fixture
def full_tree(programme, project, news_index, ranking_page, standard_page):
    """One live page of every type, keyed by model."""
    news = factories.NewsPageFactory(parent=news_index)
    return {
        Page: Page.get_first_root_node(),
        HomePage: standard_page.get_parent().specific,
        StandardPage: standard_page,
        RankingPage: ranking_page,
        ProgrammeIndexPage: programme.get_parent().specific,
        ProgrammePage: programme,
        ProjectIndexPage: project.get_parent().specific,
        ProjectPage: project,
        NewsIndexPage: news_index,
        NewsPage: news,
    }


@pytest.mark.django_db
def test_each_type_can_be_created_only_under_its_parents(full_tree):
    """Page.can_create_at on real pages: the tree rules and the singletons together."""
    singletons = {HomePage, RankingPage, ProgrammeIndexPage, ProjectIndexPage, NewsIndexPage}
    for parent_model, parent in full_tree.items():
        for child_model in ALL_TYPES:
            expected = child_model in ALLOWED_CHILDREN[parent_model] and child_model not in singletons
            assert child_model.can_create_at(parent) is expected, (
                f"{child_model.__name__} under {parent_model.__name__}: expected {expected}"
            )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "singleton_fixture,model",
    [
        ("programme_index", ProgrammeIndexPage),
        ("project_index", ProjectIndexPage),
        ("news_index", NewsIndexPage),
        ("ranking_page", RankingPage),
    ],
)
def test_section_singletons_one_per_home(request, home_page, singleton_fixture, model):
    assert model.can_create_at(home_page)
    request.getfixturevalue(singleton_fixture)
    assert not model.can_create_at(home_page)
    # The English home page gets its own.
    english_home = factories.HomePageFactory(parent=home_page.get_parent(), slug="home-en", locale=_en())
    assert model.can_create_at(english_home)


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.django_db
def test_home_page_is_a_singleton_at_the_root(root_page, locale_it, locale_en):
    # Wagtail's welcome page is a plain Page: it does not count.
    assert HomePage.can_create_at(root_page)
    factories.HomePageFactory(parent=root_page, slug="torino")
    assert not HomePage.can_create_at(root_page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "singleton_fixture,model,form",
    [
        ("programme_index", ProgrammeIndexPage, lambda: index_page_form("Altri programmi", slug="altri")),
        ("project_index", ProjectIndexPage, lambda: index_page_form("Altri progetti", slug="altri")),
        ("news_index", NewsIndexPage, lambda: index_page_form("Altre notizie", slug="altre")),
        ("ranking_page", RankingPage, lambda: ranking_page_form(slug="altra-classifica")),
    ],
)
def test_admin_refuses_a_second_singleton(request, admin_client, home_page, singleton_fixture, model, form):
    request.getfixturevalue(singleton_fixture)
    url = add_url(model, home_page)

    assert admin_client.get(url).status_code in (302, 403)
    response = admin_client.post(url, form())
    assert response.status_code in (302, 403)
    assert model.objects.count() == 1


@pytest.mark.django_db
def test_admin_refuses_a_project_outside_the_project_index(admin_client, home_page, programme):
    for parent in (home_page, programme):
        response = admin_client.get(add_url(ProjectPage, parent))
        assert response.status_code in (302, 403)
