from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from parley.core.models import SiteSettings

# Admin forms read a scheme-less website as https://, Django 6's default (and no deprecation
# warning meanwhile): `formfield_overrides = URL_FIELDS` on admins with URL fields.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """A single row: the list view goes straight to the form."""

    fieldsets = (
        (
            "Comment moderation",
            {
                "fields": (
                    "manual_approval",
                    "auto_approve_known",
                    "hold_link_count",
                    "moderation_words",
                    "disallowed_words",
                    "low_value_policy",
                )
            },
        ),
        (
            "Discussion",
            {
                "fields": (
                    "close_comments_after_days",
                    "thread_depth",
                    "comments_per_page",
                    "flood_seconds",
                )
            },
        ),
        ("Privacy and retention", {"fields": ("spam_retention_days", "ip_retention_days")}),
    )

    def get_fieldsets(self, request, obj=None):
        """The groups above, plus any setting another app adds later (never hidden)."""
        listed = {f for _, options in self.fieldsets for f in options["fields"]}
        others = tuple(
            f.name
            for f in SiteSettings._meta.get_fields()
            if getattr(f, "editable", False) and not f.auto_created and f.name not in listed
        )
        return self.fieldsets + ((("Other", {"fields": others}),) if others else ())

    def changelist_view(self, request, extra_context=None):
        settings = SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:core_sitesettings_change", args=[settings.pk]))

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
