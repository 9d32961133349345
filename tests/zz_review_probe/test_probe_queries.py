import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from tests import factories


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_queries(client, admin_user, home_page, news_index):
    news = factories.NewsPageFactory(parent=news_index, title="Premio", slug="premio")
    news.save_revision().publish()
    for url in [news.url]:
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        print("URL", url, r.status_code, len(q))
        for x in q.captured_queries:
            s = x["sql"]
            if "embargo" in s or "redirect" in s.lower():
                print("   ", s[:120], "...", s[-900:])
    assert 0
