"""Editing a page in Wagtail's admin, JavaScript and all: autosave, "Save draft" and a newer version.

editorial/admin_views.py refuses a plain form submission whose version (``loaded_revision_id`` and
``loaded_revision_created_at``) is older than the page's latest one when someone else saved that
one; newer versions the editor saved themselves are accepted. The unit tests (tests/editorial/
test_revisions.py) post the fields by hand. These drive the real editor in Chromium, where Wagtail
7.4's autosave is on (WAGTAIL_AUTOSAVE_INTERVAL is not set, so Wagtail's 500 ms applies):

- autosave sends the form as JSON requests; the first one creates a version by the editor, the
  later ones overwrite it (``overwrite_revision_id``), and its id is kept in JavaScript only, so
  the form still names the version it was opened on when the editor clicks "Save draft": without
  the same-user exception, the editor's own autosave would get the click refused;
- when someone else saves a newer version, the next autosave is refused ("Saving will overwrite a
  newer version"), the editing-session ping reports that version and "Save draft" first opens
  Wagtail's confirmation dialog; confirming it posts the form, and the guard refuses it;
- the form the guard gives back counts as unsaved (leaving the page warns) but autosave is off on it,
  so nothing is saved over the other person's version until the editor saves again.

The demo content is shared by the whole browser session (conftest.py): each test edits its own
project page, one that no other browser test visits, and puts it back as it was afterwards.
"""

import contextlib
import functools
import io
import re
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

import pytest

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password"  # noqa: S105
TIMEOUT = 20_000  # ms, for anything that waits on autosave or the server

# Our guard's message (editorial/admin_views.py), in either admin language.
CONFLICT_MESSAGE = re.compile(r"saved a newer version of this page|ha salvato una versione più recente")
AUTOSAVE_STATE = "data-w-autosave-state-value"  # on #w-autosave-indicator: idle, saving, saved or paused
SAVE_DRAFT = "#page-edit-form > footer button.action-save"  # the footer's main action, in any language

# Recorded in every document before Wagtail's scripts run. w-unsaved ("ready" when it connects) takes
# its snapshot of the form two seconds after connecting ("watch-edits"): typing before that is not an
# edit, and nothing is autosaved. It connects twice: when w-init, listed before it on the form, is
# done, it removes itself from data-controller and Stimulus reconnects the controllers after it. So
# the form is watched once w-init is gone and every connection has taken its snapshot. The other two
# events say whether a detected edit started an autosave.
EVENT_RECORDER = """
window.__editor = {connected: 0, snapshots: 0, edits: 0, autosaves: 0};
document.addEventListener("w-unsaved:ready", () => { window.__editor.connected += 1; });
document.addEventListener("w-unsaved:watch-edits", () => { window.__editor.snapshots += 1; });
document.addEventListener("w-unsaved:add", () => { window.__editor.edits += 1; });
document.addEventListener("w-autosave:save", () => { window.__editor.autosaves += 1; });
"""
WATCHING_EDITS = """() => {
    const form = document.getElementById("page-edit-form");
    const {connected, snapshots} = window.__editor;
    return !form.dataset.controller.split(/\\s+/).includes("w-init") && connected > 0 && snapshots >= connected;
}"""


def _server_connections(demo_site):
    """The connections the live server serving demo_site was given (in-memory SQLite), by alias."""
    from django.test.testcases import LiveServerThread

    port = int(demo_site.url.rsplit(":", 1)[1])
    for thread in threading.enumerate():
        if isinstance(thread, LiveServerThread) and thread.port == port:
            return dict(thread.connections_override)
    raise LookupError(f"no live server thread serves {demo_site.url}")


def _wait_for_server_writes(demo_site, timeout=10, quiet=0.3):
    """Until no request of the live server has held the shared in-memory SQLite connection inside a transaction for
    ``quiet`` seconds: one still running as the browser closed (the editing session's release, sent as the page is
    left, or a last save) would otherwise meet this thread's clean-up on the same connection ("cannot start a
    transaction within a transaction")."""
    connections = list(_server_connections(demo_site).values())
    if not connections:
        return  # PostgreSQL: each thread has its own connection
    deadline = time.monotonic() + timeout
    idle_since = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - idle_since < quiet:
        if any(getattr(connection.connection, "in_transaction", False) for connection in connections):
            idle_since = time.monotonic()
        time.sleep(0.02)


@contextlib.contextmanager
def _orm_allowed(demo_site):
    """Use the ORM here as the live server does.

    Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a
    thread with a running loop (SynchronousOnlyOperation); no coroutine touches the database here.
    And by the time the tests run, Django's connection handler hands this thread a connection of its
    own, not the one the live server was given: with in-memory SQLite, two connections to the shared
    database lock each other's tables ("database table is locked") when the server writes while the
    test reads or cleans up. So the test uses the server's connection, as the server's threads do.
    """
    from django.db import connections

    shared = _server_connections(demo_site)  # empty with PostgreSQL: separate connections are fine there
    previous = {alias: connections[alias] for alias in shared}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in shared.items():
            connections[alias] = connection
        try:
            yield
        finally:
            for alias, connection in previous.items():
                connections[alias] = connection


@pytest.fixture(autouse=True)
def orm_allowed(demo_site):
    """The test, and Playwright's callbacks that run in it (see on_test_connection), may use the ORM."""
    with _orm_allowed(demo_site):
        yield


@pytest.fixture(scope="module")
def people(demo_site):
    """A Moderator who edits in the browser and an Editor who saves a version meanwhile."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from editorial.management.commands.setup_editorial_groups import EDITORS, MODERATORS

    def member(group, username, first_name, last_name):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@comune.torino.it",
            password=PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    with _orm_allowed(demo_site):
        call_command("setup_editorial_groups", stdout=io.StringIO())
        users = {
            "moderator": member(MODERATORS, "caporedattrice", "Carla", "Rossi"),
            "other": member(EDITORS, "redattrice", "Giulia", "Bianchi"),
        }
    yield users
    with _orm_allowed(demo_site):
        for user in users.values():
            user.delete()


@pytest.fixture(scope="module")
def spare_projects(demo_site):
    """Live Italian project pages that no other browser test visits, one per test that edits."""
    from wagtail.models import Locale

    from projects.models import ProjectPage

    with _orm_allowed(demo_site):
        pages = ProjectPage.objects.live().filter(locale=Locale.get_default()).order_by("path")
        spare = [page for page in pages if page.get_url_parts()[2] not in demo_site.paths.values()]
    assert len(spare) >= 3, "the demo content has too few project pages for the editing tests"
    return spare


@pytest.fixture
def project(spare_projects, demo_site):
    """A project page to edit, with its drafts, history and editing sessions undone afterwards.

    Tests ask for it before admin_page, so that the browser is closed before the page is put back.
    """
    from wagtail.admin.models import EditingSession
    from wagtail.models import Page, PageLogEntry

    page = spare_projects.pop(0)
    assert page.latest_revision_id, f"{page} has no revision: the form would carry no version to compare"
    restore = ["latest_revision_id", "latest_revision_created_at", "draft_title", "has_unpublished_changes"]
    row = Page.objects.filter(pk=page.pk).values(*restore).get()
    revisions = set(page.revisions.values_list("pk", flat=True))
    last_log = PageLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield page
    _wait_for_server_writes(demo_site)
    page.revisions.exclude(pk__in=revisions).delete()
    PageLogEntry.objects.filter(page_id=page.pk, pk__gt=last_log).delete()
    EditingSession.objects.filter(object_id=str(page.pk)).delete()
    Page.objects.filter(pk=page.pk).update(**row)


@pytest.fixture
def admin_page(chromium, demo_site):
    """admin_page(user) -> a Playwright page signed in to the admin as that user."""
    contexts = []

    def sign_in(user):
        context = chromium.new_context(viewport=DESKTOP)
        contexts.append(context)

        def route(route):
            if demo_site.is_local(route.request.url):
                route.continue_()
            else:
                route.abort()  # the location field's map asks for tiles: nothing leaves the server

        context.route("**/*", route)
        context.add_init_script(EVENT_RECORDER)
        page = context.new_page()
        page.goto(demo_site.url + "/admin/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()
        assert "/admin/login/" not in page.url, f"{user.username} could not sign in"
        return page

    yield sign_in
    # A request still in flight (an autosave, the page loaded after "Save draft") would reach the live server
    # while the test database is being emptied: let each page's requests finish before closing.
    for context in contexts:
        for page in context.pages:
            page.wait_for_load_state("networkidle")
        context.close()


def posted_fields(request):
    """The fields of a form POST, {name: value}, whether URL-encoded or multipart (autosave's FormData)."""
    content_type = request.headers.get("content-type", "")
    body = request.post_data_buffer or b""
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        return {
            part.get_param("name", header="content-disposition"): part.get_payload(decode=True).decode()
            for part in message.iter_parts()
        }
    return {name: values[-1] for name, values in parse_qs(body.decode(), keep_blank_values=True).items()}


def on_test_connection(callback):
    """The callback, to be run by Playwright, made to use the test's database connection.

    Playwright runs each callback in a greenlet of its own, which Django's connection handler takes for
    a new context: the ORM would open another connection there (see _orm_allowed for why not). Call
    this in the test, so that the callback gets the connection the test uses.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]

    @functools.wraps(callback)  # Playwright passes as many arguments as the callback takes
    def with_connection(*args):
        connections[DEFAULT_DB_ALIAS] = connection
        return callback(*args)

    return with_connection


def latest_revision(page):
    return page.revisions.select_related("user").order_by("-created_at", "-pk").first()


class Editor:
    """One page's editor in the browser, with every request it sends to the edit view."""

    def __init__(self, page, demo_site, project):
        self.page = page
        self.url = f"{demo_site.url}/admin/pages/{project.pk}/edit/"
        self.form_posts = []  # the form's own submissions (navigations), in order

        def record(request):
            if request.url == self.url and request.method == "POST" and request.is_navigation_request():
                self.form_posts.append(request)

        page.on("request", record)
        self.autosaves = []  # (title sent, status) of every autosave, in order

        def record_autosave(response):
            request = response.request
            if request.url == self.url and request.method == "POST" and not request.is_navigation_request():
                self.autosaves.append((posted_fields(request).get("title"), response.status))

        page.on("response", record_autosave)
        page.goto(self.url)
        self.title = page.locator("#id_title")
        self.indicator = page.locator("#w-autosave-indicator")

    def loaded_revision(self):
        return self.page.locator("input[name=loaded_revision_id]").input_value()

    def settle(self):
        """Wait for the answer to any autosave the page has started, so that none runs on after the test."""
        from playwright.sync_api import expect

        if self.page.evaluate("window.__editor.autosaves"):
            expect(self.indicator).to_have_attribute(AUTOSAVE_STATE, re.compile("^(saved|paused)$"), timeout=TIMEOUT)

    def type_in_title(self, text):
        """Type at the end of the title; return the fields, status and JSON of the autosave that sends it."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        self.page.wait_for_function(WATCHING_EDITS, timeout=TIMEOUT)
        title = self.title.input_value() + text

        def is_autosave(response):
            request = response.request
            return (
                request.url == self.url
                and request.method == "POST"
                and not request.is_navigation_request()
                and posted_fields(request).get("title") == title
            )

        try:
            with self.page.expect_response(is_autosave, timeout=TIMEOUT) as autosave:
                self.title.press("End")
                self.title.press_sequentially(text, delay=20)
            response = autosave.value
        except PlaywrightTimeoutError:
            pytest.fail(
                f"no autosave sent the title {title!r} (the form has {self.title.input_value()!r}); "
                f"autosaves sent (title, status): {self.autosaves}; events: {self.page.evaluate('window.__editor')}"
            )
        return posted_fields(response.request), response.status, response.json()


def test_save_draft_after_own_autosave_is_saved(project, people, admin_page, demo_site):
    """Autosave saves the editor's changes; "Save draft" then saves a new version, not an error."""
    from playwright.sync_api import expect

    moderator = people["moderator"]
    editor = Editor(admin_page(moderator), demo_site, project)
    opened = latest_revision(project)
    assert editor.loaded_revision() == str(opened.pk)

    # First change: autosave creates a version by the editor, newer than the one the form names.
    first_title = project.title + " (bozza)"
    fields, status, data = editor.type_in_title(" (bozza)")
    assert status == 200 and data["success"], data
    assert "overwrite_revision_id" not in fields
    expect(editor.indicator).to_have_attribute(AUTOSAVE_STATE, "saved", timeout=TIMEOUT)
    autosaved = latest_revision(project)
    assert autosaved.pk == data["revision_id"] != opened.pk
    assert autosaved.user == moderator and autosaved.content["title"] == first_title
    assert autosaved.created_at > opened.created_at

    # Second change: autosave overwrites that version, whose id only JavaScript knows.
    final_title = first_title + " rivista"
    fields, status, data = editor.type_in_title(" rivista")
    assert status == 200 and data["success"], data
    assert fields["overwrite_revision_id"] == str(autosaved.pk)
    assert fields["loaded_revision_id"] == str(opened.pk)
    expect(editor.indicator).to_have_attribute(AUTOSAVE_STATE, "saved", timeout=TIMEOUT)
    autosaved.refresh_from_db()
    assert latest_revision(project) == autosaved and autosaved.content["title"] == final_title

    # "Save draft" posts the form, which still names the version it was opened on: the version saved
    # meanwhile is the editor's own, so it is saved (without the same-user exception, the guard would
    # refuse it: Wagtail itself counts the form out of date, loaded_revision_id != latest).
    with editor.page.expect_navigation(timeout=TIMEOUT):
        editor.page.locator(SAVE_DRAFT).click()
    assert len(editor.form_posts) == 1
    fields = posted_fields(editor.form_posts[0])
    assert fields["loaded_revision_id"] == str(opened.pk)
    assert fields["loaded_revision_created_at"] == opened.created_at.isoformat()
    assert "overwrite_revision_id" not in fields
    assert fields["title"] == final_title

    messages = editor.page.locator(".messages")
    expect(messages).not_to_contain_text(CONFLICT_MESSAGE)
    expect(messages.locator("li.success")).to_contain_text(final_title)
    expect(editor.title).to_have_value(final_title)
    saved = latest_revision(project)
    assert saved.pk not in (opened.pk, autosaved.pk)
    assert saved.user == moderator and saved.content["title"] == final_title
    assert editor.loaded_revision() == str(saved.pk)


def refuse_stale_save(editor, project, people):
    """Autosave the editor's change, let the other person save a version, then try to save over it.

    Returns (the version the form was opened on, the other person's version, the form's title).
    """
    from playwright.sync_api import expect

    page = editor.page
    opened = latest_revision(project)
    fields, status, data = editor.type_in_title(" (bozza)")
    assert status == 200 and data["success"], data
    expect(editor.indicator).to_have_attribute(AUTOSAVE_STATE, "saved", timeout=TIMEOUT)
    mine = latest_revision(project)
    assert mine.user == people["moderator"]

    # Meanwhile, someone else saves a version (from the editor's autosaved content, with a new title).
    theirs = project.specific_class.objects.get(pk=project.pk).get_latest_revision_as_object()
    theirs.title = "Titolo di Giulia"
    theirs = theirs.save_revision(user=people["other"], log_action=True)

    # The editor types on: autosave refuses to save over that version and stops; the session ping
    # that follows reports it.
    typed_title = mine.content["title"] + " rivista"
    fields, status, data = editor.type_in_title(" rivista")
    assert fields["overwrite_revision_id"] == str(mine.pk)
    assert status == 400 and data["error_code"] == "invalid_revision", data
    expect(editor.indicator).to_have_attribute(AUTOSAVE_STATE, "paused", timeout=TIMEOUT)
    expect(page.locator(".w-editing-sessions__session--saved")).to_be_visible(timeout=TIMEOUT)
    assert latest_revision(project) == theirs

    # "Save draft" does not post the form: Wagtail asks first, naming who saved the newer version.
    page.locator(SAVE_DRAFT).click()
    dialog = page.locator("#w-save-confirmation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#title-text-w-save-confirmation-dialog")).to_contain_text("Giulia Bianchi")
    assert editor.form_posts == []
    assert latest_revision(project) == theirs

    # Confirming posts the form; the guard refuses it. What the database holds is read once the server
    # has answered and before the browser gets the answer, so before any script on the returned page.
    at_answer = {}

    @on_test_connection
    def answer(route):
        if not (route.request.method == "POST" and route.request.is_navigation_request()):
            route.fallback()  # an autosave
            return
        response = route.fetch()
        at_answer["latest"] = latest_revision(project)
        route.fulfill(response=response)

    page.route(editor.url, answer)
    with page.expect_navigation(timeout=TIMEOUT):
        dialog.locator("[data-w-dialog-target=confirm]").click()
    page.unroute(editor.url, answer)
    assert len(editor.form_posts) == 1
    fields = posted_fields(editor.form_posts[0])
    assert fields["loaded_revision_id"] == str(opened.pk)
    assert "overwrite_revision_id" not in fields
    assert fields["title"] == typed_title
    assert at_answer["latest"] == theirs
    return opened, theirs, typed_title


def test_save_draft_over_someone_elses_newer_version_is_refused(project, people, admin_page, demo_site):
    """Wagtail's dialog asks first; confirming it, the guard refuses and gives the form back."""
    from playwright.sync_api import expect

    editor = Editor(admin_page(people["moderator"]), demo_site, project)
    opened, theirs, typed_title = refuse_stale_save(editor, project, people)

    messages = editor.page.locator(".messages")
    expect(messages.locator("li.error")).to_contain_text(CONFLICT_MESSAGE)
    expect(messages.locator("li.error")).to_contain_text("Giulia Bianchi")
    expect(messages.locator("li.success")).to_have_count(0)
    # The editor's changes are still in the form, now based on the other person's version.
    expect(editor.title).to_have_value(typed_title)
    assert editor.loaded_revision() == str(theirs.pk)
    theirs.refresh_from_db()
    assert theirs.content["title"] == "Titolo di Giulia"
    # The returned form counts as having unsaved changes (leaving the page warns), and w-unsaved says so.
    expect(editor.page.locator("#page-edit-form")).to_have_attribute("data-w-unsaved-force-value", "true")
    editor.page.wait_for_function("window.__editor.edits > 0", timeout=TIMEOUT)
    editor.settle()  # which starts an autosave: see the next test


def test_refused_form_is_not_autosaved_over_the_newer_version(project, people, admin_page, demo_site):
    """After the refusal, the other person's version stays the latest until the editor saves again."""
    from playwright.sync_api import expect

    editor = Editor(admin_page(people["moderator"]), demo_site, project)
    opened, theirs, typed_title = refuse_stale_save(editor, project, people)
    expect(editor.page.locator(".messages li.error")).to_contain_text(CONFLICT_MESSAGE)

    # The returned form counts as edited (has_unsaved_changes): w-unsaved reports it once, and when
    # autosave is on, its handler starts an autosave before the event reaches the document.
    editor.page.wait_for_function("window.__editor.edits > 0", timeout=TIMEOUT)
    autosaves = editor.page.evaluate("window.__editor.autosaves")
    editor.settle()
    latest = latest_revision(project)
    assert not autosaves and latest == theirs, (
        f"{autosaves} autosave(s) after the refusal; the latest version is now {latest.pk} by {latest.user} "
        f"({latest.content['title']!r}), not {theirs.pk} by {theirs.user}"
    )
