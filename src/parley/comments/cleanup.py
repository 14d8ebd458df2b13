"""Retention: empty old spam and trash; remove IP and user agent from old approved comments."""

from datetime import timedelta

from django.utils import timezone

from parley.comments.models import Comment
from parley.core.models import SiteSettings


def cleanup(now=None, site: SiteSettings | None = None) -> dict:
    site = site or SiteSettings.load()
    now = now or timezone.now()
    removed, _ = Comment.objects.filter(
        status__in=[Comment.Status.SPAM, Comment.Status.TRASH],
        created_at__lt=now - timedelta(days=site.spam_retention_days),
    ).delete()
    anonymised = (
        Comment.objects.approved()
        .filter(created_at__lt=now - timedelta(days=site.ip_retention_days))
        .exclude(author_ip__isnull=True, user_agent="")
        .update(author_ip=None, user_agent="")
    )
    return {"deleted": removed, "anonymised": anonymised}
