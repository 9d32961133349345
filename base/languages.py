"""The site's language rules, in one place: every other module asks here.

- A request is answered in one language, which ``LocaleMiddleware`` reads from its address; views and
  template tags read it once (``request_locale``) and pass it on. Querysets and helpers take the locale
  as an argument (``in_language``) instead of reading the thread themselves.
- A page is previewed in its own language, as it will be served (``in_page_language``).
- Links from a page or snippet to translatable objects point at the objects in its own language
  (``localise_relations``, ``adopt_new_translation``; the models name them in ``localised_relations``).
- The admin offers choices in the page's language (``LocalisedChoicesPageForm``) and snippet listings
  offer no edit link in a language the user may not change (``LanguageLimitedIndexView``: who may change
  what is the editorial policy's answer to the ``refused_locale_ids`` hook).
"""

import functools
import json

import polib
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, ForeignKey, Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.ui.tables import BooleanColumn, LocaleColumn
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.views.snippets import IndexView

from base.site_cache import active_locale_id

# --- the language of a request ---------------------------------------------------------------------


def request_locale():
    """The id of the Locale the request being answered is in: the language activated for it, by LocaleMiddleware from
    its address (or, in a preview, by ``in_page_language`` from the page's). The one place where content's language
    is read from the thread: callers pass what it returns on (``in_language`` and ``filter(locale=…)`` take an id).

    ``Locale.get_active()``'s answer, read from the Locales kept with the site (``base.site_cache``) rather than by a
    query of its own at every search, map and open-data answer; None where Wagtail's would raise (no Locale for the
    language nor for the default one), which matches no content rather than failing."""
    return active_locale_id()


def in_language(queryset, locale):
    """``queryset`` (of pages or snippets) limited to ``locale`` (a Locale or its id)."""
    return queryset.filter(locale=locale)


# --- previews ------------------------------------------------------------------------------------


def in_page_language(serve_preview):
    """Wrap a page's ``serve_preview`` so the preview renders in the page's language, as it will be served.

    The admin speaks each user's chosen language, and previews run inside it: without this an Italian
    page previewed by an editor whose admin is in English would show English interface text,
    ``<html lang="en">`` and the English projects in its lists. ``base.models.BasePage`` refuses a page
    class whose previews would bypass this (see ``BasePage.__init_subclass__``).
    """

    @functools.wraps(serve_preview)
    def wrapper(self, request, mode_name):
        with translation.override(self.locale.language_code):
            response = serve_preview(self, request, mode_name)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse would otherwise render after the override ends
        return response

    wrapper.in_page_language = True
    return wrapper


class PageLanguageMixin:
    """Previews are rendered in the page's own language (``in_page_language``)."""

    @in_page_language
    def serve_preview(self, request, mode_name):
        return super().serve_preview(request, mode_name)


# --- relations in the page's own language --------------------------------------------------------


def localised_relations():
    """{model: [field names]} for every model that declares ``localised_relations``.

    A project's programme, district and themes, a news item's related pages, the award criterion of a
    piece of evidence…: synchronised between languages (wagtail-localize copies them from the Italian
    page), so copied as they are the English page would point at Italian objects. Each model names
    its own in a ``localised_relations`` attribute.
    """
    return {
        model: list(model.localised_relations)
        for model in apps.get_models()
        if getattr(model, "localised_relations", None) and not model._meta.abstract
    }


def _locale_id(instance):
    """The language of a page or snippet, or of the page an inline item belongs to."""
    if hasattr(instance, "locale_id"):
        return instance.locale_id
    page = getattr(instance, "page", None)
    return page.locale_id if page is not None else None


def localise_relations(sender, instance, raw=False, **kwargs):
    """Point the synchronised relations of ``instance`` at objects in its own language (pre_save)."""
    if raw:
        return
    locale_id = _locale_id(instance)
    if locale_id is None:
        return
    for name in sender.localised_relations:
        field = sender._meta.get_field(name)
        related_model = field.related_model
        if isinstance(field, ForeignKey):
            current_id = getattr(instance, field.attname)
            if current_id is None:
                continue
            same_object = related_model.objects.filter(pk=current_id).values("translation_key")
            localised_id = (
                related_model.objects.filter(translation_key__in=same_object, locale_id=locale_id)
                .values_list("pk", flat=True)
                .first()
            )
            if localised_id is not None and localised_id != current_id:
                setattr(instance, field.attname, localised_id)
        else:  # ParentalManyToManyField: the values are held on the instance until it is saved
            current = list(getattr(instance, name).all())
            if all(obj.locale_id == locale_id for obj in current):
                continue
            localised = {
                obj.translation_key: obj
                for obj in related_model.objects.filter(
                    translation_key__in=[obj.translation_key for obj in current], locale_id=locale_id
                )
            }
            setattr(instance, name, [localised.get(obj.translation_key, obj) for obj in current])


def adopt_new_translation(sender, instance, created=False, raw=False, **kwargs):
    """When ``instance`` is a new translation, move same-language links to its original over to it (post_save)."""
    if raw or not created or getattr(instance, "translation_key", None) is None:
        return
    for model, names in localised_relations().items():
        for name in names:
            field = model._meta.get_field(name)
            if not isinstance(instance, field.related_model):
                continue
            in_language = "locale_id" if issubclass(model, TranslatableMixin) else "page__locale_id"
            if isinstance(field, ForeignKey):
                model.objects.filter(
                    **{in_language: instance.locale_id, f"{name}__translation_key": instance.translation_key}
                ).exclude(**{f"{name}__locale_id": instance.locale_id}).update(**{field.attname: instance.pk})
                continue
            # Many-to-many: rewrite the rows of the relation table, dropping any that would duplicate.
            through = field.remote_field.through
            source_fk = field.m2m_field_name()
            target_fk = field.m2m_reverse_field_name()
            stale = through.objects.filter(
                **{
                    f"{source_fk}__locale_id": instance.locale_id,
                    f"{target_fk}__translation_key": instance.translation_key,
                }
            ).exclude(**{f"{target_fk}__locale_id": instance.locale_id})
            for row in stale:
                owner_id = getattr(row, f"{source_fk}_id")
                if through.objects.filter(**{f"{source_fk}_id": owner_id, f"{target_fk}_id": instance.pk}).exists():
                    row.delete()
                else:
                    setattr(row, f"{target_fk}_id", instance.pk)
                    row.save(update_fields=[f"{target_fk}"])


# --- the admin -----------------------------------------------------------------------------------


class LocalisedChoicesPageForm(WagtailAdminPageForm):
    """A page whose many-to-many checkboxes (themes, related pages…) offer only the page's language.

    The related objects are translatable: listing both languages would show each of them twice.
    Objects of the other language would be moved to the page's language when the page is saved
    (``localise_relations``), and wagtail-localize copies these synchronised relations from the original
    page without going through this form, so nothing depends on the other language being offered.

    A choice already stored in another language (the object has no translation in the page's
    language yet, or the page predates ``localise_relations``) stays listed, ticked and marked with its
    language: hiding it would drop it silently on the next save, and refusing it would make the
    form invalid through no fault of the editor.
    """

    # form field → the order of its choices
    localised_choice_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None and self.parent_page is not None:
            # A new page takes the language of its parent (Wagtail's create view sets it already).
            locale_id = self.parent_page.locale_id
        if locale_id is None:
            return
        for name, ordering in self.localised_choice_fields.items():
            field = self.fields.get(name)
            if field is None:
                continue
            # The page's current choices: from the revision being edited, or none for a new page.
            current = [obj.pk for obj in getattr(self.instance, name).all()] if self.instance.pk else []
            field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=current)).order_by(*ordering)
            field.label_from_instance = self._labeller(locale_id)

    @staticmethod
    def _labeller(locale_id):
        def label(obj):
            if obj.locale_id == locale_id:
                return str(obj)
            return f"{obj} ({obj.locale.get_display_name()})"

        return label


def refused_locale_ids(user):
    """The ids of the languages ``user`` may not change, as the ``refused_locale_ids`` hooks answer.

    Which user changes which language is editorial policy (the Translators' rule); the hook lets that
    policy answer without this app knowing its groups.
    """
    return {locale_id for hook in hooks.get_hooks("refused_locale_ids") for locale_id in hook(user)}


class YesNoColumn(BooleanColumn):
    """A yes/no field as an icon and the word in the admin's language (Wagtail's says "True"/"False")."""

    cell_template_name = "wagtailadmin/tables/yes_no_cell.html"


class LanguageLimitedIndexView(IndexView):
    """A snippet listing that offers no edit link on snippets in a language the user may not change, names each
    snippet's language in a column (the listing may show every language at once) and says yes or no in words."""

    @cached_property
    def _refused_locale_ids(self):
        return refused_locale_ids(self.request.user)

    @cached_property
    def columns(self):
        columns = []
        for column in super().columns:
            field = getattr(column, "name", None)
            try:
                is_boolean = isinstance(self.model._meta.get_field(field), BooleanField)
            except (FieldDoesNotExist, TypeError):
                is_boolean = False
            columns.append(YesNoColumn(field, label=column.label, sort_key=column.sort_key) if is_boolean else column)
        if self.i18n_enabled and not any(isinstance(column, LocaleColumn) for column in columns):
            columns.insert(1, LocaleColumn(label=_("Language")))
        return columns

    def get_edit_url(self, instance):
        if getattr(instance, "locale_id", None) in self._refused_locale_ids:
            return None
        return super().get_edit_url(instance)


def import_translation(source, locale, strings, *, publish, tool_name, overrides=None):
    """Make the ``locale`` translation of ``source`` through wagtail-localize, as a translator's work would.

    ``strings`` are (segment path, source text, translated text); they go into the translation memory as a PO
    import. ``overrides`` maps the path of an overridable segment (an image, a link) to its translated value.
    A page or snippet with drafts is saved as a draft and published here if ``publish``, rather than by
    ``save_target(publish=True)``, which publishes only when the outermost transaction commits (never, inside a
    test). Returns the saved translation (the specific page for a page).

    The source and its translation are saved several times on the way (the source's segments, the translation, its
    revision, its publication): their reference and search index tasks run once each, at the end
    (base/deferred_tasks.py).
    """
    # Here, not at the top: base/models.py imports this module while the apps are still loading.
    from base.deferred_tasks import deduplicated_tasks

    with deduplicated_tasks():
        return _import_translation(source, locale, strings, publish=publish, tool_name=tool_name, overrides=overrides)


def _import_translation(source, locale, strings, *, publish, tool_name, overrides):
    from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource

    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation_object, _created = Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    po = polib.POFile()
    for path, text, translated_text in strings:
        po.append(polib.POEntry(msgctxt=path, msgid=text, msgstr=translated_text))
    translation_object.import_po(po, tool_name=tool_name)
    for path, data in (overrides or {}).items():
        segment = OverridableSegment.objects.select_related("context").get(
            source=translation_source, context__path=path
        )
        SegmentOverride.objects.update_or_create(
            locale=locale, context=segment.context, defaults={"data_json": json.dumps(data)}
        )
    has_drafts = isinstance(source, DraftStateMixin)
    translation_object.save_target(publish=not has_drafts)
    target = source.get_translation(locale)
    if isinstance(source, Page):
        target = target.specific
    if has_drafts and publish:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
