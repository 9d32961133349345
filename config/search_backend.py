"""Wagtail's search backend: modelsearch's database backend, which on SQLite takes a double quote in what is typed.

SQLite (``make run``, the tests) searches with FTS5. modelsearch's SQLite backend writes each word typed between
double quotes in the MATCH expression, so that FTS5 reads ``AND``, ``*`` or ``:`` in it as text, but leaves a
double quote inside a word as it is: ``a"b`` became ``"a"b"``, an FTS5 syntax error, and the admin's image listing
and chooser and the page chooser's search (``?q=a"b``) answered 500 (OperationalError). FTS5 reads a double quote
written twice inside a string as the character itself: each is doubled here, and the word is searched for as typed.
PostgreSQL's backend hands words to the database as parameters and is used as it is.
"""

import functools

from django.db import connection
from modelsearch.backends import database
from modelsearch.query import Phrase, PlainText


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up in a backend's module)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        return quoting_sqlite_backend()(params)
    return backend


def fts5_string_content(text):
    """``text`` as the inside of an FTS5 string, which modelsearch writes between double quotes."""
    return text.replace('"', '""')


@functools.cache
def quoting_sqlite_backend():
    # Imported here: modelsearch's SQLite module needs the FTS5 index model, which exists on SQLite alone.
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class QuotingCompilerMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(fts5_string_content(query.query_string), operator=query.operator, boost=query.boost)
            elif isinstance(query, Phrase):
                query = Phrase(fts5_string_content(query.query_string))
            return super().build_search_query_content(query, config=config)

    class QuotingSearchQueryCompiler(QuotingCompilerMixin, SQLiteSearchQueryCompiler):
        pass

    class QuotingAutocompleteQueryCompiler(QuotingCompilerMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class QuotingSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = QuotingSearchQueryCompiler
        autocomplete_query_compiler_class = QuotingAutocompleteQueryCompiler

    return QuotingSQLiteSearchBackend
