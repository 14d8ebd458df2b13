"""What an import keeps beside the blog: attachments' original URLs and old WordPress links."""

from django.db import models

from parley.blog.models import Category, Post, Tag


class Attachment(models.Model):
    """A WordPress media item, recorded by its original URL (an import never downloads).

    Kept so nothing in the export is silently dropped, and so a later step (or a person)
    can fetch the files and rewrite the links in post bodies.
    """

    wp_id = models.BigIntegerField(unique=True)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField("original file URL", max_length=1000)
    page_url = models.URLField("original attachment page", max_length=1000, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    # The parent's WordPress ID, kept even when the parent was not imported (menus, drafts).
    parent_wp_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["wp_id"]

    def __str__(self):
        return self.title or self.url


class LegacyURL(models.Model):
    """An old WordPress path that should answer 301 to where its content now lives.

    Only paths that differ from the Parley URL are stored (a page's /parent/child/, a
    /slug/ or /YYYY/MM/slug/ permalink); /?p=123, /archives/123 and /category/a/b/ are
    answered from the WordPress IDs and slugs without a row here.
    """

    path = models.CharField(max_length=1000, unique=True)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = "legacy URL"

    def __str__(self):
        return self.path

    @property
    def target(self):
        return self.post or self.category or self.tag
