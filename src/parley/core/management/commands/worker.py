"""`parley worker`: run background jobs (django-tasks-db's db_worker), optionally on a schedule."""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from parley.core import schedule


class Command(DbWorkerCommand):
    help = (
        "Run queued background jobs (notification emails, cleanup, retraining). "
        "With --with-schedule, also enqueue the daily cleanup and spam retraining."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--with-schedule",
            action="store_true",
            help="Also enqueue periodic jobs (cleanup daily, spam retraining daily if present).",
        )
        parser.add_argument(
            "--schedule-check",
            type=float,
            default=60.0,
            help="Seconds between checks for due periodic jobs (default 60).",
        )

    def handle(self, *args, with_schedule=False, schedule_check=60.0, **options):
        stop = threading.Event()
        if with_schedule:
            schedule.start(stop, schedule_check)
            self.stdout.write("Periodic jobs: " + ", ".join(job.name for job in schedule.JOBS))
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
