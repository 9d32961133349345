"""Query count and render time of the main public URLs, with the demo content.

    .venv/bin/python bench/pages.py [--repeat 20] [--cold] [--instructions]

Requests go through Django's WSGI handler in this process (full middleware stack, no network), with the
whole-page cache off: what is measured is the work of rendering a page. "CPU ms" is the median CPU time of this
process per request, which other work on a shared machine disturbs less than the wall-clock "median ms".

By default what production keeps per content version besides whole pages (the site chrome, the routing, the
listings: base/fragment_cache.py) is on, as for a page that is not kept (yet) or no longer: a new search, another
page of a listing, a page whose five minutes are up. So a search asked again reads what the first one kept (its
ranked matches and its page of results); one that finds nothing keeps nothing. With ``--cold`` it is off too: every
request renders as the first one after a change does.

With ``--instructions`` the script runs itself under valgrind's callgrind and counts, instead of timing, the
instructions of each request (all of them: Python, Django, SQLite): a count that other work on the machine does not
move, so two versions measured on a busy machine compare as on an idle one (bench/_common.py,
``count_instructions``). It takes a few minutes: 3 counted requests per URL by default.

Run from another checkout's root (``cd ../old && python ../new/bench/pages.py``), it measures that checkout's code
(bench/_common.py); the first line says which.
"""

import argparse

from _common import CALLGRIND_OUT, bench_database, count_instructions, page_path, print_page_table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, help="timed requests per URL (default 20; 3 counted with --instructions)")
    parser.add_argument(
        "--cold", action="store_true", help="nothing kept per content version: the first request after a change"
    )
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind instead of timing"
    )
    args = parser.parse_args()
    if args.instructions and not CALLGRIND_OUT:
        count_instructions()
    args.repeat = args.repeat or (3 if args.instructions else 20)
    measured = "counted" if CALLGRIND_OUT else "timed"

    from django.conf import settings

    if args.cold:
        settings.CHROME_CACHE_SECONDS = 0

    from wagtail.models import Locale

    from projects.models import ProjectPage

    with bench_database(demo=True):
        urls = measured_urls()
        projects = ProjectPage.objects.live().filter(locale=Locale.get_default()).count()
        print(f"code measured: {settings.BASE_DIR}")
        kept = "nothing kept (--cold)" if args.cold else "chrome, routing and listings kept per content version"
        print(f"{projects} live projects; {args.repeat} {measured} requests per URL after 2 warm-up requests; {kept}\n")
        print_page_table(urls, repeat=args.repeat)


def measured_urls():
    """[(label, path)] of the URLs measured, read from the bench database (``bench_database``): a page of each type,
    both languages, the GeoJSON and searches."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from home.models import HomePage
    from news.models import NewsIndexPage, NewsPage
    from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage

    locale = Locale.get_default()
    english = Locale.objects.get(language_code="en")

    def first(model):
        return model.objects.live().filter(locale=locale).order_by("path").first()

    with translation.override("en"):
        search_en = reverse("search")
    # with_place(), spelled out: the script also measures older checkouts (see the docstring).
    project = ProjectPage.objects.live().filter(locale=locale).exclude(location="").order_by("path").first()
    return [
        ("home page", page_path(first(HomePage))),
        ("project index", page_path(first(ProjectIndexPage))),
        ("project page", page_path(project)),
        ("news index", page_path(first(NewsIndexPage))),
        ("news page", page_path(first(NewsPage))),
        ("programme page", page_path(first(ProgrammePage))),
        ("English home page", page_path(first(HomePage).get_translation(english))),
        ("English project page", page_path(project.get_translation(english))),
        ("GeoJSON", reverse("projects_geojson")),
        # A common word (40 matches), its second page, a rare one (4), the English search, and a word found
        # nowhere (a search that is never kept, so each request searches again).
        ("search", f"{reverse('search')}?q=torino"),
        ("search, page 2", f"{reverse('search')}?q=torino&page=2"),
        ("search, rare word", f"{reverse('search')}?q=droni"),
        ("English search", f"{search_en}?q=innovation"),
        ("search, nothing found", f"{reverse('search')}?q=zafferanowatt"),
    ]


if __name__ == "__main__":
    main()
