"""The site chrome names no page readers may not see (base/templatetags/navigation_tags.py): a footer link chosen in
the site settings to a page in a private section, and a breadcrumb (or its JSON-LD twin) to a section that is not
live or is private above a live page (Wagtail leaves a section's pages live when it is unpublished), are left out,
on pages (``_read_page_chrome``) as on the views that are not pages, the search and the 404 (``localized_pages``)."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction, Site

from base.models import SiteSettings
from tests import factories

SECRET = "Verbale riservato della giunta"
SECRET_EN = "Confidential minutes"
SECTION = "Sezione bozza Omega"


def choose_for_footer(*pages):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(), defaults={"footer_links": [{"type": "page", "value": page.pk} for page in pages]}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
@pytest.mark.parametrize("on", ["page", "section"])
def test_a_footer_link_to_a_page_in_a_private_section_is_left_out(client, home_page, translate, kind, on):
    translate(home_page, title="Torino Innovation")
    section = factories.StandardPageFactory(parent=home_page, title="Giunta", slug="giunta")
    secret = factories.StandardPageFactory(parent=section, title=SECRET, slug="verbale-riservato")
    public = factories.StandardPageFactory(parent=home_page, title="Note legali", slug="note-legali")
    PageViewRestriction.objects.create(page=secret if on == "page" else section, restriction_type=kind, password="x")
    # Translated once private: Wagtail copies the restriction to the English page (its section's, with the section).
    translate(secret, title=SECRET_EN, slug="confidential-minutes")
    choose_for_footer(secret, public)

    leaks = []
    for address in ("/", "/note-legali/", "/en/", "/cerca/?q=x", "/en/search/?q=x", "/nessuna-pagina/"):
        body = client.get(address).content.decode()
        assert "Note legali" in body or "Note legali (EN)" in body, address  # the public link is still there
        leaks += [(address, word) for word in (SECRET, SECRET_EN, "verbale-riservato", "confidential") if word in body]
    assert not leaks


def crumbs(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    shown = [item.get_text(strip=True) for item in soup.select("nav.breadcrumbs li")]
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    trail = next(item for item in graph if item["@type"] == "BreadcrumbList")["itemListElement"]
    return shown, [item["name"] for item in trail]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["unpublished", "never published", "private"])
def test_a_section_readers_may_not_see_is_left_out_of_the_breadcrumbs_and_their_json_ld(
    client, home_page, how, django_user_model
):
    section = factories.StandardPageFactory(parent=home_page, title=SECTION, slug="sezione-omega")
    child = factories.StandardPageFactory(parent=section, title="Capitolo", slug="capitolo")
    factories.StandardPageFactory(parent=child, title="Pagina pubblica", slug="pagina-pubblica")
    if how == "unpublished":
        section.unpublish()  # Wagtail's default: its pages stay live
    elif how == "never published":
        type(section).objects.filter(pk=section.pk).update(live=False, first_published_at=None, last_published_at=None)
    else:
        # Its pages are private with it: shown only to a reader it lets in, without the private section's name.
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
        client.force_login(django_user_model.objects.create_user("lettore", password="x"))
    if how != "private":
        assert client.get("/sezione-omega/").status_code == 404

    response = client.get("/sezione-omega/capitolo/pagina-pubblica/")

    assert SECTION not in response.content.decode()
    expected = ["Home", "Pagina pubblica"] if how == "private" else ["Home", "Capitolo", "Pagina pubblica"]
    assert crumbs(response) == (expected, expected)
