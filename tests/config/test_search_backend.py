"""The admin's searches take whatever is typed, quotes and FTS5's own syntax included (config/search_backend.py).

On SQLite (``make run``, these tests) modelsearch's backend put a double quote typed inside a word straight into
FTS5's MATCH expression: ``?q=a"b`` on the image listing, the image chooser and the page chooser's search was a
500 (OperationalError: fts5 syntax error). PostgreSQL (CI's second run) was never concerned: the same requests
must answer there too.
"""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page

from tests import factories

QUERIES = [
    '"',
    'a"b',
    '"Torino',
    'Torino"',
    '""',
    "AND",
    "a AND",
    "OR b",
    "NOT",
    "*",
    "a*b",
    "^a",
    "-a",
    "title:a",
    "(a",
    "a)",
    "NEAR(a b)",
    "{title}: a",
    "'",
    "\\",
    "%",
    "%s",
    "+",
]
ADDRESSES = [
    "/admin/pages/search/",
    "/admin/choose-page/search/",
    "/admin/images/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/snippets/base/contact/",
    "/admin/snippets/choose/base/contact/",
]


@pytest.fixture
def content(home_page, image):
    factories.DocumentFactory(title='Il "laboratorio" di Torino')
    factories.ContactFactory(name='Ufficio "Torino"')
    image.title = 'Il "laboratorio" di Torino'
    image.save()
    return home_page


@pytest.mark.django_db
@pytest.mark.parametrize("address", ADDRESSES)
def test_the_admin_searches_answer_whatever_is_typed(admin_client, content, address):
    for query in QUERIES:
        response = admin_client.get(address, {"q": query})

        assert response.status_code == 200, query


@pytest.mark.django_db
def test_a_word_with_a_quote_is_searched_for_as_typed(admin_client, content, image):
    found = admin_client.get("/admin/images/", {"q": '"laboratorio"'}).context["images"]

    assert list(found) == [image]
    assert not admin_client.get("/admin/images/", {"q": 'labora"torio'}).context["images"]


@pytest.mark.django_db
def test_words_are_still_found_as_before(content, image):
    assert [page.pk for page in Page.objects.autocomplete("Torino Innov")] == [content.pk]
    assert list(get_image_model().objects.search("laboratorio Torino")) == [image]
    assert not get_image_model().objects.search("laboratorio Milano")


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_the_public_search_answers_whatever_is_typed(client, content, query):
    assert client.get("/cerca/", {"q": query}).status_code == 200
    assert client.get("/en/search/", {"q": query}).status_code == 200
