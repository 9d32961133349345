"""Production without a bucket: a document is served by Wagtail's view only, never as a file under /media/.

Its file keeps the name it was uploaded with (``documents/cartella-stampa.pdf``): an address anyone can guess. The
view is where a collection's privacy and a release's embargo are checked (news/wagtail_hooks.py), so nothing of the
app hands out /media/documents/ (the front server is told the same: deploy/varnish/default.vcl, README "Uploads").
"""

import importlib
import sys

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings

from tests import factories

pytestmark = pytest.mark.django_db

PRESS_KIT = b"%PDF-1.4\n% cartella stampa\n"
# What decides how media and documents are served, with the media storage (static files stay the tests').
SERVING = ("DEBUG", "MEDIA_URL", "MIDDLEWARE", "WAGTAILDOCS_SERVE_METHOD")


@pytest.fixture
def production_without_bucket(monkeypatch, settings):
    """config/settings/production.py read with a production environment and no MEDIA_BUCKET, its serving settings in
    force (the media folder stays the tests' own)."""
    monkeypatch.setenv("SECRET_KEY", "x" * 20 + "production-like-secret-for-the-media-test-only")
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost")
    monkeypatch.setenv("ADMINS", "Web <web@example.org>")
    monkeypatch.setenv("SITE_URL", "http://localhost")
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "false")
    # No Redis, so no cache lifetimes either (a run given CHROME_CACHE_SECONDS=300 for the test settings would make
    # production refuse to start: the caches need Redis).
    for name in ("MEDIA_BUCKET", "REDIS_URL", "METRICS_ENABLED", "PAGE_CACHE_SECONDS", "CHROME_CACHE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    production = importlib.import_module("config.settings.production")
    monkeypatch.delitem(sys.modules, "config.settings.production")
    assert not production.MEDIA_BUCKET
    assert not any(name.startswith("WHITENOISE_") for name in dir(production)), "WhiteNoise serves static files only"
    storages = {**settings.STORAGES, "default": production.STORAGES["default"]}
    with override_settings(STORAGES=storages, **{name: getattr(production, name) for name in SERVING}):
        yield production


def test_a_document_is_served_by_the_view_and_its_file_not_under_media(production_without_bucket):
    assert production_without_bucket.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert not production_without_bucket.DEBUG, "config/urls.py serves /media/ under DEBUG only"
    doc = factories.DocumentFactory(title="Cartella stampa", file=ContentFile(PRESS_KIT, name="cartella-stampa.pdf"))
    client = Client()

    # The file keeps its uploaded name (a suffix if it was taken), in no random folder: only the view may serve it.
    assert doc.file.name.startswith("documents/cartella-stampa")
    assert doc.url == f"/documents/{doc.pk}/{doc.filename}"
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PRESS_KIT
    assert client.get(f"/media/{doc.file.name}").status_code == 404
