"""Media in S3-compatible object storage (config/object_storage.py), against moto's S3 server on a loopback port:
originals and documents private, renditions public and cached for a year, documents served by the app with their
headers, decompression bombs refused, a storage that does not answer costing a broken image and never a 500."""

import io
import re
import uuid

import pytest
import requests
from django.core.files.base import ContentFile
from django.template import Context, Template
from PIL import Image as PILImage

from tests import factories
from tests.uploads import images

pytest.importorskip("storages", reason="django-storages is not installed (requirements.txt)")
pytest.importorskip("moto", reason="moto is not installed (requirements-dev.txt)")

from tests.topology.servers import S3Server, free_port  # noqa: E402


@pytest.fixture(scope="module")
def s3():
    server = S3Server()
    yield server
    server.stop()


def media_storage(s3, bucket, endpoint=None):
    return {
        "BACKEND": "config.object_storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or s3.url,
            "region_name": s3.REGION,
            "access_key": s3.ACCESS_KEY,
            "secret_key": s3.SECRET_KEY,
            "public_url": f"{endpoint or s3.url}/{bucket}",
        },
    }


@pytest.fixture
def bucket(s3, settings):
    name = f"media-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(name)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(s3, name)}
    return name


def jpeg(width=320, height=200):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_originals_are_private_and_renditions_public_with_a_long_cache(s3, bucket):
    image = factories.ImageFactory(file=ContentFile(jpeg(), name="piazza.jpg"))

    assert image.file.name.startswith("original_images/")
    original = requests.get(f"{s3.url}/{bucket}/{image.file.name}", timeout=10)
    assert original.status_code == 403  # not for anonymous readers

    rendition = image.get_rendition("fill-160x100")
    assert rendition.url.startswith(f"{s3.url}/{bucket}/images/")
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert PILImage.open(io.BytesIO(served.content)).size == (160, 100)


@pytest.mark.django_db
def test_a_second_upload_with_the_same_name_does_not_overwrite_the_first(s3, bucket):
    first = factories.ImageFactory(file=ContentFile(jpeg(100, 100), name="foto.jpg"))
    second = factories.ImageFactory(file=ContentFile(jpeg(200, 100), name="foto.jpg"))

    assert first.file.name != second.file.name
    with first.open_file() as file:
        assert PILImage.open(file).size == (100, 100)


@pytest.mark.django_db
def test_in_the_bucket_too_originals_and_renditions_are_in_random_folders(s3, bucket):
    first = factories.ImageFactory(file=ContentFile(jpeg(), name="press-photo-award.jpg"))
    second = factories.ImageFactory(file=ContentFile(jpeg(), name="press-photo-award.jpg"))
    renditions = [image.get_rendition("fill-160x100") for image in (first, second)]

    random = r"[a-z2-7]{26}"
    for image, rendition in zip((first, second), renditions, strict=True):
        assert re.fullmatch(rf"original_images/{random}/press-photo-award\.jpg", image.file.name)
        assert re.fullmatch(rf"{s3.url}/{bucket}/images/{random}/press-photo-award\.[^/]+\.jpg", rendition.url)
        assert requests.get(rendition.url, timeout=10).status_code == 200
    assert renditions[0].url != renditions[1].url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content_type", "disposition"),
    [("bando.pdf", "application/pdf", "inline"), ("dati.csv", "text/csv", "attachment")],
)
def test_documents_are_private_in_the_bucket_and_served_by_the_app_with_their_headers(
    client, s3, bucket, filename, content_type, disposition
):
    document = factories.DocumentFactory(file=ContentFile(b"%PDF-1.4\n% bando\n", name=filename))

    assert requests.get(f"{s3.url}/{bucket}/{document.file.name}", timeout=10).status_code == 403
    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(disposition)
    if disposition == "attachment":
        assert filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n% bando\n"


@pytest.mark.django_db
def test_an_original_too_big_to_decode_is_refused_from_the_bucket_too(s3, bucket):
    from django.core.files.storage import default_storage

    name = default_storage.save("original_images/bomba.png", ContentFile(images.png_declaring(30000, 30000)))

    with pytest.raises(OSError, match="WAGTAILIMAGES_MAX_IMAGE_PIXELS"):
        default_storage.open(name)


@pytest.mark.django_db
def test_with_the_storage_down_an_image_is_a_broken_image_not_an_error_and_readyz_says_so(client, s3, bucket, settings):
    from django.core.files.storage import default_storage

    image = factories.ImageFactory(file=ContentFile(jpeg(), name="ponte.jpg"))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(s3, bucket, endpoint=f"http://127.0.0.1:{free_port()}"),
    }
    image.file.storage = default_storage

    html = Template("{% load wagtailimages_tags %}{% image image fill-80x80 %}").render(Context({"image": image}))

    assert "<img" in html
    readiness = client.get("/readyz")
    assert readiness.status_code == 503
    assert readiness.json()["checks"]["storage"].startswith("failed")
