from django import template

from editorial.translation_dates import localise_props

register = template.Library()


@register.simple_tag
def props_in_users_language(props, translation, instance):
    """The translation editor's data with its dates in the admin user's language (editorial/translation_dates.py)."""
    return localise_props(props, translation, instance)
