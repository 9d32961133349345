"""One base for every page type: what it gives each of them, and the rule it keeps for them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.users.models import UserProfile

from base.blocks import BaseStreamBlock
from base.models import BasePage, RoutableBasePage
from base.validators import SafeContentMixin
from news.models import NewsIndexPage
from projects.models import ProjectPage
from tests import admin_forms, factories

OUR_APPS = {"base", "home", "projects", "news", "opendata", "candidacy"}


def our_page_models():
    return [model for model in get_page_models() if model._meta.app_label in OUR_APPS]


def test_every_page_type_derives_from_the_base_page():
    models = our_page_models()

    assert len(models) >= 12
    assert [model.__name__ for model in models if not issubclass(model, BasePage)] == []


@pytest.mark.parametrize("model", our_page_models(), ids=lambda model: model.__name__)
def test_every_page_type_gets_what_the_base_declares(model):
    """Content checks, hero image and SEO panels declared once, for every page type."""
    assert issubclass(model, SafeContentMixin)
    field_names = {field.name for field in model._meta.get_fields()}
    assert {"hero_image", "hero_image_alt"} <= field_names
    assert model.promote_panels is BasePage.promote_panels
    searched = {field.field_name for field in model.search_fields}
    assert "title" in searched
    # The introduction where the page has one; the summary where it plays that part.
    assert ("introduction" in searched) == ("introduction" in field_names)
    assert "introduction" in field_names or "summary" in field_names


def test_a_page_that_lets_its_routes_answer_previews_first_is_refused():
    """RoutablePageMixin answers previews without calling the base: listed first, previews would be in the
    editor's language. The class itself refuses to be created."""
    with pytest.raises(ImproperlyConfigured, match="RoutablePageMixin.serve_preview comes before"):

        class WronglyOrderedPage(RoutablePageMixin, BasePage):
            class Meta:
                abstract = True
                app_label = "base"


def test_a_routable_page_on_its_base_is_accepted():
    class FeedPage(RoutableBasePage):
        class Meta:
            abstract = True
            app_label = "base"

    assert FeedPage.serve_preview.in_page_language
    assert issubclass(NewsIndexPage, RoutableBasePage)


@pytest.mark.django_db
def test_a_routable_page_previews_in_its_own_language(admin_user, admin_client, news_index):
    """The news index has routes (its feeds), and still previews in Italian for an editor whose admin is English."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    data = admin_forms.index_page_form(news_index.title, publish=False, slug=news_index.slug)

    url = reverse("wagtailadmin_pages:preview_on_edit", args=[news_index.pk])
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()

    assert '<html lang="it">' in html


def test_every_body_offers_the_map_after_the_shared_blocks():
    """The projects' map is registered into every body built on BaseStreamBlock, at the same place and limit."""
    shared = list(BaseStreamBlock.base_blocks)
    bodies = [
        (model, field)
        for model in our_page_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and isinstance(field.stream_block, BaseStreamBlock)
    ]

    assert len(bodies) >= 8
    for model, field in bodies:
        names = list(field.stream_block.child_blocks)
        assert names[: len(shared) + 1] == [*shared, "map"], model.__name__
        assert field.stream_block.meta.block_counts["map"] == {"max_num": 3}, model.__name__


@pytest.mark.django_db
def test_having_a_place_is_one_rule(project_index):
    placed = factories.ProjectPageFactory(parent=project_index, title="In Barriera", slug="in-barriera")
    nowhere = factories.ProjectPageFactory(parent=project_index, title="Ovunque", slug="ovunque", location="")

    assert placed.has_place and not nowhere.has_place
    assert list(ProjectPage.objects.with_place().filter(pk__in=[placed.pk, nowhere.pk])) == [placed]


def test_a_body_built_before_the_features_registered_their_blocks_is_refused(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(apps, "ready", False)
    with pytest.raises(ImproperlyConfigured, match="as a class"):
        BaseStreamBlock()


@pytest.mark.django_db
def test_pages_chosen_by_id_are_read_without_an_order(project_index, project):
    """What a block's page choosers read (``in_bulk``): each page by its id, as Django gives it, and no ORDER BY,
    which only cost Django the compiling."""
    other = factories.ProjectPageFactory(parent=project_index, title="Altro progetto")
    ids = [other.pk, project.pk, 10**6]
    with CaptureQueriesContext(connection) as captured:
        found = ProjectPage.objects.in_bulk(ids)
    assert {pk: page.title for pk, page in found.items()} == {other.pk: "Altro progetto", project.pk: project.title}
    assert "ORDER BY" not in captured.captured_queries[0]["sql"]
    by_path = ProjectPage.objects.in_bulk([project.path], field_name="path")
    assert list(by_path) == [project.path]


@pytest.mark.django_db
def test_pages_chosen_by_id_keep_the_order_where_it_says_something(project_index, programme, project):
    twin = factories.ProjectPageFactory(parent=project_index, title="Gemello", programme=programme)
    with pytest.raises(TypeError, match="Cannot use 'limit' or 'offset' with in_bulk"):
        ProjectPage.objects.all()[:1].in_bulk([project.pk])
    if connection.vendor != "postgresql":
        return  # DISTINCT ON is PostgreSQL's
    newest = ProjectPage.objects.distinct("programme").order_by("programme", "-pk").in_bulk(field_name="programme")
    assert {key.pk: page.pk for key, page in newest.items()} == {programme.pk: max(project.pk, twin.pk)}
