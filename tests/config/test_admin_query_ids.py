"""Ids in admin query strings that are not ids answer the site's 400 page (config/admin_guard.py); the page copy
form sent no usable parent is shown again with its errors.

The link choosers keep ``?parent_page_id=`` to link back to the page browser, and built that address with whatever
it held: ``abc`` raised NoReverseMatch, a 500. The bulk actions looked their ``?id=`` values up as they came
(``abc``: ValueError), the page listing's "select all" its ``childOf`` (``abc``: ValueError; a page that does
not exist: DoesNotExist), and the page copy form its new parent (missing, empty, ``abc``, or naming no page), 500s
too; so was a ``next`` without "/" or "." (``?next=x``), which redirect() takes for a URL pattern's name.

A whole number past its column's range, in a known query parameter or in the address, was a 500 on SQLite
(OverflowError: the driver cannot send it) wherever Wagtail looked it up through a foreign key or ``in``.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

from tests import factories
from tests.error_pages import is_bad_request_page

LINK_CHOOSERS = [
    "/admin/choose-external-link/",
    "/admin/choose-email-link/",
    "/admin/choose-phone-link/",
    "/admin/choose-anchor-link/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", LINK_CHOOSERS)
@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "²"])
def test_a_parent_page_id_that_is_not_a_number_answers_400(admin_client, home_page, address, value):
    response = admin_client.get(address, {"parent_page_id": value})

    assert is_bad_request_page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("address", LINK_CHOOSERS)
def test_a_page_id_or_none_still_opens_the_link_chooser(admin_client, home_page, address):
    assert admin_client.get(address, {"parent_page_id": str(home_page.pk)}).status_code == 200
    assert admin_client.get(address, {"parent_page_id": ""}).status_code == 200
    assert admin_client.get(address).status_code == 200


def bulk_url(app_label, model_name, action):
    return reverse("wagtail_bulk_action", args=[app_label, model_name, action])


BULK_ACTIONS = [
    ("wagtailcore", "page", "publish"),
    ("wagtailcore", "page", "delete"),
    ("wagtailimages", "image", "delete"),
    ("wagtaildocs", "document", "delete"),
    ("projects", "theme", "delete"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("action", BULK_ACTIONS, ids="/".join)
@pytest.mark.parametrize("ids", [["abc"], ["1", "abc"], ["1.5"]])
def test_a_bulk_action_on_ids_that_are_not_ids_answers_400(admin_client, home_page, action, ids):
    response = admin_client.get(bulk_url(*action), {"id": ids})

    assert is_bad_request_page(response)


@pytest.mark.django_db
def test_select_all_under_a_parent_that_is_not_a_page_answers_400_or_404(admin_client, home_page):
    url = bulk_url("wagtailcore", "page", "publish")

    assert admin_client.get(url, {"id": "all", "childOf": "abc"}).status_code == 400
    assert admin_client.get(url, {"id": "all", "childOf": "99999"}).status_code == 404


@pytest.mark.django_db
def test_bulk_actions_on_ids_still_answer(admin_client, standard_page, image):
    document = factories.DocumentFactory()
    url = bulk_url("wagtailcore", "page", "publish")

    assert admin_client.get(url, {"id": [str(standard_page.pk), "99999"]}).status_code == 200
    assert admin_client.get(url, {"id": "all", "childOf": str(standard_page.get_parent().pk)}).status_code == 200
    assert admin_client.get(bulk_url("wagtailimages", "image", "delete"), {"id": str(image.pk)}).status_code == 200
    assert admin_client.get(bulk_url("wagtaildocs", "document", "delete"), {"id": str(document.pk)}).status_code == 200
    assert admin_client.get(bulk_url("wagtailcore", "page", "nope"), {"id": "1"}).status_code == 404


@pytest.mark.django_db
def test_bulk_actions_still_need_the_admin(client, standard_page):
    response = client.get(bulk_url("wagtailcore", "page", "publish"), {"id": "abc"})

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["form", "query"])
def test_a_next_that_is_no_address_answers_400(admin_client, standard_page, where):
    url = reverse("wagtailadmin_pages:lock", args=[standard_page.pk])

    response = admin_client.post(url, {"next": "x"}) if where == "form" else admin_client.post(f"{url}?next=x")

    assert response.status_code == 400
    standard_page.refresh_from_db()
    assert not standard_page.locked


@pytest.mark.django_db
def test_a_next_that_is_a_path_still_leads_there(admin_client, standard_page):
    url = reverse("wagtailadmin_pages:lock", args=[standard_page.pk])

    response = admin_client.post(url, {"next": "/admin/pages/"})

    assert response.status_code == 302 and response["Location"] == "/admin/pages/"


def copy_form(parent_id, slug="copia"):
    data = {"new_title": "Copia", "new_slug": slug, "copy_subpages": "", "publish_copies": ""}
    if parent_id is not None:
        data["new_parent_page"] = parent_id
    return data


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def parent_field_errors(response):
    """The errors shown under the copy form's "New parent page" field."""
    chooser = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "new_parent_page"})
    assert chooser is not None, "the copy form is not shown"
    field = chooser.find_parent(attrs={"data-field": True})
    return " ".join(field.find(class_="error-message").get_text(" ").split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parent_id", "language", "error"),
    [
        ("", "it", "Campo obbligatorio."),
        ("", "en", "This field is required."),
        (None, "en", "This field is required."),
        ("99999", "en", "Select a valid choice. That choice is not one of the available choices."),
        ("99999999999999999999", "en", "Select a valid choice. That choice is not one of the available choices."),
    ],
)
def test_copying_a_page_under_no_parent_shows_the_form_again_with_the_error(
    admin_client, admin_user, standard_page, parent_id, language, error
):
    speaks(admin_user, language)

    response = admin_client.post(reverse("wagtailadmin_pages:copy", args=[standard_page.pk]), copy_form(parent_id))

    assert response.status_code == 200
    assert parent_field_errors(response) == error
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("input", attrs={"name": "new_title"})["value"] == "Copia"
    assert form.find("input", attrs={"name": "new_slug"})["value"] == "copia"
    assert not type(standard_page).objects.filter(slug="copia").exists()


@pytest.mark.django_db
def test_the_copy_form_sent_no_parent_is_still_refused_to_who_may_not_copy(client, standard_page):
    # Wagtail checks the permission first: a form shown again must not be shown to someone it would refuse.
    user = get_user_model().objects.create_user("lettore", password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(reverse("wagtailadmin_pages:copy", args=[standard_page.pk]), copy_form(""))

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not type(standard_page).objects.filter(slug="copia").exists()


@pytest.mark.django_db
def test_copying_a_page_under_a_parent_that_is_not_an_id_answers_400(admin_client, standard_page):
    response = admin_client.post(reverse("wagtailadmin_pages:copy", args=[standard_page.pk]), copy_form("abc"))

    assert response.status_code == 400
    assert not type(standard_page).objects.filter(slug="copia").exists()


@pytest.mark.django_db
def test_copying_a_page_still_works(admin_client, standard_page):
    parent = standard_page.get_parent()

    response = admin_client.post(reverse("wagtailadmin_pages:copy", args=[standard_page.pk]), copy_form(str(parent.pk)))

    assert response.status_code == 302
    assert type(standard_page).objects.get(slug="copia").get_parent() == parent


# Past SQLite's 64-bit integers, and so past every integer column on either database.
TOO_LARGE = ["99999999999999999999", str(2**63)]

# Admin addresses with an integer query parameter ("{page}": the home page). Wagtail looked the first ones up
# through a foreign key or ``in``: OverflowError on SQLite.
ADDRESSES_WITH_AN_INTEGER_PARAMETER = [
    "/admin/pages/{page}/?site={n}",
    "/admin/pages/{page}/?owner={n}",
    "/admin/pages/{page}/?content_type={n}",
    "/admin/pages/{page}/results/?site={n}",
    "/admin/pages/usage/home/homepage/?site={n}",
    "/admin/pages/usage/home/homepage/?owner={n}",
    "/admin/users/?group={n}",
    "/admin/bulk/wagtailcore/page/publish/?id={n}",
    "/admin/bulk/wagtailimages/image/delete/?id={n}",
    "/admin/bulk/projects/theme/delete/?id={n}",
    "/admin/choose-page/chosen-multiple/?id={n}",
    "/admin/images/chooser/chosen-multiple/?id={n}",
    "/admin/documents/chooser/chosen-multiple/?id={n}",
    "/admin/snippets/choose/projects/theme/chosen-multiple/?id={n}",
    # Wagtail read these without overflowing, and ignored them or answered 404: refused the same way all the same.
    "/admin/pages/search/?q=x&site={n}",
    "/admin/pages/{page}/?edited_by={n}",
    "/admin/images/?collection_id={n}",
    "/admin/documents/?collection_id={n}",
    "/admin/images/chooser/?collection_id={n}",
    "/admin/reports/site-history/?user={n}",
    "/admin/reports/locked/?locked_by={n}",
    "/admin/reports/page-types-usage/?site={n}",
    "/admin/bulk/wagtailcore/page/publish/?id=all&childOf={n}",
    "/admin/choose-external-link/?parent_page_id={n}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ADDRESSES_WITH_AN_INTEGER_PARAMETER)
@pytest.mark.parametrize("number", TOO_LARGE)
def test_a_number_past_its_column_in_the_query_string_answers_400(admin_client, home_page, address, number):
    response = admin_client.get(address.format(page=home_page.pk, n=number))

    assert is_bad_request_page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("written", [" {n}", "+{n}", "-{n}", "9_{n}"])
def test_a_number_past_its_column_is_refused_however_it_is_written(admin_client, home_page, written):
    # Django reads a number as int() does: spaces, a sign and "_" between digits included.
    number = written.format(n=TOO_LARGE[0])

    assert admin_client.get(f"/admin/pages/{home_page.pk}/", {"site": number}).status_code == 400


@pytest.mark.django_db
def test_only_numbers_past_their_column_are_refused(admin_client, admin_user, home_page, image):
    site = Site.objects.get(is_default_site=True)
    page = home_page.pk

    assert admin_client.get(f"/admin/pages/{page}/", {"site": TOO_LARGE[0]}).status_code == 400
    assert admin_client.get(f"/admin/pages/{page}/", {"site": site.pk, "owner": admin_user.pk}).status_code == 200
    assert admin_client.get(f"/admin/pages/{page}/", {"site": "99999", "content_type": "99999"}).status_code == 200
    assert admin_client.get("/admin/pages/usage/home/homepage/", {"site": site.pk}).status_code == 200
    assert admin_client.get("/admin/users/", {"group": Group.objects.create(name="G").pk}).status_code == 200
    assert admin_client.get("/admin/images/", {"collection_id": image.collection_id}).status_code == 200
    assert admin_client.get(bulk_url("wagtailimages", "image", "delete"), {"id": str(image.pk)}).status_code == 200
    # A locale is a code and ``p`` a page of results: Wagtail's own answer, as before.
    assert admin_client.get(f"/admin/pages/{page}/", {"locale": TOO_LARGE[0], "p": TOO_LARGE[0]}).status_code == 200


@pytest.mark.django_db
def test_an_id_past_every_key_column_in_the_address_answers_404(admin_client, admin_user):
    # wagtail-2fa's device list (``(?P<user_id>\d+)``) looks its user up through a foreign key: OverflowError on
    # SQLite. Wagtail's own ``<int:…>`` ids were already 404s (Django checks an integer key's range itself).
    assert admin_client.get(f"/admin/2fa/devices/{TOO_LARGE[0]}").status_code == 404
    assert admin_client.get(f"/admin/2fa/devices/{admin_user.pk}").status_code == 200
