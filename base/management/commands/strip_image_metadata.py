"""Strip the metadata (GPS, camera, author, comments) from images uploaded before uploads were cleaned.

New uploads are cleaned by the image form (config/uploads.py) with base/image_metadata.py. This command applies the
same cleaning to the originals already stored, and deletes their renditions so that they are made again from the
clean file.
Idempotent: an image without metadata is left untouched. Safe on every deploy; `--dry-run` only reports.
"""

import os

from django.core.files.base import File
from django.core.management.base import BaseCommand
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from base.image_metadata import strip_image_metadata


class Command(BaseCommand):
    help = "Remove GPS, camera, author and other metadata from the stored originals of images, and their renditions."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the images that carry metadata.")

    def handle(self, *args, dry_run=False, **options):
        cleaned = skipped = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                with image.open_file() as original:
                    stored = File(original, name=image.file.name)
                    clean = strip_image_metadata(stored)
                    if clean is stored:
                        continue  # no metadata
                    if dry_run:
                        self.stdout.write(f"{image.pk} {image.file.name}: carries metadata")
                        cleaned += 1
                        continue
                    old_name = image.file.name
                    image.file.save(os.path.basename(old_name), clean, save=False)
            except (SourceImageIOError, OSError, ValueError, SyntaxError) as error:
                self.stderr.write(f"{image.pk} {image.file.name}: not read ({error})")
                skipped += 1
                continue
            image._set_image_file_metadata()
            image.save()
            image.renditions.all().delete()
            image.file.storage.delete(old_name)
            self.stdout.write(f"{image.pk} {old_name}: metadata removed, now {image.file.name}")
            cleaned += 1
        verb = "carry metadata" if dry_run else "cleaned"
        self.stdout.write(f"{cleaned} image(s) {verb}, {skipped} not readable.")
