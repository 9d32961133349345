"""An admin form submission the admin's own pages could not have sent answers 400, not 500.

The admin's forms read what its JavaScript posts and trust it: a StreamField's management fields (``body-count``,
``body-0-type``, ``body-0-order``, ``body-0-deleted``), the rich-text editor's JSON, a chooser's id. A hand-made
POST to any page, snippet or settings form with ``body-count=abc`` or without ``body-0-order`` (ValueError,
KeyError in Wagtail's blocks), ``challenge={not json`` or JSON of another shape (JSONDecodeError, AttributeError,
TypeError, KeyError in the Draftail converter), ``hero_image=abc`` or a gallery image ``abc`` (ValueError from the
database, when the form was shown again) was a 500. Each value is checked where the widget reads it and, if it
cannot be read, the request is refused with Django's BadRequest: the site's 400 page in the request's language
(config/error_pages.py), before the view does anything with it. An id that reads as one but names nothing is
still the form's own error ("Select a valid choice").

Applied once, to Wagtail's widget classes, by ``BaseConfig.ready()``: every form and block using them is covered,
whatever app defines it.
"""

import functools

from django.core.exceptions import BadRequest, ValidationError
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks.base import BlockWidget

# What Wagtail's blocks raise on management fields that are missing (KeyError: MultiValueDictKeyError) or not
# numbers (ValueError).
UNREADABLE_BLOCKS = (KeyError, ValueError)
# What reading the Draftail editor's JSON raises on text that is not JSON (JSONDecodeError is a ValueError) or on
# JSON that is not a content state (a list, a number, blocks without text…).
UNREADABLE_RICH_TEXT = (ValueError, KeyError, TypeError, AttributeError, IndexError)


def refusing(value_from_datadict, errors, what):
    """``value_from_datadict`` raising BadRequest where it raised one of ``errors``."""

    @functools.wraps(value_from_datadict)
    def read(self, data, files, name):
        try:
            return value_from_datadict(self, data, files, name)
        except errors as error:
            raise BadRequest(f"{what} {name!r} cannot be read ({type(error).__name__}: {error})") from error

    read.refuses_bad_input = True
    return read


def checking_chooser_id(value_from_datadict):
    """A chooser's ``value_from_datadict`` refusing an id its model's primary key cannot hold (``abc`` for an
    integer): Wagtail looks it up when it shows the form again, and the database lookup raised ValueError."""

    @functools.wraps(value_from_datadict)
    def read(self, data, files, name):
        value = value_from_datadict(self, data, files, name)
        if value is not None:
            try:
                self.model_class._meta.pk.to_python(value)
            except ValidationError as error:
                raise BadRequest(f"chooser {name!r}: {value!r} is not an id") from error
        return value

    read.refuses_bad_input = True
    return read


def refuse_unreadable_admin_input():
    if getattr(BlockWidget.value_from_datadict, "refuses_bad_input", False):
        return  # already applied
    BlockWidget.value_from_datadict = refusing(BlockWidget.value_from_datadict, UNREADABLE_BLOCKS, "block field")
    DraftailRichTextArea.value_from_datadict = refusing(
        DraftailRichTextArea.value_from_datadict, UNREADABLE_RICH_TEXT, "rich text"
    )
    BaseChooser.value_from_datadict = checking_chooser_id(BaseChooser.value_from_datadict)
