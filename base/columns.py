"""What a database column can hold: the column a field stands for, and whether a whole number fits in it.

A value read from a request or from stored text ("/find/?id=…", a rich-text link's id) is looked up in an integer
column only if it fits there: past the column's range SQLite raises OverflowError and PostgreSQL an error, where
the answer is simply "nothing has that id".
"""

from django.db import connection


def column_field(field):
    """The field of the column ``field`` stands for: a relation (a page's ``page_ptr``, a foreign key) is followed
    to the field it points at."""
    while field.is_relation:
        field = field.target_field
    return field


def fits_column(field, number):
    """Whether the whole number ``number`` fits in ``field``'s column on this database."""
    low, high = connection.ops.integer_field_range(column_field(field).get_internal_type())
    return (low is None or number >= low) and (high is None or number <= high)


def past_its_column(field, value):
    """Whether ``value``, as Django's integer fields read it (``int()``: spaces, a sign, "_" between digits), is a whole
    number ``field``'s column cannot hold. Text that is no number, or a column that holds no integers (a slug, a
    UUID), is not this check's business."""
    if column_field(field).get_internal_type() not in connection.ops.integer_field_ranges:
        return False
    try:
        number = int(value)
    except (TypeError, ValueError):
        return False
    return not fits_column(field, number)
