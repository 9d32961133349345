"""The storage of uploaded files (``STORAGES["default"]``), kept free of Wagtail imports: Django builds it
while Wagtail's own models are being loaded. Object storage (production with MEDIA_BUCKET set) is in
config/object_storage.py and refuses the same images."""

from django.core.files.storage import FileSystemStorage
from PIL import Image as PILImage


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


class OriginalImageStorage(RefuseDecompressionBombs, FileSystemStorage):
    """The media folder (MEDIA_ROOT): `make run`, tests, and production without object storage."""
