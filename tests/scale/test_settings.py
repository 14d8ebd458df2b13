"""The serving settings follow the environment: shared cache, Redis sessions, replica router."""

import json
import subprocess
import sys

from tests.scale.helpers import parley_env

PRINT = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'location': str(s.CACHES['default']['LOCATION']),"
    "'session': s.SESSION_ENGINE, 'routers': s.DATABASE_ROUTERS,"
    "'databases': sorted(s.DATABASES)}))"
)


def settings_for(tmp_path, **env) -> dict:
    code = f"import django; django.setup(); {PRINT}"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=parley_env(tmp_path, **env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_by_default_workers_share_a_file_cache_in_the_data_dir(tmp_path):
    found = settings_for(tmp_path)
    assert found["cache"].endswith("FileBasedCache")
    assert found["location"] == str(tmp_path / "cache")
    assert found["session"] == "django.contrib.sessions.backends.db"
    assert found["routers"] == [] and found["databases"] == ["default"]


def test_with_redis_sessions_are_cached_there_and_a_replica_gets_the_reads(tmp_path):
    found = settings_for(
        tmp_path,
        PARLEY_CACHE_URL="redis://127.0.0.1:6379/5",
        DATABASE_URL="postgres://parley@db.example:5432/parley",
        PARLEY_REPLICA_DATABASE_URL="postgres://parley@replica.example:5432/parley",
    )
    assert found["cache"].endswith("RedisCache")
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    assert found["routers"] == ["parley.core.dbrouter.ReplicaRouter"]
    assert found["databases"] == ["default", "replica"]
