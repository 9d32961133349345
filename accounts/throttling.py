"""How hard someone may knock: login lockout (django-axes) and the password-reset limit."""

import hashlib
import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.shortcuts import render


class LoginAttemptsHandler(AxesDatabaseHandler):
    """Two limits: AXES_FAILURE_LIMIT per (username, address) and LOGIN_IP_FAILURE_LIMIT per address.

    Axes compares one count against one limit, so the per-address count is scaled onto the per-user
    scale: an address reaches the user limit exactly when it reaches its own, higher one. The order of the
    querysets is the order of AXES_LOCKOUT_PARAMETERS: [["username", "ip_address"], "ip_address"].
    """

    def get_failures(self, request, credentials=None):
        limit = get_failure_limit(request, credentials)
        per_user_and_ip, per_ip = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return max(per_user_and_ip, per_ip * limit // settings.LOGIN_IP_FAILURE_LIMIT)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (429), in the visitor's language, saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"cooloff_minutes": minutes}, status=429)


# How much of an IPv6 address one client holds: a subscriber, a server or a VM is given a whole /64 (RFC 6177,
# and SLAAC needs one), and picks any of its 2^64 addresses at will, so counting single addresses counts nothing.
IPV6_CLIENT_PREFIX = 64
_IPV6_CLIENT_MASK = ((1 << IPV6_CLIENT_PREFIX) - 1) << (128 - IPV6_CLIENT_PREFIX)


def client_ip(request):
    """Who is knocking, as every limit counts them (AXES_CLIENT_IP_CALLABLE); None if there is no valid address.

    The address is REMOTE_ADDR or, behind TRUSTED_PROXY_COUNT reverse proxies, the one the outermost of them saw:
    each proxy appends to X-Forwarded-For, so entries left of it are whatever the client sent and are not trusted.

    An IPv4 address is the client. An IPv6 client is its /64, given as the network's first address
    (2001:db8:1:2::): whoever holds one address of a /64 can use them all, so five wrong passwords from
    2001:db8:1:2::1 must lock 2001:db8:1:2::2 out too. An IPv4-mapped IPv6 address (::ffff:203.0.113.9, from a
    dual-stack socket) is the IPv4 address it maps, so that it counts with that address and not with the whole
    ::ffff:0:0/96. The result is a plain address, as axes stores it in an address column (which PostgreSQL
    checks) and `axes_reset_ip` takes it; everything that limits by address asks this function, through axes
    (the sign-in lockout, the device form's and the recovery codes' password checks, early-access links) or
    directly (password reset).

    None (not a made-up string) when there is no address: requests Django builds itself, such as force_login's
    in tests.
    """
    address = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = forwarded[-count]
    try:
        address = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        # The integer drops a zone index (fe80::1%eth0) too: it names the server's interface, not the client.
        return str(ipaddress.IPv6Address(int(address) & _IPV6_CLIENT_MASK))
    return str(address)


class CannotCount(Exception):
    """The shared cache that holds the counts cannot be reached."""


def _hit(key, window):
    """Count one more request under key for window seconds; return the count.

    Raises CannotCount when the cache is down: django-redis then answers None instead of raising (IGNORE_EXCEPTIONS),
    and a limit that counted nothing would let anyone send reset mails to an inbox without end.
    """
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = cache.get(key)
    if count is None:
        raise CannotCount(key)
    return count


def password_reset_allowed(request):
    """False once this address or this e-mail has asked too often within PASSWORD_RESET_WINDOW seconds; raises
    CannotCount while the counts cannot be kept.

    The e-mail is counted whether or not it belongs to someone, so the answer says nothing about it; it is
    hashed so that the cache holds no addresses.
    """
    window = settings.PASSWORD_RESET_WINDOW
    email = request.POST.get("email", "").strip().lower()
    email_key = "password-reset:email:" + hashlib.sha256(email.encode()).hexdigest()
    ip_count = _hit(f"password-reset:ip:{client_ip(request)}", window)
    email_count = _hit(email_key, window) if email else 0
    return ip_count <= settings.PASSWORD_RESET_LIMIT_PER_IP and email_count <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
