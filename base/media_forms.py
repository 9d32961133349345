"""The image and document forms of the admin, with the text checks of base/validators.py.

An image's description is the alternative text of hero images that have none of their own, and titles
show in the admin's choosers and in the media kit: they are text, never markup. Wired in with Wagtail's
``WAGTAILIMAGES_IMAGE_FORM_BASE`` / ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` (config/settings/base.py), which
every image and document form of the admin (single and multiple upload, edit) is built on.
"""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .validators import text_problem


class _PlainTextFieldsMixin:
    text_fields = ("title", "description")

    def clean(self):
        cleaned_data = super().clean()
        for name in self.text_fields:
            if name in self.fields and (problem := text_problem(cleaned_data.get(name))):
                self.add_error(name, ValidationError(problem))
        return cleaned_data


class SafeImageForm(_PlainTextFieldsMixin, BaseImageForm):
    pass


class SafeDocumentForm(_PlainTextFieldsMixin, BaseDocumentForm):
    pass
