"""Refresh a commenter's profile when their comment is saved or deleted."""

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from parley.comments.models import Comment
from parley.community.profiles import refresh

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Comment, dispatch_uid="community-profile-save")
@receiver(post_delete, sender=Comment, dispatch_uid="community-profile-delete")
def comment_changed(sender, instance, **kwargs):
    """Inside the comment's own transaction (no second commit, gone if it rolls back).

    Only this commenter's profile: the others sharing its network catch up on their next
    comment or with `parley community-refresh` (profile pages are always computed live).
    A failure here is logged and never stops the comment being saved (the savepoint keeps
    the surrounding transaction usable).
    """
    email = instance.author_email
    if not email:
        return
    try:
        with transaction.atomic():
            refresh(email, {email})
    except DatabaseError:
        logger.exception("community: could not refresh the profile of a commenter")
