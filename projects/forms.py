"""Admin page forms of programmes and projects: their evidence for the award criteria, their themes."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from base.languages import LocalisedChoicesPageForm


class EvidencePageForm(LocalisedChoicesPageForm):
    """A programme or project page: its "award criteria" panel offers the criteria in the page's language.

    Criteria of other languages would be moved to the page's language when the page is saved
    (base/languages.py), but listing them would show each criterion twice. The same criterion
    may be evidenced once per page: a second entry would be a second card in the dossier.
    """

    evidence_relation = "evidence"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get(self.evidence_relation)
        if formset is None or not self.instance.locale_id:
            return
        criterion = apps.get_model("candidacy", "AwardCriterion")
        # A subclass of the formset's form, before any form is built: the empty form used by
        # "Add" in the admin gets the same choices as the existing ones.
        form_class = type(formset.form.__name__, (formset.form,), {})
        form_class.base_fields = dict(formset.form.base_fields)
        field = form_class.base_fields["criterion"] = formset.form.base_fields["criterion"].__deepcopy__({})
        field.queryset = criterion.objects.filter(locale_id=self.instance.locale_id).order_by(
            "-edition", "order", "code"
        )
        formset.form = form_class

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get(self.evidence_relation)
        if formset is None:
            return cleaned_data
        # The page's own fields are cleaned before its formsets: clean this one now (it is done once).
        formset.is_valid()
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            criterion = form.cleaned_data.get("criterion")
            if criterion is None:
                continue
            if criterion.pk in seen:
                form.add_error("criterion", _("This criterion is already evidenced above: add to that entry instead."))
            seen.add(criterion.pk)
        return cleaned_data


class ProjectPageForm(EvidencePageForm):
    """A project page: its award criteria and its themes in the page's language."""

    localised_choice_fields = {"themes": ("name", "pk")}
