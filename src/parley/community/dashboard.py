"""The moderation dashboard's figures: outcomes per day, top reasons, moderator corrections."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from parley.antispam.models import LabelledExample
from parley.comments.models import Comment

# Outcome name -> how a stored comment shows it. Order is the stacking order of the chart.
OUTCOMES = {
    "published": Q(status=Comment.Status.APPROVED),
    "held for quality": Q(status=Comment.Status.PENDING, low_value=True),
    "held (other)": Q(status=Comment.Status.PENDING, low_value=False),
    "spam": Q(status=Comment.Status.SPAM) & ~Q(verdict__action="discard"),
    "discarded": Q(status=Comment.Status.TRASH) | Q(verdict__action="discard"),
}
REASON_SAMPLE = 5000  # newest comments read for the top-reasons chart


def days_back(days: int, now=None) -> list:
    today = timezone.localdate(now or timezone.now())
    return [today - timedelta(days=n) for n in range(days - 1, -1, -1)]


def _midnight(day):
    """The start of `day` in the current time zone: the first instant a chart counts."""
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def outcomes_per_day(days: int = 30, now=None) -> dict:
    """{day: {outcome: count}} for the last `days` days, zero-filled."""
    dates = days_back(days, now)
    since = _midnight(dates[0])
    table = {day: dict.fromkeys(OUTCOMES, 0) for day in dates}
    comments = Comment.objects.filter(created_at__gte=since).annotate(day=TruncDate("created_at"))
    aliases = {f"outcome_{n}": name for n, name in enumerate(OUTCOMES)}
    rows = comments.values("day").annotate(
        **{alias: Count("id", filter=OUTCOMES[name]) for alias, name in aliases.items()}
    )
    for row in rows:
        if row["day"] in table:
            table[row["day"]] = {name: row[alias] for alias, name in aliases.items()}
    return table


def top_reasons(days: int = 30, limit: int = 10, now=None) -> list[tuple[str, str, int]]:
    """The checks that fired most often: (check, group, count), most frequent first."""
    since = (now or timezone.now()) - timedelta(days=days)
    verdicts = (
        Comment.objects.filter(created_at__gte=since)
        .order_by("-created_at")
        .values_list("verdict", flat=True)[:REASON_SAMPLE]
    )
    counts: Counter = Counter()
    for verdict in verdicts:
        for reason in (verdict or {}).get("reasons", []) or []:
            if isinstance(reason, dict) and reason.get("check"):
                counts[(reason["check"], reason.get("group", "spam"))] += 1
    return [(check, group, n) for (check, group), n in counts.most_common(limit)]


def corrections_per_day(days: int = 30, now=None) -> dict:
    """Moderator decisions recorded for learning, per day: {day: {"spam": n, "ham": n}}."""
    dates = days_back(days, now)
    since = _midnight(dates[0])
    table = {day: {"spam": 0, "ham": 0} for day in dates}
    rows = (
        LabelledExample.objects.filter(
            source=LabelledExample.Source.MODERATION, created_at__gte=since
        )
        .annotate(day=TruncDate("created_at"))
        .values("day", "label")
        .annotate(n=Count("id"))
    )
    for row in rows:
        if row["day"] in table:
            table[row["day"]][row["label"]] = row["n"]
    return table
