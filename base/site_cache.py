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

Kept under the same generation, as read at every page and changed as rarely: the id of each language's Locale
(``locale_ids``, so that ``localized`` finds a home page's translation as Wagtail's ``.localized`` does, without
``Locale.get_active()``'s query), and each site's settings with their texts in every language (``site_settings_for``,
read by ``SiteSettings.for_request`` outside the admin). The generation is also replaced when a Locale is saved or
deleted, site settings are saved (not when made: nothing was kept for their site) or deleted, or a text of theirs is
saved or deleted (the admin's settings form saves each text and deletes each removed, through modelcluster).

As the content generation, it is replaced at once and again when the transaction commits: at once so that this
process sees the change at its next request, at commit so that a site read by another process between the change
and the commit (from the old rows) is not kept. A change no signal tells of (a queryset's ``update()``, SQL, or a
change made while the cache was out of reach) shows within ``ENTRY_SECONDS``, as Wagtail's root paths do. With the
cache out of reach the site is looked up as Wagtail does, at every request.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "site-cache:generation"
LOCALES_KEY = "site-cache:locales"
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


def _kept(key, read):
    """What ``read()`` answers, kept under ``key`` for the current generation; read again (and kept) when missing or
    of an older generation, and read at every call when the cache cannot be reached or is not shared
    (``SITE_CACHE``)."""
    if not settings.SITE_CACHE:
        return read()
    current, entry = _read(key)
    # An entry names the generation it was read under: one of an older generation is what a change left stale.
    if current is not None and entry is not None and entry[0] == current:
        return entry[1]
    value = read()
    if current is not None:
        try:
            cache.set(key, (current, value), ENTRY_SECONDS)
        except Exception:
            logger.warning("The site cache could not be written", exc_info=True)
    return value


def site_for(hostname, port):
    """The site Wagtail answers for ``hostname`` and ``port`` (``Site._find_for_request``), kept in the cache."""

    def read():
        try:
            return get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None  # no site for the host and no default site: Wagtail's answer too

    return _kept(_entry_key(hostname, port), read)


def locale_ids():
    """{language code: Locale id} of every Locale (``Locale.objects``, as ``Locale.get_active()`` reads them)."""
    return _kept(LOCALES_KEY, lambda: dict(Locale.objects.values_list("language_code", "pk")))


def active_locale_id():
    """The id of ``Locale.get_active()`` (the active language's Locale, else the default language's), without its
    query; None where Wagtail's would raise (neither has a Locale)."""
    ids = locale_ids()
    for language_code in (translation.get_language(), settings.LANGUAGE_CODE):
        try:
            locale_id = ids.get(get_supported_content_language_variant(language_code))
        except LookupError:
            continue  # not a content language (or no language active): Wagtail falls back to the default too
        if locale_id is not None:
            return locale_id
    return None


def localized(page):
    """``page.localized`` (the page's live translation in the active language, else the page itself), with the active
    language's Locale read from the cache: only the translation is read from the database, and only when the active
    language is not the page's own."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return page
    locale_id = active_locale_id()
    if locale_id is None or locale_id == page.locale_id:
        return page
    translated = page.get_translation_or_none(locale_id)
    if translated is None or (isinstance(page, DraftStateMixin) and not translated.live):
        return page
    return translated


def site_settings_for(model, site):
    """``model.for_site(site)`` (the site settings, ``base.models.SiteSettings``) with its texts in every language
    read (``text()``), kept in the cache: each call answers a copy of its own (unpickled), never saved."""

    def read():
        site_settings = model.for_site(site)
        site_settings.text()  # every language's texts, read now and kept with the settings
        return site_settings

    return _kept(f"site-cache:settings:{model._meta.label_lower}:{site.pk}", read)


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


def now_and_at_commit(now, at_commit):
    """``now()``, and ``at_commit()`` when the transaction commits, once per transaction (at once when there is
    none): a generation renewed at once so that this process sees a change at its next request, and again at the
    commit so that what another process read from the old rows between the two is not kept."""
    now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is at_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(at_commit)


def site_changed(**kwargs):
    """A site, or what is kept with it, changed: a new generation now, and again when the transaction commits."""
    now_and_at_commit(bump, bump)


def _page_saved(sender, instance, created=False, **kwargs):
    if not isinstance(instance, Page):
        return
    if created:
        roots = Site.objects.filter(root_page__path=instance.path[: -Page.steplen])
    else:
        roots = Site.objects.filter(root_page_id=instance.pk)
    if roots.exists():
        site_changed()


def _settings_saved(sender, created=False, **kwargs):
    # Settings created leave nothing stale: none were kept for their site, since reading them creates them
    # (``for_site``: the first page of a site would otherwise renew the generation, and the next read all again).
    if not created:
        site_changed()


def connect():
    """Connect the handlers (``BaseConfig.ready()``)."""
    post_save.connect(site_changed, sender=Site, dispatch_uid="base.site_cache.site_saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="base.site_cache.site_deleted")
    # Every page model, including ones added later: a signal's sender is the page's own class.
    post_save.connect(_page_saved, dispatch_uid="base.site_cache.page_saved")
    post_page_move.connect(site_changed, dispatch_uid="base.site_cache.page_moved")
    # The languages' Locales (``localized``) and the site settings with their texts (``site_settings_for``): the
    # admin's settings form saves the settings, then its texts (modelcluster saves each and deletes each removed).
    for sender in (Locale, "base.SiteSettingsText"):
        name = sender if isinstance(sender, str) else "locale"
        post_save.connect(site_changed, sender=sender, dispatch_uid=f"base.site_cache.saved.{name}")
        post_delete.connect(site_changed, sender=sender, dispatch_uid=f"base.site_cache.deleted.{name}")
    post_save.connect(_settings_saved, sender="base.SiteSettings", dispatch_uid="base.site_cache.saved.settings")
    post_delete.connect(site_changed, sender="base.SiteSettings", dispatch_uid="base.site_cache.deleted.settings")
