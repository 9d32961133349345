"""A page or document link whose stored id cannot name anything renders as a link to nothing, never a 500.

Draftail sends the ids of its LINK and DOCUMENT entities as they are; a hand-made contentstate (or a copy from
elsewhere) can store ``id="abc"`` or an id past the database's integers. Wagtail looks every id up as it renders:
ValueError ("abc") or OverflowError (SQLite) made every render of the page a 500. The body is written straight
into the database here, as content stored before any check would be.
"""

import pytest
from bs4 import BeautifulSoup

from base.models import StandardPage
from tests import factories

BAD_IDS = ["abc", "1.5", "", "-1", "1e3", "99999999999999999999", "٣"]


def body_with(html):
    return [factories.paragraph(html)]


@pytest.fixture
def page_with_links(home_page):
    target = factories.StandardPageFactory(parent=home_page, title="Bersaglio", slug="bersaglio")
    document = factories.DocumentFactory(title="Scheda")
    page = factories.StandardPageFactory(parent=home_page, title="Con link", slug="con-link")

    def store(html):
        # Straight into the table: no validation stands between this value and the render.
        StandardPage.objects.filter(pk=page.pk).update(body=body_with(html))
        return page

    return store, target, document


@pytest.mark.django_db
@pytest.mark.parametrize("linktype", ["page", "document"])
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_link_with_an_id_that_names_nothing_renders_as_a_link_to_nothing(client, page_with_links, linktype, bad_id):
    store, target, document = page_with_links
    good_id = target.pk if linktype == "page" else document.pk
    store(
        f'<p><a linktype="{linktype}" id="{bad_id}">rotto</a> e <a linktype="{linktype}" id="{good_id}">buono</a></p>'
    )

    response = client.get("/con-link/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    anchors = {a.get_text(): a for a in soup.select("a") if a.get_text() in ("rotto", "buono")}
    assert "href" not in anchors["rotto"].attrs  # as Wagtail shows a link to a deleted page or document
    expected = "/bersaglio/" if linktype == "page" else document.url
    assert anchors["buono"]["href"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("linktype", ["page", "document"])
@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999"])
def test_the_editor_opens_a_page_holding_such_a_link(moderator_client, page_with_links, linktype, bad_id):
    """Stored some other way, such a link does not lock its page out of the editor: it shows as a link to
    nothing, to be chosen again (base/rich_text_links.py)."""
    store, _target, _document = page_with_links
    page = store(f'<p><a linktype="{linktype}" id="{bad_id}">rotto</a></p>')

    response = moderator_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert "rotto" in response.content.decode()
