"""Themes, districts, contacts and award criteria are moderated like pages (issue #10, point 3).

Someone who may not publish (an Editor, a Translator) changes a snippet through the real admin form and
submits it: readers keep seeing the published version on every page that shows it, until a Moderator
approves it through the workflow. Translators change only the languages they translate (not Italian), and
nobody but Moderators changes the site settings, which have no drafts.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from base.models import Contact, SiteSettings, SiteSettingsText
from candidacy.models import AwardCriterion
from projects.models import District, Theme
from tests import factories
from tests.base.site_settings import settings_form, store, text_form


def snippet_url(instance, view="edit"):
    return reverse(type(instance).snippet_viewset.get_url_name(view), args=[instance.pk])


def form_data(instance, **changes):
    """The snippet's edit form as the admin submits it, with ``changes``."""
    fields = {
        Theme: ["name", "slug"],
        District: ["name", "slug", "circoscrizione"],
        Contact: ["name", "role", "email", "phone", "is_press"],
        AwardCriterion: ["edition", "order", "code", "name", "description"],
    }[type(instance)]
    data = {name: getattr(instance, name) for name in fields}
    data.update(changes)
    if data.pop("is_press", False):
        data["is_press"] = "on"
    return {name: "" if value is None else value for name, value in data.items()}


def submit(client, instance, **changes):
    """Save the change as a draft and submit it to the "Moderators approval" workflow."""
    return client.post(snippet_url(instance), {**form_data(instance, **changes), "action-submit": "action-submit"})


def approve(client, instance):
    """A Moderator opens the submitted version in the editor and presses "Approve"."""
    latest = type(instance).objects.get(pk=instance.pk).get_latest_revision_as_object()
    return client.post(
        snippet_url(instance),
        {
            **form_data(latest),
            "action-workflow-action": "action-workflow-action",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        },
    )


def public_text(client, paths):
    """What readers get at ``paths``, in one string (every answer must be a 200)."""
    texts = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        texts.append(response.content.decode())
    return "\n".join(texts)


API = "/api/v2/pages/?type=projects.ProjectPage&fields=themes,district"


@pytest.fixture
def press_room(home_page):
    return factories.PressRoomPageFactory(parent=home_page)


@pytest.fixture
def press_contact(locale_it):
    return factories.ContactFactory(name="Ufficio stampa", email="stampa@comune.torino.it")


@pytest.fixture
def public(project, project_index, press_room, press_contact, dossier_page, criteria):
    """For each snippet kind: (the Italian snippet, the public addresses that show it, a field, a new value)."""
    project_paths = [project.url, project_index.url, "/projects.geojson", "/projects.csv", API]
    return {
        "theme": (project.themes.get(), project_paths, "name", "Trasporti sostenibili"),
        "district": (project.district, project_paths, "name", "Aurora Rossini"),
        "contact": (press_contact, [press_room.url], "email", "portavoce@comune.torino.it"),
        "criterion": (criteria[0], [dossier_page.url, dossier_page.url + "print/"], "name", "Laboratori urbani"),
    }


KINDS = ["theme", "district", "contact", "criterion"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_reaches_readers_only_when_a_moderator_approves_it(
    kind, public, client, editor_client, moderator_client
):
    snippet, paths, field, new_value = public[kind]
    assert new_value not in public_text(client, paths)

    response = submit(editor_client, snippet, **{field: new_value})

    assert response.status_code == 302
    snippet.refresh_from_db()
    assert snippet.live and getattr(snippet, field) != new_value, "the row keeps the published version"
    assert snippet.has_unpublished_changes
    assert WorkflowState.objects.for_instance(snippet).get().status == WorkflowState.STATUS_IN_PROGRESS
    assert new_value not in public_text(client, paths)

    # An Editor cannot publish it either: "Publish" is not theirs to press.
    editor_client.post(snippet_url(snippet), {**form_data(snippet, **{field: new_value}), "action-publish": "1"})
    snippet.refresh_from_db()
    assert getattr(snippet, field) != new_value
    assert new_value not in public_text(client, paths)

    assert approve(moderator_client, snippet).status_code == 302

    snippet.refresh_from_db()
    assert getattr(snippet, field) == new_value and not snippet.has_unpublished_changes
    assert WorkflowState.objects.for_instance(snippet).get().status == WorkflowState.STATUS_APPROVED
    text = public_text(client, paths)
    assert new_value in text or json.dumps(new_value) in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_snippet_never_published_is_not_shown_where_it_is_chosen(kind, public, client, editor_client):
    """A new snippet an Editor proposes is a draft: chosen on a page, it stays off the public site."""
    snippet, paths, field, new_value = public[kind]
    model = type(snippet)
    data = form_data(snippet, **{field: new_value})
    for unique in ("slug", "code"):
        if unique in data:
            data[unique] = "nuovo"
    response = editor_client.post(reverse(model.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 302
    draft = model.objects.get(**{field: new_value})
    assert not draft.live
    # Chosen on the project beside (theme) or instead of (district) the published one; a press contact.
    if kind == "theme":
        project = snippet.projects.get().specific
        project.themes.add(draft)
        project.save(clean=False, update_fields=["themes"])
    elif kind == "district":
        project = snippet.projects.get().specific
        project.district = draft
        project.save(clean=False, update_fields=["district"])

    text = public_text(client, paths)
    assert new_value not in text and json.dumps(new_value) not in text
    assert "nuovo" not in client.get(public["theme"][1][1]).content.decode(), "not offered as a filter"


@pytest.mark.django_db
def test_a_draft_contact_chosen_in_a_contacts_block_is_not_shown(home_page, client, locale_it):
    published = factories.ContactFactory(name="Sportello Torino City Lab")
    draft = factories.ContactFactory(name="Ufficio da confermare", live=False)
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[
            {
                "type": "contacts",
                "value": {"heading": "Contatti", "contacts": [draft.pk, published.pk]},
            }
        ],
    )

    text = client.get(page.url).content.decode()

    assert published.name in text and draft.name not in text


@pytest.mark.django_db
def test_a_translators_change_in_the_translation_editor_waits_for_a_moderator(
    project, translate, client, translator_client, moderator_client, locale_en, django_capture_on_commit_callbacks
):
    """The English theme is a wagtail-localize translation: a Translator writes in the translation editor, which
    lets only those who may publish the theme publish it."""
    italian = project.themes.get()
    english = factories.translate(italian, locale_en, name="Mobility", slug="mobility")
    factories.translate(project.district, locale_en, name="Barriera di Milano", slug="barriera-di-milano")
    english_project = translate(project, title="Neighbourhood lab", slug="neighbourhood-lab")
    paths = [english_project.url, "/en/projects.geojson", API + "&locale=en"]
    assert "Mobility" in public_text(client, paths[:1])

    translation = Translation.objects.get(source__object_id=italian.translation_key, target_locale=locale_en)
    editor = translator_client.get(snippet_url(english))
    assert editor.templates[0].name == "wagtail_localize/admin/edit_translation.html"
    name = StringSegment.objects.get(source=translation.source, context__path="name")
    typed = translator_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, name.pk]),
        "value=Sustainable+transport",
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        refused = translator_client.post(snippet_url(english), {"action": "publish"})
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    english.refresh_from_db()
    assert english.name == "Mobility"
    assert "Sustainable transport" not in public_text(client, paths)

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(snippet_url(english), {"action": "publish"})

    english.refresh_from_db()
    assert english.live and english.name == "Sustainable transport"
    assert "Sustainable transport" in public_text(client, paths)


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["contact", "district"])
def test_a_translators_change_in_the_snippet_editor_waits_for_a_moderator(
    model, press_room, project, translate, client, translator_client, moderator_client, locale_en
):
    """An English snippet written in English (not a translation) is edited in Wagtail's own form."""
    if model == "contact":
        snippet = factories.ContactFactory(locale=locale_en, name="Press office", email="press@comune.torino.it")
        paths = [translate(press_room, title="Press room", slug="press-room").url]
        field, new_value = "email", "spokesperson@comune.torino.it"
    else:
        snippet = factories.DistrictFactory(locale=locale_en, name="Aurora", slug="aurora")
        english_project = translate(project, title="Neighbourhood lab", slug="neighbourhood-lab")
        english_project.district = snippet
        english_project.save(clean=False, update_fields=["district"])
        paths = [english_project.url, "/en/projects.geojson"]
        field, new_value = "name", "Aurora and Rossini"
    assert new_value not in public_text(client, paths)

    assert submit(translator_client, snippet, **{field: new_value}).status_code == 302
    translator_client.post(snippet_url(snippet), {**form_data(snippet, **{field: new_value}), "action-publish": "1"})

    snippet.refresh_from_db()
    assert getattr(snippet, field) != new_value
    assert new_value not in public_text(client, paths)

    assert approve(moderator_client, snippet).status_code == 302
    assert new_value in public_text(client, paths)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_translator_cannot_change_an_italian_snippet(kind, public, client, translator_client):
    snippet, paths, field, new_value = public[kind]
    before = public_text(client, paths)

    opened = translator_client.get(snippet_url(snippet))
    saved = submit(translator_client, snippet, **{field: new_value})
    reverted = translator_client.post(
        reverse(type(snippet).snippet_viewset.get_url_name("revisions_revert"), args=[snippet.pk, 1]),
        form_data(snippet, **{field: new_value}),
    )

    listing = reverse(type(snippet).snippet_viewset.get_url_name("list")) + "?locale=it"
    for response in (opened, saved):
        assert response.status_code == 302 and response["Location"] == listing
    assert reverted.status_code == 404  # not even the address of a revision to revert to
    messages = [str(m) for m in get_messages(saved.wsgi_request)]
    refusal = (
        "Translators change only the languages they translate",
        "i traduttori modificano solo le lingue che traducono",
    )
    assert any(text in m for m in messages for text in refusal), messages
    snippet.refresh_from_db()
    assert getattr(snippet, field) != new_value and snippet.latest_revision is None
    assert not WorkflowState.objects.for_instance(snippet).exists()
    assert public_text(client, paths) == before


@pytest.mark.django_db
def test_the_listing_offers_a_translator_edit_links_in_english_only(translator_client, editor_client, locale_en):
    italian = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    english = factories.ThemeFactory(name="Environment", slug="environment", locale=locale_en)
    listing = reverse(Theme.snippet_viewset.get_url_name("list"))

    for language, theme in (("it", italian), ("en", english)):
        for client, offered in ((translator_client, language == "en"), (editor_client, True)):
            html = client.get(listing, {"locale": language}).content.decode()
            assert theme.name in html
            assert (snippet_url(theme) in html) is offered, (language, offered)


@pytest.mark.django_db
def test_a_translator_cannot_delete_or_bulk_delete_snippets(translator_client, locale_it):
    theme = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    bulk = reverse("wagtail_bulk_action", args=["projects", "theme", "delete"]) + f"?id={theme.pk}"

    for response in (
        translator_client.post(snippet_url(theme, "delete")),
        translator_client.post(bulk),
    ):
        assert response.status_code == 302
    assert Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "translator"])
def test_only_moderators_change_the_site_settings(role, request, home_page, client, moderator_client):
    """The site settings have no drafts: what a change says is on every page at once."""
    settings_url = reverse("wagtailsettings:edit", args=["base", "sitesettings", home_page.get_site().pk])
    data = settings_form(email="falso@example.com")
    user_client = request.getfixturevalue(f"{role}_client")

    opened = user_client.get(settings_url)
    changed = user_client.post(settings_url, data)

    for response in (opened, changed):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    messages = [str(m) for m in get_messages(changed.wsgi_request)]
    assert messages, "the refusal is explained"
    assert "falso@example.com" not in client.get(home_page.url).content.decode()
    assert not SiteSettings.objects.filter(email="falso@example.com").exists()

    assert moderator_client.post(settings_url, data).status_code == 302
    assert SiteSettings.objects.get(site=home_page.get_site()).email == "falso@example.com"
    assert Locale.get_default().language_code == "it"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_translator_changes_no_language_row_of_the_site_settings(
    language, home_page, client, translator_client, moderator_client, translate
):
    """The settings' texts are rows per language, posted in the settings form: a Translator changes none of them,
    not the Italian row nor the one of a language they translate (the settings have no drafts, so nothing a
    Moderator has not approved may reach readers); the same form posted by a Moderator does reach them."""
    site = home_page.get_site()
    store(site)  # Italian and English rows
    english_home = translate(home_page)
    settings_url = reverse("wagtailsettings:edit", args=["base", "sitesettings", site.pk])
    stored = {text.locale.language_code: text.pk for text in SiteSettingsText.objects.select_related("locale")}
    rows = [{"id": stored[code], **text_form(code)} for code in ("it", "en")]
    rows[["it", "en"].index(language)]["organisation_name"] = "Nome non approvato"
    data = settings_form(rows, initial=2)

    refused = translator_client.post(settings_url, data)

    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert [str(m) for m in get_messages(refused.wsgi_request)], "the refusal is explained"
    assert not SiteSettingsText.objects.filter(organisation_name="Nome non approvato").exists()
    for page in (home_page, english_home):
        assert "Nome non approvato" not in client.get(page.url).content.decode()

    assert moderator_client.post(settings_url, data).status_code == 302
    reader_page = home_page if language == "it" else english_home
    assert "Nome non approvato" in client.get(reader_page.url).content.decode()
