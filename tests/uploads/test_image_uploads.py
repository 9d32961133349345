"""Image uploads: a decompression bomb or an image over 40 megapixels gets a form error on every way of
uploading (the image form, "Add images" which answers JSON, the chooser's upload tab), never a 500; SVG is
refused; what is accepted is stored without its metadata."""

import io

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.images import get_image_model

from tests.uploads import images
from tests.uploads.ways import error_text, upload_ways

Image = get_image_model()

TOO_MANY_PIXELS = "troppi pixel"  # the Italian form error (the Editor's admin speaks Italian)


add_single, add_multiple, add_from_chooser = upload_ways("wagtailimages", "image", content_type="image/png")
ALL_WAYS = [add_single, add_multiple, add_from_chooser]

# Sizes that no image may have: Pillow's own bomb error (30000 × 30000, and 121 MP as in the issue) and just
# over the 40 MP limit, in both orientations.
OVER_THE_LIMIT = [(30000, 30000), (11000, 11000), (8000, 5001), (5001, 8000), (40_000_001, 1)]


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
@pytest.mark.parametrize(("width", "height"), OVER_THE_LIMIT)
def test_too_many_pixels_is_a_form_error(editor_client, way, width, height):
    response = way(editor_client, "bomba.png", images.png_declaring(width, height))

    assert TOO_MANY_PIXELS in error_text(way, response)
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_real_image_just_over_the_limit_is_refused(editor_client):
    """Not only a forged header: a genuine 8000 × 5001 PNG (40,008,000 pixels)."""
    response = add_multiple(editor_client, "grande.png", images.png_of(8000, 5001))

    assert TOO_MANY_PIXELS in error_text(add_multiple, response)
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
def test_an_image_within_the_limit_is_accepted(editor_client, way):
    response = way(editor_client, "piccola.png", images.png_of(800, 500))

    # The add form redirects to the listing; the other two ways answer in JSON.
    assert response.status_code == (200 if getattr(way, "answers_json", False) else 302)
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 500)


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
def test_svg_is_refused(editor_client, way):
    response = way(editor_client, "logo.svg", images.svg())

    assert "Formati supportati: AVIF, GIF, JPG, JPEG, PNG, WEBP." in error_text(way, response)
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_the_form_states_the_limits(editor_client):
    page = editor_client.get(reverse("wagtailimages:add")).content.decode()

    assert "Formati supportati: AVIF, GIF, JPG, JPEG, PNG, WEBP." in page


def stored_original(image):
    with image.open_file() as f:
        return f.read()


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
def test_jpeg_original_is_stored_without_gps_camera_or_author(editor_client, way):
    way(editor_client, "foto.jpg", images.jpeg_with_gps())

    image = Image.objects.get()
    metadata = images.metadata_of(stored_original(image))
    assert metadata["gps"] == {}
    assert metadata["exif"] == {}
    assert metadata["info"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(("orientation", "size"), [(1, (96, 48)), (6, (48, 96)), (8, (48, 96)), (3, (96, 48))])
def test_jpeg_keeps_its_orientation_once_the_exif_is_gone(editor_client, orientation, size):
    """EXIF orientation is applied to the pixels, so the picture does not turn when the EXIF goes."""
    add_single(editor_client, "foto.jpg", images.jpeg_with_gps(orientation=orientation))

    image = Image.objects.get()
    assert (image.width, image.height) == size
    with PILImage.open(io.BytesIO(stored_original(image))) as stored:
        assert stored.size == size
        assert images.metadata_of(stored_original(image))["exif"] == {}
        red_corner = {1: (0, 0), 3: (95, 47), 6: (47, 0), 8: (0, 95)}[orientation]
        red, _green, blue = stored.convert("RGB").getpixel(red_corner)
        assert red > 200 and blue < 60


@pytest.mark.django_db
def test_a_camera_jpeg_with_a_second_picture_is_turned_and_stripped(editor_client):
    """Pillow reads such a JPEG as an "animation" of two pictures: it is still a photo to turn and clean."""
    add_single(editor_client, "foto.jpg", images.camera_mpo_with_gps(orientation=6))

    image = Image.objects.get()
    with PILImage.open(io.BytesIO(stored_original(image))) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (48, 96)
        assert images.metadata_of(stored_original(image))["exif"] == {}
        red, _green, blue = stored.convert("RGB").getpixel((47, 0))
        assert red > 200 and blue < 60


@pytest.mark.django_db
def test_png_text_chunks_and_exif_are_stripped_losslessly(editor_client):
    original = images.png_with_text()
    assert images.metadata_of(original)["text"]["Author"] == "Mario Rossi"

    add_single(editor_client, "marchio.png", original)

    stored = stored_original(Image.objects.get())
    metadata = images.metadata_of(stored)
    assert metadata["text"] == {}
    assert metadata["exif"] == {}
    with PILImage.open(io.BytesIO(original)) as before, PILImage.open(io.BytesIO(stored)) as after:
        assert after.mode == before.mode == "RGBA"
        assert after.tobytes() == before.tobytes()


@pytest.mark.django_db
def test_webp_exif_is_stripped(editor_client):
    add_multiple(editor_client, "foto.webp", images.webp_with_gps())

    metadata = images.metadata_of(stored_original(Image.objects.get()))
    assert metadata["gps"] == {}
    assert metadata["exif"] == {}


@pytest.mark.django_db
def test_image_without_metadata_is_stored_as_uploaded(editor_client):
    data = images.png_of(64, 64, mode="RGB")

    add_single(editor_client, "pulita.png", data)

    assert stored_original(Image.objects.get()) == data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("animazione.gif", images.animation_with_metadata("GIF", comment=b"Mario Rossi, via Roma 1")),
        ("animazione.webp", images.animation_with_metadata("WEBP", exif=images.exif_with_gps())),
    ],
)
def test_animations_keep_their_frames_and_lose_their_metadata(editor_client, name, data):
    assert images.metadata_of(data)["info"] != []

    add_multiple(editor_client, name, data)

    stored = stored_original(Image.objects.get())
    assert images.metadata_of(stored)["info"] == []
    assert images.metadata_of(stored)["gps"] == {}
    with PILImage.open(io.BytesIO(stored)) as image:
        assert image.n_frames == 2


@pytest.mark.django_db
def test_avif_exif_is_stripped(editor_client):
    output = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(output, format="AVIF", exif=images.exif_with_gps())

    add_single(editor_client, "foto.avif", output.getvalue())

    assert images.metadata_of(stored_original(Image.objects.get()))["gps"] == {}


@pytest.mark.django_db
def test_an_avif_without_metadata_is_stored_as_uploaded(editor_client):
    """Re-encoding an AVIF loses quality: one with nothing to remove is kept byte for byte, as other formats are."""
    output = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(output, format="AVIF")

    add_single(editor_client, "pulita.avif", output.getvalue())

    assert stored_original(Image.objects.get()) == output.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
def test_a_damaged_image_is_a_form_error(editor_client, way):
    """The header reads, the pixels do not: cleaning it fails, and the editor is told, rather than a 500."""
    data = images.jpeg_with_gps(400, 300)

    response = way(editor_client, "rotta.jpg", data[: len(data) // 2])

    assert "immagine valida" in error_text(way, response)
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("way", ALL_WAYS)
def test_a_damaged_image_is_refused_after_the_dossier_pdf_engine_was_loaded(editor_client, way, monkeypatch):
    """Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process, as here."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = images.jpeg_with_gps(400, 300)

    response = way(editor_client, "rotta.jpg", data[: len(data) // 2])

    assert "immagine valida" in error_text(way, response)
    assert not Image.objects.exists()
