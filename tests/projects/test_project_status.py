"""A project's status is named in the reader's language on its card, its place on the map and its own page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "italian", "english"), [("planned", "Previsto", "Planned"), ("completed", "Concluso", "Completed")]
)
def test_the_status_is_named_in_the_language_served(client, project_index, status, italian, english):
    dates = {"start_date": datetime.date(2023, 3, 1), "end_date": datetime.date(2024, 6, 30)}
    project = factories.ProjectPageFactory(
        parent=project_index, title="Orti urbani", slug="orti", status=status, **dates
    )

    index = BeautifulSoup(client.get(project_index.url).content, "html.parser")
    assert [tag.get_text() for tag in index.select(".card .status")] == [italian]
    assert italian in index.select_one(".place [data-place-meta]").get_text()
    page = BeautifulSoup(client.get(project.url).content, "html.parser")
    assert page.select_one(".status").get_text() == italian

    with translation.override("en"):
        assert project.get_status_display() == english


def test_a_status_no_longer_offered_is_shown_as_stored(project_index):
    project = factories.ProjectPageFactory(parent=project_index, slug="orti")
    project.status = "paused"
    assert project.get_status_display() == "paused"
