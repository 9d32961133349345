"""The release's embargo where translators work: wagtail-localize's translation editor."""

from django import template
from wagtail.models import Locale

from news import embargo

register = template.Library()


@register.inclusion_tag("news/includes/translation_embargo_notice.html")
def translation_embargo_notice(translation, instance):
    """What the release's embargo is, that the original page decides it, and whether it changed since the
    translation was last synced (wagtail-localize shows the source as it was then)."""
    record = embargo.ReleaseEmbargo.objects.filter(translation_key=getattr(instance, "translation_key", None)).first()
    if record is None or not hasattr(instance, "embargo_until"):
        return {"record": None}
    original = Locale.objects.filter(pk=embargo.original_locale_id(record.translation_key)).first()
    return {
        "record": record,
        "original_language": original.get_display_name() if original else "",
        "changed_since_sync": record.changed_at > translation.source.last_updated_at,
    }
