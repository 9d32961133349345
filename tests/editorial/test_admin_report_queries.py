"""The evidence health report, the editors' dashboard and the guide cost the same number of queries whatever the
number of pages and pieces of evidence (issue 14): they read every page's StreamFields, so what a StreamField
fetches when read (the images, pages and snippets its blocks choose) must not be fetched page by page.

Measured at two sizes, each page type with figures, evidence and chosen images, built in bulk
(``tests/perf/bulk.py``); bench/admin_reports.py times the same pages at the demo's size and at 1,200 pieces of
evidence.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from base.models import StandardPage
from projects.models import ProjectPage
from tests import factories
from tests.perf.bulk import add_children, add_evidence

SIZES = (4, 40)  # pages of each kind; each project has a piece of evidence per criterion
URLS = {
    "report": "/admin/reports/evidence-health/",
    "report, filtered": "/admin/reports/evidence-health/?flag=any&language=it",
    "report, CSV": "/admin/reports/evidence-health/?export=csv",
    "report, XLSX": "/admin/reports/evidence-health/?export=xlsx",
    "dashboard": "/admin/",
    "guide": "/admin/guide/",
}


def grow(site, total, have):
    image, contact = site["image"], site["contact"]
    projects = add_children(
        site["project_index"],
        ProjectPage,
        total - have,
        lambda n: {
            "title": f"Progetto {have + n:03d}",
            "slug": f"progetto-{have + n:03d}",
            "summary": "Un progetto generato.",
            "programme_id": site["programme"].pk,
            "hero_image_id": image.pk,
            "gallery": [{"type": "image", "value": {"image": image.pk, "alt_text": "Un cortile", "decorative": False}}],
            "key_figures": [{"type": "figure", "value": factories.key_figure()}],
        },
    )
    add_evidence(projects, site["criteria"], factories.key_figure())
    add_children(
        site["home_page"],
        StandardPage,
        total - have,
        lambda n: {
            "title": f"Pagina {have + n:03d}",
            "slug": f"pagina-{have + n:03d}",
            "body": [
                factories.figure_block(image),
                factories.contacts_block(contact),
                factories.key_figures_block(factories.key_figure(source_url="")),
            ],
        },
    )


def count_queries(client, url):
    client.get(url)  # warm: content types, site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        b"".join(response.streaming_content)  # an export is written while it streams
    return len(queries)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "translator"])
def test_the_reports_queries_do_not_grow_with_the_pages(role, request, home_page, project_index, programme, criteria):
    client = request.getfixturevalue(f"{role}_client")
    site = {
        "home_page": home_page,
        "project_index": project_index,
        "programme": programme,
        "criteria": criteria,
        "image": factories.ImageFactory(),
        "contact": factories.ContactFactory(),
    }
    counts, have = {}, 0
    for size in SIZES:
        grow(site, size, have)
        have = size
        for name, url in URLS.items():
            counts.setdefault(name, {})[size] = count_queries(client, url)

    for name, by_size in counts.items():
        assert len(set(by_size.values())) == 1, f"{name}: the queries grow with the pages: {by_size}"
