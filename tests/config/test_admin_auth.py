"""Admin sign-in: lockout after wrong passwords, two factors, the password reset, session expiry, passwords.

Everything goes through the admin's real forms (sign-in, code, device set-up, password reset, user creation).
"""

import io
import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import background

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105
LOGIN_URL = "/admin/login/"
ADMIN_URL = "/admin/"
RESET_URL = "/admin/password_reset/"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redattore", "redattore@comune.torino.it", PASSWORD)


def sign_in(client, username, password, ip="10.0.0.1", **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def signed_in(client):
    return client.get(ADMIN_URL).status_code == 200


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# --- lockout --------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra_failures", [0, 3])
def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_password(staff, extra_failures):
    client = Client()
    for _attempt in range(4):
        assert sign_in(client, "amministratrice", "sbagliata").status_code == 200
    for _attempt in range(1 + extra_failures):
        assert sign_in(client, "amministratrice", "sbagliata").status_code == 429

    response = sign_in(client, "amministratrice", PASSWORD)

    assert response.status_code == 429
    assert "Accesso bloccato" in response.content.decode()
    assert "15 minuti" in response.content.decode()
    assert not signed_in(client)


def test_an_attacker_elsewhere_does_not_lock_the_user_out(staff):
    for _attempt in range(6):
        sign_in(Client(), "amministratrice", "sbagliata", ip="203.0.113.9")
    assert sign_in(Client(), "amministratrice", PASSWORD, ip="203.0.113.9").status_code == 429

    client = Client()
    assert sign_in(client, "amministratrice", PASSWORD, ip="10.0.0.1").status_code == 302
    assert signed_in(client)


def test_one_address_trying_many_usernames_is_locked_out_at_the_higher_limit(staff, editor):
    attacker = "203.0.113.9"
    # Four wrong passwords each for five usernames: no (username, address) pair reaches 5, the address reaches 20.
    for name in ["amministratrice", "redattore", "mario", "lucia", "gianni"]:
        for _attempt in range(4):
            sign_in(Client(), name, "sbagliata", ip=attacker)
        if name == "lucia":  # 16 failures so far: under the address's limit, the right password still works
            assert sign_in(Client(), "redattore", PASSWORD, ip=attacker).status_code == 302

    assert sign_in(Client(), "redattore", PASSWORD, ip=attacker).status_code == 429
    # The users themselves, from their own addresses, still sign in.
    assert sign_in(Client(), "redattore", PASSWORD, ip="10.0.0.2").status_code == 302
    assert sign_in(Client(), "amministratrice", PASSWORD, ip="10.0.0.3").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(staff):
    proxy = {"ip": "192.168.0.10"}
    for _attempt in range(20):
        Client().post(
            LOGIN_URL,
            {"username": "amministratrice", "password": "sbagliata"},
            REMOTE_ADDR=proxy["ip"],
            # What the attacker sends on the left cannot move them to another address.
            HTTP_X_FORWARDED_FOR=f"198.51.100.{_attempt}, 203.0.113.9",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    attacker = Client().post(
        LOGIN_URL,
        {"username": "amministratrice", "password": PASSWORD},
        REMOTE_ADDR=proxy["ip"],
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert attacker.status_code == 429

    client = Client()
    response = client.post(
        LOGIN_URL,
        {"username": "amministratrice", "password": PASSWORD},
        REMOTE_ADDR=proxy["ip"],
        HTTP_X_FORWARDED_FOR="10.0.0.7",
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "command",
    [("axes_reset_username", "amministratrice"), ("axes_reset_ip", "10.0.0.1"), ("axes_reset",)],
)
def test_an_administrator_unlocks_a_locked_out_user(staff, command):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "amministratrice", "sbagliata")
    assert sign_in(client, "amministratrice", PASSWORD).status_code == 429

    call_command(*command, stdout=io.StringIO())

    assert sign_in(client, "amministratrice", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_lockout_ends_after_the_cool_off(staff):
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=UTC), tick=False) as clock:
        client = Client()
        for _attempt in range(5):
            sign_in(client, "amministratrice", "sbagliata")
        clock.shift(timedelta(minutes=14))
        assert sign_in(client, "amministratrice", PASSWORD).status_code == 429
        # A refused attempt restarts the cool-off.
        clock.shift(timedelta(minutes=14))
        assert sign_in(client, "amministratrice", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=16))
        assert sign_in(client, "amministratrice", PASSWORD).status_code == 302


# --- two factors ----------------------------------------------------------------------------------

two_factors = override_settings(WAGTAIL_2FA_REQUIRED=True)


@pytest.fixture
def otp_clock():
    """A clock the test moves: TOTP codes and django-otp's wait after a wrong code both follow it."""
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC), tick=False) as clock:
        yield clock


@two_factors
@pytest.mark.parametrize("path", [ADMIN_URL, "/admin/pages/", "/admin/users/"])
def test_a_user_without_a_device_is_sent_to_set_one_up(staff, path):
    client = Client()
    assert sign_in(client, "amministratrice", PASSWORD).status_code == 302

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))


@two_factors
def test_setting_up_a_device_needs_a_right_code_and_then_opens_the_admin(staff, otp_clock):
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("wagtail_2fa_device_new")).status_code == 200
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Telefono", "otp_token": "000000" if code_for(device) != "000000" else "111111", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["otp_token"]
    assert not signed_in(client)

    otp_clock.shift(timedelta(seconds=2))  # django-otp makes a wrong code wait a second before the next try
    right = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Telefono", "otp_token": code_for(device), "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert right.status_code == 302
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert signed_in(client)


@pytest.fixture
def staff_device(staff):
    return TOTPDevice.objects.create(user=staff, name="Telefono", confirmed=True)


@two_factors
def test_a_user_with_a_device_needs_the_right_code_after_the_password(staff_device, otp_clock):
    client = Client()
    assert sign_in(client, "amministratrice", PASSWORD).status_code == 302
    response = client.get(ADMIN_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_auth"))

    wrong = client.post(reverse("wagtail_2fa_auth"), {"otp_token": "12345"})
    assert wrong.status_code == 200
    assert not signed_in(client)

    otp_clock.shift(timedelta(seconds=2))
    right = client.post(reverse("wagtail_2fa_auth"), {"otp_token": code_for(staff_device), "next": ADMIN_URL})
    assert right.status_code == 302
    assert signed_in(client)


def _recovery_codes(client):
    response = client.post(reverse("accounts_recovery_codes"), {"password": PASSWORD})
    assert response.status_code == 200
    return response.context["codes"]


@two_factors
def test_recovery_codes_are_ten_each_works_once_and_new_ones_replace_them(staff_device, otp_clock):
    owner = Client()
    sign_in(owner, "amministratrice", PASSWORD)
    owner.post(reverse("wagtail_2fa_auth"), {"otp_token": code_for(staff_device)})
    codes = _recovery_codes(owner)
    assert len(codes) == len(set(codes)) == 10
    # Shown once: the page only counts them afterwards.
    later = owner.get(reverse("accounts_recovery_codes"))
    assert not any(code in later.content.decode() for code in codes)

    def sign_in_with(code):
        otp_clock.shift(timedelta(seconds=10))  # past django-otp's wait after an earlier wrong code
        client = Client()
        sign_in(client, "amministratrice", PASSWORD)
        client.post(reverse("wagtail_2fa_auth"), {"otp_token": code})
        return signed_in(client)

    assert sign_in_with(codes[3])
    assert not sign_in_with(codes[3])
    assert sign_in_with(codes[7])
    assert StaticToken.objects.filter(device__user=staff_device.user).count() == 8

    new_codes = _recovery_codes(owner)
    assert not set(new_codes) & set(codes)
    assert not sign_in_with(codes[0])
    assert sign_in_with(new_codes[0])


@two_factors
def test_recovery_codes_need_an_authenticator_first(staff):
    client = Client()
    client.force_login(staff)
    response = client.post(reverse("accounts_recovery_codes"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not StaticToken.objects.exists()


def test_reset_2fa_command_removes_a_lost_device(staff_device):
    with two_factors:
        client = Client()
        sign_in(client, "amministratrice", PASSWORD)
        assert client.get(ADMIN_URL)["Location"].startswith(reverse("wagtail_2fa_auth"))

        call_command("reset_2fa", "amministratrice", stdout=io.StringIO())

        assert not TOTPDevice.objects.exists()
        assert client.get(ADMIN_URL)["Location"].startswith(reverse("wagtail_2fa_device_new"))


# --- password reset -------------------------------------------------------------------------------


class ThreadRecordingBackend(EmailBackend):
    """The test mail backend, noting the thread each message is sent from."""

    threads = []

    def send_messages(self, messages):
        self.threads.append(threading.get_ident())
        return super().send_messages(messages)


@pytest.fixture
def recording_backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.ThreadRecordingBackend"
    ThreadRecordingBackend.threads = []
    return ThreadRecordingBackend


@pytest.mark.parametrize("known", ["amministratrice@comune.torino.it", "AMMINISTRATRICE@comune.torino.it"])
@pytest.mark.parametrize("unknown", ["nessuno@comune.torino.it", "amministratrice@example.org"])
def test_reset_answers_the_same_for_a_known_and_an_unknown_address(staff, recording_backend, known, unknown):
    answers = []
    for email in (known, unknown):
        client = Client()
        response = client.post(RESET_URL, {"email": email})
        done = client.get(response["Location"])
        # Each visitor gets their own CSRF token: the only difference allowed.
        done_body = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", done.content.decode())
        answers.append((response.status_code, response["Location"], response.content, done.status_code, done_body))
    assert answers[0] == answers[1]

    background.wait()
    assert [message.to for message in mail.outbox] == [["amministratrice@comune.torino.it"]]
    # The mail left from another thread, after the answer: the request did the same work for both addresses.
    assert recording_backend.threads and threading.get_ident() not in recording_backend.threads


@override_settings(PASSWORD_RESET_LIMIT_PER_EMAIL=2, PASSWORD_RESET_LIMIT_PER_IP=4)
@pytest.mark.parametrize("email", ["amministratrice@comune.torino.it", "nessuno@comune.torino.it"])
def test_reset_is_limited_per_email_and_per_address(staff, recording_backend, email):
    def ask(address, ip):
        return Client().post(RESET_URL, {"email": address}, REMOTE_ADDR=ip)

    assert ask(email, "10.0.0.1").status_code == 302
    assert ask(email.upper(), "10.0.0.1").status_code == 302
    refused = ask(email, "10.0.0.2")  # another address, the same e-mail
    assert refused.status_code == 429
    assert "Troppe richieste" in refused.content.decode()

    assert ask("altra@comune.torino.it", "10.0.0.1").status_code == 302
    assert ask("terza@comune.torino.it", "10.0.0.1").status_code == 302
    assert ask("quarta@comune.torino.it", "10.0.0.1").status_code == 429  # the fifth from 10.0.0.1
    assert ask("quarta@comune.torino.it", "10.0.0.3").status_code == 302  # not the same e-mail twice yet
    # Only requests are counted: the form itself still opens.
    assert Client().get(RESET_URL, REMOTE_ADDR="10.0.0.1").status_code == 200
    background.wait()


def test_while_the_limits_cannot_be_counted_no_reset_mail_is_sent(staff, recording_backend, redis_down):
    """Redis down: django-redis answers None to every count, so a limit that trusted it would let anyone fill an
    inbox with reset mails. The form says to come back in a minute instead."""
    redis_down()
    for _ in range(3):
        response = Client().post(RESET_URL, {"email": "amministratrice@comune.torino.it"})
        assert (response.status_code, response["Retry-After"]) == (503, "60")
        assert "Non è stato inviato nulla" in response.content.decode()
    background.wait()
    assert mail.outbox == []


# --- sessions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("remember", [True, False])
def test_a_session_ends_after_a_working_day_without_activity(staff, remember):
    with time_machine.travel(datetime(2026, 12, 7, 8, 0, tzinfo=UTC), tick=False) as clock:
        client = Client()
        response = sign_in(client, "amministratrice", PASSWORD, **({"remember": "on"} if remember else {}))
        assert response.cookies["sessionid"]["httponly"]
        if remember:
            assert int(response.cookies["sessionid"]["max-age"]) <= 9 * 60 * 60

        # Each request moves the end on: three working days in a row, with short gaps.
        for _step in range(3):
            clock.shift(timedelta(hours=8, minutes=59))
            assert signed_in(client)

        clock.shift(timedelta(hours=9, minutes=1))
        response = client.get(ADMIN_URL)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_URL)


# --- passwords ------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Tq7#mZp2Lx", "Vb9!rKe4Wq2"])
def test_the_user_form_refuses_a_password_under_twelve_characters(staff, password):
    client = Client()
    client.force_login(staff)
    data = {
        "username": "nuova",
        "email": "nuova@comune.torino.it",
        "first_name": "Nuova",
        "last_name": "Redattrice",
        "password1": password,
        "password2": password,
    }

    response = client.post(reverse("wagtailusers_users:add"), data)

    assert response.status_code == 200
    codes = [error.code for error in response.context["form"].errors.as_data()["password2"]]
    assert "password_too_short" in codes
    assert not get_user_model().objects.filter(username="nuova").exists()

    data["password1"] = data["password2"] = password + "Xy"
    assert client.post(reverse("wagtailusers_users:add"), data).status_code == 302
    assert get_user_model().objects.filter(username="nuova").exists()


def test_setting_a_new_password_refuses_a_weak_one(staff):
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(staff.pk))
    token = default_token_generator.make_token(staff)
    form_url = client.get(f"/admin/password_reset/confirm/{uid}/{token}/")["Location"]

    # Too short, then the validators that were already there: like the name, only digits.
    for password in ["Tq7#mZp2Lx", "Vb9!rKe4Wq2", "amministratrice1", "123456789012"]:
        response = client.post(form_url, {"new_password1": password, "new_password2": password})
        assert response.status_code == 200, password
        assert response.context["form"].errors["new_password2"], password
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
