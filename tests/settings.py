"""Test settings: Parley's settings with a throw-away data dir and fast password hashing."""

import os
import tempfile

os.environ.setdefault("PARLEY_DATA_DIR", tempfile.mkdtemp(prefix="parley-test-"))
os.environ.setdefault("PARLEY_BASE_URL", "http://testserver")

from parley.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest needs collectstatic; tests render templates without running it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Jobs run inside the request in tests, so their effects can be asserted directly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One process, so local memory; tests that need the full-page cache switch it on (each
# test's rolled-back database would otherwise meet pages cached by an earlier test).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0
# WhiteNoise looks for the collected-static folder at start-up; an empty one is enough.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
