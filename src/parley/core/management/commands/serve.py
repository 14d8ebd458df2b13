"""`parley serve`: migrate, collect static files when needed, then run gunicorn."""

import errno
import hashlib
import os
import shutil
import socket
import sys

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def static_sources_fingerprint() -> str:
    """A hash of every static file's path, size and mtime: changes when an upgrade does."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_needed(stdout) -> bool:
    stamp = settings.STATIC_ROOT / ".parley-static-stamp"
    fingerprint = static_sources_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return False
    stdout.write("Collecting static files…")
    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
    stamp.write_text(fingerprint)
    return True


class Command(BaseCommand):
    help = "Apply migrations, collect static files and serve the site with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Fill an empty site with demo content."
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=min(2 * (os.cpu_count() or 1) + 1, 8),
            help="gunicorn worker processes (default: 2 x cores + 1, at most 8).",
        )
        # The gthread worker keeps client connections alive (nginx upstream keepalive,
        # browsers, load testers); the sync worker closes each one after a response. One
        # thread per worker by default: Django's work is CPU-bound, and with several threads
        # a thread returning from a SQLite call waits up to the 5 ms GIL switch interval for
        # the busy one (on the 2-core box, 4 threads served an uncached post at 62 req/s,
        # 1 thread with a socket per worker at 164). Concurrency comes from processes
        # instead (--workers).
        parser.add_argument("--threads", type=int, default=1, help="Threads per worker.")
        parser.add_argument("--access-log", action="store_true", help="Log every request.")
        parser.add_argument(
            "--no-exec",
            action="store_true",
            help="Prepare (migrate, static, demo) and print the gunicorn command; do not start it.",
        )

    def handle(self, *args, **options):
        if not options["no_exec"]:
            ensure_port_free(options["host"], options["port"])
        call_command("migrate", interactive=False, verbosity=0)
        collect_static_if_needed(self.stdout)
        if options["demo"]:
            call_command("demo", stdout=self.stdout)
        command = gunicorn_command(options)
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"Parley is serving {url}"))
        self.stdout.write(f"Admin: {url}admin/")
        self.stdout.write(f"Data: {describe_data_location()}")
        self.stdout.flush() if hasattr(self.stdout, "flush") else None
        if options["no_exec"]:
            self.stdout.write(" ".join(command))
            return
        sys.stdout.flush()
        os.environ["PARLEY_DATA_DIR"] = str(settings.DATA_DIR)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
        os.execv(command[0], command)


def ensure_port_free(host: str, port: int) -> None:
    """Refuse a port already in use, before gunicorn binds it.

    Each worker binds its own socket with SO_REUSEPORT, and Linux lets a second server of
    the same user bind the same port that way: an old `parley serve` still running would
    silently answer part of the requests. A plain bind here fails instead.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As gunicorn binds: connections of a server just stopped (TIME_WAIT) do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"Port {port} on {host} is in use (another `parley serve`?). "
                    "Stop it or choose --port."
                ) from None
            raise


def gunicorn_command(options) -> list[str]:
    gunicorn = shutil.which("gunicorn") or os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [
        gunicorn,
        "parley.wsgi:application",
        "--bind",
        f"{options['host']}:{options['port']}",
        "--workers",
        str(options["workers"]),
        "--worker-class",
        "gthread",
        "--threads",
        str(options["threads"]),
        # A listening socket per worker (SO_REUSEPORT): the kernel spreads new connections
        # evenly, where one shared socket let one worker take most keep-alive connections
        # and leave the other idle (2-3x swings in the measured rates).
        "--reuse-port",
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--graceful-timeout",
        "10",
        "--keep-alive",
        "5",
        "--timeout",
        "30",
    ]
    if options["access_log"]:
        command += ["--access-logfile", "-"]
    return command


def describe_data_location() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"{settings.DATA_DIR} (SQLite database {db['NAME']})"
    return f"{settings.DATA_DIR} (database {db.get('NAME')} on {db.get('HOST') or 'localhost'})"
