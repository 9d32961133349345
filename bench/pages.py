"""Query count and render time of the main public URLs, with the demo content.

    .venv/bin/python bench/pages.py [--repeat 20]

Requests go through Django's WSGI handler in this process (full middleware stack, no network), with the
whole-page cache off: what is measured is the work of rendering a page. "CPU ms" is the median CPU time of this
process per request, which other work on a shared machine disturbs less than the wall-clock "median ms".
"""

import argparse

from _common import bench_database, measure_with_cpu, page_path, print_table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL (default 20)")
    args = parser.parse_args()

    from django.urls import reverse
    from wagtail.models import Locale

    from home.models import HomePage
    from news.models import NewsIndexPage, NewsPage
    from projects.models import ProgrammePage, ProjectIndexPage, ProjectPage

    with bench_database(demo=True):
        locale = Locale.get_default()
        english = Locale.objects.get(language_code="en")

        def first(model):
            return model.objects.live().filter(locale=locale).order_by("path").first()

        project = ProjectPage.objects.live().filter(locale=locale).exclude(location="").order_by("path").first()
        urls = [
            ("home page", page_path(first(HomePage))),
            ("project index", page_path(first(ProjectIndexPage))),
            ("project page", page_path(project)),
            ("news index", page_path(first(NewsIndexPage))),
            ("news page", page_path(first(NewsPage))),
            ("programme page", page_path(first(ProgrammePage))),
            ("English home page", page_path(first(HomePage).get_translation(english))),
            ("English project page", page_path(project.get_translation(english))),
            ("GeoJSON", reverse("projects_geojson")),
        ]
        projects = ProjectPage.objects.live().filter(locale=locale).count()
        print(f"{projects} live projects; {args.repeat} timed requests per URL after 2 warm-up requests\n")
        rows = []
        for label, path in urls:
            status, queries, median, p90, size, cpu = measure_with_cpu(path, repeat=args.repeat)
            rows.append(
                (label, path, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{cpu:.1f}", f"{size / 1024:.1f}")
            )
        print_table(["URL", "path", "status", "queries", "median ms", "p90 ms", "CPU ms", "KiB"], rows)


if __name__ == "__main__":
    main()
