"""The password form of a restricted page tells nothing about other pages (base/views.py).

Wagtail's /_util/authenticate_with_password/<restriction>/<page>/ gave the form (200) for any page id that exists
and a 404 for one that does not, whatever the restriction: a way to tell which ids name pages, unpublished and
embargoed ones included. Now a page not under the restriction, existing or not, gets the 404 of an unknown address.
"""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories


def form_url(restriction, page_id, language=""):
    return f"{language}/_util/authenticate_with_password/{restriction.pk}/{page_id}/"


@pytest.fixture
def restriction(project):
    return PageViewRestriction.objects.create(
        page=project.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="segreto"
    )


@pytest.fixture
def unpublished(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Embargo", slug="embargo", live=False)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "/en"])
def test_a_page_outside_the_restriction_is_the_same_404_as_no_page(client, restriction, unpublished, language):
    outside = client.get(form_url(restriction, unpublished.pk, language))
    missing = client.get(form_url(restriction, 99999, language))
    beyond_any_id = client.get(form_url(restriction, 10**20, language))  # past the integer column (SQLite overflow)
    unknown_address = client.get(f"{language}/no-such-page/")

    assert outside.status_code == missing.status_code == beyond_any_id.status_code == unknown_address.status_code == 404
    assert outside.content == missing.content == beyond_any_id.content == unknown_address.content
    assert client.post(form_url(restriction, unpublished.pk, language), {"password": "segreto"}).status_code == 404


@pytest.mark.django_db
def test_a_draft_under_the_restriction_is_the_same_404_as_no_page(client, restriction, project):
    """Under the restriction too, only a page its password would open has the form: a draft's id is not told."""
    draft = factories.ProjectPageFactory(parent=project.get_parent(), title="Bozza", slug="bozza-riservata", live=False)
    under = client.get(form_url(restriction, draft.pk))
    missing = client.get(form_url(restriction, 99999))
    assert under.status_code == missing.status_code == 404
    assert under.content == missing.content
    assert client.get(form_url(restriction, project.pk)).status_code == 200


@pytest.mark.django_db
def test_a_restriction_without_a_password_has_no_password_form(client, project):
    restriction = PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(form_url(restriction, project.pk)).status_code == 404


@pytest.mark.django_db
def test_the_restricted_page_and_those_below_it_still_take_the_password(client, restriction, project):
    for page in (restriction.page, project):
        response = client.get(form_url(restriction, page.pk))
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()

    response = client.post(form_url(restriction, project.pk), {"password": "segreto", "return_url": project.url})

    assert response.status_code == 302 and response["Location"] == project.url
    assert client.get(project.url).status_code == 200
