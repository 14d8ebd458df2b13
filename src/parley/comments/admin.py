"""The moderation screen: the queue by status, bulk actions, reasons, and reply as admin."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from parley.antispam.models import LabelledExample
from parley.comments import privacy
from parley.comments.models import Comment
from parley.comments.network import client_ip
from parley.core.admin import URL_FIELDS

Status = Comment.Status


def set_status(queryset, status: str) -> int:
    """Save one by one (not .update) so page-cache invalidation signals fire."""
    count = 0
    for comment in queryset:
        if comment.status == status:
            continue
        if status == Status.TRASH:
            comment.verdict = {**(comment.verdict or {}), "status_before_trash": comment.status}
        comment.status = status
        comment.save(update_fields=["status", "verdict"])
        count += 1
    return count


def learn(queryset, label: str) -> None:
    """A moderator's spam / not-spam decision becomes training data for the engine."""
    LabelledExample.objects.bulk_create(
        LabelledExample(
            label=label,
            source=LabelledExample.Source.MODERATION,
            content=c.content,
            author=c.author_name,
            email=c.author_email,
            url=c.author_url,
            comment_id=c.pk,
        )
        for c in queryset
    )


class ReplyForm(forms.Form):
    content = forms.CharField(
        label="Your reply", widget=forms.Textarea(attrs={"rows": 8}), max_length=65525
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = (
        "author_column",
        "excerpt",
        "post_link",
        "status",
        "low_value",
        "spam_score",
        "created_at",
        "reply_link",
    )
    list_filter = ("status", "low_value", "comment_type", "created_at")
    search_fields = (
        "author_name",
        "author_email",
        "author_url",
        "author_ip",
        "content",
        "post__title",
    )
    date_hierarchy = "created_at"
    list_select_related = ("post",)
    list_per_page = 50
    raw_id_fields = ("post", "parent", "user")
    readonly_fields = (
        "reasons",
        "author_ip",
        "user_agent",
        "created_at",
        "spam_score",
        "quality_score",
        "wp_id",
    )
    fieldsets = (
        (None, {"fields": ("post", "parent", "status", "low_value", "content")}),
        (
            "Author",
            {
                "fields": (
                    "author_name",
                    "author_email",
                    "author_url",
                    "user",
                    "author_ip",
                    "user_agent",
                )
            },
        ),
        ("Anti-spam", {"fields": ("reasons", "spam_score", "quality_score")}),
        ("Other", {"fields": ("comment_type", "created_at", "wp_id"), "classes": ("collapse",)}),
    )
    actions = (
        "approve",
        "unapprove",
        "mark_spam",
        "mark_not_spam",
        "move_to_trash",
        "restore",
        "delete_permanently",
        "export_commenter_data",
        "erase_commenter_data",
    )

    # --- columns -------------------------------------------------------------------------

    @admin.display(description="Author", ordering="author_name")
    def author_column(self, obj):
        return format_html(
            "{}<br><small>{}</small><br><small>{}</small>",
            obj.author_name,
            obj.author_email,
            obj.author_ip or "",
        )

    @admin.display(description="Comment")
    def excerpt(self, obj):
        return Truncator(obj.content).chars(120)

    @admin.display(description="In response to", ordering="post__title")
    def post_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.post.get_absolute_url(), obj.post.title)

    @admin.display(description="Reply")
    def reply_link(self, obj):
        url = reverse("admin:comments_comment_reply", args=[obj.pk])
        return format_html('<a href="{}">Reply</a>', url)

    @admin.display(description="Anti-spam reasons")
    def reasons(self, obj):
        verdict = obj.verdict or {}
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (r.get("check", ""), r.get("weight", ""), r.get("reason", ""))
                for r in verdict.get("reasons", [])
            ),
        )
        moderation = "; ".join(verdict.get("moderation", [])) or "none"
        return format_html(
            "<p>Engine action: <strong>{}</strong>, score {}, quality {}{}</p>"
            "<p>Site policy: {}</p>"
            "<table><thead><tr><th>Check</th><th>Weight</th><th>Reason</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            verdict.get("action", "none"),
            verdict.get("score", ""),
            verdict.get("quality", ""),
            " (low value)" if verdict.get("low_value") else "",
            moderation,
            rows,
        )

    # --- the queue -----------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        counts = dict(Comment.objects.values_list("status").annotate(n=Count("id")))
        base = reverse("admin:comments_comment_changelist")
        status_counts = [
            {
                "label": "All",
                "count": sum(counts.values()),
                "url": base,
                "current": "status__exact" not in request.GET,
            },
        ] + [
            {
                "label": label,
                "count": counts.get(value, 0),
                "url": f"{base}?status__exact={value}",
                "current": request.GET.get("status__exact") == value,
            }
            for value, label in Status.choices
        ]
        extra_context = {**(extra_context or {}), "status_counts": status_counts}
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by "Delete permanently"
        return actions

    # --- bulk actions --------------------------------------------------------------------

    def _done(self, request, count, what):
        self.message_user(
            request, f"{count} comment{'s' if count != 1 else ''} {what}.", messages.SUCCESS
        )

    @admin.action(description="Approve", permissions=["change"])
    def approve(self, request, queryset):
        self._done(request, set_status(queryset, Status.APPROVED), "approved")

    @admin.action(description="Unapprove", permissions=["change"])
    def unapprove(self, request, queryset):
        self._done(request, set_status(queryset, Status.PENDING), "unapproved")

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        learn(queryset, LabelledExample.Label.SPAM)
        self._done(request, set_status(queryset, Status.SPAM), "marked as spam")

    @admin.action(description="Not spam (approve)", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        learn(queryset, LabelledExample.Label.HAM)
        self._done(request, set_status(queryset, Status.APPROVED), "marked as not spam")

    @admin.action(description="Move to trash", permissions=["change"])
    def move_to_trash(self, request, queryset):
        self._done(request, set_status(queryset, Status.TRASH), "moved to the trash")

    @admin.action(description="Restore from trash", permissions=["change"])
    def restore(self, request, queryset):
        count = 0
        for comment in queryset.filter(status=Status.TRASH):
            verdict = dict(comment.verdict or {})
            previous = verdict.pop("status_before_trash", Status.PENDING)
            comment.status = previous if previous != Status.TRASH else Status.PENDING
            comment.verdict = verdict
            comment.save(update_fields=["status", "verdict"])
            count += 1
        self._done(request, count, "restored")

    @admin.action(description="Delete permanently", permissions=["delete"])
    def delete_permanently(self, request, queryset):
        return delete_selected(self, request, queryset)

    @admin.action(
        description="Export the data of the selected comments' authors (JSON)", permissions=["view"]
    )
    def export_commenter_data(self, request, queryset):
        emails = sorted({c.author_email.lower() for c in queryset if c.author_email})
        data = [privacy.export(email) for email in emails]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
        return response

    @admin.action(
        description="Erase the data of the selected comments' authors", permissions=["change"]
    )
    def erase_commenter_data(self, request, queryset):
        emails = sorted({c.author_email.lower() for c in queryset if c.author_email})
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/comments/comment/erase_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Erase commenter data",
                    "emails": emails,
                    "queryset": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        remove_text = request.POST.get("remove_text") == "yes"
        count = sum(privacy.erase(email, remove_text=remove_text) for email in emails)
        self._done(request, count, "anonymised")

    # --- reply as admin ------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
        ] + super().get_urls()

    def reply_view(self, request, pk):
        parent = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        if not self.has_change_permission(request, parent):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = request.user
            if parent.status == Status.PENDING:  # "Approve and reply", as WordPress does
                set_status([parent], Status.APPROVED)
            reply = Comment.objects.create(
                post=parent.post,
                parent=parent,
                user=user,
                author_name=user.get_full_name() or user.get_username(),
                author_email=user.email or "",
                author_ip=client_ip(request),
                content=form.cleaned_data["content"],
                status=Status.APPROVED,
                created_at=timezone.now(),
                verdict={"moderation": ["reply by a moderator"]},
            )
            self.message_user(request, "Your reply is published.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[reply.pk]))
        return TemplateResponse(
            request,
            "admin/comments/comment/reply.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Reply to {parent.author_name}",
                "parent": parent,
                "form": form,
                "opts": self.model._meta,
            },
        )
