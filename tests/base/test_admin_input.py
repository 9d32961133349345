"""A page, snippet or settings form posted with values the admin's own pages could not have sent answers the site's
400 page, not a 500 (base/admin_input.py).

Hand-made POSTs: a StreamField's management fields missing or not numbers, rich text that is not the editor's JSON,
a chooser id that is not an id. Each was a 500 (ValueError, KeyError, JSONDecodeError, AttributeError, TypeError
inside Wagtail). Values a browser does send, an id naming nothing among them, are still the form's business.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import streamfield

from base.models import StandardPage
from projects.models import ProjectPage
from tests import admin_forms
from tests.base.site_settings import settings_form
from tests.error_pages import is_bad_request_page


def assert_site_400(response):
    assert is_bad_request_page(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="stylesheet") is not None  # the site's layout


def changed(data, **changes):
    """``data`` with each change applied; a change to None removes the field."""
    data = dict(data)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


# The standard page form's body is a heading (body-0) and a paragraph (body-1).
BROKEN_BODIES = {
    "count not a number": {"body-count": "abc"},
    "count missing": {"body-count": None},
    "order not a number": {"body-0-order": "x"},
    "order missing": {"body-0-order": None},
    "type missing": {"body-0-type": None},
    "deleted missing": {"body-0-deleted": None},
    "count past the blocks sent": {"body-count": "1000000000"},
    "paragraph not JSON": {"body-1-value": "{not json"},
    "paragraph a JSON list": {"body-1-value": "[1, 2]"},
    "paragraph blocks not a list": {"body-1-value": '{"blocks": 5, "entityMap": {}}'},
}


@pytest.mark.django_db
@pytest.mark.parametrize("changes", BROKEN_BODIES.values(), ids=BROKEN_BODIES.keys())
def test_a_body_that_cannot_be_read_answers_400(admin_client, home_page, changes):
    data = changed(admin_forms.standard_page_form(publish=False), **changes)

    response = admin_client.post(admin_forms.add_url(StandardPage, home_page), data)

    assert_site_400(response)
    assert not StandardPage.objects.filter(title="Dichiarazione di accessibilità").exists()


@pytest.mark.django_db
def test_an_unreadable_body_is_refused_on_the_edit_form_too(admin_client, standard_page):
    data = admin_forms.standard_page_form(publish=False, title=standard_page.title, slug=standard_page.slug)

    assert_site_400(admin_client.post(admin_forms.edit_url(standard_page), changed(data, **{"body-count": "abc"})))


def gallery_image(image_id):
    return {
        "gallery-count": "1",
        "gallery-0-type": "image",
        "gallery-0-deleted": "",
        "gallery-0-order": "0",
        "gallery-0-value-image": image_id,
        "gallery-0-value-alt_text": "Il laboratorio",
        "gallery-0-value-decorative": "",
    }


PROJECT_INPUT = {
    "rich text not JSON": {"challenge": "{not json"},
    "rich text a number": {"challenge": "5"},
    "rich text a block without text": {"challenge": '{"blocks": [{"type": "unstyled"}], "entityMap": {}}'},
    "image chooser": {"hero_image": "abc"},
    "page chooser": {"programme": "abc"},
    "snippet chooser": {"district": "1.5"},
    "image chooser in a block": gallery_image("abc"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("changes", PROJECT_INPUT.values(), ids=PROJECT_INPUT.keys())
def test_rich_text_or_a_chooser_id_that_cannot_be_read_answers_400(admin_client, project_index, changes):
    data = changed(admin_forms.project_page_form(publish=False), **changes)

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert_site_400(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("page_id", "status"), [("abc", 400), (None, 302)], ids=["not an id", "an id"])
def test_a_page_chooser_id_that_cannot_be_read_answers_400_on_the_settings_form(
    admin_client, home_page, page_id, status
):
    data = settings_form(footer_links=streamfield([("page", page_id or str(home_page.pk))]))
    url = reverse("wagtailsettings:edit", args=["base", "sitesettings", Site.objects.get(is_default_site=True).pk])

    response = admin_client.post(url, data)

    if status == 400:
        assert_site_400(response)
    else:
        assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [{"hero_image": "99999"}, {"programme": "99999"}, gallery_image("99999"), {"challenge": "null"}],
    ids=["image", "page", "image in a block", "rich text null"],
)
def test_ids_naming_nothing_and_empty_rich_text_are_still_the_forms_business(admin_client, project_index, changes):
    data = changed(admin_forms.project_page_form(publish=False, title="Navetta", slug="navetta"), **changes)

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_a_well_formed_page_is_still_saved(admin_client, project_index, programme, district, image):
    data = admin_forms.project_page_form(
        publish=False, programme=programme, district=district, hero_image=str(image.pk), **gallery_image(str(image.pk))
    )

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 302
    page = ProjectPage.objects.get(slug="navetta-a-guida-autonoma")
    assert page.hero_image == image and page.programme.specific == programme
    assert page.gallery[0].value.id == image.pk
