"""Metadata outside the places Pillow reports (a JPEG's other APPn segments or bytes after its end, a PNG's private
chunk or bytes after IEND, a GIF's XMP or comment blocks, a WebP's unknown chunk or bytes after its RIFF) is not
stored with the original: what a file may keep is an allow-list of its parts. The picture stays the same: same
format, size, mode, colour profile, frames and pixels (the kept parts are copied, not re-encoded)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.images import get_image_model

from tests import factories
from tests.uploads import images
from tests.uploads.images import HIDDEN
from tests.uploads.ways import upload_ways

Image = get_image_model()

add_single, _add_multiple, _add_from_chooser = upload_ways("wagtailimages", "image")

ICC = images.srgb_profile()

CASES = {
    "JPEG APP3 (Meta)": (
        "a.jpg",
        images.with_jpeg_segment(images.jpeg_of(icc_profile=ICC), 0xE3, b"META\0\0" + HIDDEN),
    ),
    "JPEG APP12 (Ducky)": ("a.jpg", images.with_jpeg_segment(images.jpeg_of(), 0xEC, b"Ducky\0" + HIDDEN)),
    "JPEG APP15": ("a.jpg", images.with_jpeg_segment(images.jpeg_of(), 0xEF, HIDDEN)),
    "JPEG APP2 that is no colour profile": (
        "a.jpg",
        images.with_jpeg_segment(images.jpeg_of(), 0xE2, b"FPXR\0" + HIDDEN),
    ),
    "JPEG bytes after its end": ("a.jpg", images.jpeg_of(icc_profile=ICC) + HIDDEN),
    "progressive JPEG APP12": (
        "a.jpg",
        images.with_jpeg_segment(images.jpeg_of(progressive=True), 0xEC, b"Ducky\0" + HIDDEN),
    ),
    "CMYK JPEG (Adobe segment) APP3": ("a.jpg", images.with_jpeg_segment(images.jpeg_of("CMYK"), 0xE3, HIDDEN)),
    "PNG private chunk": ("a.png", images.png_with_chunk(b"meTa", HIDDEN, icc_profile=ICC)),
    "PNG bytes after IEND": ("a.png", images.png_picture(icc_profile=ICC) + HIDDEN),
    "GIF XMP application block": (
        "a.gif",
        images.gif_before_trailer(images.gif_extension(0xFF, b"<x:xmpmeta " + HIDDEN + b"/>", b"XMP DataXMP")),
    ),
    "GIF comment after the last frame": ("a.gif", images.gif_before_trailer(images.gif_extension(0xFE, HIDDEN))),
    "GIF bytes after its trailer": ("a.gif", images.animated_gif() + HIDDEN),
    "WebP unknown chunk": ("a.webp", images.webp_with_chunk(b"META", HIDDEN)),
    "WebP bytes after its RIFF": ("a.webp", images.webp_picture() + HIDDEN),
}


def stored_original(image):
    with image.open_file() as f:
        return f.read()


def frames(data):
    """(format, size, mode, colour profile, [each frame's pixels]) of an image file."""
    with PILImage.open(io.BytesIO(data)) as image:
        pixels = [frame.convert("RGBA").tobytes() for frame in ImageSequence.Iterator(image)]
        return image.format, image.size, image.mode, image.info.get("icc_profile"), pixels


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CASES))
def test_hidden_metadata_is_not_stored_and_the_picture_is_the_same(editor_client, case):
    name, data = CASES[case]
    assert HIDDEN in data

    response = add_single(editor_client, name, data)

    assert response.status_code == 302, "the add form accepts the image"
    stored = stored_original(Image.objects.get())
    assert HIDDEN not in stored
    # Same picture: the kept parts are copied as they were, so even a JPEG decodes to the very same pixels.
    assert frames(stored) == frames(data)


@pytest.mark.django_db
def test_the_command_cleans_an_old_original_with_bytes_after_its_end():
    # Made by the factory, not the admin form: stored as uploaded, as before the change.
    old = factories.ImageFactory(file=ContentFile(images.jpeg_of() + HIDDEN, name="vecchia.jpg"))

    call_command("strip_image_metadata", stdout=io.StringIO(), stderr=io.StringIO())

    old.refresh_from_db()
    assert HIDDEN not in stored_original(old)
