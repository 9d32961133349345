"""A document used only by a release under embargo answers at /documents/<id>/<filename> as a missing one does.

The press kit of a release (a rich-text link in its body: a news page has no media kit and its body no document
block), in Italian or English, reaches nobody before the embargo ends (``before_serve_document`` in
news/wagtail_hooks.py) but the editors; a document that a page readers see uses too (a standard page's rich text,
the press room's media kit) is public already.
"""

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client

from tests import factories
from tests.news.releases import DAY, EMBARGO, MINUTE, NOW

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
def test_the_index_follows_the_published_version(client, release, press_kit, admin_user):
    """A press kit swapped for a new one in a new version: the new one is hidden, the old one, no longer used by the
    release, is not (the reference index holds the page's row, its published content)."""
    new_kit = document("cartella-stampa-v2")
    publish(release["it"], admin_user, body=[factories.paragraph(document_link(new_kit))])
    with time_machine.travel(BEFORE, tick=False):
        assert answer(client, new_kit.url)[0] == 404
        assert answer(client, press_kit["it"].url)[:2] == (200, PRESS_KIT)
