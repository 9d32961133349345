"""Every key figure and every piece of award evidence on the site, with what makes it need attention.

Read by the evidence health report (``reports.py``) and the editors' dashboard (``dashboard.py``). A figure is
flagged when the date it describes is older than the site setting's age (``evidence_max_age_months``), when
its source has no address or one that is not https, when the same figure says another number in another
language, and when it stands on a translation older than the last published change of its original.

Figures are found wherever they are: in any StreamField of any page or snippet, at any depth (a key figure
block, the figures of a key-figures block, the figures of a piece of evidence). The same figure in two
languages is recognised by what wagtail-localize keeps across a translation: the page's (or snippet's)
translation key, the field, the evidence's translation key and the block's id.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from base.blocks import KeyFigureBlock
from candidacy.models import CriterionEvidence
from projects.models import ProgrammePage

OLD = "old"
NO_URL = "no_url"
NOT_HTTPS = "not_https"
DIFFERS = "differs"
OUTDATED = "outdated_translation"

FLAGS = {
    OLD: _("Older than the configured age"),
    NO_URL: _("Source without URL"),
    NOT_HTTPS: _("Source not on https"),
    DIFFERS: _("Differs between languages"),
    OUTDATED: _("Translation older than the original"),
}

KEY_FIGURE = "figure"
EVIDENCE = "evidence"

_DIGITS = re.compile(r"[0-9]")


def months_before(day, months):
    """The same day ``months`` earlier (the last day of that month where it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def whole_months(since, today):
    return (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)


@dataclass
class Item:
    """One key figure (``kind`` KEY_FIGURE) or one piece of award evidence without figures (EVIDENCE)."""

    owner: models.Model  # the page or snippet, as its specific class
    kind: str
    field_label: str
    value: str = ""
    label: str = ""
    source_name: str = ""
    source_url: str = ""
    reference_date: datetime.date | None = None
    criterion: str = ""
    match_key: tuple = ()
    flags: set = field(default_factory=set)
    age_months: int | None = None

    @property
    def is_page(self):
        return isinstance(self.owner, Page)

    @cached_property
    def language(self):
        return self.owner.locale.language_code if isinstance(self.owner, TranslatableMixin) else ""

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def owner_title(self):
        return self.owner.get_admin_display_title() if self.is_page else str(self.owner)

    @property
    def owner_type(self):
        return str(type(self.owner)._meta.verbose_name)

    @property
    def owner_type_key(self):
        return type(self.owner)._meta.label_lower

    @property
    def programme(self):
        """The programme a page belongs to (a programme belongs to itself), or None."""
        if isinstance(self.owner, ProgrammePage):
            return self.owner
        return getattr(self.owner, "programme", None) if self.is_page else None

    @property
    def age_text(self):
        if self.age_months is None:
            return ""
        return ngettext("%(count)s month", "%(count)s months", self.age_months) % {"count": self.age_months}

    @property
    def where(self):
        return f"{self.field_label} · {self.criterion}" if self.criterion else str(self.field_label)

    @property
    def flag_labels(self):
        return [str(FLAGS[flag]) for flag in FLAGS if flag in self.flags]

    @property
    def flags_text(self):
        return "; ".join(self.flag_labels)

    @property
    def edit_url(self):
        from wagtail.admin.admin_url_finder import AdminURLFinder

        return AdminURLFinder().get_edit_url(self.owner)


def _key_figures(block, raw, path=()):
    """(block ids, StructValue) of every key figure in ``raw``, the stored data of ``block``, at any depth.

    Walks the stored JSON rather than the StreamField's value: reading the value would fetch what its other blocks
    choose (images, pages, contacts), one query per block type and page, for the report and the dashboard that read
    every page. Only the key figures are converted, and they choose nothing.
    """
    if isinstance(block, KeyFigureBlock):
        yield path, block.to_python(raw)
    elif isinstance(block, StreamBlock):
        for child in raw or ():
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from _key_figures(child_block, child.get("value"), (*path, child.get("id") or child["type"]))
    elif isinstance(block, ListBlock):
        for index, item in enumerate(raw or ()):
            if block._item_is_in_block_format(item):
                yield from _key_figures(block.child_block, item["value"], (*path, item["id"] or index))
            else:
                yield from _key_figures(block.child_block, item, (*path, index))
    elif isinstance(block, StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            yield from _key_figures(child_block, raw.get(name), (*path, name))


def _stream_fields(model):
    return [f for f in model._meta.get_fields() if isinstance(f, StreamField)]


def _figure_items(owner, obj, key_prefix, criterion=""):
    for stream_field in _stream_fields(type(obj)):
        stream = getattr(obj, stream_field.name)
        for path, figure in _key_figures(stream_field.stream_block, stream.raw_data):
            yield Item(
                owner=owner,
                kind=KEY_FIGURE,
                field_label=stream_field.verbose_name,
                value=figure.get("value") or "",
                label=figure.get("label") or "",
                source_name=figure.get("source_name") or "",
                source_url=figure.get("source_url") or "",
                reference_date=figure.get("reference_date"),
                criterion=criterion,
                match_key=(*key_prefix, stream_field.name, *path),
            )


def _owner_key(owner):
    return (type(owner)._meta.label_lower, str(getattr(owner, "translation_key", owner.pk)))


def _evidence_relations(model):
    return [
        relation for relation in model._meta.related_objects if issubclass(relation.related_model, CriterionEvidence)
    ]


def _items_of(owner):
    yield from _figure_items(owner, owner, _owner_key(owner))
    for relation in _evidence_relations(type(owner)):
        for evidence in getattr(owner, relation.get_accessor_name()).all():
            criterion = str(evidence.criterion)
            prefix = (*_owner_key(owner), "evidence", str(evidence.translation_key))
            figures = list(_figure_items(owner, evidence, prefix, criterion=criterion))
            yield from figures
            if not figures:
                yield Item(
                    owner=owner,
                    kind=EVIDENCE,
                    field_label=type(evidence)._meta.verbose_name,
                    label=evidence.justification,
                    criterion=criterion,
                    match_key=prefix,
                )


def _models_with_figures():
    """Page and snippet models with a StreamField or evidence: where figures can be."""
    from wagtail.models import get_page_models

    return [
        model
        for model in [*get_page_models(), *get_snippet_models()]
        if _stream_fields(model) or _evidence_relations(model)
    ]


def _owners():
    for model in _models_with_figures():
        queryset = model._default_manager.all()
        if issubclass(model, Page):
            # Rows of a page type that another page type extends are read once, as their own type.
            queryset = queryset.exact_type(model).select_related("locale")
            if hasattr(model, "programme"):
                queryset = queryset.select_related("programme")
        elif issubclass(model, TranslatableMixin):
            queryset = queryset.select_related("locale")
        for relation in _evidence_relations(model):
            queryset = queryset.prefetch_related(f"{relation.get_accessor_name()}__criterion")
        yield from queryset


def outdated_translations(pages=None):
    """{page pk: original} for translations last published before their original's last published change.

    ``pages`` limits the answer to those pages (any Page queryset); by default every page.
    """
    default_locale_code = settings.LANGUAGE_CODE
    translations = (pages if pages is not None else Page.objects.all()).exclude(
        locale__language_code=default_locale_code
    )
    originals = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale__language_code=default_locale_code,
            translation_key__in=translations.values("translation_key"),
            last_published_at__isnull=False,
        )
    }
    outdated = {}
    for page in translations.select_related(None).only("pk", "translation_key", "last_published_at"):
        original = originals.get(page.translation_key)
        if original is None:
            continue
        if page.last_published_at is None or page.last_published_at < original.last_published_at:
            outdated[page.pk] = original
    return outdated


def collect(max_age_months, today=None):
    """Every item, flagged, ordered by page, language and position."""
    today = today or timezone.localdate()
    cutoff = months_before(today, max_age_months)
    items = [item for owner in _owners() for item in _items_of(owner)]
    outdated = outdated_translations()

    by_key = {}
    for item in items:
        by_key.setdefault(item.match_key, []).append(item)

    for item in items:
        if item.kind != KEY_FIGURE:
            if item.is_page and item.owner.pk in outdated:
                item.flags.add(OUTDATED)
            continue
        if item.reference_date:
            item.age_months = whole_months(item.reference_date, today)
            if item.reference_date < cutoff:
                item.flags.add(OLD)
        if not item.source_url:
            item.flags.add(NO_URL)
        elif not item.source_url.lower().startswith("https://"):
            item.flags.add(NOT_HTTPS)
        for other in by_key[item.match_key]:
            if other is not item and (
                _DIGITS.findall(other.value) != _DIGITS.findall(item.value)
                or other.reference_date != item.reference_date
            ):
                item.flags.add(DIFFERS)
        if item.is_page and item.owner.pk in outdated:
            item.flags.add(OUTDATED)
    items.sort(key=lambda item: (item.owner_title.lower(), item.language))  # stable: figures keep their order
    return items
