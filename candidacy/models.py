"""The candidacy: the award criteria, the evidence pages give for them, the ranking page and the dossier.

The evidence is recorded on programme and project pages (their "Award criteria" panel), so its models point
at those pages by label: this app reads them through the evidence and never imports ``projects``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base import stored_pdf
from base.blocks import KeyFigureBlock
from base.models import BasePage, HeroImageMixin, IntroductionBodyPage, RoutableBasePage, optional_body
from base.stored_pdf import StoredPdf
from base.validators import SafeContentMixin

from . import dossier_pdf
from .blocks import RankingStreamBlock
from .dossier import Dossier
from .forms import DossierPageForm


class AwardCriterion(
    SafeContentMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """One criterion an award's jury judges a candidate city on, in one edition of the award.

    Criteria change from edition to edition (iCapital had five in 2016, six from 2023), so they are
    content: the dossier pages and the evidence recorded on programmes and projects point at them.
    """

    edition = models.PositiveSmallIntegerField(
        _("edition"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year of the award edition, e.g. 2024."),
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_(
            "A short identifier, the same in every language and unique within the edition, used in links to the "
            "criterion: lower case, no spaces (e.g. experimentation)."
        ),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("what it means"), help_text=_("What the jury looks for under this criterion, in one or two sentences.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=1, help_text=_("Where the criterion comes in the edition's list (1 = first).")
    )

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("order"), FieldPanel("code")]),
        FieldPanel("name"),
        FieldPanel("description"),
    ]

    # The edition, the code and the order are the same criterion in every language.
    override_translatable_fields = [
        SynchronizedField("edition", overridable=False),
        SynchronizedField("code", overridable=False),
        SynchronizedField("order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["edition", "order", "code"]
        unique_together = [("translation_key", "locale"), ("edition", "code", "locale")]

    def __str__(self):
        return f"{self.edition} · {self.order}. {self.name}"

    def clean(self):
        super().clean()
        # The admin form leaves the locale out, so Django would not check this constraint itself and the
        # database would refuse the save with an error page instead of a message on the field.
        if (
            self.locale_id
            and self.edition
            and self.code
            and AwardCriterion.objects.filter(edition=self.edition, code=self.code, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "code": _("The %(edition)s edition already has a criterion with this code.")
                    % {"edition": self.edition}
                }
            )

    @property
    def anchor(self):
        """The id of the criterion's section on a dossier page."""
        return f"criterion-{self.code}"

    @cached_property
    def evidence_pages(self):
        """The programme and project pages whose evidence points at this criterion, by title.

        While there are any, the criterion cannot be deleted (the evidence protects it).
        """
        pages = {}
        for model in (ProgrammeEvidence, ProjectEvidence):
            for evidence in model.objects.filter(criterion=self).select_related("page"):
                pages[evidence.page.pk] = evidence.page
        return sorted(pages.values(), key=lambda page: page.title.lower())


class CriterionEvidence(SafeContentMixin, TranslatableMixin, Orderable):
    """How a page meets one award criterion: a justification and, optionally, figures with sources.

    Translatable, so wagtail-localize offers the justification and the figures to translators. The
    criterion itself is copied from the original page and moved to the criterion in the page's own
    language by base/languages.py, like the page's other links to translatable objects.
    """

    # PROTECT: deleting a criterion must not silently take justifications off live pages (there would be no
    # revision to restore them from). The admin's delete page names the pages to change first.
    criterion = models.ForeignKey(
        AwardCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("award criterion")
    )
    justification = models.TextField(
        _("justification"),
        max_length=700,
        help_text=_("How this meets the criterion, in two or three sentences a juror can check."),
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=4,
        verbose_name=_("key figures"),
        help_text=_("Optional: up to four figures that back the justification, each with its source and date."),
    )

    panels = [
        # A plain list of the criteria in the page's language (see candidacy.forms.EvidencePageForm).
        FieldPanel("criterion", widget=forms.Select),
        FieldPanel("justification"),
        FieldPanel("key_figures"),
    ]

    override_translatable_fields = [SynchronizedField("criterion", overridable=False)]
    localised_relations = ["criterion"]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.criterion)


class ProgrammeEvidence(CriterionEvidence):
    page = ParentalKey("projects.ProgrammePage", on_delete=models.CASCADE, related_name="evidence")

    class Meta(CriterionEvidence.Meta):
        verbose_name = _("programme evidence")
        verbose_name_plural = _("programme evidence")


class ProjectEvidence(CriterionEvidence):
    page = ParentalKey("projects.ProjectPage", on_delete=models.CASCADE, related_name="evidence")

    class Meta(CriterionEvidence.Meta):
        verbose_name = _("project evidence")
        verbose_name_plural = _("project evidence")


class RankingPage(BasePage):
    """The smart-city ranking narrative: who ranked where, on which indicators, and why."""

    introduction = models.TextField(_("introduction"))
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    # The editorial blocks plus the chart of Turin's positions over time.
    body = StreamField(RankingStreamBlock, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("key_figures"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("key_figures"), APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ranking page")


class DossierPage(RoutableBasePage, IntroductionBodyPage):
    """The candidacy dossier for one edition of the award, for the jury.

    One section per criterion of the chosen edition with the evidence recorded on programme and project
    pages, a criteria × programmes matrix, and the same content as a print-ready page and a PDF
    (candidacy/dossier.py gathers what they show; candidacy/dossier_pdf.py makes the PDF with base/stored_pdf.py and
    keeps it until the content changes).
    """

    introduction = models.TextField(
        _("introduction"), help_text=_("Two or three sentences for the jury: what this dossier shows.")
    )
    edition = models.PositiveSmallIntegerField(
        _("award edition"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The dossier shows the award criteria of this edition, in the page's language."),
    )
    body = optional_body(_("Optional text shown before the criteria, e.g. the city's vision in a few paragraphs."))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("edition"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    api_fields = IntroductionBodyPage.api_fields + [APIField("edition")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = DossierPageForm

    override_translatable_fields = [
        *HeroImageMixin.override_translatable_fields,
        SynchronizedField("edition", overridable=False),
    ]

    class Meta:
        verbose_name = _("candidacy dossier")

    def get_context(self, request, *args, print_view=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The print-ready document (and so the PDF) shows no pictures: cards become plain text with URLs.
        context["dossier"] = Dossier(
            self,
            criteria=AwardCriterion.objects.filter(edition=self.edition, locale_id=self.locale_id, live=True),
            programme_evidence=ProgrammeEvidence.objects.all(),
            project_evidence=ProjectEvidence.objects.all(),
            with_images=not print_view,
        )
        context["print_view"] = print_view
        page_url = self.get_url(request)
        pdf_available = stored_pdf.pdf_engine_available()
        context["pdf_url"] = page_url + self.reverse_subpage("dossier_pdf") if pdf_available else None
        context["print_url"] = page_url + self.reverse_subpage("dossier_print")
        return context

    # Neither view takes a parameter: an address with a query string is sent to the one without, since each new
    # query string would miss the page cache and Varnish and render the whole dossier again.

    @path("print/", name="dossier_print")
    def print_view(self, request):
        """The dossier as one print-ready document: the source of the PDF, readable on its own."""
        if request.GET:
            return HttpResponsePermanentRedirect(request.path)
        return self.render(request, template="candidacy/dossier_page_print.html", print_view=True)

    @path("pdf/", name="dossier_pdf")
    def pdf_view(self, request):
        if request.GET:
            return HttpResponsePermanentRedirect(request.path)
        return dossier_pdf.pdf_response(self, request)


class DossierPdf(StoredPdf):
    """A version of a dossier page's public PDF (base/stored_pdf.py builds and serves it, candidacy/dossier_pdf.py
    says what it is made from)."""

    page = models.ForeignKey(DossierPage, on_delete=models.CASCADE, related_name="pdf_versions")

    class Meta:
        verbose_name = _("dossier PDF")
        verbose_name_plural = _("dossier PDFs")

    def __str__(self):
        return f"{self.page_id} · {self.digest[:12]} · {self.state}"
