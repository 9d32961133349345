"""The API serves rich text as readers read it on the page, not in Wagtail's stored format.

Stored rich text names the pages and documents it links by id (``<a linktype="page" id="N">``). Served raw, the API
named every draft, unpublished page, page in a private section and release under embargo a public text links to.
Rendered as the page renders it (``base.api_fields.rich_text_as_read``), a link to a page readers may open is its
address and any other is its text: a project's ``challenge`` (a ``RichTextField``) and a body's paragraph (a
rich-text block) alike, in a detail and a listing, in both languages.
"""

import datetime
import json
import re

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail import blocks
from wagtail.api.v2.serializers import get_serializer_class
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageViewRestriction

from base.api_fields import RichTextAPIField
from base.blocks import RichTextBlock
from opendata.api import PublicPagesAPIViewSet
from tests import factories
from tests.page_types import PAGE_TYPES


@pytest.fixture
def targets(home_page, programme_index, project_index, news_index):
    """A public project, a draft, an unpublished one, one in a private section, a release under embargo, a
    document."""
    pages = {"public": factories.ProjectPageFactory(parent=project_index, title="Aperto", slug="aperto")}
    pages["draft"] = factories.ProjectPageFactory(parent=project_index, title="Bozza", slug="bozza-segreta")
    type(pages["draft"]).objects.filter(pk=pages["draft"].pk).update(live=False)
    pages["unpublished"] = factories.ProjectPageFactory(parent=project_index, title="Ritirato", slug="ritirato")
    pages["unpublished"].unpublish()
    private = factories.StandardPageFactory(parent=home_page, title="Riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    pages["private"] = factories.StandardPageFactory(parent=private, title="Interna", slug="interna-segreta")
    pages["embargoed"] = factories.NewsPageFactory(
        parent=news_index, slug="comunicato-segreto", embargo_until=timezone.now() + datetime.timedelta(days=30)
    )
    return pages, factories.DocumentFactory(title="Scheda pubblica")


def linking(pages, document):
    """Rich text linking each page (its key as the link text) and the document."""
    links = "".join(f'<a linktype="page" id="{page.pk}">{name}</a> ' for name, page in pages.items())
    return f'<p>{links}<a linktype="document" id="{document.pk}">scheda</a></p>'


HIDDEN = ("draft", "unpublished", "private", "embargoed")


def assert_as_readers_read_it(served, pages, document, html):
    """``served`` (a rich-text value from the API) names no hidden page, keeps their link text, links the public page
    and the document by address, and is what the page's HTML shows."""
    assert "linktype" not in served and " id=" not in served
    for name in HIDDEN:
        assert f"<a>{name}</a>" in served
        assert pages[name].slug not in served
    public = re.search(r'<a href="([^"]+)">public</a>', served)
    assert public and public[1] == pages["public"].url
    assert f'<a href="{document.url}">scheda</a>' in served
    for fragment in re.findall(r"<a[^>]*>[^<]*</a>", served):
        assert fragment in html


@pytest.mark.django_db
def test_a_rich_text_field_is_served_as_readers_read_it(client, targets):
    pages, document = targets
    project = pages["public"]
    project.challenge = linking(pages, document)
    project.save_revision().publish()

    html = client.get(project.url).content.decode()
    detail = client.get(f"/api/v2/pages/{project.pk}/").json()
    listing = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "fields": "challenge"}).json()["items"]

    [listed] = [item for item in listing if item["id"] == project.pk]
    for served in (detail["challenge"], listed["challenge"]):
        assert_as_readers_read_it(served, pages, document, html)


@pytest.mark.django_db
def test_a_rich_text_block_is_served_as_readers_read_it(client, home_page, targets):
    pages, document = targets
    page = factories.StandardPageFactory(
        parent=home_page, slug="chi-siamo", body=[factories.paragraph(linking(pages, document))]
    )

    html = client.get(page.url).content.decode()
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    listing = client.get("/api/v2/pages/", {"type": "base.StandardPage", "fields": "body"}).json()["items"]

    [listed] = [item for item in listing if item["id"] == page.pk]
    for body in (detail["body"], listed["body"]):
        [paragraph] = [block for block in body if block["type"] == "paragraph"]
        assert_as_readers_read_it(paragraph["value"], pages, document, html)
    served = json.dumps(detail["body"])  # (the block's own "id" is a random UUID: its digits may be anything)
    assert "linktype" not in served and pages["embargoed"].slug not in served


@pytest.mark.django_db
def test_english_rich_text_links_the_english_pages_whatever_the_request_language(client, home_page, translate):
    """A page link leads to the target's translation in the page's language, as on the page: the English page's API
    answer is the same for an Italian browser (one answer is cached for every browser)."""
    target = factories.StandardPageFactory(parent=home_page, title="Contatti", slug="contatti")
    english_target = translate(target, title="Contacts", slug="contacts")
    page = factories.StandardPageFactory(
        parent=home_page,
        slug="chi-siamo",
        body=[factories.paragraph(f'<p><a linktype="page" id="{target.pk}">contatti</a></p>')],
    )
    english = translate(page, title="About us", slug="about-us")

    answers = [
        client.get(f"/api/v2/pages/{english.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()["body"]
        for language in ("it", "en")
    ]

    assert answers[0] == answers[1]
    [paragraph] = [block for block in answers[0] if block["type"] == "paragraph"]
    assert f'href="{english_target.url}"' in paragraph["value"]
    assert english_target.url.startswith("/en/")
    html = client.get(english.url).content.decode()
    assert f'href="{english_target.url}"' in html


def rich_text_blocks(block):
    """Every rich-text block in ``block``, however deep."""
    if isinstance(block, blocks.RichTextBlock):
        yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from rich_text_blocks(child)
    if isinstance(block, blocks.ListBlock):
        yield from rich_text_blocks(block.child_block)


def test_every_rich_text_is_served_as_readers_read_it():
    """Every ``RichTextField`` a page type serves is rendered (the API's serializer maps the field class to
    ``RichTextAPIField``), and every rich-text block of a served stream is the project's ``RichTextBlock``, whose API
    value is rendered too: one new field or block served raw would name hidden pages again."""
    serializer = PublicPagesAPIViewSet.base_serializer_class
    fields, streams = [], []
    for model in PAGE_TYPES:
        for api_field in getattr(model, "api_fields", []):
            try:
                field = model._meta.get_field(api_field.name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, RichTextField):
                built = get_serializer_class(model, [field.name], meta_fields=[], base=serializer)().fields
                fields.append((f"{model.__name__}.{field.name}", type(built[field.name])))
            elif isinstance(field, StreamField):
                streams.extend(rich_text_blocks(field.stream_block))
    assert {name for name, _class in fields} >= {"ProjectPage.challenge", "ProjectPage.approach"}
    assert [name for name, field_class in fields if field_class is not RichTextAPIField] == []
    assert streams and [block for block in streams if not isinstance(block, RichTextBlock)] == []
