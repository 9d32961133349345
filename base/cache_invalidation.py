"""Every content change makes every cached page stale: one generation for the whole site, replaced on any change.

The whole-page cache (``config/page_cache.py``) keys each page under the current *generation*, a random value kept in
the shared cache (Redis in production, so every app server reads the same one). A change to anything readers can see
replaces it: every page of both languages, the listings, feeds, sitemap, GeoJSON, CSV, API answers and the dossier's
PDF included, is rendered afresh at its next request, whichever app server answers it. Nothing has to know which
pages show what: on this site almost every change shows on many pages (menus, the footer's settings, the home
page's news and map, the project index, the feeds, the dossier), so "which pages" would be a list that is always
one page short.

What counts as a change (``shows_publicly``):

- a save or delete of a model of the project's own apps (pages, snippets, site settings, evidence, release
  embargoes…), of a page, site, locale or view restriction, of an image or a document (not a rendition, which a
  render creates), of a redirect or a tag;
- Wagtail's ``page_published`` / ``page_unpublished`` (every way in: editor, bulk actions, ``publish_scheduled``,
  wagtail-localize's sync and translation editor) and ``post_page_move`` (a move rewrites paths with an UPDATE, no
  ``post_save``);
- a version scheduled to go live (``approved_go_live_at`` on a revision): the next scheduled instant moved;
- every admin bulk action on what readers see (Wagtail's ``after_bulk_action``): "Add to collection" of images and
  documents is a queryset ``update()``, which sends no ``post_save``, and moving a document into a private collection
  must take it off Varnish as a single edit does. The other bulk actions (publish, unpublish, move, delete, tags)
  send the signals above as well; it is one change either way (once per transaction).

Pages also change with no save, by the clock alone (a release's embargo ends, a scheduled version goes live, a page
expires): ``next_change`` gives the next such instant for a generation, which the whole-page cache and the site
chrome (``base/fragment_cache.py``) never keep an entry past.

A save of bookkeeping fields only (``save_revision``: a draft, an autosave, a lock; a file's size or hash computed on
first use) is not a change: editors autosaving all day would otherwise keep the cache empty.

The new generation is written at once and again when the transaction commits: at once so that this process sees the
change at its next request even inside a transaction that a test never commits; at commit so that a page rendered by
another process between the change and the commit (from the old data) is not kept. Varnish (or any front-end cache
of ``wagtail.contrib.frontend_cache``) is told after the commit, once per transaction: a ban of every page
(``BAN_PATH``, answered by ``deploy/varnish/default.vcl``), for the same reason as above.
"""

import datetime
import logging
import time
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from base.site_cache import now_and_at_commit

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# The address a front-end cache is asked to PURGE to drop every page it holds (deploy/varnish/default.vcl bans them).
BAN_PATH = "/.page-cache/ban-all"

# What Wagtail's save_revision() and locking write on the page row (drafts), and what an image or document computes
# of its own file the first time a page asks (its size, its hash): not what readers see.
BOOKKEEPING_FIELDS = frozenset(
    {
        "file_size",
        "file_hash",
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
_WAGTAIL_CONTENT = (Page, Site, Locale, PageViewRestriction, Collection, CollectionViewRestriction, Redirect, Tag)


# --- the generation ----------------------------------------------------------------------------------------------


def generation():
    """The current generation, or None when the cache cannot be reached (then nothing is read from or kept in it).

    Made at random when missing (first start, Redis emptied or the key evicted): a counter would start again at 1
    and meet pages kept under the old 1.
    """
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def bump():
    """A new generation: every page kept so far is stale (left to expire: nothing is deleted)."""
    new = uuid.uuid4().hex
    cache.set(GENERATION_KEY, new, None)
    # django-redis swallows a failed write (IGNORE_EXCEPTIONS, the circuit breaker): say so loudly, since every app
    # server that still reaches Redis keeps serving the copies of the old generation until they expire.
    if cache.get(GENERATION_KEY) != new:
        logger.error(
            "The page cache could not be renewed after a content change: pages may be stale for up to "
            "PAGE_CACHE_SECONDS (%s s)",
            settings.PAGE_CACHE_SECONDS,
        )


def purge_front_end():
    """Ask the front-end caches of ``WAGTAILFRONTENDCACHE`` (Varnish) to drop every page they hold."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    try:
        purge_url_from_cache(settings.SITE_URL + BAN_PATH)
    except Exception:
        # The change is saved; a front-end cache out of reach keeps its copies until their s-maxage ends.
        logger.exception("Could not ask the front-end cache to drop its pages")


def _after_commit():
    bump()
    purge_front_end()


def content_changed(**kwargs):
    """Something readers see changed: new generation now, and again (with the front-end purge) at commit."""
    now_and_at_commit(bump, _after_commit)


# --- when pages change by the clock --------------------------------------------------------------------------------


def _next_scheduled(now):
    """The next instant after ``now`` named by a ``PAGE_CACHE_SCHEDULES`` field ("app.Model.field"), or None."""
    instants = []
    for name in settings.PAGE_CACHE_SCHEDULES:
        label, field = name.rsplit(".", 1)
        model = apps.get_model(label)
        instants.append(model._default_manager.filter(**{f"{field}__gt": now}).aggregate(next=Min(field))["next"])
    instants = [instant for instant in instants if instant is not None]
    return min(instants) if instants else None


def next_change(current_generation, as_of=None):
    """The next instant (a Unix time) after ``as_of`` (default: now) at which pages change with no save, or None.

    Asked once per generation, and kept beside it (a change may add an embargo, so a new generation asks again)
    until it has passed. A page is bounded by the instant following the moment its render began: an embargo that
    ends while it renders gives an instant already past, so the page is not kept.
    """
    key = f"page-cache:{current_generation}:next-change"
    as_of = time.time() if as_of is None else as_of
    stored = cache.get(key)
    # (asked at, next instant or 0). Asked again once the instant has passed, or if the clock reads earlier than
    # when it was asked (a clock set back, or moved by the tests' time-machine): both bound what was asked.
    if stored is None or as_of < stored[0] or (stored[1] and stored[1] <= as_of):
        instant = _next_scheduled(datetime.datetime.fromtimestamp(as_of, tz=datetime.UTC))
        answer = (as_of, instant.timestamp() if instant is not None else 0)
        # Asked as of an earlier moment than what is kept, by a request that began before another asked (at an
        # embargo's end, one still rendering the old listing), the answer is its own: kept, it would make the next
        # request, which began later, ask again, and the one after it, each in turn. Kept if the clock itself reads
        # earlier (set back): what is kept is then no answer for anyone.
        if stored is None or as_of >= stored[0] or time.time() < stored[0]:
            cache.set(key, answer, settings.PAGE_CACHE_SECONDS or None)
        stored = answer
    return stored[1] or None


# --- what counts as a change -------------------------------------------------------------------------------------

_decisions = {}


def _own_app(model):
    app_config = model._meta.app_config  # None for models of no installed app (Django's migration records)
    if app_config is None:
        return False
    path = Path(app_config.path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in path.parts


def shows_publicly(model):
    """Whether rows of ``model`` can show on a public page (see the module docstring)."""
    if model not in _decisions:
        if model._meta.apps is not apps:  # a migration's historical model
            return False
        if issubclass(model, AbstractRendition) or getattr(model, "shows_on_public_pages", True) is False:
            _decisions[model] = False
        else:
            _decisions[model] = issubclass(model, (*_WAGTAIL_CONTENT, AbstractImage, AbstractDocument)) or _own_app(
                model
            )
    return _decisions[model]


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not shows_publicly(sender):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    content_changed()


def _deleted(sender, instance, **kwargs):
    if shows_publicly(sender):
        content_changed()


def _relation_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and shows_publicly(type(instance)):
        content_changed()


def _revision_saved(sender, instance, raw=False, **kwargs):
    # A version scheduled to go live: the next instant at which pages change by the clock may have moved.
    if not raw and instance.approved_go_live_at is not None:
        content_changed()


def _bulk_action_done(request, action_type, objects, action_class_instance):
    if any(shows_publicly(type(obj)) for obj in objects):
        content_changed()


def _file_changed(sender, file_path, **kwargs):
    # Development server: a template edited on disk shows at the next request (a Python change restarts it anyway).
    bump()


def connect():
    """Connect the handlers (``BaseConfig.ready()``)."""
    post_save.connect(_saved, dispatch_uid="base.cache_invalidation.saved")
    post_delete.connect(_deleted, dispatch_uid="base.cache_invalidation.deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="base.cache_invalidation.relation_changed")
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="base.cache_invalidation.revision_saved")
    page_published.connect(content_changed, dispatch_uid="base.cache_invalidation.published")
    page_unpublished.connect(content_changed, dispatch_uid="base.cache_invalidation.unpublished")
    post_page_move.connect(content_changed, dispatch_uid="base.cache_invalidation.moved")
    hooks.register("after_bulk_action", _bulk_action_done)
    if settings.DEBUG:
        from django.utils.autoreload import file_changed

        file_changed.connect(_file_changed, dispatch_uid="base.cache_invalidation.file_changed")
