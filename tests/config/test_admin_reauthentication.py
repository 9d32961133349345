"""The password asked again inside the admin: generating recovery codes needs it (accounts.views.recovery_codes), and
wrong ones there and in the authenticator set-up form count towards the sign-in lockout (django-axes), so a session
left open cannot be used to guess the password or to mint a second factor."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105
ADDRESS = "10.0.0.1"


@pytest.fixture(autouse=True)
def otp_clock():
    with (
        override_settings(WAGTAIL_2FA_REQUIRED=True),
        time_machine.travel(datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC), tick=False) as clock,
    ):
        yield clock


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, password=PASSWORD):
    return client.post("/admin/login/", {"username": "amministratrice", "password": password}, REMOTE_ADDR=ADDRESS)


def generate_codes(client, **data):
    return client.post(reverse("accounts_recovery_codes"), data, REMOTE_ADDR=ADDRESS)


@pytest.fixture
def verified(staff):
    """Signed in with the password and the app's code."""
    device = TOTPDevice.objects.create(user=staff, name="Telefono", confirmed=True)
    client = Client()
    sign_in(client)
    assert client.post(reverse("wagtail_2fa_auth"), {"otp_token": code_for(device)}).status_code == 302
    return client


@pytest.mark.parametrize("data", [{}, {"password": ""}, {"password": "sbagliata"}])
def test_recovery_codes_are_generated_only_with_the_password(verified, data):
    refused = generate_codes(verified, **data)

    assert refused.status_code == 200
    assert refused.context["codes"] is None
    assert refused.context["form"].errors["password"]
    assert not StaticToken.objects.exists()

    response = generate_codes(verified, password=PASSWORD)

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert StaticToken.objects.count() == 10


def test_wrong_passwords_in_the_set_up_and_recovery_code_forms_lock_the_user_out(staff):
    client = Client()
    sign_in(client)
    client.get(reverse("wagtail_2fa_device_new"), REMOTE_ADDR=ADDRESS)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    for _attempt in range(3):  # no code: only the password is checked
        wrong = client.post(
            reverse("wagtail_2fa_device_new"), {"name": "Telefono", "password": "sbagliata"}, REMOTE_ADDR=ADDRESS
        )
        assert wrong.status_code == 200
    right = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Telefono", "otp_token": code_for(device), "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    assert right.status_code == 302
    for _attempt in range(2):  # the fourth and fifth wrong password for this user from this address
        generate_codes(client, password="sbagliata")

    # Locked out as after five wrong passwords at sign-in: even the right one is refused, here and there.
    assert generate_codes(client, password=PASSWORD).status_code == 429
    assert not StaticToken.objects.exists()
    assert sign_in(Client()).status_code == 429
