"""Does the cost of the project listings stay flat as projects grow? 10, 100 and 500 projects.

    .venv/bin/python bench/scaling.py [--sizes 10 100 500] [--repeat 10]

Starts from the demo content, replaces its projects with N generated ones (each with a
programme, district, themes, a location in Turin and a demo image), then measures the
GeoJSON feed, the project index and the home page. The query count must not grow with N.
"""

import random

from _common import bench_database, growth_arguments, measure_growth, page_path

# Roughly the city of Turin.
LAT = (45.01, 45.12)
LNG = (7.60, 7.74)


def grow_to(count, index, pools, rng):
    from projects.models import ProjectPage

    have = ProjectPage.objects.child_of(index).count()
    for n in range(have, count):
        lat, lng = rng.uniform(*LAT), rng.uniform(*LNG)
        project = ProjectPage(
            title=f"Progetto di prova {n + 1:03d}",
            slug=f"progetto-di-prova-{n + 1:03d}",
            summary="Un progetto generato per misurare quanto costa la mappa quando i progetti crescono.",
            programme=rng.choice(pools["programmes"]),
            district=rng.choice(pools["districts"]) if pools["districts"] else None,
            status=ProjectPage.STATUS_RUNNING,
            address="Piazza Palazzo di Città 1, Torino",
            location=f"SRID=4326;POINT({lng:.6f} {lat:.6f})",
            hero_image=rng.choice(pools["images"]) if pools["images"] else None,
            live=True,
        )
        if pools["themes"]:
            project.themes = rng.sample(pools["themes"], k=min(2, len(pools["themes"])))
        index.add_child(instance=project)


def main():
    args = growth_arguments(__doc__)

    from django.urls import reverse
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from home.models import HomePage
    from projects.models import District, ProgrammePage, ProjectIndexPage, ProjectPage, Theme

    with bench_database(demo=True):
        locale = Locale.get_default()
        index = ProjectIndexPage.objects.filter(locale=locale).first()
        home = HomePage.objects.filter(locale=locale).first()
        pools = {
            "programmes": list(ProgrammePage.objects.filter(locale=locale)),
            "districts": list(District.objects.filter(locale=locale)),
            "themes": list(Theme.objects.filter(locale=locale)),
            "images": list(get_image_model().objects.all()[:6]),
        }
        # Start from no project at all, then add generated ones.
        for project in ProjectPage.objects.all():
            project.delete()
        urls = [
            ("GeoJSON", reverse("projects_geojson")),
            ("project index", page_path(index)),
            ("home page", page_path(home)),
        ]
        rng = random.Random(2026)
        measure_growth(args.sizes, lambda size: grow_to(size, index, pools, rng), urls, args.repeat, "projects")


if __name__ == "__main__":
    main()
