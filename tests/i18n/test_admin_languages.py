"""The admin speaks Italian or English, as each user chooses in their account preferences."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from base.models import StandardPage
from projects.models import ProjectPage
from tests import admin_forms


def admin_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.django_db
def test_preferences_offer_italian_and_english(admin_client):
    doc = admin_page(admin_client, reverse("wagtailadmin_account"))

    options = {option["value"] for option in doc.select('select[name="locale-preferred_language"] option')}
    assert options == {"", "it", "en"}  # "" is the site's default, Italian


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,dashboard,our_label,block_names",
    [
        ("it", "Pagine", "Classificazione", ["Mappa", "Numeri chiave", "Immagine con didascalia"]),
        ("en", "Pages", "Classification", ["Map", "Key figures", "Image with caption"]),
    ],
)
def test_admin_follows_the_user_preference(
    admin_user, admin_client, project_index, language, dashboard, our_label, block_names
):
    """Wagtail's own interface and this project's labels (locale/it) alike, the body's block menu included."""
    prefer(admin_user, language)

    home = admin_page(admin_client, reverse("wagtailadmin_home"))
    editor = admin_page(admin_client, admin_forms.add_url(ProjectPage, project_index))
    body = admin_client.get(admin_forms.add_url(StandardPage, project_index.get_parent())).content.decode()

    assert home.html["lang"] == language and editor.html["lang"] == language
    assert f'"{dashboard}"' in home.decode()  # the main menu's "Pages", in the sidebar's data
    assert our_label in editor.text
    for name in block_names:  # in the StreamField's JSON definition
        assert f'"label": "{name}"' in body.replace("&quot;", '"'), name


@pytest.mark.django_db
def test_every_menu_label_follows_each_users_preference_in_one_process(admin_user, admin_client, django_user_model):
    """Two labels are made once, for the first request: the second user must not get the first one's language."""
    prefer(admin_user, "it")
    english_user = django_user_model.objects.create_superuser("jury", "jury@example.org", "not-used")  # noqa: S106
    prefer(english_user, "en")
    english_client = Client()
    english_client.force_login(english_user)

    for client, labels, other in (
        (admin_client, ["Traduzioni", "Cosa c'è di nuovo in Wagtail"], ["Translations", "What's new in Wagtail"]),
        (english_client, ["Translations", "What's new in Wagtail"], ["Traduzioni", "Cosa c'è di nuovo in Wagtail"]),
    ):
        sidebar = client.get(reverse("wagtailadmin_home")).content.decode()  # the menu is JSON in the page
        for label in labels:
            assert json.dumps(label)[:-1] in sidebar, label
        for label in other:
            assert json.dumps(label)[:-1] not in sidebar, label
