"""A query SQLite cannot run is a bug or bad input (500), not a database outage (the 503 page); the admin's
contact search runs on SQLite (``make run``).

The contacts' listing named ``search_fields`` on its view: Wagtail passed them to the search backend, and SQLite's
full-text index has no column per field, so every search raised OperationalError "no such column: name", which
config/db_errors.py then showed as the 503 "database unavailable" page.
"""

import pytest
from django.db import OperationalError, connection, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from base.models import Contact
from config.db_errors import database_unavailable

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own error codes")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [("anna", ["Anna Rossi"]), ("ross", ["Anna Rossi"]), ("stampa", ["Anna Rossi"]), ("dirett", ["Marco Bianchi"])],
)
def test_the_contact_search_finds_by_name_and_role(admin_client, home_page, query, found):
    Contact.objects.create(name="Anna Rossi", role="Ufficio stampa", locale=home_page.locale)
    Contact.objects.create(name="Marco Bianchi", role="Direttore", locale=home_page.locale)

    response = admin_client.get("/admin/snippets/base/contact/", {"q": query})

    assert response.status_code == 200
    shown = [name for name in ("Anna Rossi", "Marco Bianchi") if name in response.content.decode()]
    assert shown == found


@sqlite_only
@pytest.mark.django_db
def test_a_query_sqlite_cannot_run_is_not_an_outage():
    with pytest.raises(OperationalError) as raised, transaction.atomic():
        connection.cursor().execute("SELECT no_such_column FROM wagtailcore_page")

    assert not database_unavailable(raised.value)


@sqlite_only
def test_a_database_sqlite_cannot_open_is_an_outage(tmp_path, django_db_blocker):
    unreachable = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "missing" / "db.sqlite3")})
    with pytest.raises(OperationalError) as raised, django_db_blocker.unblock():
        unreachable.ensure_connection()

    assert database_unavailable(raised.value)
    assert database_unavailable(OperationalError("connection refused"))  # raised without a cause, as before
