"""Safe uploads: what an editor may upload as an image or a document, and what is kept of it.

Wagtail builds every upload form of the admin (the image and document forms, "Add images", "Add documents" and
the choosers' upload tabs) on the base classes named by ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE`` (config/settings/base.py). The storage is in config/media_storage.py; what is
stripped from an image's file is base/image_metadata.py's (the ``strip_image_metadata`` command uses it too).
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.images.fields import WagtailImageField

from base.image_metadata import strip_image_metadata
from base.media_forms import SafeDocumentForm, SafeImageForm

# --- Images ---------------------------------------------------------------------------------------------------


def max_image_megapixels():
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with a form error for a decompression bomb and the metadata stripped.

    Wagtail asks Pillow for the image's size outside its own error handling, so a file declaring more than
    twice Pillow's limit (``PIL.Image.MAX_IMAGE_PIXELS``, set to half of ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``)
    would raise ``DecompressionBombError`` and answer 500. Pillow refuses it before decoding a pixel.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["too_many_pixels"] = _(
            "This image has too many pixels: at most %(megapixels)s megapixels (for example 8000 × 5000) are "
            "accepted. Reduce its size and upload it again."
        ) % {"megapixels": max_image_megapixels()}

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            raise ValidationError(self.error_messages["too_many_pixels"], code="file_too_many_pixels") from error

    def to_python(self, data):
        # WeasyPrint (the dossier's PDF) turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when it is
        # imported: turned off again, a file whose pixels are cut short still fails to decode and is refused.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            f = super().to_python(data)
        except PILImage.DecompressionBombError as error:
            raise ValidationError(self.error_messages["too_many_pixels"], code="file_too_many_pixels") from error
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001
            # Wagtail's checks decode a damaged file (a truncated JPEG) outside its error handling too.
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        if f is None:
            return None
        try:
            return strip_image_metadata(f)
        except Exception as error:  # noqa: BLE001
            # Willow could read the header, Pillow cannot decode the pixels or its EXIF: a damaged file gets a
            # form error, as Wagtail gives one for a file Willow cannot read.
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(SafeImageForm):
    """Wagtail's image form with ``SafeImageField`` for the file (``WAGTAILIMAGES_IMAGE_FORM_BASE``), its title
    and description checked as text (base/media_forms.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (formfield_callback), and the multiple-upload edit form has
        # none (a declared field would be added to it anyway): replace the field Wagtail made.
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = SafeImageField(label=field.label, required=field.required, widget=field.widget)


# --- Documents -------------------------------------------------------------------------------------------------

ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}
TEXT_BASED = {"csv", "txt"}
# Markup a browser or a spreadsheet would act on, at the start of a text document or anywhere in it.
MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<iframe", b"<?xml", b"<body", b"<head", b"<object")


def document_content_error(uploaded):
    """Why the content of an uploaded document does not match its extension, or None if it does."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            return _("This file is not a PDF, although its name ends in .pdf.")
    elif extension in ZIP_BASED:
        if not zipfile.is_zipfile(uploaded):
            return _("This file is not a .%(extension)s document, although its name says so.") % {
                "extension": extension
            }
        uploaded.seek(0)
    elif extension in TEXT_BASED:
        content = uploaded.read()
        uploaded.seek(0)
        if b"\x00" in content:
            return _("This file is not plain text, although its name ends in .%(extension)s.") % {
                "extension": extension
            }
        lowered = content.lower()
        if any(tag in lowered for tag in MARKUP):
            return _(
                "This .%(extension)s file contains web page markup (such as <html>, <script> or <svg>), which "
                "is not accepted in a document."
            ) % {"extension": extension}
    return None


class DocumentForm(SafeDocumentForm):
    """Wagtail's document form, refusing a file whose content is not what its extension says
    (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), its title checked as text (base/media_forms.py). The extension
    itself is checked by Wagtail against ``WAGTAILDOCS_EXTENSIONS``, the size by ``WAGTAILDOCS_MAX_UPLOAD_SIZE``.
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            error = document_content_error(uploaded)
            if error:
                raise ValidationError(error, code="invalid_document_content")
        return uploaded
