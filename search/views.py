"""The site search (one page per language), robots.txt and the bilingual sitemap."""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from base.languages import in_language, request_locale
from base.site_url import absolute_url
from base.visibility import visible_pages
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


@dataclass
class Result:
    page: Page
    kind: str
    summary: str
    date: date | None


def describe(page):
    """What a search result says about a page: its type, a summary and a date."""
    if isinstance(page, NewsPage):
        kind = _("Press release") if page.is_press_release else _("News")
        day = page.date
    else:
        # Programmes and case studies are named as such; the rest (indexes, about, legal…) is a "page".
        kind = str(page._meta.verbose_name) if isinstance(page, ProgrammePage | ProjectPage) else _("Page")
        kind = kind[:1].upper() + kind[1:]
        day = page.last_published_at.date() if page.last_published_at else None
    summary = page.search_description or getattr(page, "summary", "") or getattr(page, "introduction", "")
    return Result(page=page, kind=kind, summary=summary, date=day)


def search_results(query, page_number, locale):
    """One page of results for ``query`` in ``locale``, each page as its specific type.

    Costs a fixed number of queries whatever the number of results: a count, the page of results,
    then one query per page type among them.
    """
    pages = visible_pages(in_language(Page.objects.live().public(), locale))
    terms = search_terms(query)
    results = pages.search(terms) if terms else pages.none()
    results_page = Paginator(results, settings.PAGE_SIZE).get_page(page_number)
    found = list(results_page.object_list)
    specific = Page.objects.filter(pk__in=[p.pk for p in found]).specific().defer_streamfields().in_bulk()
    results_page.object_list = [describe(specific.get(p.pk, p)) for p in found]
    return results_page


@require_safe
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "shortened": shortened,
        "max_query_length": MAX_QUERY_LENGTH,
        "results_page": search_results(query, request.GET.get("page"), request_locale(request)) if query else None,
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
