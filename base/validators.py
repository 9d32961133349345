"""One validation for every way content comes in: no dangerous links, no markup where text is expected.

A value that reaches a public page passes the same checks whether it comes from the page editor, the
translation editor, a snippet or settings form, a bulk action, a restored version or a command:

- ``validate_safe_url``: http(s), mailto and tel links, site-relative paths and fragments only. Browsers
  ignore case, whitespace and control characters in a scheme and decode HTML entities in attributes, so
  the scheme is read after undoing all of that (``JaVaScRiPt:``, ``java\\tscript:``, ``&#106;avascript:``).
- ``validate_plain_text``: no tags in a field meant for text; "< 5 km" is still text.
- ``validate_rich_text_links``: every link in stored rich text passes ``validate_safe_url``.
- ``check_instance``: runs the three over every text, URL, rich-text and StreamField field of a model
  instance; ``SafeContentMixin.clean()`` calls it, so every ``full_clean`` refuses such values (Wagtail's
  page, snippet and settings forms, ``Page.save()`` of a live page and ``save_revision()``, which
  wagtail-localize calls when it saves a translation). StreamField errors point at the block concerned.
- ``datetime_problems``: no date and time the site cannot handle (before 1900, after 30 December 9999), in
  every date and time field of every page and snippet (publication dates, a news item's embargo); also in
  ``SafeContentMixin.clean()``.
- ``language_duplicates``: what must be unique within a language (a theme's slug) is checked in the admin too,
  where the language is not a field of the form (``SafeContentMixin.validate_unique()``).
- ``without_unsafe_links``: the last line of defence at output, for rich text stored before these checks
  or forced into the database (site/templates/wagtailcore/shared/richtext.html).
"""

import datetime
import html
import re
from html.parser import HTMLParser
from urllib.parse import unquote

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.blocks.base import get_error_json_data
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

from .rich_text_links import usable_id

SAFE_SCHEMES = ("http", "https", "mailto", "tel")

# What browsers strip from a URL before reading its scheme: ASCII whitespace and control characters,
# plus the Unicode spaces and invisible characters that could hide one.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff\s]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# A tag, a comment, a doctype or a processing instruction: "<" directly followed by a letter, "/", "!" or "?".
_MARKUP = re.compile(r"<[a-zA-Z/!?]")

_url_validator = URLValidator(schemes=["http", "https"])


def _decoded(value):
    """``value`` as a browser would read its scheme: entities and percent-escapes undone, invisibles removed."""
    for _round in range(3):  # double encodings such as "&amp;#106;" too
        decoded = unquote(html.unescape(value))
        if decoded == value:
            break
        value = decoded
    return _IGNORED_IN_SCHEME.sub("", value).lower()


def url_problem(value):
    """Why ``value`` is not a safe link, as a message; None if it is one (or empty)."""
    if not value:
        return None
    decoded = _decoded(str(value))
    match = _SCHEME.match(decoded)
    if match:
        scheme = match.group(1)
        if scheme not in SAFE_SCHEMES:
            return _("Links may only start with http://, https://, mailto: or tel:, or be a path on this site.")
        if scheme in ("http", "https"):
            try:
                _url_validator(str(value).strip())
            except ValidationError:
                return _("Enter a valid web address, such as https://www.comune.torino.it/.")
        return None
    if decoded.startswith("#") or (decoded.startswith("/") and not decoded.startswith(("//", "/\\"))):
        return None
    return _("Links may only start with http://, https://, mailto: or tel:, or be a path on this site.")


def validate_safe_url(value):
    problem = url_problem(value)
    if problem:
        raise ValidationError(problem, code="unsafe_url")


def text_problem(value):
    """Why ``value`` is not plain text, as a message; None if it is."""
    if not value:
        return None
    value = str(value)
    if _MARKUP.search(value) or _MARKUP.search(html.unescape(value)):
        return _('Write plain text here, without HTML tags such as <a> or <script>. "<" followed by a space is fine.')
    return None


_PHONE = re.compile(r"^\+?[0-9 ()./\-]+$")


def phone_problem(value):
    if not value or _PHONE.match(str(value)):
        return None
    return _("Enter a phone number with digits, spaces and + ( ) . / - only, e.g. +39 011 011 1111.")


def validate_plain_text(value):
    problem = text_problem(value)
    if problem:
        raise ValidationError(problem, code="markup_in_text")


class _LinkCollector(HTMLParser):
    # Attributes through which a link or a script could get in.
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset"}
    FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in self.FORBIDDEN_TAGS:
            self.problems.append(_("Rich text cannot contain <%(tag)s> elements.") % {"tag": tag})
        # A link to a page or a document by an id that can name neither (only a hand-made submission holds one):
        # the page's every render, and its editor, would fail on it (base/rich_text_links.py).
        attributes = dict(attrs)
        if tag == "a" and attributes.get("linktype") in ("page", "document"):
            model = Page if attributes["linktype"] == "page" else get_document_model()
            if usable_id(model, attributes.get("id")) is None:
                self.problems.append(_("A link in this text leads nowhere: choose its page or document again."))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(_("Rich text cannot contain scripts."))
            elif name in self.URL_ATTRIBUTES and (problem := url_problem(value or "")):
                self.problems.append(problem)

    handle_startendtag = handle_starttag


def rich_text_problems(source):
    """What is wrong with the links in stored rich text (Wagtail's database format), as messages."""
    if not source:
        return []
    parser = _LinkCollector()
    parser.feed(str(source))
    parser.close()
    return list(dict.fromkeys(str(problem) for problem in parser.problems))


def validate_rich_text_links(source):
    problems = rich_text_problems(source)
    if problems:
        raise ValidationError(problems, code="unsafe_rich_text")


# --- model instances, StreamFields included ------------------------------------------------------

# Page's own fields that readers see; the rest of Page's text fields are paths, keys and slugs.
_PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}


def block_error(block, value):
    """A ValidationError shaped like ``block`` (so the editor shows it on the right block), or None."""
    if isinstance(block, ImageBlock):
        problem = text_problem(getattr(value, "contextual_alt_text", ""))
        return ValidationError(problem) if problem else None
    if isinstance(block, blocks.StructBlock):
        errors = {}
        for name, child in block.child_blocks.items():
            if error := block_error(child, (value or {}).get(name)):
                errors[name] = error
        return StructBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.ListBlock):
        errors = {}
        for index, item in enumerate(value or []):
            if error := block_error(block.child_block, item):
                errors[index] = error
        return ListBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.StreamBlock):
        errors = {}
        for index, child in enumerate(value or []):
            if error := block_error(child.block, child.value):
                errors[index] = error
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.URLBlock):
        problem = url_problem(value)
    elif isinstance(block, blocks.RichTextBlock):
        problems = rich_text_problems(value.source if isinstance(value, RichText) else value)
        return ValidationError(problems) if problems else None
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        problem = text_problem(value)
    else:
        return None
    return ValidationError(problem) if problem else None


def check_instance(instance):
    """Every unsafe value of ``instance``, as a dict of field name to ValidationError (empty if none)."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if field.model is Page and field.name not in _PAGE_TEXT_FIELDS:
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            error = block_error(field.stream_block, value)
        elif isinstance(field, RichTextField):
            problems = rich_text_problems(value)
            error = ValidationError(problems) if problems else None
        elif isinstance(field, models.URLField):
            problem = url_problem(value)
            error = ValidationError(problem) if problem else None
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            if isinstance(field, (models.SlugField, models.EmailField)):
                continue  # their own validators allow no markup
            # Phone numbers become tel: links, so they are held to what a number contains.
            problem = phone_problem(value) if field.name == "phone" else text_problem(value)
            error = ValidationError(problem) if problem else None
        else:
            continue
        if error is not None:
            errors[field.name] = error
    return errors


# The dates the site can handle. Django keeps times in UTC and shows them in Europe/Rome (or the editor's own time
# zone): 0001-01-01 00:00 in Rome is in year 0 in UTC, which Python cannot represent, so saving it was a server
# error; 9999-12-31 shown a few hours ahead, or a day added to it (caches, feeds), likewise. A day's margin at
# the top covers every time zone; nothing on this site happens before 1900, and earlier times in Rome are in
# local mean time (+0:49:56), which would show oddly.
EARLIEST_DATETIME = datetime.datetime(1900, 1, 1)
LATEST_DATETIME = datetime.datetime(9999, 12, 31)  # excluded: 30 December 9999 is the last day


def datetime_problem(value):
    """Why ``value`` (a date and time) is one the site cannot handle, as a message; None if it can (or is empty)."""
    if not isinstance(value, datetime.datetime):
        return None
    # The time as the editor typed it (in the time zone it carries), compared without converting it: converting
    # is what fails.
    if EARLIEST_DATETIME <= value.replace(tzinfo=None) < LATEST_DATETIME:
        return None
    return _("Enter a date between 1 January 1900 and 30 December 9999.")


def datetime_problems(instance):
    """Every date and time field of ``instance`` the site cannot handle, as a dict of field name to ValidationError.

    For every page type and snippet alike (go_live_at, expire_at, a news item's embargo…): model validation
    is the one place every page form, ``save_revision()`` and ``Page.save()`` go through.
    """
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.DateTimeField) and (problem := datetime_problem(getattr(instance, field.attname))):
            errors[field.name] = ValidationError(problem, code="date_out_of_range")
    return errors


def language_duplicates(instance, exclude):
    """The uniqueness within a language that Django's own check skips in the admin, as field name to ValidationError.

    A snippet such as a theme is unique by slug and language (``unique_together = [("slug", "locale")]``), but
    the language is not a field of its form (Wagtail sets it), so Django leaves out every check that involves
    it: a second "mobilita" in Italian reached the database, which refused it with a server error and the
    editor's input lost, or was saved as a draft that no one could then publish. Checked here for every
    unique set with the language in it whose other fields are in the form, the error on the last of them.
    """
    if "locale" not in exclude or getattr(instance, "locale_id", None) is None:
        return {}
    unique_sets = list(instance._meta.unique_together) + [
        constraint.fields for constraint in instance._meta.total_unique_constraints
    ]
    errors = {}
    for fields in unique_sets:
        others = [name for name in fields if name != "locale"]
        if len(others) == len(fields) or not others or any(name in exclude for name in others):
            continue
        values = {
            instance._meta.get_field(name).attname: getattr(instance, instance._meta.get_field(name).attname)
            for name in others
        }
        if any(value is None or value == "" for value in values.values()):
            continue
        same = type(instance)._default_manager.filter(locale_id=instance.locale_id, **values)
        if not instance._state.adding and instance.pk is not None:
            same = same.exclude(pk=instance.pk)
        other = same.first()
        if other is None:
            continue
        field = instance._meta.get_field(others[-1])
        errors[field.name] = ValidationError(
            _("A %(model)s with this %(field)s already exists in %(language)s: “%(other)s”. Choose another.")
            % {
                "model": instance._meta.verbose_name,
                "field": field.verbose_name,
                "language": instance.locale.get_display_name(),
                "other": other,
            },
            code="unique_in_language",
        )
    return errors


def child_problems(instance):
    """Messages for unsafe values in the inline children (ParentalKey) of ``instance``, such as evidence.

    Their own forms check them in the editor; this catches them when the page is saved another way.
    """
    problems = []
    for relation in instance._meta.related_objects:
        # Only children that hold reader-facing text (evidence): not tags, comments or plain links to pages.
        if not isinstance(relation.field, ParentalKey) or not issubclass(relation.related_model, SafeContentMixin):
            continue
        for child in getattr(instance, relation.get_accessor_name()).all():
            for name, error in check_instance(child).items():
                label = child._meta.get_field(name).verbose_name
                for message in error.messages:
                    problems.append(
                        _("%(item)s, %(field)s: %(message)s")
                        % {"item": relation.related_model._meta.verbose_name, "field": label, "message": message}
                    )
    return problems


class SafeContentMixin:
    """For models whose text reaches readers: ``full_clean`` refuses dangerous links and markup in text."""

    def full_clean(self, exclude=None, *args, **kwargs):
        # A form names the fields it does not show in ``exclude``; an error keyed to one of those would be
        # a server error in the form, so clean() reports those as the form's own errors.
        self._fields_not_in_form = set(exclude or ())
        try:
            super().full_clean(exclude, *args, **kwargs)
        finally:
            del self._fields_not_in_form

    def clean(self):
        super().clean()
        errors = check_instance(self) | datetime_problems(self)
        general = child_problems(self)
        for name in set(errors) & getattr(self, "_fields_not_in_form", set()):
            label = self._meta.get_field(name).verbose_name
            general += [f"{label}: {message}" for message in error_messages(errors.pop(name))]
        if general:
            errors[NON_FIELD_ERRORS] = ValidationError(general)
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        errors = {}
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Fields that already have an error are left alone, as Django does (full_clean adds them to ``exclude``).
        for name, error in language_duplicates(self, set(exclude or ()) | set(errors)).items():
            errors.setdefault(name, []).append(error)
        if errors:
            raise ValidationError(errors)


# --- output --------------------------------------------------------------------------------------

# An <a> start tag up to an href attribute. Quoted values are skipped whole (a ">" inside one does not end the
# tag), and the attribute may follow a space, a slash or a closing quote, as browsers read it ("<a/href=…>").
_A_HREF = re.compile(
    r"""(<a\b(?:[^>"']|"[^"]*"|'[^']*')*?[\s/"'])href\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE
)


def without_unsafe_links(expanded_html):
    """Rendered rich text with every unsafe ``href`` removed (the link text stays, as text)."""

    def replace(match):
        href = match.group(2)
        if href[:1] in "\"'":
            href = href[1:-1]
        return match.group(0) if url_problem(href) is None else match.group(1) + " "

    return _A_HREF.sub(replace, str(expanded_html))


def error_messages(error):
    """Every message in ``error``, block errors included, flattened for a one-line notice."""
    if hasattr(error, "error_dict"):
        return [message for errors in error.error_dict.values() for item in errors for message in error_messages(item)]
    if hasattr(error, "error_list") and len(error.error_list) > 1:
        return [message for item in error.error_list for message in error_messages(item)]

    def walk(data):
        yield from data.get("messages", [])
        children = data.get("blockErrors") or {}
        for child in children.values() if isinstance(children, dict) else children:
            if child:
                yield from walk(child)

    return list(dict.fromkeys(str(message) for message in walk(get_error_json_data(error))))


def create_checked(model, **fields):
    """``model.objects.create(**fields)`` for commands, refusing what the admin would refuse (``full_clean``)."""
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance
