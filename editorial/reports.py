"""The evidence health report (Reports → Evidence health): every key figure and piece of award evidence,
flagged when it needs someone's attention, with CSV and XLSX exports like Wagtail's own reports.

The rows are computed (``evidence.collect``) rather than read from one table, so the filters work on the list:
each filter is a django-filter filter with a ``method`` that keeps the matching items.
"""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy

from base.models import SiteSettings
from base.spreadsheets import spreadsheet_safe
from projects.models import ProgrammePage

from . import evidence


def _programme_choices():
    return [
        (str(programme.translation_key), programme.title)
        for programme in ProgrammePage.objects.filter(locale=Locale.get_default()).order_by("title")
    ]


def _type_choices():
    models = sorted(evidence._models_with_figures(), key=lambda model: str(model._meta.verbose_name))
    return [(model._meta.label_lower, str(model._meta.verbose_name).capitalize()) for model in models]


class Items(list):
    """A list of items where django-filter expects a queryset (it reads the queryset's ``model``)."""

    model = None


class EvidenceFilterSet(WagtailFilterSet):
    flag = django_filters.ChoiceFilter(
        label=_("Flag"), choices=[("any", _("Any flag")), *evidence.FLAGS.items()], method="filter_flag"
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES, method="filter_language")
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=_programme_choices, method="filter_programme")
    page_type = django_filters.ChoiceFilter(label=_("Page type"), choices=_type_choices, method="filter_page_type")

    def filter_queryset(self, queryset):
        # django-filter insists on a QuerySet; the items are a list, which each method filters in turn.
        for name, value in self.form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_flag(self, items, name, value):
        if value == "any":
            return [item for item in items if item.flags]
        return [item for item in items if value in item.flags]

    def filter_language(self, items, name, value):
        return [item for item in items if item.language == value]

    def filter_programme(self, items, name, value):
        return [item for item in items if item.programme is not None and str(item.programme.translation_key) == value]

    def filter_page_type(self, items, name, value):
        return [item for item in items if item.owner_type_key == value]


class FlagsColumn(Column):
    cell_template_name = "editorial/reports/flags_cell.html"


class EvidenceHealthView(ReportView):
    page_title = _("Evidence health")
    header_icon = "pick"
    index_url_name = "evidence_health"
    index_results_url_name = "evidence_health_results"
    results_template_name = "editorial/reports/evidence_health_results.html"
    filterset_class = EvidenceFilterSet
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50

    # Figures, labels and sources are typed by Editors and Translators: a CSV cell such as "=HYPERLINK(...)" must
    # open as text in a Moderator's spreadsheet (Wagtail's XLSX export already writes formulas as text).
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: spreadsheet_safe},
    }

    list_export = [
        "owner_title",
        "owner_type",
        "language",
        "where",
        "value",
        "label",
        "source_name",
        "source_url",
        "reference_date",
        "age_months",
        "flags_text",
        "edit_url",
    ]
    export_headings = {
        "owner_title": _("Page"),
        "owner_type": _("Type"),
        "language": _("Language"),
        "where": _("Where"),
        "value": _("Figure"),
        "label": _("What it measures"),
        "source_name": _("Source"),
        "source_url": _("Source URL"),
        "reference_date": _("Reference date"),
        "age_months": _("Age (months)"),
        "flags_text": _("Flags"),
        "edit_url": _("Edit"),
    }

    @property
    def columns(self):
        return [
            TitleColumn("owner_title", label=_("Page"), get_url=lambda item: item.edit_url),
            Column("language_name", label=_("Language")),
            Column("where", label=_("Where")),
            Column("value", label=_("Figure")),
            Column("source_name", label=_("Source")),
            DateColumn("reference_date", label=_("Reference date")),
            Column("age_text", label=_("Age")),
            FlagsColumn("flag_labels", label=_("Flags")),
        ]

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": Items()}

    def get_queryset(self):
        max_age = SiteSettings.for_request(self.request).evidence_max_age_months
        return self.filter_queryset(evidence.collect(max_age))

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["max_age_months"] = SiteSettings.for_request(self.request).evidence_max_age_months
        return context
