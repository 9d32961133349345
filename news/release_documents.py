"""The documents of a release: every document any version of it ever linked, and whether one is hidden now.

Wagtail's reference index holds each object's row only (a page's published content; a page never published: as it
was made), never a revision, and a revision does not keep what it held either: autosave, and "Save draft" after it,
overwrite the editor's latest version in place. A press kit linked only in a draft, or only before such an overwrite,
was still uploaded for the release and may hold its embargoed text. So what a news page links is written down when
it is saved, in ``ReleaseDocument``, and never taken back: ``post_save`` of a revision of a news page (every draft,
autosave, version submitted or scheduled, from any way in) and of a news page (every publication, and a row saved
without a version: ``Page.save`` of a live page, imports, Wagtail's ``update_aliases``).

The key is the one the page's embargo record is kept under (``news/embargo.py``): a page's own ``translation_key``, so
a translation is of its release, and an alias with a key of its own is under its own key, whose record follows the
release's.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.models.pages import COMMENTS_RELATION_NAME

from base.models import public_pages
from base.rich_text_links import usable_id

from .embargo import embargoed_keys, hide_embargoed


class ReleaseDocument(models.Model):
    """A document some version of the release ``translation_key`` linked (a rich-text link, a block, a field)."""

    translation_key = models.UUIDField(editable=False)
    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("document of a release")
        verbose_name_plural = _("documents of releases")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "document"], name="news_releasedocument_unique"),
        ]

    def __str__(self):
        return f"{self.translation_key}: {self.document_id}"


def documents_linked_by(obj):
    """The ids of the documents ``obj`` (a page, as its row or as a version holds it) links, read with the extractor
    that fills Wagtail's reference index, so both agree on what "links" means."""
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model).pk
    # A stored link's id may name nothing a database can hold ("abc", past the integers: base/rich_text_links.py
    # renders it as a link to nothing); it links no document, and must not fail the save.
    ids = {
        usable_id(document_model, object_id)
        for type_id, object_id, _model_path, _content_path in ReferenceIndex._extract_references_from_object(obj)
        if type_id == document_type
    }
    return ids - {None}


def record(translation_key, document_ids):
    """Write down that the release ``translation_key`` linked ``document_ids``; a pair already known is left as it is.

    Only documents that exist: a version may still link one deleted since (restored, or copied from an old one)."""
    if not document_ids:
        return
    existing = get_document_model().objects.filter(pk__in=document_ids).values_list("pk", flat=True)
    ReleaseDocument.objects.bulk_create(
        [ReleaseDocument(translation_key=translation_key, document_id=pk) for pk in existing],
        ignore_conflicts=True,
    )


def record_revision(model, revision):
    """The documents a version of a news page links, under the key of the page it belongs to: not the key in its
    content, since Wagtail's copy copies every version of the original with the original's key in it."""
    key = model.objects.filter(pk=revision.object_id).values_list("translation_key", flat=True).first()
    if key is not None and revision.content:
        record(key, documents_linked_by(model.from_serializable_data(revision.content)))


# Wagtail's bookkeeping saves (save_revision, publish, unpublish, move, lock) name only fields of Page itself, none of
# which links a document: the row's content is not written then, so there is nothing new to read.
@functools.cache
def _page_fields():
    names = {name for field in Page._meta.concrete_fields for name in (field.name, field.attname)}
    return names | {COMMENTS_RELATION_NAME}


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """``post_save`` of a news page: what its row now holds. Not while fixtures load (their documents may not be
    there yet; Wagtail's reference index waits for ``rebuild_references_index`` likewise)."""
    if raw or (update_fields is not None and set(update_fields) <= _page_fields()):
        return
    record(instance.translation_key, documents_linked_by(instance))


def revision_saved(model, instance, raw=False, update_fields=None, **kwargs):
    """``post_save`` of a revision of a news page, created or overwritten in place (Wagtail's ``save_revision`` with
    ``overwrite_revision`` calls a plain ``save()`` on it): what this version links, before a later overwrite loses
    it. A save of other fields only (a scheduled publication's ``approved_go_live_at``) leaves its content as read."""
    if raw or (update_fields is not None and "content" not in update_fields):
        return
    record_revision(model, instance)


def document_hidden(document):
    """Whether ``document`` is one a release under embargo linked, in any version, and nothing readers may see uses.

    What readers see is read from Wagtail's reference index, which holds each object's row: a user that is not a page
    (a snippet, a setting) is shown wherever it is used, and a live, public page not under embargo is shown: either
    keeps the document public. Otherwise it is hidden while a release that ever linked it (``ReleaseDocument``, each
    language and each alias with a key of its own under the key its embargo record has) is under embargo; once the
    embargo ends that release no longer counts, and a document it dropped is an ordinary library document again.
    At most three queries, whatever the number of releases and versions."""
    page_type = ContentType.objects.get_for_model(Page).pk
    users = set(ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id"))
    if any(type_id != page_type for type_id, _object_id in users):
        return False
    pages = Page.objects.filter(pk__in=[int(object_id) for _type_id, object_id in users])
    if users and public_pages(hide_embargoed(pages.live())).exists():
        return False
    return ReleaseDocument.objects.filter(document=document, translation_key__in=embargoed_keys()).exists()


def connect(model):
    """Write down the documents of every save of ``model`` (the news page) and of its versions."""
    post_save.connect(page_saved, sender=model, dispatch_uid="news.release_documents.page_saved")

    def on_revision(sender, instance, **kwargs):
        if instance.content_type_id == ContentType.objects.get_for_model(model).pk:
            revision_saved(model, instance, **kwargs)

    post_save.connect(on_revision, sender=Revision, weak=False, dispatch_uid="news.release_documents.revision_saved")
