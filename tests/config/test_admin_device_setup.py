"""Setting up an authenticator app (wagtail-2fa's device form at /admin/2fa/devices/new, accounts.views.
DeviceCreateView): sent twice, or sent without being opened, it says what happened instead of answering 500.
Removing one (/admin/2fa/devices/<pk>/remove, accounts.views.DeviceDeleteView): an unknown id is a 404 and the
removal returns to the device owner's list whatever user_id was sent, where wagtail-2fa answered 500.

The form's GET makes an unconfirmed device (its QR code) and its POST confirms it; a POST that found none used to
build the form on a device with no user and fail saving it (IntegrityError on user_id), mailing the password typed.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105
NEW_DEVICE_URL = "/admin/2fa/devices/new"

pytestmark = pytest.mark.usefixtures("otp_clock")


@pytest.fixture
def otp_clock():
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC), tick=False) as clock:
        yield clock


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)


@pytest.fixture
def signed_in(staff):
    """The user after the password, with no authenticator yet: the admin sends them to set one up."""
    client = Client(raise_request_exception=False)
    credentials = {"username": "amministratrice", "password": PASSWORD}
    response = client.post("/admin/login/", credentials, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    return client


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def device_list_url(user):
    return reverse("wagtail_2fa_device_list", kwargs={"user_id": user.pk})


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_the_set_up_form_sent_twice_leads_to_the_devices_the_second_time(staff, signed_in):
    assert signed_in.get(NEW_DEVICE_URL).status_code == 200
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    data = {"name": "Telefono", "otp_token": code_for(device), "password": PASSWORD}

    first = signed_in.post(NEW_DEVICE_URL, data)
    second = signed_in.post(NEW_DEVICE_URL, data)  # the button pressed twice

    assert first.status_code == 302
    assert first["Location"] == device_list_url(staff)
    assert second.status_code == 302
    assert second["Location"] == device_list_url(staff)
    assert messages_of(second) == ["Questo modulo era già stato inviato: la tua app di autenticazione è configurata."]
    assert list(TOTPDevice.objects.filter(user=staff).values_list("name", "confirmed")) == [("Telefono", True)]
    assert signed_in.get("/admin/").status_code == 200


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_the_set_up_form_sent_without_opening_it_leads_back_to_a_new_qr_code(staff, signed_in):
    response = signed_in.post(NEW_DEVICE_URL, {"name": "Telefono", "otp_token": "493027", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == NEW_DEVICE_URL
    assert not TOTPDevice.objects.exists()
    form = signed_in.get(NEW_DEVICE_URL)
    assert form.status_code == 200
    assert "Questo modulo di configurazione non è più valido." in form.content.decode()
    assert TOTPDevice.objects.get(user=staff).confirmed is False  # the new QR code's device, waiting for its code


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_the_qr_code_with_no_set_up_under_way_is_not_found(staff, signed_in):
    assert signed_in.get(reverse("wagtail_2fa_device_qrcode")).status_code == 404

    signed_in.get(NEW_DEVICE_URL)
    response = signed_in.get(reverse("wagtail_2fa_device_qrcode"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_a_second_click_sent_before_the_first_answer_is_sent_to_sign_in(staff, signed_in):
    """The browser sends the second POST with the session key it had: the first POST retired that key (the app
    verified the user, who gets a new one), so the second is signed out, not a 500."""
    signed_in.get(NEW_DEVICE_URL)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    data = {"name": "Telefono", "otp_token": code_for(device), "password": PASSWORD}
    old_key = signed_in.cookies["sessionid"].value
    second_click = Client(raise_request_exception=False)
    second_click.cookies["sessionid"] = old_key

    assert signed_in.post(NEW_DEVICE_URL, data).status_code == 302
    response = second_click.post(NEW_DEVICE_URL, data)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1


def remove_url(pk):
    return f"/admin/2fa/devices/{pk}/remove"


@pytest.fixture
def colleague(db):
    """A user of the admin without the permission to change users (nor, so, other users' devices)."""
    user = get_user_model().objects.create_user("redattore", "redattore@comune.torino.it", PASSWORD)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.fixture
def colleague_client(colleague):
    client = Client(raise_request_exception=False)
    client.force_login(colleague)
    return client


def app_of(user, name="Telefono"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def test_removing_a_device_that_does_not_exist_is_not_found(staff, signed_in):
    gone = app_of(staff).pk
    TOTPDevice.objects.filter(pk=gone).delete()

    assert signed_in.get(remove_url(gone)).status_code == 404
    assert signed_in.post(remove_url(gone), {"user_id": staff.pk}).status_code == 404


@pytest.mark.parametrize("sent", [{}, {"user_id": ""}, {"user_id": "abc"}, {"user_id": "owner-of-another"}])
def test_a_removal_returns_to_the_list_of_the_devices_owner_whatever_user_id_was_sent(
    staff, signed_in, colleague, sent
):
    """The superuser removes a colleague's app: back to the colleague's list, not the one named by user_id
    (missing or not a number: wagtail-2fa's reverse() failed, a 500; another user's: that user's list)."""
    device = app_of(colleague)
    kept = app_of(staff, "Telefono dell'amministratrice")
    if sent.get("user_id") == "owner-of-another":
        sent = {"user_id": str(staff.pk)}

    assert signed_in.get(remove_url(device.pk)).status_code == 200
    response = signed_in.post(remove_url(device.pk), sent)

    assert response.status_code == 302
    assert response["Location"] == device_list_url(colleague)
    assert list(TOTPDevice.objects.all()) == [kept]


def test_another_users_device_stays_out_of_reach_without_the_permission(staff, colleague, colleague_client):
    """Refused as wagtail-2fa refused it (its own devices, or the change_user permission: PermissionDenied, which
    Wagtail's admin turns into a return to the dashboard); an id naming no device is a 404 for this user too, and
    their own app is removed, back to their own list whatever user_id says."""
    others = app_of(staff)
    own = app_of(colleague)

    for refused in (
        colleague_client.get(remove_url(others.pk)),
        colleague_client.post(remove_url(others.pk), {"user_id": colleague.pk}),
    ):
        assert refused.status_code == 302
        assert refused["Location"] == "/admin/"
        assert messages_of(refused)[-1].strip() == "Spiacente, non hai i permessi per accedere a questa area."
    assert colleague_client.post(remove_url(others.pk + own.pk), {"user_id": colleague.pk}).status_code == 404
    response = colleague_client.post(remove_url(own.pk), {"user_id": staff.pk})

    assert response.status_code == 302
    assert response["Location"] == device_list_url(colleague)
    assert list(TOTPDevice.objects.all()) == [others]
