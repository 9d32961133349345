"""Every page says which language it is in, links its translations and has a switcher that never 404s.

- ``<html lang>`` is the language of the page's content;
- ``<link rel="alternate" hreflang>``: ``it``, ``en`` and ``x-default`` (the Italian page), each
  answering 200 in that language;
- the language switcher goes to the same page in the other language, or, where the page has no
  translation yet, to that language's home page, which says why.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from news.models import without_embargoed
from projects.models import ProjectPage
from tests import factories
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def alternates(doc):
    return {link["hreflang"]: link["href"] for link in doc.select('link[rel="alternate"][hreflang]')}


def switcher_links(doc):
    nav = doc.select_one("nav.language-switcher")
    return nav.select("a") if nav is not None else []


class Visits:
    """GET each URL once: (status, <html lang>), from the demo's kept answers (tests/demo_pages.py) where it has one."""

    def __init__(self, client, demo_pages):
        self.client = client
        self.demo_pages = demo_pages
        self.seen = {}

    def __call__(self, url):
        if url not in self.seen:
            response = self.demo_pages.get(self.client, url)
            lang = response.soup.html.get("lang") if response.status_code == 200 else None
            self.seen[url] = (response.status_code, lang)
        return self.seen[url]


# --- every demo page, in both languages ----------------------------------------------------------


@pytest.mark.django_db
def test_every_page_links_its_translations_to_pages_in_the_right_language(client, demo_pages):
    # News under embargo answers 404 to the public until it lifts (tests/news/test_embargo.py).
    visible = without_embargoed(Page.objects.live().public().filter(depth__gte=2))
    pages = list(visible.select_related("locale").order_by("path"))
    assert {page.specific_class for page in pages} >= set(PAGE_TYPES)
    assert {page.locale.language_code for page in pages} == {"it", "en"}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    visit = Visits(client, demo_pages)
    failures = []

    for page in pages:
        code = page.locale.language_code
        other = "en" if code == "it" else "it"
        translation = page.get_translation(locales[other])
        response = demo_pages.get(client, page.get_url())
        doc = response.soup
        where = f"{page.specific_class.__name__} {page.get_url()}"
        if response.status_code != 200 or doc.html["lang"] != code:
            failures.append(f"{where}: {response.status_code}, lang={doc.html.get('lang')}")
            continue

        links = alternates(doc)
        if set(links) != {"it", "en", "x-default"}:
            failures.append(f"{where}: hreflang {sorted(links)}")
            continue
        if not (links[code].endswith(page.get_url()) and links[other].endswith(translation.get_url())):
            failures.append(f"{where}: hreflang points elsewhere: {links}")
        if links["x-default"] != links["it"]:
            failures.append(f"{where}: x-default is not the Italian page: {links}")
        for hreflang, href in links.items():
            expected = "it" if hreflang == "x-default" else hreflang
            if visit(href) != (200, expected):
                failures.append(f"{where}: hreflang={hreflang} {href} answers {visit(href)}")

        switcher = switcher_links(doc)
        if [a["lang"] for a in switcher] != ["it", "en"] or [a["hreflang"] for a in switcher] != ["it", "en"]:
            failures.append(f"{where}: switcher languages {[a.get('lang') for a in switcher]}")
            continue
        current = [a for a in switcher if a.get("aria-current")]
        if [a["lang"] for a in current] != [code] or current[0]["href"] != page.get_url():
            failures.append(f"{where}: the switcher does not mark this page as current")
        target = next(a for a in switcher if a["lang"] == other)
        if target["href"] != translation.get_url():
            failures.append(f"{where}: switcher goes to {target['href']}, not to {translation.get_url()}")
        if visit(target["href"]) != (200, other):
            failures.append(f"{where}: switcher link {target['href']} answers {visit(target['href'])}")

    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_english_pages_link_english_pages(client, demo_pages):
    """Menus, breadcrumbs, cards, maps and footers of English pages stay in English."""
    english = list(Page.objects.live().filter(locale__language_code="en", depth__gte=2).order_by("path"))
    failures = {}
    for page in english:
        doc = demo_pages.get(client, page.get_url()).soup
        italian = sorted(
            {
                a["href"]
                # The language switcher's Italian link is the point of it.
                for a in doc.select("a[href^='/']:not(nav.language-switcher a)")
                if not a["href"].startswith(("/en/", "/static/", "/media/", "/documents/", "/admin/"))
            }
        )
        if italian:
            failures[page.get_url()] = italian
    assert not failures


# --- an untranslated page, drafts and bad input ----------------------------------------------------


@kept
def bilingual_home(home_page, english_home):
    """The Italian home page and its English translation, both live."""
    return home_page, english_home


@pytest.mark.django_db
def test_untranslated_page_switches_to_the_other_home_page_with_a_notice(client, bilingual_home, standard_page):
    response = client.get(standard_page.url)
    doc = parse(response)

    assert response.status_code == 200 and doc.html["lang"] == "it"
    assert alternates(doc) == {}, "a page without translations has no alternates"
    english = next(a for a in switcher_links(doc) if a["lang"] == "en")
    assert english["href"] == f"/en/?untranslated={standard_page.pk}"
    assert "non tradotta: home page" not in english.text, "the note is in the language of the link"
    assert "(not translated: home page)" in " ".join(english.text.split())

    landing = client.get(english["href"])
    notice = parse(landing).select_one(".notice--language")
    assert landing.status_code == 200 and parse(landing).html["lang"] == "en"
    assert "has not been translated into English yet" in notice.text
    back = notice.select_one("a")
    assert back["href"] == standard_page.url and back["lang"] == back["hreflang"] == "it"
    assert back.text == standard_page.title


@pytest.mark.django_db
def test_english_page_without_italian_switches_to_the_italian_home_page(client, bilingual_home, locale_en):
    english_home = bilingual_home[1]
    english_only = factories.StandardPageFactory(
        parent=english_home, title="For international jurors", slug="jurors", locale=locale_en
    )

    doc = parse(client.get("/en/jurors/"))
    italian = next(a for a in switcher_links(doc) if a["lang"] == "it")
    landing = client.get(italian["href"])

    assert italian["href"] == f"/?untranslated={english_only.pk}"
    assert landing.status_code == 200 and parse(landing).html["lang"] == "it"
    assert "non è ancora stata tradotta in italiano" in parse(landing).select_one(".notice--language").text


@pytest.mark.django_db
def test_a_draft_translation_is_not_linked(client, bilingual_home, standard_page, locale_en):
    draft = factories.translate(standard_page, locale_en, publish=False, title="Accessibility", slug="accessibility")

    doc = parse(client.get(standard_page.url))

    assert not draft.live
    assert alternates(doc) == {}
    assert next(a for a in switcher_links(doc) if a["lang"] == "en")["href"].startswith("/en/?untranslated=")
    assert client.get("/en/accessibility/").status_code == 404


@pytest.mark.django_db
def test_notice_ignores_bad_or_stale_input(client, bilingual_home, standard_page, locale_en):
    english_home = bilingual_home[1]
    translated = factories.StandardPageFactory(parent=bilingual_home[0], title="Chi siamo", slug="chi-siamo")
    factories.translate(translated, locale_en, title="About", slug="about")
    cases = [
        "abc",
        "-1",
        "99999999",
        "999999999999999999999999",
        "",
        "1 OR 1=1",
        "²",  # a digit to str.isdigit(), not to int()
        "١٢",
        str(english_home.pk),  # a page in this very language
        str(translated.pk),  # translated since the link was made
        "1",  # the tree's root: live, but no page of the site
    ]
    for value in cases:
        response = client.get("/en/", {"untranslated": value})
        assert response.status_code == 200, value
        assert parse(response).select_one(".notice--language") is None, value


@pytest.mark.django_db
def test_not_found_page_offers_the_other_home_page_and_marks_no_home_page_current(client, bilingual_home):
    for url, lang, other, home in (("/non-esiste/", "it", "en", "/en/"), ("/en/does-not-exist/", "en", "it", "/")):
        response = client.get(url)
        doc = parse(response)
        links = {a["lang"]: a for a in switcher_links(doc)}
        assert response.status_code == 404
        assert doc.html["lang"] == lang
        assert links[other]["href"] == home and not links[other].has_attr("aria-current")
        # The current language's entry is this address, not its home page.
        assert links[lang]["href"] == url and links[lang]["aria-current"] == "true"


@pytest.mark.django_db
def test_search_page_switches_to_the_search_in_the_other_language(client, bilingual_home):
    for url, lang, other, other_url in (
        ("/cerca/?q=innovazione", "it", "en", "/en/search/?q=innovazione"),
        ("/en/search/?q=innovation&page=2", "en", "it", "/cerca/?q=innovation&page=2"),
    ):
        links = {a["lang"]: a for a in switcher_links(parse(client.get(url)))}
        assert links[other]["href"] == other_url and not links[other].has_attr("aria-current")
        assert links[lang]["href"] == url and links[lang]["aria-current"] == "true"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/cerca/", "/en/search/"])
def test_a_search_sent_as_raw_utf8_keeps_its_words_in_both_links(client, bilingual_home, path):
    """Some clients send the query unencoded; the switcher's links carry the words, encoded, not mojibake."""
    response = client.get(path, QUERY_STRING="q=mobilit\u00e0".encode().decode("latin-1"))

    links = {a["lang"]: a["href"] for a in switcher_links(parse(response))}
    assert links == {"it": "/cerca/?q=mobilit%C3%A0", "en": "/en/search/?q=mobilit%C3%A0"}


@pytest.mark.django_db
def test_no_switcher_when_there_is_one_language(client, home_page, standard_page):
    doc = parse(client.get(standard_page.url))

    assert switcher_links(doc) == []
    assert alternates(doc) == {}


@pytest.mark.django_db
def test_italian_address_is_italian_whatever_the_browser_asks(client, bilingual_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert parse(response).html["lang"] == "it"


# --- query counts ----------------------------------------------------------------------------------


@pytest.fixture
def bilingual_projects(bilingual_home, project_index, locale_en):
    """grow(n): n live projects, each with a live English translation."""
    factories.translate(project_index, locale_en, title="Projects", slug="projects")

    def grow(total):
        while ProjectPage.objects.filter(locale__language_code="it").count() < total:
            project = factories.ProjectPageFactory(parent=project_index)
            factories.translate(project, locale_en, title=f"Project {project.pk}", slug=f"project-{project.pk}")
        return ProjectPage.objects.filter(locale__language_code="it").order_by("pk").first()

    return grow


def page_queries(client, url):
    client.get(url)  # warm up: site root paths, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_language_links_cost_the_same_whatever_the_number_of_pages(client, bilingual_projects):
    project = bilingual_projects(2)
    english_url = project.get_translation(Locale.objects.get(language_code="en")).url
    few = page_queries(client, project.url), page_queries(client, english_url)

    bilingual_projects(12)
    many = page_queries(client, project.url), page_queries(client, english_url)

    assert many == few


@pytest.mark.django_db
def test_hreflang_and_switcher_share_one_lookup(bilingual_projects, django_assert_num_queries):
    """The translations and home pages of every language come with the menu's one lookup of the page's
    surroundings (navigation_tags._page_chrome): once the menu has it, the links cost no query."""
    project = bilingual_projects(3)
    request = RequestFactory().get(project.url)
    context = Context({"page": project, "request": request})
    Site.find_for_request(request)  # as Wagtail does when it serves the page
    Template("{% load navigation_tags %}{% site_home %}").render(context)  # the menu has found the home page

    with django_assert_num_queries(0):
        html = Template(
            "{% load navigation_tags %}{% alternate_links as links %}{% language_links as languages %}"
            "{{ links|length }} {{ languages|length }}"
        ).render(context)

    assert html == "3 2"


@pytest.mark.django_db
def test_footer_links_follow_the_language_in_one_query(bilingual_home, locale_en, django_assert_num_queries):
    from django.utils import translation

    from base.models import SiteSettings

    italian_home = bilingual_home[0]
    translated = factories.StandardPageFactory(parent=italian_home, title="Accessibilità", slug="accessibilita")
    factories.translate(translated, locale_en, title="Accessibility", slug="accessibility")
    untranslated = factories.StandardPageFactory(parent=italian_home, title="Note legali", slug="note-legali")
    draft = factories.StandardPageFactory(parent=italian_home, title="Bozza", slug="bozza", live=False)
    chosen = [{"type": "page", "value": page.pk} for page in (translated, untranslated, draft)]
    settings_ = SiteSettings.objects.create(site=Site.objects.get(), footer_links=chosen)
    links = settings_.footer_links
    [block.value for block in links]  # the chosen pages, fetched as the settings are read

    with translation.override("en"), django_assert_num_queries(1):
        html = Template("{% load navigation_tags %}{% localized_pages links as pages %}{{ pages|join:'|' }}").render(
            Context({"links": links})
        )

    assert html == "Accessibility|Note legali", "English where translated, Italian otherwise, never a draft"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/progetti/?page=2", "/en/projects/?page=2"])
def test_a_later_page_of_a_listing_names_the_same_page_in_each_language(client, bilingual_projects, path):
    """Its canonical address is ?page=2 (a page of its own): its language versions are page 2 too, itself among
    them, as search engines want of an hreflang set."""
    bilingual_projects(12)
    doc = parse(client.get(path))

    canonical = doc.select_one('link[rel="canonical"]')["href"]
    assert alternates(doc) == {
        "it": "http://localhost/progetti/?page=2",
        "en": "http://localhost/en/projects/?page=2",
        "x-default": "http://localhost/progetti/?page=2",
    }
    assert canonical in alternates(doc).values()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/progetti/?theme=mobilita&page=2", "/en/projects/?district=x"])
def test_a_filtered_listing_names_no_language_version(client, bilingual_projects, path):
    """Noindex and canonical to its listing (seo_tags): no page of its own, so no versions to name; its page 2 is not
    the listing's page 2 in either language."""
    bilingual_projects(12)
    doc = parse(client.get(path))

    assert alternates(doc) == {}
    assert doc.select_one('meta[name="robots"]')["content"] == "noindex, follow"


@pytest.mark.django_db
def test_the_current_language_link_of_a_crafted_address_stays_on_the_site(client, bilingual_home):
    """A 404's switcher links to the address asked, escaped: decoded, /%5Cevil.example/ would read //evil.example/."""
    response = client.get("/%5Cevil.example/")

    for link in switcher_links(parse(response)):
        href = link["href"]
        assert href.startswith("/") and not href.startswith(("//", "/\\")), href


@pytest.mark.django_db
@pytest.mark.parametrize("chrome_cache_seconds", [0, 300])
def test_a_later_page_of_a_listing_names_only_the_languages_whose_listing_has_it(
    client, settings, english_home, news_index, translate, chrome_cache_seconds
):
    """Five news items in Italian (three pages of two), three of them in English (two pages): page 2 is named in
    both languages, page 3 in none but Italian, so it has no alternates. English ?page=3 would show its last page,
    canonical to ?page=2: not a version of Italian page 3. Every link named answers 200, canonical to itself, and
    names the others back."""
    settings.PAGE_SIZE = 2
    settings.CHROME_CACHE_SECONDS = chrome_cache_seconds
    translate(news_index, title="News", slug="news")
    for n, news in enumerate(factories.NewsPageFactory.create_batch(5, parent=news_index)):
        if n < 3:
            translate(news, title=f"News {n}", slug=f"news-{n}")
    second = {
        "it": "http://localhost/notizie/?page=2",
        "en": "http://localhost/en/news/?page=2",
        "x-default": "http://localhost/notizie/?page=2",
    }

    for path in ("/notizie/?page=2", "/en/news/?page=2"):
        assert alternates(parse(client.get(path))) == second
    for url in second.values():
        doc = parse(client.get(url.removeprefix("http://localhost")))
        assert doc.select_one('link[rel="canonical"]')["href"] == url
        assert alternates(doc) == second
    shorter = parse(client.get("/en/news/?page=3"))
    assert shorter.select_one('link[rel="canonical"]')["href"] == "http://localhost/en/news/?page=2"
    third = parse(client.get("/notizie/?page=3"))
    assert third.select_one('link[rel="canonical"]')["href"] == "http://localhost/notizie/?page=3"
    assert alternates(third) == {}
    # The first pages are each other's versions, whatever the length of the listings.
    assert alternates(parse(client.get("/en/news/")))["it"] == "http://localhost/notizie/"
