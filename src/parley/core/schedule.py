"""Periodic jobs (cleanup, optional spam retraining) enqueued by `parley worker --with-schedule`.

The schedule only *enqueues*; the worker runs the jobs like any other task. Each period is
claimed with an atomic cache add, so several workers sharing a cache (the file cache on one
machine, Redis across machines) enqueue each job once per period.
"""

import importlib
import logging
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.db import close_old_connections
from django_tasks import task

logger = logging.getLogger(__name__)

DAY = 24 * 60 * 60
# Where the spam engine may define its `retrain` task.
RETRAIN_MODULES = ("parley.antispam.tasks", "parley.antispam.ml.tasks", "parley.antispam.ml")


@task()
def cleanup() -> dict:
    """`parley cleanup` (old spam, trash, IPs) and old finished task results."""
    done = {}
    if "cleanup" in get_commands():
        call_command("cleanup", verbosity=0)
        done["cleanup"] = True
    if "prune_db_task_results" in get_commands():
        call_command("prune_db_task_results", min_age_days=7, verbosity=0)
        done["prune_db_task_results"] = True
    return done


def find_retrain_task():
    """The engine's `retrain` task if it has one (it is optional and may land later)."""
    for name in RETRAIN_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        candidate = getattr(importlib.import_module(name), "retrain", None)
        if candidate is not None and hasattr(candidate, "enqueue"):
            return candidate
    return None


@dataclass(frozen=True)
class Job:
    name: str
    every: int  # seconds

    def task(self):
        return cleanup if self.name == "cleanup" else find_retrain_task()


JOBS = (Job("cleanup", DAY), Job("retrain", DAY))


def run_due(now: float, jobs=JOBS) -> list[str]:
    """Enqueue every job whose current period nobody has claimed yet; returns their names."""
    enqueued = []
    for job in jobs:
        job_task = job.task()
        if job_task is None:
            continue
        period = int(now // job.every)
        if cache.add(f"parley:schedule:{job.name}:{period}", True, job.every * 2):
            job_task.enqueue()
            enqueued.append(job.name)
            logger.info("Scheduled job %s enqueued", job.name)
    return enqueued


def start(stop: threading.Event, check_every: float = 60.0) -> threading.Thread:
    """A daemon thread that calls run_due every `check_every` seconds until `stop` is set."""
    import time

    def loop():
        while not stop.is_set():
            try:
                run_due(time.time())
            except Exception:  # a broken job must not stop the worker from running tasks
                logger.exception("Scheduling periodic jobs failed")
            finally:
                close_old_connections()
            stop.wait(check_every)

    thread = threading.Thread(target=loop, name="parley-schedule", daemon=True)
    thread.start()
    return thread
