"""The `parley` command: Django's management commands with Parley's settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run `parley <command> …` as `django-admin <command> …` with parley.settings.

    Hyphenated names are accepted for commands whose module uses underscores, so
    `parley import-wxr` runs the `import_wxr` command.
    """
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "parley"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
