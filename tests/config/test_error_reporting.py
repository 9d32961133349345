"""Server errors are mailed to the admins (500.html tells the visitor "we have been told about it"), but never
inside the reader's request, at most once a minute per error with a count of the repeats; a bad Host is a 400
and no mail (config/error_reports.py, LOGGING in config/settings/base.py)."""

import email
import logging
import socket
import threading

import pytest
from django.core import mail
from django.core.mail.backends import locmem

from config.error_reports import ErrorReportHandler
from home.models import HomePage

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
