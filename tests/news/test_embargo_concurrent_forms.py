"""Two editors change the release's embargo at the same moment from forms opened on the same state of it, one on the
Italian page and one on the English page (a translation no longer synchronised, edited in the page editor): each
page's own lock does not hold the other back, but the release's record is read locked for the check and kept locked
until the save (news/forms.py), so exactly one is accepted and the other comes back with the release's new time.

The saves run at once in threads (tests/concurrency.py); on SQLite in a file every transaction takes the write lock
at once anyway, so only PostgreSQL shows the lock."""

import pytest
from django.test import Client
from wagtail_localize.models import Translation

from tests import admin_forms
from tests.concurrency import at_once, skip_unless_threads_share_the_database
from tests.news.releases import DAY, EMBARGO, fresh
from tests.news.test_embargo_aliases import until
from tests.news.test_embargo_editor_form import form_state, publish_from
from tests.news.test_embargo_languages import admin_time

REFUSED = ("after you opened this page", "dopo che hai aperto la pagina")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_two_simultaneous_changes_of_the_embargo_exactly_one_is_accepted(admin_user, release):
    skip_unless_threads_share_the_database()
    Translation.objects.filter(target_locale=release["en"].locale).update(enabled=False)
    pages = [fresh(release["it"]), fresh(release["en"])]
    clients = [Client(), Client()]
    states = []
    for client, page in zip(clients, pages, strict=True):
        client.force_login(admin_user)
        states.append(form_state(client.get(admin_forms.edit_url(page)).content.decode()))
    wanted = [EMBARGO + DAY, EMBARGO + 2 * DAY]

    results = at_once(
        *(
            lambda number=number: publish_from(
                clients[number], pages[number], states[number], admin_time(wanted[number])
            )
            for number in range(2)
        )
    )

    assert all(response is not None for response in results), "every save got an answer"
    accepted = [number for number, response in enumerate(results) if response.status_code == 302]
    assert len(accepted) == 1, [response.status_code for response in results]
    refused = 1 - accepted[0]
    assert results[refused].status_code == 200
    assert any(text in results[refused].content.decode() for text in REFUSED)
    assert until(pages[0].translation_key) == wanted[accepted[0]]
