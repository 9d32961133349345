"""The same invalidation asks Varnish (wagtail.contrib.frontend_cache) to drop every page, once per change, after the
commit (deploy/varnish/default.vcl answers the PURGE of BAN_PATH with a ban of every page)."""

import http.server
import threading

import pytest

from base.cache_invalidation import BAN_PATH


@pytest.fixture
def varnish(settings):
    """A stand-in for Varnish on 127.0.0.1 that records the PURGE requests it gets."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            received.append((self.path, self.headers["Host"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_bans_every_page_once_after_the_commit(varnish, locale_it):
    from django.db import transaction

    from tests import factories

    theme = factories.ThemeFactory(name="Mobilità", slug="mobilita")
    varnish.clear()
    with transaction.atomic():
        theme.name = "Mobilità dolce"
        theme.save_revision().publish()
        assert varnish == [], "nothing before the commit: Varnish would fetch the old page again"
    assert varnish == [(BAN_PATH, "localhost")], "one ban for the whole transaction"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_purged_without_a_front_end_cache(varnish, settings, locale_it):
    from tests import factories

    settings.WAGTAILFRONTENDCACHE = {}
    varnish.clear()
    factories.ThemeFactory(name="Mobilità", slug="mobilita")
    assert varnish == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("app, model", [("wagtaildocs", "document"), ("wagtailimages", "image")])
def test_a_bulk_move_into_a_private_collection_bans_every_page_as_a_single_edit_does(
    varnish, admin_client, locale_it, app, model
):
    """Wagtail's "Add to collection" is a queryset update(), with no post_save: a document moved by it into a
    private collection would stay in Varnish (which keeps /documents/) for anyone."""
    from django.urls import reverse
    from wagtail.models import Collection, CollectionViewRestriction

    from base.cache_invalidation import generation
    from tests import factories

    private = Collection.get_first_root_node().add_child(name="Riservata")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    item = (factories.DocumentFactory if model == "document" else factories.ImageFactory)()
    varnish.clear()
    before = generation()

    url = reverse("wagtail_bulk_action", args=[app, model, "add_to_collection"]) + f"?id={item.pk}"
    assert admin_client.post(url, {"collection": private.pk}).status_code == 302
    item.refresh_from_db()

    assert item.collection_id == private.pk
    assert generation() != before
    assert varnish == [(BAN_PATH, "localhost")]
