"""`parley cleanup`: apply the retention periods of the site settings (run it daily)."""

from django.core.management.base import BaseCommand

from parley.comments.cleanup import cleanup
from parley.core.models import SiteSettings


class Command(BaseCommand):
    help = (
        "Delete spam and trash older than the spam retention period, and remove IP addresses "
        "and user agents from approved comments older than the IP retention period."
    )

    def handle(self, *args, **options):
        site = SiteSettings.load()
        result = cleanup(site=site)
        self.stdout.write(
            f"Deleted {result['deleted']} spam/trash comment(s) older than "
            f"{site.spam_retention_days} days; removed IP and user agent from "
            f"{result['anonymised']} approved comment(s) older than {site.ip_retention_days} days."
        )
