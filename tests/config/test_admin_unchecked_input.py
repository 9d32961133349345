"""What Wagtail's own admin pages never send and some of its views read unchecked answers 400 or 404, not 500
(config/admin_guard.py); Wagtail's deliberate server error is for administrators only.

Each was a 500 for any editor in a reviewer's fuzzing: a chooser's "chosen-multiple" given an ``id`` that is no number,
a chooser's "chosen" view given a key no object can have (``<str:pk>`` routes), the image chooser filtering by tag
and searching at once, the external link chooser posted without its URL, wagtail-localize's PO upload posted without
its file, and /admin/failwhale/.
"""

import pytest
from wagtail.blocks import Block

from tests import factories
from tests.error_pages import is_bad_request_page

CHOSEN_MULTIPLE = [
    "/admin/choose-page/chosen-multiple/",
    "/admin/images/chooser/chosen-multiple/",
    "/admin/documents/chooser/chosen-multiple/",
    "/admin/snippets/choose/projects/theme/chosen-multiple/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", CHOSEN_MULTIPLE)
@pytest.mark.parametrize("ids", [["abc"], ["1", "abc"], ["1.5"], [""], ["²"]])
def test_a_chosen_id_that_is_not_a_number_answers_400(editor_client, home_page, address, ids):
    assert is_bad_request_page(editor_client.get(address, {"id": ids}))


@pytest.mark.django_db
def test_chosen_ids_that_are_numbers_are_still_chosen(editor_client, standard_page, image, theme):
    document = factories.DocumentFactory()
    chosen = {
        "/admin/choose-page/chosen-multiple/": standard_page,
        "/admin/images/chooser/chosen-multiple/": image,
        "/admin/documents/chooser/chosen-multiple/": document,
        "/admin/snippets/choose/projects/theme/chosen-multiple/": theme,
    }
    for address, instance in chosen.items():
        response = editor_client.get(address, {"id": [str(instance.pk), "99999"]})
        assert response.status_code == 200
        assert [str(item["id"]) for item in response.json()["result"]] == [str(instance.pk)]


CHOSEN = [
    "/admin/images/chooser/chosen/",
    "/admin/documents/chooser/chosen/",
    "/admin/snippets/choose/projects/theme/chosen/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("chooser", CHOSEN)
@pytest.mark.parametrize("key", ["abc", "1.5", "%C2%B2", "1%2C2"])
def test_a_chosen_key_no_object_can_have_is_not_found(editor_client, home_page, chooser, key):
    assert editor_client.get(f"{chooser}{key}/").status_code == 404


@pytest.mark.django_db
def test_a_chosen_object_is_still_chosen(editor_client, image, theme):
    document = factories.DocumentFactory()
    for chooser, instance in zip(CHOSEN, [image, document, theme], strict=True):
        response = editor_client.get(f"{chooser}{instance.pk}/")
        assert response.status_code == 200
        assert str(response.json()["result"]["id"]) == str(instance.pk)


def block_definition_id():
    return next(iter(Block.definition_registry))


@pytest.mark.django_db
def test_the_block_previews_id_is_a_block_definitions_not_an_objects(editor_client, home_page):
    """Not every ``id`` is an object's: the block picker's previews name a block definition."""
    assert editor_client.get("/admin/block-preview/", {"id": block_definition_id()}).status_code == 200
    assert editor_client.get("/admin/block-preview/", {"id": "abc"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/admin/images/chooser/", "/admin/images/chooser/results/"])
def test_the_image_chooser_filters_by_tag_or_searches_not_both(editor_client, image, address):
    image.tags.add("torino")

    assert is_bad_request_page(editor_client.get(address, {"tag": "torino", "q": "torino"}))
    assert editor_client.get(address, {"tag": "torino"}).status_code == 200
    assert editor_client.get(address, {"q": "torino"}).status_code == 200
    assert editor_client.get(address, {"tag": "", "q": "torino"}).status_code == 200


@pytest.mark.django_db
def test_the_external_link_chooser_posted_without_its_url_answers_400(editor_client, home_page):
    address = "/admin/choose-external-link/"

    assert is_bad_request_page(editor_client.post(address, {"external-link-chooser-link_text": "Comune"}))
    # Wagtail's own form, sent as its dialog sends it: an empty URL is the form's error, a URL is chosen.
    empty = editor_client.post(address, {"external-link-chooser-url": "", "external-link-chooser-link_text": ""})
    assert empty.status_code == 200 and empty.json()["step"] == "external_link"
    chosen = editor_client.post(address, {"external-link-chooser-url": "https://www.comune.torino.it/"})
    assert chosen.status_code == 200 and chosen.json()["step"] == "external_link_chosen"


@pytest.mark.django_db
def test_a_po_upload_without_its_file_answers_400(editor_client, moderator_client, home_page):
    for client in (editor_client, moderator_client):
        assert is_bad_request_page(client.post("/admin/localize/translate/1/pofile/upload/", {}))


@pytest.mark.django_db
def test_the_deliberate_server_error_is_for_administrators_only(editor_client, moderator_client, admin_client):
    for client in (editor_client, moderator_client):
        assert client.get("/admin/failwhale/").status_code == 404
    admin_client.raise_request_exception = True
    with pytest.raises(Exception, match="emergency broadcast"):
        admin_client.get("/admin/failwhale/")
