"""The production topology on one machine (docs/deploy.md): Varnish in front of two gunicorn app servers sharing
PostgreSQL (a database of its own), Redis (database 12, flushed) and S3 (moto's server), all on loopback ports.

Built once per test session; everything started is stopped and the database dropped at the end, also when a test
fails. Where PostgreSQL, Redis, varnishd or the S3 packages are missing the tests skip, saying what is missing;
with REQUIRE_TOPOLOGY_TESTS=1 (CI) a missing piece fails them instead.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field

import pytest

from tests.topology.servers import BASE_DIR, AppServer, S3Server, answers, free_port, production_env

VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)
PG = ("127.0.0.1", 5432)
REDIS_URL = "redis://127.0.0.1:6379/12"


def missing_pieces():
    missing = []
    if VARNISHD is None:
        missing.append("varnishd (apt-get install varnish)")
    if not answers(*PG):
        missing.append("PostgreSQL on 127.0.0.1:5432")
    if not answers("127.0.0.1", 6379):
        missing.append("Redis on 127.0.0.1:6379")
    for module in ("storages", "boto3", "moto"):
        if importlib.util.find_spec(module) is None:
            missing.append(f"the Python package {module}")
    return missing


def require_everything():
    missing = missing_pieces()
    if missing:
        message = "the topology needs " + ", ".join(missing)
        if os.environ.get("REQUIRE_TOPOLOGY_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)


def psql(*sql):
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{PG[0]}:{PG[1]}/postgres", autocommit=True) as connection:
        for statement in sql:
            connection.execute(statement)


SETUP_SCRIPT = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, Page, Site, get_page_models
user = get_user_model().objects.create_superuser("caporedattrice", "capo@innovazione.torino.it", "{password}")
device = TOTPDevice.objects.create(user=user, name="Telefono", confirmed=True)
site = Site.objects.get(is_default_site=True)
[standard] = [model for model in get_page_models() if model.__name__ == "StandardPage"]
print(json.dumps({{
    "totp_key": device.key,
    "home_id": site.root_page_id,
    "standard_page": [standard._meta.app_label, standard._meta.model_name],
    "collection_id": Collection.get_first_root_node().pk,
}}))
"""


@dataclass
class Topology:
    varnish_url: str
    database: str
    bucket: str
    s3: S3Server
    env: dict
    apps: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    password: str = ""


class Varnish:
    def __init__(self, port, backends_vcl, workdir):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "backends.vcl").write_text(backends_vcl)
        self.log = open(workdir / "varnishd.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-j",
                "none",
                "-n",
                str(workdir / "state"),
                "-a",
                f"127.0.0.1:{port}",
                "-T",
                "none",
                "-f",
                str(BASE_DIR / "deploy" / "varnish" / "default.vcl"),
                "-p",
                f"vcl_path={workdir}:{BASE_DIR / 'deploy' / 'varnish'}",
                "-s",
                "malloc,64m",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        import time

        deadline = time.monotonic() + 30
        while not answers("127.0.0.1", port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                self.log.seek(0)
                raise RuntimeError(f"varnishd did not start:\n{self.log.read()[-3000:]}")
            time.sleep(0.1)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()


def backends_vcl(app_ports, s3_port, bucket):
    backends = "".join(
        f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}\n'
        for n, port in enumerate(app_ports, start=1)
    )
    adds = "".join(f"    app.add_backend(app{n});\n" for n in range(1, len(app_ports) + 1))
    return f"""{backends}
backend media {{ .host = "127.0.0.1"; .port = "{s3_port}"; }}
acl purgers {{ "127.0.0.1"; }}
sub vcl_init {{
    new app = directors.round_robin();
{adds}}}
sub media_backend {{
    set req.backend_hint = media;
    set req.http.Host = "127.0.0.1:{s3_port}";
    set req.url = regsub(req.url, "^/media/", "/{bucket}/");
}}
"""


def manage(env, *args, code=None, script="manage.py", timeout=600):
    command = [sys.executable, "-c", code] if code else [sys.executable, script, *args]
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def topology(tmp_path_factory):
    require_everything()
    import redis

    workdir = tmp_path_factory.mktemp("topology")
    suffix = uuid.uuid4().hex[:8]
    database, bucket = f"torino_topology_{suffix}", f"torino-media-{suffix}"
    started = []
    psql(f'CREATE DATABASE "{database}"')
    try:
        s3 = S3Server()
        started.append(s3)
        s3.create_bucket(bucket)
        redis.Redis.from_url(REDIS_URL).flushdb()
        varnish_port = free_port()
        varnish_url = f"http://127.0.0.1:{varnish_port}"
        env = production_env(
            DATABASE_URL=f"postgres://postgres@{PG[0]}:{PG[1]}/{database}",
            REDIS_URL=REDIS_URL,
            VARNISH_URLS=varnish_url,
            # Renditions through Varnish, which fetches them from the bucket (deploy/varnish/default.vcl).
            MEDIA_PUBLIC_URL=f"{varnish_url}/media",
            WEB_CONCURRENCY=2,
            **s3.env(bucket),
        )
        password = uuid.uuid4().hex
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "setup_editorial_groups")
        manage(env, "load_demo_content", "-v0")
        manage(env, "set_site_url")
        facts = json.loads(manage(env, code=SETUP_SCRIPT.format(password=password)))
        topology = Topology(varnish_url, database, bucket, s3, env, facts=facts, password=password)
        for name in ("A", "B"):
            app = AppServer(env, workers=2, name=f"app-{name}")
            started.append(app)
            topology.apps[name] = app
        varnish = Varnish(
            varnish_port,
            backends_vcl([app.port for app in topology.apps.values()], s3.port, bucket),
            workdir / "varnish",
        )
        started.append(varnish)
        yield topology
    finally:
        for process in reversed(started):
            process.stop()
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
