"""`parley privacy export EMAIL` and `parley privacy erase EMAIL [--remove-text]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from parley.comments import privacy


class Command(BaseCommand):
    help = "Export (JSON) or erase the comment data stored under an email address."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Print everything stored, as JSON.")
        export.add_argument("email")
        erase = actions.add_parser(
            "erase", help='Name -> "Anonymous"; email, website, IP and user agent removed.'
        )
        erase.add_argument("email")
        erase.add_argument(
            "--remove-text", action="store_true", help="Also replace the comments' text."
        )

    def handle(self, *args, **options):
        email = options["email"].strip()
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        if options["action"] == "export":
            self.stdout.write(json.dumps(privacy.export(email), indent=2, ensure_ascii=False))
            return
        count = privacy.erase(email, remove_text=options["remove_text"])
        what = "name, email, website, IP and user agent" + (
            " and text" if options["remove_text"] else ""
        )
        self.stdout.write(f"Erased the {what} of {count} comment{'s' if count != 1 else ''}.")
