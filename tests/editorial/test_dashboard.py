"""The editors' dashboard on the admin home (editorial/dashboard.py): the work waiting for each role, in the
languages they work in, with links to where it is done; and the editors' guide served inside the admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsPage
from projects.models import ProjectPage
from tests import factories


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one("#editors-dashboard")
    assert panel is not None, "the dashboard is on the admin home"
    sections = {}
    for section in panel.select("[data-dashboard-section]"):
        sections[section["data-dashboard-section"]] = {
            "count": int(section.select_one("[data-count]").get_text()),
            "links": [a["href"] for a in section.select("li a")],
        }
    guide = panel.select_one("[data-editors-guide]")["href"]
    return sections, guide


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.fixture
def work(project, news_index, translate, editor, moderator, time_machine):
    """Work of every kind: a submitted page, an editor's draft, an out-of-date translation, an embargo
    ending in three days, a scheduled publication."""
    english = translate(project, title="Neighbourhood lab")
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=1))

    project = ProjectPage.objects.get(pk=project.pk)
    project.summary = "Una nuova sintesi."
    project.save_revision(user=moderator).publish()  # the English page is now behind

    submitted = factories.ProjectPageFactory(parent=project.get_parent(), title="Orti urbani", slug="orti")
    submitted = ProjectPage.objects.get(pk=submitted.pk)
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)

    draft = factories.StandardPageFactory(parent=project.get_parent().get_parent(), title="Bozza", slug="bozza")
    draft = Page.objects.get(pk=draft.pk).specific
    draft.introduction = "Da finire."
    draft.save_revision(user=editor)

    release = factories.NewsPageFactory(
        parent=news_index, title="Comunicato", embargo_until=timezone.now() + datetime.timedelta(days=3)
    )
    later = factories.NewsPageFactory(
        parent=news_index, title="Più avanti", embargo_until=timezone.now() + datetime.timedelta(days=20)
    )

    scheduled = NewsPage.objects.get(pk=factories.NewsPageFactory(parent=news_index, title="Domani").pk)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision(user=moderator).publish()

    return {
        "english": english,
        "submitted": submitted,
        "draft": draft,
        "release": release,
        "later": later,
        "scheduled": scheduled,
    }


@pytest.mark.django_db
def test_an_editor_sees_their_drafts_and_no_review_queue(editor_client, work):
    sections, guide = dashboard(editor_client)

    assert "review" not in sections  # Editors approve nothing
    # Their draft, and their page waiting for approval: both still unpublished work of theirs.
    assert sections["drafts"]["count"] == 2
    assert set(sections["drafts"]["links"]) == {edit_url(work["draft"]), edit_url(work["submitted"])}
    assert sections["embargoes"]["links"] == [edit_url(work["release"])]
    assert sections["scheduled"]["links"] == [edit_url(work["scheduled"])]
    assert edit_url(work["english"]) in sections["translations"]["links"]
    assert guide == "/admin/guide/"


@pytest.mark.django_db
def test_a_moderator_sees_what_waits_for_review(moderator_client, work):
    sections, _guide = dashboard(moderator_client)

    assert sections["review"]["count"] == 1
    assert sections["review"]["links"] == [edit_url(work["submitted"])]
    assert sections["drafts"]["count"] == 0  # the editor's drafts are not theirs; their scheduled page is below
    assert sections["scheduled"]["links"] == [edit_url(work["scheduled"])]
    assert sections["embargoes"]["count"] == 1  # the release ending in 20 days is not there yet


@pytest.mark.django_db
def test_a_translator_sees_only_the_languages_they_translate(translator_client, work):
    sections, _guide = dashboard(translator_client)

    assert "review" not in sections
    assert sections["translations"]["links"] == [edit_url(work["english"])]
    # The Italian release, draft and scheduled page are not in a Translator's languages.
    assert sections["embargoes"]["count"] == sections["scheduled"]["count"] == sections["drafts"]["count"] == 0
    figures = sections["figures"]
    assert all("language=en" in link for link in figures["links"])


@pytest.mark.django_db
def test_the_flagged_figures_link_the_report_in_each_language(editor_client, work):
    sections, _guide = dashboard(editor_client)

    figures = sections["figures"]
    assert figures["count"] >= 1  # the factories' figures describe 2016
    assert figures["links"] and all(link.startswith("/admin/reports/evidence-health/?") for link in figures["links"])


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("it", "guida"), ("en", "editors' guide")])
def test_the_guide_is_served_in_the_admin_in_the_users_language(editor, editor_client, language, title):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()

    response = editor_client.get("/admin/guide/")
    soup = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 200
    article = soup.select_one("article.editors-guide")
    assert article["lang"] == language
    assert title in article.find("h1").get_text().lower()
    assert not article.find("script")
    assert any(a["href"].startswith("/admin/guide/") for a in soup.select("a[hreflang]"))


def test_the_guide_shows_markup_as_text_and_drops_unsafe_links():
    from editorial.guide import render

    html = render(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](guida-redazione.md#ruoli) [z](../README.md)"
    )

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert 'href="/admin/guide/it/#ruoli"' in html
    assert "<span>z</span>" in html and "README" not in html


@pytest.mark.django_db
def test_an_unknown_guide_language_is_a_404(editor_client):
    assert editor_client.get("/admin/guide/xx/").status_code == 404
