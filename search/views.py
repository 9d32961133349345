"""The site search (one page per language), robots.txt and the bilingual sitemap."""

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from base.fragment_cache import chrome_cached
from base.languages import in_language, request_locale
from base.models import StandardPage, searchable_public_pages
from base.site_url import absolute_url
from base.visibility import visible_pages
from candidacy.models import DossierPage, RankingPage
from news.models import NewsPage
from projects.models import ProgrammePage, ProjectPage

from .sitemaps import BilingualSitemap

# Longer queries are cut here: no one types more, and the database never gets a huge query.
MAX_QUERY_LENGTH = 200
# Control characters (NUL makes PostgreSQL fail, the rest mean nothing in a search) become spaces.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\w+")


def clean_query(raw):
    """(query, shortened): the visitor's text on one line, without control characters, at most 200 characters."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())
    shortened = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), shortened


def search_terms(query):
    """The words of ``query``, lower case, without punctuation.

    The database backends pass words to the full-text engine, whose query syntax gives quotes,
    brackets, "*", "^", "-", ":" and upper-case AND/OR/NOT/NEAR a meaning of their own (SQLite's FTS5
    fails on a stray one). Searching words alone finds the same pages and never fails.
    """
    return " ".join(_WORD.findall(query.lower()))


# Most matches ever ranked: far more than anyone pages through, and a bound on what one search reads.
MAX_RANKED_RESULTS = 500

# What readers come to the site for comes first: programmes, case studies, news and the candidacy; then
# the sections and services (home, indexes, press room, open data); last the standard pages, which are the
# about page and the legal texts (accessibility, privacy, cookies, legal notes) that name the city, its
# projects and its address in passing and so match almost any word.
CONTENT_PAGE_TYPES = (ProgrammePage, ProjectPage, NewsPage, RankingPage, DossierPage)
LOW_PAGE_TYPES = (StandardPage,)


@dataclass
class Result:
    """What the page of results shows of one page: plain values, so a page of results can be kept (below)."""

    url: str
    title: str
    kind: str
    summary: str
    date: date | None
    # Whether ``date`` is when the page was changed (shown as "Updated …") rather than a news item's date.
    updated: bool = False


def significant_change(page):
    """The day a page other than news last changed in a way worth showing readers, or None.

    A page's first publication says nothing to readers of a programme, a case study or a legal text (for
    the demo content it is the day the content was loaded), so only a publication on a later day than the
    first counts: an update. News carry their own date.
    """
    if not (page.first_published_at and page.last_published_at):
        return None
    last = timezone.localdate(page.last_published_at)
    return last if last > timezone.localdate(page.first_published_at) else None


def describe(page, request=None):
    """What a search result says about a page: its address, title, type, a summary and a date."""
    updated = False
    if isinstance(page, NewsPage):
        kind = _("Press release") if page.is_press_release else _("News")
        day = page.date
    else:
        # Programmes and case studies are named as such; the rest (indexes, about, legal…) is a "page".
        kind = str(page._meta.verbose_name) if isinstance(page, ProgrammePage | ProjectPage) else _("Page")
        kind = kind[:1].upper() + kind[1:]
        day = significant_change(page)
        updated = day is not None
    summary = page.search_description or getattr(page, "summary", "") or getattr(page, "introduction", "")
    return Result(url=page.get_url(request), title=page.title, kind=kind, summary=summary, date=day, updated=updated)


def rank(found, terms, model_of):
    """``found`` (in the search engine's order of relevance) ordered as readers expect.

    A page whose title holds a word searched for comes first (someone typing "privacy" wants the privacy
    notice); then content pages before section pages before standard pages; the engine's relevance decides
    within each group. ``model_of`` gives a page's class without loading the page. The same on every
    search backend: SQLite's ignores the fields' boosts, PostgreSQL's weighs them within each group.
    """
    words = set(terms.split())

    def key(item):
        position, page = item
        model = model_of(page)
        group = 0 if issubclass(model, CONTENT_PAGE_TYPES) else 2 if issubclass(model, LOW_PAGE_TYPES) else 1
        in_title = bool(words & set(_WORD.findall(page.title.lower())))
        return (not in_title, group, position)

    return [page for _position, page in sorted(enumerate(found), key=key)]


def ranked_ids(terms, locale):
    """The ids of the pages in ``locale`` readers may see that match ``terms``, best first (at most
    ``MAX_RANKED_RESULTS``). Only what ranking reads is loaded of each page: its title and type."""
    # Not Wagtail's public(): an alias of a page in a private section is private too.
    pages = visible_pages(in_language(searchable_public_pages(Page.objects.live()), locale))
    found = list(pages.only("id", "title", "content_type_id").search(terms)[:MAX_RANKED_RESULTS])

    def model_of(page):
        # Django keeps content types in memory once read: no query per result.
        return ContentType.objects.get_for_id(page.content_type_id).model_class() or Page

    return [page.pk for page in rank(found, terms, model_of)]


def described(ids, request):
    """``describe`` of the pages ``ids``, in that order, each read as its specific type, as dicts: what is kept
    holds no class of the project's, so a release that renames one reads the entries of the one before."""
    specific = Page.objects.filter(pk__in=ids).specific().defer_streamfields().in_bulk()
    return [asdict(describe(specific[pk], request)) for pk in ids if pk in specific]


def search_results(query, page_number, request=None):
    """One page of results for ``query`` in the active language.

    Costs a fixed number of queries whatever the number of results: the ranked matches (at most
    ``MAX_RANKED_RESULTS``), then one query per page type among the page of results. Both are kept for the
    content version (base/fragment_cache.py: a publication, an unpublication or an embargo's end makes them
    stale at once, in both languages; early access neither reads nor keeps them): the ranked ids per language
    and words searched, each page of results per language, words and page number, so a search asked again reads
    no page, nor even the language's Locale. The key holds the words as
    searched for (lower case, without punctuation), never the text as typed; a search that finds nothing is
    not kept, so made-up words add no entries, and a page number is the paginator's (a made-up one reads as
    the first or the last), so a search keeps at most one entry per page of its results.
    """
    terms = search_terms(query)
    if not terms:
        return Paginator([], settings.PAGE_SIZE).get_page(page_number)
    # A fixed-length key however long the words (up to 200 characters).
    words = hashlib.sha256(terms.encode()).hexdigest()
    # (chrome_cached keys by the active language, which names the Locale searched.)
    ids = chrome_cached(request, "search-ids", lambda: ranked_ids(terms, request_locale()) or None, words) or []
    results_page = Paginator(ids, settings.PAGE_SIZE).get_page(page_number)
    if ids:
        shown = list(results_page.object_list)
        results_page.object_list = chrome_cached(
            request,
            "search-results",
            lambda: described(shown, request),
            words,
            results_page.number,
            # Addresses are relative to the site asked (absolute to another site's pages), as {% pageurl %} gives: keyed
            # by what Wagtail finds that site by (the host's domain, lower case, and the port), never the Host header
            # as sent, whose letter case and port a client may vary at will.
            *(site_inputs(request) if request is not None else ()),
        )
    return results_page


def site_inputs(request):
    """What ``Site.find_for_request`` chooses the site by: the domain of the request's host and its port."""
    return split_domain_port(request.get_host())[0], request.get_port()


@require_safe
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "shortened": shortened,
        "max_query_length": MAX_QUERY_LENGTH,
        "results_page": (search_results(query, request.GET.get("page"), request) if query else None),
    }
    return render(request, "search/search.html", context)


@require_safe
def robots_txt(request):
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    context = {
        "search_paths": search_paths,
        "sitemap_url": absolute_url(request, reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": BilingualSitemap(request)})
