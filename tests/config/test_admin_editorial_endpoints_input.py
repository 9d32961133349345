"""The project's own admin endpoints (early access, the translation editor's guards) answer hostile requests with a
4xx and keep what is stored as it was, never a 500.

Found by a reviewer's fuzzing, each a 500:

- the early-access form given a recipient id past the database's integers (SQLite: OverflowError), as every
  multiple-choice form field was (tests/config/test_admin_multiple_choice_ids.py);
- the translation editor's string and override endpoints sent a body that is not the editor's form (JSON, plain
  text, a multipart body without its boundary: editorial/translation_guards.py read it outside DRF's error
  handling) or a form without its ``value`` (wagtail-localize reads ``request.POST["value"]``).

A NUL character in a translated string was stored as it came: PostgreSQL refuses it (a 500), and the translated
page could not have been published with it anyway. It is refused as the editor's other refusals are.
"""

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail_localize.models import SegmentOverride, StringTranslation

from earlyaccess.models import Grant
from tests.earlyaccess.conftest import grant, make_recipient, release  # noqa: F401 (fixtures)
from tests.editorial.test_validation_every_way_in import text_segment, translation, url_segment  # noqa: F401
from tests.error_pages import is_bad_request_page
from tests.news.test_embargo import release as embargoed_release  # noqa: F401 (the fixture ``release`` uses)

PAST_EVERY_INTEGER = "99999999999999999999"

# --- early access --------------------------------------------------------------------------------


def grants_url(page):
    return reverse("earlyaccess_admin:page", args=[page.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "recipients",
    [[PAST_EVERY_INTEGER], ["-" + PAST_EVERY_INTEGER], ["1", PAST_EVERY_INTEGER], ["99999"]],
)
def test_a_recipient_id_naming_nobody_is_the_forms_error(moderator_client, release, recipients):  # noqa: F811
    data = {"recipients": recipients, "expires_at": "2031-05-20 10:00"}

    response = moderator_client.post(grants_url(release["it"]), data)

    assert response.status_code == 200
    assert "recipients" in response.context["form"].errors
    assert not Grant.objects.exists()


def grant_addresses(item):
    return [
        reverse("earlyaccess_admin:revoke", args=[item.pk]),
        reverse("earlyaccess_admin:new_link", args=[item.pk]),
        reverse("earlyaccess_admin:revoke_all", args=[item.page_id]),
    ]


@pytest.mark.django_db
def test_only_moderators_revoke_or_renew_a_link_and_only_by_post(
    client,
    editor_client,
    translator_client,
    moderator,
    moderator_client,
    release,  # noqa: F811
):
    item, _token = grant(make_recipient(), release["it"], Grant.RELEASE)
    token_hash = item.token_hash
    for address in grant_addresses(item):
        assert client.post(address)["Location"].startswith("/admin/login/")
        for someone in (editor_client, translator_client):
            # Wagtail's admin turns the refusal into a message on the dashboard.
            assert someone.post(address, {"send": "1"})["Location"] == reverse("wagtailadmin_home")
        answer = moderator_client.get(address)
        assert answer.status_code == 405 and answer["Content-Type"].startswith("text/html")
        # A form posted from another site: no CSRF token.
        checked = Client(enforce_csrf_checks=True)
        checked.force_login(moderator)
        assert checked.post(address).status_code == 403
    item.refresh_from_db()
    assert not item.is_revoked and item.token_hash == token_hash


# --- the translation editor ----------------------------------------------------------------------


def string_url(translation):  # noqa: F811
    return reverse("wagtail_localize:edit_string_translation", args=[translation.pk, text_segment(translation).pk])


def override_url(translation):  # noqa: F811
    segment = url_segment(translation, "https://www.comune.torino.it/")
    return reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])


# Bodies the translation editor never sends (it sends a FormData with ``value``): (content, content type).
NOT_THE_EDITORS_FORM = {
    "json": ('{"value": "The city as a lab"}', "application/json"),
    "plain text": ("value=The city as a lab", "text/plain"),
    "multipart without boundary": ("value=The city as a lab", "multipart/form-data"),
    "form without value": (encode_multipart(BOUNDARY, {"data": "The city as a lab"}), MULTIPART_CONTENT),
    "broken multipart": ("--zz\r\ngarbage", "multipart/form-data; boundary=zz"),
}


def translated():
    """Every translated string and overridden value stored, to compare before and after."""
    return (
        sorted(StringTranslation.objects.values_list("pk", "data")),
        sorted(SegmentOverride.objects.values_list("pk", "data_json")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", [string_url, override_url], ids=["string", "override"])
@pytest.mark.parametrize("body", NOT_THE_EDITORS_FORM.values(), ids=NOT_THE_EDITORS_FORM.keys())
def test_a_body_that_is_not_the_editors_form_answers_400(translator_client, translation, endpoint, body):  # noqa: F811
    content, content_type = body
    before = translated()

    response = translator_client.put(endpoint(translation), content, content_type=content_type)

    assert is_bad_request_page(response)
    assert translated() == before


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", [string_url, override_url], ids=["string", "override"])
def test_a_nul_character_is_refused_and_nothing_saved(translator_client, translation, endpoint):  # noqa: F811
    body = encode_multipart(BOUNDARY, {"value": "https://www.comune.torino.it/\x00en/"})
    before = translated()

    response = translator_client.put(endpoint(translation), body, content_type=MULTIPART_CONTENT)

    # Answered as the editor's other refusals (translation_guards.py): a 200 whose ``error`` the editor shows.
    assert response.status_code == 200
    assert response.json()["error"]
    assert translated() == before


@pytest.mark.django_db
def test_the_editors_own_form_is_still_saved(translator_client, translation):  # noqa: F811
    def put(url, value):
        return translator_client.put(url, encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT)

    assert put(string_url(translation), "The city as a lab").status_code == 201
    assert put(override_url(translation), "https://www.comune.torino.it/en/").status_code == 201
    segment = text_segment(translation)
    assert StringTranslation.objects.get(context=segment.context).data == "The city as a lab"


@pytest.mark.django_db
def test_anonymous_requests_are_sent_to_sign_in(client, translation):  # noqa: F811
    body = encode_multipart(BOUNDARY, {"value": "x"})
    before = translated()
    for url in (string_url(translation), override_url(translation)):
        assert client.put(url, body, content_type=MULTIPART_CONTENT)["Location"].startswith("/admin/login/")
        assert client.put(url, "{}", content_type="application/json")["Location"].startswith("/admin/login/")
    assert translated() == before
