"""What search engines and social networks read: title, description, canonical URL, Open Graph and
Twitter card with a 1200×630 image, and schema.org JSON-LD (Organization, NewsArticle, Place,
BreadcrumbList)."""

import json

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage
from tests import factories
from tests.base import site_settings


def head(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


@pytest.fixture
def news(news_index):
    # Hero images are at least 1600 px wide (the field's help text); Wagtail never enlarges a rendition.
    image = factories.ImageFactory(file__width=1600, file__height=900)
    return factories.NewsPageFactory(
        parent=news_index,
        title="Aperto il laboratorio",
        slug="aperto-il-laboratorio",
        summary="In Barriera di Milano apre un laboratorio di quartiere.",
        hero_image=image,
    )


@pytest.mark.django_db
def test_news_page_has_title_description_canonical_and_sharing_tags(client, news):
    soup = head(client.get(news.url))

    assert soup.title.string == "Aperto il laboratorio · Torino Innovation"
    assert meta(soup, "description") == "In Barriera di Milano apre un laboratorio di quartiere."
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/notizie/aperto-il-laboratorio/"
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == "Aperto il laboratorio"
    assert meta(soup, "og:url") == "http://localhost/notizie/aperto-il-laboratorio/"
    assert meta(soup, "og:locale") == "it_IT"
    assert meta(soup, "og:image").startswith("http://localhost/media/images/")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt")
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


@pytest.mark.django_db
def test_news_page_json_ld_is_a_news_article_with_breadcrumbs(client, news):
    graph = json_ld(head(client.get(news.url)))

    article = graph["NewsArticle"]
    assert article["headline"] == "Aperto il laboratorio"
    assert article["url"] == "http://localhost/notizie/aperto-il-laboratorio/"
    assert article["inLanguage"] == "it"
    assert article["datePublished"]
    assert article["publisher"]["@type"] == "Organization"
    assert article["image"][0].startswith("http://localhost/media/images/")
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [(1, "Home"), (2, "Notizie"), (3, "Aperto il laboratorio")]
    assert crumbs[0]["item"] == "http://localhost/"


@pytest.mark.django_db
def test_home_page_json_ld_is_the_organisation(client, home_page):
    link = {"platform": "linkedin", "label": "LinkedIn", "url": "https://www.linkedin.com/x"}
    site_settings.store(
        home_page.get_site(),
        {"it": {"organisation_name": "Città di Torino", "social_links": [{"type": "link", "value": link}]}},
        email="redazione@comune.torino.it",
    )

    soup = head(client.get("/"))
    graph = json_ld(soup)

    organisation = graph["Organization"]
    assert organisation["name"] == "Città di Torino"
    assert organisation["url"] == "http://localhost/"
    assert organisation["email"] == "redazione@comune.torino.it"
    assert organisation["sameAs"] == ["https://www.linkedin.com/x"]
    assert graph["BreadcrumbList"]["itemListElement"][0]["name"] == "Home"
    assert meta(soup, "og:type") == "website"


@pytest.mark.django_db
def test_project_page_json_ld_is_a_place_with_coordinates(client, project):
    graph = json_ld(head(client.get(project.url)))

    place = graph["Place"]
    assert place["name"] == "Laboratorio di quartiere"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 45.0906, "longitude": 7.6996}
    assert place["address"]["streetAddress"] == project.address
    assert len(graph["BreadcrumbList"]["itemListElement"]) == 3


@pytest.mark.django_db
def test_every_page_type_has_breadcrumbs_in_json_ld(client, ranking_page, standard_page, programme, news_index):
    for page in (ranking_page, standard_page, programme, news_index):
        graph = json_ld(head(client.get(page.url)))
        assert graph["BreadcrumbList"]["itemListElement"][-1]["name"] == page.title


@pytest.mark.django_db
def test_json_ld_cannot_be_closed_by_a_title(client, news_index):
    """The editor refuses markup in a title (base/validators.py); one forced into the database, by a script or
    an old version, still cannot close the JSON-LD."""
    page = factories.NewsPageFactory(parent=news_index, title="Comunicato")
    NewsPage.objects.filter(pk=page.pk).update(title="</script><script>alert(1)</script>")
    page.refresh_from_db()

    html = client.get(page.url).content.decode()
    head_html = html.split("</head>")[0]

    assert "<script>alert(1)" not in head_html
    graph = json_ld(BeautifulSoup(html, "html.parser").head)
    assert graph["NewsArticle"]["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_search_description_wins_and_later_listing_pages_are_canonical_to_themselves(client, settings, news_index):
    settings.PAGE_SIZE = 2
    factories.NewsPageFactory.create_batch(5, parent=news_index)  # three pages
    news_index.search_description = "Tutte le notizie della città."
    news_index.save_revision().publish()

    soup = head(client.get("/notizie/?page=2&utm_source=x"))

    assert meta(soup, "description") == "Tutte le notizie della città."
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/notizie/?page=2"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,canonical",
    [
        # Past the end, the listing shows its last page: the canonical URL says which.
        ("page=9999", "http://localhost/notizie/?page=3"),
        ("page=1", "http://localhost/notizie/"),
        ("page=abc", "http://localhost/notizie/"),
        ("page=²", "http://localhost/notizie/"),
        ("page=-4", "http://localhost/notizie/?page=3"),
    ],
)
def test_a_listing_is_canonical_to_the_page_it_really_shows(client, settings, news_index, query, canonical):
    settings.PAGE_SIZE = 2
    factories.NewsPageFactory.create_batch(5, parent=news_index)

    soup = head(client.get(f"/notizie/?{query}"))

    assert soup.find("link", rel="canonical")["href"] == canonical
    assert meta(soup, "og:url") == canonical


def robots(soup):
    return meta(soup, "robots")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["tag=mobilita&page=2", "page=2&tag=mobilita&utm_source=newsletter", "tag=mobilita"])
def test_a_news_listing_filtered_by_tag_is_noindex_and_canonical_to_the_listing(client, settings, news_index, query):
    """Page 2 of the news tagged "mobilita" is not page 2 of the news: search engines are sent to the listing."""
    settings.PAGE_SIZE = 2
    for news in factories.NewsPageFactory.create_batch(5, parent=news_index):
        news.tags.add("mobilita")
        news.save_revision().publish()

    soup = head(client.get(f"/notizie/?{query}"))

    assert soup.find("link", rel="canonical")["href"] == "http://localhost/notizie/"
    assert meta(soup, "og:url") == "http://localhost/notizie/"
    assert robots(soup) == "noindex, follow"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["theme=mobilita", "district=barriera-di-milano&page=2", "programme=torino-social-innovation&theme=x"]
)
def test_a_filtered_project_index_is_noindex_and_canonical_to_the_index(client, settings, project, query):
    settings.PAGE_SIZE = 1
    factories.ProjectPageFactory(parent=project.get_parent())

    soup = head(client.get(f"/progetti/?{query}"))

    assert soup.find("link", rel="canonical")["href"] == "http://localhost/progetti/"
    assert robots(soup) == "noindex, follow"
    # The form sent with every list on "All", and parameters the site ignores, filter nothing: the index's own page.
    unfiltered = head(client.get("/progetti/?programme=&theme=&district=&page=2&utm_source=newsletter&fbclid=IwAR0"))
    assert unfiltered.find("link", rel="canonical")["href"] == "http://localhost/progetti/?page=2"
    assert robots(unfiltered) is None


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["7", "2", "²", "٣"])
def test_a_page_that_is_not_a_listing_ignores_the_page_parameter(client, standard_page, number):
    soup = head(client.get(standard_page.url, {"page": number}))

    assert soup.find("link", rel="canonical")["href"] == "http://localhost/accessibilita/"


@pytest.mark.django_db
def test_page_without_image_uses_the_home_page_image(client, home_page, image, standard_page):
    home_page.hero_image = image
    home_page.hero_image_alt = "La Mole Antonelliana al tramonto"
    home_page.save_revision().publish()

    soup = head(client.get(standard_page.url))

    assert meta(soup, "og:image").startswith("http://localhost/media/images/")
    assert "fill-1200x630" in meta(soup, "og:image")
    assert meta(soup, "og:image:alt") == "La Mole Antonelliana al tramonto", "described as the home page describes it"


@pytest.mark.django_db
def test_home_page_title_names_the_site_once(client, home_page):
    home_page.title = "Torino Innovation"
    home_page.save_revision().publish()
    assert head(client.get("/")).title.string == "Torino Innovation"

    home_page.seo_title = "Innovazione a Torino"
    home_page.save_revision().publish()
    assert head(client.get("/")).title.string == "Innovazione a Torino · Torino Innovation"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "path"), [("it", "/"), ("en", "/en/")])
def test_the_organisation_speaks_the_language_of_the_page(client, home_page, english_home, language, path):
    """The JSON-LD organisation (the publisher of news) and the footer read the settings in the page's language."""
    site_settings.store(home_page.get_site())
    expected = {"it": site_settings.ITALIAN, "en": site_settings.ENGLISH}[language]
    other = {"it": site_settings.ENGLISH, "en": site_settings.ITALIAN}[language]

    response = client.get(path)
    soup = head(response)
    footer = BeautifulSoup(response.content, "html.parser").find("footer").get_text(" ", strip=True)

    assert json_ld(soup)["Organization"]["name"] == expected["organisation_name"]
    assert expected["organisation_name"] in footer and expected["address"] in footer
    assert other["organisation_name"] not in footer and other["address"] not in footer
