"""Processes and stand-in peers on loopback ports, for the fault tests and the scale-out test.

- ``Peer``: a TCP port whose behaviour the test switches: ``refuse`` (nothing listens: a stopped server), ``hang``
  (accepts and never answers: a hung server), ``forward`` (relays to a real server).
- ``SMTPSink``: a mail server that keeps what it is sent (the error reports).
- ``AppServer``: gunicorn running the production settings (tests/topology/settings.py) on a port of its own.

Everything started is stopped by ``stop()``, which the fixtures call also when the test fails.
"""

import contextlib
import email
import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HOST = "innovazione.torino.it"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


class Peer:
    """A loopback port standing for a server that can be stopped, hung or running (see the module docstring)."""

    def __init__(self, mode="refuse", target=None):
        self.port = free_port()
        self.target = target  # (host, port) for "forward"
        self.accepted = 0  # connections accepted while hung or forwarding
        self._listener = None
        self._held = []
        self._forwarded = []
        self._lock = threading.Lock()
        self.set(mode)

    def set(self, mode):
        """Switches the behaviour; connections relayed so far are cut (a server stopping or hanging loses them)."""
        self.mode = mode
        if mode != "forward":
            self._drop_forwarded()
        if mode == "refuse":
            self._close_listener()
            self._drop_held()
        elif self._listener is None:
            self._listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
            threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()
        if mode == "forward":
            self._drop_held()

    def _accept(self, listener):
        while True:
            try:
                conn, _address = listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
            if self.mode == "forward":
                threading.Thread(target=self._forward, args=(conn,), daemon=True).start()
            else:
                with self._lock:
                    self._held.append(conn)  # hung: the connection is kept open and never answered

    def _forward(self, conn):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            conn.close()
            return
        upstream.settimeout(None)
        with self._lock:
            self._forwarded += [conn, upstream]

        def pipe(source, sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                for sock in (source, sink):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

        threading.Thread(target=pipe, args=(conn, upstream), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()

    def _close_listener(self):
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _drop_held(self):
        with self._lock:
            held, self._held = self._held, []
        for conn in held:
            conn.close()

    def _drop_forwarded(self):
        with self._lock:
            forwarded, self._forwarded = self._forwarded, []
        for conn in forwarded:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def stop(self):
        self._close_listener()
        self._drop_held()
        self._drop_forwarded()


class SMTPSink:
    """Just enough SMTP to take mails; ``messages`` holds them."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.messages = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        with conn:
            stream = conn.makefile("rb")
            conn.sendall(b"220 localhost ESMTP\r\n")
            data = None
            for line in stream:
                if data is not None:
                    if line.rstrip(b"\r\n") == b".":
                        self.messages.append(email.message_from_bytes(b"".join(data)))
                        data = None
                        conn.sendall(b"250 OK\r\n")
                    else:
                        data.append(line)
                    continue
                command = line.decode().strip().upper()
                if command.startswith("DATA"):
                    data = []
                    conn.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                elif command.startswith("QUIT"):
                    conn.sendall(b"221 Bye\r\n")
                    return
                else:
                    conn.sendall(b"250 OK\r\n")

    def wait_for(self, count, timeout=15):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return len(self.messages) >= count

    def stop(self):
        self.sock.close()


class S3Server:
    """moto's S3 API server (moto[server], requirements-dev.txt): the object storage of the tests."""

    ACCESS_KEY, SECRET_KEY, REGION = "testing-key", "testing-secret", "eu-south-1"

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while not answers("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("moto's S3 server did not start")
            time.sleep(0.1)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
            region_name=self.REGION,
        )

    def create_bucket(self, name):
        self.client().create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": self.REGION})

    def env(self, bucket):
        """What production.py reads to put the media in ``bucket``."""
        return {
            "MEDIA_BUCKET": bucket,
            "MEDIA_S3_ENDPOINT_URL": self.url,
            "MEDIA_S3_REGION": self.REGION,
            "MEDIA_S3_ACCESS_KEY_ID": self.ACCESS_KEY,
            "MEDIA_S3_SECRET_ACCESS_KEY": self.SECRET_KEY,
        }

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def production_env(**overrides):
    """The environment of a production app server, nothing inherited from the developer's shell but the basics."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "TMPDIR")
    env = {key: value for key, value in os.environ.items() if key in keep}
    alphabet = string.ascii_letters + string.digits
    env.update(
        DJANGO_SETTINGS_MODULE="tests.topology.settings",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(60)),
        ALLOWED_HOSTS=f"{HOST},127.0.0.1,localhost",
        SITE_URL=f"https://{HOST}",
        ADMINS="Redazione web <web@innovazione.torino.it>",
        # Plain HTTP between the tests and the app servers; the tests say "https" with X-Forwarded-Proto.
        SECURE_SSL_REDIRECT="false",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH", "")])),
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class AppServer:
    """One app server: gunicorn with deploy/gunicorn.conf.py on a loopback port (any free one unless ``port``).

    ``workers=None`` leaves the number of workers to gunicorn.conf.py (WEB_CONCURRENCY, or two per core plus one),
    as production runs it (bench/load.py).
    """

    def __init__(self, env, workers=1, name="app", port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.name = name
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"torino-{name}-{self.port}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(BASE_DIR / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                *(["--workers", str(workers)] if workers is not None else []),
                "config.wsgi",
            ],
            cwd=BASE_DIR,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the workers too
        )
        try:
            self._wait_until_alive()
        except KeyboardInterrupt:  # Ctrl-C while it starts: nobody holds this object yet to stop it
            self.stop()
            raise

    def _wait_until_alive(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.output()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer /healthz in {timeout}s:\n{self.output()}")

    def get(self, path, **kwargs):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        kwargs.setdefault("timeout", 20)
        kwargs.setdefault("allow_redirects", False)
        return requests.get(self.url + path, headers=headers, **kwargs)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-5000:]

    def kill(self):
        """As if the machine died: no goodbye."""
        self._signal(signal.SIGKILL)

    def _signal(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def stop(self):
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(timeout=5)
        self._signal(signal.SIGKILL)  # workers left behind, if any
        self.log.close()
