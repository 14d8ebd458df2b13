"""Running the real `parley` command in a subprocess with a data dir (and database) of its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
PARLEY = str(BIN / "parley")
REPO = Path(__file__).resolve().parents[2]


def parley_env(data_dir, **extra) -> dict:
    """The environment of a real Parley process: its own settings, never the tests'."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="parley.settings",
        PARLEY_DATA_DIR=str(data_dir),
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        PARLEY_PYTHON=sys.executable,
    )
    env.update({k: str(v) for k, v in extra.items() if v is not None})
    return env


def run(args, env, timeout=180, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO, **kwargs
    )
    if result.returncode != 0:
        pytest.fail(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def shell(env, code: str) -> str:
    return run([PARLEY, "shell", "--no-imports", "-c", code], env).stdout


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def with_database(url: str, name: str) -> str:
    """The same PostgreSQL server, another database name."""
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def recreate_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(url, name)


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
