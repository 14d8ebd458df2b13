"""/1.2/key-sites (JSON and CSV) and /1.2/usage-limit, in Akismet's documented shapes."""

import json

import pytest

from parley.antispam.api.reports import this_month
from parley.antispam.models import ApiKey
from tests.antispam.api.conftest import BLOG

pytestmark = pytest.mark.django_db
OTHER = "https://shop.example.com/"


@pytest.fixture
def traffic(form_post, comment):
    """Two sites on one key: 3 checks (1 spam) on BLOG, 1 check and 1 submit-ham on OTHER."""
    form_post("/1.1/comment-check", comment())
    form_post("/1.1/comment-check", comment())
    form_post("/1.1/comment-check", comment(comment_author="viagra-test-123"))
    shop = comment(
        blog=OTHER,
        user_ip="198.51.100.7",
        comment_author="Bo",
        comment_author_email="bo@x.org",
        comment_content="Does the blue kettle come with a spare lid, or is that sold apart?",
    )
    form_post("/1.1/comment-check", shop)
    form_post("/1.1/submit-ham", shop)


def test_key_sites_json_counts_each_site(client, api_key, traffic):
    response = client.get("/1.2/key-sites", {"api_key": api_key.key})
    assert response["Content-Type"] == "application/json"
    assert not response.content.endswith(b"\n")
    month = this_month()
    assert json.loads(response.content) == {
        month: [
            {
                "site": BLOG,
                "api_calls": "3",
                "spam": "1",
                "ham": "2",
                "missed_spam": "0",
                "false_positives": "0",
                "is_revoked": False,
            },
            {
                "site": OTHER,
                "api_calls": "1",
                "spam": "0",
                "ham": "1",
                "missed_spam": "0",
                "false_positives": "1",
                "is_revoked": False,
            },
        ],
        "limit": 500,
        "offset": 0,
        "total": 2,
    }


def test_key_sites_filters_orders_and_pages(client, api_key, traffic):
    def sites(**params):
        data = json.loads(client.get("/1.2/key-sites", {"api_key": api_key.key, **params}).content)
        return [row["site"] for row in data[this_month()]], data["total"]

    assert sites(filter="shop") == ([OTHER], 1)
    assert sites(order="false_positives") == ([OTHER, BLOG], 2)
    assert sites(limit="1", offset="1") == ([OTHER], 2)


def test_key_sites_csv_is_akismets_layout(client, api_key, traffic):
    response = client.get("/1.2/key-sites", {"api_key": api_key.key, "format": "csv"})
    assert response.content.decode() == (
        f"Active sites for {api_key.key} during {this_month()} "
        "(limit:500, offset: 0, total: 2)\n"
        "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\n"
        f"{BLOG},3,1,2,0,0,false\n"
        f"{OTHER},1,0,1,0,1,false"
    )


def test_key_sites_of_another_month_is_empty(client, api_key, traffic):
    data = json.loads(
        client.get("/1.2/key-sites", {"api_key": api_key.key, "month": "2001-01"}).content
    )
    assert data == {"2001-01": [], "limit": 500, "offset": 0, "total": 0}


def test_key_sites_shows_only_the_asking_keys_sites(client, traffic):
    other = ApiKey.objects.create(site=OTHER)
    data = json.loads(client.get("/1.2/key-sites", {"api_key": other.key}).content)
    assert data["total"] == 0


def test_key_sites_with_a_bad_key_is_invalid(client, db):
    response = client.get("/1.2/key-sites", {"api_key": "nokeynokey00"})
    assert response.content == b"invalid"


def test_usage_limit_reports_this_months_checks(client, api_key, traffic):
    response = client.get("/1.2/usage-limit", {"api_key": api_key.key})
    assert json.loads(response.content) == {
        "limit": "none",
        "usage": 4,
        "percentage": "0.00",
        "throttled": False,
    }


def test_usage_limit_says_throttled_while_the_rate_limit_bites(
    client, api_key, form_post, comment, settings
):
    settings.PARLEY_API_RATE_LIMIT = (1, 60)
    form_post("/1.1/comment-check", comment())
    assert form_post("/1.1/comment-check", comment()).status_code == 429
    data = json.loads(client.post("/1.2/usage-limit", {"api_key": api_key.key}).content)
    assert data["throttled"] is True


def test_key_sites_accepts_the_host_subdomain_form(client, api_key, traffic):
    response = client.get("/1.2/key-sites", HTTP_HOST=f"{api_key.key}.testserver")
    assert json.loads(response.content)["total"] == 2


def test_checks_are_counted_in_batches_not_one_write_each(
    client, api_key, form_post, comment, monkeypatch
):
    from parley.antispam.api import usage
    from parley.antispam.api.models import ApiUsage

    usage.flush()
    monkeypatch.setattr(usage, "FLUSH_SECONDS", 3600)
    form_post("/1.1/comment-check", comment())
    form_post("/1.1/comment-check", comment(user_ip="192.0.2.99"))
    assert not ApiUsage.objects.filter(key=api_key).exists()  # still in memory
    data = json.loads(client.get("/1.2/usage-limit", {"api_key": api_key.key}).content)
    assert data["usage"] == 2  # a report writes the pending counts first
    assert ApiUsage.objects.get(key=api_key).ham + ApiUsage.objects.get(key=api_key).spam == 2


def test_a_key_cannot_grow_the_site_list_without_bound(client, api_key, monkeypatch):
    from parley.antispam.api import models, usage

    monkeypatch.setattr(models, "MAX_SITES_PER_MONTH", 2)
    month = this_month()
    for n in range(5):
        models.ApiUsage.add(api_key, month, f"https://site{n}.example/", "ham")
    usage.flush()
    data = json.loads(client.get("/1.2/key-sites", {"api_key": api_key.key}).content)
    calls = {row["site"]: row["api_calls"] for row in data[month]}
    assert calls == {
        "https://site0.example/": "1",
        "https://site1.example/": "1",
        "(other sites)": "3",
    }
