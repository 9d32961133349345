"""The clock and names of the release under embargo that ``tests/news/conftest.py``'s ``release`` fixture makes."""

import datetime
from zoneinfo import ZoneInfo

from news.models import NewsPage

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=ROME)
EMBARGO = NOW + datetime.timedelta(days=3)
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
TITLES = {"it": "Torino vince il premio", "en": "Turin wins the prize"}


def fresh(page):
    return NewsPage.objects.get(pk=page.pk)
