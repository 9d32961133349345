"""Before signing in, the admin speaks the browser's language; after, the one the user chose."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

SIGN_IN_PAGES = ["wagtailadmin_login", "wagtailadmin_password_reset"]


def page_language(response):
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    return doc.html["lang"], doc.get_text(" ", strip=True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", SIGN_IN_PAGES)
@pytest.mark.parametrize(
    "accept_language,expected",
    [
        ("en-GB,en;q=0.9", "en"),
        ("en-US", "en"),
        ("it-IT,it;q=0.9,en;q=0.8", "it"),
        ("de-DE,de;q=0.9", "it"),
        ("", "it"),
    ],
)
def test_sign_in_pages_follow_the_browser(client, name, accept_language, expected):
    lang, _ = page_language(client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=accept_language))

    assert lang == expected


@pytest.mark.django_db
def test_sign_in_page_is_english_in_words_too(client):
    _, english = page_language(client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="en"))
    _, italian = page_language(client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="it"))

    assert "Sign in" in english and "Accedi" not in english
    assert "Accedi" in italian


@pytest.mark.django_db
def test_language_cookie_wins_over_the_browser(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    lang, _ = page_language(client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="it"))

    assert lang == "en"


@pytest.mark.django_db
def test_the_public_site_keeps_italian_at_unprefixed_addresses(client, home_page):
    """Only the admin follows the browser: the public Italian site stays Italian for an English browser."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "it"


@pytest.mark.django_db
@pytest.mark.parametrize("chosen,browser", [("it", "en"), ("en", "it")])
def test_signed_in_users_get_the_language_they_chose(admin_client, admin_user, chosen, browser):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = chosen
    profile.save()

    lang, _ = page_language(admin_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=browser))

    assert lang == chosen
