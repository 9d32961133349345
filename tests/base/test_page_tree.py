"""The page tree keeps its shape: each page type lives only where it belongs, singletons stay single."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from candidacy.models import RankingPage
from home.models import HomePage
from news.models import NewsIndexPage
from projects.models import ProgrammeIndexPage, ProjectIndexPage, ProjectPage
from tests import factories
from tests.admin_forms import add_url, index_page_form, ranking_page_form
from tests.page_types import PAGE_TYPES, factory_for, name, one_page_of_each_type

# parent page type -> the page types an editor may add below it, for the Page at the root and every page type
ALLOWED_CHILDREN = {
    "Page": {"HomePage"},
    "HomePage": {
        "StandardPage",
        "RankingPage",
        "DossierPage",
        "ProgrammeIndexPage",
        "ProjectIndexPage",
        "NewsIndexPage",
        "PressRoomPage",
        "OpenDataPage",
    },
    "StandardPage": {"StandardPage"},
    "RankingPage": set(),
    "DossierPage": set(),
    "ProgrammeIndexPage": {"ProgrammePage"},
    "ProgrammePage": set(),
    "ProjectIndexPage": {"ProjectPage"},
    "ProjectPage": set(),
    "NewsIndexPage": {"NewsPage"},
    "NewsPage": set(),
    "PressRoomPage": set(),
    "OpenDataPage": set(),
}
# the page types of which a parent holds one at most
SINGLETONS = {
    "HomePage",
    "RankingPage",
    "ProgrammeIndexPage",
    "ProjectIndexPage",
    "NewsIndexPage",
    "PressRoomPage",
    "OpenDataPage",
}


def names(models):
    return {model.__name__ for model in models}


def test_the_tree_rules_cover_every_page_type():
    assert set(ALLOWED_CHILDREN) == names(PAGE_TYPES) | {"Page"}
    assert names(PAGE_TYPES) >= SINGLETONS


@pytest.mark.parametrize("parent_model", [Page, *PAGE_TYPES], ids=name)
def test_allowed_subpage_types(parent_model):
    creatable = [model for model in parent_model.creatable_subpage_models() if model in PAGE_TYPES]
    assert names(creatable) == ALLOWED_CHILDREN[parent_model.__name__]


@pytest.mark.parametrize("child_model", PAGE_TYPES, ids=name)
def test_allowed_parent_page_types(child_model):
    expected = {parent for parent, children in ALLOWED_CHILDREN.items() if child_model.__name__ in children}
    parents = [model for model in child_model.allowed_parent_page_models() if model in [Page, *PAGE_TYPES]]
    assert names(parents) == expected


@pytest.mark.parametrize("model", PAGE_TYPES, ids=name)
def test_a_parent_holds_one_singleton_at_most(model):
    assert (model.max_count_per_parent == 1) is (model.__name__ in SINGLETONS)


@pytest.fixture
def full_tree(home_page, criteria):
    """One live page of every type, and the root, keyed by model."""
    return {Page: Page.get_first_root_node(), **one_page_of_each_type(home_page)}


@pytest.mark.django_db
def test_each_type_can_be_created_only_under_its_parents(full_tree):
    """Page.can_create_at on real pages: the tree rules and the singletons together."""
    for parent_model, parent in full_tree.items():
        for child_model in PAGE_TYPES:
            expected = (
                child_model.__name__ in ALLOWED_CHILDREN[parent_model.__name__]
                and child_model.__name__ not in SINGLETONS
            )
            assert child_model.can_create_at(parent) is expected, (
                f"{child_model.__name__} under {parent_model.__name__}: expected {expected}"
            )


SECTION_SINGLETONS = [model for model in PAGE_TYPES if model.__name__ in SINGLETONS - {"HomePage"}]


@pytest.mark.django_db
@pytest.mark.parametrize("model", SECTION_SINGLETONS, ids=name)
def test_section_singletons_one_per_home(home_page, criteria, locale_en, model):
    assert model.can_create_at(home_page)
    factory_for(model)(parent=home_page)
    assert not model.can_create_at(home_page)
    # The English home page gets its own.
    english_home = factories.HomePageFactory(parent=home_page.get_parent(), slug="home-en", locale=locale_en)
    assert model.can_create_at(english_home)


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

    # Wagtail's admin answers a refused permission with a redirect to its dashboard.
    refused = admin_client.get(url)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    response = admin_client.post(url, form())
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert model.objects.count() == 1


@pytest.mark.django_db
def test_admin_refuses_a_project_outside_the_project_index(admin_client, home_page, programme):
    for parent in (home_page, programme):
        response = admin_client.get(add_url(ProjectPage, parent))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
