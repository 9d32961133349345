"""Query count and render time of the press and public URLs, as the news grows: 10, 100, 500 items.

    .venv/bin/python bench/public.py [--sizes 10 100 500] [--repeat 10]

Starts from the demo content, adds generated news items (every one matching the search word, a
third of them press releases), then measures the search page, both feeds, the sitemap, the API
listing and the press room. The query count must not grow with the number of news items.
"""

import datetime

from _common import bench_database, growth_arguments, measure_growth, page_path

WORD = "melograno"


def grow_to(count, index, image):
    from news.models import NewsPage

    have = NewsPage.objects.child_of(index).filter(slug__startswith="notizia-di-prova-").count()
    for n in range(have, count):
        page = NewsPage(
            title=f"Notizia di prova {n + 1:03d}",
            slug=f"notizia-di-prova-{n + 1:03d}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            summary=f"Una notizia generata sul {WORD} per misurare la ricerca e i feed.",
            body=[{"type": "paragraph", "value": f"<p>Il {WORD} cresce nei cortili di Torino.</p>"}],
            hero_image=image,
            is_press_release=n % 3 == 0,
            live=True,
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def main():
    args = growth_arguments(__doc__)

    from django.urls import reverse
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from news.models import NewsIndexPage, PressRoomPage

    with bench_database(demo=True):
        locale = Locale.get_default()
        index = NewsIndexPage.objects.get(locale=locale)
        room = PressRoomPage.objects.get(locale=locale)
        image = get_image_model().objects.first()
        urls = [
            ("search", f"{reverse('search')}?q={WORD}"),
            ("RSS", page_path(index) + "feed/rss/"),
            ("Atom", page_path(index) + "feed/atom/"),
            ("sitemap", "/sitemap.xml"),
            ("API listing", "/api/v2/pages/?type=news.NewsPage&fields=summary,date,is_press_release"),
            ("press room", page_path(room)),
            ("CSV", reverse("projects_csv")),
        ]
        measure_growth(args.sizes, lambda size: grow_to(size, index, image), urls, args.repeat, "news items")


if __name__ == "__main__":
    main()
