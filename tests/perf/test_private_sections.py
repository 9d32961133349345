"""The cheaper routing and public() (base/models.py) still keep private sections private."""

import pytest
from wagtail.models import PageViewRestriction


@pytest.fixture
def private_projects(project_index, project):
    return PageViewRestriction.objects.create(
        page=project_index, restriction_type=PageViewRestriction.PASSWORD, password="segreto"
    )


@pytest.mark.django_db
def test_a_page_in_a_private_section_asks_for_the_password(client, project):
    before = client.get(project.url)
    assert before.status_code == 200
    assert project.title in before.content.decode()

    PageViewRestriction.objects.create(
        page=project.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="segreto"
    )
    response = client.get(project.url)

    assert project.summary not in response.content.decode()
    assert b'name="password"' in response.content


@pytest.mark.django_db
def test_a_private_section_leaves_the_menu_and_the_listings(client, private_projects, project, news_index):
    home = client.get("/").content.decode()

    assert project.url not in home
    assert 'href="/progetti/"' not in home
