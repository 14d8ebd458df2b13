"""`parley import-wxr FILE`: bring a WordPress export (WXR) into Parley, all or nothing."""

import sys
import time
import zoneinfo

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from parley.importers.load import import_wxr
from parley.importers.wxr import WxrError


class Command(BaseCommand):
    help = (
        "Import a WordPress export file (Tools > Export > All content): posts, pages, "
        "comments, categories, tags, authors and attachment URLs. Importing the same file "
        "again updates what is there; a broken file imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xml file WordPress exported")
        parser.add_argument(
            "--dry-run", action="store_true",
            help="read and check everything, report what would be imported, write nothing",
        )  # fmt: skip
        parser.add_argument(
            "--timezone", default="UTC",
            help="the WordPress site's time zone, used only for dates without a GMT copy",
        )  # fmt: skip
        parser.add_argument(
            "--encoding", help="the file's real encoding when its declaration is wrong"
        )
        parser.add_argument(
            "--repair-utf8",
            action="store_true",
            help="replace bytes that are not valid UTF-8 (an old database's stray Latin-1 "
            "characters) with U+FFFD instead of stopping",
        )
        parser.add_argument(
            "--skip-related",
            action="store_true",
            help="do not rebuild the related-posts index at the end (run `parley related "
            "rebuild` later, e.g. after several imports)",
        )

    def handle(
        self, *args, file, dry_run, timezone, encoding, repair_utf8, skip_related, **options
    ):
        try:
            local_tz = zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"unknown time zone {timezone!r}") from None
        started = time.perf_counter()
        progress = Progress(self.stdout, interactive=_is_terminal(self.stdout))
        try:
            with progress:
                summary = import_wxr(
                    file, dry_run=dry_run, local_tz=local_tz, encoding=encoding,
                    progress=progress.update,
                    rebuild_related=not skip_related,
                    repair_utf8=repair_utf8,
                )  # fmt: skip
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except OSError as exc:
            raise CommandError(f"{file}: cannot be read ({exc.strerror})") from None
        except WxrError as exc:
            raise CommandError(f"{file}: {exc}. Nothing was imported.") from None
        except DatabaseError as exc:  # a value the database refuses; the transaction is undone
            raise CommandError(
                f"{file}: the database refused a row ({exc}). Nothing was imported."
            ) from exc
        elapsed = time.perf_counter() - started
        title = summary.site.title if summary.site and summary.site.title else file
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {title} in {elapsed:.1f}s"))
        for line in summary.lines():
            self.stdout.write(f"  {line}")


def _is_terminal(stream) -> bool:
    out = getattr(stream, "_out", stream)
    return bool(getattr(out, "isatty", lambda: False)()) and out is sys.stdout


class Progress:
    """A rich progress bar on a terminal; otherwise a plain line every 10% of the file."""

    def __init__(self, stdout, interactive: bool):
        self.stdout = stdout
        self.interactive = interactive
        self.bar = None
        self.task = None
        self.next_tenth = 1

    def __enter__(self):
        if self.interactive:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("[bold]import"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
            )  # fmt: skip
            self.bar.__enter__()
            self.task = self.bar.add_task("import", total=None, counts="")
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def update(self, done: int, total: int, summary) -> None:
        made = summary.created
        counts = f"{made['posts']} posts, {made['pages']} pages, {made['comments']} comments" + (
            f", {updated} updated" if (updated := sum(summary.updated.values())) else ""
        )
        if self.bar is not None:
            self.bar.update(self.task, total=total, completed=done, counts=counts)
            return
        if total and done * 10 >= self.next_tenth * total:
            self.next_tenth = done * 10 // total + 1
            self.stdout.write(f"{done * 100 // total:3d}% read: {counts}")
