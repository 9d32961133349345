"""The site of a host, kept between requests in the shared cache until a site changes.

Wagtail looks the site up at every request (``Site.find_for_request``: one query ranking every site the host could
mean, with its root page joined, about a millisecond of Python for one row), although sites change only when an
administrator edits them. Here the outcome of Wagtail's own lookup (``get_site_for_hostname``: the site of the
hostname and port, else the default site, else none) is kept per hostname and port in Django's cache, which every
app server shares (Redis in production), and given to Wagtail as ``request._wagtail_site``, which
``Site.find_for_request`` reads before looking the site up itself (``base/route_cache.py`` sets it).

It is not kept per content version (``base/cache_invalidation.py``), which every page published replaces: like
Wagtail's own cache of the sites' root paths (``Site.get_site_root_paths``), it lives until a site changes, under a
generation of its own that every entry names. The generation is replaced when

- a Site is saved or deleted (the admin's Sites settings; deleting a site's root page deletes the site with it);
- the root page kept with a site is saved (its title, slug or state: what a 404 page's menu shows of it);
- a page is created below the root page kept with a site: the root may have had no child, and treebeard's
  ``get_children()`` answers "no children" without asking when ``numchild`` reads 0 (a child deleted leaves a count
  too high, which only costs the query that finds no child);
- any page is moved: a move rewrites the paths of the page and all below it with an UPDATE, a root page's
  included when the page is that root or above it (moves are rare: cheaper than working out which).

As the content generation, it is replaced at once and again when the transaction commits: at once so that this
process sees the change at its next request, at commit so that a site read by another process between the change
and the commit (from the old rows) is not kept. A change no signal tells of (a queryset's ``update()``, SQL, or a
change made while the cache was out of reach) shows within ``ENTRY_SECONDS``, as Wagtail's root paths do. With the
cache out of reach the site is looked up as Wagtail does, at every request.
"""

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "site-cache:generation"
# Wagtail's root paths are kept for an hour too: the bound on a change no signal tells of.
ENTRY_SECONDS = 3600


def _entry_key(hostname, port):
    # A Host header may be long, and the port is whatever the server or X-Forwarded-Port says: a digest keeps the
    # key short and safe for any cache backend.
    return "site-cache:site:" + hashlib.sha256(f"{hostname}\n{port}".encode()).hexdigest()


def _read(key):
    """(the current generation, the entry under ``key`` or None), in one round trip when the generation exists;
    the generation is None when the cache cannot be reached."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            # Made at random when missing (first start, Redis emptied, the key evicted): a counter starting again at
            # 1 would meet entries kept under the old 1.
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            current = cache.get(GENERATION_KEY)
    except Exception:
        # A backend that raises rather than ignoring its errors: the site is still found, in the database.
        logger.warning("The site cache could not be read", exc_info=True)
        return None, None
    return current, found.get(key)


def site_for(hostname, port):
    """The site Wagtail answers for ``hostname`` and ``port`` (``Site._find_for_request``), kept in the cache."""
    key = _entry_key(hostname, port)
    current, entry = _read(key)
    # An entry names the generation it was read under: one of an older generation is what a site change left stale.
    if current is not None and entry is not None and entry[0] == current:
        return entry[1]
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        site = None  # no site for the host and no default site: Wagtail's answer too
    if current is not None:
        try:
            cache.set(key, (current, site), ENTRY_SECONDS)
        except Exception:
            logger.warning("The site cache could not be written", exc_info=True)
    return site


def find_for_request(request):
    """``Site.find_for_request``, with the site read from the cache (and kept on the request, where Wagtail looks)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        # As Wagtail's ``Site._find_for_request`` reads them: the raw host, so that ALLOWED_HOSTS is not checked here.
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = site_for(hostname, request.get_port())
    return request._wagtail_site


def bump():
    """A new generation: every site kept so far is stale (left to expire: nothing is deleted)."""
    new = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, new, None)
        renewed = cache.get(GENERATION_KEY) == new
    except Exception:
        renewed = False
    if not renewed:
        # Every app server that still reaches the cache keeps answering with the old sites until their entries expire.
        logger.error("The site cache could not be renewed after a change: sites may be stale for %s s", ENTRY_SECONDS)


def site_changed(**kwargs):
    """A site, or what is kept with it, changed: a new generation now, and again when the transaction commits."""
    bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return  # once per transaction
    transaction.on_commit(bump)


def _page_saved(sender, instance, created=False, **kwargs):
    if not isinstance(instance, Page):
        return
    if created:
        roots = Site.objects.filter(root_page__path=instance.path[: -Page.steplen])
    else:
        roots = Site.objects.filter(root_page_id=instance.pk)
    if roots.exists():
        site_changed()


def connect():
    """Connect the handlers (``BaseConfig.ready()``)."""
    post_save.connect(site_changed, sender=Site, dispatch_uid="base.site_cache.site_saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="base.site_cache.site_deleted")
    # Every page model, including ones added later: a signal's sender is the page's own class.
    post_save.connect(_page_saved, dispatch_uid="base.site_cache.page_saved")
    post_page_move.connect(site_changed, dispatch_uid="base.site_cache.page_moved")
