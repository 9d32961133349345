"""The project list's filters: plain GET parameters, so they work without JavaScript."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _


def _attributes(attrs):
    # As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out.
    return mark_safe(  # noqa: S308 (each attribute is format_html's)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _shown(value):
    # As a template shows a label: a number or a date in the format of the language and time zone in force.
    return localize(template_localtime(value))


class SelectWithoutTemplates(forms.Select):
    """A <select> written out in Python, with the markup of Django's select.html and select_option.html.

    Drawn by those templates, a select cost a template render per option (the option's and its attributes'): the
    three filters were about 2 ms of the project index's 26 whenever nothing was kept (0.9 ms for the fields alone,
    0.2 ms here). What is drawn is still Django's to decide (the attributes the bound field and the widget give, the
    option selected: ``get_context``); only the templates are left out, so templates overriding Django's widget
    templates would not apply here.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', _shown(group_name)))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    option["value"],
                    _attributes(option["attrs"]),
                    _shown(option["label"]),
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (each part is format_html's or a literal)


class _ReadOnceIterator(ModelChoiceIterator):
    # Django's iterator re-runs the query each time the choices are drawn; ours draws them from the rows the
    # field has already read.
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows:
            yield self.choice(obj)


class ReadOnceChoiceField(forms.ModelChoiceField):
    """A choice among a handful of rows (themes, districts, programmes), read from the database once per form.

    Django's ModelChoiceField reads its rows to draw the select and again to check the chosen value, so a
    filtered list cost a query more than an unfiltered one; here both use the same rows.
    """

    iterator = _ReadOnceIterator
    widget = SelectWithoutTemplates

    _rows = ()

    @property
    def rows(self):
        """The rows offered, set by the form: an iterable read once (a prepared query's rows, ``_choices``)."""
        return self._rows

    @rows.setter
    def rows(self, rows):
        self._rows = rows
        # As Django's ``queryset`` setter does: the widget of this copy of the field draws this copy's choices.
        self.widget.choices = self.choices

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.rows:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class ProjectFilterForm(forms.Form):
    programme = ReadOnceChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Programme"), empty_label=_("All programmes")
    )
    theme = ReadOnceChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Theme"), empty_label=_("All themes")
    )
    district = ReadOnceChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("District"), empty_label=_("All districts")
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        # Each field's rows, read when first used by a query prepared once per process (``_choices``).
        for name, query in _choices().items():
            self.fields[name].rows = query.lazy(getattr(locale, "pk", locale))

    def filter(self, projects):
        """Apply the valid filters; an unknown value is reported on the form and ignored."""
        return self.narrow(projects, self.chosen())

    def chosen(self):
        """The valid filters, {name: id}, in the form's order; an unknown value is reported on the form and left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: self.cleaned_data[name].pk for name in self.fields if self.cleaned_data.get(name)}

    # The lookup each filter narrows the projects by.
    LOOKUPS = {"programme": "programme", "theme": "themes", "district": "district"}

    @classmethod
    def narrow(cls, projects, chosen):
        """``projects`` narrowed by ``chosen`` ({name: id}, ``chosen()``)."""
        for name, pk in chosen.items():
            projects = projects.filter(**{cls.LOOKUPS[name]: pk})
        return projects


@functools.cache
def _choices():
    """Each field's rows by the language's id, as a query prepared once per process (base/prepared_queries.py): the
    project index reads them at every rendering not kept. Each reads only what the select shows (its name) and the
    link names (its slug): a programme's row is a whole page's, its streams parsed as they are read. A theme or
    district never published is a draft: not offered, and a link naming it is ignored."""
    from wagtail.models import Locale

    from base.prepared_queries import PreparedQuery

    from .models import District, ProgrammePage, Theme

    def programmes(locale):
        return ProgrammePage.objects.live().public().filter(locale=locale).order_by("title").only("title", "slug")

    def published(model):
        return lambda locale: model.objects.filter(locale=locale, live=True).only("name", "slug")

    return {
        "programme": PreparedQuery(ProgrammePage, programmes, Locale._meta.pk),
        "theme": PreparedQuery(Theme, published(Theme), Locale._meta.pk),
        "district": PreparedQuery(District, published(District), Locale._meta.pk),
    }
