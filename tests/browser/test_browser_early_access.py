"""Early access in a real browser: a Moderator gives a journalist access to the demo's embargoed release in the
admin, the e-mail (Django's locmem outbox: the live server runs in this process) holds the link, and the
journalist, signed in to nothing, opens it and reads the release with their name in the banner."""

import io
import re

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.test_browser_admin_editing import _orm_allowed

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password"  # noqa: S105
LINK = re.compile(r"https?://\S+/anteprima/[A-Za-z0-9_-]{43}/")


@pytest.fixture(autouse=True)
def orm_allowed(demo_site):
    """The test reads the outbox and the database as the live server does (see test_browser_admin_editing)."""
    with _orm_allowed(demo_site):
        yield


@pytest.fixture
def cast(demo_site):
    """A Moderator, an approved journalist and the demo's embargoed release; removed afterwards."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.models import Locale, PageLogEntry

    from earlyaccess.models import Recipient
    from editorial.management.commands.setup_editorial_groups import MODERATORS
    from news.models import NewsPage

    with _orm_allowed(demo_site):
        call_command("setup_editorial_groups", stdout=io.StringIO())
        moderator = get_user_model().objects.create_user(
            username="ufficiostampa", email="stampa@comune.torino.it", password=PASSWORD, first_name="Paola"
        )
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        journalist = Recipient(
            name="Marta Gallo", organisation="Cronache Subalpine", email="marta@example.org", language="it"
        )
        journalist.save()
        journalist.save_revision().publish()
        release = NewsPage.objects.embargoed().live().filter(locale=Locale.get_default(), is_press_release=True).first()
        assert release is not None, "the demo content has no press release under embargo"
        last_log = PageLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield {"moderator": moderator, "journalist": journalist, "release": release}
    with _orm_allowed(demo_site):
        journalist.grants.all().delete()
        journalist.delete()
        moderator.delete()
        PageLogEntry.objects.filter(pk__gt=last_log).delete()


def _context(chromium, demo_site):
    context = chromium.new_context(viewport=DESKTOP)
    context.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    return context


def test_a_moderator_grants_access_and_the_journalist_opens_the_emailed_link(chromium, demo_site, cast):
    from django.core import mail

    release = cast["release"]
    mail.outbox = []
    admin = _context(chromium, demo_site)
    try:
        page = admin.new_page()
        page.goto(demo_site.url + "/admin/login/")
        page.locator("#id_username").fill("ufficiostampa")
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()

        # The release's editor offers "Early access" in its header menu, whose items Wagtail's dropdown moves out
        # of the document until it opens: read the editor's markup as the server sent it.
        edit_url = f"{demo_site.url}/admin/pages/{release.pk}/edit/"
        page.goto(edit_url)
        grants = f"/admin/early-access/page/{release.pk}/"
        assert f'href="{grants}"' in page.request.get(edit_url).text()
        page.goto(demo_site.url + grants)

        page.get_by_label(re.compile("Marta Gallo")).check()
        with page.expect_navigation():
            page.locator(f"form[action$='/early-access/page/{release.pk}/'] button[type=submit]").click()
        shown = page.locator("input.early-access-link").input_value()
        page.wait_for_load_state("networkidle")
    finally:
        admin.close()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marta@example.org"]
    (url,) = LINK.findall(message.body)
    assert url == shown, "the link to copy is the one sent"

    reader = _context(chromium, demo_site)
    try:
        page = reader.new_page()
        response = page.goto(url.replace(url.split("/anteprima/")[0], demo_site.url), wait_until="load")
        assert response.status == 200
        assert response.headers["cache-control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
        # The e-mailed address (what mail scanners fetch) only offers the button that opens the release.
        assert page.locator("h1").first.inner_text().strip() == release.title
        with page.expect_navigation() as opened:
            page.get_by_role("button", name=re.compile("embargo")).click()
        assert opened.value.status == 200
        assert opened.value.headers["cache-control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
        banner = page.locator(".early-access-banner")
        assert "Marta Gallo" in banner.inner_text()
        assert page.locator("h1").first.inner_text().strip() == release.title
    finally:
        reader.close()
