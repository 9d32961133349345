"""`manage.py strip_image_metadata` cleans the originals stored before uploads were cleaned."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.images import get_image_model

from tests import factories
from tests.uploads import images

Image = get_image_model()


def run(*args):
    output = io.StringIO()
    call_command("strip_image_metadata", *args, stdout=output, stderr=io.StringIO())
    return output.getvalue()


def original_of(image):
    image.refresh_from_db()
    with image.open_file() as f:
        return f.read()


@pytest.mark.django_db
def test_old_originals_lose_their_metadata_and_renditions():
    # Made by the factory, not the admin form: stored with its GPS, as before the change.
    old = factories.ImageFactory(file=ContentFile(images.jpeg_with_gps(orientation=6), name="vecchia.jpg"))
    logo = factories.ImageFactory(file=ContentFile(images.png_with_text(), name="marchio.png"))
    clean = factories.ImageFactory()
    clean_bytes = original_of(clean)
    assert images.metadata_of(original_of(old))["gps"] != {}
    stale = old.get_rendition("width-40")
    assert images.metadata_of(stale.file.read())["gps"] != {}

    assert "carries metadata" in run("--dry-run")
    assert images.metadata_of(original_of(old))["gps"] != {}

    output = run()

    assert "2 image(s) cleaned" in output
    assert images.metadata_of(original_of(old)) == images.metadata_of(original_of(clean))
    assert images.metadata_of(original_of(logo))["text"] == {}
    assert (old.width, old.height) == (48, 96)
    assert not old.renditions.filter(pk=stale.pk).exists()
    assert images.metadata_of(old.get_rendition("width-40").file.read())["gps"] == {}
    assert original_of(clean) == clean_bytes
    assert "0 image(s) cleaned" in run()
