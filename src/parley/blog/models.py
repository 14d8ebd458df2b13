"""Posts and pages (one table, as WordPress keeps them), categories and tags."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from parley.blog.rendering import render_body


class Category(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    wp_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:200] or "category"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    wp_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:200] or "tag"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:tag", kwargs={"slug": self.slug})


class PostQuerySet(models.QuerySet):
    def posts(self):
        return self.filter(kind=Post.Kind.POST)

    def pages(self):
        return self.filter(kind=Post.Kind.PAGE)

    def published(self):
        """Visible to everyone: published and not scheduled for later."""
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """What this user may open: the public, plus private posts for staff."""
        if user.is_authenticated and user.is_staff:
            return self.filter(
                status__in=[Post.Status.PUBLISHED, Post.Status.PRIVATE],
                published_at__lte=timezone.now(),
            )
        return self.published()


class Post(models.Model):
    """A dated blog post or an undated page, in Markdown or (imported) HTML."""

    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        PRIVATE = "private", "Private"

    class Format(models.TextChoices):
        MARKDOWN = "markdown", "Markdown"
        HTML = "html", "HTML"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, allow_unicode=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    body = models.TextField(blank=True)
    body_format = models.CharField(max_length=10, choices=Format.choices, default=Format.MARKDOWN)
    # Sanitised HTML of the body, rendered on save so a page view never renders Markdown.
    body_html = models.TextField(blank=True, editable=False)
    excerpt = models.TextField(blank=True, help_text="Shown in lists and as the meta description.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text="A future time schedules the post: it stays hidden until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sticky = models.BooleanField(default=False, help_text="Kept at the top of the home page.")
    comments_open = models.BooleanField(default=True)
    pings_open = models.BooleanField(default=False)
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    menu_order = models.IntegerField(default=0)
    # WordPress's ID, kept by the importer so a re-import updates instead of duplicating
    # and /?p=123 links keep working.
    wp_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="unique_slug_per_kind"),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "published_at"], name="post_listing_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "untitled"
        self.body_html = render_body(self.body, self.body_format)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.is_page:
            return reverse("blog:page", kwargs={"slug": self.slug})
        local = timezone.localtime(self.published_at)
        return reverse(
            "blog:post",
            kwargs={
                "year": local.year,
                "month": f"{local.month:02d}",
                "day": f"{local.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_page(self) -> bool:
        return self.kind == self.Kind.PAGE

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Page(Post):
    """Pages, as their own admin section; the same table as posts."""

    class Meta:
        proxy = True


class Term(models.Model):
    """A word (or tag:/cat: token) of the related-posts index, with its document frequency.

    Document frequencies feed the IDF of posts indexed one at a time, so an incremental
    update weighs words as a full rebuild would.
    """

    text = models.CharField(max_length=100, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.text


class PostTerm(models.Model):
    """One of a post's strongest terms with its normalised TF-IDF weight.

    Kept so an update finds the posts sharing terms with one indexed query, instead of
    comparing the post with every other post.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+", db_index=False)
    weight = models.FloatField()

    class Meta:
        # Plain, named indexes (no unique constraint) so a full rebuild can drop them, bulk
        # load millions of rows, and build them again in one pass (see related_index).
        indexes = [
            models.Index(fields=["post"], name="postterm_post_idx"),
            # Covers the candidate query (term -> post, weight) without touching the table.
            models.Index(fields=["term", "post", "weight"], name="postterm_term_idx"),
        ]

    def __str__(self):
        return f"{self.post_id}: {self.term_id} ({self.weight:.3f})"


class RelatedPost(models.Model):
    """A post's precomputed "Related Posts" list: a page view reads it with one query."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="related_links", db_index=False
    )
    related = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+", db_index=False)
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["post", "rank"]
        # Named indexes only (as for PostTerm), so a full rebuild can drop and rebuild them.
        indexes = [
            models.Index(fields=["post", "rank"], name="related_lookup_idx"),
            models.Index(fields=["related"], name="related_reverse_idx"),
        ]

    def __str__(self):
        return f"{self.post_id} -> {self.related_id} ({self.score:.3f})"
