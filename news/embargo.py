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
    * Either way, only from a version made from the embargo as it stands: each version carries which change of
      the release's embargo it was made from (``embargo_seen_at``: the page editor's form sets it to the change
      it checked the form against; the version that makes a change, and every page row, take that change, so
      a version built on them or on a fresh wagtail-localize sync carries it; a version without one, made
      before it existed, counts as made when it was saved). A version made before the last change (a version
      scheduled, submitted or left as the latest draft, published later, in bulk or approved from the
      dashboard; a translation published from an older sync) leaves the embargo as it is, and its publication
      is logged in the page's history as "embargo kept": its value, later or earlier, was never decided over
      the current one.
    * After every change, every page of the release gets the release's value in ``embargo_until``, and the
      change in ``embargo_seen_at``.

The hooks are ``post_save`` of a news page (every publication writes the page's row) and ``post_save`` of a
revision of a news page (every draft from every way in); both run in the saving transaction.

Aliases and copies
    An alias IS its original (Wagtail copies the original's content into it at every publication), so it is
    hidden while its original is. An alias with a key of its own (Wagtail's "create alias") has a record kept
    equal to its original's, whatever value Wagtail's ``update_aliases`` hands it from the published revision,
    and every change of the release is carried down its aliases, an alias of an alias included; an alias sharing
    its original's key (wagtail-localize's synchronised languages) is of the release already. A copy is
    a new page with a new key: a copy of a page under embargo is never made live (``keep_copy_unpublished``),
    whatever way it is made (admin copy view, admin API, recursive copy of an ancestor, ``Page.copy()``), and
    an alias with a key of its own converted into a page while its release is under embargo is unpublished, and
    so are the aliases of it; publishing either later is a Moderator's publication of a new page, with its own embargo.

What it hides
    ``embargoed_keys()`` is the subquery of the ``translation_key``s under embargo now (a release's, and its
    aliases', whose records follow it); ``visible()`` / ``hide_embargoed()`` exclude them from a queryset of any page
    type in the same query, and ``is_embargoed(page)`` answers for one page.
    Every public surface goes through these. A document a release under embargo linked is hidden by
    ``news/release_documents.py``, which asks ``embargoed_keys()``.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail_localize.models import TranslationSource

from base import prepared_queries


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
    """The ``translation_key``s hidden now, as a subquery: the releases under embargo, their aliases' among them (an
    alias shows its original's content, so it is the release too: its own record is kept equal to the release's,
    ``apply``)."""
    # The time of the query's run, also for a query prepared once (base/prepared_queries.py).
    return ReleaseEmbargo.objects.filter(until__gt=prepared_queries.now()).values("translation_key")


def hide_embargoed(pages):
    """``pages`` (a queryset of any page type) without the pages of releases under embargo, in the same query.

    On ``translation_key`` only, the one field of a page the search backends may filter on that says which
    release it is."""
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


def _to_millisecond(moment):
    # A version's content is JSON, which keeps a time to the millisecond (DjangoJSONEncoder): so is it compared.
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def made_before_last_change(record, seen):
    """Whether a version made from the change ``seen`` of the release's embargo (None: unknown) is older than
    ``record``'s last change."""
    return seen is not None and _to_millisecond(seen) < _to_millisecond(record.changed_at)


def _may_change(record, value, *, model, locale_id, published, revision_created_at=None, seen=None):
    """Whether a page saved with ``value`` changes the release's embargo ``record`` (the rules above)."""
    if value == record.until or made_before_last_change(record, seen):
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


def _followed(model, translation_key):
    """For the key of an alias (or of a translation of one), the record of the page it is an alias of, else None.

    Only an alias with a key of its own (Wagtail's "create alias", a copy's): an alias sharing its original's key
    (wagtail-localize's synchronised languages, "convert to alias") is already of the release, and following
    itself would freeze the release's embargo."""
    original_key = (
        model.objects.filter(translation_key=translation_key, alias_of__isnull=False)
        .exclude(alias_of__translation_key=F("translation_key"))
        .values_list("alias_of__translation_key", flat=True)
        .first()
    )
    if original_key is None:
        return None
    return ReleaseEmbargo.objects.filter(translation_key=original_key).first()


def _follow_in_aliases(model, translation_key, until):
    """Every alias of the release, and every alias of those (Wagtail chains them), takes the release's embargo."""
    done = {translation_key}
    keys = {translation_key}
    while keys:
        keys = (
            set(model.objects.filter(alias_of__translation_key__in=keys).values_list("translation_key", flat=True))
            - done
        )
        done |= keys
        for key in keys:
            ReleaseEmbargo.objects.update_or_create(translation_key=key, defaults={"until": until})
        model.objects.filter(translation_key__in=keys).exclude(embargo_until=until).update(embargo_until=until)


def apply(model, translation_key, value, *, locale_id=None, published=False, revision_created_at=None, seen=None):
    """A page of the release ``translation_key`` was saved with embargo ``value``: apply the rules above.

    ``published`` says the page was published with that value (else it is a draft); ``locale_id`` is its
    language; ``revision_created_at`` when the version published was made; ``seen`` which change of the
    release's embargo it was made from (``embargo_seen_at``, else when it was made). Returns the release's record
    afterwards, with ``changed`` set when the version changed it, ``kept`` when the version's other value was
    left aside for being older than the record's last change. ``model`` is the news page model, whose rows
    follow, and so do the release's aliases.
    An alias takes its original's embargo, whatever value it was saved with: Wagtail's ``update_aliases`` hands
    it the published revision's raw content, which may hold a value the rules refused for the release.
    """
    with transaction.atomic():
        record, created = ReleaseEmbargo.objects.select_for_update().get_or_create(
            translation_key=translation_key, defaults={"until": value}
        )
        record.changed = record.kept = False
        followed = _followed(model, translation_key)
        if followed is not None:
            if record.until != followed.until:
                record.until = followed.until
                record.save(update_fields=["until", "changed_at"])
        elif not created and _may_change(
            record,
            value,
            model=model,
            locale_id=locale_id,
            published=published,
            revision_created_at=revision_created_at,
            seen=seen,
        ):
            record.until = value
            record.save(update_fields=["until", "changed_at"])
            record.changed = True
        else:
            record.kept = not created and value != record.until and made_before_last_change(record, seen)
        # Only the rows that differ, so a save that changes nothing writes nothing.
        model.objects.filter(translation_key=translation_key).exclude(
            embargo_until=record.until, embargo_seen_at=record.changed_at
        ).update(embargo_until=record.until, embargo_seen_at=record.changed_at)
        _follow_in_aliases(model, translation_key, record.until)
    return record


def page_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """``post_save`` of a news page: its row now holds ``embargo_until`` (a publication when the page is live)."""
    if raw:
        return
    if getattr(instance, "_former_original_key", None) not in (None, instance.translation_key):
        _unpublish_converted_alias(sender, instance)
    if update_fields is not None and "embargo_until" not in update_fields:
        return  # a draft (save_revision writes only bookkeeping fields) or a fixture being loaded
    revision_created_at = instance.live_revision.created_at if instance.live and instance.live_revision_id else None
    record = apply(
        sender,
        instance.translation_key,
        instance.embargo_until,
        locale_id=instance.locale_id,
        published=instance.live,
        revision_created_at=revision_created_at,
        seen=instance.embargo_seen_at or revision_created_at,
    )
    if record.changed and instance.live and instance.live_revision_id:
        _made_from(instance.live_revision_id, record)
    if record.kept and instance.live:
        # Whoever published it (a bulk action, an approval, a schedule, the translation editor) finds in the
        # page's history why its embargo is not the one the version held.
        log(
            instance=instance,
            action="news.embargo_kept",
            data={"kept": _iso(record.until), "version": _iso(instance.embargo_until)},
        )
    instance.embargo_until = record.until
    instance.embargo_seen_at = record.changed_at
    instance._release_embargo = record.until


def _iso(moment):
    return moment.isoformat() if moment is not None else None


def revision_saved(model, instance, created=False, raw=False, **kwargs):
    """``post_save`` of a revision of a news page: a draft, which may only move the embargo later.

    Also when the revision is saved again rather than created: autosave, and "Save draft" after it, overwrite
    the editor's latest version in place.
    """
    if raw:
        return
    content = instance.content or {}
    if not content.get("translation_key"):
        return
    # The key of the page the revision belongs to, not the one in its content: Wagtail's copy copies every
    # revision of the original with the original's key in it, which must not reach the original's release.
    key = model.objects.filter(pk=instance.object_id).values_list("translation_key", flat=True).first()
    if key is None:
        return
    # A version whose content predates ``embargo_seen_at`` counts as made when it was saved (autosave's too: saving
    # over a version makes it anew).
    record = apply(
        model,
        key,
        _content_time(content.get("embargo_until")),
        published=False,
        seen=_content_time(content.get("embargo_seen_at")) or instance.created_at,
    )
    if record.changed:
        _made_from(instance.pk, record, instance)


def _made_from(revision_id, record, revision=None):
    """The version that changed the release's embargo is made from that change: a version built on it (its
    content, a script's ``get_latest_revision_as_object()``) builds on the embargo as it stands."""
    content = revision.content if revision is not None else None
    if content is None:
        content = Revision.objects.filter(pk=revision_id).values_list("content", flat=True).first()
        if content is None:
            return
    content["embargo_seen_at"] = record.changed_at
    Revision.objects.filter(pk=revision_id).update(content=content)


def _content_time(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _hidden_now(page_id):
    return not hide_embargoed(Page.objects.filter(pk=page_id)).exists()


def keep_copy_unpublished(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of a news page: a copy of a page under embargo is made unpublished, whatever way it is made.

    Wagtail's copy (``CopyPageAction``: the admin's copy view, the admin API's copy action, ``Page.copy()``, each
    page of a recursive copy of an ancestor) gives the copy a new ``translation_key``, so it would be a release of
    its own, public when the embargo it was copied with ends, even if the release's embargo moves later. A live
    copy is the only new row that already has a live revision (the original's, copied with its fields): it is
    kept unpublished before it is written, and Wagtail's later save of its publication dates is undone. An alias
    is no copy: it follows its original (``embargoed_keys()``).
    """
    if raw:
        return
    if instance._state.adding:
        if not (instance.live and instance.live_revision_id and not instance.alias_of_id):
            return
        source = Revision.objects.filter(pk=instance.live_revision_id).values_list("object_id", flat=True).first()
        under_embargo = instance.embargo_until is not None and instance.embargo_until > timezone.now()
        if not under_embargo and (source is None or not _hidden_now(int(source))):
            return
        instance._kept_unpublished = True
        instance.live = False
        instance.has_unpublished_changes = True
    elif not getattr(instance, "_kept_unpublished", False):
        return
    # Also when CopyPageAction, after making the copy's revision, saves it as published (update_fields).
    instance.live_revision = None
    instance.first_published_at = None
    instance.last_published_at = None


def remember_former_original(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of a news page no longer an alias (Wagtail's "convert alias", wagtail-localize turning a
    synchronised alias into a translation): the key of the page it was an alias of, for ``page_saved`` to tell a
    page that leaves its release (a key of its own) from one that stays in it (the same key)."""
    if raw or instance._state.adding or instance.alias_of_id is not None:
        return
    if update_fields is None or not {"alias_of", "alias_of_id"} & set(update_fields):
        return
    instance._former_original_key = (
        sender.objects.filter(pk=instance.pk).values_list("alias_of__translation_key", flat=True).first()
    )


def _unpublish_converted_alias(model, instance):
    """An alias of a release under embargo converted into a page of its own (Wagtail's "convert alias") no longer
    follows the release: like a copy, it is unpublished, so it cannot go public at a time the release moved from.
    Wagtail's conversion then sees the page not live and records no publication.

    Its aliases, and theirs, go with it, as Wagtail's unpublish takes a page's aliases offline: they show the
    release's text too, and now follow the converted page's embargo, which no longer moves with the release's."""
    if instance.live and _hidden_now(instance.pk):
        pages, found = {instance.pk}, {instance.pk}
        while found:
            found = set(model.objects.filter(alias_of_id__in=found, live=True).values_list("pk", flat=True)) - pages
            pages |= found
        model.objects.filter(pk__in=pages).update(live=False, has_unpublished_changes=True, live_revision=None)
        instance.live = False
        instance.has_unpublished_changes = True
        instance.live_revision = None


def connect(model):
    """Hook the rules on every save of ``model`` (the news page) and of its revisions."""
    pre_save.connect(keep_copy_unpublished, sender=model, dispatch_uid="news.embargo.keep_copy_unpublished")
    pre_save.connect(remember_former_original, sender=model, dispatch_uid="news.embargo.remember_former_original")
    post_save.connect(page_saved, sender=model, dispatch_uid="news.embargo.page_saved")

    def on_revision(sender, instance, **kwargs):
        if instance.content_type_id == ContentType.objects.get_for_model(model).pk:
            revision_saved(model, instance, **kwargs)

    post_save.connect(on_revision, sender=Revision, weak=False, dispatch_uid="news.embargo.revision_saved")
