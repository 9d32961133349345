"""How long a document may be kept (config/document_cache.py): Wagtail's view said Last-Modified and nothing of how
long, so browsers kept a document withdrawn or replaced as long as their heuristics liked."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories

FILE = b"%PDF-1.4\n% scheda del progetto\n"


def document(**fields):
    return factories.DocumentFactory(file=ContentFile(FILE, name="scheda.pdf"), **fields)


def directives(response):
    return dict(item.strip().partition("=")[::2] for item in response["Cache-Control"].split(","))


@pytest.mark.django_db
def test_a_public_document_is_kept_a_minute_by_browsers_and_by_varnish(client, home_page):
    doc = document()
    served = client.get(doc.url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == FILE
    not_modified = client.get(doc.url, HTTP_IF_NONE_MATCH=served["ETag"])
    assert not_modified.status_code == 304
    for response in (served, not_modified):
        cache_control = directives(response)
        assert "public" in cache_control, response["Cache-Control"]
        assert int(cache_control["max-age"]) == 60 and int(cache_control["s-maxage"]) == 60


@pytest.mark.django_db
def test_a_document_of_a_collection_behind_a_password_is_kept_by_nobody(client, home_page):
    private = Collection.get_first_root_node().add_child(name="Riservata")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="torino2031"
    )
    doc = document(collection=private)
    assert client.get(doc.url).status_code == 200  # the password form
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/", {"password": "torino2031", "return_url": doc.url}
    )

    served = client.get(doc.url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == FILE
    assert {"private", "no-store"} <= directives(served).keys(), served.get("Cache-Control")


@pytest.mark.django_db
def test_a_document_without_a_hash_gets_a_real_etag(client, home_page):
    """Made outside the admin's form (an import, a script): an ETag "" would be every such document's."""
    doc = document()
    type(doc).objects.filter(pk=doc.pk).update(file_hash="")

    served = client.get(doc.url)
    doc.refresh_from_db()
    assert doc.file_hash and served["ETag"] == f'"{doc.file_hash}"'
    assert client.get(doc.url, HTTP_IF_NONE_MATCH='""').status_code == 200


@pytest.mark.django_db
def test_a_document_without_a_hash_whose_file_is_missing_is_the_missing_documents_404(client, home_page):
    doc = document()
    type(doc).objects.filter(pk=doc.pk).update(file_hash="")
    doc.file.storage.delete(doc.file.name)

    assert client.get(doc.url).status_code == 404
