"""Managing keys: `parley apikey create | list | revoke` and the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from parley.antispam.models import ApiKey
from tests.antispam.api.conftest import BLOG

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("apikey", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_create_prints_only_a_new_12_character_key(form_post):
    key = run("create", "--site", BLOG, "--note", "Ann's blog").strip()
    assert len(key) == 12 and key.isalnum()
    assert ApiKey.objects.get(key=key).site == BLOG
    assert form_post("/1.1/verify-key", {"key": key, "blog": BLOG}).content == b"valid"


def test_create_refuses_a_site_that_is_not_a_url():
    with pytest.raises(CommandError, match="http"):
        run("create", "--site", "my blog")
    assert not ApiKey.objects.exists()


def test_list_shows_active_keys_and_all_with_revoked(api_key):
    revoked = ApiKey.objects.create(site="https://old.example/")
    run("revoke", revoked.key)
    listing = run("list")
    assert api_key.key in listing and BLOG in listing and "active" in listing
    assert revoked.key not in listing
    assert revoked.key in run("list", "--all")


def test_revoke_makes_the_key_invalid_at_once(api_key, form_post):
    assert form_post("/1.1/verify-key", {"key": api_key.key, "blog": BLOG}).content == b"valid"
    assert "Revoked" in run("revoke", api_key.key)
    assert form_post("/1.1/verify-key", {"key": api_key.key, "blog": BLOG}).content == b"invalid"


def test_revoke_of_an_unknown_key_fails_clearly(db):
    with pytest.raises(CommandError, match="No such key"):
        run("revoke", "nosuchkey000")


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_lists_keys_and_adds_one_with_a_generated_key(admin_client, api_key):
    assert api_key.key in admin_client.get("/admin/antispam/apikey/").content.decode()
    response = admin_client.post(
        "/admin/antispam/apikey/add/",
        {
            "site": "https://new.example/",
            "note": "",
            "usage-TOTAL_FORMS": "0",
            "usage-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert len(ApiKey.objects.get(site="https://new.example/").key) == 12


def test_admin_reads_a_site_without_a_scheme_as_https(admin_client):
    admin_client.post(
        "/admin/antispam/apikey/add/",
        {"site": "plain.example", "note": "", "usage-TOTAL_FORMS": "0", "usage-INITIAL_FORMS": "0"},
    )
    assert ApiKey.objects.filter(site="https://plain.example").exists()


def test_admin_revoke_action(admin_client, api_key, form_post):
    assert form_post("/1.1/verify-key", {"key": api_key.key, "blog": BLOG}).content == b"valid"
    admin_client.post(
        "/admin/antispam/apikey/",
        {
            "action": "revoke",
            "_selected_action": [api_key.pk],
        },
    )
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert form_post("/1.1/verify-key", {"key": api_key.key, "blog": BLOG}).content == b"invalid"
