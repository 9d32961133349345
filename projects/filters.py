"""The project list's filters: plain GET parameters, so they work without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProjectFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Programme"), empty_label=_("All programmes")
    )
    theme = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Theme"), empty_label=_("All themes")
    )
    district = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("District"), empty_label=_("All districts")
    )

    def __init__(self, *args, locale, **kwargs):
        from .models import District, ProgrammePage, Theme

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            ProgrammePage.objects.live().public().filter(locale=locale).order_by("title")
        )
        # A theme or district never published is a draft: not offered, and a link naming it is ignored.
        self.fields["theme"].queryset = Theme.objects.filter(locale=locale, live=True)
        self.fields["district"].queryset = District.objects.filter(locale=locale, live=True)

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
