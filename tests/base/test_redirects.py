"""base/redirects.py: Wagtail's redirects, except to a page readers may not see.

A page that is not live answers 404 to everyone; a redirect to it answered with its address (its slug, chosen for a
page nobody was meant to see yet). So did a redirect to a page in a private section, to the readers it keeps out.
Every other redirect behaves exactly as Wagtail's middleware, and an answer that is not a 404 costs nothing. (The
embargo's cases, in both languages: tests/news/test_embargo_redirects.py.)
"""

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from base.redirects import RedirectMiddleware
from tests import factories


def _headers(response):
    return sorted((name.lower(), value) for name, value in response.headers.items())


@pytest.fixture
def draft(home_page):
    """A page made but never published: its address must stay unknown."""
    page = factories.StandardPageFactory(parent=home_page, title="Bando in preparazione", slug="bando-segreto-2032")
    page.unpublish()
    page.refresh_from_db()
    assert not page.live
    return page


def assert_answers_as_missing(client, address, secret):
    """The old ``address`` answers as an address of the same length that names nothing: status, headers and page
    (the address aside), and names nothing of the page it leads to (``secret``: its slug)."""
    made_up = "/" + "x" * (len(address) - 2) + "/"
    with time_machine.travel(timezone.now(), tick=False):  # the same second in both answers' Expires
        redirected, missing = client.get(address), client.get(made_up)
    assert (redirected.status_code, missing.status_code) == (404, 404)
    assert _headers(redirected) == _headers(missing)
    assert redirected.content.replace(address.encode(), b"ADDRESS") == missing.content.replace(
        made_up.encode(), b"ADDRESS"
    )
    assert secret not in redirected.content


@pytest.mark.django_db
def test_a_redirect_to_a_page_that_is_not_live_answers_like_a_missing_address(client, draft, admin_user):
    Redirect.objects.create(old_path="/bando", redirect_page=draft)
    for _ in range(2):  # the second would find a kept answer, if one were kept
        assert_answers_as_missing(client, "/bando/", b"bando-segreto")

    draft.save_revision(user=admin_user).publish(user=admin_user)
    response = client.get("/bando/")
    assert (response.status_code, response["Location"]) == (301, "/bando-segreto-2032/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/vecchio-indirizzo/", "/vecchio-indirizzo/?utm_source=newsletter", "/con-query/?a=1", "/esterno/", "/nulla/"],
)
def test_every_other_redirect_is_wagtails_own(standard_page, address):
    """Same status and headers as Wagtail's middleware, for a page, a page's route, a link, with and without query."""
    Redirect.objects.create(old_path="/vecchio-indirizzo", redirect_page=standard_page)
    Redirect.objects.create(old_path="/con-query?a=1", redirect_page=standard_page, is_permanent=False)
    Redirect.objects.create(old_path="/esterno", redirect_link="https://www.comune.torino.it/")
    request = RequestFactory().get(address)

    def answer(_request):
        return HttpResponseNotFound("not found")

    ours, wagtails = RedirectMiddleware(answer)(request), WagtailRedirectMiddleware(answer)(request)

    # But for how long it may be kept (tests/cache/test_freshness.py): Wagtail's says nothing.
    ours_cache_control = ours.headers.pop("Cache-Control", None)
    assert (ours.status_code, _headers(ours), ours.content) == (
        wagtails.status_code,
        _headers(wagtails),
        wagtails.content,
    )
    assert ours.status_code == {"/esterno/": 301, "/nulla/": 404, "/con-query/?a=1": 302}.get(address, 301)
    assert (ours_cache_control is not None) == (ours.status_code != 404)


@pytest.mark.django_db
def test_an_answer_that_is_not_a_404_costs_no_query(standard_page, django_assert_num_queries):
    Redirect.objects.create(old_path="/pagina", redirect_page=standard_page)
    page = HttpResponse("page")
    with django_assert_num_queries(0):
        assert RedirectMiddleware(lambda request: page)(RequestFactory().get("/pagina/")) is page


@pytest.mark.django_db
def test_a_redirect_to_a_page_costs_one_query_more_than_wagtails(standard_page):
    """The one question whether readers may see the page (live, hidden by no feature)."""
    Redirect.objects.create(old_path="/pagina", redirect_page=standard_page)

    def count(middleware):
        with CaptureQueriesContext(connection) as queries:
            middleware(lambda request: HttpResponseNotFound())(RequestFactory().get("/pagina/"))
        return len(queries)

    count(WagtailRedirectMiddleware)  # the site's root paths, read once and kept by Wagtail
    assert count(RedirectMiddleware) == count(WagtailRedirectMiddleware) + 1


@pytest.fixture
def private_page(home_page):
    """A page in a private section (its section asks for a login), renamed: a redirect leads from its old address."""
    section = factories.StandardPageFactory(parent=home_page, title="Area riservata", slug="area-riservata")
    page = factories.StandardPageFactory(parent=section, title="Verbale", slug="verbale-giunta-2031")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    Redirect.objects.create(old_path="/verbale", redirect_page=page)
    return page


@pytest.mark.django_db
def test_a_redirect_to_a_page_in_a_private_section_answers_like_a_missing_address_to_readers_kept_out(
    client, private_page, django_user_model
):
    assert_answers_as_missing(client, "/verbale/", b"verbale-giunta")

    # A reader the section lets in is sent on, with an answer no cache keeps.
    client.force_login(django_user_model.objects.create_user("lettore", password="x"))
    response = client.get("/verbale/")
    assert (response.status_code, response["Location"]) == (301, "/area-riservata/verbale-giunta-2031/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_reader_a_group_restriction_keeps_out_gets_the_404(client, private_page, django_user_model):
    PageViewRestriction.objects.filter(page=private_page.get_parent()).update(
        restriction_type=PageViewRestriction.GROUPS
    )
    PageViewRestriction.objects.get().groups.add(Group.objects.create(name="Giunta"))
    client.force_login(django_user_model.objects.create_user("lettore", password="x"))

    response = client.get("/verbale/")

    assert response.status_code == 404
    assert b"verbale-giunta" not in response.content
