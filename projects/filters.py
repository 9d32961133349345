"""The project list's filters: plain GET parameters, so they work without JavaScript."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _


class _ReadOnceIterator(ModelChoiceIterator):
    # Django's iterator re-runs the query each time the choices are drawn; ours draws them from the rows the
    # field has already read.
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ReadOnceChoiceField(forms.ModelChoiceField):
    """A choice among a handful of rows (themes, districts, programmes), read from the database once per form.

    Django's ModelChoiceField reads its rows to draw the select and again to check the chosen value, so a
    filtered list cost a query more than an unfiltered one; here both use the same rows.
    """

    iterator = _ReadOnceIterator

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.queryset:
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
        from .models import District, ProgrammePage, Theme

        super().__init__(*args, **kwargs)
        # Each choice reads only what the select shows (its name) and the link names (its slug): a programme's row
        # is a whole page's, its streams parsed as they are read.
        self.fields["programme"].queryset = (
            ProgrammePage.objects.live().public().filter(locale=locale).order_by("title").only("title", "slug")
        )
        # A theme or district never published is a draft: not offered, and a link naming it is ignored.
        self.fields["theme"].queryset = Theme.objects.filter(locale=locale, live=True).only("name", "slug")
        self.fields["district"].queryset = District.objects.filter(locale=locale, live=True).only("name", "slug")

    def filter(self, projects):
        """Apply the valid filters; an unknown value is reported on the form and ignored."""
        if not self.is_bound:
            return projects
        self.is_valid()
        data = self.cleaned_data
        if data.get("programme"):
            projects = projects.filter(programme=data["programme"])
        if data.get("theme"):
            projects = projects.filter(themes=data["theme"])
        if data.get("district"):
            projects = projects.filter(district=data["district"])
        return projects
