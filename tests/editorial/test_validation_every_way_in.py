"""One validation for every way in (issue #10): no javascript:, data: or vbscript: links and no markup where
text is expected, whether a value comes from the page editor, the translation editor, a snippet or the
site settings, a bulk action, a restored version or a command; and none reaches the public HTML even if
one is forced into the database (base/validators.py, editorial/translation_guards.py)."""

import html
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import wagtail_localize
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DataError, connection, transaction
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import streamfield
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.views.edit_translation import SegmentOverrideSerializer, StringTranslationSerializer

from base.models import Contact, SiteSettings, SiteSettingsText, StandardPage
from base.validators import SafeContentMixin, text_problem, url_problem
from candidacy.models import AwardCriterion, CriterionEvidence
from demo import records as demo_records
from projects.models import District, ProgrammePage, Theme
from tests import admin_forms, factories
from tests.base.site_settings import settings_form, text_form
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES

DANGEROUS_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript\x00:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]
MARKUP = [
    "<script>alert(1)</script>",
    '<a href="https://example.org/">qui</a>',
    "<img src=x onerror=alert(1)>",
    "Testo </p><p>altro",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
PLAIN_TEXT = ["< 5 km dal centro", "a <= b, c > d", "1 < 2", "Torino > Milano?"]
SAFE_URLS = [
    "https://www.comune.torino.it/",
    "http://example.org/a?b=1#c",
    "mailto:stampa@comune.torino.it",
    "tel:+390110111111",
    "/chi-siamo/",
    "#contatti",
]


def is_dangerous_href(href):
    """What a browser would run: the scheme after entities, whitespace and control characters are undone."""
    decoded = re.sub(r"[\x00-\x20]", "", unquote(html.unescape(href or ""))).lower()
    return decoded.startswith(("javascript:", "data:", "vbscript:"))


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


# --- the checks themselves ------------------------------------------------------------------------


@pytest.mark.parametrize("value", DANGEROUS_URLS + ["ftp://example.org/", "//evil.example/", "pagina.html"])
def test_only_safe_links_pass(value):
    assert url_problem(value) is not None


@pytest.mark.parametrize("value", SAFE_URLS)
def test_safe_links_pass(value):
    assert url_problem(value) is None


@pytest.mark.parametrize("value", MARKUP)
def test_markup_is_not_text(value):
    assert text_problem(value) is not None


@pytest.mark.parametrize("value", PLAIN_TEXT)
def test_less_than_and_greater_than_are_text(value):
    assert text_problem(value) is None


def test_every_page_type_and_snippet_runs_the_checks():
    for model in [
        *PAGE_TYPES,
        Contact,
        SiteSettings,
        SiteSettingsText,
        AwardCriterion,
        CriterionEvidence,
        District,
        Theme,
    ]:
        assert issubclass(model, SafeContentMixin), model


# --- the page editor ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("where", ["heading block", "quote block", "introduction", "title"])
def test_page_editor_refuses_markup_in_text(client, moderator_client, home_page, value, where):
    body = [("heading", {"text": "Chi siamo", "level": "h2"})]
    fields = {"title": "Chi siamo", "slug": "chi-siamo"}
    if where == "heading block":
        body = [("heading", {"text": value, "level": "h2"})]
    elif where == "quote block":
        body.append(("quote", {"text": value, "attribution": "", "role": ""}))
    elif where == "introduction":
        fields["introduction"] = value
    else:
        fields["title"] = value

    response = moderator_client.post(
        admin_forms.add_url(StandardPage, home_page), admin_forms.standard_page_form(body=streamfield(body), **fields)
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not StandardPage.objects.filter(slug="chi-siamo").exists()
    assert client.get("/chi-siamo/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("value", PLAIN_TEXT)
def test_page_editor_keeps_less_than_as_text(client, moderator_client, home_page, value):
    body = streamfield([("heading", {"text": value, "level": "h2"})])
    data = admin_forms.standard_page_form(title="Distanze", slug="distanze", introduction=value, body=body)

    assert moderator_client.post(admin_forms.add_url(StandardPage, home_page), data).status_code == 302

    page_html = client.get("/distanze/").content.decode()
    assert html.escape(value, quote=False) in page_html


@pytest.mark.django_db
@pytest.mark.parametrize("value", DANGEROUS_URLS)
@pytest.mark.parametrize("where", ["partner", "key figure source", "website"])
def test_page_editor_refuses_dangerous_links(moderator_client, programme_index, value, where):
    overrides = {"slug": "city-lab"}
    if where == "partner":
        overrides["partners"] = streamfield([("partner", {"name": "Politecnico", "url": value})])
    elif where == "key figure source":
        overrides["key_figures"] = streamfield([("figure", admin_forms.key_figure_form(source_url=value))])
    else:
        overrides["website"] = value

    response = moderator_client.post(
        admin_forms.add_url(ProgrammePage, programme_index), admin_forms.programme_page_form(**overrides)
    )

    assert response.status_code == 200
    assert not ProgrammePage.objects.filter(slug="city-lab").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["javascript:alert(1)", "&#106;avascript:alert(1)", "data:text/html,x"])
def test_rich_text_with_a_dangerous_link_is_refused_when_saved_any_other_way(standard_page, value):
    """Draftail cleans links typed in the editor; what arrives as stored rich text is checked by the model."""
    standard_page.body = [factories.paragraph(f'<p><a href="{value}">Clicca</a></p>')]

    with pytest.raises(ValidationError):
        standard_page.save_revision()
    with pytest.raises(ValidationError):
        standard_page.save()


@pytest.mark.django_db
@pytest.mark.parametrize("bad_id", ["abc", "1.5", "", "99999999999999999999"])
@pytest.mark.parametrize("entity", [("LINK", "page"), ("DOCUMENT", "document")])
def test_page_editor_refuses_a_link_by_an_id_that_names_nothing(moderator_client, home_page, bad_id, entity):
    """Draftail sends a link's id as it is: a hand-made submission can send one that names no page or document,
    which every render of the page, and its editor, would fail on (tests/news/test_rich_text_link_ids.py)."""
    entity_type, linktype = entity
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": "Scheda",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 6, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": entity_type, "mutability": "MUTABLE", "data": {"id": bad_id, "url": "/x/"}}},
    }
    body = streamfield([("paragraph", json.dumps(contentstate))])
    data = admin_forms.standard_page_form(title="Link rotto", slug="link-rotto", body=body)

    response = moderator_client.post(admin_forms.add_url(StandardPage, home_page), data)

    assert response.status_code == 200
    assert "non porta da nessuna parte" in response.content.decode()
    assert not StandardPage.objects.filter(slug="link-rotto").exists()
    # A link by a real id is saved.
    contentstate["entityMap"]["0"]["data"]["id"] = (
        home_page.pk if linktype == "page" else factories.DocumentFactory(title="Scheda").pk
    )
    data = admin_forms.standard_page_form(
        title="Link buono", slug="link-buono", body=streamfield([("paragraph", json.dumps(contentstate))])
    )
    assert moderator_client.post(admin_forms.add_url(StandardPage, home_page), data).status_code == 302


# --- restoring a version -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>'])
def test_restoring_a_version_with_markup_is_refused(client, moderator_client, project, value):
    """A version saved before the checks (or forced into the database) comes back into the editor, which refuses it."""
    old = project.save_revision(clean=False)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[project.pk, old.pk])
    data = admin_forms.project_page_form(slug=project.slug, title=project.title, summary=value)

    response = moderator_client.post(revert_url, data)

    assert response.status_code == 200 and "summary" in response.context["form"].errors
    project.refresh_from_db()
    assert value not in project.summary
    assert value not in client.get(project.url).content.decode()


# --- publishing in bulk ----------------------------------------------------------------------------


def bulk_publish(client, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    return client.post(url, {"include_descendants": ""}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "block",
    [
        factories.heading("<script>alert(1)</script>"),
        factories.paragraph('<p><a href="javascript:alert(1)">x</a></p>'),
        factories.paragraph('<p><a href="&#106;avascript:alert(1)">x</a></p>'),
        factories.paragraph('<p><a href="data:text/html,x">x</a></p>'),
    ],
    ids=["markup in a heading", "javascript: link", "encoded javascript: link", "data: link"],
)
def test_bulk_publish_refuses_a_draft_with_a_dangerous_value(client, moderator_client, standard_page, block):
    """The draft got there without the editor's checks (an older version, a script): publishing it is refused."""
    standard_page.body = [*standard_page.body.raw_data, block]
    standard_page.save_revision(clean=False)

    response = bulk_publish(moderator_client, standard_page)

    assert "Nothing has been published" in messages_of(response) or "Non è stato pubblicato nulla" in messages_of(
        response
    )
    standard_page.refresh_from_db()
    assert standard_page.has_unpublished_changes
    public = client.get(standard_page.url).content.decode()
    assert "alert(1)" not in public and "data:text" not in public


# --- snippets and site settings ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("field", ["name", "role"])
def test_contact_form_refuses_markup(admin_client, locale_it, value, field):
    data = {"name": "Ufficio stampa", "role": "Stampa", "email": "stampa@comune.torino.it", "phone": "+39 011 011"}
    data[field] = value

    response = admin_client.post(reverse("wagtailsnippets_base_contact:add"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Contact.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [*DANGEROUS_URLS, "<b>011</b>"])
def test_contact_edit_form_refuses_a_phone_that_is_not_a_number(admin_client, locale_it, value):
    """The phone number becomes a tel: link on the site."""
    contact = factories.ContactFactory()
    url = reverse("wagtailsnippets_base_contact:edit", args=[contact.pk])
    data = {"name": contact.name, "role": contact.role, "email": contact.email, "phone": value}

    response = admin_client.post(url, data)

    assert response.status_code == 200 and "phone" in response.context["form"].errors
    contact.refresh_from_db()
    assert contact.phone == "+39 011 011 00000"


@pytest.mark.django_db
@pytest.mark.parametrize("snippet", ["theme", "district", "awardcriterion"])
def test_other_snippet_forms_refuse_markup(admin_client, locale_it, snippet):
    app = "candidacy" if snippet == "awardcriterion" else "projects"
    data = {
        "theme": {"name": "<script>alert(1)</script>", "slug": "tema"},
        "district": {"name": "<img src=x onerror=alert(1)>", "slug": "quartiere", "circoscrizione": "6"},
        "awardcriterion": {
            "edition": "2024",
            "order": "1",
            "code": "prova",
            "name": "Prova",
            "description": '<a href="https://example.org/">qui</a>',
        },
    }[snippet]

    response = admin_client.post(reverse(f"wagtailsnippets_{app}_{snippet}:add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors


def stored_settings():
    """Everything the site settings hold, as JSON."""
    return json.dumps(
        [
            [s.phone, [[t.organisation_name, t.address, list(t.social_links.raw_data)] for t in s.texts.all()]]
            for s in SiteSettings.objects.all()
        ]
    )


def settings_form_errors(response):
    """The settings form's errors and those of its texts in each language."""
    form = response.context["form"]
    texts = form.formsets["texts"]
    return [error for error in [form.errors, *texts.errors, texts.non_form_errors()] if error]


def settings_url():
    return reverse("wagtailsettings:edit", args=["base", "sitesettings", Site.objects.get(is_default_site=True).pk])


@pytest.mark.django_db
@pytest.mark.parametrize("value", DANGEROUS_URLS)
def test_site_settings_refuse_a_dangerous_social_link(client, admin_client, home_page, value):
    link = {"platform": "other", "label": "Profilo", "url": value}

    response = admin_client.post(settings_url(), settings_form([text_form("it", social_links=[link])]))

    assert response.status_code == 200 and settings_form_errors(response)
    assert json.dumps(value)[1:-1] not in stored_settings()


@pytest.mark.django_db
@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("field", ["organisation_name", "address", "social link label"])
def test_site_settings_refuse_markup(client, admin_client, home_page, value, field):
    if field == "social link label":
        link = {"platform": "other", "label": value, "url": "https://example.org/"}
        data = settings_form([text_form("it", social_links=[link])])
    else:
        data = settings_form([text_form("it", **{field: value})])

    response = admin_client.post(settings_url(), data)

    assert response.status_code == 200 and settings_form_errors(response)
    assert json.dumps(value)[1:-1] not in stored_settings()
    assert value not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("field", ["title", "description"])
def test_image_form_refuses_markup(admin_client, image, field, value):
    """An image's description is the alternative text of hero images that have none of their own."""
    data = {"title": image.title, "description": image.description, "collection": image.collection_id, "tags": ""}
    data[field] = value

    response = admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), data)

    assert response.status_code == 200 and field in response.context["form"].errors
    image.refresh_from_db()
    assert getattr(image, field) != value


@pytest.mark.django_db
def test_document_form_refuses_markup_in_its_title(admin_client):
    document = factories.DocumentFactory(title="Scheda per la stampa")
    data = {"title": "<script>alert(1)</script>", "collection": document.collection_id, "tags": ""}

    response = admin_client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)

    assert response.status_code == 200 and "title" in response.context["form"].errors


# --- the translation editor ----------------------------------------------------------------------


@kept
def translation(home_page, english_home, locale_en):
    """An Italian page with a heading, a linked paragraph and a sourced figure, being translated into English."""
    italian = factories.StandardPageFactory(
        parent=home_page,
        title="Chi siamo",
        slug="chi-siamo",
        body=[
            factories.heading("La città laboratorio"),
            factories.paragraph('<p>Leggi <a href="https://www.comune.torino.it/">il sito</a>.</p>'),
            factories.key_figures_block(factories.key_figure()),
        ],
    )
    source, _created = TranslationSource.get_or_create_from_instance(italian)
    translation = Translation.objects.create(source=source, target_locale=locale_en)
    translation.save_target(publish=False)  # the draft "Translate this page" makes
    return translation


def draft_of(translation):
    return translation.get_target_instance().specific


def text_segment(translation):
    """The heading's text: a CharBlock, meant for text."""
    return StringSegment.objects.get(source=translation.source, string__data="La città laboratorio")


def url_segment(translation, url):
    return next(s for s in OverridableSegment.objects.filter(source=translation.source) if s.data == url)


def put(client, url, value):
    """A PUT as the translation editor's JavaScript sends it (a FormData body)."""
    return client.put(url, encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT)


@pytest.mark.django_db
@pytest.mark.parametrize("value", MARKUP)
def test_translation_editor_refuses_markup_in_a_text_string(translator_client, translation, value):
    segment = text_segment(translation)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])

    response = put(translator_client, url, value)

    # The editor reads the body of a 200 only, as wagtail-localize's serializer shapes it, and shows ``error``.
    answer = response.json()
    assert response.status_code == 200
    assert set(answer) == set(StringTranslationSerializer.Meta.fields)
    assert answer["segment_id"] == segment.pk and answer["data"] == value
    assert "HTML" in answer["error"]
    assert not StringTranslation.objects.filter(translation_of=segment.string, context=segment.context).exists()


def test_the_translation_editor_shows_the_error_of_a_200_answer_only():
    """What the refusals above rely on, in wagtail-localize's compiled editor: it reads the body of a 200 or 201
    only, and shows a string's or an override's ``error`` as the box's comment, marked as an error."""
    script = (Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js").read_text()
    assert script.count('if(200==e.status||201==e.status)return e.json();throw new Error("Unrecognised HTTP') == 2
    assert "isErrored:!!t.translation.error,comment:t.translation.error?t.translation.error:" in script
    assert "isErrored:!!t.override.error,comment:t.override.error||" in script


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["The city as a lab", "< 5 km from the centre"])
def test_translation_editor_saves_plain_text(translator_client, translation, value):
    segment = text_segment(translation)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])

    response = put(translator_client, url, value)

    assert response.status_code == 201
    assert StringTranslation.objects.get(translation_of=segment.string, context=segment.context).data == value


@pytest.mark.django_db
@pytest.mark.parametrize("value", DANGEROUS_URLS)
@pytest.mark.parametrize(
    "link",
    ["https://www.comune.torino.it/", "https://research-and-innovation.ec.europa.eu/"],
    ids=["rich text link", "source"],
)
def test_translation_editor_refuses_a_dangerous_link_override(translator_client, translation, link, value):
    segment = url_segment(translation, link)
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

    response = put(translator_client, url, value)

    answer = response.json()
    assert response.status_code == 200
    assert set(answer) == set(SegmentOverrideSerializer.Meta.fields)
    assert answer["segment_id"] == segment.pk and answer["data"] == value
    assert "http" in answer["error"]
    assert not SegmentOverride.objects.filter(context=segment.context).exists()


@pytest.mark.django_db
def test_translation_editor_saves_a_safe_link_override(translator_client, translation):
    segment = url_segment(translation, "https://www.comune.torino.it/")
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

    response = put(translator_client, url, "https://www.comune.torino.it/en/")

    assert response.status_code == 201
    assert SegmentOverride.objects.get(context=segment.context).data == "https://www.comune.torino.it/en/"


def publish_in_translation_editor(client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stored",
    [
        ("string", "<script>alert(1)</script>"),
        ("string", '<img src=x onerror="alert(1)">'),
        ("rich text link", "javascript:alert(1)"),
        ("rich text link", "&#106;avascript:alert(1)"),
        ("source", "data:text/html,<script>alert(1)</script>"),
        ("source", "vbscript:msgbox(1)"),
        ("source", ""),
    ],
    ids=["script", "img", "javascript link", "encoded link", "data source", "vbscript source", "no source"],
)
def test_moderator_cannot_publish_a_translation_with_a_bad_value_stored_earlier(
    client, moderator_client, translation, locale_en, stored, django_capture_on_commit_callbacks
):
    """A value that reached the database another way (a PO file, an older version, a script) stops the publication."""
    kind, value = stored
    if kind == "string":
        segment = text_segment(translation)
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locale_en, context=segment.context, data=value
        )
    else:
        link = (
            "https://www.comune.torino.it/"
            if kind == "rich text link"
            else "https://research-and-innovation.ec.europa.eu/"
        )
        segment = url_segment(translation, link)
        SegmentOverride.objects.create(locale=locale_en, context=segment.context, data_json=json.dumps(value))
    draft = draft_of(translation)

    response = publish_in_translation_editor(moderator_client, draft, django_capture_on_commit_callbacks)

    assert "has not been published" in messages_of(response) or "non è stata pubblicata" in messages_of(response)
    draft.refresh_from_db()
    assert not draft.live
    assert client.get("/en/chi-siamo/").status_code == 404


@pytest.mark.django_db
def test_moderator_publishes_a_clean_translation(
    client, moderator_client, translation, locale_en, django_capture_on_commit_callbacks
):
    segment = text_segment(translation)
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locale_en, context=segment.context, data="The city as a lab: < 5 km"
    )
    draft = draft_of(translation)

    publish_in_translation_editor(moderator_client, draft, django_capture_on_commit_callbacks)

    draft.refresh_from_db()
    assert draft.live
    assert "The city as a lab: &lt; 5 km" in client.get(draft.url).content.decode()


def update_translations(client, translation, django_capture_on_commit_callbacks):
    """ "Update translations" on the Italian page, with "Publish immediately" ticked, as the admin form posts it."""
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"publish_translations": "on"}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [("string", "<script>alert(1)</script>", "HTML"), ("source", "javascript:alert(1)", "http")],
    ids=["markup in a text", "dangerous source link"],
)
def test_updating_and_publishing_translations_names_the_one_it_did_not_publish(
    client, moderator_client, translation, locale_en, kind, value, why, django_capture_on_commit_callbacks
):
    """wagtail-localize alone skips a refused translation and says "Successfully updated": the Moderator is told."""
    if kind == "string":
        segment = text_segment(translation)
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locale_en, context=segment.context, data=value
        )
    else:
        segment = url_segment(translation, "https://research-and-innovation.ec.europa.eu/")
        SegmentOverride.objects.create(locale=locale_en, context=segment.context, data_json=json.dumps(value))
    draft = draft_of(translation)

    response = update_translations(moderator_client, translation, django_capture_on_commit_callbacks)

    shown = messages_of(response)
    assert response.status_code == 200
    assert re.search(r"The (English|inglese) translation of “Chi siamo” has not been published", shown) or re.search(
        r"La traduzione in (English|inglese) di “Chi siamo” non è stata pubblicata", shown, re.IGNORECASE
    )
    assert why in shown
    draft.refresh_from_db()
    assert not draft.live
    assert client.get("/en/chi-siamo/").status_code == 404


@pytest.mark.django_db
def test_updating_and_publishing_translations_publishes_a_clean_one(
    client, moderator_client, translation, locale_en, django_capture_on_commit_callbacks
):
    segment = text_segment(translation)
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locale_en, context=segment.context, data="The city as a lab"
    )
    draft = draft_of(translation)

    response = update_translations(moderator_client, translation, django_capture_on_commit_callbacks)

    assert "has not been published" not in messages_of(response)
    assert "non è stata pubblicata" not in messages_of(response)
    draft.refresh_from_db()
    assert draft.live
    assert "The city as a lab" in client.get(draft.url).content.decode()


# --- a management command ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("name", "<script>alert(1)</script>"), ("phone", "javascript:alert(1)")])
def test_demo_content_command_refuses_what_the_admin_refuses(monkeypatch, tmp_path, field, value):
    content = tmp_path / "content"
    shutil.copytree(demo_records.CONTENT_DIR, content)
    snippets = json.loads((content / "snippets.json").read_text())
    snippets["contacts"][0][field] = value
    (content / "snippets.json").write_text(json.dumps(snippets))
    monkeypatch.setattr(demo_records, "CONTENT_DIR", content)

    with pytest.raises(ValidationError):
        call_command("load_demo_content", stdout=io.StringIO(), stderr=io.StringIO())

    assert not Contact.objects.filter(**{field: value}).exists()


# --- the public pages, whatever is in the database -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", DANGEROUS_URLS)
def test_no_dangerous_link_reaches_a_page_even_if_stored(client, programme_index, value):
    programme = factories.ProgrammePageFactory(parent=programme_index, slug="forzato")
    programme.website = value
    programme.partners = [factories.partner(url=value)]
    programme.key_figures = [{"type": "figure", "value": factories.key_figure(source_url=value)}]
    programme.body = [factories.paragraph(f'<p><a href="{html.escape(value)}">Clicca qui</a></p>')]
    if "\x00" in value and connection.vendor == "postgresql":
        # PostgreSQL cannot store a NUL character in text at all: such a value never reaches a page there.
        with pytest.raises(DataError), transaction.atomic():
            programme.save(clean=False)
        return
    programme.save(clean=False)  # as a script or an old database would have it

    response = client.get(programme.url)

    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    hrefs = [a.get("href") for a in doc.select("[href]")]
    assert not [href for href in hrefs if is_dangerous_href(href)]
    assert "Clicca qui" in doc.get_text(), "the link text stays, as text"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)"])
def test_no_dangerous_link_reaches_a_project_page_rich_text_field(client, project, value):
    project.challenge = f'<p><a href="{html.escape(value)}">Clicca qui</a></p>'
    project.save(clean=False)

    doc = BeautifulSoup(client.get(project.url).content, "html.parser")

    assert not [a for a in doc.select("[href]") if is_dangerous_href(a.get("href"))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "anchor",
    [
        '<a title=">" href="javascript:alert(1)">Clicca qui</a>',
        "<a/href=javascript:alert(1)>Clicca qui</a>",
        "<a title='x' href='javascript:alert(1)'>Clicca qui</a>",
    ],
)
def test_no_dangerous_link_reaches_a_page_whatever_the_anchors_shape(client, project, anchor):
    """The output check reads each attribute, quoted or not, not only an href that follows a space."""
    project.challenge = f"<p>{anchor}</p>"
    project.save(clean=False)

    doc = BeautifulSoup(client.get(project.url).content, "html.parser")

    assert not [a for a in doc.select("[href]") if is_dangerous_href(a.get("href"))]
    assert "javascript" not in str(doc.select_one("main"))
