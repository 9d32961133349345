"""Deleting a page deletes every version of it: only Moderators may, and Editors only what they started.

Wagtail on its own lets anyone who may edit a page delete it while it is not live, which would let an
Editor delete a colleague's draft or a Translator a translation in progress.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories


def draft_of(user, parent, slug):
    page = factories.ProjectPageFactory(parent=parent, title=f"Bozza {slug}", slug=slug, live=False, owner=user)
    page.save_revision(user=user)
    return page


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)


def refused(response):
    return any(
        "Nothing has been deleted" in str(m) or "Non è stato eliminato nulla" in str(m)
        for m in response.context["messages"]
    )


@pytest.mark.django_db
def test_editor_deletes_a_page_they_started(editor, editor_client, project_index):
    mine = draft_of(editor, project_index, "mia")

    response = delete(editor_client, mine)

    assert not refused(response)
    assert not Page.objects.filter(pk=mine.pk).exists()


@pytest.mark.django_db
def test_editor_cannot_delete_a_colleagues_draft_or_a_page_once_published(
    editor, moderator, editor_client, project_index
):
    colleagues = draft_of(moderator, project_index, "del-collega")
    once_published = draft_of(editor, project_index, "ritirata")
    once_published.get_latest_revision().publish()
    once_published.refresh_from_db()
    once_published.unpublish()

    for page in (colleagues, once_published):
        confirmation = editor_client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)
        assert refused(confirmation)
        assert refused(delete(editor_client, page))
        assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.django_db
def test_translator_cannot_delete_a_translation_in_progress(
    moderator, translator_client, english_home, project, locale_en
):
    factories.translate(project.get_parent(), locale_en, title="Projects", slug="projects")
    draft = factories.translate(project, locale_en, publish=False, title="Neighbourhood lab", slug="lab")

    assert refused(delete(translator_client, draft))
    assert Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_is_refused_the_same_way(editor, moderator, editor_client, project_index):
    colleagues = draft_of(moderator, project_index, "del-collega")
    bulk_url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={colleagues.pk}"

    response = editor_client.post(bulk_url, follow=True)

    assert refused(response)
    assert Page.objects.filter(pk=colleagues.pk).exists()


@pytest.mark.django_db
def test_moderator_deletes_any_draft(editor, moderator_client, project_index):
    editors = draft_of(editor, project_index, "della-redattrice")

    assert not refused(delete(moderator_client, editors))
    assert not Page.objects.filter(pk=editors.pk).exists()
