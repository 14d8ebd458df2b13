"""Admin: commenter profiles (who is who) and the moderation dashboard (how it is going)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from parley.comments.models import Comment
from parley.community import charts, dashboard
from parley.community.models import CommenterProfile
from parley.community.profiles import shared_identities

DAYS = 30


@admin.register(CommenterProfile)
class CommenterProfileAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "name",
        "approved",
        "held",
        "held_for_quality",
        "spam",
        "trash",
        "first_seen",
        "last_seen",
        "shared_identities",
    )
    list_filter = ("last_seen",)
    search_fields = ("email", "name", "names")
    date_hierarchy = "last_seen"
    fields = (
        "email",
        "name",
        "all_names",
        ("approved", "held", "held_for_quality", "spam", "trash"),
        ("first_seen", "last_seen"),
        "possible_personas",
        "recent_comments",
    )
    # Everything is computed from the comments: the whole form is read-only.
    readonly_fields = tuple(
        name for entry in fields for name in (entry if isinstance(entry, tuple) else (entry,))
    )

    def has_add_permission(self, request):
        return False  # profiles come from comments, never typed in

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="names used")
    def all_names(self, obj):
        return ", ".join(obj.names or [])

    @admin.display(description="other identities from the same IP address or network")
    def possible_personas(self, obj):
        rows = shared_identities(obj.email)
        if not rows:
            return "None seen."
        profiles = dict(
            CommenterProfile.objects.filter(email__in=[r.email for r in rows]).values_list(
                "email", "pk"
            )
        )
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {}, {} comment(s), last {}</li>',
            (
                (
                    reverse("admin:community_commenterprofile_change", args=[profiles[r.email]])
                    if r.email in profiles
                    else "#",
                    r.email,
                    ", ".join(r.names),
                    r.how,
                    r.comments,
                    f"{timezone.localtime(r.last_seen):%Y-%m-%d %H:%M}",
                )
                for r in rows
            ),
        )
        return format_html('<ul class="community-personas">{}</ul>', items)

    @admin.display(description="recent comments")
    def recent_comments(self, obj):
        comments = Comment.objects.filter(author_email__iexact=obj.email).order_by("-created_at")
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> [{}] {}</li>',
            (
                (
                    reverse("admin:comments_comment_change", args=[c.pk]),
                    f"{timezone.localtime(c.created_at):%Y-%m-%d %H:%M}",
                    c.get_status_display() + (", low value" if c.low_value else ""),
                    c.content[:120],
                )
                for c in comments[:10]
            ),
        )
        return format_html("<ul>{}</ul>", items)

    def get_urls(self):
        view = self.admin_site.admin_view(self.dashboard_view)
        return [path("dashboard/", view, name="community_dashboard"), *super().get_urls()]

    def dashboard_view(self, request):
        if not request.user.has_perm("comments.view_comment"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        outcomes = dashboard.outcomes_per_day(DAYS)
        corrections = dashboard.corrections_per_day(DAYS)
        context = {
            **self.admin_site.each_context(request),
            "title": "Moderation dashboard",
            "days": DAYS,
            "opts": self.model._meta,
            "outcomes": charts.stacked_bars(outcomes, list(dashboard.OUTCOMES)),
            "reasons": charts.horizontal_bars(dashboard.top_reasons(DAYS)),
            "corrections": charts.stacked_bars(corrections, ["spam", "ham"]),
        }
        return TemplateResponse(request, "admin/community/dashboard.html", context)
