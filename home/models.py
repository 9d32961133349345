from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
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

from base.blocks import BaseStreamBlock, KeyFigureBlock
from base.models import BasePage, HeroImageMixin, IntroductionBodyPage, RoutableBasePage, optional_body
from base.validators import SafeContentMixin
from news.models import NewsPage
from projects.models import ProgrammeEvidence, ProgrammePage, ProjectEvidence, ProjectPage

from .blocks import RankingStreamBlock
from .forms import DossierPageForm


class HomePage(BasePage):
    introduction = models.TextField(
        _("introduction"), help_text=_("Two or three sentences under the page title, in plain language.")
    )
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    body = StreamField(BaseStreamBlock, blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("key_figures"),
        InlinePanel("featured_programmes", label=_("Featured programmes"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("key_figures"), APIField("body")]

    # One home page per language, each at the root of its locale's tree.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured_ids = [f.programme_id for f in self.featured_programmes.all()]
        programmes = {
            p.pk: p
            for p in ProgrammePage.objects.live()
            .public()
            .filter(pk__in=featured_ids)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .defer_streamfields()
        }
        context["featured_programmes"] = [programmes[pk] for pk in featured_ids if pk in programmes]
        context["latest_news"] = NewsPage.objects.listed(self.locale_id)[:3]
        context["places"] = ProjectPage.objects.mappable(self.locale_id)
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "projects.ProgrammePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )

    panels = [PageChooserPanel("programme")]

    # The programme is chosen on the Italian page and moved to its translation (base/languages.py).
    localised_relations = ["programme"]


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


class DossierPage(RoutableBasePage, IntroductionBodyPage):
    """The candidacy dossier for one edition of the award, for the jury.

    One section per criterion of the chosen edition with the evidence recorded on programme and project
    pages, a criteria × programmes matrix, and the same content as a print-ready page and a PDF
    (home/dossier.py gathers what they show; home/dossier_pdf.py makes the PDF and caches it until the content
    changes).
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
        from .dossier import Dossier
        from .dossier_pdf import pdf_engine_available

        context = super().get_context(request, *args, **kwargs)
        # The print-ready document (and so the PDF) shows no pictures: cards become plain text with URLs.
        context["dossier"] = Dossier(self, with_images=not print_view)
        context["print_view"] = print_view
        page_url = self.get_url(request)
        context["pdf_url"] = page_url + self.reverse_subpage("dossier_pdf") if pdf_engine_available() else None
        context["print_url"] = page_url + self.reverse_subpage("dossier_print")
        return context

    @path("print/", name="dossier_print")
    def print_view(self, request):
        """The dossier as one print-ready document: the source of the PDF, readable on its own."""
        return self.render(request, template="home/dossier_page_print.html", print_view=True)

    @path("pdf/", name="dossier_pdf")
    def pdf_view(self, request):
        from .dossier_pdf import pdf_response

        return pdf_response(self, request)
