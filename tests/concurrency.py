"""Requests made at the same moment, each in a thread with its own database connection (as two app servers).

The threads must share the test database: PostgreSQL (DATABASE_URL=postgres://…), or SQLite in a file
(SQLITE_TEST_DB_FILE=/tmp/…); the default in-memory SQLite database is one connection's, so a test needing it is
skipped there, saying why (``skip_unless_threads_share_the_database``)."""

import threading

import pytest
from django.db import connection


def skip_unless_threads_share_the_database():
    shared = connection.vendor == "postgresql" or (connection.vendor == "sqlite" and not connection.is_in_memory_db())
    if not shared:
        pytest.skip("needs PostgreSQL or SQLite in a file (SQLITE_TEST_DB_FILE): threads share no in-memory database")


def at_once(*calls, timeout=300):
    """Each of ``calls`` (functions of no argument) run in its own thread, all released together; their results in
    order (None for one that raised or did not finish in ``timeout`` seconds)."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(number):
        try:
            start.wait(timeout=60)
            results[number] = calls[number]()
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(number,)) for number in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
