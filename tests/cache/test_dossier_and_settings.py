"""The dossier, its print view and its PDF are kept and renewed like every page; the production setting."""

import pytest

from tests import factories
from tests.config.test_production_settings import production_env, run  # noqa: F401 (a fixture)

from .test_freshness import publish


@pytest.fixture
def dossier(dossier_page, project, criteria):
    factories.add_evidence(project, criteria[0], justification="Un laboratorio aperto a tutti.")
    return dossier_page


@pytest.mark.django_db
def test_the_dossier_and_its_print_view_show_a_change_at_the_next_request(client, dossier, project):
    addresses = [dossier.url, dossier.url + "print/"]
    for address in addresses:
        client.get(address)
        assert client.get(address)["X-Cache"] == "hit", address

    publish(project, title="Officina zafferano")

    for address in addresses:
        response = client.get(address)
        assert response["X-Cache"] == "miss"
        assert "Officina zafferano" in response.content.decode(), address


@pytest.mark.django_db
def test_the_dossier_pdf_is_kept_and_renewed_after_a_change(client, dossier, project, pdf_engine):
    address = dossier.url + "pdf/"
    first = client.get(address)
    assert (first.status_code, first["Content-Type"]) == (200, "application/pdf")
    again = client.get(address)
    assert (again["X-Cache"], again.content) == ("hit", first.content)

    publish(project, title="Officina zafferano")

    after = client.get(address)
    assert after["X-Cache"] == "miss"
    assert after["ETag"] != first["ETag"], "a new PDF, built from the new content"


CHECK = "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"


def test_production_keeps_pages_five_minutes_with_redis_and_reads_page_cache_seconds(production_env):  # noqa: F811
    assert run(production_env, "-c", "import django; django.setup(); " + CHECK).stdout.strip() == "300"
    production_env["PAGE_CACHE_SECONDS"] = "0"
    assert run(production_env, "-c", "import django; django.setup(); " + CHECK).stdout.strip() == "0"


def test_production_refuses_a_page_cache_without_redis(production_env):  # noqa: F811
    del production_env["REDIS_URL"]
    assert run(production_env, "-c", "import django; django.setup(); " + CHECK).stdout.strip() == "0"
    production_env["PAGE_CACHE_SECONDS"] = "300"
    result = run(production_env, "-c", "import django; django.setup(); " + CHECK)
    assert result.returncode != 0 and "PAGE_CACHE_SECONDS needs REDIS_URL" in result.stderr
