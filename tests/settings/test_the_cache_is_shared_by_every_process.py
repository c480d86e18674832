"""The cache is the database's by default, Redis by VIP_CACHE_URL: never a process's memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connection

from vip.cache import DatabaseCache

from tests.settings.process import BIN, run, setting


def test_the_default_cache_is_a_database_table(tmp_path: Path) -> None:
    backend = setting("settings.CACHES['default']['BACKEND']", tmp_path, VIP_DEBUG="1")

    assert backend == "vip.cache.DatabaseCache"  # Django's, with an atomic incr
    assert issubclass(DatabaseCache, DjangoDatabaseCache)


def test_vip_cache_url_puts_it_on_redis(tmp_path: Path) -> None:
    url = "redis://127.0.0.1:6379/3"
    cache_setting = setting("settings.CACHES", tmp_path, VIP_DEBUG="1", VIP_CACHE_URL=url)

    assert "django.core.cache.backends.redis.RedisCache" in cache_setting
    assert url in cache_setting


def test_the_test_database_has_the_cache_table(db: None) -> None:
    cache.set("probe", 1)

    assert "vip_cache" in connection.introspection.table_names()
    assert cache.get("probe") == 1


def test_vip_migrate_creates_the_cache_table(tmp_path: Path) -> None:
    var = tmp_path / "var"
    done = run([str(BIN / "vip"), "migrate"], var, VIP_SECRET_KEY="k" * 50)

    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(var / "vip.sqlite3") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "vip_cache" in tables
