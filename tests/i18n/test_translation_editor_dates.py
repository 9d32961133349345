"""The translation editor writes its dates in the admin user's language ("Tradotto … il 5 dicembre 2026"),
not with English month names inside an Italian sentence (editorial/translation_dates.py)."""

import html
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail_localize.models import StringSegment, Translation

ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def editor_props(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    element = BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")
    return json.loads(html.unescape(element["data-props"]))


def today_in(language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(), "j F Y")


@pytest.mark.django_db
def test_the_editor_dates_its_translations_in_italian(admin_client, standard_page, translate):
    english = translate(standard_page, title="Accessibility")

    props = editor_props(admin_client, english)

    comments = [item["comment"] for item in props["initialStringTranslations"] if item.get("comment")]
    assert comments
    for comment in comments:
        assert today_in("it") in comment and comment.startswith("Tradotto")
        assert not any(month in comment for month in ENGLISH_MONTHS)
    assert props["object"]["lastPublishedDate"] == today_in("it")


@pytest.mark.django_db
def test_saving_a_string_answers_with_an_italian_date(admin_client, standard_page, translate):
    english = translate(standard_page, title="Accessibility")
    translation_object = Translation.objects.get(source__object_id=standard_page.translation_key)
    segment = StringSegment.objects.filter(source=translation_object.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation_object.pk, segment.pk])

    response = admin_client.put(
        url, encode_multipart(BOUNDARY, {"value": "About accessibility"}), content_type=MULTIPART_CONTENT
    )

    assert response.status_code == 200
    assert response.json()["comment"] == f"Tradotto manualmente il {today_in('it')}"
    assert english.pk


@pytest.mark.django_db
def test_an_english_speaking_editor_reads_english_dates(admin_client, admin_user, standard_page, translate):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    english = translate(standard_page, title="Accessibility")

    props = editor_props(admin_client, english)

    comments = [item["comment"] for item in props["initialStringTranslations"] if item.get("comment")]
    assert comments and all(today_in("en") in comment for comment in comments)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "day"),
    [
        ("2026-03-10 23:30:00+00:00", "11 Marzo 2026"),  # winter: UTC+1
        ("2026-07-01 22:30:00+00:00", "2 Luglio 2026"),  # summer: UTC+2
        ("2026-07-01 21:59:00+00:00", "1 Luglio 2026"),  # a minute before midnight in Turin
    ],
)
def test_a_translation_made_after_midnight_in_turin_is_dated_that_day(
    admin_client, standard_page, translate, moment, day
):
    """Between 22:00 (summer) or 23:00 (winter) UTC and midnight it is already the next day in Turin, the admin's time
    zone: the editor says so."""
    with time_machine.travel(moment, tick=False):
        english = translate(standard_page, title="Accessibility")
        props = editor_props(admin_client, english)

    comments = [item["comment"] for item in props["initialStringTranslations"] if item.get("comment")]
    assert comments and all(comment.endswith(f"il {day}") for comment in comments)
    assert props["object"]["lastPublishedDate"] == day
