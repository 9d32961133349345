"""The dossier page's admin form. (The award-criteria panel of programme and project pages is their own form's
work: projects/forms.py.)"""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class DossierPageForm(WagtailAdminPageForm):
    """The edition is chosen from those that have award criteria, so an editor cannot mistype it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        criterion = apps.get_model("candidacy", "AwardCriterion")
        editions = set(criterion.objects.values_list("edition", flat=True).distinct())
        if not editions:
            return  # no criteria yet: the plain number field, with its help text
        if self.instance.edition:
            editions.add(self.instance.edition)
        field = self.fields["edition"]
        self.fields["edition"] = forms.TypedChoiceField(
            choices=[("", "---------")] + [(edition, str(edition)) for edition in sorted(editions, reverse=True)],
            coerce=int,
            label=field.label,
            help_text=_("The award editions that have criteria (Snippets › Award criteria)."),
            required=True,
        )
