"""Repeated wrong early-access links from one address are refused for a while.

A counter per client address in the shared cache (Redis in production, so every app server counts
together): each unknown, expired or revoked link adds one; past ``WRONG_LINK_LIMIT`` within
``WRONG_LINK_WINDOW`` seconds that address gets a 429 page for every link, right or wrong, until the window
ends, and no link is even looked up. The limit is per address, so an attacker locks out only themselves
(and whoever shares their address), never the other recipients. The address is the one django-axes reads
for sign-in (``AXES_CLIENT_IP_CALLABLE``), so the proxies in front are handled the same way.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache

WRONG_LINK_LIMIT = 20
WRONG_LINK_WINDOW = 15 * 60  # seconds
KEY_PREFIX = "earlyaccess:wrong-links"


def _key(request):
    address = get_client_ip_address(request) or "-"
    # Hashed so the cache holds no readable addresses.
    return f"{KEY_PREFIX}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def is_throttled(request):
    return (cache.get(_key(request)) or 0) >= WRONG_LINK_LIMIT


def count_wrong_link(request):
    """One more wrong link from this address; the window starts at the first one."""
    key = _key(request)
    cache.add(key, 0, timeout=WRONG_LINK_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WRONG_LINK_WINDOW)
