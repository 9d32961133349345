"""A circuit breaker for the Redis cache: a dead or hung Redis costs a worker one short wait, not one per look-up.

django-redis with IGNORE_EXCEPTIONS turns a Redis error into a cache miss, but every look-up still tries: with
Redis hung each one waits for the socket timeout, and a page making nine look-ups waits nine times. The breaker
sits in the Redis connection (production.py names ``CircuitBreakerConnectionPool`` as django-redis's pool class):
when connecting, sending or reading fails or times out it opens for REDIS_BREAKER_SECONDS, and while it is open
every new connection fails at once (a ``ConnectionError`` that django-redis ignores like any other). When the time is up
the next look-up tries Redis again: it closes the breaker if Redis answers, opens it again if not. The state is per
process and per Redis address, so each gunicorn worker pays at most one wait per period.
"""

import logging
import threading
import time

from redis.connection import Connection, ConnectionPool
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

OPEN_SECONDS = 10.0  # replaced from the settings by production.py (REDIS_BREAKER_SECONDS)

_lock = threading.Lock()
_open_until = {}  # (host, port, db) → time.monotonic() until which nobody tries


def is_open(address):
    with _lock:
        return time.monotonic() < _open_until.get(address, 0.0)


def trip(address, error):
    with _lock:
        already_open = time.monotonic() < _open_until.get(address, 0.0)
        _open_until[address] = time.monotonic() + OPEN_SECONDS
    if not already_open:
        logger.warning("Redis at %s:%s unreachable (%s): not asked again for %ss", *address[:2], error, OPEN_SECONDS)


def reset():
    with _lock:
        _open_until.clear()


class CircuitBreakerConnection(Connection):
    """redis-py's TCP connection, failing fast while its Redis is known to be down (see the module docstring)."""

    def _address(self):
        return (self.host, self.port, self.db)

    def connect(self, *args, **kwargs):
        if self._sock is None and is_open(self._address()):
            raise ConnectionError(f"Redis at {self.host}:{self.port} is down (circuit breaker open)")
        try:
            return super().connect(*args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            trip(self._address(), error)
            raise

    def send_packed_command(self, *args, **kwargs):
        try:
            return super().send_packed_command(*args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            trip(self._address(), error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            trip(self._address(), error)
            raise


class CircuitBreakerConnectionPool(ConnectionPool):
    """redis-py's pool, making its TCP connections with the breaker (a ``rediss://`` address keeps its TLS ones)."""

    def __init__(self, connection_class=Connection, **kwargs):
        if connection_class is Connection:
            connection_class = CircuitBreakerConnection
        super().__init__(connection_class=connection_class, **kwargs)
