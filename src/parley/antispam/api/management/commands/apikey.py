"""`parley apikey create --site URL | list | revoke KEY`: keys for the Akismet-compatible API."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.utils import timezone

from parley.antispam.models import ApiKey


class Command(BaseCommand):
    help = "Create, list and revoke the 12-character keys other sites use with the API."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a key and print it (only the key).")
        create.add_argument(
            "--site", required=True, help="The site's URL, e.g. https://example.com"
        )
        create.add_argument("--note", default="", help="A reminder of who uses the key.")
        listing = sub.add_parser("list", help="List keys with their site and state.")
        listing.add_argument("--all", action="store_true", help="Include revoked keys.")
        revoke = sub.add_parser("revoke", help="Revoke a key: its site then gets `invalid`.")
        revoke.add_argument("key")

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    def do_create(self, site, note, **options):
        try:
            URLValidator(schemes=["http", "https"])(site)
        except ValidationError as error:
            message = f"--site must be a full http:// or https:// URL: {site!r}"
            raise CommandError(message) from error
        key = ApiKey.objects.create(site=site, note=note[:200])
        # Only the key on stdout, so scripts can do KEY=$(parley apikey create --site …).
        self.stdout.write(key.key)

    def do_list(self, all=False, **options):
        keys = ApiKey.objects.order_by("created_at")
        if not all:
            keys = keys.filter(revoked_at__isnull=True)
        if not keys:
            self.stderr.write("No keys yet: parley apikey create --site https://example.com")
            return
        for key in keys:
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            note = f"  {key.note}" if key.note else ""
            self.stdout.write(f"{key.key}  {state:<18}  {key.site}{note}")

    def do_revoke(self, key, **options):
        found = ApiKey.objects.filter(key=key.strip()).first()
        if found is None:
            raise CommandError(f"No such key: {key}")
        if found.revoked_at:
            self.stdout.write(f"{found.key} was already revoked on {found.revoked_at:%Y-%m-%d}.")
            return
        found.revoked_at = timezone.now()
        found.save(update_fields=["revoked_at"])
        self.stdout.write(f"Revoked {found.key} ({found.site}).")
