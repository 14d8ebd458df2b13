"""A commenter's profile, keyed by email: counts and dates computed from their comments."""

from django.db import models
from django.urls import reverse


class CommenterProfile(models.Model):
    """One email address and how its comments fared; refreshed when a comment changes.

    A cache of figures computed from parley.comments (see profiles.refresh), kept as rows so
    the admin can sort, filter and search them; `parley community_refresh` rebuilds it.
    """

    email = models.EmailField(max_length=100, unique=True)
    name = models.CharField(max_length=245, blank=True, help_text="The latest name used.")
    names = models.JSONField(default=list, blank=True, help_text="Every name used.")
    approved = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0, help_text="Waiting for a moderator.")
    held_for_quality = models.PositiveIntegerField(default=0)
    spam = models.PositiveIntegerField(default=0)
    trash = models.PositiveIntegerField(default=0)
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True, db_index=True)
    shared_identities = models.PositiveIntegerField(
        default=0, help_text="Other emails seen from the same IP address or network."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = "commenter profile"

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_admin_url(self):
        return reverse("admin:community_commenterprofile_change", args=[self.pk])
