"""The press room: press releases, a media kit of photos and logos with credit and licence and of
documents to download, and the press contacts from the Contact snippet."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import PressRoomPage
from tests import factories


@pytest.fixture
def press_room(home_page, news_index):
    photo = factories.ImageFactory(title="Laboratorio", file__width=1600, file__height=900)
    logo = factories.ImageFactory(title="Marchio", file__width=800, file__height=800, file__format="PNG")
    sheet = factories.DocumentFactory(title="Scheda per la stampa")
    room = factories.PressRoomPageFactory(
        parent=home_page,
        media_kit=[
            factories.media_kit_photo(photo),
            factories.media_kit_logo(logo),
            factories.media_kit_document(sheet),
        ],
    )
    factories.NewsPageFactory(
        parent=news_index, title="Comunicato uno", is_press_release=True, date=datetime.date(2025, 5, 2)
    )
    factories.NewsPageFactory(parent=news_index, title="Notizia qualsiasi", date=datetime.date(2025, 5, 3))
    factories.ContactFactory(name="Ufficio stampa", email="stampa@comune.torino.it", is_press=True)
    factories.ContactFactory(name="Centralino", email="info@comune.torino.it", is_press=False)
    return {"page": room, "photo": photo, "logo": logo, "sheet": sheet}


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_press_room_lists_press_releases_only(client, press_room):
    soup = soup_of(client, press_room["page"])

    titles = [a.get_text(strip=True) for a in soup.select(".release__title a")]
    assert titles == ["Comunicato uno"]


@pytest.mark.django_db
def test_media_kit_shows_credit_licence_and_downloads(client, press_room):
    soup = soup_of(client, press_room["page"])
    items = soup.select(".media-kit-item")

    assert len(items) == 2
    photo_text = items[0].get_text(" ", strip=True)
    assert "Foto: Città di Torino" in photo_text
    assert "CC BY 4.0" in photo_text
    assert items[0].select_one("a[rel=license]")["href"] == "https://creativecommons.org/licenses/by/4.0/"
    download = items[0].select_one("a[download]")
    # the photo at full size, as a rendition: originals are not served to the public (tests/uploads)
    assert download["href"] == press_room["photo"].get_rendition("original|jpegquality-92|webpquality-92").url
    assert "1600×900" in download.get_text()
    assert items[0].select_one("img")["alt"] == "Il laboratorio di Barriera"
    assert "Solo uso editoriale" in items[1].get_text()
    assert items[1].select_one("img")["src"].endswith(".png")  # logos keep their transparency
    document = soup.select_one(".media-kit-document a[download]")
    assert document["href"] == press_room["sheet"].url
    assert document.get_text(strip=True) == "Scheda per la stampa"
    assert "PDF" in soup.select_one(".media-kit-document").get_text()


@pytest.mark.django_db
def test_downloads_answer(client, press_room):
    assert client.get(press_room["sheet"].url).status_code == 200


@pytest.mark.django_db
def test_press_contacts_come_from_the_contact_snippet(client, press_room, locale_en):
    factories.ContactFactory(name="Press office", email="press@comune.torino.it", is_press=True, locale=locale_en)

    # No separator: an address is split by the <wbr> that let it break after "@" or before a dot.
    text = soup_of(client, press_room["page"]).select_one(".contacts").get_text("", strip=True)

    assert "stampa@comune.torino.it" in text
    assert "info@comune.torino.it" not in text  # not a press contact
    assert "press@comune.torino.it" not in text  # another language


@pytest.mark.django_db
def test_media_kit_refuses_an_image_without_credit(press_room):
    page = press_room["page"]
    page.media_kit = [factories.media_kit_photo(press_room["photo"], credit="")]

    with pytest.raises(ValidationError):
        PressRoomPage._meta.get_field("media_kit").stream_block.clean(page.media_kit)


@pytest.mark.django_db
def test_one_press_room_per_home_page(home_page, press_room):
    assert not PressRoomPage.can_create_at(home_page)
    assert PressRoomPage.allowed_parent_page_models() == [home_page.specific_class]


@pytest.mark.django_db
def test_press_release_is_labelled_on_cards_and_page(client, press_room, news_index):
    release = news_index.get_children().get(title="Comunicato uno")

    soup = soup_of(client, news_index)
    cards = {card.h2.get_text(strip=True): card.get_text() for card in soup.select(".card--news")}
    assert "Comunicato stampa" in cards["Comunicato uno"]
    assert "Comunicato stampa" not in cards["Notizia qualsiasi"]
    assert soup_of(client, release).select_one(".press-label").get_text(strip=True) == "Comunicato stampa"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sala-stampa/", "/notizie/", "/"])
def test_release_listings_cost_a_fixed_number_of_queries(client, press_room, news_index, path):
    image = factories.ImageFactory()

    def measure():
        client.get(path)  # warm up: renditions, site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    factories.NewsPageFactory.create_batch(2, parent=news_index, is_press_release=True, hero_image=image)
    few = measure()
    factories.NewsPageFactory.create_batch(12, parent=news_index, is_press_release=True, hero_image=image)
    assert measure() == few
