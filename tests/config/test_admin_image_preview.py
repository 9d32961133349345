"""The admin's image preview refuses a preview with a side of 0 or past 4000 px with a 400, before Wagtail renders
anything, whatever operation asks for it (fill, max, min, width, height, scale).

/admin/images/<id>/preview/fill-0x0/ raised ZeroDivisionError (a 500) and fill-1x99999999 MemoryError: anyone with
access to the images could take a worker's memory. config/urls.py serves the preview through
config/admin_guard.py's check.
"""

import pytest

from tests import factories
from tests.error_pages import is_bad_request_page


@pytest.fixture
def image(db):
    return factories.ImageFactory()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spec",
    # On the factory's 640×360 image: the size each would give, not the size it names, decides.
    ["fill-0x0", "fill-1x99999999", "scale-100000", "scale-700"],
)
def test_a_preview_with_a_side_of_zero_or_past_4000_px_answers_400(admin_client, home_page, image, spec):
    response = admin_client.get(f"/admin/images/{image.pk}/preview/{spec}/")

    assert is_bad_request_page(response)
    assert response["Content-Type"].startswith("text/html")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spec",
    # The last ones name a side past 4000 px or of 0 but give a small preview (Wagtail does not enlarge with them).
    ["fill-100x100", "max-4000x4000", "width-320", "original", "fill-4001x10", "width-0", "height-99999999"],
)
def test_a_sensible_preview_is_still_an_image(admin_client, image, spec):
    response = admin_client.get(f"/admin/images/{image.pk}/preview/{spec}/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")


@pytest.mark.django_db
def test_the_preview_still_needs_the_admin(client, image):
    response = client.get(f"/admin/images/{image.pk}/preview/fill-0x0/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_spec_wagtail_cannot_parse_is_still_its_own_400(admin_client, image):
    assert admin_client.get(f"/admin/images/{image.pk}/preview/fill-axb/").status_code == 400
