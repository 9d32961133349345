"""How long a document (/documents/<id>/<name>, Wagtail's serve view) may be kept (README, "Caching").

Wagtail's view says Last-Modified (the file's) and an ETag (the file's hash), and nothing of how long: browsers then
keep a document as long as their heuristics like (a tenth of its age), so a document withdrawn or replaced reached
nobody who had it. Here, like a page: a public document for a minute in browsers and in Varnish
(``PAGE_CACHE_SHARED_SECONDS``), which every change bans too; one in a collection with a view restriction (served
after a password or a sign-in) ``private, no-store``. A signed-in user's answer is private anyway
(config/page_cache.py).

A document whose hash was never computed (made outside the admin's form: an import, a script) would say ``ETag:
""``, the same for all of them: its hash is computed the first time it is served (a bookkeeping field, no change
for the page cache).
"""

import contextlib

from django.conf import settings
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import serve


@receiver(document_served, dispatch_uid="config.document_cache.served")
def _served(sender, instance, request, **kwargs):
    # Sent once Wagtail's checks (privacy, a release's embargo) have passed, before its ETag is read from the document.
    if instance.file_hash == "":
        # A file missing or unreadable: no hash, and Wagtail's view answers the missing document's 404.
        with contextlib.suppress(OSError):
            instance.get_file_hash()
    request.served_document = instance


def serve_document(request, *args, **kwargs):
    response = serve(request, *args, **kwargs)
    document = getattr(request, "served_document", None)
    if document is None or response.status_code not in (200, 304) or request.user.is_authenticated:
        return response
    if document.collection.get_view_restrictions().exists():
        add_never_cache_headers(response)
    elif settings.PAGE_CACHE_SECONDS > 0:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        )
    else:
        patch_cache_control(response, no_cache=True)
    return response
