"""deploy/backup.sh then deploy/restore.sh into a fresh data dir brings the site back."""

import os

import pytest
from django.db import connection

from tests.scale.helpers import (
    PARLEY,
    REPO,
    drop_database,
    parley_env,
    postgres_url,
    recreate_database,
    run,
    shell,
    with_database,
)

CREATE = """
from django.utils import timezone
from parley.blog.models import Post
from parley.comments.models import Comment
post = Post.objects.create(title="Backed up post", body="Worth keeping", status="published")
Comment.objects.create(post=post, author_name="Ann", content="Still here after restore",
                       status="approved", created_at=timezone.now())
"""
CHECK = """
from parley.blog.models import Post
post = Post.objects.get(title="Backed up post")
print(post.body, "|", post.comments.get().content)
"""


def backup_and_restore(tmp_path, source_db=None, target_db=None):
    source, target = tmp_path / "source", tmp_path / "target"
    env = parley_env(source, DATABASE_URL=source_db)
    if source_db is None:
        run([PARLEY, "migrate", "--verbosity", "0"], env)
        shell(env, CREATE)
    else:
        # The test database is migrated already; the content is committed by the test.
        exec(CREATE, {})
        source.mkdir()
        (source / "secret_key").write_text("a-secret-key-kept-by-the-backup")
    (source / "media").mkdir(exist_ok=True)
    (source / "media" / "photo.txt").write_text("a media file")

    archive = run([str(REPO / "deploy/backup.sh"), str(tmp_path / "backups")], env).stdout.strip()
    assert os.path.exists(archive)

    restored_env = parley_env(target, DATABASE_URL=target_db)
    run([str(REPO / "deploy/restore.sh"), archive], restored_env)
    assert shell(restored_env, CHECK).strip() == "Worth keeping | Still here after restore"
    assert (target / "media" / "photo.txt").read_text() == "a media file"
    assert (target / "secret_key").read_text() == (source / "secret_key").read_text()
    return restored_env, archive


def test_sqlite_site_survives_backup_and_restore_into_a_fresh_data_dir(tmp_path):
    restored_env, archive = backup_and_restore(tmp_path)
    # Restoring over an existing site needs --force: nothing is overwritten by accident.
    again = run_allowing_failure([str(REPO / "deploy/restore.sh"), archive], restored_env)
    assert again.returncode != 0 and "--force" in again.stderr


@pytest.mark.skipif(not postgres_url(), reason="DATABASE_URL is not PostgreSQL")
@pytest.mark.django_db(transaction=True)  # pg_dump must see the committed content
def test_postgresql_site_survives_backup_and_restore_into_an_empty_database(tmp_path):
    url = postgres_url()
    source_db = with_database(url, connection.settings_dict["NAME"])
    name = f"parley_backup_dst_{os.getpid()}"
    try:
        backup_and_restore(tmp_path, source_db, recreate_database(url, name))
    finally:
        drop_database(url, name)


def run_allowing_failure(args, env):
    import subprocess

    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=REPO)
