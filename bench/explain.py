"""Query plans of the hot paths: every query of a post page, the home page and a comment POST.

    python bench/explain.py --data-dir /tmp/parley-big     # a site from bench/gen_site.py
    DATABASE_URL=postgres://... python bench/explain.py --data-dir /tmp/pg-site

Prints each distinct query with its time and flags full scans of the big tables (SQLite
"SCAN <table>" without an index; PostgreSQL "Seq Scan"). An empty data dir is filled
with a small generated site first.
"""

import os
import sys

# bench/http.py would shadow the standard library's `http` package for scripts run from here.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

BIG_TABLES = ("blog_post", "comments_comment", "blog_relatedpost", "blog_post_tags")


def explain(connection, sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def full_scans(vendor: str, plan: str) -> list[str]:
    pattern = r"Seq Scan on {t}\b" if vendor == "postgresql" else r"SCAN {t}\b(?! USING)"
    return [t for t in BIG_TABLES if re.search(pattern.format(t=t), plan)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    site_file = data_dir / "bench-site.json"
    os.environ["PARLEY_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "parley.settings"
    os.environ.setdefault("PARLEY_TRUSTED_PROXIES", "127.0.0.1")
    if not site_file.exists():
        out = subprocess.run(
            [
                sys.executable,
                str(Path(_here) / "gen_site.py"),
                "--posts",
                "1000",
                "--comments",
                "10000",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        site_file.write_text(out.strip().splitlines()[-1])
    site = json.loads(site_file.read_text())

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")
    html = client.get(site["plain_post"]).content.decode()
    form = html[html.index('id="commentform"') :]
    fields = dict(
        re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form[: form.index("</form>")])
    )
    for name in ("submit", "wp-comment-cookies-consent", "comment_confirm"):
        fields.pop(name, None)
    stamp = int(time.time())
    fields.update(
        author=f"Explain {stamp}",
        email=f"explain{stamp}@example.com",
        url="",
        comment=f"Checking the query plans of a comment, run {stamp}.",
    )
    paths = {
        "post page (200 comments, uncached)": lambda c: c.get(site["busy_post"] + "?nocache=1"),
        "home page (uncached)": lambda c: c.get("/?nocache=1"),
        "comment POST": lambda c: c.post(
            "/comments/post/", fields, HTTP_X_FORWARDED_FOR=f"10.250.{stamp % 250}.1"
        ),
    }
    for name, call in paths.items():
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = call(client).status_code
            took = (time.perf_counter() - started) * 1000
        queries = captured.captured_queries
        total = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"\n== {name}: HTTP {status}, {took:.0f} ms, "
            f"{len(queries)} queries ({total:.0f} ms in SQL)"
        )
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            scans = full_scans(connection.vendor, explain(connection, sql))
            flag = f"FULL SCAN of {', '.join(scans)}" if scans else "indexed"
            print(f"  {float(query['time']) * 1000:7.1f} ms  {flag:32} {sql[:110]}")


if __name__ == "__main__":
    main()
