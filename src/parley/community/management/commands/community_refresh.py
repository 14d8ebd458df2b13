"""`parley community_refresh`: rebuild every commenter profile from the comments."""

from django.core.management.base import BaseCommand

from parley.community.profiles import refresh_all


class Command(BaseCommand):
    help = "Recompute every commenter profile from the comments table."

    def handle(self, *args, **options):
        count = refresh_all()
        self.stdout.write(f"refreshed {count} commenter profile(s)")
