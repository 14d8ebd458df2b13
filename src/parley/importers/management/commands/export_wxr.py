"""`parley export-wxr FILE`: write the whole site as a WordPress export (WXR 1.2)."""

import os
import sys
import tempfile
import time

from django.core.management.base import BaseCommand, CommandError

from parley.importers.export import export_wxr


class Command(BaseCommand):
    help = (
        "Write posts, pages, categories, tags, authors, threaded comments and attachment "
        "URLs to a WXR 1.2 file that WordPress's importer (Tools > Import > WordPress) "
        "reads. Use - for standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the .xml file, or - for stdout")

    def handle(self, *args, file, **options):
        started = time.perf_counter()
        if file == "-":
            counts = export_wxr(sys.stdout)
            sys.stdout.flush()
            return
        target = os.path.abspath(file)
        folder = os.path.dirname(target)
        if not os.path.isdir(folder):
            raise CommandError(f"{file}: folder {folder} does not exist")
        # Written beside the target and renamed at the end: an interrupted export never
        # leaves a half file where a good one was.
        fd, partial = tempfile.mkstemp(prefix=".export-", suffix=".xml", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                counts = export_wxr(out)
            os.replace(partial, target)
        except BaseException:
            os.unlink(partial)
            raise
        parts = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {file} in {time.perf_counter() - started:.1f}s: {parts}")
        )
