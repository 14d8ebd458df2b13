"""`parley import-wxr`: progress lines off a terminal, a summary, clear errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from parley.blog.models import Post


def run(*args):
    out = io.StringIO()
    call_command("import_wxr", *map(str, args), "--skip-checks", stdout=out)
    return out.getvalue()


def test_import_prints_progress_lines_and_a_summary(db, theme_file):
    output = run(theme_file)
    assert "100% read" in output
    assert "Imported Theme Unit Test Data" in output
    assert "posts: 58 new, 0 updated" in output
    assert "comments: 33 new, 0 updated" in output
    assert "skipped menu items: 70" in output
    assert "\x1b[" not in output.split("Imported")[0]  # no terminal codes in a log


def test_dry_run_reports_without_writing(db, theme_file):
    output = run(theme_file, "--dry-run")
    assert "dry run, nothing written" in output and "pages: 21 new" in output
    assert not Post.objects.exists()


def test_missing_file_and_bad_timezone_are_clear_errors(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.xml")
    with pytest.raises(CommandError, match="unknown time zone"):
        run(tmp_path / "nope.xml", "--timezone", "Mars/Olympus")


def test_a_folder_instead_of_a_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run(tmp_path)
