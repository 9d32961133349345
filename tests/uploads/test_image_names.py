"""Where images are stored: every original and every rendition in a folder of its own with a random name of 128
bits (config/media_storage.py), so that the public address of a rendition cannot be made from the uploaded file's
name. Renditions are public objects: without the folder, "press-photo-award.jpg" and a filter spec would be enough
to fetch the photo of a release still under embargo."""

import posixpath
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.images import get_image_model

from tests import factories
from tests.uploads import images
from tests.uploads.ways import upload_ways

Image = get_image_model()

# 16 random bytes in base32, lower case, without padding: 26 characters.
RANDOM = r"[a-z2-7]{26}"

add_single, add_multiple, add_from_chooser = upload_ways("wagtailimages", "image", content_type="image/png")


def folder_of(name):
    return posixpath.basename(posixpath.dirname(name))


def without_folder(name):
    """The name Wagtail alone would have given: what someone knowing the uploaded file's name can work out."""
    return posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name))


@pytest.mark.django_db
@pytest.mark.parametrize("way", [add_single, add_multiple, add_from_chooser])
def test_two_uploads_of_the_same_file_name_get_different_random_folders(editor_client, way):
    way(editor_client, "press-photo-award.png", images.png_of(800, 500))
    way(editor_client, "press-photo-award.png", images.png_of(600, 400))

    first, second = (image.file.name for image in Image.objects.order_by("pk"))
    assert re.fullmatch(rf"original_images/{RANDOM}/press-photo-award\.png", first), first
    assert re.fullmatch(rf"original_images/{RANDOM}/press-photo-award\.png", second), second
    assert folder_of(first) != folder_of(second)
    assert not default_storage.exists("original_images/press-photo-award.png")


@pytest.mark.django_db
def test_a_rendition_address_cannot_be_made_from_the_file_name_and_filter(editor_client):
    for size in ((800, 500), (600, 400)):
        add_single(editor_client, "press-photo-award.png", images.png_of(*size))
    first, second = Image.objects.order_by("pk")

    renditions = [image.get_rendition("fill-400x250|format-jpeg") for image in (first, second)]
    renditions.append(first.get_rendition("width-200"))

    for rendition in renditions:
        assert re.fullmatch(rf"/media/images/{RANDOM}/press-photo-award\.[^/]+", rendition.url), rendition.url
        assert not default_storage.exists(without_folder(rendition.file.name))
    # The same uploaded name and the same filter give two addresses: the address is no function of them. Nor do two
    # renditions of one image share a folder: one shown on a public page says nothing of the other.
    assert len({folder_of(rendition.file.name) for rendition in renditions}) == 3
    # Wagtail still finds each rendition by its filter in the database, whatever its name.
    assert first.get_rendition("fill-400x250|format-jpeg") == renditions[0]
    with default_storage.open(renditions[0].file.name) as file:
        assert file.read(3) == b"\xff\xd8\xff"


@pytest.mark.django_db
def test_a_long_file_name_still_fits_the_field_and_keeps_its_extension(editor_client):
    long_name = "comunicato-stampa-" + "premio-innovazione-torino-" * 5 + "foto.png"
    add_single(editor_client, long_name, images.png_of(800, 500))
    image = Image.objects.get()
    # Wagtail keeps a rendition's name to about 60 characters, less with a long filter; this one is longer still.
    renditions = [
        image.get_rendition("fill-1200x630|format-webp|webpquality-80"),
        image.get_rendition("fill-1200x630-c100|format-webp|webpquality-80|bgcolor-ffffff"),
    ]

    assert re.fullmatch(rf"original_images/{RANDOM}/comunicato-stampa-premio-[^/]+\.png", image.file.name)
    # Shortened, not given a suffix of Django's own: the start of the uploaded name, with its extension.
    assert long_name.startswith(posixpath.basename(image.file.name).removesuffix(".png"))
    for name in (image.file.name, *(rendition.file.name for rendition in renditions)):
        assert len(name) <= Image._meta.get_field("file").max_length, name
    for rendition in renditions:
        assert re.fullmatch(rf"images/{RANDOM}/comun[^/]+\.webp", rendition.file.name), rendition.file.name
        with default_storage.open(rendition.file.name) as file:
            assert file.read(12)[8:] == b"WEBP"


@pytest.mark.django_db
def test_deleting_an_image_leaves_no_empty_folder_behind(editor_client, django_capture_on_commit_callbacks):
    add_single(editor_client, "press-photo-award.png", images.png_of(800, 500))
    image = Image.objects.get()
    rendition = image.get_rendition("fill-400x250")
    folders = [posixpath.dirname(image.file.name), posixpath.dirname(rendition.file.name)]

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("wagtailimages:delete", args=[image.pk]))

    assert response.status_code == 302
    for folder in folders:
        assert not default_storage.exists(folder), folder


@pytest.mark.django_db
def test_a_name_given_to_the_storage_itself_is_kept():
    """A backup is restored file by file under its own names (deploy/backup.py), made before the random folders or
    after: only the names Wagtail's upload_to gives get a folder."""
    before = default_storage.save("original_images/archivio.png", ContentFile(images.png_of(10, 10)))
    after = default_storage.save(
        "images/abcdefghijklmnopqrstuvwxyz/archivio.fill-10x10.png", ContentFile(images.png_of(10, 10))
    )

    assert before == "original_images/archivio.png"
    assert after == "images/abcdefghijklmnopqrstuvwxyz/archivio.fill-10x10.png"


@pytest.mark.django_db
def test_images_made_by_code_get_random_folders_too():
    """Factories, the demo loader and management commands save through the model field as the admin does."""
    image = factories.ImageFactory(file=ContentFile(images.png_of(20, 20), name="logo.png"))

    assert re.fullmatch(rf"original_images/{RANDOM}/logo\.png", image.file.name)
