"""An id past the database's integers chosen in a multiple-choice field is the form's error, as an id naming nothing
is, not a 500 (base/multiple_choice_ids.py).

Django's ModelMultipleChoiceField looks the chosen ids up with ``pk__in``, where Django does not check an integer
column's range as it does for ``pk=``: on SQLite the driver raised OverflowError. A project's themes in the page
editor, a page's or a collection's privacy groups and the languages of "Translate" were 500s (the early-access
recipients too: tests/config/test_admin_editorial_endpoints_input.py); nothing the editor had typed was kept.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_localize.models import Translation

from tests import admin_forms

PAST_EVERY_INTEGER = "99999999999999999999"
# Past SQLite's 64 bits and PostgreSQL's too, in both directions, beside an id that simply names nothing.
UNKNOWN_IDS = [[PAST_EVERY_INTEGER], ["-" + PAST_EVERY_INTEGER], ["9223372036854775808"], ["1", PAST_EVERY_INTEGER]]
IDS = [*UNKNOWN_IDS, ["99999"]]


@pytest.mark.django_db
@pytest.mark.parametrize("ids", IDS, ids=str)
def test_the_page_editor_shows_its_form_again_with_the_error(editor_client, project, ids):
    data = admin_forms.project_page_form(
        publish=False, title="Navetta rinominata", slug=project.slug, programme=project.programme
    )
    data["themes"] = ids
    revisions = project.revisions.count()

    response = editor_client.post(admin_forms.edit_url(project), data)

    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert "Navetta rinominata" in response.content.decode()  # what the editor typed is still in the form
    assert project.revisions.count() == revisions


@pytest.mark.django_db
@pytest.mark.parametrize("ids", IDS, ids=str)
def test_privacy_groups_that_do_not_exist_are_the_forms_error(admin_client, standard_page, ids):
    group = Group.objects.create(name="Giuria")
    data = {"restriction_type": "groups", "groups": [str(group.pk), *ids], "password": ""}
    collection = Collection.get_first_root_node()

    for url in (
        reverse("wagtailadmin_pages:set_privacy", args=[standard_page.pk]),
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
    ):
        response = admin_client.post(url, data)

        assert response.status_code == 200
        assert response.json()["step"] == "set_privacy"  # the dialog shown again, with the error
    assert not PageViewRestriction.objects.exists()
    assert not CollectionViewRestriction.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("ids", UNKNOWN_IDS, ids=str)
def test_translating_into_languages_that_do_not_exist_is_the_forms_error(moderator_client, standard_page, ids):
    response = moderator_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[standard_page.pk]), {"locales": ids}
    )

    assert response.status_code == 200
    assert "locales" in response.context["form"].errors
    assert not Translation.objects.exists()


@pytest.mark.django_db
def test_the_field_itself_answers_as_django_does_otherwise():
    field = ModelMultipleChoiceField(queryset=Group.objects.all())
    group = Group.objects.create(name="Giuria")

    with pytest.raises(ValidationError) as past:
        field.clean([str(group.pk), PAST_EVERY_INTEGER])
    assert past.value.code == "invalid_choice"
    for value, code in [(["abc"], "invalid_pk_value"), (5, "invalid_list")]:
        with pytest.raises(ValidationError) as error:
            field.to_python(value)
        assert error.value.code == code
    assert list(field.clean([str(group.pk)])) == [group]


@pytest.mark.django_db
def test_a_field_chosen_by_a_text_column_is_left_to_django():
    group = Group.objects.create(name="Giuria")
    by_name = ModelMultipleChoiceField(queryset=Group.objects.all(), to_field_name="name")

    assert list(by_name.clean(["Giuria"])) == [group]
    with pytest.raises(ValidationError) as error:
        by_name.clean([PAST_EVERY_INTEGER])
    assert error.value.code == "invalid_choice"
