"""Per key, site and month call counters: what /1.2/key-sites and /1.2/usage-limit report.

Only counts are kept here (no text, no IP): the engine's own history store keeps what it
needs to judge, for its retention period.
"""

from django.db import models
from django.db.models import F

from parley.antispam.models import ApiKey

MAX_SITES_PER_MONTH = 1000
OTHER_SITES = "(other sites)"


class ApiUsageQuerySet(models.QuerySet):
    def for_month(self, key: ApiKey, month: str):
        return self.filter(key=key, month=month)


class ApiUsage(models.Model):
    """Counters for one site using one key during one month (YYYY-MM), as Akismet keeps them."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage")
    month = models.CharField(max_length=7)  # "2026-11"
    site = models.CharField(max_length=200)  # the `blog` value the site sends
    spam = models.PositiveIntegerField(default=0)  # comment-checks answered true
    ham = models.PositiveIntegerField(default=0)  # comment-checks answered false
    missed_spam = models.PositiveIntegerField(default=0)  # submit-spam calls
    false_positives = models.PositiveIntegerField(default=0)  # submit-ham calls

    objects = ApiUsageQuerySet.as_manager()

    class Meta:
        verbose_name = "API usage"
        verbose_name_plural = "API usage"
        constraints = [
            models.UniqueConstraint(fields=["key", "month", "site"], name="api_usage_unique"),
        ]

    def __str__(self):
        return f"{self.key.key} {self.site} {self.month}"

    @property
    def api_calls(self) -> int:
        """Akismet counts comment-checks (spam + ham) as the calls a plan pays for."""
        return self.spam + self.ham

    @classmethod
    def add(cls, key: ApiKey, month: str, site: str, field: str, count: int = 1) -> None:
        """Add to a counter: one UPDATE in the common case, an INSERT the first time."""
        site = site[:200]
        rows = cls.objects.filter(key=key, month=month, site=site)
        if rows.update(**{field: F(field) + count}):
            return
        if cls.objects.filter(key=key, month=month).count() >= MAX_SITES_PER_MONTH:
            # `blog` is whatever a client sends: a key cannot grow this table without bound.
            site = OTHER_SITES
            rows = cls.objects.filter(key=key, month=month, site=site)
        if not rows.update(**{field: F(field) + count}):
            row, created = cls.objects.get_or_create(
                key=key, month=month, site=site, defaults={field: count}
            )
            if not created:
                cls.objects.filter(pk=row.pk).update(**{field: F(field) + count})
