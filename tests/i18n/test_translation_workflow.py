"""Translating in the admin with wagtail-localize, as the communications team does it.

A Moderator starts a translation ("Translate this page"), which creates a draft; a Translator writes
it in the translation editor; a Moderator publishes it. What must not differ between languages is
synchronised from the Italian page and never offered for translation. And wagtail-localize's
"include subtree" bug (issue #773: the translated parent is saved with numchild = 0, so its
children answer 404) cannot break the English site.
"""

import pytest
from django.db.models.signals import post_save
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

from base import signals
from projects.models import ProgrammeIndexPage, ProgrammePage, ProjectPage
from tests import factories

SYNCHRONISED = ["location", "zoom", "address", "start_date", "end_date", "status", "programme", "district", "themes"]


def submit_translation(client, page, *, include_subtree=False):
    data = {"locales": [Locale.objects.get(language_code="en").pk]}
    if include_subtree:
        data["include_subtree"] = "on"
    return client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def publish_in_translation_editor(client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


@pytest.fixture
def programmes(programme_index):
    """Programme index with two live programmes, nothing translated below the home page."""
    factories.ProgrammePageFactory(parent=programme_index, title="Open Incet", slug="open-incet")
    factories.ProgrammePageFactory(parent=programme_index, title="FirstLife", slug="firstlife")
    return programme_index


# --- synchronised fields ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_place_dates_status_and_classification_are_not_offered_for_translation(project):
    source, _created = TranslationSource.get_or_create_from_instance(project)
    strings = set(StringSegment.objects.filter(source=source).values_list("context__path", flat=True))
    overridable = set(OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True))

    assert {"title", "summary", "slug"} <= strings
    for name in SYNCHRONISED:
        assert not [path for path in strings | overridable if path.split(".")[0] == name], name


@pytest.mark.django_db
def test_sync_brings_the_italian_facts_across(
    client, moderator_client, english_home, project, locale_en, django_capture_on_commit_callbacks
):
    factories.translate(project.get_parent(), locale_en, title="Projects", slug="projects")
    factories.translate(project.programme.get_parent(), locale_en, title="Programmes", slug="programmes")
    english_programme = factories.translate(project.programme, locale_en, title="Social Innovation", slug="tsi")
    factories.translate(project, locale_en, title="Neighbourhood lab", slug="neighbourhood-lab")
    project.location = factories.point(45.0720, 7.6670)
    project.status = ProjectPage.STATUS_COMPLETED
    project.end_date = project.start_date.replace(year=2024)
    project.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(project)

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )

    assert response.status_code == 302
    translated = english(project)
    assert translated.live and translated.title == "Neighbourhood lab"
    assert (translated.location, translated.status, translated.end_date) == (
        project.location,
        "completed",
        project.end_date,
    )
    assert translated.programme == english_programme, "the programme link points at the English programme"
    html = client.get(translated.url).content.decode()
    assert 'data-lat="45.072"' in html and "Completed" in html


# --- the translation workflow -------------------------------------------------------------------------


@pytest.mark.django_db
def test_moderator_starts_translator_writes_moderator_publishes(
    client, moderator_client, translator_client, english_home, programmes, django_capture_on_commit_callbacks
):
    italian = programmes.get_children().get(slug="open-incet").specific
    factories.translate(programmes, Locale.objects.get(language_code="en"), title="Programmes", slug="programmes")

    # A Translator cannot start (or sync) translations; a Moderator can.
    assert submit_translation(translator_client, italian).status_code == 302
    assert not Page.objects.filter(translation_key=italian.translation_key, locale__language_code="en").exists()
    assert submit_translation(moderator_client, italian).status_code == 302

    draft = english(italian)
    assert not draft.live, "a new translation is a draft, not Italian text published under /en/"
    assert client.get("/en/programmes/open-incet/").status_code == 404

    translation = Translation.objects.get(source__object_id=italian.translation_key, target_locale=draft.locale)
    editor_page = translator_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert editor_page.templates[0].name == "wagtail_localize/admin/edit_translation.html"
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk])
    typed = translator_client.put(
        url, "value=Open+Incet+%E2%80%93+open+innovation", content_type="application/x-www-form-urlencoded"
    )
    assert typed.status_code == 201
    refused = publish_in_translation_editor(translator_client, draft, django_capture_on_commit_callbacks)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live

    publish_in_translation_editor(moderator_client, draft, django_capture_on_commit_callbacks)

    draft.refresh_from_db()
    assert draft.live and draft.title == "Open Incet – open innovation"
    response = client.get(draft.url)
    assert response.status_code == 200 and 'lang="en"' in response.content.decode()[:200]


# --- wagtail-localize's "include subtree" bug --------------------------------------------------------


def english_tree_is_whole(client, index):
    translated = english(index)
    translated_children = list(Page.objects.filter(path__startswith=translated.path, depth=translated.depth + 1))
    return (
        translated.numchild == len(translated_children) == index.get_children().count()
        and list(translated.get_children()) == translated_children
        and all(client.get(child.url).status_code == 200 for child in translated_children if child.live)
    )


@pytest.mark.django_db
@override_settings(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE=True)
def test_upstream_bug_is_real_and_repaired(
    client, moderator_client, english_home, programmes, django_capture_on_commit_callbacks
):
    """With wagtail-localize's default (translations published at once) the bug shows; base/signals.py repairs it.

    First with the repair switched off, to show that this version of wagtail-localize still has the
    bug and that the check below would catch it; then with it on.
    """
    post_save.disconnect(dispatch_uid="base.repair_child_count")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert submit_translation(moderator_client, programmes, include_subtree=True).status_code == 302
        broken = english(programmes)
        assert broken.live and broken.numchild == 0, "wagtail-localize #773 seems fixed: revisit base/signals.py"
        # The page itself is still reached (the site routes by the child's parent, not by numchild), but
        # treebeard sees a leaf: the admin explorer and the menus find no children under it.
        assert not broken.get_children().exists()
    finally:
        signals.connect()

    Page.objects.filter(locale__language_code="en", depth__gt=2).delete()
    Page.objects.filter(pk=english_home.pk).update(numchild=0)
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(moderator_client, programmes, include_subtree=True)

    assert english_tree_is_whole(client, programmes)
    assert client.get("/en/programmi/open-incet/").status_code == 200


@pytest.mark.django_db
def test_translating_a_parent_with_its_subtree_keeps_the_english_tree_intact(
    client, moderator_client, english_home, programmes, django_capture_on_commit_callbacks
):
    """The whole path with the site's own settings, where new translations are drafts.

    With these settings wagtail-localize's bug does not show by itself, so this test would pass without
    the repair: test_upstream_bug_is_real_and_repaired is the one that fails without it. This one guards
    the path editors take, from "Translate this page" to publishing the parent and then its children.
    """
    italian_paths = list(Page.objects.filter(locale__language_code="it").values_list("path", "numchild"))

    with django_capture_on_commit_callbacks(execute=True):
        assert submit_translation(moderator_client, programmes, include_subtree=True).status_code == 302

    translated_index = english(programmes)
    assert ProgrammeIndexPage.objects.filter(locale__language_code="en").get() == translated_index
    assert ProgrammePage.objects.filter(locale__language_code="en").count() == 2
    assert english_tree_is_whole(client, programmes)
    assert not Page.objects.filter(locale__language_code="en", depth__gt=2, live=True).exists(), "drafts"
    # The Moderator publishes them: the parent first, then its children.
    for page in [translated_index, *translated_index.get_children().specific()]:
        publish_in_translation_editor(moderator_client, page, django_capture_on_commit_callbacks)
    assert english_tree_is_whole(client, programmes)
    for slug in ("open-incet", "firstlife"):
        assert client.get(f"/en/programmi/{slug}/").status_code == 200
    assert list(Page.objects.filter(locale__language_code="it").values_list("path", "numchild")) == italian_paths
    english_home.refresh_from_db()
    assert english_home.numchild == 1 and english_home.get_children().get().pk == translated_index.pk


@pytest.mark.django_db
def test_only_moderators_may_sync_translations_which_can_publish_them(
    client, editor_client, translator_client, english_home, project, locale_en
):
    """wagtail-localize's migrations let "Editors" submit translations; setup_editorial_groups takes that back."""
    factories.translate(project.get_parent(), locale_en, title="Projects", slug="projects")
    draft = factories.translate(project, locale_en, publish=False, title="Neighbourhood lab", slug="lab")
    source = TranslationSource.objects.get_for_instance(project)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])

    for user_client in (editor_client, translator_client):
        response = user_client.post(sync, {"publish_translations": "on"})
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        draft.refresh_from_db()
        assert not draft.live
    assert client.get("/en/projects/lab/").status_code == 404


@pytest.mark.django_db
def test_only_moderators_may_unhook_a_translation_from_its_original(
    moderator_client, translator_client, english_home, project, locale_en
):
    """Stopping the sync or making an alias would let the English facts drift from, or be replaced by, the Italian."""
    factories.translate(project.get_parent(), locale_en, title="Projects", slug="projects")
    translated = factories.translate(project, locale_en, title="Neighbourhood lab", slug="lab")
    translation = Translation.objects.get(source__object_id=project.translation_key, target_locale=locale_en)
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    alias = reverse("wagtail_localize:convert_to_alias", args=[translated.pk])

    for refused in (
        translator_client.post(stop, {"next": edit_url}, follow=True),
        translator_client.get(alias, {"next": edit_url}, follow=True),
        translator_client.post(alias, {"next": edit_url}, follow=True),
    ):
        assert refused.redirect_chain[0] == (edit_url, 302)
        assert any("Only Moderators" in str(m) or "Solo i moderatori" in str(m) for m in refused.context["messages"])
    translation.refresh_from_db()
    translated.refresh_from_db()
    assert translation.enabled and translated.alias_of_id is None

    assert moderator_client.get(alias, {"next": edit_url}).status_code == 200, "the confirmation page"
    assert moderator_client.post(stop, {"next": edit_url}).status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled
