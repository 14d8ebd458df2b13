"""Admin for posts, pages, categories and tags, with a Markdown preview."""

from django.contrib import admin, messages
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from parley.blog.models import Category, Page, Post, Tag
from parley.blog.rendering import render_body

PREVIEW_MAX_CHARS = 200_000


@admin.action(description="Publish selected")
def publish(modeladmin, request, queryset):
    """Publish drafts; a scheduled time stays as it is, so scheduling survives."""
    count = 0
    for post in queryset.exclude(status=Post.Status.PUBLISHED):
        post.status = Post.Status.PUBLISHED
        post.save()  # save(): signals update feeds' caches and the related-posts index
        count += 1
    modeladmin.message_user(request, f"Published {count} item(s).", messages.SUCCESS)


class BasePostAdmin(admin.ModelAdmin):
    kind = Post.Kind.POST
    list_display = ["title", "status", "published_at", "author"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "body", "excerpt"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    actions = [publish]
    raw_id_fields = ["author"]
    fields = [
        "title",
        "slug",
        "body_format",
        "body",
        "excerpt",
        "status",
        "published_at",
        "author",
        "comments_open",
    ]

    class Media:
        js = ["blog/admin-preview.js"]
        css = {"all": ["blog/admin-preview.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=self.kind).select_related("author")

    def save_model(self, request, obj, form, change):
        obj.kind = self.kind
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="{}_{}_preview".format(*info)), *super().get_urls()]

    def preview_view(self, request):
        """Render a body exactly as the site will (same renderer, same sanitiser)."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return JsonResponse({"error": "Not allowed."}, status=403)
        body = request.POST.get("body", "")
        if len(body) > PREVIEW_MAX_CHARS:
            return JsonResponse({"error": "The body is too long to preview."}, status=413)
        body_format = request.POST.get("body_format", Post.Format.MARKDOWN)
        if body_format not in Post.Format.values:
            return JsonResponse({"error": "Unknown format."}, status=400)
        return JsonResponse({"html": render_body(body, body_format)})


@admin.register(Post)
class PostAdmin(BasePostAdmin):
    list_display = ["title", "status", "published_at", "author", "sticky", "is_scheduled"]
    list_filter = ["status", "sticky", "categories", "tags", "published_at"]
    filter_horizontal = ["categories", "tags"]
    fields = [*BasePostAdmin.fields[:8], "sticky", "categories", "tags", *BasePostAdmin.fields[8:]]

    @admin.display(boolean=True, description="scheduled")
    def is_scheduled(self, obj):
        return obj.status == Post.Status.PUBLISHED and obj.published_at > timezone.now()


@admin.register(Page)
class PageAdmin(BasePostAdmin):
    kind = Post.Kind.PAGE
    list_display = ["title", "status", "menu_order", "published_at"]
    fields = [*BasePostAdmin.fields, "parent", "menu_order"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_filter = ["parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
