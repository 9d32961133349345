"""What routing reads of the pages on the way to the page served (base/models.py BasePage.route, base/route_cache.py
route_for_request): a page it only passes through is not read in its own class, the home page served is read with
what its template shows."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from base.route_cache import route_for_request
from home.models import HomePage
from projects.models import ProjectIndexPage, ProjectPage


def route(path):
    request = RequestFactory().get(path, HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as captured:
        result = route_for_request(request, path)
    return result, [query["sql"] for query in captured.captured_queries]


def reads_from(queries, table):
    return [sql for sql in queries if sql.startswith("SELECT") and f'FROM "{table}"' in sql.split(" WHERE ")[0]]


@pytest.mark.django_db
def test_a_page_below_an_index_does_not_read_the_index_in_its_own_class(project):
    (page, args, kwargs), queries = route("/progetti/laboratorio-di-quartiere/")
    assert isinstance(page, ProjectPage)
    assert page.pk == project.pk
    parent = page._cached_parent_obj
    assert isinstance(parent, ProjectIndexPage)
    assert parent.url_path == page.get_parent().url_path
    assert not reads_from(queries, ProjectIndexPage._meta.db_table)
    # Nor the home page, which routing only passed through.
    assert not reads_from(queries, HomePage._meta.db_table)


@pytest.mark.django_db
def test_the_home_page_served_is_read_with_its_language_and_view_check(home_page):
    (page, args, kwargs), queries = route("/")
    assert isinstance(page, HomePage)
    assert page.pk == home_page.pk
    assert page.view_restricted is False
    assert page.in_alias is False
    with CaptureQueriesContext(connection) as captured:
        assert page.locale.language_code == "it"
        assert list(page.get_view_restrictions()) == []
    assert len(captured.captured_queries) == 0
