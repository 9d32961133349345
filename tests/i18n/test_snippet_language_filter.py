"""Snippet lists in the admin filter by language with Wagtail's own filter (by language code)."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "results/"])
def test_theme_list_filters_by_language(admin_client, theme, locale_en, path):
    url = "/admin/snippets/projects/theme/" + path

    italian = admin_client.get(url, {"locale": "it"})
    english = admin_client.get(url, {"locale": "en"})

    assert italian.status_code == english.status_code == 200
    assert theme.name in italian.content.decode()
    assert theme.name not in english.content.decode()
