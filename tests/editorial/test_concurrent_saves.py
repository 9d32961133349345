"""Twenty editors save the same page at the same moment, all from the same version: exactly one save is accepted,
the others get "someone saved a newer version" with their own changes still in the form (editorial/admin_views.py).

The saves run at once in threads, each with its own database connection (tests/concurrency.py)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from editorial.management.commands.setup_editorial_groups import EDITORS
from tests import admin_forms
from tests.concurrency import at_once, skip_unless_threads_share_the_database
from tests.editorial.test_revisions import loaded_revision, project_form

EDITORS_AT_ONCE = 20
REFUSED = ("saved a newer version of this page", "ha salvato una versione più recente di questa pagina")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_twenty_simultaneous_saves_from_the_same_version_exactly_one_is_accepted(editorial_groups, project):
    skip_unless_threads_share_the_database()
    clients = []
    for number in range(EDITORS_AT_ONCE):
        user = get_user_model().objects.create_user(username=f"redattrice{number}", password="not-used")  # noqa: S106
        user.groups.add(editorial_groups[EDITORS])
        client = Client()
        client.force_login(user)
        clients.append(client)
    project.save_revision()
    versions_before = project.revisions.count()
    opened_on = loaded_revision(clients[0].get(admin_forms.edit_url(project)).content.decode())

    forms = [
        {**project_form(project, title=f"Versione {number}", publish=False), **opened_on}
        for number in range(EDITORS_AT_ONCE)
    ]
    results = at_once(
        *(
            lambda number=number: clients[number].post(admin_forms.edit_url(project), forms[number])
            for number in range(EDITORS_AT_ONCE)
        )
    )

    assert all(response is not None for response in results), "every save got an answer"
    accepted = [number for number, response in enumerate(results) if response.status_code == 302]
    assert len(accepted) == 1, [response.status_code for response in results]
    for number, response in enumerate(results):
        if number in accepted:
            continue
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert any(text in page.get_text() for text in REFUSED)
        assert page.select_one('input[name="title"]')["value"] == f"Versione {number}", "their changes are kept"
    assert project.revisions.count() == versions_before + 1
    project.refresh_from_db()
    assert project.get_latest_revision().content["title"] == f"Versione {accepted[0]}"
