"""A release under embargo, in Italian and English, for the tests of what follows it (aliases, copies)."""

import pytest
import time_machine

from tests import factories
from tests.news.releases import EMBARGO, NOW, TITLES, fresh


@pytest.fixture
def release(admin_user, home_page, news_index, translate):
    """A published release, Italian and English, under embargo until EMBARGO (made at NOW)."""
    translate(home_page, title="Torino Innovation")
    translate(news_index, title="News", slug="news")
    with time_machine.travel(NOW, tick=False):
        italian = factories.NewsPageFactory(
            parent=news_index, title=TITLES["it"], slug="premio", is_press_release=True, embargo_until=EMBARGO
        )
        italian.save_revision(user=admin_user).publish(user=admin_user)
        english = translate(fresh(italian), title=TITLES["en"], slug="prize")
    return {"it": fresh(italian), "en": fresh(english)}
