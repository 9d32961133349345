"""wagtail-localize's translation editor, held to the same checks as the page editor (home/validators.py).

The translation editor saves each string and each overridden value (a link, a synchronised field) through
its own API, one at a time, and none of it passes through the page's form: a Translator could put a
``javascript:`` link or markup on a page that the page editor would refuse. Here:

- the string and override endpoints refuse such a value, or a NUL character, and save nothing (served at
  wagtail-localize's own addresses, editorial/urls.py, so the editor's requests land here). The refusal is
  answered as wagtail-localize answers a string it cannot use: the serializer's shape with the reason in
  ``error``, which the editor shows under the box with a red warning. It has to be a 200: the editor's JavaScript
  reads the body of a 200 or 201 only, and shows "Server error" (a string) or nothing at all (an override) for any
  other status. A body the editor never sends (not its form, or its form without ``value``) gets the site's 400
  page;
- "Publish" in the translation editor first builds the translated page as it would go live, inside a
  transaction that is rolled back, and runs the model validation and the checks the page editor makes
  before publishing (alt text, sources: ``why_not_publishable`` in editorial/publishable.py, as bulk publish
  does). A value stored by other means (an uploaded PO file, an older version) is caught there, and the
  Moderator is told what to correct.

- "Update translations" with "Publish immediately" (``UpdateTranslationsView``, at wagtail-localize's own
  address) publishes each translation only if the same checks pass, and tells the Moderator which translation
  was not published and why: wagtail-localize by itself would skip a refused translation without a word.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail_localize.models import OverridableSegment, StringSegment, StringTranslation, Translation
from wagtail_localize.views import update_translations

from base.validators import error_messages, rich_text_problems, text_problem, url_problem

from .publishable import why_not_publishable
from .translation_dates import localise_saved_string


def _submitted_value(request):
    """The ``value`` of a PUT from the translation editor (Django parses form bodies of POSTs only).

    Parsed with the parsers wagtail-localize's own view uses, which keep the parsed form on the request,
    so that the library's view reads it again after this check. A body the editor never sends is refused with
    the site's 400 page: one that is not a form (JSON, plain text) or a multipart body without its boundary made
    the parsers raise here, outside DRF's view that would have answered them, and a form without ``value`` made
    wagtail-localize's view fail reading it (``request.POST["value"]``): 500s.
    """
    try:
        form = Request(request, parsers=[MultiPartParser(), FormParser()]).POST
    except APIException as error:  # UnsupportedMediaType, ParseError
        raise BadRequest(f"not the translation editor's form: {error}") from error
    if "value" not in form:
        raise BadRequest("the translation editor's form without its value")
    return form["value"]


def _refuse_string(segment, value, message):
    """A refused string in the shape of wagtail-localize's ``StringTranslationSerializer``, nothing saved."""
    return JsonResponse(
        {
            "string_id": segment.string_id,
            "segment_id": segment.pk,
            "data": value,
            "error": message,
            "comment": message,
            "last_translated_by": None,
        }
    )


def _refuse_override(segment, value, message):
    """A refused override in the shape of wagtail-localize's ``SegmentOverrideSerializer``, nothing saved."""
    return JsonResponse({"segment_id": segment.pk, "data": value, "error": message})


def is_rich_text(segment, instance):
    """Whether the string ``segment`` of ``instance`` comes from rich text (else from a field meant for text).

    wagtail-localize stores both kinds alike (plain text escaped as HTML), so the field or block it was
    extracted from says which: its path names the field, then the block types down to it.
    """
    try:
        names = segment.context.get_field_path(instance).split(".")
        field = instance._meta.get_field(names[0])
        if field.one_to_many:  # an inline child (ParentalKey): "evidence.justification"
            field, names = field.related_model._meta.get_field(names[1]), names[1:]
    except (LookupError, ValueError, AttributeError):
        return False
    if isinstance(field, RichTextField):
        return True
    if not isinstance(field, StreamField):
        return False
    block = field.stream_block
    for name in names[1:]:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
        elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)) and not isinstance(block, ImageBlock):
            block = block.child_blocks.get(name)
        else:
            break
    return isinstance(block, blocks.RichTextBlock)


def nul_problem(value):
    """A NUL character, which the page editor's fields refuse and PostgreSQL refuses in any text (a 500 when the
    string was saved, or the translated page published); None if there is none. Checked after the other problems,
    whose message says more: a NUL inside ``javascript:`` is told as a link not allowed."""
    if isinstance(value, str) and "\x00" in value:
        return ProhibitNullCharactersValidator.message
    return None


def string_translation_problem(segment, value, instance=None):
    """Why ``value`` cannot translate the string ``segment``; None if it can."""
    instance = instance or segment.source.get_source_instance()
    if is_rich_text(segment, instance):
        problems = rich_text_problems(value)
        problem = problems[0] if problems else None
    else:
        problem = text_problem(value)
    return problem or nul_problem(value)


def override_problem(segment, value):
    """Why ``value`` cannot replace the synchronised value ``segment`` (a link, a field); None if it can.

    Overrides of chosen pages, images, documents and snippets are ids; a link's override must be a safe
    link, anything else plain text.
    """
    if not isinstance(value, str):
        return None
    source = segment.data
    if isinstance(source, str) and source and url_problem(source) is None:
        problem = url_problem(value) or (None if value else _("A link cannot be empty."))
    else:
        problem = text_problem(value)
    return problem or nul_problem(value)


def checked_string_translation(view):
    @wraps(view)
    def checked(request, translation_id, string_segment_id):
        if request.method == "PUT":
            segment = StringSegment.objects.select_related("string").filter(pk=string_segment_id).first()
            value = _submitted_value(request)
            if segment is not None and (problem := string_translation_problem(segment, value)):
                return _refuse_string(segment, value, str(problem))
        # wagtail-localize writes the date of its "Translated manually on …" in English: in the user's language.
        return localise_saved_string(view(request, translation_id, string_segment_id), translation_id)

    return checked


def checked_override(view):
    @wraps(view)
    def checked(request, translation_id, overridable_segment_id):
        if request.method == "PUT":
            segment = OverridableSegment.objects.filter(pk=overridable_segment_id).first()
            value = _submitted_value(request)
            if segment is not None and (problem := override_problem(segment, value)):
                return _refuse_override(segment, value, str(problem))
        return view(request, translation_id, overridable_segment_id)

    return checked


def translation_problems(translation, user):
    """What stops ``translation`` from being published as it stands, as messages (empty if nothing).

    The translated page is saved as wagtail-localize would save it, then everything is rolled back.
    """
    # Tags in a translated text are dropped by wagtail-localize when it fills the field in, and encoded
    # ones decoded: check the translations as the Translator wrote them.
    instance = translation.source.get_source_instance()
    problems = [
        str(problem)
        for segment in translation.source.stringsegment_set.select_related("string", "context")
        for stored in StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=translation.target_locale
        )
        if (problem := string_translation_problem(segment, stored.data, instance))
    ]
    with transaction.atomic():
        try:
            translation.save_target(user=user, publish=False)
        except ValidationError as error:
            problems += error_messages(error)
        else:
            why = why_not_publishable(translation.get_target_instance().specific)
            problems += [why] if why else []
        transaction.set_rollback(True)
    return list(dict.fromkeys(problems))


def check_translation_before_publishing(request, page):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not page.permissions_for_user(request.user).can_publish():
        return None  # wagtail-localize refuses it
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    problems = translation_problems(translation, request.user)
    if not problems:
        return None
    messages.error(
        request,
        _("“%(title)s” has not been published: correct these translations first. %(problems)s")
        % {"title": page.get_admin_display_title(), "problems": " · ".join(problems)},
    )
    return redirect(request.get_full_path())


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Update translations", whose "Publish immediately" says which translation it did not publish.

    wagtail-localize publishes each translation in turn and ignores the ValidationError of one that cannot be
    published, so the Moderator read "Successfully updated" while a translation kept its earlier version. Here
    the source is updated by wagtail-localize as without publishing; then each translation is checked as
    "Publish" in the translation editor checks it, and published, or named in a message with the reasons.
    """

    @transaction.atomic
    def form_valid(self, form):
        publish = form.cleaned_data["publish_translations"]
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                if problems := self.publish(translation):
                    self.refused(translation, problems)
        return response

    def publish(self, translation):
        """Publish ``translation`` if nothing stops it; else what does, as messages."""
        is_page = issubclass(translation.source.specific_content_type.model_class(), Page)
        if is_page and (problems := translation_problems(translation, self.request.user)):
            return problems
        try:
            with transaction.atomic():  # a refused translation leaves nothing half-saved
                translation.save_target(user=self.request.user, publish=True)
        except ValidationError as error:
            return error_messages(error)
        return []

    def refused(self, translation, problems):
        messages.error(
            self.request,
            _(
                "The %(language)s translation of “%(title)s” has not been published and still shows its earlier "
                "version: correct it in the translation editor, then publish it from there. %(problems)s"
            )
            % {
                "title": translation.source.object_repr,
                "language": translation.target_locale.get_display_name(),
                "problems": " · ".join(problems),
            },
        )
