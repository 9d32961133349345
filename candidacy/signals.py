"""Publishing a dossier builds its PDF in the background, so that the first reader usually finds it ready.

Connected by CandidacyConfig.ready(), so that it also runs where Wagtail's admin hooks are never loaded (the
``publish_scheduled`` command, the demo loader). ``DOSSIER_PDF_BUILD_ON_PUBLISH = False`` (the test settings) turns
it off: the tests publish pages outside any request and snapshot the database, and a build starting behind their
back would land in the snapshot.
"""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from base import stored_pdf

from . import dossier_pdf
from .models import DossierPage, DossierPdf


@receiver(page_published, sender=DossierPage)
def prepare_the_pdf(sender, instance, **kwargs):
    if not getattr(settings, "DOSSIER_PDF_BUILD_ON_PUBLISH", True):
        return
    # After the commit: the build reads the published version through its own connection.
    page_id = instance.pk
    transaction.on_commit(
        lambda: stored_pdf.in_background(lambda: _prepare(page_id), name=f"dossier-pdf-prepare-{page_id}")
    )


def _prepare(page_id):
    page = DossierPage.objects.live().filter(pk=page_id).first()
    if page is not None:  # unpublished or deleted in between: nothing to prepare
        dossier_pdf.prepare(page)


@receiver(page_unpublished, sender=DossierPage)
def forget_the_pdf(sender, instance, **kwargs):
    """A dossier taken offline keeps no PDF: published again, it gets one of its new content."""
    DossierPdf.objects.filter(page=instance).delete()
