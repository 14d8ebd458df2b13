"""100 comments from 20 concurrent clients to a real `parley serve` on SQLite: none lost."""

import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.conftest import start_parley, stop_parley

pytestmark = pytest.mark.server
CLIENTS, PER_CLIENT = 20, 5


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`parley serve --demo` behind a "trusted proxy": clients differ by X-Forwarded-For."""
    live = start_parley(
        tmp_path_factory.mktemp("comments-load"),
        ["--demo"],
        {"PARLEY_TRUSTED_PROXIES": "127.0.0.1"},
    )
    home = httpx.get(live.url + "/", timeout=30).text
    live.post_url = re.search(r'href="(/\d{4}/\d\d/\d\d/[^/"]+/)"', home).group(1)
    live.database = live.data_dir / "parley.sqlite3"
    yield live
    stop_parley(live)


def comment_count(server) -> tuple[int, int]:
    with sqlite3.connect(server.database) as db:
        return db.execute(
            "select count(*), count(distinct author_ip) from comments_comment"
            " where author_email like 'tester%@example.org'"
        ).fetchone()


def post_comments(server, client_no: int) -> list[int]:
    statuses = []
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for n in range(PER_CLIENT):
            page = client.get(server.post_url).text
            fields = dict(
                re.findall(
                    r'name="(csrfmiddlewaretoken|parley_ts|comment_post_ID)"'
                    r' value="([^"]*)"',
                    page,
                )
            )
            fields.update(
                {
                    "comment": f"Client {client_no} comment {n}: taking part means answering "
                    "the question that was asked, carefully and in good faith.",
                    "author": f"Load tester {client_no}",
                    "email": f"tester{client_no}-{n}@example.org",
                    "url": "",
                    "comment_parent": "0",
                }
            )
            response = client.post(
                "/comments/post/",
                data=fields,
                headers={
                    "X-Forwarded-For": f"198.51.{client_no}.{n + 1}",
                    "Referer": server.url + server.post_url,
                },
            )
            statuses.append(response.status_code)
    return statuses


def test_100_comments_from_20_concurrent_clients_are_all_stored(server):
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda i: post_comments(server, i), range(CLIENTS)))
    statuses = [s for client in results for s in client]
    assert len(statuses) == CLIENTS * PER_CLIENT
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {302}
    assert comment_count(server) == (100, 100)
