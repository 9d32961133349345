"""Which languages a Translator changes: every content language but the default, Italian.

Italian is the language the site is written in and everything is translated from; Translators write the
other languages (today English). So a user whose only editorial group is Translators may change snippets
in every language but Italian; Editors and Moderators (and superusers) change every language. Nothing is
stored per user: with one language to translate into, a per-user choice would be a form to fill in with
one possible answer, and a new content language is open to every Translator the day it is added.

``editorial/wagtail_hooks.py`` refuses the rest (create, edit, revert, delete, bulk actions), and answers the
``refused_locale_ids`` hook so that the snippet listings (``base.languages.LanguageLimitedIndexView``) offer
no edit button where it would be refused.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin

from .management.commands.setup_editorial_groups import EDITORS, MODERATORS, TRANSLATORS

# Membership of one of these gives every language back to a user who is also a Translator.
ALL_LANGUAGE_GROUPS = (EDITORS, MODERATORS)


def is_limited_translator(user):
    """Whether ``user`` changes only the languages Translators translate (cached on the user, per request)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_torino_limited_translator", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = user._torino_limited_translator = TRANSLATORS in names and not names & set(ALL_LANGUAGE_GROUPS)
    return cached


def refused(user, instances):
    """The translatable snippets among ``instances`` that ``user`` may not change, because of their language."""
    if not is_limited_translator(user):
        return []
    default_locale_id = Locale.get_default().pk
    return [
        instance
        for instance in instances
        if isinstance(instance, TranslatableMixin) and instance.locale_id == default_locale_id
    ]


def refused_locale(user, locale):
    """Whether ``user`` may not create content in ``locale``."""
    return is_limited_translator(user) and locale.pk == Locale.get_default().pk


def refusal_message(instances):
    default = Locale.get_default()
    return _(
        "Nothing has been changed: Translators change only the languages they translate, not %(language)s, "
        "the language of %(snippets)s. Ask an Editor or a Moderator to make this change."
    ) % {
        "language": default.get_display_name(),
        "snippets": ", ".join(f"“{instance}”" for instance in instances),
    }
