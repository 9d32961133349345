"""Query count and render time of the main public URLs, with the demo content.

    .venv/bin/python bench/pages.py [--repeat 20]

Requests go through Django's WSGI handler in this process (full middleware stack, no network).
"""

import argparse

from _common import bench_database, measure, page_path, print_table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL (default 20)")
    args = parser.parse_args()

    from django.urls import reverse
    from wagtail.models import Locale

    from home.models import HomePage
    from news.models import NewsIndexPage
    from projects.models import ProjectIndexPage, ProjectPage

    with bench_database(demo=True):
        locale = Locale.get_default()

        def first(model):
            return model.objects.live().filter(locale=locale).order_by("path").first()

        project = ProjectPage.objects.live().filter(locale=locale).exclude(location="").order_by("path").first()
        urls = [
            ("home page", page_path(first(HomePage))),
            ("project index", page_path(first(ProjectIndexPage))),
            ("project page", page_path(project)),
            ("news index", page_path(first(NewsIndexPage))),
            ("English home page", page_path(first(HomePage).get_translation(Locale.objects.get(language_code="en")))),
            ("English project page", page_path(project.get_translation(Locale.objects.get(language_code="en")))),
            ("GeoJSON", reverse("projects_geojson")),
        ]
        projects = ProjectPage.objects.live().filter(locale=locale).count()
        print(f"{projects} live projects; {args.repeat} timed requests per URL after 2 warm-up requests\n")
        rows = []
        for label, path in urls:
            status, queries, median, p90, size = measure(path, repeat=args.repeat)
            rows.append((label, path, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{size / 1024:.1f}"))
        print_table(["URL", "path", "status", "queries", "median ms", "p90 ms", "KiB"], rows)


if __name__ == "__main__":
    main()
