"""The page editor's checkboxes offer the themes and related pages in the page's own language.

Themes, programmes and projects exist once per language: listing both would show each of them
twice. A choice already stored in the other language (no translation of it yet) stays listed and
ticked, marked with its language, so saving the page neither drops it nor fails.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from news.models import NewsPage
from projects.models import ProjectPage
from tests import admin_forms, factories
from tests.demo_database import kept


def checkboxes(response, name):
    """{label: ticked} for the checkboxes called ``name`` in the editor, in the order shown."""
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    boxes = doc.select(f'input[type="checkbox"][name="{name}"]')
    assert boxes, f"no {name} checkboxes in the editor"
    return {box.find_parent("label").get_text(strip=True): box.has_attr("checked") for box in boxes}


def stop_synced_translation(client, page):
    """Stop the synced translation of ``page`` (wagtail-localize's menu item), so it opens in the page editor."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": admin_forms.edit_url(page)}
    )
    assert response.status_code == 302


@kept
def themes(theme, locale_en):
    """Mobilità and Ambiente in Italian, with their English translations Mobility and Environment."""
    environment = factories.ThemeFactory(name="Ambiente", slug="ambiente")
    english = [
        factories.translate(theme, locale_en, name="Mobility", slug="mobility"),
        factories.translate(environment, locale_en, name="Environment", slug="environment"),
    ]
    return {"it": [theme, environment], "en": english}


@kept
def english_project(project, themes, translate):
    english_programme = translate(project.programme, title="Social Innovation Turin")
    english = translate(project, title="Neighbourhood lab")
    assert english.programme == english_programme
    return english


# --- a project's themes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_italian_project_offers_the_italian_themes(admin_client, project, themes):
    offered = checkboxes(admin_client.get(admin_forms.edit_url(project)), "themes")

    assert offered == {"Ambiente": False, "Mobilità": True}
    assert list(offered) == ["Ambiente", "Mobilità"]  # by name


@pytest.mark.django_db
def test_a_new_english_project_offers_the_english_themes(admin_client, english_project, themes):
    english_index = english_project.get_parent()

    offered = checkboxes(admin_client.get(admin_forms.add_url(ProjectPage, english_index)), "themes")

    assert offered == {"Environment": False, "Mobility": False}


@pytest.mark.django_db
def test_a_new_italian_project_offers_the_italian_themes(admin_client, project_index, themes):
    offered = checkboxes(admin_client.get(admin_forms.add_url(ProjectPage, project_index)), "themes")

    assert offered == {"Ambiente": False, "Mobilità": False}


@pytest.mark.django_db
def test_an_english_project_edited_directly_offers_the_english_themes(admin_client, english_project, themes):
    assert list(english_project.themes.all()) == [themes["en"][0]]  # moved to English by base/languages.py
    stop_synced_translation(admin_client, english_project)

    offered = checkboxes(admin_client.get(admin_forms.edit_url(english_project)), "themes")

    assert offered == {"Environment": False, "Mobility": True}


@pytest.mark.django_db
def test_a_new_english_project_with_english_themes_is_saved(admin_client, english_project, themes):
    english_index = english_project.get_parent()
    data = admin_forms.project_page_form(title="Autonomous shuttle", slug="autonomous-shuttle", themes=themes["en"])

    response = admin_client.post(admin_forms.add_url(ProjectPage, english_index), data)

    assert response.status_code == 302
    page = ProjectPage.objects.get(slug="autonomous-shuttle")
    assert page.locale == english_index.locale
    assert set(page.themes.all()) == set(themes["en"])


@pytest.mark.django_db
def test_the_preview_of_a_new_english_project_takes_english_themes(admin_client, english_project, themes):
    """The preview builds its page without a language: the form takes the parent's."""
    english_index = english_project.get_parent()
    url = reverse("wagtailadmin_pages:preview_on_add", args=["projects", "projectpage", english_index.pk])
    data = admin_forms.project_page_form(publish=False, title="Autonomous shuttle", themes=[themes["en"][1]])

    posted = admin_client.post(url, data)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert "Environment" in admin_client.get(url).content.decode()
    refused = admin_client.post(url, admin_forms.project_page_form(publish=False, themes=[themes["it"][1]]))
    assert refused.json()["is_valid"] is False


@pytest.mark.django_db
def test_saving_a_project_with_a_theme_of_its_language(admin_client, project, themes):
    data = admin_forms.project_page_form(
        title=project.title, slug=project.slug, programme=project.programme, themes=[themes["it"][1]]
    )

    response = admin_client.post(admin_forms.edit_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert list(project.themes.all()) == [themes["it"][1]]
    assert list(project.get_latest_revision_as_object().themes.all()) == [themes["it"][1]]


@pytest.mark.django_db
def test_a_theme_of_the_other_language_is_not_accepted(admin_client, project, themes):
    """Not offered, so only a stale or forged form could send it: refused as any unknown choice is."""
    data = admin_forms.project_page_form(
        title=project.title, slug=project.slug, programme=project.programme, themes=[themes["en"][1]]
    )

    response = admin_client.post(admin_forms.edit_url(project), data)

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"themes"}
    project.refresh_from_db()
    assert list(project.themes.all()) == [themes["it"][0]]


@pytest.mark.django_db
def test_a_stored_theme_of_the_other_language_stays_listed_and_is_kept(
    admin_client, project, theme, locale_en, translate
):
    """An Italian theme not translated yet: the English page keeps pointing at it (base/languages.py).

    The English editor lists it, ticked and marked "Italiano"; saving keeps it rather than dropping it.
    """
    untranslated = factories.ThemeFactory(name="Cultura", slug="cultura")
    english_theme = factories.translate(theme, locale_en, name="Mobility", slug="mobility")
    project.themes.add(untranslated)
    project.save_revision().publish()
    english = translate(project, title="Neighbourhood lab")
    assert set(english.themes.all()) == {english_theme, untranslated}
    stop_synced_translation(admin_client, english)

    offered = checkboxes(admin_client.get(admin_forms.edit_url(english)), "themes")
    assert offered == {"Cultura (Italiano)": True, "Mobility": True}

    data = admin_forms.project_page_form(
        title="Neighbourhood lab", slug=english.slug, themes=[english_theme, untranslated]
    )
    response = admin_client.post(admin_forms.edit_url(english), data)

    assert response.status_code == 302
    english.refresh_from_db()
    assert set(english.themes.all()) == {english_theme, untranslated}

    # Once it is translated, the English page points at the translation, which the editor then offers.
    english_culture = factories.translate(untranslated, locale_en, name="Culture", slug="culture")
    assert set(english.themes.all()) == {english_theme, english_culture}
    assert checkboxes(admin_client.get(admin_forms.edit_url(english)), "themes") == {"Culture": True, "Mobility": True}


@pytest.mark.django_db
def test_sync_moves_the_themes_chosen_in_italian_to_english(
    admin_client, english_project, project, themes, django_capture_on_commit_callbacks
):
    """The form offers only Italian themes on the Italian page; a sync gives the English page their translations."""
    data = admin_forms.project_page_form(
        title=project.title, slug=project.slug, programme=project.programme, themes=themes["it"]
    )
    assert admin_client.post(admin_forms.edit_url(project), data).status_code == 302
    source = TranslationSource.objects.get_for_instance(project)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )

    assert response.status_code == 302
    english_project.refresh_from_db()
    assert set(english_project.themes.all()) == set(themes["en"])


# --- a news item's related programmes and projects ------------------------------------------------------


@kept
def english_news_index(news_index, translate):
    return translate(news_index, title="News")


@pytest.mark.django_db
def test_an_italian_news_item_offers_the_italian_programmes_and_projects(
    admin_client, news_index, english_project, project
):
    second = factories.ProjectPageFactory(parent=project.get_parent(), title="Casa del quartiere", slug="casa")
    news = factories.NewsPageFactory(parent=news_index, related_projects=[project])

    response = admin_client.get(admin_forms.edit_url(news))

    assert checkboxes(response, "related_programmes") == {"Torino Social Innovation": False}
    assert checkboxes(response, "related_projects") == {second.title: False, project.title: True}
    assert list(checkboxes(response, "related_projects")) == ["Casa del quartiere", "Laboratorio di quartiere"]


@pytest.mark.django_db
def test_a_new_english_news_item_offers_the_english_programmes_and_projects(
    admin_client, english_news_index, english_project
):
    response = admin_client.get(admin_forms.add_url(NewsPage, english_news_index))

    assert checkboxes(response, "related_programmes") == {"Social Innovation Turin": False}
    assert checkboxes(response, "related_projects") == {"Neighbourhood lab": False}


@pytest.mark.django_db
def test_an_english_news_item_edited_directly_offers_the_english_pages(
    admin_client, news_index, english_news_index, english_project, project, translate
):
    news = factories.NewsPageFactory(parent=news_index, related_programmes=[project.programme])
    english_news = translate(news, title="A new lab in Barriera")
    stop_synced_translation(admin_client, english_news)

    response = admin_client.get(admin_forms.edit_url(english_news))

    assert checkboxes(response, "related_programmes") == {"Social Innovation Turin": True}
    assert checkboxes(response, "related_projects") == {"Neighbourhood lab": False}


@pytest.mark.django_db
def test_saving_a_news_item_with_pages_of_its_language(admin_client, news_index, english_project, project):
    news = factories.NewsPageFactory(parent=news_index)
    data = admin_forms.news_page_form(title=news.title, slug=news.slug)
    data["related_programmes"] = [str(project.programme.pk)]
    data["related_projects"] = [str(project.pk)]

    response = admin_client.post(admin_forms.edit_url(news), data)

    assert response.status_code == 302
    news.refresh_from_db()
    assert list(news.related_programmes.all()) == [project.programme]
    assert list(news.related_projects.all()) == [project]
