"""A broken file imports nothing, even after earlier batches were written."""

import pytest
from django.core.management import CommandError, call_command

from parley.blog.models import Category, Post, Tag
from parley.comments.models import Comment
from parley.importers.load import import_wxr
from parley.importers.models import Attachment
from parley.importers.wxr import WxrError


def truncated_copy(theme_file, tmp_path):
    data = theme_file.read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: int(len(data) * 0.8)])
    return path


def nothing_imported():
    return not any(model.objects.exists() for model in (Post, Comment, Category, Tag, Attachment))


def test_truncated_copy_fails_with_nothing_imported(db, theme_file, tmp_path):
    path = truncated_copy(theme_file, tmp_path)
    with pytest.raises(WxrError, match=r"line \d+: the file ends inside <.+>.*truncated"):
        # Small batches: several were written to the database before the break.
        import_wxr(path, batch_posts=10)
    assert nothing_imported()


def test_failed_reimport_leaves_the_previous_import_untouched(imported, theme_file, tmp_path):
    post = Post.objects.get(wp_id=163)
    post.title = "Changed locally"
    post.save()
    counts = (Post.objects.count(), Comment.objects.count())
    with pytest.raises(WxrError):
        import_wxr(truncated_copy(theme_file, tmp_path), batch_posts=10)
    assert Post.objects.get(wp_id=163).title == "Changed locally"
    assert (Post.objects.count(), Comment.objects.count()) == counts


# transactional_db: the import's own transaction must really commit or roll back, which a
# test wrapped in an outer transaction (the default) cannot show.
def test_command_reports_the_break_and_commits_nothing(transactional_db, theme_file, tmp_path):
    path = truncated_copy(theme_file, tmp_path)
    with pytest.raises(CommandError, match=r"truncated.xml: line \d+: .*Nothing was imported"):
        call_command("import_wxr", str(path), "--skip-checks")
    assert nothing_imported()
    call_command("import_wxr", str(theme_file), "--skip-checks")
    assert Post.objects.count() == 79
