"""`parley related rebuild`: recompute every post's related posts from scratch."""

import time

from django.core.management.base import BaseCommand

from parley.blog import related_index


class Command(BaseCommand):
    help = "Related posts: `rebuild` recomputes the whole index (saves update it one by one)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = related_index.rebuild()
        phases = ", ".join(f"{name} {secs:.1f}s" for name, secs in counts["timings"].items())
        self.stdout.write(
            f"Indexed {counts['posts']} posts ({counts['terms']} terms), "
            f"{counts['links']} related links, in {time.perf_counter() - started:.1f}s "
            f"[{phases}]."
        )
