"""`manage.py load_demo_content`: a complete site, valid as if typed in the admin, idempotent, edit-safe.

The command runs once per test process and its result is shared (the demo fixture of tests/conftest.py,
tests/demo_database.py); each test runs in a transaction rolled back at its end, so what one test changes
(an admin edit, a rerun of the command) is undone before the next.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from base.models import Contact, SiteSettings, StandardPage
from candidacy.models import RankingPage
from demo.records import read_content
from home.models import HomePage
from news.models import NewsPage, without_embargoed
from projects.models import District, ProgrammeIndexPage, ProgrammePage, ProjectPage, Theme
from tests import admin_forms
from tests.page_types import PAGE_TYPES


def load_demo_content():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out, stderr=out)
    return out.getvalue()


# The demo_content and demo fixtures are in tests/conftest.py, shared with every test that asks for the demo.


def public_pages():
    """What the public may read: live, public pages, less news under embargo (served as 404 until it lifts)."""
    return list(without_embargoed(Page.objects.live().public().filter(depth__gte=2)).specific().order_by("path"))


def snapshot():
    """Everything a rerun of the command must leave exactly as it was."""
    pages = Page.objects.order_by("pk").values_list(
        "pk", "title", "slug", "live", "latest_revision_id", "has_unpublished_changes", "locale_id", "path"
    )
    return {
        "pages": list(pages),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": list(get_document_model().objects.order_by("pk").values_list("title", "file")),
        "image_files": sorted(get_image_model().objects.values_list("file", flat=True)),
        "collections": Collection.objects.count(),
        "contacts": Contact.objects.count(),
        "themes": Theme.objects.count(),
        "districts": District.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")),
        "site_settings": SiteSettings.objects.count(),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    }


@pytest.mark.django_db
def test_every_demo_page_renders(client, demo_pages):
    pages = public_pages()

    assert {type(page) for page in pages} >= set(PAGE_TYPES)
    assert not [p for p in pages if type(p) is Page], "Wagtail's welcome page should be gone"
    failures = {}
    for page in pages:
        url = page.get_url()
        response = demo_pages.get(client, url) if url else None
        if response is None or response.status_code != 200:
            failures[f"{type(page).__name__} {page.title!r}"] = (url, response and response.status_code)
    assert not failures


@pytest.mark.django_db
def test_demo_content_is_complete(client, demo):
    italian = Locale.objects.get(language_code="it")

    def live(model):
        return model.objects.live().public().filter(locale=italian)

    assert Locale.get_default() == italian
    assert {"it", "en"} <= set(Locale.objects.values_list("language_code", flat=True))
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage) and home.locale == italian and home.live
    assert live(ProgrammePage).count() >= 5
    assert live(ProjectPage).count() >= 12
    assert live(NewsPage).count() >= 6
    assert live(RankingPage).count() == 1
    assert live(StandardPage).count() >= 4  # about, press, accessibility, privacy…
    mapped = [p for p in live(ProjectPage) if p.has_place]
    assert len(mapped) >= 12
    for project in mapped:  # placed in Turin
        assert 44.95 < project.lat < 45.2 and 7.55 < project.lng < 7.8, project.title
    assert len(client.get("/projects.geojson").json()["features"]) == len(mapped)


@pytest.mark.django_db
def test_demo_content_is_valid_as_if_entered_in_the_admin(demo):
    """Every StreamField value passes its blocks' validation: key figures have sources, maps have places…"""

    errors = {}
    figures = 0
    for page in Page.objects.filter(depth__gte=2).specific():
        try:
            page.full_clean()
        except ValidationError as error:  # report every invalid page at once
            errors[f"{page.title} (full_clean)"] = error
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                value = getattr(page, field.name)
                figures += sum(1 for child in value if child.block_type in ("figure", "key_figures"))
                try:
                    field.stream_block.clean(value)
                except ValidationError as error:
                    errors[f"{page.title}.{field.name}"] = error
    assert not errors
    assert figures > 0, "the demo content should show key figures with their sources"


@pytest.mark.django_db
def test_the_report_counts_one_object_per_record_in_each_language(demo):
    content = read_content().it
    snippets, press = content["snippets"], content["press"]
    sections = sum(1 + len(content[name]["pages"]) for name in ("programmes", "projects", "news"))
    # One record each: the home, ranking and dossier pages, the press room, the open data page, the cookie notice.
    singles = [content["home"], content["ranking"], content["dossier"], press["press_room"], press["open_data"]]
    singles.append(press["cookies"])
    pages = sections + len(singles) + len(content["standard_pages"]) + len(press["press_releases"])
    per_language = (
        f"award criteria {len(snippets['award_criteria'])}, contacts {len(snippets['contacts'])}, "
        f"districts {len(snippets['districts'])}, pages {pages}, themes {len(snippets['themes'])}"
    )
    images = len(content["images"]) + len(press["media_kit"]["logos"])

    assert demo == (
        f"Demo content loaded. Created — Italian: {per_language}; English: {per_language}; "
        f"shared: documents 2, images {images}, locales 1, site settings 1, sites 1. "
        "Already there, left as they were — shared: locales 1.\n"
    )


@pytest.mark.django_db
def test_demo_content_is_idempotent(demo):
    """The module's fixture ran the command once; twice more change nothing at all."""
    first = snapshot()

    load_demo_content()
    assert snapshot() == first
    load_demo_content()
    assert snapshot() == first


@pytest.mark.django_db
def test_demo_pages_open_in_the_admin(admin_client, demo):
    italian = Locale.objects.get(language_code="it")

    for model in PAGE_TYPES:
        page = model.objects.filter(locale=italian).first()
        response = admin_client.get(admin_forms.edit_url(page))
        assert response.status_code == 200, f"{model.__name__} {page.title!r}"


@pytest.mark.django_db
def test_rerun_leaves_admin_edits_alone(admin_client, client, demo):
    index = ProgrammeIndexPage.objects.get(locale__language_code="it")
    revisions = Revision.objects.count()
    data = admin_forms.index_page_form(
        "Programmi della città",
        slug=index.slug,
        introduction="Testo riscritto dalla redazione.",
        hero_image=str(index.hero_image_id or ""),
    )

    response = admin_client.post(admin_forms.edit_url(index), data)
    assert response.status_code == 302
    assert Revision.objects.count() == revisions + 1

    load_demo_content()

    index.refresh_from_db()
    assert index.title == "Programmi della città"
    assert index.introduction == "Testo riscritto dalla redazione."
    assert index.live and not index.has_unpublished_changes
    assert Revision.objects.count() == revisions + 1
    html = client.get(index.url).content.decode()
    assert "Programmi della città" in html and "Testo riscritto dalla redazione." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "credit"), [("/sala-stampa/", "Città di Torino"), ("/en/press-room/", "City of Turin")]
)
def test_the_media_kit_credits_are_in_the_press_rooms_language(client, demo, path, credit):
    response = client.get(path)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    credits = {item.get_text(" ", strip=True) for item in soup.select(".media-kit-item__meta")}
    assert any(credit in text for text in credits)
    other = "City of Turin" if credit == "Città di Torino" else "Città di Torino"
    assert not any(other in text for text in credits), credits
