"""Site-wide settings a site owner edits in the admin (WordPress's Discussion settings)."""

from django.core.cache import cache
from django.db import models

CACHE_KEY = "parley:site-settings"


class SiteSettings(models.Model):
    """One row of settings that comments, moderation and the anti-spam engine all read.

    It lives in core so the engine can read the word lists without knowing about comments.
    """

    class LowValuePolicy(models.TextChoices):
        PUBLISH = "publish", "Publish"
        COLLAPSE = "collapse", 'Publish collapsed ("show low-value replies")'
        HOLD = "hold", "Hold for moderation"

    manual_approval = models.BooleanField(
        default=False, help_text="Every comment waits for a moderator."
    )
    auto_approve_known = models.BooleanField(
        default=True,
        help_text="Publish at once when the same name and email have an approved comment.",
    )
    hold_link_count = models.PositiveIntegerField(
        default=2, help_text="Hold a comment with more links than this."
    )
    moderation_words = models.TextField(
        blank=True, help_text="One word, phrase, IP or email fragment a line: hold the comment."
    )
    disallowed_words = models.TextField(
        blank=True, help_text="One a line: the comment goes straight to the trash."
    )
    close_comments_after_days = models.PositiveIntegerField(
        default=0, help_text="Close comments on posts older than this many days (0: never)."
    )
    thread_depth = models.PositiveIntegerField(default=5, help_text="Deepest reply nesting.")
    comments_per_page = models.PositiveIntegerField(default=50, help_text="Top-level comments.")
    flood_seconds = models.PositiveIntegerField(
        default=15, help_text="Seconds one IP or email must wait between comments."
    )
    spam_retention_days = models.PositiveIntegerField(
        default=30, help_text="`parley cleanup` empties spam and trash older than this."
    )
    ip_retention_days = models.PositiveIntegerField(
        default=30, help_text="IP and user agent are removed from approved comments after this."
    )
    low_value_policy = models.CharField(
        max_length=10,
        choices=LowValuePolicy.choices,
        default=LowValuePolicy.HOLD,
        help_text="What happens to comments the quality checks find low-value.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def load(cls) -> "SiteSettings":
        """The settings row, from the cache when possible (read on every comment)."""
        values = cache.get(CACHE_KEY)
        if values is None:
            settings, _ = cls.objects.get_or_create(pk=1)
            # Plain field values, not the model object: nothing pickled from a shared cache
            # is ever turned back into a model instance with its state.
            values = {f.attname: getattr(settings, f.attname) for f in cls._meta.concrete_fields}
            cache.set(CACHE_KEY, values, 300)
            return settings
        settings = cls(**values)
        settings._state.adding = False
        return settings

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def moderation_word_list(self) -> list[str]:
        return self.lines(self.moderation_words)

    @property
    def disallowed_word_list(self) -> list[str]:
        return self.lines(self.disallowed_words)
