"""Refresh a commenter's profile after their comment is saved or deleted (never in the request)."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from parley.comments.models import Comment
from parley.community.profiles import normalise
from parley.community.tasks import refresh_profile

logger = logging.getLogger(__name__)


def _enqueue(email: str) -> None:
    try:
        refresh_profile.enqueue(normalise(email), [email])
    except Exception:  # a profile is a summary: losing one refresh never loses a comment
        logger.exception("community: could not queue a commenter profile refresh")


@receiver(post_save, sender=Comment, dispatch_uid="community-profile-save")
@receiver(post_delete, sender=Comment, dispatch_uid="community-profile-delete")
def comment_changed(sender, instance, **kwargs):
    """Queue a refresh of this commenter's profile once the comment's transaction commits.

    The comment's own transaction does none of the profile's queries (they cost several
    milliseconds); a rolled-back comment queues nothing. Only this commenter's profile: the
    others sharing its network catch up on their next comment or with
    `parley community-refresh` (profile pages list shared identities live).
    """
    email = instance.author_email
    if not email:
        return
    transaction.on_commit(partial(_enqueue, email))
