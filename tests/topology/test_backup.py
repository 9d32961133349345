"""Backup and restore (deploy/backup.py): the topology's database and bucket into one archive, restored into a new
database and a new bucket, give a new app server serving the same site byte for byte."""

import uuid

import pytest
import redis

from tests.topology.conftest import PG, REDIS_URL, manage, psql
from tests.topology.servers import AppServer

pytestmark = pytest.mark.topology

PAGES = [
    "/",
    "/en/",
    "/progetti/",
    "/en/projects/",
    "/notizie/",
    "/en/news/",
    "/sitemap.xml",
    "/robots.txt",
    "/projects.geojson",
    "/projects.csv",
    "/api/v2/pages/?limit=20",
    "/api/v2/pages/?limit=20&locale=en",
]


def analyzed_tables(database):
    """The tables an ANALYZE was run on, with when (autovacuum's own rounds are counted apart)."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{PG[0]}:{PG[1]}/{database}") as connection:
        rows = connection.execute(
            "SELECT relname, last_analyze FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
        )
        return dict(rows.fetchall())


def test_a_backup_restored_into_a_new_database_and_bucket_serves_the_same_site(topology, tmp_path):
    original = topology.apps["B"]
    before = {path: original.get(path) for path in PAGES}
    assert {path: response.status_code for path, response in before.items()} == dict.fromkeys(PAGES, 200)

    live_database = topology.env["DATABASE_URL"].rsplit("/", 1)[1]
    analyzed_before = analyzed_tables(live_database)
    archive = manage(topology.env, "backup", str(tmp_path), script="deploy/backup.py").strip()
    # A backup reads the site's database and changes nothing in it, its statistics included.
    assert analyzed_tables(live_database) == analyzed_before

    suffix = uuid.uuid4().hex[:8]
    database, bucket = f"torino_restored_{suffix}", f"torino-restored-{suffix}"
    psql(f'CREATE DATABASE "{database}"')
    topology.s3.create_bucket(bucket)
    restored_env = {
        **topology.env,
        "DATABASE_URL": f"postgres://postgres@{PG[0]}:{PG[1]}/{database}",
        "MEDIA_BUCKET": bucket,
    }
    restored = None
    try:
        manage(restored_env, "restore", archive, script="deploy/backup.py")
        # The planner's statistics are there from the start, not after autovacuum's first round.
        assert analyzed_tables(database).keys() >= {"wagtailcore_page", "wagtailcore_pageviewrestriction"}
        redis.Redis.from_url(REDIS_URL).flushdb()  # the restored server renders everything itself
        restored = AppServer(restored_env, name="restored")
        after = {path: restored.get(path) for path in PAGES}

        for path in PAGES:
            assert after[path].status_code == 200, path
            assert after[path].text == before[path].text, path
        client = topology.s3.client()

        def keys(name):
            pages = client.get_paginator("list_objects_v2").paginate(Bucket=name)
            return {item["Key"] for page in pages for item in page.get("Contents", [])}

        assert keys(bucket) == keys(topology.bucket)
        # The bucket's rules apply again: originals private, renditions public.
        restored_keys = keys(bucket)
        assert any(key.startswith("original_images/") for key in restored_keys)
        rendition = next(key for key in restored_keys if key.startswith("images/"))
        grants = client.get_object_acl(Bucket=bucket, Key=rendition)["Grants"]
        assert any(grant["Grantee"].get("URI", "").endswith("AllUsers") for grant in grants)
    finally:
        if restored is not None:
            restored.stop()
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(topology, tmp_path):
    live_database = topology.env["DATABASE_URL"].rsplit("/", 1)[1]
    analyzed_before = analyzed_tables(live_database)
    archive = manage(topology.env, "backup", str(tmp_path), script="deploy/backup.py").strip()
    # A backup reads the site's database and changes nothing in it, its statistics included.
    assert analyzed_tables(live_database) == analyzed_before

    with pytest.raises(RuntimeError, match="not empty"):
        manage(topology.env, "restore", archive, script="deploy/backup.py")
