"""Refresh a commenter's profile after their comment is saved or deleted."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from parley.comments.models import Comment
from parley.community.profiles import refresh


@receiver(post_save, sender=Comment, dispatch_uid="community-profile-save")
@receiver(post_delete, sender=Comment, dispatch_uid="community-profile-delete")
def comment_changed(sender, instance, **kwargs):
    email = instance.author_email
    if email:
        # After the commit, so a rolled-back comment never counts.
        transaction.on_commit(lambda: refresh(email))
