"""The real Python client, `akismet` 25.x, against a running `parley serve`.

The client always calls https://rest.akismet.com; an httpx transport sends its requests to
the local server instead. For key-sites it also puts the key in the Host header
(`KEY.localhost`, the subdomain form Akismet documents), because akismet 25.10's
key_sites() sends no api_key; every other call carries its key as a parameter.
"""

import akismet
import httpx
import pytest

from tests.antispam.api.conftest import BLOG, HAM_TEXT

pytestmark = pytest.mark.server


class ToLocalParley(httpx.HTTPTransport):
    def __init__(self, base: str, key: str):
        super().__init__()
        self.url = httpx.URL(base)
        self.key = key

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(
            scheme=self.url.scheme, host=self.url.host, port=self.url.port
        )
        if request.url.path.endswith("/key-sites"):  # the one call that sends no key
            request.headers["Host"] = f"{self.key}.localhost:{self.url.port}"
        else:
            request.headers["Host"] = f"localhost:{self.url.port}"
        return super().handle_request(request)


@pytest.fixture(scope="module")
def client(parley_server):
    base, key = parley_server
    http = httpx.Client(
        transport=ToLocalParley(base, key), headers={"User-Agent": akismet.USER_AGENT}, timeout=10
    )
    with akismet.SyncClient(config=akismet.Config(key=key, url=BLOG), http_client=http) as c:
        yield c


def test_verify_key_valid_and_invalid(client):
    assert client.verify_key() is True
    assert client.verify_key("zzzzzzzzzzzz", BLOG) is False


def test_comment_check_ham(client):
    result = client.comment_check(
        "192.0.2.10",
        comment_content=HAM_TEXT,
        comment_type="comment",
        comment_author="Ann Reader",
        comment_author_email="ann@example.net",
        user_agent="Mozilla/5.0",
        permalink=BLOG + "2026/11/26/caching/",
    )
    assert result == akismet.CheckResponse.HAM


def test_comment_check_spam(client):
    result = client.comment_check(
        "192.0.2.11",
        comment_content="Is this the right place to ask about the meetup?",
        comment_author="viagra-test-123",
        is_test=True,
    )
    assert result == akismet.CheckResponse.SPAM


def test_comment_check_discard(client):
    result = client.comment_check(
        "192.0.2.12",
        comment_author="viagra-test-123",
        is_test=True,
        comment_content="Great deals: [url=http://watches.example/]cheap watches[/url]",
    )
    assert result == akismet.CheckResponse.DISCARD


def test_submit_spam_and_ham(client):
    assert client.submit_spam("192.0.2.13", comment_content="Buy now", is_test=True) is True
    assert client.submit_ham("192.0.2.14", comment_content=HAM_TEXT, is_test=True) is True


def test_key_sites_json_and_csv(client):
    report = client.key_sites()
    (month,) = [name for name in report if name not in ("limit", "offset", "total")]
    sites = {row["site"]: row for row in report[month]}
    assert int(sites[BLOG]["api_calls"]) >= 1
    assert report["total"] == len(report[month])
    csv = client.key_sites(result_format="csv")
    assert csv.startswith("Active sites for ")
    assert "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked" in csv


def test_usage_limit(client):
    usage = client.usage_limit()
    assert usage["limit"] == "none"
    assert usage["usage"] >= 1
    assert usage["throttled"] is False
