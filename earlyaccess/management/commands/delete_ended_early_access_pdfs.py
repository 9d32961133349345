"""Delete the dossier PDFs of early-access links that are revoked or past their "valid until".

Each carries a juror's name on every page and is no longer given to anyone. Revoking deletes a grant's PDFs at
once and opening an expired link deletes its own; this command catches the links that expire and are never opened
again. Idempotent; run it nightly (docs/deploy.md, "Nightly jobs").
"""

from django.core.management.base import BaseCommand

from earlyaccess.models import delete_ended_pdfs


class Command(BaseCommand):
    help = "Delete the stored dossier PDFs of early-access links that are revoked or expired."

    def handle(self, *args, **options):
        deleted = delete_ended_pdfs()
        self.stdout.write(f"{deleted} early-access PDF(s) deleted.")
