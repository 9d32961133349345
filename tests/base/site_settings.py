"""Site settings for tests: stored ones, and the admin form that changes them (with its texts per language)."""

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from base.models import SiteSettings, SiteSettingsText

ITALIAN = {"organisation_name": "Città di Torino", "address": "Piazza Palazzo di Città 1, Torino"}
ENGLISH = {"organisation_name": "City of Turin", "address": "Piazza Palazzo di Città 1, Turin, Italy"}


def store(site, texts=None, **fields):
    """The site's settings with ``texts`` ({language code: field values}), Italian and English by default."""
    site_settings, _created = SiteSettings.objects.update_or_create(site=site, defaults=fields)
    site_settings.texts.all().delete()
    for code, values in (texts or {"it": ITALIAN, "en": ENGLISH}).items():
        SiteSettingsText.objects.create(
            site_settings=site_settings, locale=Locale.objects.get_or_create(language_code=code)[0], **values
        )
    return SiteSettings.objects.get(pk=site_settings.pk)


def text_form(code="it", social_links=(), **values):
    """One language's texts as the settings form posts them; ``social_links`` are link values."""
    return {
        "locale": Locale.objects.get_or_create(language_code=code)[0].pk,
        **(ITALIAN if code == "it" else ENGLISH),
        "social_links": streamfield([("link", link) for link in social_links]),
        **values,
    }


def settings_form(texts=None, initial=0, **overrides):
    """What the settings form posts: ``texts`` is a list of ``text_form()`` (Italian only by default), the first
    ``initial`` of them stored rows (with their ``id``)."""
    data = {
        "texts": inline_formset(texts if texts is not None else [text_form("it")], initial=initial, min=1),
        "email": "urp@comune.torino.it",
        "phone": "011 011 1111",
        "footer_links": streamfield([]),
        "evidence_max_age_months": "24",
    }
    data.update(overrides)
    return nested_form_data(data)
