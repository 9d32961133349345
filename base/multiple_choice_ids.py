"""An id chosen in a multiple-choice form field that no row can have is the form's error, not a 500.

Django's ModelMultipleChoiceField looks the chosen ids up with ``pk__in``. Django checks an integer column's range
itself in a ``pk=`` lookup (nothing found), not in ``in``: SQLite's driver raised OverflowError on a number past 64
bits. A project's themes and a news item's related projects in the page editor, a page's or a collection's privacy
groups, the languages of wagtail-localize's "Translate" and the early-access recipients, each posted with
``99999999999999999999``, were 500s, and what the editor had typed in the form was lost. PostgreSQL raised no error
(the number is compared as it is); both now answer as for an id naming nothing: "Select a valid choice".

Applied once, to Django's field, by ``BaseConfig.ready()``: every form using it is covered, whatever app defines it.
"""

import functools

from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField

from .columns import past_its_column


def checking_range(check_values):
    @functools.wraps(check_values)
    def check(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        # ``clean`` hands over a list or a tuple; anything else is Django's own error ("Enter a list of values").
        for chosen in value if isinstance(value, (list, tuple, set, frozenset)) else ():
            if past_its_column(field, chosen):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": chosen}
                )
        return check_values(self, value)

    check.checks_range = True
    return check


def refuse_ids_past_their_column():
    if getattr(ModelMultipleChoiceField._check_values, "checks_range", False):
        return  # already applied
    ModelMultipleChoiceField._check_values = checking_range(ModelMultipleChoiceField._check_values)
