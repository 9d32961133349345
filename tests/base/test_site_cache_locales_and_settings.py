"""The active language's Locale and the site settings (with their texts) kept with the host's site
(base/site_cache.py): read from the cache instead of the database at every page, one query and two fewer, and any
change (a Locale added or deleted, a setting, a text, a footer link, in the admin's form or by another app server)
seen at the very next request, in both languages."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

import base.models
from base import cache_invalidation, route_cache, site_cache
from base.models import SiteSettings, SiteSettingsText
from tests import factories
from tests.base.site_settings import ENGLISH, ITALIAN, settings_form, store, text_form

LANGUAGES = [("/", "it"), ("/en/", "en")]


@pytest.fixture
def site_settings(home_page, english_home):
    """The default site's settings, in Italian and English."""
    return store(Site.objects.get(is_default_site=True), email="urp@comune.torino.it")


def get(client, path):
    """(the response, its queries' SQL)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def locale_lookups(queries):
    """``Locale.get_active()``'s query (``Locale.objects.get_for_language``)."""
    return [sql for sql in queries if 'FROM "wagtailcore_locale" WHERE' in sql]


def settings_reads(queries):
    return [sql for sql in queries if 'FROM "base_sitesettings' in sql]


def text(response):
    return response.content.decode()


def settings_url():
    return reverse("wagtailsettings:edit", args=["base", "sitesettings", Site.objects.get(is_default_site=True).pk])


# --- one query fewer: the Locale ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "language"), LANGUAGES)
def test_the_home_page_in_each_language_reads_no_locale(
    client, site_settings, english_home, path, language, monkeypatch
):
    home = site_settings.site.root_page
    get(client, path)
    kept, kept_queries = get(client, path)
    # Wagtail's ``.localized``, which reads the active language's Locale at every request.
    monkeypatch.setattr(route_cache, "localized", lambda page: page.localized)
    wagtail, wagtail_queries = get(client, path)
    assert kept.context["page"].pk == wagtail.context["page"].pk == (home.pk if language == "it" else english_home.pk)
    assert locale_lookups(kept_queries) == []
    assert len(locale_lookups(wagtail_queries)) == 1
    assert len(kept_queries) == len(wagtail_queries) - 1


@pytest.mark.django_db
@pytest.mark.parametrize("i18n", [True, False])
@pytest.mark.parametrize("language", ["it", "en", "en-gb", "fr", None])
def test_localized_answers_as_wagtail(home_page, english_home, settings, i18n, language):
    """Wagtail's semantics: a language variant as ``get_supported_content_language_variant`` reads it, the default
    language for one of no content locale (or none), the translation only when live."""
    settings.WAGTAIL_I18N_ENABLED = i18n
    root = Page.objects.get(pk=home_page.pk)
    for page in (root, Page.objects.get(pk=english_home.pk)):
        with translation.override(language):
            assert site_cache.localized(page) == page.localized
    Page.objects.filter(pk=english_home.pk).update(live=False)
    with translation.override(language):
        assert site_cache.localized(root) == root.localized == root


@pytest.mark.django_db
def test_with_no_locale_for_the_default_language_the_page_itself_is_answered(home_page, english_home):
    root = Page.objects.get(pk=english_home.pk)
    Locale.objects.filter(language_code="it").update(language_code="de")  # no Italian Locale, nor a bump: a new one
    site_cache.bump()
    with translation.override("fr"):
        assert site_cache.localized(root) == root.localized == root


@pytest.mark.django_db
def test_a_locale_added_is_used_at_the_next_request(client, home_page):
    english = Locale.objects.get(language_code="en")
    Page.objects.filter(locale=english).delete()
    english.delete()
    get(client, "/")
    assert "en" not in site_cache.locale_ids()  # kept without English
    english = Locale.objects.create(language_code="en")
    english_home = factories.translate(Page.objects.get(pk=home_page.pk).specific, english, title="Torino", slug="en")
    assert get(client, "/en/")[0].context["page"].pk == english_home.pk
    assert get(client, "/")[0].context["page"].pk == home_page.pk


@pytest.mark.django_db
def test_a_locale_deleted_is_forgotten_at_the_next_request(client, home_page, english_home):
    assert get(client, "/en/")[0].context["page"].pk == english_home.pk
    english = Locale.objects.get(language_code="en")
    Page.objects.filter(locale=english).delete()
    english.delete()
    with translation.override("en"):
        # As Wagtail answers it: the default language's home page, not a translation in a locale now gone.
        root = Page.objects.get(pk=home_page.pk)
        assert site_cache.localized(root) == root.localized == root
    assert site_cache.locale_ids() == {"it": home_page.locale_id}
    assert get(client, "/")[0].context["page"].pk == home_page.pk


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("view", ["search", "projects_geojson", "projects_csv"])
def test_views_that_are_not_pages_read_no_locale_and_answer_in_their_language(
    client, site_settings, english_home, translate, project, view, language
):
    """The search (its results and its menu, which names the home page of the language), the GeoJSON and the CSV
    take the request's language from the Locales kept with the site: no query for it, the same answer."""
    english = translate(project, title="Neighbourhood workshop")
    with translation.override(language):
        path = reverse(view) + ("?q=laboratorio" if language == "it" else "?q=workshop") * (view == "search")
    get(client, path)
    response, queries = get(client, path)
    assert locale_lookups(queries) == []
    shown, hidden = (project, english) if language == "it" else (english, project)
    body = response.content.decode()
    assert shown.title in body and hidden.title not in body
    if view == "search":
        assert response.context["results_page"]
        home = english_home if language == "en" else site_settings.site.root_page
        assert f'href="{home.url}"' in body


# --- two queries fewer: the site settings --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "language"), LANGUAGES)
def test_a_page_reads_the_site_settings_and_their_texts_from_the_cache(
    client, site_settings, path, language, monkeypatch
):
    get(client, path)
    kept, kept_queries = get(client, path)
    # Wagtail's: the settings, then their texts, read at every request.
    monkeypatch.setattr(base.models, "site_settings_for", lambda model, site: model.for_site(site))
    wagtail, wagtail_queries = get(client, path)
    assert settings_reads(kept_queries) == []
    assert len(settings_reads(wagtail_queries)) == 2
    assert len(kept_queries) == len(wagtail_queries) - 2
    expected = (ITALIAN if language == "it" else ENGLISH)["organisation_name"]
    assert expected in text(kept) and expected in text(wagtail)
    assert "urp@comune.torino.it" in text(kept)


@pytest.mark.django_db
def test_the_home_page_in_three_queries_fewer_than_before(
    client, site_settings, django_assert_num_queries, monkeypatch
):
    """The budgets: the Italian home page in 5 queries with the site kept, the English one in 6 (its translation);
    8 and 9 before (the active language's Locale, the settings, their texts)."""
    budgets = {"/": 5, "/en/": 6}
    for path, budget in budgets.items():
        get(client, path)
        with django_assert_num_queries(budget):
            client.get(path)
    monkeypatch.setattr(route_cache, "localized", lambda page: page.localized)
    monkeypatch.setattr(base.models, "site_settings_for", lambda model, site: model.for_site(site))
    for path, budget in budgets.items():
        with django_assert_num_queries(budget + 3):
            client.get(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"email": "nuovo@comune.torino.it"},
        {"phone": "011 222 3333"},
    ],
)
def test_a_setting_changed_in_the_admin_is_shown_at_the_next_request(admin_client, client, site_settings, change):
    for path, _language in LANGUAGES:
        get(client, path)
    texts = [{"id": text.pk, **text_form(text.locale.language_code)} for text in site_settings.texts.all()]
    response = admin_client.post(settings_url(), settings_form(texts, initial=len(texts), **change))
    assert response.status_code == 302
    for path, _language in LANGUAGES:
        assert next(iter(change.values())) in text(get(client, path)[0])


@pytest.mark.django_db
def test_a_text_changed_in_the_admin_is_shown_at_the_next_request_in_its_language(admin_client, client, site_settings):
    for path, _language in LANGUAGES:
        get(client, path)
    texts = [
        {"id": text.pk, **text_form(text.locale.language_code, organisation_name=f"Nuovo nome {text.locale}")}
        for text in site_settings.texts.select_related("locale")
    ]
    assert admin_client.post(settings_url(), settings_form(texts, initial=len(texts))).status_code == 302
    for path, language in LANGUAGES:
        shown = text(get(client, path)[0])
        assert f"Nuovo nome {Locale.objects.get(language_code=language)}" in shown


@pytest.mark.django_db
def test_a_text_deleted_in_the_admin_is_gone_at_the_next_request(admin_client, client, site_settings):
    assert ENGLISH["organisation_name"] in text(get(client, "/en/")[0])
    texts = [
        {"id": text.pk, **text_form(text.locale.language_code)} for text in site_settings.texts.select_related("locale")
    ]
    for form in texts:
        if form["locale"] == Locale.objects.get(language_code="en").pk:
            form["DELETE"] = "on"
    assert admin_client.post(settings_url(), settings_form(texts, initial=len(texts))).status_code == 302
    assert not SiteSettingsText.objects.filter(locale__language_code="en").exists()
    shown = text(get(client, "/en/")[0])
    assert ENGLISH["organisation_name"] not in shown
    assert ITALIAN["organisation_name"] in shown  # the Italian texts, as for a language without its own


@pytest.mark.django_db
def test_a_text_deleted_alone_is_gone_at_the_next_request(client, site_settings):
    assert ENGLISH["organisation_name"] in text(get(client, "/en/")[0])
    site_settings.texts.get(locale__language_code="en").delete()
    assert ITALIAN["organisation_name"] in text(get(client, "/en/")[0])


@pytest.mark.django_db
def test_a_footer_link_added_in_the_admin_is_shown_at_the_next_request(admin_client, client, site_settings):
    page = factories.StandardPageFactory(
        parent=site_settings.site.root_page, title="Dichiarazione di accessibilità", slug="accessibilita"
    )
    for path, _language in LANGUAGES:
        assert page.title not in text(get(client, path)[0])
    texts = [
        {"id": text.pk, **text_form(text.locale.language_code)} for text in site_settings.texts.select_related("locale")
    ]
    data = settings_form(texts, initial=len(texts))
    data.update(settings_form(texts, initial=len(texts), footer_links=_footer_links(page)))
    assert admin_client.post(settings_url(), data).status_code == 302
    # Shown in both languages (the English page falls back to the Italian one, which has no translation).
    for path, _language in LANGUAGES:
        assert page.title in text(get(client, path)[0])


def _footer_links(page):
    from wagtail.test.utils.form_data import streamfield

    return streamfield([("page", page.pk)])


def another_app_server_saved():
    """What a save on another app server leaves in the cache this one shares with it: both generations replaced."""
    cache.set(site_cache.GENERATION_KEY, "another app server's", None)
    cache.set(cache_invalidation.GENERATION_KEY, "another app server's", None)


@pytest.mark.django_db
def test_a_change_made_by_another_app_server_is_seen_through_the_shared_cache(client, site_settings):
    for path, _language in LANGUAGES:
        get(client, path)
    # Saved by another app server: no signal here, only the generations it replaced in the cache they share (the
    # site's, and the content's, under which the pages and their chrome are kept).
    SiteSettings.objects.filter(pk=site_settings.pk).update(email="altro@comune.torino.it")
    SiteSettingsText.objects.filter(locale__language_code="en").update(organisation_name="Turin City Council")
    another_app_server_saved()
    for path, _language in LANGUAGES:
        assert "altro@comune.torino.it" in text(get(client, path)[0])
    assert "Turin City Council" in text(get(client, "/en/")[0])


@pytest.mark.django_db
def test_a_locale_added_by_another_app_server_is_seen_through_the_shared_cache(client, home_page):
    english = Locale.objects.get(language_code="en")
    Page.objects.filter(locale=english).delete()
    Locale.objects.filter(pk=english.pk).delete()
    site_cache.bump()
    get(client, "/")
    assert "en" not in site_cache.locale_ids()
    Locale.objects.bulk_create([Locale(language_code="en")])  # no signal here
    english = Locale.objects.get(language_code="en")
    english_home = factories.translate(Page.objects.get(pk=home_page.pk).specific, english, title="Torino", slug="en")
    another_app_server_saved()
    assert get(client, "/en/")[0].context["page"].pk == english_home.pk


@pytest.mark.django_db
def test_with_redis_down_the_locale_and_settings_are_read_from_the_database(client, site_settings, redis_down):
    redis_down()
    for _ in range(2):
        for path, language in LANGUAGES:
            response, queries = get(client, path)
            assert (ITALIAN if language == "it" else ENGLISH)["organisation_name"] in text(response)
            assert len(settings_reads(queries)) == 2
            assert 'FROM "wagtailcore_locale"' in " ".join(queries)
    assert get(client, "/en/")[0].context["page"].pk == Page.objects.get(locale__language_code="en", depth=2).pk
    SiteSettingsText.objects.filter(locale__language_code="en").update(organisation_name="Turin City Council")
    assert "Turin City Council" in text(get(client, "/en/")[0])


@pytest.mark.django_db
def test_the_admin_reads_the_settings_from_the_database(admin_client, client, site_settings):
    """The settings form loads (``for_site``) and saves the stored row, never the one kept for the pages; and the
    admin's own reads (``for_request``: the dashboard, the reports) are Wagtail's too."""
    get(client, "/")
    SiteSettings.objects.filter(pk=site_settings.pk).update(email="nel-database@comune.torino.it")  # no bump
    assert "nel-database@comune.torino.it" not in text(get(client, "/")[0])  # stale until a change is told
    form = admin_client.get(settings_url())
    assert form.context["form"].instance.email == "nel-database@comune.torino.it"
    assert form.context["form"].instance._state.db == "default"
    request = form.wsgi_request
    assert SiteSettings.for_request(request).email == "nel-database@comune.torino.it"


@pytest.mark.django_db
def test_a_host_of_no_site_still_gets_empty_unsaved_settings(rf, home_page):
    Site.objects.update(is_default_site=False)
    request = rf.get("/", HTTP_HOST="nessuno.example")
    found = SiteSettings.for_request(request)
    assert found.pk is None and found.email == ""
    assert SiteSettings.for_request(request) is found  # kept on the request, as Wagtail does
    assert not SiteSettings.objects.filter(site=None).exists()
