"""Querysets of a fixed shape, built and compiled to SQL once per process, then run with each request's values.

Every page runs queries whose shape never changes, only their values: routing reads the page served (its type's
row, its language and hero image, the check of its view restrictions, whether the pages it links are readable), the
site chrome reads the pages around it (base/templatetags/navigation_tags.py), and the listings read their cards, the
cards' renditions, places and related pages. Django builds such a queryset and compiles it afresh for every request,
and that cost more than running them and reading their rows: about two fifths of a project page rendered with
nothing kept (``bench/pages.py --cold``) for routing and the chrome, a fifth to a quarter of a listing's.

A ``PreparedQuery`` builds its queryset once per database and shape (the length of each list of values), with a
placeholder for each value, compiles it, and notes where each placeholder went among the SQL's parameters. A run
gives that SQL the run's values, adapted to the database by the value's model field as Django adapts them, and reads
the rows with Django's own iterable: instances, ``select_related``, annotations and ``prefetch_related`` as the
queryset asks. A run may read a slice of the rows (its limits parameters of the SQL) or count them, which is what
Django's paginator asks of a listing (``PreparedQuery.listing``).

The current time is a value too: a query built once must not compare with the moment it was built (an embargo
ending later would then never end for it). What compares with the current time asks ``now()``, which, while a
prepared query is built, gives a placeholder that each run replaces with the time of the run.
"""

import collections
import contextvars
import copy
import datetime
import functools
import re
import threading
import uuid

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured, ValidationError
from django.db import connections, models, router
from django.utils import timezone

# Placeholders: values no query of the site compares with, each told apart from the others. Integers stay within
# the range of every integer column (Django turns a lookup of a value out of range into "no rows" when it builds).
_NOW = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
_MOMENT = models.DateTimeField()
_INTEGER_BASE = 2_000_000_000
_building = contextvars.ContextVar("torino_prepared_query_building", default=None)


def now():
    """The current time, as a query compares with it; while a ``PreparedQuery`` is built, the placeholder that each run
    of it replaces with the time of the run."""
    building = _building.get()
    if building is None:
        return timezone.now()
    building["now"] = building.get("now", 0) + 1
    return _NOW


def _placeholder(field, number):
    if isinstance(field, models.UUIDField):
        return uuid.UUID(int=0x70726570_61726564_00000000_00000000 + number)
    if isinstance(field, models.IntegerField):
        return _INTEGER_BASE + number
    if isinstance(field, models.CharField | models.TextField):
        # With a character LIKE reads as a pattern: a value Django escaped for a LIKE it was not given as (an iexact
        # on SQLite) no longer reads as the value, and is refused.
        return f"~prepared_{number}~"
    raise ImproperlyConfigured(f"PreparedQuery: no placeholder for a {type(field).__name__}")


class _Statement:
    """A compiled queryset and, for each of its SQL parameters, where its value comes from: ("fixed", value),
    ("value", field, index in the run's flat values), ("prefix", field, index) for a ``startswith`` pattern, or
    ("now",)."""

    def __init__(self, queryset, compiler, sql, slots):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.slots = slots

    def params(self, flat, connection):
        """The SQL parameters of a run whose values are ``flat``; None where one does not fit its column (an integer
        out of range, a malformed key): Django's own build then says what that means."""
        params = []
        moment = None
        try:
            for slot in self.slots:
                kind = slot[0]
                if kind == "fixed":
                    params.append(slot[1])
                elif kind == "now":
                    if moment is None:
                        moment = _MOMENT.get_db_prep_value(timezone.now(), connection)
                    params.append(moment)
                else:
                    field, value = slot[1], flat[slot[2]]
                    if value is None:
                        return None  # Django compiles None its own way (IS NULL, left out of a list, refused)
                    if isinstance(field, models.IntegerField):
                        low, high = connection.ops.integer_field_range(field.get_internal_type())
                        if (
                            not isinstance(value, int)
                            or (low is not None and value < low)
                            or (high is not None and value > high)
                        ):
                            return None
                    adapted = field.get_db_prep_value(value, connection, prepared=False)
                    if kind == "prefix":
                        adapted = connection.ops.prep_for_like_query(adapted) + "%"
                    params.append(adapted)
        except (TypeError, ValueError, ValidationError):
            return None
        return params


_UNPREPARED = object()


class PreparedQuery:
    """``build(*values)``, a queryset of ``model`` whose shape depends on nothing but the number of items of each list
    among ``values``, run as ``run(*values)`` (a list of instances). ``fields`` are the model fields whose type each
    value has (for a list, its items'): how a value is adapted to the database.

    ``then``, if given, is called with each run's list of instances before it is returned: what a ``Prefetch``
    queryset would have added, read by another prepared query (``base.models.attach_card_renditions``).

    ``build`` may use each value only as the value of an exact, ``in`` or ``startswith`` lookup, and must read nothing
    else that changes (the database, settings, the clock other than through ``now()``, itself compared as it is), or
    name it in ``vary_on``: a function whose answer is part of the shape (the ``hide_from_public`` hooks, which a
    test may register for a while). ``prefetch_related`` may name relations, not ``Prefetch`` querysets, which would
    be built once. Where a shape cannot be prepared (a list with no item makes Django leave out part of the query, a
    ``now()`` that does not become a parameter), or a run's value does not fit its column (an integer out of range,
    None), the run builds the queryset as Django would. What breaks these rules and can be seen when the query is
    first prepared (a value or a moment compiled into the query, not taken as a parameter; a value compared as a
    pattern) is refused there.
    """

    def __init__(self, model, build, *fields, vary_on=None, then=None):
        self.model = model
        self.build = build
        self.fields = fields
        self.vary_on = vary_on
        self.then = then
        # Kept most recently used last, at most ``MAX_STATEMENTS`` of them: a process must not keep one for every
        # shape a crawler can make (the lengths of lists of values).
        self._statements = collections.OrderedDict()
        self._lock = threading.Lock()

    MAX_STATEMENTS = 64

    def lazy(self, *values):
        """``run(*values)`` when the rows are first used: a template that does not show them (its rendering kept,
        base/fragment_cache.py) runs no query, as with a queryset."""
        return LazyRows(functools.partial(self.run, *values))

    def listing(self, *values):
        """What Django's paginator pages through: ``count()`` and slices of ``run(*values)``, each read when used."""
        return PreparedListing(self, values)

    def run(self, *values, limits=None):
        """The instances of ``build(*values)``, or with ``limits`` (low, high) those of ``build(*values)[low:high]``:
        the limits are parameters of one statement for every page, not written into the SQL as Django writes them
        (a statement per page, which a crawler walking every page would make without end)."""
        if limits is None:
            return self._read(values, ("rows",), [])
        low, high = limits
        if not 0 <= low <= high:
            raise ValueError(f"PreparedQuery: limits {limits!r} are not a slice of rows")
        if low == high:
            rows = []  # as Django answers an empty slice: without a query
            if self.then is not None:
                self.then(rows)
            return rows
        return self._read(values, ("page",), [high - low, low])

    def count(self, *values):
        """``build(*values).count()``."""
        return self._read(values, ("count",), [])

    def _read(self, values, kind, limits):
        if len(values) != len(self.fields):
            raise TypeError(f"PreparedQuery takes {len(self.fields)} values, not {len(values)}")
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        shape = (alias, *(len(value) if isinstance(value, list | tuple) else None for value in values))
        if self.vary_on is not None:
            shape = (*shape, self.vary_on())
        shape = (*shape, kind)
        statement = self._statement(shape, connection, kind)
        flat = [item for value in values for item in (value if isinstance(value, list | tuple) else [value])]
        params = statement.params(flat, connection) if statement is not None else None
        if kind[0] == "count":
            if params is None:
                return self.build(*values).count()
            with connection.cursor() as cursor:
                # The rows the query selects, counted: Django's ``count`` counts the same rows, its SQL
                # without the columns.
                cursor.execute(f"SELECT COUNT(*) FROM ({statement.sql}) counted", params)  # noqa: S608 (Django's SQL)
                return cursor.fetchone()[0]
        if params is None:
            queryset = self.build(*values)
            if limits:
                queryset = queryset[limits[1] : limits[1] + limits[0]]
            rows = list(queryset)
        else:
            queryset = statement.queryset._chain()
            compiler = copy.copy(statement.compiler)
            compiler.connection = connection
            # What Django would compile from this queryset with these values: the statement's SQL, the run's
            # parameters (a page's limits last).
            sql = statement.sql + (" LIMIT %s OFFSET %s" if limits else "")
            params = [*params, *limits]
            compiler.as_sql = lambda *args, **kwargs: (sql, params)
            queryset.query.get_compiler = lambda *args, **kwargs: compiler
            rows = list(queryset)
        if self.then is not None:
            self.then(rows)
        return rows

    def _statement(self, shape, connection, kind):
        with self._lock:
            statement = self._statements.get(shape, _UNPREPARED)
            if statement is not _UNPREPARED:
                self._statements.move_to_end(shape)
                return statement
        statement = self._prepare(shape, connection, kind)
        with self._lock:
            self._statements[shape] = statement
            while len(self._statements) > self.MAX_STATEMENTS:
                self._statements.popitem(last=False)
        return statement

    def _prepare(self, shape, connection, kind):
        placeholders, sentinels, number = [], [], 0
        for field, length in zip(self.fields, shape[1 : 1 + len(self.fields)], strict=True):
            if length is None:
                placeholders.append(_placeholder(field, number))
                sentinels.append(field)
                number += 1
            else:
                items = [_placeholder(field, number + index) for index in range(length)]
                placeholders.append(items)
                sentinels.extend([field] * length)
                number += length
        asked = {}
        token = _building.set(asked)
        try:
            queryset = self.build(*placeholders)
        finally:
            _building.reset(token)
        if kind[0] == "count":
            # Neither an order nor the joined rows of ``select_related`` count anything (SQLite would keep the
            # joins in the count); the rows selected are the same, as Django's ``count`` counts them.
            queryset = queryset.order_by().select_related(None).only("pk")
        elif kind[0] == "page" and (queryset.query.is_sliced or connection.vendor not in ("sqlite", "postgresql")):
            # Its limits are added to the SQL as parameters, in the syntax of these two databases.
            raise ImproperlyConfigured(f"PreparedQuery: {self.model.__name__}'s query cannot be read by pages")
        flat = [item for value in placeholders for item in (value if isinstance(value, list) else [value])]
        # A Prefetch's queryset is built with the rest, once, and runs as built: its values and moment never change.
        if any(getattr(lookup, "queryset", None) is not None for lookup in queryset._prefetch_related_lookups):
            raise ImproperlyConfigured(f"PreparedQuery: {self.model.__name__}'s query prefetches a queryset")
        compiler = queryset.query.get_compiler(using=shape[0])
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        adapted = [
            field.get_db_prep_value(value, connection, prepared=False)
            for field, value in zip(sentinels, flat, strict=True)
        ]
        patterns = {
            connection.ops.prep_for_like_query(value) + "%": index
            for index, value in enumerate(adapted)
            if isinstance(value, str)
        }
        moment = _MOMENT.get_db_prep_value(_NOW, connection)
        slots, found = [], set()
        for param in params:
            index = next((index for index, value in enumerate(adapted) if _same(param, value)), None)
            if index is not None:
                slots.append(("value", sentinels[index], index))
                found.add(index)
            elif isinstance(param, str) and param in patterns:
                index = patterns[param]
                slots.append(("prefix", sentinels[index], index))
                found.add(index)
            elif asked.get("now") and _same(param, moment):
                slots.append(("now",))
                asked["found"] = asked.get("found", 0) + 1
            else:
                if isinstance(param, str) and "~prepared" in param:
                    raise ImproperlyConfigured(f"PreparedQuery: a value used in an unsupported way ({param!r})")
                if _is_moment(param):
                    # A moment fixed when the query was built (the clock read directly, or ``now()`` moved or
                    # truncated): every later run would compare with it.
                    raise ImproperlyConfigured(f"PreparedQuery: a moment compiled into the query ({param!r})")
                slots.append(("fixed", param))
        # A value compiled into the SQL text, or left out of it (Django dropped a condition it could decide), would
        # give every run the placeholder's answer: such a query is not one to prepare.
        texts = {str(value) for value in flat} | {str(value) for value in adapted}
        if len(found) != len(flat) or any(text in sql for text in texts):
            raise ImproperlyConfigured(f"PreparedQuery: {self.model.__name__}'s query does not take each value once")
        if asked.get("found", 0) < asked.get("now", 0):
            # A now() that is no parameter: a condition Django left out (decided when built), or a value drawn from
            # it (its year). Which one cannot be told here; Django's own build, at each run, is right for both.
            return None
        return _Statement(queryset, compiler, sql, slots)


class LazyRows:
    """The list ``read()`` gives, read when first iterated, counted, tested or indexed: a template that does not show
    the rows (its rendering kept, base/fragment_cache.py) reads nothing, as with a queryset."""

    def __init__(self, read):
        self._read_rows = read
        self._rows = None

    def _read(self):
        if self._rows is None:
            self._rows = self._read_rows()
        return self._rows

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())

    def __bool__(self):
        return bool(self._read())

    def __getitem__(self, index):
        return self._read()[index]


class PreparedListing:
    """The rows of ``query.run(*values)`` as Django's paginator pages through them (``PreparedQuery.listing``): their
    number (``count``) and a slice of them (``LazyRows``, read when used), each a prepared query."""

    def __init__(self, query, values):
        self._query = query
        self._values = values

    def count(self):
        return self._query.count(*self._values)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None or index.start is None or index.stop is None:
            raise TypeError("a PreparedListing is read by slices with a start and a stop")
        return LazyRows(functools.partial(self._query.run, *self._values, limits=(index.start, index.stop)))


# A date or moment as SQLite is given one: a string.
_MOMENT_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}.*)?")


def _is_moment(param):
    if isinstance(param, datetime.date | datetime.time):
        return True
    return isinstance(param, str) and _MOMENT_TEXT.fullmatch(param) is not None


def _same(param, value):
    return type(param) is type(value) and param == value
