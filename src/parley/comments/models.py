"""Comments under posts, with their moderation status and the anti-spam verdict that set it."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse

from parley.blog.models import Post
from parley.comments.rendering import render_comment


def content_digest(content: str) -> str:
    """A short fingerprint of a comment's exact text, indexed with its post, so the
    duplicate check reads one index entry instead of every comment on a busy post."""
    return hashlib.sha256(content.encode()).hexdigest()[:16]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def spam(self):
        return self.filter(status=Comment.Status.SPAM)

    def trash(self):
        return self.filter(status=Comment.Status.TRASH)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    class Type(models.TextChoices):
        COMMENT = "comment", "Comment"
        PINGBACK = "pingback", "Pingback"
        TRACKBACK = "trackback", "Trackback"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # WordPress's limits: name 245, email 100, website 200, text 65,525 characters.
    author_name = models.CharField("name", max_length=245)
    author_email = models.EmailField("email", max_length=100, blank=True)
    author_url = models.URLField("website", max_length=200, blank=True)
    author_ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    content = models.TextField(max_length=65525)
    # `content` rendered to sanitised HTML by comments.rendering.render_comment, kept in step
    # by save(): a thread page then shows stored HTML instead of running nh3 per comment.
    content_html = models.TextField(blank=True, default="", editable=False)
    # db_default too: rows written with plain SQL (benches, scripts) still insert.
    content_digest = models.CharField(
        max_length=16, blank=True, default="", db_default="", editable=False
    )
    comment_type = models.CharField(max_length=20, choices=Type.choices, default=Type.COMMENT)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(db_index=True)
    # What the anti-spam engine said: {"action", "score", "quality", "reasons": [...]}.
    verdict = models.JSONField(default=dict, blank=True)
    spam_score = models.FloatField(null=True, blank=True)
    quality_score = models.FloatField(null=True, blank=True)
    # The quality checks found it low-value ("me too!"); under the "collapse" policy it is
    # published behind a "show low-value replies" disclosure. Never a spam signal.
    low_value = models.BooleanField(default=False)
    wp_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["author_email", "status"], name="comment_author_idx"),
            models.Index(fields=["author_ip", "created_at"], name="comment_ip_idx"),
            models.Index(fields=["post", "content_digest"], name="comment_duplicate_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "content" in update_fields:
            self.content_html = render_comment(self.content)
            self.content_digest = content_digest(self.content)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "content_html", "content_digest"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    def get_admin_url(self):
        return reverse("admin:comments_comment_change", args=[self.pk])
