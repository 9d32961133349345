"""Passing the second factor gives the session a new key (accounts.views.verified_with), as signing in with the
password does: a key known after the password step alone never becomes a fully signed-in session."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105


@pytest.fixture(autouse=True)
def _two_factors_at_a_fixed_time():
    with (
        override_settings(WAGTAIL_2FA_REQUIRED=True),
        time_machine.travel(datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC), tick=False),
    ):
        yield


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def after_the_password():
    """A client past the password step, and the session key it has then."""
    client = Client()
    credentials = {"username": "amministratrice", "password": PASSWORD}
    response = client.post("/admin/login/", credentials, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    return client, client.cookies["sessionid"].value


def is_signed_in(session_key):
    """Whether a client holding only this session key reaches the admin."""
    client = Client()
    client.cookies["sessionid"] = session_key
    return client.get("/admin/").status_code == 200


@pytest.mark.parametrize("factor", ["app", "recovery code"])
def test_the_code_form_gives_the_session_a_new_key(staff, factor):
    device = TOTPDevice.objects.create(user=staff, name="Telefono", confirmed=True)
    recovery = StaticDevice.objects.create(user=staff, name="recovery", confirmed=True)
    recovery.token_set.create(token="k7q2m9x4")  # noqa: S106
    client, key_after_password = after_the_password()

    code = code_for(device) if factor == "app" else "k7q2m9x4"
    assert client.post(reverse("wagtail_2fa_auth"), {"otp_token": code}).status_code == 302

    key_after_code = client.cookies["sessionid"].value
    assert key_after_code != key_after_password
    assert is_signed_in(key_after_code)
    assert not is_signed_in(key_after_password)


def test_setting_up_the_app_gives_the_session_a_new_key(staff):
    client, key_after_password = after_the_password()
    client.get(reverse("wagtail_2fa_device_new"))
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    response = client.post(
        reverse("wagtail_2fa_device_new"), {"name": "Telefono", "otp_token": code_for(device), "password": PASSWORD}
    )

    assert response.status_code == 302
    key_after_set_up = client.cookies["sessionid"].value
    assert key_after_set_up != key_after_password
    assert is_signed_in(key_after_set_up)
    assert not is_signed_in(key_after_password)
