"""The candidacy dossier: criteria, evidence and the at-a-glance matrix, gathered once per request.

``Dossier`` gathers, for one DossierPage, the award criteria of its edition in its language and
the evidence recorded on live, public programme and project pages, in a fixed number of queries
whatever the number of criteria, programmes and projects. The page, its print-ready view and
the PDF (candidacy/dossier_pdf.py) all render from it, so they cannot disagree. The page hands it
the criteria and the evidence to read (``DossierPage.get_context``); this module arranges them.
"""

from dataclasses import dataclass

from django.utils.functional import cached_property
from wagtail.models import PageViewRestriction

from base.visibility import readable_page_exists

# What the cards and the map read from the evidence pages; the rest of their content stays in the database.
_PROGRAMME_DEFERRED = ["body", "partners", "key_figures"]
_PROJECT_DEFERRED = ["challenge", "approach", "results", "partners", "key_figures", "gallery"]


@dataclass
class Evidence:
    """One page's evidence for one criterion."""

    criterion: object
    page: object  # a ProgrammePage or a ProjectPage
    justification: str
    key_figures: object  # a StreamValue of KeyFigureBlocks
    column: object  # the programme it counts for in the matrix, or None ("other projects")

    @property
    def is_programme(self):
        return self.page is self.column

    @property
    def anchor(self):
        return f"evidence-{self.criterion.code}-{self.page.pk}"


@dataclass
class Cell:
    column: object
    items: list

    @property
    def anchor(self):
        return self.items[0].anchor if self.items else ""


class Dossier:
    """The criteria, evidence and matrix of one DossierPage. Everything is loaded on first use.

    ``criteria`` are the page's award criteria; ``programme_evidence`` and ``project_evidence`` the
    evidence querysets, narrowed here to those criteria and to live pages in the page's language.
    """

    def __init__(self, page, criteria, programme_evidence, project_evidence, with_images=True):
        self.page = page
        self._criteria = criteria
        self._programme_evidence = programme_evidence
        self._project_evidence = project_evidence
        self.with_images = with_images

    # --- what is loaded -------------------------------------------------------------------------

    @cached_property
    def criteria(self):
        return list(self._criteria.order_by("order", "code"))

    @cached_property
    def restricted_paths(self):
        """Paths of the pages with a view restriction: they and their descendants are not public."""
        return sorted(PageViewRestriction.objects.values_list("page__path", flat=True))

    def is_public(self, page):
        return page.live and not any(page.path.startswith(path) for path in self.restricted_paths)

    def _evidence(self, evidence, deferred, related, **annotations):
        queryset = (
            evidence.annotate(**annotations)
            .filter(
                criterion__in=[criterion.pk for criterion in self.criteria],
                page__live=True,
                page__locale_id=self.page.locale_id,
            )
            .select_related("page", *related)
            .defer(*[f"page__{name}" for name in deferred])
            .order_by("page__path", "sort_order")
        )
        if self.with_images:
            queryset = queryset.select_related("page__hero_image").prefetch_related("page__hero_image__renditions")
        return [item for item in queryset if self.is_public(item.page)]

    @cached_property
    def evidence(self):
        """Every piece of evidence, in matrix order: by programme, its own evidence before its projects'."""
        if not self.criteria:
            return []
        criteria = {criterion.pk: criterion for criterion in self.criteria}
        items = []
        for row in self._evidence(self._programme_evidence, _PROGRAMME_DEFERRED, []):
            items.append(Evidence(criteria[row.criterion_id], row.page, row.justification, row.key_figures, row.page))
        programme_deferred = [f"programme__{name}" for name in _PROGRAMME_DEFERRED]
        project_rows = self._evidence(
            self._project_evidence,
            _PROJECT_DEFERRED + programme_deferred,
            ["page__programme"],
            # What the project's ``public_programme`` reads, here and in the map's list of places, without a query.
            programme_readable=readable_page_exists("page__programme"),
        )
        for row in project_rows:
            row.page.programme_readable = row.programme_readable
            programme = row.page.public_programme
            # A project counts for its programme only where the reader can open that programme's page.
            if programme is not None and programme.locale_id != self.page.locale_id:
                programme = None
            items.append(Evidence(criteria[row.criterion_id], row.page, row.justification, row.key_figures, programme))
        order = {column.pk: index for index, column in enumerate(self.columns_for(items)) if column is not None}
        items.sort(
            key=lambda e: (
                order.get(e.column.pk, len(order)) if e.column else len(order),
                not e.is_programme,
                e.page.title.lower(),
            )
        )
        return items

    @staticmethod
    def columns_for(items):
        programmes = {e.column.pk: e.column for e in items if e.column is not None}
        columns = sorted(programmes.values(), key=lambda page: page.path)
        if any(e.column is None for e in items):
            columns.append(None)
        return columns

    # --- what the templates show ------------------------------------------------------------------

    @cached_property
    def columns(self):
        """The matrix's columns: the programmes with evidence, in the tree's order, then None for the
        projects that belong to no (visible) programme."""
        return self.columns_for(self.evidence)

    @cached_property
    def sections(self):
        """One per criterion, in order: {criterion, evidence, places, figures}."""
        sections = []
        for criterion in self.criteria:
            items = [e for e in self.evidence if e.criterion is criterion]
            sections.append(
                {
                    "criterion": criterion,
                    "evidence": items,
                    "places": [e.page for e in items if not e.is_programme and e.page.has_place],
                    "figures": sum(len(e.key_figures) for e in items),
                }
            )
        return sections

    @cached_property
    def matrix(self):
        """Rows of the at-a-glance table: [{criterion, cells: [Cell per column]}]."""
        rows = []
        for section in self.sections:
            cells = []
            for column in self.columns:
                column_pk = column.pk if column is not None else None
                items = [e for e in section["evidence"] if (e.column.pk if e.column else None) == column_pk]
                cells.append(Cell(column, items))
            rows.append({"criterion": section["criterion"], "cells": cells})
        return rows

    @cached_property
    def sources(self):
        """Every source the key figures cite, once each, in the order they first appear: [(name, url)]."""
        seen = {}
        for item in self.evidence:
            for figure in item.key_figures:
                key = (figure.value["source_name"], figure.value["source_url"])
                seen.setdefault(key, None)
        return list(seen)

    @cached_property
    def last_updated(self):
        """When the newest of the published pages the dossier is made from was published."""
        dates = [e.page.last_published_at for e in self.evidence if e.page.last_published_at]
        if self.page.last_published_at:
            dates.append(self.page.last_published_at)
        return max(dates, default=None)
