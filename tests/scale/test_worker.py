"""Background work: `parley worker` runs queued jobs; the schedule enqueues periodic ones."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parley.comments.models import Comment
from parley.core import schedule

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def old_spam(make_post):
    post = make_post("Spammed post")
    return Comment.objects.create(
        post=post,
        author_name="Bot",
        author_email="bot@example.com",
        content="buy pills",
        status=Comment.Status.SPAM,
        created_at=timezone.now() - datetime.timedelta(days=90),
    )


def test_schedule_enqueues_cleanup_once_per_day_across_workers(settings, old_spam):
    cache.clear()
    settings.TASKS = DB_TASKS
    now = datetime.datetime(2026, 11, 26, 8, 0, tzinfo=datetime.UTC).timestamp()
    assert "cleanup" in schedule.run_due(now)
    # A second worker (same shared cache) in the same day enqueues nothing more.
    assert "cleanup" not in schedule.run_due(now + 3600)
    assert DBTaskResult.objects.filter(task_path__endswith="schedule.cleanup").count() == 1
    # The next day it is due again.
    assert "cleanup" in schedule.run_due(now + schedule.DAY)


@pytest.mark.django_db(transaction=True)  # db_worker claims tasks in its own transactions
def test_worker_runs_the_queued_cleanup_and_old_spam_is_gone(settings, old_spam):
    cache.clear()
    settings.TASKS = DB_TASKS
    schedule.run_due(timezone.now().timestamp())
    assert Comment.objects.filter(pk=old_spam.pk).exists()
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    result = DBTaskResult.objects.get(task_path__endswith="schedule.cleanup")
    assert result.status == "SUCCESSFUL"
    assert not Comment.objects.filter(pk=old_spam.pk).exists()


def test_retrain_is_scheduled_only_when_the_engine_offers_it(monkeypatch):
    monkeypatch.setattr(schedule, "RETRAIN_MODULES", ("parley.no_such_module",))
    assert schedule.find_retrain_task() is None
    jobs = (schedule.Job("retrain", schedule.DAY),)
    assert schedule.run_due(0, jobs) == []
