"""Italian at /, English at /en/: each page declares the language its content is written in."""

import re

import pytest


def html_lang(response):
    return re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def english_project(project, locale_en):
    """The project's English translation, with its home page and index translated too."""
    index = project.get_parent()
    index.get_parent().copy_for_translation(locale_en).save_revision().publish()
    index.copy_for_translation(locale_en).save_revision().publish()
    translation = project.copy_for_translation(locale_en)
    translation.title = "Neighbourhood lab"
    translation.save_revision().publish()
    return translation


@pytest.mark.django_db
def test_italian_and_english_pages_declare_their_language(client, english_project):
    italian = client.get("/progetti/laboratorio-di-quartiere/")
    english = client.get("/en/progetti/laboratorio-di-quartiere/")

    assert italian.status_code == english.status_code == 200
    assert html_lang(italian) == "it"
    assert html_lang(english) == "en"
    assert "Neighbourhood lab" in english.content.decode()
    assert "Neighbourhood lab" not in italian.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/progetti/laboratorio-di-quartiere/"])
def test_untranslated_page_is_not_labelled_english(client, project, path):
    """With no English translation, /en/… redirects to the Italian page, which says that its content is Italian.

    Italian text inside <html lang="en"> is read with English pronunciation by screen readers
    (WCAG 2.1, 3.1.1 Language of Page).
    """
    response = client.get(path)

    assert response.status_code == 302
    italian = client.get(response["Location"])
    assert italian.status_code == 200
    assert html_lang(italian) == "it"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,target",
    [
        ("/en/notizie/feed/rss/", "/notizie/feed/rss/"),
        ("/en/notizie/feed/atom/", "/notizie/feed/atom/"),
        ("/en/notizie/?tag=quartieri&page=1", "/notizie/?tag=quartieri&page=1"),
        ("/en/notizie/", "/notizie/"),
        ("/en/progetti/laboratorio-di-quartiere/", "/progetti/laboratorio-di-quartiere/"),
        ("/en/", "/"),
    ],
)
def test_a_page_under_the_other_languages_prefix_keeps_its_route(client, project, news_index, path, target):
    """Without an English tree, /en/… is the Italian page's address under the wrong prefix: the redirect
    keeps what follows the page (the news index's feeds are routes of that page) and the query."""
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200
