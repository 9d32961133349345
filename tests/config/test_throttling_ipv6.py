"""Every limit counts an IPv6 client by its /64 (accounts.throttling.client_ip): whoever has one address of a /64
(a subscriber, a server) has all 2^64 of them, so counting single addresses let them guess without end. IPv4 is
counted by address, and an IPv4-mapped IPv6 address as the IPv4 address it maps.

The sign-in lockout (django-axes), the password reset's limit per address and the early-access links' throttle
(earlyaccess/throttle.py, which asks axes for the address) all go through it.
"""

import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings

from accounts import background
from accounts.throttling import client_ip
from earlyaccess import throttle

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)


def sign_in(address, password=PASSWORD, **meta):
    data = {"username": "amministratrice", "password": password}
    return Client().post("/admin/login/", data, REMOTE_ADDR=address, **meta)


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::"),
        ("2001:db8:1:3::1", "2001:db8:1:3::"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("fe80::1%eth0", "fe80::"),
        ("::1", "::"),
        ("not an address", None),
    ],
)
def test_a_client_is_counted_by_its_ipv4_address_or_its_ipv6_64(address, counted_as):
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=address)) == counted_as


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_forwarded_ipv6_address_is_counted_by_its_64():
    request = RequestFactory().get("/", REMOTE_ADDR="192.168.0.10", HTTP_X_FORWARDED_FOR="10.0.0.1, 2001:db8:1:2::7")
    assert client_ip(request) == "2001:db8:1:2::"


@pytest.mark.parametrize("proxied", [False, True])
def test_wrong_passwords_from_one_address_lock_out_its_whole_64(staff, settings, proxied):
    def sign_in_from(address, password=PASSWORD):
        if proxied:
            settings.TRUSTED_PROXY_COUNT = 1
            return sign_in("192.168.0.10", password, HTTP_X_FORWARDED_FOR=address)
        return sign_in(address, password)

    for _attempt in range(5):
        sign_in_from("2001:db8:1:2::1", "sbagliata")

    # Another address of the same /64, however it is written: the same client, locked out.
    assert sign_in_from("2001:db8:1:2::2").status_code == 429
    assert sign_in_from("2001:0db8:0001:0002:0000:0000:0000:0001").status_code == 429
    assert sign_in_from("2001:db8:1:2:ffff:ffff:ffff:ffff").status_code == 429
    # The next /64 is someone else.
    assert sign_in_from("2001:db8:1:3::1").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:1:2::"}


def test_the_lockout_of_a_64_is_lifted_by_its_first_address(staff):
    for _attempt in range(5):
        sign_in("2001:db8:1:2::1", "sbagliata")
    assert sign_in("2001:db8:1:2::9").status_code == 429

    call_command("axes_reset_ip", "2001:db8:1:2::", stdout=io.StringIO())

    assert sign_in("2001:db8:1:2::9").status_code == 302


def test_an_ipv4_mapped_address_counts_with_its_ipv4_address(staff):
    for _attempt in range(5):
        sign_in("::ffff:203.0.113.9", "sbagliata")

    assert sign_in("203.0.113.9").status_code == 429
    assert sign_in("203.0.113.10").status_code == 302


@override_settings(PASSWORD_RESET_LIMIT_PER_IP=2)
def test_password_reset_requests_from_one_64_share_one_limit(staff):
    def ask(email, address):
        return Client().post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address).status_code

    assert ask("uno@comune.torino.it", "2001:db8:1:2::1") == 302
    assert ask("due@comune.torino.it", "2001:db8:1:2::2") == 302
    assert ask("tre@comune.torino.it", "2001:db8:1:2::3") == 429
    assert ask("tre@comune.torino.it", "2001:db8:1:3::1") == 302
    background.wait()


def test_wrong_early_access_links_from_one_64_share_one_throttle():
    def request_from(address):
        return RequestFactory().get("/anteprima/x/", REMOTE_ADDR=address)

    for host in range(1, throttle.WRONG_LINK_LIMIT + 1):
        throttle.count_wrong_link(request_from(f"2001:db8:1:2::{host:x}"))

    assert throttle.is_throttled(request_from("2001:db8:1:2::beef"))
    assert not throttle.is_throttled(request_from("2001:db8:1:3::1"))
