"""Site chrome kept between requests: what every page repeats (menus, footer, language links) is read and rendered
once per content version and language, not once per request.

Pages themselves are kept by the whole-page cache (``config/page_cache.py``); this is for the work a page that is
not in it (yet) would otherwise redo. Entries are keyed by the same generation (``base/cache_invalidation.py``), so
any change readers could see — a page published, a menu title edited, a site setting saved — makes them stale at
once, in both languages, whichever app server answers next. Like kept pages, an entry never outlives the next
instant at which pages change by the clock (a release's embargo ends: the menus and language links must name it
then), and previews never read or write it: they show drafts. Nor does a request that shows a version readers
do not see yet (early access to a release, ``keep_nothing_for``): what it renders must never reach a reader, and
what readers see is not what it must show.

Besides the chrome, the listings of the pages that list much (the home page, the project index, a programme) are
kept the same way, under the page's id and, for the project index, the filters and page it shows.

``CHROME_CACHE_SECONDS`` (0: off). It needs a cache every worker shares (Redis), as the page cache does.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import translation

from base.cache_invalidation import generation, next_change
from base.prepared_queries import LazyRows

_GENERATION_ATTR = "_torino_chrome_generation"
_OFF_ATTR = "_torino_chrome_off"
_BEGUN_ATTR = "_torino_chrome_begun"
_NEXT_CHANGE_ATTR = "_torino_chrome_next_change"


def begin(request):
    """Note the moment ``request`` begins reading content (base/route_cache.py's middleware, before any view): what it
    keeps is bounded by the instant following that moment, not the moment a fragment's computation began. A view reads
    its listing before its template renders the fragment that shows it (the embargo's "now" fixed in the query when
    it is built): an embargo ending in between read the release as hidden, yet the fragment began after the end."""
    setattr(request, _BEGUN_ATTR, time.time())


def keep_nothing_for(request):
    """Make ``chrome_cached`` neither read nor keep anything for this request: it shows an unpublished version."""
    setattr(request, _OFF_ATTR, True)


def _off(request):
    return (
        settings.CHROME_CACHE_SECONDS <= 0
        or request is None
        or getattr(request, "is_preview", False)
        or getattr(request, _OFF_ATTR, False)
    )


def _generation(request):
    """The generation, read once per request (None: the cache is out of reach)."""
    if not hasattr(request, _GENERATION_ATTR):
        setattr(request, _GENERATION_ATTR, generation())
    return getattr(request, _GENERATION_ATTR)


def keeps(request):
    """Whether ``chrome_cached`` keeps what it computes for this request (the cache on and in reach, not a preview)."""
    if _off(request):
        return False
    return _generation(request) is not None


def chrome_cached(request, name, compute, *parts):
    """``compute()``, kept under ``name``, the active language and ``parts`` for the current content version.

    Computed afresh (and not kept) with the cache off, without a request, in a preview or early access, or with the
    cache out of reach. ``compute`` returns something picklable, or None for what is not to be kept (None reads as
    "not kept").
    """
    if _off(request):
        return compute()
    seconds = settings.CHROME_CACHE_SECONDS
    current = _generation(request)
    if current is None:
        return compute()
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = ":".join(["chrome", current, name, language, *map(str, parts)])
    value = cache.get(key)
    if value is not None:
        return value
    # Bounded by the instant following the moment the request began reading (``begin``; else the computation), as a
    # whole page is: an embargo that ends meanwhile (the release read as hidden) gives an instant already past, so
    # what it made is not kept.
    started = min(time.time(), getattr(request, _BEGUN_ATTR, float("inf")))
    value = compute()
    if value is None:
        return None
    next_instant = _next_change(request, current, started)
    lifetime = min(seconds, int(next_instant - time.time())) if next_instant else seconds
    if lifetime > 0:
        cache.set(key, value, lifetime)
    return value


def _next_change(request, current, as_of):
    """``next_change`` as of ``as_of``: asked once per request when the request's start bounds its fragments (``begin``:
    the same instant for all of them), at each computation otherwise."""
    if not hasattr(request, _BEGUN_ATTR):
        return next_change(current, as_of=as_of)
    if not hasattr(request, _NEXT_CHANGE_ATTR):
        setattr(request, _NEXT_CHANGE_ATTR, next_change(current, as_of=as_of))
    return getattr(request, _NEXT_CHANGE_ATTR)


def listing_page(request, items, number, name, *parts, then=None):
    """``Paginator(items, PAGE_SIZE).get_page(number)``, with the number of ``items`` kept under ``name`` and ``parts``
    for the content version (``chrome_cached``): the parts that key the rendering of the listing's cards.

    The paginator counts its list to know which page ``number`` names (none or not a number: the first; past the
    end: the last), so an index whose cards were kept still ran that count at every request, on SQLite with the
    private-section test once per row. Kept with the cards, it is as fresh as they are.

    ``then``, if given, is called with the page's list of items when they are first read (and only then): what a
    ``Prefetch`` would add, read by a prepared query (``base.models.attach_card_renditions``).
    """
    paginator = Paginator(items, settings.PAGE_SIZE)
    # Django's ``count`` is a cached property: set, it is what the paginator counted.
    paginator.count = chrome_cached(request, name, items.count, *parts)
    page = paginator.get_page(number)
    if then is not None:
        # Django's paginator page makes a list of its items at its first use (their number, an item, a loop).
        page.object_list = LazyRows(functools.partial(_read_then, page.object_list, then))
    return page


def _read_then(items, then):
    rows = list(items)
    then(rows)
    return rows
