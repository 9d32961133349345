"""The storage of uploaded files (``STORAGES["default"]``), kept free of Wagtail imports: Django builds it
while Wagtail's own models are being loaded. Object storage (production with MEDIA_BUCKET set) is in
config/object_storage.py and refuses the same images and names them the same way."""

import base64
import contextlib
import os
import posixpath
import secrets

from django.core.files.storage import FileSystemStorage
from PIL import Image as PILImage

# Wagtail's folders for originals (AbstractImage.get_upload_to) and renditions (AbstractRendition.get_upload_to).
IMAGE_FOLDERS = ("original_images", "images")


def random_folder():
    """128 random bits in 26 characters (base32, lower case): a name nobody can guess or list."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=").lower()


class UnguessableImageNames:
    """A storage mixin that files every original image and every rendition in a folder of its own with a random
    name: ``original_images/<random>/<file name>``, ``images/<random>/<file name>.<filter>.<ext>``.

    Renditions are public objects (``/media/images/…``, the bucket's public prefix), and Wagtail names them after
    the uploaded file and the filter spec: without the random folder anyone guessing "press-photo-award.jpg" could
    fetch the photo of a release still under embargo. With it, the address is known only to whoever was shown it
    (the public page once published, the editors). Wagtail finds renditions by filter spec in the database, never
    by name, so nothing else changes. Each rendition gets its own folder: one made public says nothing of the
    image's other renditions, nor of its original.

    The folder is added in ``generate_filename``, which Django calls with the name the field's ``upload_to`` gave
    (Wagtail's ``get_upload_to`` of images and renditions): every upload, rendition, demo image and management
    command's save goes through it, and no custom image model, migration or reference has to change. A name given
    to ``storage.save`` directly is kept as it is, so a backup restores every file under its own name.
    """

    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        folder, name = posixpath.split(filename.replace("\\", "/"))
        if folder in IMAGE_FOLDERS:
            return posixpath.join(folder, random_folder(), name)
        return filename

    def get_available_name(self, name, max_length=None):
        # Wagtail shortens names to fit the field (100 characters) without counting the random folder. Shorten
        # the file name here, keeping its extension, rather than let Django cut it and add a suffix of its own.
        folder, filename = posixpath.split(str(name).replace("\\", "/"))
        room = max_length - len(folder) - 1 if max_length else None
        if posixpath.dirname(folder) in IMAGE_FOLDERS and room and len(filename) > room:
            stem, extension = posixpath.splitext(filename)
            name = posixpath.join(folder, stem[: max(room - len(extension), 1)] + extension)
        return super().get_available_name(name, max_length=max_length)


class RefuseDecompressionBombs:
    """A storage mixin that will not hand out an original image too big to decode within the memory bound.

    Images stored before the pixel limit may be bigger. Pillow would refuse them anyway, but with an error that
    Wagtail does not expect (a 500 on the page showing the image). Refusing the file with ``OSError`` makes
    Wagtail treat it as a missing original: a page shows a broken image, the admin says "file not found".
    """

    def open(self, name, mode="rb"):
        file = super().open(name, mode)
        if name.replace("\\", "/").startswith("original_images/") and "r" in mode:
            try:
                with PILImage.open(file):  # reads the header only; the size check is Pillow's own
                    pass
            except PILImage.DecompressionBombError as error:
                file.close()
                raise OSError(f"{name}: more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS") from error
            except (OSError, ValueError, SyntaxError):
                pass  # not something Pillow reads (or damaged): Wagtail decides what to do with it
            file.seek(0)
        return file


class OriginalImageStorage(UnguessableImageNames, RefuseDecompressionBombs, FileSystemStorage):
    """The media folder (MEDIA_ROOT): `make run`, tests, and production without object storage."""

    def delete(self, name):
        super().delete(name)
        # The random folder of a deleted image or rendition held only that file: remove it too, or every deleted
        # image would leave an empty folder behind. Object storage has no folders to remove.
        folder = posixpath.dirname(str(name).replace("\\", "/"))
        if posixpath.dirname(folder) in IMAGE_FOLDERS:
            with contextlib.suppress(OSError):  # not empty (a clash renamed a file into it) or already gone
                os.rmdir(self.path(folder))
