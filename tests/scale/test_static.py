"""Hashed static files are served for a year; pages and static files are compressed."""

import pytest
from django.test import Client


@pytest.fixture
def collected(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_hashed_css_is_cached_for_a_year_and_served_gzipped(collected):
    import json

    manifest = json.loads((collected / "staticfiles.json").read_text())
    hashed = manifest["paths"]["parley/parley.css"]
    assert hashed != "parley/parley.css"
    response = Client().get("/static/" + hashed, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    max_age = int(response.headers["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers.get("Content-Encoding") == "gzip"
