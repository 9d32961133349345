"""Does every public page type and feed stay flat as projects and news grow? 10, 100 and 1,000 of each.

    .venv/bin/python bench/scaling.py [--sizes 10 100 1000] [--repeat 10]

Starts from the demo content and adds N generated projects and N generated news items (each project with a
programme, district, two themes, a place in Turin and a demo image; a third of the news items press releases;
every one of them containing the search word), inserted in bulk (tests/perf/bulk.py) and put in the search
index. Then measures every public page type and feed, with the whole-page cache off. Queries must stay constant,
and the HTML size and time of every paginated page flat; the pages that list everything (the home page's map,
a programme's projects, sitemap, GeoJSON, CSV) grow by design.
"""

import datetime
import random

from _common import bench_database, growth_arguments, measure_growth, page_path

WORD = "melograno"
# Roughly the city of Turin.
LAT = (45.01, 45.12)
LNG = (7.60, 7.74)


def grow_to(count, have, pools, rng):
    """Generated projects and news items from ``have`` up to ``count`` each."""
    from news.models import NewsPage
    from projects.models import ProjectPage
    from tests.perf.bulk import add_children, index_pages

    def project(n):
        n += have
        return {
            "title": f"Progetto di prova {n + 1:04d}",
            "slug": f"progetto-di-prova-{n + 1:04d}",
            "summary": f"Un progetto generato sul {WORD}, per misurare come crescono le pagine.",
            "programme_id": rng.choice(pools["programmes"]).pk,
            "district_id": rng.choice(pools["districts"]).pk,
            "status": ProjectPage.STATUS_RUNNING,
            "address": "Piazza Palazzo di Città 1, Torino",
            "location": f"SRID=4326;POINT({rng.uniform(*LNG):.6f} {rng.uniform(*LAT):.6f})",
            "hero_image_id": rng.choice(pools["images"]).pk,
            "themes": rng.sample(pools["themes"], k=min(2, len(pools["themes"]))),
        }

    def news(n):
        n += have
        return {
            "title": f"Notizia di prova {n + 1:04d}",
            "slug": f"notizia-di-prova-{n + 1:04d}",
            "date": datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            "summary": f"Una notizia generata sul {WORD} per misurare la ricerca e i feed.",
            "body": [{"type": "paragraph", "value": f"<p>Il {WORD} cresce nei cortili di Torino.</p>"}],
            "hero_image_id": rng.choice(pools["images"]).pk,
            "is_press_release": n % 3 == 0,
        }

    index_pages(ProjectPage, add_children(pools["project_index"], ProjectPage, count - have, project))
    index_pages(NewsPage, add_children(pools["news_index"], NewsPage, count - have, news))


def main(only=None):
    """Measure every URL, or those whose label is in ``only``."""
    args = growth_arguments(__doc__)

    from django.urls import reverse
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from candidacy.models import DossierPage, RankingPage
    from home.models import HomePage
    from news.models import NewsIndexPage, PressRoomPage
    from opendata.models import OpenDataPage
    from projects.models import District, ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, Theme

    with bench_database(demo=True):
        locale = Locale.get_default()

        def first(model):
            return model.objects.live().filter(locale=locale).order_by("path").first()

        project_index, news_index = first(ProjectIndexPage), first(NewsIndexPage)
        programme = first(ProgrammePage)
        pools = {
            "project_index": project_index,
            "news_index": news_index,
            "programmes": [programme],  # one programme gets every generated project: its page lists them all
            "districts": list(District.objects.filter(locale=locale)),
            "themes": list(Theme.objects.filter(locale=locale)),
            "images": list(get_image_model().objects.all()[:6]),
        }
        news_path = page_path(news_index)
        urls = [
            ("home page", page_path(first(HomePage))),
            ("project index", page_path(project_index)),
            ("project index, page 2", page_path(project_index) + "?page=2"),
            ("project page", page_path(project_index) + "progetto-di-prova-0001/"),
            ("programme index", page_path(first(ProgrammeIndexPage))),
            ("programme page", page_path(programme)),
            ("news index", news_path),
            ("news index, page 2", news_path + "?page=2"),
            ("news page", news_path + "notizia-di-prova-0001/"),
            ("press room", page_path(first(PressRoomPage))),
            ("ranking page", page_path(first(RankingPage))),
            ("dossier page", page_path(first(DossierPage))),
            ("open data page", page_path(first(OpenDataPage))),
            ("search", f"{reverse('search')}?q={WORD}"),
            ("RSS", news_path + "feed/rss/"),
            ("Atom", news_path + "feed/atom/"),
            ("sitemap", "/sitemap.xml"),
            ("API listing", "/api/v2/pages/?type=news.NewsPage&fields=summary,date,is_press_release"),
            ("GeoJSON", reverse("projects_geojson")),
            ("CSV", reverse("projects_csv")),
        ]
        if only is not None:
            urls = [(label, path) for label, path in urls if label in only]
        rng = random.Random(2026)
        grown = [0]

        def grow(size):
            grow_to(size, grown[0], pools, rng)
            grown[0] = size

        measure_growth(args.sizes, grow, urls, args.repeat, "projects and news items")


if __name__ == "__main__":
    main()
