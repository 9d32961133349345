"""A document used only by a release under embargo answers at /documents/<id>/<filename> as a missing one does.

The press kit of a release (a rich-text link in its body: a news page has no media kit and its body no document
block), in Italian or English, reaches nobody before the embargo ends (``before_serve_document`` in
news/wagtail_hooks.py) but the editors; a document that a page readers see uses too (a standard page's rich text,
the press room's media kit) is public already, and so is one that a snippet uses (shown wherever readers see it).
Every version of the release counts as much as the published one: a draft, the version in moderation, a scheduled
one, an older one whose press kit a later version replaced, and what an autosave overwrote (Wagtail's reference index
holds the published content only: what each save links is written down, ``news/release_documents.py``). Once the
embargo ends, only what readers see counts.
"""

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from tests import factories
from tests.news.releases import DAY, EMBARGO, MINUTE, NOW, fresh

BEFORE = NOW + DAY
AFTER = EMBARGO + MINUTE
PRESS_KIT = b"%PDF-1.4\n% cartella stampa del premio\n"
# The headers a reader could tell two answers apart by (Date and the like aside).
HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Language",
    "Cache-Control",
    "Expires",
    "Vary",
    "Content-Disposition",
    "Location",
    "Set-Cookie",
    "X-Frame-Options",
)


def document(name):
    return factories.DocumentFactory(title=name, file=ContentFile(PRESS_KIT, name=f"{name}.pdf"))


def document_link(doc):
    return f'<p>La <a linktype="document" id="{doc.pk}">cartella stampa</a>.</p>'


def publish(page, user, **fields):
    """A new version of ``page`` with ``fields``, published at NOW (the release still under embargo)."""
    for name, value in fields.items():
        setattr(page, name, value)
    with time_machine.travel(NOW, tick=False):
        page.save_revision(user=user).publish(user=user)


def answer(client, address):
    response = client.get(address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # The 404 page names its own address (the language links): the one difference allowed.
    return response.status_code, body.replace(address.encode(), b"ADDRESS"), {n: response.get(n) for n in HEADERS}


def missing_address(doc):
    """The address of a document that does not exist, as long as ``doc``'s (same name, an id as many digits)."""
    digits = len(str(doc.pk))
    taken = set(type(doc).objects.values_list("pk", flat=True))
    unused = next(pk for pk in range(10 ** (digits - 1), 10**digits) if pk not in taken)
    return f"/documents/{unused}/{doc.filename}"


@pytest.fixture
def press_kit(release, admin_user):
    """Each language of the release links its own press kit in its body, in versions published after the release
    was (the reference index follows each publication)."""
    italian_kit, english_kit = document("cartella-stampa"), document("press-kit")
    publish(release["it"], admin_user, body=[factories.paragraph(document_link(italian_kit))])
    publish(release["en"], admin_user, body=[factories.paragraph(document_link(english_kit))])
    return {"it": italian_kit, "en": english_kit}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_reader_gets_the_answer_of_a_missing_document(client, press_kit, language):
    doc = press_kit[language]
    with time_machine.travel(BEFORE, tick=False):
        hidden = answer(client, doc.url)
        not_there = answer(client, missing_address(doc))
    assert hidden[0] == 404
    assert hidden == not_there
    assert PRESS_KIT not in hidden[1]
    assert "no-store" in hidden[2]["Cache-Control"], "no cache keeps the 404 past the embargo"


@pytest.mark.django_db
def test_an_alias_of_the_release_does_not_make_its_document_public(client, release, press_kit, news_index):
    release["it"].create_alias(parent=news_index, update_slug="premio-copia")
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, press_kit["it"].url)[0] == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "translator"])
@pytest.mark.parametrize("language", ["it", "en"])
def test_editors_with_admin_access_get_it(client, request, press_kit, role, language):
    editor = Client()
    with time_machine.travel(BEFORE, tick=False):
        editor.force_login(request.getfixturevalue(role))  # signed in then: a session of today has expired by 2031
        assert answer(client, press_kit[language].url)[0] == 404, "a reader does not, at the same time"
        status, body, _headers = answer(editor, press_kit[language].url)
    assert (status, body) == (200, PRESS_KIT)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_everyone_gets_it_when_the_embargo_ends(client, press_kit, language):
    with time_machine.travel(EMBARGO - MINUTE, tick=False):
        assert answer(client, press_kit[language].url)[0] == 404
    with time_machine.travel(AFTER, tick=False):
        status, body, _headers = answer(client, press_kit[language].url)
    assert (status, body) == (200, PRESS_KIT)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("where", ["rich text", "media kit"])
def test_a_document_a_public_page_uses_too_is_public(client, home_page, press_kit, language, where):
    doc = press_kit[language]
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, doc.url)[0] == 404
    if where == "rich text":
        factories.StandardPageFactory(parent=home_page, body=[factories.paragraph(document_link(doc))])
    else:
        factories.PressRoomPageFactory(parent=home_page, media_kit=[factories.media_kit_document(doc)])
    with time_machine.travel(BEFORE, tick=False):
        status, body, _headers = answer(client, doc.url)
    assert (status, body) == (200, PRESS_KIT)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_press_kit_a_new_version_replaced_stays_hidden_until_the_embargo_ends(
    client, release, press_kit, admin_user, language
):
    """A press kit swapped for a new one in a new published version: both are hidden, the old one too though the
    release's row no longer uses it (it was uploaded for the release and may hold its text), until the embargo ends."""
    old_kit, new_kit = press_kit[language], document("cartella-stampa-v2")
    publish(release[language], admin_user, body=[factories.paragraph(document_link(new_kit))])
    assert not ReferenceIndex.get_references_to(old_kit).exists(), "the index no longer knows the old one"
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, new_kit.url)[0] == 404
        assert answer(client, old_kit.url) == answer(client, missing_address(old_kit))
    with time_machine.travel(AFTER, tick=False):
        assert answer(client, old_kit.url)[:2] == (200, PRESS_KIT)
        assert answer(client, new_kit.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_a_press_kit_removed_after_the_embargo_ended_is_an_ordinary_document(client, release, press_kit, admin_user):
    """Removed from the release once it is public, and used by nothing else: its older versions no longer count (only a
    release under embargo hides anything), so the press kit is served like any library document."""
    with time_machine.travel(AFTER, tick=False):
        page = fresh(release["it"])
        page.body = [factories.paragraph("<p>Nessun allegato.</p>")]
        page.save_revision(user=admin_user).publish(user=admin_user)
        assert not ReferenceIndex.get_references_to(press_kit["it"]).exists()
        assert answer(client, press_kit["it"].url)[:2] == (200, PRESS_KIT)


def save_draft(page, user, **fields):
    """A draft of ``page`` with ``fields`` (the page editor's "Save draft"), at NOW: nothing of it is published."""
    for name, value in fields.items():
        setattr(page, name, value)
    with time_machine.travel(NOW, tick=False):
        return page.save_revision(user=user)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_press_kit_only_in_a_draft_is_hidden_until_the_embargo_ends(client, release, admin_user, editor, language):
    """The press kit uploaded for the release and linked in a draft not published yet: the reference index knows
    nothing of it (it holds the published version), the release's versions do. Editors still get it."""
    kit = document("cartella-stampa-bozza")
    save_draft(fresh(release[language]), admin_user, body=[factories.paragraph(document_link(kit))])
    signed_in = Client()
    with time_machine.travel(BEFORE, tick=False):
        hidden = answer(client, kit.url)
        not_there = answer(client, missing_address(kit))
        signed_in.force_login(editor)
        assert answer(signed_in, kit.url)[:2] == (200, PRESS_KIT)
    assert hidden[0] == 404
    assert hidden == not_there
    with time_machine.travel(AFTER, tick=False):
        assert answer(client, kit.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_press_kit_a_later_draft_replaced_stays_hidden(client, release, admin_user, editor, language):
    """Press kit v1 linked in a draft (never public), then a later draft links v2 instead: v1 is in no version that
    may still go public, but it was made for the release and may hold its text. Hidden until the embargo ends, to
    readers only."""
    first, second = document("cartella-stampa-v1"), document("cartella-stampa-v2")
    save_draft(fresh(release[language]), admin_user, body=[factories.paragraph(document_link(first))])
    save_draft(fresh(release[language]), admin_user, body=[factories.paragraph(document_link(second))])
    signed_in = Client()
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, first.url) == answer(client, missing_address(first))
        assert answer(client, second.url)[0] == 404
        signed_in.force_login(editor)
        assert answer(signed_in, first.url)[:2] == (200, PRESS_KIT)
    with time_machine.travel(AFTER, tick=False):
        assert answer(client, first.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_a_press_kit_of_an_older_version_stays_hidden_behind_an_alias(client, release, admin_user, news_index):
    """An alias with a key of its own shows the release's latest publication; a press kit only an older draft of the
    original linked is the release's still."""
    kit = document("cartella-stampa-vecchia")
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph(document_link(kit))])
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph("<p>Nessun allegato.</p>")])
    with time_machine.travel(NOW, tick=False):
        fresh(release["it"]).get_latest_revision().publish(user=admin_user)
        fresh(release["it"]).create_alias(parent=news_index, update_slug="premio-alias")
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, kit.url)[0] == 404


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["public page", "snippet"])
def test_a_replaced_press_kit_that_readers_see_elsewhere_is_public(client, home_page, release, admin_user, user):
    kit = document("cartella-stampa-v1")
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph(document_link(kit))])
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph("<p>Nessun allegato.</p>")])
    if user == "public page":
        factories.StandardPageFactory(parent=home_page, body=[factories.paragraph(document_link(kit))])
    else:
        used_by_a_snippet(kit)
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, kit.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_a_version_in_moderation_keeps_its_press_kit_hidden(client, release, editor):
    kit = document("cartella-stampa-moderazione")
    page = fresh(release["it"])
    save_draft(page, editor, body=[factories.paragraph(document_link(kit))])
    with time_machine.travel(NOW, tick=False):
        page.get_workflow().start(page, editor)
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, kit.url)[0] == 404


@pytest.mark.django_db
def test_a_scheduled_version_keeps_its_press_kit_hidden_after_a_later_draft(client, release, admin_user):
    """A version scheduled to go live after the embargo, then a newer draft without the press kit: the scheduled
    version still goes public with it."""
    kit = document("cartella-stampa-programmata")
    page = fresh(release["it"])
    page.go_live_at = EMBARGO + DAY
    revision = save_draft(page, admin_user, body=[factories.paragraph(document_link(kit))])
    with time_machine.travel(NOW, tick=False):
        revision.publish(user=admin_user)
    assert fresh(page).live_revision != revision, "scheduled, not published"
    save_draft(fresh(page), admin_user, body=[factories.paragraph("<p>Nessun allegato.</p>")])
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, kit.url)[0] == 404


@pytest.mark.django_db
def overwrite_in_place(client, release, admin_user):
    """A draft linking one press kit, read, then Wagtail's autosave overwriting it with another."""
    first, second = document("cartella-stampa-prima"), document("cartella-stampa-seconda")
    page = fresh(release["it"])
    draft = save_draft(page, admin_user, body=[factories.paragraph(document_link(first))])
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, first.url)[0] == 404
        assert answer(client, second.url)[0] == 200
    page.body = [factories.paragraph(document_link(second))]
    with time_machine.travel(NOW + MINUTE, tick=False):
        assert page.save_revision(user=admin_user, overwrite_revision=draft).pk == draft.pk
    return first, second


@pytest.mark.django_db
def test_a_draft_saved_again_in_place_is_read_again(client, release, admin_user):
    """Wagtail's autosave overwrites the latest draft: the press kit it now links is hidden."""
    _first, second = overwrite_in_place(client, release, admin_user)
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, second.url)[0] == 404


@pytest.mark.django_db
def test_a_press_kit_an_autosave_replaced_stays_hidden(client, release, admin_user):
    """The first press kit is in no version any more (the overwrite replaced its content), but it was the release's:
    written down when the draft was saved, it stays hidden until the embargo ends."""
    first, _second = overwrite_in_place(client, release, admin_user)
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, first.url)[0] == 404
    with time_machine.travel(AFTER, tick=False):
        assert answer(client, first.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_releases_under_embargo(client, release, admin_user, news_index):
    """Documents are downloaded often: a download costs the same few queries however many releases and versions
    (published, drafts, replaced ones) there are (what each version links was written down when it was saved)."""
    kit = document("cartella-stampa-bozza")
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph(document_link(kit))])

    def queries():
        answer(client, kit.url)  # the content types, read once per process
        with CaptureQueriesContext(connection) as captured:
            assert answer(client, kit.url)[0] == 404
        return len(captured)

    with time_machine.travel(BEFORE, tick=False):
        one_release = queries()
    for number in range(3):
        with time_machine.travel(NOW, tick=False):
            other = factories.NewsPageFactory(
                parent=news_index, slug=f"altro-{number}", is_press_release=True, embargo_until=EMBARGO
            )
            other.save_revision(user=admin_user).publish(user=admin_user)
        for version in range(number + 1):
            link = document_link(document(f"altro-{number}-{version}"))
            save_draft(fresh(other), admin_user, body=[factories.paragraph(link)])
    with time_machine.travel(BEFORE, tick=False):
        assert queries() == one_release


def used_by_a_snippet(doc):
    """The reference index's row of a snippet using ``doc``, as Wagtail writes it when the snippet is saved (no snippet
    of this site holds a document yet: a contact stands for one)."""
    contact = factories.ContactFactory()
    contact_type = ContentType.objects.get_for_model(contact)
    ReferenceIndex.objects.create(
        content_type=contact_type,
        base_content_type=contact_type,
        object_id=str(contact.pk),
        to_content_type=ContentType.objects.get_for_model(doc),
        to_object_id=str(doc.pk),
        model_path="attachment",
        content_path="attachment",
        content_path_hash=ReferenceIndex._get_content_path_hash("attachment"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["published", "draft"])
def test_a_document_a_snippet_uses_too_is_public(client, release, press_kit, admin_user, where):
    """Readers see a snippet wherever it is shown: a document it uses is not the release's to hide."""
    if where == "published":
        doc = press_kit["it"]
    else:
        doc = document("cartella-stampa-bozza")
        save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph(document_link(doc))])
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, doc.url)[0] == 404
    used_by_a_snippet(doc)
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, doc.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_a_press_kit_a_row_saved_without_a_version_linked_stays_hidden(client, release):
    """A save of the page's row with no version (``Page.save`` of a live page, an import), then another replacing the
    press kit: the first is the release's still."""
    first, second = document("cartella-stampa-importata"), document("cartella-stampa-reimportata")
    with time_machine.travel(NOW, tick=False):
        for kit in (first, second):
            page = fresh(release["en"])
            page.body = [factories.paragraph(document_link(kit))]
            page.save()
    assert not ReferenceIndex.get_references_to(first).exists(), "the index no longer knows the first one"
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, first.url) == answer(client, missing_address(first))
        assert answer(client, second.url)[0] == 404
    with time_machine.travel(AFTER, tick=False):
        assert answer(client, first.url)[:2] == (200, PRESS_KIT)


@pytest.mark.django_db
def test_a_deleted_document_takes_its_record_with_it(release, admin_user):
    from news.release_documents import ReleaseDocument

    kit = document("cartella-stampa-cancellata")
    save_draft(fresh(release["it"]), admin_user, body=[factories.paragraph(document_link(kit))])
    assert ReleaseDocument.objects.filter(document=kit, translation_key=release["it"].translation_key).exists()
    kit.delete()
    assert not ReleaseDocument.objects.filter(document_id=kit.pk).exists()
    # A version still linking the deleted document (its draft saved again) records nothing for it.
    with time_machine.travel(NOW, tick=False):
        fresh(release["it"]).get_latest_revision_as_object().save_revision(user=admin_user)
    assert not ReleaseDocument.objects.filter(document_id=kit.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("stored_id", ["abc", str(10**20)])
def test_a_version_linking_a_document_by_an_id_that_names_nothing_is_saved(client, release, admin_user, stored_id):
    """A stored link whose id names nothing a database can hold (an import, a hand-made POST before the editor's
    check) renders as a link to nothing (base/rich_text_links.py): it links no document, and the save goes through."""
    kit = document("cartella-stampa-accanto")
    body = f'<p><a linktype="document" id="{stored_id}">vecchio</a> {document_link(kit)}</p>'
    page = fresh(release["it"])
    page.body = [factories.paragraph(body)]
    with time_machine.travel(NOW, tick=False):
        page.save_revision(user=admin_user, clean=False)  # the editor's form refuses it; an import does not
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, kit.url)[0] == 404
