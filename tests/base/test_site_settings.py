"""The site settings readers see are written per language, in the settings form."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from base.models import SiteSettings, SiteSettingsText
from tests.base.site_settings import settings_form, text_form


def settings_url():
    return reverse("wagtailsettings:edit", args=["base", "sitesettings", Site.objects.get(is_default_site=True).pk])


@pytest.mark.django_db
def test_the_form_saves_one_text_per_language(admin_client, home_page, locale_en):
    response = admin_client.post(settings_url(), settings_form([text_form("it"), text_form("en")]))

    assert response.status_code == 302
    stored = SiteSettings.objects.get()
    assert {text.locale.language_code: text.organisation_name for text in stored.texts.all()} == {
        "it": "Città di Torino",
        "en": "City of Turin",
    }
    assert stored.text("en").organisation_name == "City of Turin"
    assert stored.text("it").organisation_name == "Città di Torino"


@pytest.mark.django_db
def test_two_texts_in_one_language_are_refused_with_a_message(admin_client, home_page):
    data = settings_form([text_form("it"), text_form("it", organisation_name="Comune di Torino")])

    response = admin_client.post(settings_url(), data)

    assert response.status_code == 200
    texts = response.context["form"].formsets["texts"]
    assert texts.non_form_errors() or any(texts.errors)
    assert not SiteSettingsText.objects.exists()


@pytest.mark.django_db
def test_a_language_without_its_own_texts_reads_the_italian_ones(home_page, locale_en):
    from tests.base.site_settings import ITALIAN, store

    stored = store(home_page.get_site(), {"it": ITALIAN})

    assert stored.text("en").organisation_name == ITALIAN["organisation_name"]


@pytest.mark.django_db
def test_a_language_added_by_someone_else_meanwhile_is_refused_with_a_message(admin_client, home_page, locale_en):
    """Two Moderators add the English texts at once: the second form is refused with a message, not a server error."""
    from tests.base.site_settings import ITALIAN, store

    stored = store(Site.objects.get(is_default_site=True), {"it": ITALIAN})
    italian = stored.texts.get()
    opened = [{"id": italian.pk, **text_form("it")}, text_form("en", organisation_name="Municipality of Turin")]
    SiteSettingsText.objects.create(site_settings=stored, locale=locale_en, organisation_name="City of Turin")

    response = admin_client.post(settings_url(), settings_form(opened, initial=1))

    assert response.status_code == 200
    errors = response.context["form"].formsets["texts"].errors
    assert any("ricarica la pagina" in str(error) for error in errors), errors  # the admin speaks Italian
    assert SiteSettings.objects.get().text("en").organisation_name == "City of Turin"
