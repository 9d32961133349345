"""base/stored_pdf.py's contract with the apps that use it (the dossier's public PDF, early access)."""

import pytest
from django.test import RequestFactory

from base import stored_pdf


class CarelessBuild(stored_pdf.Build):
    """A build that does not say which versions a new one replaces."""


@pytest.mark.django_db
def test_a_build_that_cannot_say_what_it_replaces_is_refused_before_anything_is_claimed(dossier_page):
    request = RequestFactory().get("/dossier.pdf")
    with pytest.raises(TypeError, match="superseded"):
        stored_pdf.stored_pdf_response(request, dossier_page.pdf_versions, "<p>x</p>", {}, "x", CarelessBuild)
    with pytest.raises(TypeError, match="superseded"):
        stored_pdf.build_unless_stored(dossier_page.pdf_versions, "<p>x</p>", "http://localhost/", CarelessBuild)
    assert not dossier_page.pdf_versions.exists()
