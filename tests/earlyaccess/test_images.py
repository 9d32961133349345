"""The images a release or a dossier uses reach the recipient through their link, never at a public address."""

import json
import posixpath
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from base.site_url import site_root_url
from earlyaccess.models import Grant, Opening
from tests import factories
from tests.earlyaccess.conftest import (
    BEFORE,
    BROKEN_LINKS,
    NO_STORE,
    assert_same_as_unknown,
    break_link,
    grant,
    link,
    not_found_answers,
    read,
)
from tests.uploads.images import png_of


def image_address(token, rendition):
    return f"{link(token)}images/{rendition.pk}/{posixpath.basename(rendition.file.name)}"


def image_addresses(response):
    """Every address the page gives an image: src, srcset and picture sources, share image, JSON-LD."""
    soup = BeautifulSoup(response.content, "html.parser")
    addresses = [tag["src"] for tag in soup.select("img[src]")]
    for tag in soup.select("[srcset]"):
        addresses += [candidate.split()[0] for candidate in tag["srcset"].split(",")]
    addresses += [tag["content"] for tag in soup.select('meta[property="og:image"], meta[name="twitter:image"]')]
    for script in soup.select('script[type="application/ld+json"]'):
        for item in json.loads(script.string)["@graph"]:
            addresses += item.get("image", []) if isinstance(item.get("image"), list) else []
    return addresses


@pytest.fixture
def photos(db):
    """The release's lead image, the photo in its body (both uploaded for it alone) and an image it does not use."""
    return (
        factories.ImageFactory(title="Piano 2031"),
        factories.ImageFactory(title="Cantiere"),
        factories.ImageFactory(),
    )


@pytest.fixture
def illustrated_release(release, photos):
    hero, figure, _other = photos
    page = release["it"]
    page.hero_image = hero
    page.body = [factories.figure_block(figure), factories.paragraph()]
    page.save()
    return page


@pytest.mark.django_db
def test_the_release_shows_its_images_through_the_token_only(client, illustrated_release, photos, journalist):
    hero, figure, _other = photos
    item, token = grant(journalist, illustrated_release, Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        page = read(client, token)
        content = page.content.decode()
        addresses = image_addresses(page)
        answers = {address: client.get(address.removeprefix(site_root_url())) for address in addresses}

    assert page.status_code == 200
    personal = f"{link(token)}images/"
    assert addresses, "the page shows its images"
    assert all(address.removeprefix(site_root_url()).startswith(personal) for address in addresses), addresses
    # Lead image (picture: WebP and JPEG sources, two sizes), the share image of it, and the figure in the body.
    served = {hero.renditions.model.objects.get(pk=address.split("/")[-2]).image_id for address in addresses}
    assert served == {hero.pk, figure.pk}
    assert settings.MEDIA_URL not in content, "no public address of any image is left in the page"
    for rendition in (*hero.renditions.all(), *figure.renditions.all()):
        assert rendition.url not in content

    for address, response in answers.items():
        assert response.status_code == 200, address
        rendition = hero.renditions.model.objects.get(pk=address.split("/")[-2])
        with rendition.file.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        assert response["Content-Type"] in ("image/webp", "image/jpeg")
        assert response["Cache-Control"] == NO_STORE
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
    # An image is part of the page opened: it records no opening of its own.
    assert [(o.what, o.grant) for o in Opening.objects.all()] == [(Opening.PAGE, item)]


@pytest.mark.django_db
def test_an_image_uploaded_for_the_release_has_no_public_address_anyone_can_work_out(client, release, journalist):
    """Its renditions are public objects, but in random folders (config/media_storage.py): knowing the uploaded
    file's name and guessing the filter is not enough, and the recipient's page never shows the folders."""
    photo = factories.ImageFactory(file=ContentFile(png_of(1600, 900, mode="RGB"), name="press-photo-award.png"))
    page = release["it"]
    page.hero_image = photo
    page.save()
    _item, token = grant(journalist, page, Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        response = read(client, token)
        addresses = image_addresses(response)
        answers = [client.get(address.removeprefix(site_root_url())) for address in addresses]

    assert addresses and all(answer.status_code == 200 for answer in answers)
    content = response.content.decode()
    for rendition in photo.renditions.all():
        folder, name = posixpath.split(rendition.file.name)
        assert re.fullmatch(r"images/[a-z2-7]{26}", folder), rendition.file.name
        assert name.startswith("press-")  # Wagtail shortens it to fit the filter in 60 characters
        assert posixpath.basename(folder) not in content
        # Where Wagtail alone would have put it, from the file name and the filter spec: nothing.
        assert not default_storage.exists(f"images/{name}")


@pytest.mark.django_db
def test_images_are_read_through_the_storage_never_from_a_path(client, illustrated_release, journalist, monkeypatch):
    """In production the media are in a bucket (django-storages), where a file has no path on disk."""
    _item, token = grant(journalist, illustrated_release, Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        addresses = image_addresses(read(client, token))

        # A storage that only opens files, as S3Storage does: a path on disk is refused, as S3Storage refuses it.
        path_on_disk = FileSystemStorage.path

        def no_path(storage, name):
            raise NotImplementedError("This backend doesn't support absolute paths.")

        def open_only(storage, name, mode="rb"):
            return File(open(path_on_disk(storage, name), mode))  # noqa: SIM115 (the response closes it)

        monkeypatch.setattr(FileSystemStorage, "_open", open_only)
        monkeypatch.setattr(FileSystemStorage, "path", no_path)
        response = client.get(addresses[0])
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["not used", "wrong name"] + BROKEN_LINKS)
def test_any_other_image_answers_like_an_unknown_address(
    client, illustrated_release, photos, journalist, news_index, case
):
    hero, _figure, other = photos
    item, token = grant(journalist, illustrated_release, Grant.RELEASE)
    rendition = hero.get_rendition("fill-800x450|format-webp")
    address = image_address(token, rendition)
    if case == "not used":
        address = image_address(token, other.get_rendition("fill-800x450|format-webp"))
    elif case == "wrong name":
        address = address.replace(posixpath.basename(rendition.file.name), "altro.webp")
    else:
        address = break_link(case, address, item, token, journalist, news_index)
    with time_machine.travel(BEFORE, tick=False):
        (first, second), missing = not_found_answers(client, address)
    assert_same_as_unknown(first, second, address, missing)
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_the_dossier_shows_the_images_of_the_draft_given(client, dossier, photos, juror):
    published_hero, draft_hero, _other = photos
    dossier.hero_image = published_hero
    dossier.save_revision().publish()
    dossier.hero_image = draft_hero
    dossier.save_revision()  # the jury is given this draft: its new lead image, no longer the published one
    _grant, token = grant(juror, dossier, Grant.DOSSIER)

    for view in (link(token, "it"), link(token, "it", "print")):
        response = client.get(view)
        assert response.status_code == 200
        addresses = image_addresses(response)
        assert addresses and all(a.removeprefix(site_root_url()).startswith(f"{link(token)}images/") for a in addresses)
        assert settings.MEDIA_URL not in response.content.decode()
        assert client.get(addresses[0].removeprefix(site_root_url())).status_code == 200
    assert draft_hero.renditions.exists()
    published = published_hero.get_rendition("fill-800x450|format-webp")
    assert client.get(image_address(token, published)).status_code == 404
