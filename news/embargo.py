"""The release embargo: one per release, shared by every language, and the only rule for what it hides.

A release is the group of news pages that share a ``translation_key`` (the Italian page and its English
translation, or the other way round). Its embargo is stored ONCE, in ``ReleaseEmbargo``, keyed by that
``translation_key``; the ``embargo_until`` field each page carries is a copy kept equal to it, for the editor
and the feeds. wagtail-localize copies a page's fields as they were at the last sync, so a per-page value
cannot be trusted: nothing public reads it to decide visibility.

Who may change the release's embargo
    * LATER (or set where there was none): any save of any page of the release, from any way in — page
      editor (draft, autosave or publish), translation editor, bulk publish, scheduled publish, a version
      restored, the API or a command — takes effect at once, even as a draft, while the release is not public
      yet (under embargo, or no page of it live). Once it is public, only a publication moves it later: a draft
      cannot take a public release offline without a Moderator.
    * EARLIER, or cleared: only when the ORIGINAL page of the release is PUBLISHED with that value, from a
      version made after the release's embargo last changed. The original is the page in the language
      wagtail-localize translates from (its ``TranslationSource``); with no translation yet, the first page
      created in the group. Publishing a translation never makes the
      embargo earlier, and a draft never does.
    * After every change, every page of the release gets the release's value in ``embargo_until``.

The hooks are ``post_save`` of a news page (every publication writes the page's row) and ``post_save`` of a
revision of a news page (every draft from every way in); both run in the saving transaction.

What it hides
    ``embargoed_keys()`` is the subquery of the ``translation_key``s under embargo now; ``visible()`` /
    ``hide_embargoed()`` exclude them from a queryset of any page type in the same query, and
    ``is_embargoed(page)`` answers for one page. Every public surface goes through these.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision
from wagtail_localize.models import TranslationSource


class ReleaseEmbargo(models.Model):
    """The embargo of one release, in every language: until ``until`` no page of the release is public."""

    translation_key = models.UUIDField(unique=True, editable=False)
    until = models.DateTimeField(_("embargo until"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("release embargo")
        verbose_name_plural = _("release embargoes")

    def __str__(self):
        return f"{self.translation_key}: {self.until}"

    @property
    def is_active(self):
        return self.until is not None and self.until > timezone.now()


# --- questions ---------------------------------------------------------------------------------------


def embargoed_keys():
    """The ``translation_key``s of the releases under embargo now, as a subquery."""
    return ReleaseEmbargo.objects.filter(until__gt=timezone.now()).values("translation_key")


def hide_embargoed(pages):
    """``pages`` (a queryset of any page type) without the pages of releases under embargo, in the same query."""
    return pages.exclude(translation_key__in=embargoed_keys())


def release_embargo(page):
    """The release's embargo of ``page`` (a datetime or None), asked once per page object."""
    cached = getattr(page, "_release_embargo", False)
    if cached is False:
        cached = (
            ReleaseEmbargo.objects.filter(translation_key=page.translation_key).values_list("until", flat=True).first()
        )
        page._release_embargo = cached
    return cached


def is_embargoed(page):
    until = release_embargo(page)
    return until is not None and until > timezone.now()


def original_locale_id(translation_key):
    """The language of the release's original: what wagtail-localize translates from, else the first page made."""
    source = (
        TranslationSource.objects.filter(object_id=translation_key)
        .order_by("created_at", "pk")
        .values_list("locale_id", flat=True)
        .first()
    )
    if source is not None:
        return source
    pages = Page.objects.filter(translation_key=translation_key).order_by("pk")
    return pages.values_list("locale_id", flat=True).first()


# --- changes -----------------------------------------------------------------------------------------


def _later(value, current):
    return value is not None and (current is None or value > current)


def _may_change(record, value, *, model, locale_id, published, revision_created_at=None):
    """Whether a page saved with ``value`` changes the release's embargo ``record`` (the rules above)."""
    if value == record.until:
        return False
    if _later(value, record.until):
        # A draft hides more only while nothing of the release is public yet; taking a public release
        # offline is a publication's business, which needs a Moderator.
        return (
            published
            or record.is_active
            or not model.objects.filter(translation_key=record.translation_key, live=True).exists()
        )
    # Earlier: only the original, published from a version at least as new as the release's last change (a
    # version scheduled or submitted before someone moved the embargo later does not bring the old time back).
    return (
        published
        and locale_id == original_locale_id(record.translation_key)
        and (revision_created_at is None or revision_created_at >= record.changed_at)
    )


def apply(model, translation_key, value, *, locale_id=None, published=False, revision_created_at=None):
    """A page of the release ``translation_key`` was saved with embargo ``value``: apply the rules above.

    ``published`` says the page was published with that value (else it is a draft); ``locale_id`` is its
    language; ``revision_created_at`` when the version published was made. Returns the release's embargo
    afterwards. ``model`` is the news page model, whose rows follow.
    """
    with transaction.atomic():
        record, created = ReleaseEmbargo.objects.select_for_update().get_or_create(
            translation_key=translation_key, defaults={"until": value}
        )
        if not created and _may_change(
            record,
            value,
            model=model,
            locale_id=locale_id,
            published=published,
            revision_created_at=revision_created_at,
        ):
            record.until = value
            record.save(update_fields=["until", "changed_at"])
        # Only the rows that differ, so a save that changes nothing writes nothing.
        model.objects.filter(translation_key=translation_key).exclude(embargo_until=record.until).update(
            embargo_until=record.until
        )
    return record.until


def page_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """``post_save`` of a news page: its row now holds ``embargo_until`` (a publication when the page is live)."""
    if raw or (update_fields is not None and "embargo_until" not in update_fields):
        return  # a draft (save_revision writes only bookkeeping fields) or a fixture being loaded
    until = apply(
        sender,
        instance.translation_key,
        instance.embargo_until,
        locale_id=instance.locale_id,
        published=instance.live,
        revision_created_at=instance.live_revision.created_at if instance.live and instance.live_revision_id else None,
    )
    instance.embargo_until = until
    instance._release_embargo = until


def revision_saved(model, instance, created=False, raw=False, **kwargs):
    """``post_save`` of a revision of a news page: a draft, which may only move the embargo later.

    Also when the revision is saved again rather than created: autosave, and "Save draft" after it, overwrite
    the editor's latest version in place.
    """
    if raw:
        return
    content = instance.content or {}
    key = content.get("translation_key")
    if not key:
        return
    value = content.get("embargo_until")
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    apply(model, key, value, published=False)


def connect(model):
    """Hook the rules on every save of ``model`` (the news page) and of its revisions."""
    post_save.connect(page_saved, sender=model, dispatch_uid="news.embargo.page_saved")

    def on_revision(sender, instance, **kwargs):
        if instance.content_type_id == ContentType.objects.get_for_model(model).pk:
            revision_saved(model, instance, **kwargs)

    post_save.connect(on_revision, sender=Revision, weak=False, dispatch_uid="news.embargo.revision_saved")
