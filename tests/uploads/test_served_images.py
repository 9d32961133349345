"""What the public site serves of an image: renditions without GPS, camera or author metadata, the media kit's
full-size download included, and a page that still answers when an original is too big to decode."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.images import get_image_model

from tests import factories
from tests.uploads import images

Image = get_image_model()


def media_file(url):
    assert url.startswith("/media/images/"), url  # a rendition, never /media/original_images/
    with default_storage.open(url.removeprefix("/media/")) as f:
        return f.read()


def image_urls(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    urls = [img["src"] for img in soup.select("img[src]")]
    urls += [url.split()[0] for source in soup.select("source[srcset]") for url in source["srcset"].split(",")]
    return [url for url in urls if url.startswith("/media/")]


@pytest.mark.django_db
def test_renditions_on_a_public_page_carry_no_gps(client, editor_client, home_page):
    editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Foto", "file": ContentFile(images.jpeg_with_gps(1600, 900), name="foto.jpg")},
    )
    home_page.hero_image = Image.objects.get()
    home_page.save_revision().publish()

    urls = image_urls(client, home_page)

    assert any(url.endswith(".jpg") for url in urls)
    for url in urls:
        metadata = images.metadata_of(media_file(url))
        assert metadata["gps"] == {}, url
        assert metadata["exif"] == {}, url


@pytest.mark.django_db
def test_media_kit_download_is_a_full_size_rendition_without_metadata(client, editor_client, home_page):
    editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Foto", "file": ContentFile(images.jpeg_with_gps(1200, 800), name="foto.jpg")},
    )
    photo = Image.objects.get()
    room = factories.PressRoomPageFactory(parent=home_page, media_kit=[factories.media_kit_photo(photo)])

    soup = BeautifulSoup(client.get(room.url).content, "html.parser")
    download = soup.select_one(".media-kit-item a[download]")["href"]

    data = media_file(download)
    assert images.metadata_of(data)["gps"] == {}
    assert "1200×800" in soup.select_one(".media-kit-item a[download]").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(("width", "height"), [(30000, 30000), (9000, 5000)])
def test_a_page_still_answers_when_an_original_is_too_big_to_decode(client, home_page, width, height):
    """An image stored before the limit (here written straight to the storage) is not decoded: the page
    answers, with a broken image in its place, rather than a 500 or a gigabyte of memory."""
    image = factories.ImageFactory()
    name = default_storage.save("original_images/enorme.png", ContentFile(images.png_declaring(width, height)))
    Image.objects.filter(pk=image.pk).update(file=name, width=width, height=height, file_size=None)
    home_page.hero_image = Image.objects.get(pk=image.pk)
    home_page.save_revision().publish()

    response = client.get(home_page.url)

    assert response.status_code == 200
    assert not Image.objects.get(pk=image.pk).renditions.exists()
