"""Admin page forms: choices in the page's own language; a project's also checks its evidence for the award criteria."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from candidacy.forms import EvidencePageForm


class LocalisedChoicesPageForm(WagtailAdminPageForm):
    """A page whose many-to-many checkboxes (themes, related pages…) offer only the page's language.

    The related objects are translatable: listing both languages would show each of them twice.
    Objects of the other language would be moved to the page's language when the page is saved
    (home/signals.py), and wagtail-localize copies these synchronised relations from the original
    page without going through this form, so nothing depends on the other language being offered.

    A choice already stored in another language (the object has no translation in the page's
    language yet, or the page predates home/signals.py) stays listed, ticked and marked with its
    language: hiding it would drop it silently on the next save, and refusing it would make the
    form invalid through no fault of the editor.
    """

    # form field → the order of its choices
    localised_choice_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None and self.parent_page is not None:
            # A new page takes the language of its parent (Wagtail's create view sets it already).
            locale_id = self.parent_page.locale_id
        if locale_id is None:
            return
        for name, ordering in self.localised_choice_fields.items():
            field = self.fields.get(name)
            if field is None:
                continue
            # The page's current choices: from the revision being edited, or none for a new page.
            current = [obj.pk for obj in getattr(self.instance, name).all()] if self.instance.pk else []
            field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=current)).order_by(*ordering)
            field.label_from_instance = self._labeller(locale_id)

    @staticmethod
    def _labeller(locale_id):
        def label(obj):
            if obj.locale_id == locale_id:
                return str(obj)
            return f"{obj} ({obj.locale.get_display_name()})"

        return label


class ProjectPageForm(EvidencePageForm, LocalisedChoicesPageForm):
    """A project page: its award criteria and its themes in the page's language."""

    localised_choice_fields = {"themes": ("name", "pk")}
