"""Comment posting and discussion rendering against a real `parley serve` (prints numbers).

    python bench/comments.py --clients 20 --per-client 5 --thread 500

Starts `parley serve --demo` on SQLite in a throw-away data dir (clients are told apart by
X-Forwarded-For from a trusted local proxy), then:
1. posts clients x per-client comments concurrently: latency p50/p99, throughput, 5xx, rows;
2. adds --thread approved comments to one post and times the uncached page (a
   `parley_commenter` cookie makes the page per-reader, so the page cache is bypassed).
Timings on a shared machine are noisy: report them with the load they ran under.
"""

import os
import sys

# bench/http.py would shadow the standard library's `http` package for scripts run from here.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import httpx  # noqa: E402

TEXT = (
    "Client {c} comment {n}: taking part means answering the question that was asked, "
    "carefully and in good faith."
)


def start(data_dir: str, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        PARLEY_DATA_DIR=data_dir,
        PARLEY_BASE_URL=f"http://127.0.0.1:{port}",
        PARLEY_EMAIL_URL="dummy://",
        PARLEY_TRUSTED_PROXIES="127.0.0.1",
    )
    parley = os.path.join(os.path.dirname(sys.executable), "parley")
    process = subprocess.Popen(
        [parley, "serve", "--demo", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/robots.txt", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("parley serve did not start")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def post_many(url, post_url, client_no, per_client):
    results = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for n in range(per_client):
            page = client.get(post_url).text
            fields = dict(
                re.findall(
                    r'name="(csrfmiddlewaretoken|parley_ts|comment_post_ID)"'
                    r' value="([^"]*)"',
                    page,
                )
            )
            fields.update(
                comment=TEXT.format(c=client_no, n=n),
                author=f"Bench {client_no}",
                email=f"bench{client_no}-{n}@example.org",
                url="",
                comment_parent="0",
            )
            started = time.perf_counter()
            response = client.post(
                "/comments/post/",
                data=fields,
                headers={"X-Forwarded-For": f"198.18.{client_no % 250}.{n % 250 + 1}"},
            )
            results.append((time.perf_counter() - started, response.status_code))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=5)
    parser.add_argument("--thread", type=int, default=500, help="comments on the busy post")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--renders", type=int, default=10)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="parley-bench-comments-")
    process, url = start(data_dir, args.workers)
    try:
        home = httpx.get(url + "/").text
        post_url = re.search(r'href="(/\d{4}/\d\d/\d\d/[^/"]+/)"', home).group(1)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            batches = list(
                pool.map(
                    lambda c: post_many(url, post_url, c, args.per_client), range(args.clients)
                )
            )
        elapsed = time.perf_counter() - started
        results = [r for batch in batches for r in batch]
        latencies = [t * 1000 for t, _ in results]
        db = sqlite3.connect(os.path.join(data_dir, "parley.sqlite3"))
        stored = db.execute(
            "select count(*) from comments_comment where author_email like 'bench%'"
        ).fetchone()[0]
        statuses = {}
        for _, status in results:
            statuses[status] = statuses.get(status, 0) + 1

        # A busy thread: approved top-level comments, straight into SQLite.
        post_id = db.execute(
            "select post_id from comments_comment where author_email like 'bench%' limit 1"
        ).fetchone()
        post_id = post_id[0] if post_id else None
        now = datetime.now(UTC).isoformat(sep=" ")
        for i in range(args.thread):
            db.execute(
                "insert into comments_comment (post_id, parent_id, author_name, author_email,"
                " author_url, user_agent, content, content_html, comment_type, status,"
                " created_at, verdict, low_value) values (?, null, ?, ?, '', '', ?, '',"
                " 'comment', 'approved', ?, '{}', 0)",
                (
                    post_id,
                    f"Reader {i}",
                    f"r{i}@example.org",
                    f"Thread comment {i} with a link https://example.org/{i}",
                    now,
                ),
            )
        db.commit()
        # Let the cached generation expire: the per-reader cookie bypasses the page cache.
        renders = []
        with httpx.Client(
            base_url=url, timeout=120, cookies={"parley_commenter": "%7B%7D"}
        ) as client:
            client.get(post_url)
            for _ in range(args.renders):
                t = time.perf_counter()
                body = client.get(post_url).text
                renders.append((time.perf_counter() - t) * 1000)
        shown = body.count('class="comment depth-')
        print(
            json.dumps(
                {
                    "posted": len(results),
                    "stored": stored,
                    "statuses": statuses,
                    "post_p50_ms": round(percentile(latencies, 50), 1),
                    "post_p99_ms": round(percentile(latencies, 99), 1),
                    "comments_per_second": round(len(results) / elapsed, 1),
                    "thread_comments": args.thread,
                    "comments_on_page": shown,
                    "page_p50_ms": round(percentile(renders, 50), 1),
                    "page_max_ms": round(max(renders), 1),
                    "load_average": os.getloadavg()[0],
                }
            )
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
