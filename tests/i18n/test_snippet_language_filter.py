"""Snippet lists in the admin filter by language with Wagtail's own filter (by language code), name each row's
language, and say yes or no in words."""

import pytest
from bs4 import BeautifulSoup

from demo.records import read_content
from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "results/"])
def test_theme_list_filters_by_language(admin_client, theme, locale_en, path):
    url = "/admin/snippets/projects/theme/" + path

    italian = admin_client.get(url, {"locale": "it"})
    english = admin_client.get(url, {"locale": "en"})

    assert italian.status_code == english.status_code == 200
    assert theme.name in italian.content.decode()
    assert theme.name not in english.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "factory"),
    [
        ("/admin/snippets/projects/theme/", "ThemeFactory"),
        ("/admin/snippets/projects/district/", "DistrictFactory"),
        ("/admin/snippets/candidacy/awardcriterion/", "AwardCriterionFactory"),
        ("/admin/snippets/base/contact/", "ContactFactory"),
    ],
)
def test_every_translatable_snippet_list_names_each_row_language(admin_client, path, factory, home_page):
    """With no language chosen the list shows every language: each row says which (in the admin's language)."""
    getattr(factories, factory)()

    soup = BeautifulSoup(admin_client.get(path).content, "html.parser")

    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert "Lingua" in headers
    column = headers.index("Lingua")
    cells = [row.select("td")[column].get_text(strip=True) for row in soup.select("table tbody tr")]
    assert cells and set(cells) <= {"Italiano", "English"}


@pytest.mark.django_db
def test_yes_and_no_are_words_in_the_admins_language(admin_client, home_page):
    factories.ContactFactory(name="Ufficio stampa", is_press=True)
    factories.ContactFactory(name="URP", is_press=False)

    html = admin_client.get("/admin/snippets/base/contact/", {"locale": "it"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    text = soup.select_one("table tbody").get_text(" ", strip=True)

    assert "Sì" in text and "No" in text
    assert "True" not in html.replace("true", "") and "False" not in html.replace("false", "")


def test_the_demo_lists_no_criterion_twice():
    """The criteria list shows every language at once: no two rows of one edition may read the same."""
    content = read_content()
    rows = [
        (criterion["edition"], criterion["name"])
        for language in (content.it, content.en)
        for criterion in language["snippets"]["award_criteria"]
    ]
    codes = [
        (language_code, criterion["edition"], criterion["code"])
        for language_code, language in (("it", content.it), ("en", content.en))
        for criterion in language["snippets"]["award_criteria"]
    ]

    assert len(rows) == len(set(rows))
    assert len(codes) == len(set(codes))
