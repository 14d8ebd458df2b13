"""What the engine keeps: API keys, labelled examples to learn from, and API check records."""

import secrets
import string

from django.db import models

KEY_ALPHABET = string.ascii_lowercase + string.digits


def new_api_key() -> str:
    """12 characters: WordPress's Akismet plugin refuses keys of any other length."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(12))


class ApiKey(models.Model):
    key = models.CharField(max_length=12, unique=True, default=new_api_key)
    site = models.URLField(max_length=200, help_text="The site that uses this key.")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "API key"

    def __str__(self):
        return f"{self.key} ({self.site})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LabelledExample(models.Model):
    """A text a person labelled spam or ham; `parley spam train` learns from these.

    Sources: moderators' spam / not-spam actions, the API's submit-spam / submit-ham, and
    comments brought in by a WordPress import.
    """

    class Label(models.TextChoices):
        SPAM = "spam", "Spam"
        HAM = "ham", "Ham"

    class Source(models.TextChoices):
        MODERATION = "moderation", "Moderator decision"
        API = "api", "API submit-spam / submit-ham"
        IMPORT = "import", "WordPress import"

    label = models.CharField(max_length=4, choices=Label.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    content = models.TextField()
    author = models.CharField(max_length=245, blank=True)
    email = models.CharField(max_length=100, blank=True)
    url = models.CharField(max_length=200, blank=True)
    # The comment it came from, when it came from this site (not a foreign key: the
    # example outlives a deleted comment).
    comment_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["label", "created_at"], name="example_label_idx")]

    def __str__(self):
        return f"{self.label}: {self.content[:50]}"


class CheckRecord(models.Model):
    """What the engine remembers of one check, to judge the next: fingerprints, not text.

    No comment text, email or IP is stored: only salted hashes, a 64-bit SimHash of the
    words and the normalised author name; rows older than the retention period are purged
    (`parley.antispam.retention.purge_expired`).
    """

    created_at = models.DateTimeField(db_index=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    # The SimHash (signed, to fit a 64-bit column) and its eight 8-bit bands: two texts
    # within 7 bits of each other share at least one band, so near-duplicates are found
    # with indexed equality lookups (each index ordered by id, see Meta).
    simhash = models.BigIntegerField()
    band0 = models.PositiveSmallIntegerField()
    band1 = models.PositiveSmallIntegerField()
    band2 = models.PositiveSmallIntegerField()
    band3 = models.PositiveSmallIntegerField()
    band4 = models.PositiveSmallIntegerField()
    band5 = models.PositiveSmallIntegerField()
    band6 = models.PositiveSmallIntegerField()
    band7 = models.PositiveSmallIntegerField()
    word_count = models.PositiveIntegerField(default=0)
    author = models.CharField(max_length=245, blank=True)
    # Indexed with created_at (Meta): flood counts and last-seen read a time range of one
    # sender's rows, however many older ones there are.
    email_hash = models.CharField(max_length=64, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    network_hash = models.CharField(max_length=64, blank=True)
    post_key = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=8)
    score = models.FloatField()
    quality = models.FloatField(default=0.0)
    # A moderator's or API client's later decision: "spam", "ham" or empty.
    label = models.CharField(max_length=4, blank=True)
    is_test = models.BooleanField(default=False)

    class Meta:
        verbose_name = "anti-spam check record"
        # (band, id): the near-duplicate lookup reads the newest few rows of each band, an
        # index walk that stops early; PostgreSQL otherwise walks the primary key backwards
        # and filters (SQLite's single-column index already ends in the rowid).
        indexes = [
            models.Index(fields=[f"band{i}", "id"], name=f"checkrecord_band{i}_id")
            for i in range(8)
        ] + [
            models.Index(fields=[f"{who}_hash", "created_at"], name=f"checkrecord_{who}_time")
            for who in ("ip", "email", "network")
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.score:g}"


class Reputation(models.Model):
    """How a commenter (by salted email hash) fared with moderators: the known-commenter check."""

    email_hash = models.CharField(max_length=64, unique=True)
    approved = models.PositiveIntegerField(default=0)
    spam = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.email_hash[:12]}… +{self.approved} -{self.spam}"
