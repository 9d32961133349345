"""The project index's cards, their number and its filters' choices are read by queries prepared once per process
(projects/models.py ``project_cards``, projects/filters.py ``_choices``): for every set of filters and every page, the
index shows what Django's own queryset, cut by Django's own paginator, gives."""

import itertools

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.http import QueryDict
from wagtail.models import Page, PageViewRestriction

from base.prepared_queries import PreparedQuery
from projects.filters import ProjectFilterForm
from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage, project_cards
from tests import factories


@pytest.fixture
def many(project_index, programme_index, programme, theme, district):
    """Eleven projects over two programmes, two themes and two districts, with a draft, a private project and a
    project of the other index's children left out."""
    city_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino City Lab", slug="city-lab")
    environment = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    san_salvario = factories.DistrictFactory(name="San Salvario", slug="san-salvario")
    for number in range(11):
        factories.ProjectPageFactory(
            parent=project_index,
            title=f"Progetto {number:02d}",
            slug=f"progetto-{number}",
            programme=(programme, city_lab)[number % 2],
            themes=[[theme], [environment], [theme, environment]][number % 3],
            district=(district, san_salvario, None)[number % 3],
        )
    factories.ProjectPageFactory(parent=project_index, title="Bozza", slug="bozza", programme=programme, live=False)
    private = factories.ProjectPageFactory(
        parent=project_index, title="Riservato", slug="riservato", programme=city_lab
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return project_index


def shown(response):
    page = response.context["projects"]
    return [project.pk for project in page], page.paginator.count, page.number


@pytest.mark.django_db
def test_every_filter_and_page_shows_what_django_shows(client, many, settings):
    settings.PAGE_SIZE = 2
    index = ProjectIndexPage.objects.get(pk=many.pk)
    values = {
        "programme": ["", "torino-social-innovation", "city-lab", "nope"],
        "theme": ["", "mobilita", "ambiente"],
        "district": ["", "barriera-di-milano", "san-salvario", "zzz"],
    }
    for programme, theme, district in itertools.product(*values.values()):
        query = QueryDict(mutable=True)
        for name, value in zip(values, (programme, theme, district), strict=True):
            if value:
                query[name] = value
        form = ProjectFilterForm(query or None, locale=index.locale)
        expected = Paginator(form.filter(ProjectIndexPage.listing_of(index)), settings.PAGE_SIZE)
        for number in ["", "2", "3", "99", "x"]:
            if number:
                query["page"] = number
            response = client.get("/progetti/", query)
            assert response.status_code == 200
            page = expected.get_page(number or None)
            assert shown(response) == ([project.pk for project in page], expected.count, page.number), query


@pytest.mark.django_db
def test_the_cards_show_their_themes_without_a_query_each(client, many, settings, django_assert_max_num_queries):
    settings.PAGE_SIZE = 20
    response = client.get("/progetti/")
    cards = list(response.context["projects"])
    assert len(cards) == 11
    for card in cards:
        expected = [theme.name for theme in ProjectPage.objects.get(pk=card.pk).themes.all()]
        with django_assert_max_num_queries(0):
            assert [theme.name for theme in card.public_themes] == expected


@pytest.mark.django_db
def test_slices_and_counts_are_djangos(many):
    def build(parent_path):
        return ProjectPage.objects.live().filter(path__startswith=parent_path).order_by("title")

    query = PreparedQuery(ProjectPage, build, Page._meta.get_field("path"))
    expected = build(many.path)
    for _ in range(2):  # prepared at the first run, reused at the second
        assert query.count(many.path) == expected.count() == 12
        for low, high in [(0, 2), (2, 4), (10, 12), (11, 20), (0, 0), (30, 40)]:
            rows = query.run(many.path, limits=(low, high))
            assert [page.pk for page in rows] == [page.pk for page in expected[low:high]]
        listing = query.listing(many.path)
        assert listing.count() == 12
        assert [page.pk for page in listing[4:6]] == [page.pk for page in expected[4:6]]
    with pytest.raises(TypeError):
        query.listing(many.path)[3]


@pytest.mark.django_db
def test_every_page_of_a_listing_is_read_by_one_statement(many):
    query = project_cards(())
    values = (many.locale_id, many.path, many.depth + 1)
    expected = ProjectIndexPage.listing_of(many)
    for low in range(14):
        for high in range(low, 15):
            assert [page.pk for page in query.run(*values, limits=(low, high))] == [
                page.pk for page in expected[low:high]
            ]
    # The count and the pages, whatever their limits: a crawler walking every page makes no statement more.
    assert len(query._statements) == 2
    with pytest.raises(ValueError):
        query.run(*values, limits=(3, 2))


@pytest.mark.django_db
def test_a_process_keeps_a_bounded_number_of_statements(many):
    projects = list(ProjectPage.objects.order_by("pk").values_list("pk", flat=True))
    query = PreparedQuery(ProjectPage, lambda ids: ProjectPage.objects.filter(pk__in=ids), Page._meta.pk)
    for length in range(1, PreparedQuery.MAX_STATEMENTS + 20):  # each length of the list is a shape of its own
        ids = [projects[index % len(projects)] for index in range(length)]
        assert {page.pk for page in query.run(ids)} == set(ids)
    assert len(query._statements) == PreparedQuery.MAX_STATEMENTS
    # One dropped is prepared again when asked for.
    assert {page.pk for page in query.run(projects[:1])} == set(projects[:1])


@pytest.mark.django_db
def test_the_choices_follow_what_editors_publish(client, many, theme):
    def options(name):
        for kept in caches.all():  # the whole page kept: what is asked of here is its rendering afresh
            kept.clear()
        response = client.get("/progetti/")
        form = response.context["filter_form"]
        return [label for value, label in form.fields[name].choices if value != ""]

    assert options("theme") == ["Ambiente", "Mobilità"]
    assert options("programme") == ["Torino City Lab", "Torino Social Innovation"]

    # Read by the queries prepared at the first request: a theme withdrawn, a programme made private and a new one
    # published show at the next.
    theme.unpublish()
    city_lab = ProgrammePage.objects.get(slug="city-lab")
    PageViewRestriction.objects.create(page=city_lab, restriction_type=PageViewRestriction.PASSWORD, password="x")
    factories.ThemeFactory(name="Energia", slug="energia")

    assert options("theme") == ["Ambiente", "Energia"]
    assert options("programme") == ["Torino Social Innovation"]
    # A link naming what is no longer offered is ignored, as a made-up value is.
    for kept in caches.all():
        kept.clear()
    response = client.get("/progetti/?theme=mobilita&programme=city-lab")
    assert response.status_code == 200
    assert set(response.context["filter_form"].errors) == {"theme", "programme"}
    assert response.context["projects"].paginator.count == 11


@pytest.mark.django_db
def test_a_query_sliced_already_is_not_read_by_pages(many):
    from home.models import LATEST_NEWS

    with pytest.raises(ImproperlyConfigured):
        LATEST_NEWS.run(many.locale_id, limits=(0, 1))
