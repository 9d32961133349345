"""One order for the programmes: the home page lists its featured programmes in the programme index's order.

The demo showed them in two orders (issue 14): the home page in the order they were chosen, the index in the
order of the page tree. Now both follow the tree, which editors change in the page explorer.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from home.models import HomePage
from projects.models import ProgrammeIndexPage

pytestmark = pytest.mark.django_db


def card_titles(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".card--programme .card__title")]


def orders(client, language):
    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.live().get(locale=locale)
    index = ProgrammeIndexPage.objects.live().get(locale=locale)
    return card_titles(client, home.url), card_titles(client, index.url)


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_home_page_and_the_programme_index_list_the_programmes_in_one_order(client, demo, language):
    on_home, on_index = orders(client, language)
    assert len(on_home) >= 2
    assert on_home == [title for title in on_index if title in on_home]


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_order_they_were_chosen_in_does_not_change_it(client, demo, language):
    """Featured in the reverse order of the index: the home page still follows the index."""
    home = HomePage.objects.get(locale__language_code="it")
    featured = list(home.featured_programmes.order_by("sort_order"))
    for position, item in enumerate(reversed(featured)):
        item.sort_order = position
        item.save(update_fields=["sort_order"])
    if language == "en":
        english = HomePage.objects.get(locale__language_code="en")
        for position, item in enumerate(reversed(list(english.featured_programmes.order_by("sort_order")))):
            item.sort_order = position
            item.save(update_fields=["sort_order"])
    on_home, on_index = orders(client, language)
    assert on_home == [title for title in on_index if title in on_home]


def test_moving_a_programme_in_the_tree_moves_it_on_both_pages(client, demo):
    index = ProgrammeIndexPage.objects.live().get(locale__language_code="it")
    first, *_, last = index.get_children().live().specific()
    last.move(first, pos="left")
    on_home, on_index = orders(client, "it")
    assert on_index[0] == last.title
    assert on_home[0] == last.title


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_programme_card_has_the_same_lines(client, demo, language):
    """Two demo programmes have no known start year: no card may be a line short of its neighbours for it."""
    locale = Locale.objects.get(language_code=language)
    for page in (HomePage.objects.get(locale=locale), ProgrammeIndexPage.objects.get(locale=locale)):
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        cards = soup.select(".card--programme .card__body")
        assert len(cards) >= 2
        lines = {tuple(" ".join(child["class"]) for child in card.find_all(recursive=False)) for card in cards}
        assert len(lines) == 1, lines
        for card in cards:
            assert card.select_one(".card__meta").get_text(strip=True)
