"""Preview works for every page type, from the admin form's own data, before anything is saved."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile

from base.models import StandardPage
from candidacy.models import DossierPage, RankingPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage, PressRoomPage
from opendata.models import OpenDataPage
from projects.models import ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage
from tests import admin_forms, factories
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES, name

UNSAVED = "Anteprima non salvata"


@kept
def tree(home_page, programme, project, news_index, ranking_page, standard_page):
    factories.AwardCriterionFactory(edition=2024)  # a dossier's edition is one that has criteria
    return {
        HomePage: home_page,
        StandardPage: standard_page,
        RankingPage: ranking_page,
        ProgrammeIndexPage: programme.get_parent().specific,
        ProgrammePage: programme,
        ProjectIndexPage: project.get_parent().specific,
        ProjectPage: project,
        NewsIndexPage: news_index,
        NewsPage: factories.NewsPageFactory(parent=news_index, title="Una notizia", slug="una-notizia"),
        DossierPage: factories.DossierPageFactory(parent=home_page, edition=2024),
        PressRoomPage: factories.PressRoomPageFactory(parent=home_page),
        OpenDataPage: factories.OpenDataPageFactory(parent=home_page),
    }


def form_for(model, page, **overrides):
    """The admin form of ``model`` as a browser would post it, keeping ``page``'s slug."""
    overrides.setdefault("slug", page.slug if page else "anteprima")
    if model is HomePage:
        return admin_forms.home_page_form(publish=False, **overrides)
    if model is StandardPage:
        return admin_forms.standard_page_form(publish=False, **overrides)
    if model is RankingPage:
        return admin_forms.ranking_page_form(publish=False, **overrides)
    if model is ProgrammePage:
        return admin_forms.programme_page_form(publish=False, **overrides)
    if model is ProjectPage:
        return admin_forms.project_page_form(publish=False, themes=[], **overrides)
    if model is NewsPage:
        return admin_forms.news_page_form(publish=False, **overrides)
    if model is DossierPage:
        return admin_forms.dossier_page_form(publish=False, **overrides)
    if model is PressRoomPage:
        return admin_forms.press_room_page_form(publish=False, **overrides)
    if model is OpenDataPage:
        return admin_forms.open_data_page_form(publish=False, **overrides)
    return admin_forms.index_page_form(overrides.pop("title"), publish=False, **overrides)


def preview(client, url, data):
    """Post the form to the preview URL as the editor's preview panel does, then load the preview."""
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=name)
def test_preview_of_unsaved_changes(admin_client, client, tree, model):
    page = tree[model]
    revisions = page.revisions.count()

    doc = preview(
        admin_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        form_for(model, page, title=UNSAVED),
    )

    assert doc.select_one("h1").get_text(strip=True) == UNSAVED
    assert doc.html["lang"] == "it"
    page.refresh_from_db()
    assert page.title != UNSAVED and page.revisions.count() == revisions, "a preview saves nothing"
    assert UNSAVED not in client.get(page.url).content.decode()


CREATABLE = [
    (StandardPage, HomePage),
    (ProgrammePage, ProgrammeIndexPage),
    (ProjectPage, ProjectIndexPage),
    (NewsPage, NewsIndexPage),
    (DossierPage, HomePage),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model,parent_model", CREATABLE, ids=lambda m: m.__name__)
def test_preview_of_a_page_not_created_yet(admin_client, tree, model, parent_model):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=[model._meta.app_label, model._meta.model_name, tree[parent_model].pk]
    )
    pages = Page.objects.count()

    doc = preview(admin_client, url, form_for(model, None, title=UNSAVED))

    assert doc.select_one("h1").get_text(strip=True) == UNSAVED
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_invalid_form_is_reported_not_previewed(admin_client, tree):
    page = tree[ProjectPage]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

    response = admin_client.post(url, form_for(ProjectPage, page, title=UNSAVED, end_date="2000-01-01"))

    assert response.status_code == 200
    assert response.json()["is_valid"] is False


@pytest.mark.django_db
def test_preview_speaks_the_page_language_not_the_editor_language(admin_user, admin_client, tree, locale_en):
    """An editor whose admin is in English previews an Italian page in Italian, and vice versa."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    italian = tree[ProjectIndexPage]
    english_home = factories.translate(tree[HomePage], locale_en, title="Torino Innovation", slug="home-en")
    english = factories.translate(italian, locale_en, title="Projects", slug="projects")
    factories.translate(tree[ProjectPage], locale_en, title="Neighbourhood lab", slug="neighbourhood-lab")

    doc = preview(
        admin_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[italian.pk]),
        form_for(ProjectIndexPage, italian, title="Progetti"),
    )
    assert doc.html["lang"] == "it"
    assert "Mostra i progetti" in doc.text  # the filter button, in Italian
    assert "Laboratorio di quartiere" in doc.text and "Neighbourhood lab" not in doc.text

    profile.preferred_language = "it"
    profile.save()
    english_view = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[english.pk]))
    english_doc = BeautifulSoup(english_view.content, "html.parser")
    assert english_view.status_code == 200 and english_home.live
    assert english_doc.html["lang"] == "en"
    assert "Show projects" in english_doc.text
    assert "Neighbourhood lab" in english_doc.text and "Laboratorio di quartiere" not in english_doc.text


@pytest.mark.django_db
def test_preview_of_a_new_page_in_a_bilingual_site(admin_client, tree, locale_en):
    """A page not saved yet has no address: its preview shows no switcher link or alternate to nowhere."""
    factories.translate(tree[HomePage], locale_en, title="Torino Innovation", slug="home-en")
    url = reverse("wagtailadmin_pages:preview_on_add", args=["base", "standardpage", tree[HomePage].pk])

    doc = preview(admin_client, url, form_for(StandardPage, None, title=UNSAVED))

    assert doc.select_one("h1").get_text(strip=True) == UNSAVED
    hrefs = [a["href"] for a in doc.select("nav.language-switcher a")] + [
        link["href"] for link in doc.select("link[rel=alternate]")
    ]
    assert "None" not in hrefs and "" not in hrefs
