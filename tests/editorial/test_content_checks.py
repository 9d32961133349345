"""What the admin checks before anything is published: alt text on pictures, sources on figures
(tests/base/test_key_figures.py), and Wagtail's accessibility checker at hand for editors."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from base.models import StandardPage
from projects.models import ProjectPage
from tests import admin_forms


def figure(image, alt_text="", decorative=False):
    value = {"image": str(image.pk), "alt_text": alt_text}
    if decorative:
        value["decorative"] = "on"
    return ("figure", {"image": value, "caption": "Il laboratorio", "credit": "Città di Torino"})


@pytest.mark.django_db
def test_picture_in_the_body_needs_alt_text(client, moderator_client, home_page, image):
    data = admin_forms.standard_page_form(title="Con immagine", slug="con-immagine", body=streamfield([figure(image)]))

    response = moderator_client.post(admin_forms.add_url(StandardPage, home_page), data)

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="con-immagine").exists()
    assert client.get("/con-immagine/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("alt_text,decorative", [("Persone al lavoro nel laboratorio di quartiere", False), ("", True)])
def test_picture_with_alt_text_or_marked_decorative_is_published(
    client, moderator_client, home_page, image, alt_text, decorative
):
    data = admin_forms.standard_page_form(
        title="Con immagine", slug="con-immagine", body=streamfield([figure(image, alt_text, decorative)])
    )

    response = moderator_client.post(admin_forms.add_url(StandardPage, home_page), data)

    assert response.status_code == 302
    img = BeautifulSoup(client.get("/con-immagine/").content, "html.parser").select_one("figure.figure img")
    assert img["alt"] == alt_text


@pytest.mark.django_db
def test_gallery_picture_needs_alt_text(moderator_client, project_index, image):
    data = admin_forms.project_page_form(
        slug="galleria",
        gallery=streamfield([("image", {"image": str(image.pk), "alt_text": ""})]),
    )

    response = moderator_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 200
    assert "gallery" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="galleria").exists()


def bulk_publish(client, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    return client.post(url, {"include_descendants": ""}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["picture without alt text", "figure without source"])
def test_a_draft_missing_alt_text_or_a_source_is_not_published_in_bulk(
    client, editor_client, moderator_client, home_page, project_index, image, what
):
    """Drafts keep unfinished work; publishing it from a listing is checked like publishing from the editor."""
    if what == "picture without alt text":
        model, parent = StandardPage, home_page
        data = admin_forms.standard_page_form(
            publish=False, title="Bozza", slug="bozza", body=streamfield([figure(image)])
        )
    else:
        model, parent = ProjectPage, project_index
        figure_without_source = admin_forms.key_figure_form(source_name="", source_url="")
        data = admin_forms.project_page_form(
            publish=False, title="Bozza", slug="bozza", key_figures=streamfield([("figure", figure_without_source)])
        )
    assert editor_client.post(admin_forms.add_url(model, parent), data).status_code == 302, "the draft is saved"
    draft = model.objects.get(slug="bozza")

    response = bulk_publish(moderator_client, draft)

    assert any(
        "Nothing has been published" in str(m) or "Non è stato pubblicato nulla" in str(m)
        for m in response.context["messages"]
    )
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(draft.url or "/bozza/").status_code == 404


@pytest.mark.django_db
def test_a_complete_draft_is_published_in_bulk(client, editor_client, moderator_client, home_page, image):
    data = admin_forms.standard_page_form(
        publish=False, title="Bozza", slug="bozza", body=streamfield([figure(image, "Persone al lavoro")])
    )
    assert editor_client.post(admin_forms.add_url(StandardPage, home_page), data).status_code == 302
    draft = StandardPage.objects.get(slug="bozza")

    bulk_publish(moderator_client, draft)

    draft.refresh_from_db()
    assert draft.live and client.get("/bozza/").status_code == 200


@pytest.mark.django_db
def test_accessibility_checker_is_offered_to_editors_on_the_site_and_in_the_editor(
    client, editor_client, standard_page
):
    public = client.get(standard_page.url).content.decode()
    for_editor = editor_client.get(standard_page.url).content.decode()
    editor_view = BeautifulSoup(editor_client.get(admin_forms.edit_url(standard_page)).content, "html.parser")

    assert 'id="checker-trigger"' not in public, "readers get no admin tools"
    # The userbar on the live page (inside a <template> the userbar script unpacks) runs axe-core,
    # from Wagtail's own static files, when the editor asks for the checks.
    assert 'id="checker-trigger"' in for_editor
    axe = json.loads(re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', for_editor, re.S)[1])
    assert axe["context"]["include"] == ["body"]
    assert "/static/wagtailadmin/js/userbar.js" in for_editor
    # The page editor has the same checks in its side panel, run on the preview of the unsaved page.
    assert editor_view.select_one('[data-side-panel-toggle="checks"]') is not None
    assert editor_view.select_one("#checker-axe-configuration") is not None


@pytest.mark.django_db
def test_admin_pages_ask_nothing_of_third_parties(admin_client, editor_client, standard_page):
    """No Gravatar (a hash of the editor's email) and no release check from the browsers of the editors
    (Wagtail shows that check to superusers)."""
    for client in (admin_client, editor_client):
        for url in ("/admin/", admin_forms.edit_url(standard_page), "/admin/account/"):
            html = client.get(url).content.decode()
            assert "gravatar.com" not in html, url
            assert 'data-controller="w-upgrade' not in html, url
