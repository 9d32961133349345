"""Signing in with two factors in Chromium: password, then setting up the authenticator app, then the admin.

The test reads the new device's secret from the database and computes the code the app would show.
"""

import io

import pytest
from django.test import override_settings

from tests.browser.conftest import DESKTOP
from tests.browser.test_browser_admin_editing import _orm_allowed

pytestmark = pytest.mark.browser

PASSWORD = "browser-two-factors-password"  # noqa: S105
TIMEOUT = 20_000


@pytest.fixture
def newcomer(demo_site):
    """An Editor who has never signed in: no device yet."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from editorial.management.commands.setup_editorial_groups import EDITORS

    with _orm_allowed(demo_site):
        call_command("setup_editorial_groups", stdout=io.StringIO())
        user = get_user_model().objects.create_user(
            username="nuovaredattrice", email="nuovaredattrice@comune.torino.it", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=EDITORS))
    yield user
    with _orm_allowed(demo_site):
        user.delete()  # its devices go with it


def current_code(demo_site, user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with _orm_allowed(demo_site):
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_a_new_editor_signs_in_sets_up_the_app_and_reaches_the_dashboard(chromium, demo_site, newcomer):
    context = chromium.new_context(viewport=DESKTOP)
    context.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    page = context.new_page()
    try:
        page.goto(demo_site.url + "/admin/login/")
        page.locator("#id_username").fill(newcomer.username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()

        # Signed in with the password only: the admin sends them to set up the app, and nowhere else.
        assert "/admin/2fa/devices/new" in page.url
        page.goto(demo_site.url + "/admin/pages/")
        assert "/admin/2fa/devices/new" in page.url
        assert page.locator("img[src$='/admin/2fa/devices/qr-code']").is_visible()

        page.locator("#id_name").fill("Telefono")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_otp_token").fill("000000" if current_code(demo_site, newcomer) != "000000" else "111111")
        with page.expect_navigation():
            page.locator("li.submit button[type=submit]").click()
        assert "/admin/2fa/devices/new" in page.url  # a wrong code sets nothing up
        assert page.locator(".error-message, .w-field__errors").count() > 0

        page.wait_for_timeout(1_100)  # django-otp's wait after a wrong code
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_otp_token").fill(current_code(demo_site, newcomer))
        with page.expect_navigation():
            page.locator("li.submit button[type=submit]").click()
        assert "/admin/2fa/devices/" in page.url and "/new" not in page.url

        response = page.goto(demo_site.url + "/admin/")
        assert response.status == 200
        assert page.url == demo_site.url + "/admin/"
        page.locator("#main").wait_for(timeout=TIMEOUT)
    finally:
        context.close()
