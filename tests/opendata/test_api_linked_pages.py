"""The API names a related page only where readers may open it, as the HTML does.

A public news item's related programmes and projects, a project's programme, the programmes and projects chosen in
a map block: a draft, an unpublished page or one in a private section is left out of the API as the page leaves it
out (``base.visibility.readable_pages``), in a page's detail and in a listing alike (a listing's cost, the same
for 2 items or 12, is tests/opendata/test_api_listings.py's).
"""

import json

import pytest
from django.core.exceptions import FieldDoesNotExist
from wagtail.api import APIField
from wagtail.models import Page, PageViewRestriction

from base.api_fields import LinkedPagesField
from tests import factories
from tests.page_types import PAGE_TYPES


@pytest.fixture
def related(news_index, programme_index, project_index):
    """A news item related to a public, a draft and a private programme and project."""
    pages = {}
    for kind, factory, parent in (
        ("programme", factories.ProgrammePageFactory, programme_index),
        ("project", factories.ProjectPageFactory, project_index),
    ):
        pages[f"public {kind}"] = factory(parent=parent, title=f"Pubblico {kind}")
        pages[f"draft {kind}"] = factory(parent=parent, title=f"Bozza Kappa {kind}")
        type(pages[f"draft {kind}"]).objects.filter(pk=pages[f"draft {kind}"].pk).update(live=False)
        pages[f"private {kind}"] = factory(parent=parent, title=f"Privato Kappa {kind}")
        PageViewRestriction.objects.create(page=pages[f"private {kind}"], restriction_type="login")
    news = factories.NewsPageFactory(
        parent=news_index,
        related_programmes=[page for name, page in pages.items() if name.endswith("programme")],
        related_projects=[page for name, page in pages.items() if name.endswith("project")],
    )
    return news, pages


def titles(items):
    return [item["title"] for item in items]


@pytest.mark.django_db
def test_a_news_item_names_only_the_related_pages_readers_may_open(client, related):
    news, pages = related

    detail = client.get(f"/api/v2/pages/{news.pk}/").json()
    listing = client.get(
        "/api/v2/pages/", {"type": "news.NewsPage", "fields": "related_programmes,related_projects"}
    ).json()["items"]

    html = client.get(news.url).content.decode()
    assert "Kappa" not in html and "Pubblico project" in html
    for item in (detail, *listing):
        assert titles(item["related_programmes"]) == ["Pubblico programme"]
        assert titles(item["related_projects"]) == ["Pubblico project"]
        assert "Kappa" not in json.dumps(item)
    # As Wagtail gives a related page.
    public = pages["public project"]
    assert detail["related_projects"][0] == {
        "id": public.pk,
        "meta": {"type": "projects.ProjectPage", "detail_url": f"http://localhost/api/v2/pages/{public.pk}/"},
        "title": "Pubblico project",
    }


@pytest.mark.django_db
def test_a_map_block_names_only_the_pages_readers_may_open(client, home_page, related):
    _news, pages = related
    chosen = factories.map_block(
        "projects",
        programmes=[pages["public programme"], pages["draft programme"], pages["private programme"]],
        projects=[pages["public project"], pages["draft project"], pages["private project"]],
    )
    page = factories.StandardPageFactory(parent=home_page, title="Mappa", slug="mappa", body=[chosen])

    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]

    [block] = [block for block in body if block["type"] == "map"]
    assert block["value"]["programmes"] == [pages["public programme"].pk]
    assert block["value"]["projects"] == [pages["public project"].pk]


def test_every_api_field_naming_a_page_shows_only_what_readers_may_open():
    """A relation to a page served as it is would name drafts and private pages: each goes through
    ``LinkedPagesField`` with a source that keeps only readable pages (``base.visibility``)."""
    unchecked = []
    for model in PAGE_TYPES:
        for api_field in getattr(model, "api_fields", []):
            assert isinstance(api_field, APIField)
            try:
                field = model._meta.get_field(api_field.name)
            except FieldDoesNotExist:  # a property, such as a project's latitude
                continue
            names_a_page = field.is_relation and issubclass(field.related_model, Page)
            if names_a_page and not isinstance(api_field.serializer, LinkedPagesField):
                unchecked.append(f"{model.__name__}.{api_field.name}")
    assert unchecked == []


@pytest.mark.django_db
def test_an_alias_names_the_page_it_is_an_alias_of_only_where_readers_may_open_it(client, home_page, programme_index):
    """Wagtail's ``meta.alias_of`` named the original whatever it was. An alias shows its original's content, so an
    alias of a page readers may not open (in a private section, or not live: an importer's update) is not served at
    all (README, "Private sections"), and its original is named by nothing; an alias of a public page names it."""
    private = factories.StandardPageFactory(parent=home_page, title="Riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    in_private = factories.StandardPageFactory(parent=private, title="Kappa interna", slug="kappa-interna")
    withdrawn = factories.StandardPageFactory(parent=home_page, title="Kappa ritirata", slug="kappa-ritirata")
    shown = factories.StandardPageFactory(parent=home_page, title="Pubblica", slug="pubblica")
    hidden_aliases = [
        in_private.create_alias(parent=programme_index, update_slug="copia-interna"),
        withdrawn.create_alias(parent=programme_index, update_slug="copia-ritirata"),
    ]
    shown_alias = shown.create_alias(parent=programme_index, update_slug="copia-pubblica")
    Page.objects.filter(pk=withdrawn.pk).update(live=False)

    listing = client.get("/api/v2/pages/", {"child_of": programme_index.pk, "fields": "alias_of"})
    listed = {item["id"]: item["meta"] for item in listing.json()["items"]}
    for alias in hidden_aliases:
        assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404
        assert alias.pk not in listed
    assert "Kappa" not in listing.content.decode()
    for meta in (client.get(f"/api/v2/pages/{shown_alias.pk}/").json()["meta"], listed[shown_alias.pk]):
        assert meta["alias_of"]["id"] == shown.pk and meta["alias_of"]["title"] == "Pubblica"
