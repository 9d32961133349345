"""The listings prepared once per process (base/prepared_queries.py) show what Django's own build of the same queryset
showed, for every page and language, whatever the clock says and whichever hooks are registered: the home page's
programmes, news and places, a programme index's and a programme's cards, a news item's related pages; and their
cards' renditions, read by a prepared query of their own (``base.models.attach_card_renditions``), are what every
card shows, at a cost that does not grow with the number of cards."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset

from base.fragment_cache import listing_page
from base.models import CARD_RENDITIONS
from base.visibility import readable_related_pages
from home.models import FEATURED_PROGRAMMES, LATEST_NEWS, HomePage, HomePageFeaturedProgramme
from news.embargo import ReleaseEmbargo
from news.models import NewsPage, _related_pages_query
from projects.models import (
    PLACES_ON_MAP,
    PROGRAMME_CARDS,
    PROGRAMME_ORDER,
    PROGRAMME_PROJECTS,
    ProgrammeIndexPage,
    ProgrammePage,
    ProjectPage,
)
from tests import factories
from tests.demo_database import kept
from tests.editorial.test_preview import form_for, preview

EMBARGO = datetime.datetime(2031, 5, 20, 8, 0, tzinfo=datetime.UTC)
RELATED = ("related_programmes", "related_projects")
Rendition = get_image_model().get_rendition_model()


@kept
def tree(home_page, english_home, programme_index, project_index, news_index, programme, project, image, translate):
    """Every kind of page a listing must leave out or show: drafts, private pages, a programme hidden by the embargo
    hook (its translation key under embargo, as a release's pages are), a release under embargo, pages in Italian and
    English; cards sharing a hero image, cards with none, and a hero image with no renditions yet."""
    other, bare = factories.ImageFactory(), factories.ImageFactory()
    for picture in (image, other):
        picture.get_renditions(*CARD_RENDITIONS)

    def private(page):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        return page

    ProgrammePage.objects.filter(pk=programme.pk).update(hero_image=image)
    ProjectPage.objects.filter(pk=project.pk).update(hero_image=image)
    new_programme = factories.ProgrammePageFactory
    embargoed = new_programme(parent=programme_index, title="Programma sotto embargo", hero_image=other)
    ReleaseEmbargo.objects.create(translation_key=embargoed.translation_key, until=EMBARGO)
    draft = new_programme(parent=programme_index, title="Programma in bozza", live=False)
    hidden = private(new_programme(parent=programme_index, title="Programma riservato", hero_image=bare))

    def new_project(title, programme, **fields):
        return factories.ProjectPageFactory(parent=project_index, title=title, programme=programme, **fields)

    projects = {
        "shared": project,
        "other": new_project("Altro progetto", programme, hero_image=other),
        "twin": new_project("Gemello", programme, hero_image=image),  # the same picture as ``project``
        "bare": new_project("Senza rendition", programme, hero_image=bare),
        "plain": new_project("Senza immagine", programme),
        "draft": new_project("Progetto in bozza", programme, live=False),
        "private": private(new_project("Progetto riservato", programme)),
        "of embargoed": new_project("Del programma sotto embargo", embargoed),
        "of draft": new_project("Del programma in bozza", draft),
        "of private": new_project("Del programma riservato", hidden),
        "nowhere": new_project("Senza luogo", programme, location=""),
    }
    news = [
        factories.NewsPageFactory(
            parent=news_index,
            title=f"Notizia {number}",
            hero_image=picture,
            related_programmes=[programme, embargoed, draft, hidden] if number == 0 else [],
            related_projects=[project, projects["draft"], projects["private"], projects["other"]]
            if number == 0
            else [],
        )
        for number, picture in enumerate([other, bare, None, image, image])  # the newest two share one
    ]
    factories.NewsPageFactory(parent=news_index, title="Notizia in bozza", live=False, date=datetime.date(2030, 1, 1))
    private(factories.NewsPageFactory(parent=news_index, title="Notizia riservata", date=datetime.date(2030, 1, 2)))
    with time_machine.travel(EMBARGO - datetime.timedelta(days=1), tick=False):
        release = factories.NewsPageFactory(
            parent=news_index,
            title="Comunicato",
            slug="comunicato",
            hero_image=other,
            is_press_release=True,
            embargo_until=EMBARGO,
            date=EMBARGO.date(),
        )
    # Written as the editor's form writes them (the relation's own ``create`` would hold them in memory only).
    for order, chosen in enumerate((draft, embargoed, hidden, programme)):
        HomePageFeaturedProgramme.objects.create(page=home_page, programme=chosen, sort_order=order)
    english = {
        "programme": translate(programme, title="Social innovation"),
        "project": translate(project, title="Neighbourhood lab"),
        "news": translate(news[0], title="News 0"),
    }
    HomePageFeaturedProgramme.objects.create(page=english_home, programme=english["programme"], sort_order=0)
    return {
        "programmes": {"shared": programme, "embargoed": embargoed, "draft": draft, "private": hidden},
        "projects": projects,
        "news": news,
        "release": release,
        "english": english,
        "images": {"shared": image, "other": other, "bare": bare},
    }


# --- what each listing was, built by Django at every request --------------------------------------------------


def prepared_listings():
    """(name, prepared query, its values, the queryset Django built for the same listing before it was prepared), for
    every page of the tree that shows one and every language."""
    found = []
    for index in ProgrammeIndexPage.objects.all():
        found.append(
            (
                f"programmes of {index.pk}",
                PROGRAMME_CARDS,
                (index.path, index.depth + 1),
                lambda index=index: (
                    ProgrammePage.objects.child_of(index)
                    .live()
                    .public()
                    .for_cards()
                    .shown_on_cards()
                    .order_by(*PROGRAMME_ORDER)
                ),
            )
        )
    for programme in ProgrammePage.objects.all():
        found.append(
            (
                f"projects of {programme.title}",
                PROGRAMME_PROJECTS,
                (programme.locale_id, programme.pk),
                lambda programme=programme: (
                    ProjectPage.objects.listed(programme.locale_id).shown_on_cards().filter(programme=programme)
                ),
            )
        )
    for locale in Locale.objects.all():
        found.append(
            (f"places in {locale}", PLACES_ON_MAP, (locale.pk,), lambda pk=locale.pk: ProjectPage.objects.on_map(pk))
        )
        found.append(
            (
                f"latest news in {locale}",
                LATEST_NEWS,
                (locale.pk,),
                lambda pk=locale.pk: NewsPage.objects.listed(pk).shown_on_cards()[:3],
            )
        )
    for home in HomePage.objects.all():
        found.append(
            (
                f"programmes featured by {home.pk}",
                FEATURED_PROGRAMMES,
                (home.pk,),
                lambda home=home: (
                    ProgrammePage.objects.live()
                    .public()
                    .filter(pk__in=home.featured_programmes.values_list("programme_id", flat=True))
                    .for_cards()
                    .shown_on_cards()
                    .order_by(*PROGRAMME_ORDER)
                ),
            )
        )
    for news in NewsPage.objects.all():
        for name in RELATED:
            found.append(
                (
                    f"{name} of {news.title}",
                    _related_pages_query(name),
                    (news.pk,),
                    lambda news=news, name=name: (
                        readable_related_pages(news, name).order_by("title").only("title", "url_path", "summary")
                    ),
                )
            )
    return found


def facts(page):
    """What a card, a place or a link shows of a page: the fields and annotations read, the objects joined, the
    relations prefetched, and the renditions its hero image holds."""
    own = {name: value for name, value in vars(page).items() if not name.startswith("_")}
    joined = {name: getattr(related, "pk", None) for name, related in page._state.fields_cache.items()}
    prefetched = {
        name: [item.pk for item in items] for name, items in getattr(page, "_prefetched_objects_cache", {}).items()
    }
    image = page._state.fields_cache.get("hero_image")
    renditions = None
    if image is not None:
        held = image._get_prefetched_renditions()
        renditions = None if held is None else sorted(rendition.pk for rendition in held)
    return own, joined, prefetched, renditions


def counted(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return result, len(captured.captured_queries)


def assert_as_django_reads(name, query, values, build):
    expected, expected_queries = counted(lambda: list(build()))
    for _ in range(2):  # prepared at the first run (unless an earlier test did), reused at the second
        rows, queries = counted(lambda: query.run(*values))
        assert [facts(row) for row in rows] == [facts(row) for row in expected], name
        assert queries == expected_queries, name
    return rows


@pytest.mark.django_db
def test_each_listing_reads_what_django_read(tree):
    listings = prepared_listings()
    assert len(listings) > 20
    shown, listing_something = set(), set()
    for name, query, values, build in listings:
        rows = assert_as_django_reads(name, query, values, build)
        shown |= {row.pk for row in rows}
        if rows:
            listing_something.add(query)
    # The tree is as meant: every listing showed something somewhere, pages in both languages among them, and left
    # out the drafts, private pages and the release under embargo.
    assert listing_something == {query for _name, query, _values, _build in listings}
    projects, programmes = tree["projects"], tree["programmes"]
    assert {tree["english"]["project"].pk, tree["english"]["news"].pk, projects["shared"].pk} <= shown
    assert not {projects["draft"].pk, projects["private"].pk, programmes["draft"].pk, tree["release"].pk} & shown


@pytest.mark.django_db
def test_the_renditions_read_with_a_listing_cost_no_query_to_show(tree):
    for query, values in [
        (PROGRAMME_PROJECTS, (tree["projects"]["shared"].locale_id, tree["programmes"]["shared"].pk)),
        (LATEST_NEWS, (tree["news"][0].locale_id,)),
    ]:
        rows = query.run(*values)
        images = [row.hero_image for row in rows if row.hero_image_id is not None]
        assert len({image.pk for image in images}) < len(images)  # a picture shared by two cards
        with CaptureQueriesContext(connection) as captured:
            for image in images:
                if image.pk == tree["images"]["bare"].pk:
                    continue  # made when first shown (test_every_card_shows_a_rendition)
                found = image.get_renditions(*CARD_RENDITIONS)
                assert all(rendition.image is image for rendition in found.values())
        assert captured.captured_queries == []
        # Each card's picture its own list: a rendition Wagtail adds to one is not added to the other's.
        lists = [image.prefetched_renditions for image in images]
        assert len({id(held) for held in lists}) == len(lists)


# --- the clock and the hooks ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_embargo_ending_between_two_runs_shows_the_release_then_and_only_then(tree):
    release, programme = tree["release"], tree["programmes"]["embargoed"]
    italian = release.locale_id
    news = tree["news"][0]
    for query, values in [
        (LATEST_NEWS, (italian,)),
        (_related_pages_query("related_programmes"), (news.pk,)),
        (PROGRAMME_PROJECTS, (italian, programme.pk)),
        (PLACES_ON_MAP, (italian,)),
    ]:
        query.run(*values)  # prepared now, years before the embargo's end
    # Before the end, after it, before again: each run compares with the time it runs at.
    for moment, public in [(-1, False), (1, True), (-1, False), (1, True)]:
        with time_machine.travel(EMBARGO + datetime.timedelta(seconds=moment), tick=False):
            assert (release.pk in [row.pk for row in LATEST_NEWS.run(italian)]) is public
            shown = [page.pk for page in NewsPage.objects.get(pk=news.pk).related_pages()]
            assert (programme.pk in shown) is public
            of_programme = PROGRAMME_PROJECTS.run(italian, programme.pk)
            assert of_programme and all(row.programme_readable is public for row in of_programme)
            places = {row.pk: row.programme_readable for row in PLACES_ON_MAP.run(italian)}
            assert places[tree["projects"]["of embargoed"].pk] is public
            for name, query, values, build in prepared_listings():
                assert [facts(row) for row in query.run(*values)] == [facts(row) for row in build()], name


@pytest.mark.django_db
def test_a_hook_registered_after_the_listings_were_prepared_is_obeyed(tree):
    listings = prepared_listings()
    for _name, query, values, _build in listings:
        query.run(*values)
    programme, project = tree["programmes"]["shared"], tree["projects"]["shared"]
    news = NewsPage.objects.get(pk=tree["news"][0].pk)
    before = [page.pk for page in news.related_pages()]
    assert {programme.pk, project.pk} <= set(before)

    def hide_them(pages):
        return pages.exclude(Q(pk=programme.pk) | Q(pk=project.pk))

    with hooks.register_temporarily("hide_from_public", hide_them):
        for name, query, values, build in listings:
            assert [facts(row) for row in query.run(*values)] == [facts(row) for row in build()], name
        assert [page.pk for page in news.related_pages()] == [
            pk for pk in before if pk not in (programme.pk, project.pk)
        ]
        of_programme = PROGRAMME_PROJECTS.run(programme.locale_id, programme.pk)
        assert of_programme and not any(row.programme_readable for row in of_programme)
    assert [page.pk for page in news.related_pages()] == before
    assert all(row.programme_readable for row in PROGRAMME_PROJECTS.run(programme.locale_id, programme.pk))


# --- the cards as readers see them --------------------------------------------------------------------------

RENDITION = re.compile(r"/media/images/[^ ,]+\.fill-(400x225|800x450)\.format-(webp|jpeg)\.(webp|jpg)")


def cards(response):
    """Each card of a page: its title and the addresses of its pictures (``img`` and every ``source``)."""
    assert response.status_code == 200
    found = []
    for card in BeautifulSoup(response.content, "html.parser").select("article.card"):
        addresses = [img["src"] for img in card.select("img")]
        for tag in card.select("img[srcset], source"):
            addresses += [candidate.split()[0] for candidate in tag["srcset"].split(",")]
        found.append((card.select_one(".card__title").get_text(strip=True), addresses))
    return found


def listing_pages(tree):
    home = HomePage.objects.get(pk=tree["programmes"]["shared"].get_parent().get_parent().pk)
    return {
        "home": home.url,
        "programme": tree["programmes"]["shared"].url,
        "programme index": tree["programmes"]["shared"].get_parent().url,
        "project index": tree["projects"]["shared"].get_parent().url,
        "news index": tree["news"][0].get_parent().url,
        "english home": tree["english"]["programme"].get_parent().get_parent().url,
    }


@pytest.mark.django_db
def test_every_card_shows_a_rendition(client, tree):
    bare = tree["images"]["bare"]
    assert not Rendition.objects.filter(image=bare).exists()
    pictured = {
        page.title
        for model in (ProgrammePage, ProjectPage, NewsPage)
        for page in model.objects.filter(hero_image__isnull=False)
    }
    shared = {tree["projects"]["shared"].title, tree["projects"]["twin"].title, "Notizia 3", "Notizia 4"}
    seen = set()
    for name, url in listing_pages(tree).items():
        shown = cards(client.get(url))
        assert shown, name
        for title, addresses in shown:
            assert bool(addresses) is (title in pictured), (name, title)
            # An img and two sources of two widths each.
            assert len(addresses) in (0, 5), (name, title, addresses)
            for address in addresses:
                assert RENDITION.fullmatch(address), (name, title, address)
            seen.add(title)
    assert shared <= seen  # two cards sharing one picture, each shown with it
    # The picture with no renditions was shown with renditions Wagtail made for it.
    assert set(Rendition.objects.filter(image=bare).values_list("filter_spec", flat=True)) == set(CARD_RENDITIONS)


def measured(client, url):
    client.get(url)  # renditions a new picture needs are made at its first showing
    with CaptureQueriesContext(connection) as captured:
        shown = cards(client.get(url))
    return len(shown), len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["programme", "news index", "project index", "programme index", "home"])
def test_the_queries_of_a_listing_do_not_grow_with_its_cards(client, settings, tree, listing):
    settings.PAGE_SIZE = 30  # every card on one page
    url = listing_pages(tree)[listing]
    before = measured(client, url)
    programme = tree["programmes"]["shared"]
    for number in range(3):  # each with a picture of its own
        picture = factories.ImageFactory()
        if listing in ("programme", "project index"):
            factories.ProjectPageFactory(
                parent=tree["projects"]["shared"].get_parent(), programme=programme, hero_image=picture
            )
        elif listing == "news index":
            factories.NewsPageFactory(parent=tree["news"][0].get_parent(), hero_image=picture)
        else:
            added = factories.ProgrammePageFactory(parent=programme.get_parent(), title=f"Nuovo {number}")
            ProgrammePage.objects.filter(pk=added.pk).update(hero_image=picture)
            HomePageFeaturedProgramme.objects.create(page_id=programme.get_parent().get_parent().pk, programme=added)
    after = measured(client, url)
    assert after[0] > before[0]
    assert after[1] == before[1], f"{before[0]} cards: {before[1]} queries, {after[0]} cards: {after[1]}"


# --- previews --------------------------------------------------------------------------------------------------


def featured_form(home, programmes):
    """The home page's featured programmes as the editor posts them: those saved removed, ``programmes`` added."""
    saved = [
        {"id": str(row.pk), "programme": str(row.programme_id), "DELETE": "1"}
        for row in HomePageFeaturedProgramme.objects.filter(page=home)
    ]
    assert saved
    return inline_formset([*saved, *({"programme": str(page.pk)} for page in programmes)], initial=len(saved))


@pytest.mark.django_db
def test_a_home_page_preview_shows_the_programmes_chosen_in_the_form(admin_client, tree):
    home = HomePage.objects.get(pk=tree["programmes"]["shared"].get_parent().get_parent().pk)
    saved = {programme.title for programme in FEATURED_PROGRAMMES.run(home.pk)}
    chosen = tree["programmes"]["embargoed"], tree["programmes"]["draft"]
    added = factories.ProgrammePageFactory(parent=tree["programmes"]["shared"].get_parent(), title="Scelto ora")
    doc = preview(
        admin_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]),
        form_for(HomePage, home, title=home.title, featured_programmes=featured_form(home, [*chosen, added])),
    )
    shown = [card.get_text(strip=True) for card in doc.select("article.card--programme .card__title")]
    # Of the form's programmes, those shown on a home page (live, public), in the programme index's order; none of
    # those saved that the form left out.
    expected = ProgrammePage.objects.live().public().filter(pk__in=[page.pk for page in (*chosen, added)])
    assert shown == [page.title for page in expected.order_by(*PROGRAMME_ORDER)]
    assert "Scelto ora" in shown and tree["programmes"]["shared"].title in saved - set(shown)
    assert {programme.title for programme in FEATURED_PROGRAMMES.run(home.pk)} == saved  # nothing was saved


@pytest.mark.django_db
def test_a_news_page_preview_shows_the_related_pages_chosen_in_the_form(admin_client, tree):
    news = tree["news"][0]
    saved = {page.title for page in NewsPage.objects.get(pk=news.pk).related_pages()}
    projects = tree["projects"]
    doc = preview(
        admin_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[news.pk]),
        {
            **form_for(NewsPage, news, title=news.title),
            # Checkboxes: none of the programmes, two projects (one a draft readers may not open).
            "related_projects": [str(projects["twin"].pk), str(projects["draft"].pk)],
        },
    )
    shown = [link.get_text(strip=True) for link in doc.select(".related-list a")]
    assert shown == [projects["twin"].title]
    assert projects["twin"].title not in saved
    assert {page.title for page in NewsPage.objects.get(pk=news.pk).related_pages()} == saved


# --- listing_page(..., then=...) ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("total", [0, 1, 4, 5])
def test_then_is_called_once_and_only_when_the_cards_are_read(settings, tree, total):
    settings.PAGE_SIZE = 2
    items = Page.objects.filter(depth__gt=1).order_by("path")
    items = items.filter(pk__in=list(items.values_list("pk", flat=True)[:total]))
    for number in [None, "x", "1", "2", "3", "-1", "99"]:
        calls = []
        page = listing_page(None, items, number, "test-listing", then=calls.append)
        # What the pagination shows reads no card.
        assert (page.number, page.paginator.count, page.has_next(), page.has_previous()) is not None
        assert page.paginator.num_pages >= 1 and page.start_index() >= 0
        assert calls == []
        expected = [item.pk for item in Paginator(items, 2).get_page(number)]
        assert [item.pk for item in page] == expected
        assert len(page) == len(expected) and [item.pk for item in page[:]] == expected
        if expected:
            assert page[0].pk == expected[0]
        assert [[item.pk for item in rows] for rows in calls] == [expected]


@pytest.mark.django_db
def test_a_listing_kept_with_its_rendering_reads_no_renditions(client, settings, tree):
    settings.CHROME_CACHE_SECONDS = 300
    url = listing_pages(tree)["news index"]
    client.get(url)  # the site's settings made at its first request: a change, after which nothing was kept
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    assert cards(again) == cards(first)
    assert not [query for query in captured.captured_queries if "wagtailimages_rendition" in query["sql"]]
