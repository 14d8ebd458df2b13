"""Django settings for Parley: the only module that reads PARLEY_* environment variables."""

import json
import os
import secrets
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything a site writes (SQLite database, secret key, media, static files) lives here,
# so one folder is the whole backup of an embedded install.
DATA_DIR = Path(os.environ.get("PARLEY_DATA_DIR", "parley-data")).resolve()


def load_secret_key(data_dir: Path) -> str:
    """Use PARLEY_SECRET_KEY, else a key generated once and kept (mode 0600) in the data dir.

    A stable key keeps sessions, signed form timestamps and "awaiting moderation" cookies
    valid across restarts and across several app servers sharing one data dir.
    """
    if os.environ.get("PARLEY_SECRET_KEY"):
        return os.environ["PARLEY_SECRET_KEY"]
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process starting at the same moment wrote it first
        time.sleep(0.1)
        return key_file.read_text().strip()
    try:
        os.write(fd, key.encode())
    finally:
        os.close(fd)
    return key


def cache_from_url(url: str) -> dict:
    """Turn PARLEY_CACHE_URL into a Django CACHES entry.

    redis://host:port/db -> Redis; file:///path -> file cache; locmem:// (default) -> local
    memory; dummy:// -> no cache.
    """
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": unquote(parts.path),
        }
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "parley",
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"PARLEY_CACHE_URL: unknown scheme {scheme!r} in {url!r}")


def email_from_url(url: str) -> dict:
    """Turn PARLEY_EMAIL_URL into Django EMAIL_* settings.

    console:// (default) prints mails; smtp://user:pass@host:587 and smtps://…:465 send;
    file:///path writes files; locmem:// keeps them in memory (tests); dummy:// drops them.
    """
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"PARLEY_EMAIL_URL: unknown scheme {parts.scheme!r}")
    config = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme in {"smtp", "smtps"}:
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", "") in {"1", "true"},
        )
    if parts.scheme == "file":
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    return config


DEBUG = env_bool("PARLEY_DEBUG")
SECRET_KEY = load_secret_key(DATA_DIR)
SITE_NAME = os.environ.get("PARLEY_SITE_NAME", "Parley")
# Absolute URLs in feeds, sitemaps, canonical links and emails; no trailing slash.
BASE_URL = os.environ.get("PARLEY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("PARLEY_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
_base_host = urlsplit(BASE_URL).hostname
if _base_host and _base_host not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_base_host)
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "parley.core",
    "parley.blog",
    "parley.comments",
    "parley.antispam",
    "parley.antispam.api",
    "parley.importers",
    "parley.community",
]

MIDDLEWARE = [
    # First: takes a KEY.<host> API key out of the Host header before host validation, and
    # answers the Akismet API without the session/CSRF/auth work below it.
    "parley.antispam.api.middleware.AkismetApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "parley.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # After GZip so ETags are computed on the uncompressed body; turns matches into 304s.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF (a cache hit's fresh token gets its cookie), before auth and messages
    # (a hit skips them). See parley/core/cache.py.
    "parley.core.cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Pages with one reader's comment data (held comment, saved name) are marked private.
    "parley.comments.middleware.PrivateReaderPagesMiddleware",
    # Innermost, after auth: old WordPress links (/?p=123, a 404 on /archives/123) -> 301.
    "parley.importers.redirects.LegacyRedirectMiddleware",
]

ROOT_URLCONF = "parley.urls"
WSGI_APPLICATION = "parley.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parley.core.context_processors.site",
            ],
        },
    },
]

# SQLite is tuned for a server: WAL lets readers run beside the writer, IMMEDIATE
# transactions take the write lock up front (so two writers queue instead of one failing
# half-way with "database is locked"), and the busy timeout is how long a writer waits.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "parley.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Background jobs (notification emails, retraining, cleanup) go through django-tasks with
# its database backend, so they need nothing beyond the site's own database; `parley
# worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Anti-spam engine: any key overrides the default in parley/antispam/conf.py (weights per
# rule symbol, thresholds, disabled rules, retention days), so tuning never touches logic.
# The PARLEY_ANTISPAM environment variable (JSON) sets them without editing this file,
# e.g. '{"thresholds": {"hold": 5}, "weights": {"LANGUAGE_MISMATCH": 0}}'.
try:
    PARLEY_ANTISPAM: dict = json.loads(os.environ.get("PARLEY_ANTISPAM") or "{}")
except ValueError as error:
    raise ImproperlyConfigured(f"PARLEY_ANTISPAM is not valid JSON: {error}") from error

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default is a file cache in the data dir, not local memory: gunicorn's worker
# processes must share the page cache's invalidation tokens and the rate-limit counters.
CACHES = {
    "default": cache_from_url(os.environ.get("PARLEY_CACHE_URL", (DATA_DIR / "cache").as_uri()))
}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 20000}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Sessions read from Redis, written through to the database so a Redis restart logs
    # nobody out; any app server can then serve any request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Seconds an anonymous page may stay in the full-page cache (0: no page cache). Edits,
# comments and related-post changes invalidate pages at once; this only bounds the rest
# (say, comments closing after N days). Scheduled posts cut it short by themselves.
PAGE_CACHE_SECONDS = int(os.environ.get("PARLEY_PAGE_CACHE_SECONDS", "600"))
# Bytes of recently served pages each process also keeps in memory, in front of the shared
# cache (0: none). Keys carry the generations, so this never serves an invalidated page.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PARLEY_PAGE_CACHE_LOCAL_MB", "32")) * 1024 * 1024

# An optional read replica (PostgreSQL streaming replication): reads go there, writes and
# every read after a write in the same request go to the primary.
if os.environ.get("PARLEY_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["PARLEY_REPLICA_DATABASE_URL"], conn_max_age=60
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["parley.core.dbrouter.ReplicaRouter"]

_email = email_from_url(os.environ.get("PARLEY_EMAIL_URL", "console://"))
globals().update(_email)
DEFAULT_FROM_EMAIL = os.environ.get("PARLEY_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("PARLEY_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The theme's CSS and scripts live beside the templates, outside any one app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names let browsers keep static files for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

LOGIN_URL = "admin:login"

# Security headers that cost nothing on a site that makes no third-party request.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = BASE_URL.startswith("https://")
CSRF_COOKIE_SECURE = BASE_URL.startswith("https://")
# Requests bodies beyond this are refused before any view runs (comments are <= 64 KiB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Proxies (IPs or CIDRs) whose X-Forwarded-For is believed when finding a commenter's IP;
# from anyone else the header is ignored, so it cannot be used to dodge flood limits.
TRUSTED_PROXIES = env_list("PARLEY_TRUSTED_PROXIES")
# A themed page that says what to do when a form's CSRF token is missing or stale.
CSRF_FAILURE_VIEW = "parley.comments.errors.csrf_failure"
# Akismet-compatible API: requests per key per window, "N/seconds" (0/1 turns it off).
# Counted in Django's cache, so shared by all processes (file cache or Redis).
PARLEY_API_RATE_LIMIT = tuple(
    int(part) for part in os.environ.get("PARLEY_API_RATE_LIMIT", "1200/60").split("/", 1)
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PARLEY_LOG_LEVEL", "WARNING")},
}
