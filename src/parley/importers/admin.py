"""Admin views of what an import recorded: attachments' original URLs and old links."""

from django.contrib import admin

from parley.core.admin import URL_FIELDS
from parley.importers.models import Attachment, LegacyURL


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "url", "post", "uploaded_at"]
    search_fields = ["title", "url"]
    raw_id_fields = ["post"]
    readonly_fields = ["wp_id", "parent_wp_id"]


@admin.register(LegacyURL)
class LegacyURLAdmin(admin.ModelAdmin):
    list_display = ["path", "post", "category", "tag"]
    search_fields = ["path"]
    raw_id_fields = ["post", "category", "tag"]
