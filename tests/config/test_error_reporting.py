"""Server errors are mailed to the admins (500.html tells the visitor "we have been told about it"), but never
inside the reader's request, at most once a minute per error with a count of the repeats — per site when the cache
is shared (Redis), per process when it is not or is down; a bad Host is a 400 and no mail (config/error_reports.py,
LOGGING in config/settings/base.py)."""

import email
import logging
import re
import socket
import threading
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.core.mail.backends import locmem

import config.redis_breaker
from config.error_reports import ErrorReportHandler
from home.models import HomePage
from tests.config.test_faults import redis_cache

ADMINS = [("Redazione web", "web@innovazione.torino.it")]
# How long the stalled mail server waits before giving up: only reached when a request waits on the mail.
STALL_LIMIT = 3


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def reports(monkeypatch):
    """The handler LOGGING installed, with nothing remembered from earlier tests and a clock the test moves."""
    [handler] = [h for h in logging.getLogger("django").handlers if isinstance(h, ErrorReportHandler)]
    assert handler.wait_until_sent(timeout=10)
    handler.forget()
    monkeypatch.setattr(handler, "clock", FakeClock())
    yield handler
    handler.wait_until_sent(timeout=10)
    handler.forget()


@pytest.fixture
def failing_home(monkeypatch, client, home_page, settings):
    """The home page raises; ?kind=lookup raises a different error, from another line."""
    settings.ADMINS = ADMINS
    # A parameter this page now reads: the page cache drops those no page reads (config/page_cache.py).
    settings.PAGE_CACHE_QUERY_PARAMETERS = {*settings.PAGE_CACHE_QUERY_PARAMETERS, "kind"}

    def broken(self, request, *args, **kwargs):
        if request.GET.get("kind") == "lookup":
            raise LookupError("no such programme")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    return client


class StalledSMTPServer:
    """A mail server on 127.0.0.1 that accepts connections and says nothing until released (or STALL_LIMIT
    seconds have passed, then it hangs up); once released it speaks just enough SMTP to take the mails."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.released = threading.Event()
        self.gave_up = threading.Event()
        self.messages = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.connected.set()
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        with conn:
            if not self.released.wait(STALL_LIMIT):
                self.gave_up.set()
                return
            stream = conn.makefile("rb")

            def reply(text):
                conn.sendall(text.encode() + b"\r\n")

            reply("220 localhost ESMTP")
            data = None
            for line in stream:
                if data is not None:
                    if line.rstrip(b"\r\n") == b".":
                        self.messages.append(email.message_from_bytes(b"".join(data)))
                        data = None
                        reply("250 OK")
                    else:
                        data.append(line)
                    continue
                command = line.decode().strip().upper()
                if command.startswith("DATA"):
                    data = []
                    reply("354 End data with <CR><LF>.<CR><LF>")
                elif command.startswith("QUIT"):
                    reply("221 Bye")
                    return
                else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                    reply("250 OK")

    def close(self):
        self.released.set()
        self.sock.close()


@pytest.fixture
def stalled_smtp(settings):
    server = StalledSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.ERROR_REPORT_EMAIL_TIMEOUT = 30  # the server answers once released: no report is lost waiting
    yield server
    server.close()


@pytest.mark.django_db
def test_a_server_error_shows_the_500_page_and_is_mailed_to_the_admins(failing_home, reports, settings):
    settings.REDIS_URL = "redis://:s3greta@cache.internal:6379/0"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": settings.REDIS_URL}
    }

    response = failing_home.get("/")

    assert response.status_code == 500
    assert "Ne siamo stati avvisati" in response.content.decode()
    assert reports.wait_until_sent(timeout=10)
    [message] = mail.outbox
    assert message.to == ["web@innovazione.torino.it"]
    assert "ERROR" in message.subject and "/" in message.subject
    assert "RuntimeError at /\nthe database went away" in message.body
    assert "REDIS_URL = '********************'" in message.body
    assert "s3greta" not in message.body and "s3greta" not in str(message.alternatives)


@pytest.mark.django_db
def test_a_burst_of_500s_never_waits_on_a_stalled_mail_server_and_makes_one_report_and_one_count(
    failing_home, reports, stalled_smtp
):
    for path in ("/", "/?page=2", "/", "/?q=x", "/"):
        response = failing_home.get(path)

        assert response.status_code == 500
        # The reader has the error page while the mail server has not even said hello: nothing waited on it.
        assert not stalled_smtp.gave_up.is_set()
        assert stalled_smtp.messages == []

    stalled_smtp.released.set()
    assert reports.wait_until_sent(timeout=20)
    [report] = stalled_smtp.messages
    assert "RuntimeError at /" in report.get_payload(decode=True).decode()

    reports.clock.now += 61
    assert reports.wait_until_sent(timeout=20)
    [_report, count] = stalled_smtp.messages
    assert "repeated 4 more times" in " ".join(count["Subject"].split())
    assert "web@innovazione.torino.it" in count["To"]
    assert not stalled_smtp.gave_up.is_set()


@pytest.mark.django_db
def test_each_error_is_mailed_at_most_once_a_minute_with_the_count_of_its_repeats(failing_home, reports):
    for kind in ("runtime", "lookup", "runtime", "runtime", "lookup"):
        assert failing_home.get(f"/?kind={kind}").status_code == 500
    assert reports.wait_until_sent(timeout=10)
    assert sorted(m.body.split("\n")[0] for m in mail.outbox) == [
        "Internal Server Error: /",
        "Internal Server Error: /",
    ]
    assert {m.body.count("LookupError at /") > 0 for m in mail.outbox} == {True, False}, "one mail per error"

    reports.clock.now += 30  # within the minute: counted, not mailed
    assert failing_home.get("/?kind=runtime").status_code == 500
    assert reports.wait_until_sent(timeout=10)
    assert len(mail.outbox) == 2

    reports.clock.now += 31  # the minute is over: one follow-up per error, with its count
    assert reports.wait_until_sent(timeout=10)
    follow_ups = sorted(m.subject for m in mail.outbox[2:])
    assert len(follow_ups) == 2
    assert "repeated 1 more times" in follow_ups[0] and "LookupError" in follow_ups[0]
    assert "repeated 3 more times" in follow_ups[1] and "RuntimeError" in follow_ups[1]

    reports.clock.now += 10  # a repeat in the next minute waits for that minute's follow-up
    assert failing_home.get("/?kind=lookup").status_code == 500
    assert reports.wait_until_sent(timeout=10)
    assert len(mail.outbox) == 4
    reports.clock.now += 51
    assert reports.wait_until_sent(timeout=10)
    assert len(mail.outbox) == 5 and "repeated 1 more times" in mail.outbox[4].subject

    reports.clock.now += 61  # a quiet minute for both: the next occurrence is news again, mailed at once
    assert reports.wait_until_sent(timeout=10)
    assert failing_home.get("/?kind=runtime").status_code == 500
    assert reports.wait_until_sent(timeout=10)
    assert len(mail.outbox) == 6 and "RuntimeError at /" in mail.outbox[5].body


class BlockingBackend(locmem.EmailBackend):
    """Takes the mails to mail.outbox, but only once the test lets it."""

    sending = threading.Event()
    go = threading.Event()

    def send_messages(self, messages):
        self.sending.set()
        self.go.wait(10)
        return super().send_messages(messages)


def error_record(number):
    exception_class = type(f"Error{number}", (Exception,), {})
    try:
        raise exception_class("boom")
    except exception_class as exc:
        return logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "boom %s",
            (number,),
            (
                type(exc),
                exc,
                exc.__traceback__,
            ),
        )


def test_the_queue_is_bounded_what_does_not_fit_is_dropped_and_counted(settings):
    settings.ADMINS = ADMINS
    handler = ErrorReportHandler(queue_size=2, email_backend=f"{__name__}.BlockingBackend")
    BlockingBackend.sending.clear()
    BlockingBackend.go.clear()

    handler.handle(error_record(0))
    assert BlockingBackend.sending.wait(10)  # the thread is busy sending the first report
    for number in range(1, 10):
        handler.handle(error_record(number))
    BlockingBackend.go.set()

    assert handler.wait_until_sent(timeout=10)
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 4, subjects  # the first, the two that fit in the queue, and the count of the others
    assert sum("7 error reports were not sent" in subject for subject in subjects) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "innovazione.torino.it.evil.example", "127.0.0.1:8000@x"])
def test_a_bad_host_is_a_400_and_sends_no_mail(client, home_page, reports, settings, host):
    settings.ADMINS = ADMINS

    response = client.get("/", HTTP_HOST=host)

    assert response.status_code == 400
    assert reports.wait_until_sent(timeout=10)
    assert mail.outbox == []


@pytest.mark.django_db
def test_bad_hosts_never_reach_a_stalled_mail_server(client, home_page, reports, stalled_smtp, settings):
    settings.ADMINS = ADMINS

    for host in ("evil.example", "other.example", "evil.example"):
        assert client.get("/", HTTP_HOST=host).status_code == 400
        assert not stalled_smtp.gave_up.is_set()

    assert reports.wait_until_sent(timeout=10)
    assert not stalled_smtp.connected.is_set()


@pytest.mark.django_db
def test_nothing_is_mailed_for_a_page_not_found(client, home_page, reports, settings):
    settings.ADMINS = ADMINS

    assert client.get("/non-esiste/").status_code == 404
    assert reports.wait_until_sent(timeout=10)
    assert mail.outbox == []


def repeats_mailed(messages):
    """The repeats the follow-up mails give, added up."""
    return sum(int(n) for m in messages for n in re.findall(r"repeated (\d+) more times", " ".join(m.subject.split())))


def app_servers(count):
    """``count`` handlers with one clock between them: each stands for a gunicorn worker (or an app server)."""
    clock = FakeClock()
    handlers = [ErrorReportHandler() for _ in range(count)]
    for handler in handlers:
        handler.clock = clock
    return handlers, clock


def settle(handlers):
    """Lets every handler send what it has (and the follow-ups due): each in turn, as the test orders them."""
    for handler in handlers:
        assert handler.wait_until_sent(timeout=10)


def test_app_servers_sharing_a_cache_mail_an_error_at_most_once_a_minute_for_the_whole_site(settings, monkeypatch):
    settings.ADMINS = ADMINS
    shared = LocMemCache("error-reports-shared", {})  # the Redis every app server reaches, in this one process
    monkeypatch.setattr(ErrorReportHandler, "shared_cache", lambda self: shared)
    (server_a, server_b, server_c), clock = app_servers(3)
    record = error_record(0)  # the same error wherever it happens

    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=UTC), tick=False) as wall_clock:

        def minute_passes():
            clock.now += 61
            wall_clock.shift(61)  # the cache's expiry follows the wall clock
            settle([server_a, server_b, server_c])

        # The database goes away: every app server fails the same way, again and again.
        for handler in (server_a, server_b, server_c, server_b, server_a, server_c, server_c):
            handler.handle(record)
        settle([server_a, server_b, server_c])
        [report] = mail.outbox
        assert "boom 0" in report.body

        mailed = [1]
        for _minute in range(3):  # the counts of the three app servers, one follow-up a minute at most
            minute_passes()
            mailed.append(len(mail.outbox) - sum(mailed))
        assert all(count <= 1 for count in mailed), mailed
        assert repeats_mailed(mail.outbox[1:]) == 6, "every repeat, whichever app server saw it, is counted once"

        # A quiet minute on every server: the next occurrence, anywhere, is news again and mailed at once.
        minute_passes()
        sent = len(mail.outbox)
        server_c.handle(record)
        server_a.handle(record)
        settle([server_a, server_b, server_c])
        assert len(mail.outbox) == sent + 1 and "boom 0" in mail.outbox[-1].body


def test_each_error_keeps_its_own_turn_in_the_shared_cache(settings, monkeypatch):
    settings.ADMINS = ADMINS
    shared = LocMemCache("error-reports-turns", {})
    monkeypatch.setattr(ErrorReportHandler, "shared_cache", lambda self: shared)
    (server_a, server_b), _clock = app_servers(2)

    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=UTC), tick=False):
        server_a.handle(error_record(1))
        server_b.handle(error_record(2))
        server_b.handle(error_record(1))
        settle([server_a, server_b])

    assert sorted(m.body.count("Error1") > 0 for m in mail.outbox) == [False, True], "one mail for each error"


class HungRedis:
    """A port that takes connections and never answers: the hung Redis of the fault tests."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)  # connections wait, nobody accepts them
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


def test_the_limit_is_kept_through_a_cache_only_when_every_process_reaches_it(settings):
    handler = ErrorReportHandler()

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert handler.shared_cache() is None, "each process has its own LocMemCache: the limit stays per process"

    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    assert handler.shared_cache() is not None


def test_with_the_shared_cache_hung_each_process_mails_once_a_minute_and_waits_on_redis_once(settings, monkeypatch):
    redis = HungRedis()
    settings.ADMINS = ADMINS
    hung_cache = redis_cache(redis.port)  # as production.py configures Redis, breaker included
    monkeypatch.setattr(ErrorReportHandler, "shared_cache", lambda self: hung_cache)
    config.redis_breaker.reset()
    monkeypatch.setattr(config.redis_breaker, "OPEN_SECONDS", 3600)  # open for the whole test, however slow
    attempts = []
    connect = config.redis_breaker.CircuitBreakerConnection._connect
    monkeypatch.setattr(
        config.redis_breaker.CircuitBreakerConnection,
        "_connect",
        lambda self: attempts.append(self.port) or connect(self),
    )
    (server_a, server_b), clock = app_servers(2)
    try:
        for handler in (server_a, server_b, server_a, server_a, server_b):
            handler.handle(error_record(3))
        settle([server_a, server_b])
        assert len(mail.outbox) == 2, "the limit falls back to each process: one report each"

        clock.now += 61
        settle([server_a, server_b])
        assert len(mail.outbox) == 4
        assert repeats_mailed(mail.outbox[2:]) == 3, "each process mails its own count"
        assert len(attempts) == 1, "the circuit breaker: one wait on the hung Redis, not one per error"
    finally:
        redis.close()
        config.redis_breaker.reset()
