"""100 comments from 20 concurrent clients to a real `parley serve` on SQLite: none lost."""

import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from .live import LiveParley

pytestmark = pytest.mark.server
CLIENTS, PER_CLIENT = 20, 5


@pytest.fixture(scope="module")
def server():
    live = LiveParley(workers=2).start()
    yield live
    live.stop()


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
    with sqlite3.connect(server.database) as db:
        rows = db.execute("select count(*), count(distinct author_ip) from comments_comment")
        assert rows.fetchone() == (100, 100)
