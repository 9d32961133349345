"""A NUL character in an admin query string answers the site's 400 page: it never reaches PostgreSQL.

PostgreSQL refuses NUL in any text (DataError, a 500): ``?locale=%00`` on the snippet listings and add forms, the
page and image choosers, the tag autocomplete. config/urls.py wraps every admin view with the check
(config/admin_guard.py). On SQLite the same requests answered 200; here they answer 400 on both.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.error_pages import is_bad_request_page

ADDRESSES = [
    "/admin/snippets/base/contact/?locale=%00",
    "/admin/snippets/base/contact/add/?locale=%00",
    "/admin/snippets/base/contact/?q=a%00b",
    "/admin/choose-page/?q=%00",
    "/admin/choose-page/search/?q=x&locale=%00",
    "/admin/images/chooser/?tag=%00",
    "/admin/documents/chooser/?q=%00",
    "/admin/tag-autocomplete/?term=%00",
    "/admin/pages/search/?q=%00",
    "/admin/?%00=1",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_nul_in_an_admin_query_string_answers_400_with_the_site_page(admin_client, home_page, address):
    response = admin_client.get(address)

    assert is_bad_request_page(response)
    assert response["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="stylesheet") is not None  # the site's layout
    assert soup.select_one("main a.button")["href"] == "/"


@pytest.mark.django_db
def test_the_guard_runs_before_the_sign_in_redirect(client):
    # Nobody signed in: refused at once, not sent to the sign-in page with the NUL in its ?next=.
    assert client.get("/admin/snippets/base/contact/?locale=%00").status_code == 400


@pytest.mark.django_db
def test_admin_views_without_a_nul_are_untouched(admin_client, home_page):
    assert admin_client.get("/admin/snippets/base/contact/?locale=it").status_code == 200
    assert admin_client.get("/admin/tag-autocomplete/?term=tor").status_code == 200
    assert reverse("wagtailadmin_home") == "/admin/"
