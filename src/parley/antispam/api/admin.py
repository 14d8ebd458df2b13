"""API keys in the admin: create (the key is generated), revoke, and see each key's usage."""

from django.contrib import admin, messages
from django.utils import timezone

from parley.antispam.api import keys
from parley.antispam.api.models import ApiUsage
from parley.antispam.models import ApiKey
from parley.core.admin import URL_FIELDS


class ApiUsageInline(admin.TabularInline):
    model = ApiUsage
    fields = ("month", "site", "spam", "ham", "missed_spam", "false_positives")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-month", "site")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("key", "site", "note", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("key", "site", "note")
    readonly_fields = ("key", "created_at", "revoked_at")
    fields = ("key", "site", "note", "created_at", "revoked_at")
    inlines = [ApiUsageInline]
    actions = ["revoke", "restore"]

    @admin.action(description="Revoke the selected keys (their sites get `invalid`)")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        keys.forget()  # update() sends no signals
        self.message_user(request, f"{count} key(s) revoked.", messages.SUCCESS)

    @admin.action(description="Restore the selected revoked keys")
    def restore(self, request, queryset):
        count = queryset.exclude(revoked_at__isnull=True).update(revoked_at=None)
        keys.forget()
        self.message_user(request, f"{count} key(s) restored.", messages.SUCCESS)
