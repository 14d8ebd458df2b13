"""Benchmark `parley import-wxr` on a generated WordPress export; prints time and peak RSS.

    python bench/import.py                      # 50,000 posts, 500,000 comments (the target)
    python bench/import.py --posts 5000 --comments 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/parley_bench python bench/import.py

The import runs as its own `parley import-wxr` process on an empty database (SQLite in a
temporary data dir unless DATABASE_URL is set), so the peak RSS printed is the importer's
alone. Target on a 2-core machine: under 5 minutes and under 500 MB on SQLite.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

_WORD_TEXT = (
    "garden river stone light winter letter morning table window music forest paper "
    "kitchen bridge summer coffee harbour engine yellow quiet village market thunder "
    "silver orchard lantern meadow compass journey pocket ribbon saddle timber valley "
    "whisper anchor basket candle feather glacier horizon island jigsaw kettle marble "
)
WORDS = _WORD_TEXT.split()
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench</title>
<link>https://bench.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(path, posts, comments, seed=1):
    """Write a WXR with `posts` posts and `comments` comments (a third of them replies)."""
    rng = random.Random(seed)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    per_post = [comments // posts + (1 if i < comments % posts else 0) for i in range(posts)]
    comment_id = 0
    with open(path, "w", encoding="utf-8") as out:
        w = out.write
        w(HEAD)
        for a in range(5):
            w(
                f"<wp:author><wp:author_id>{a + 1}</wp:author_id>"
                f"<wp:author_login><![CDATA[author{a}]]></wp:author_login>"
                f"<wp:author_email>a{a}@bench.example</wp:author_email>"
                "</wp:author>\n"
            )
        for c in range(50):
            parent = f"cat-{c // 10}" if c >= 10 else ""
            w(
                f"<wp:category><wp:term_id>{c + 1}</wp:term_id><wp:category_nicename>cat-{c}"
                f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name><![CDATA[Category {c}]]></wp:cat_name></wp:category>\n"
            )
        for t in range(500):
            w(
                f"<wp:tag><wp:term_id>{1000 + t}</wp:term_id><wp:tag_slug>tag-{t}</wp:tag_slug>"
                f"<wp:tag_name><![CDATA[Tag {t}]]></wp:tag_name></wp:tag>\n"
            )
        for p in range(posts):
            wp_id = 10_000 + p
            date = start + timedelta(hours=p * 3)
            stamp = date.strftime("%Y-%m-%d %H:%M:%S")
            body = "\n\n".join(sentence(rng, 25) for _ in range(6))
            w(
                f"<item><title><![CDATA[{sentence(rng, 6)}]]></title>"
                f"<link>https://bench.example/?p={wp_id}</link>"
                f"<dc:creator><![CDATA[author{p % 5}]]></dc:creator>"
                f'<guid isPermaLink="false">https://bench.example/?p={wp_id}</guid>'
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{stamp}</wp:post_date>"
                f"<wp:post_date_gmt>{stamp}</wp:post_date_gmt>"
                "<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status>"
                f"<wp:post_name>post-{p}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                "<wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="cat-{p % 50}"><![CDATA[Category {p % 50}]]>'
                f'</category><category domain="post_tag" nicename="tag-{p % 500}">'
                f"<![CDATA[Tag {p % 500}]]></category>\n"
            )
            first = comment_id + 1
            for k in range(per_post[p]):
                comment_id += 1
                parent = rng.randrange(first, comment_id) if k and rng.random() < 0.33 else 0
                approved = "spam" if rng.random() < 0.1 else ("0" if rng.random() < 0.05 else "1")
                cstamp = (date + timedelta(minutes=10 * (k + 1))).strftime("%Y-%m-%d %H:%M:%S")
                w(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Reader {comment_id % 997}]]></wp:comment_author>"
                    f"<wp:comment_author_email>r{comment_id % 997}@mail.example"
                    "</wp:comment_author_email>"
                    "<wp:comment_author_url></wp:comment_author_url>"
                    f"<wp:comment_author_IP>198.51.100.{comment_id % 250}</wp:comment_author_IP>"
                    f"<wp:comment_date>{cstamp}</wp:comment_date>"
                    f"<wp:comment_date_gmt>{cstamp}</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{sentence(rng, 30)}]]></wp:comment_content>"
                    f"<wp:comment_approved>{approved}</wp:comment_approved>"
                    "<wp:comment_type>comment</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent>"
                    "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n"
                )
            w("</item>\n")
        w("</channel>\n</rss>\n")


def timed(command, env):
    """Run a command as a child process: (wall s, CPU s, its own peak RSS in MB, output).

    CPU seconds are printed too because wall time on a shared machine mostly measures the
    other users' load.
    """
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().strip()
    if child.returncode:
        sys.exit(f"{' '.join(command[3:])} failed:\n{output[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, output  # ru_maxrss is in KiB on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--comments", type=int, default=500_000)
    parser.add_argument("--keep", action="store_true", help="keep the data dir and file")
    parser.add_argument(
        "--import-only", action="store_true", help="skip the related rebuild and the export"
    )
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="parley-bench-import-")
    path = os.path.join(workdir, "bench.xml")
    started = time.perf_counter()
    generate(path, args.posts, args.comments)
    size = os.path.getsize(path)
    print(
        f"generated {args.posts} posts, {args.comments} comments: {size / 1e6:.0f} MB "
        f"in {time.perf_counter() - started:.1f}s"
    )
    env = {
        **os.environ,
        "PARLEY_DATA_DIR": os.path.join(workdir, "data"),
        "PARLEY_EMAIL_URL": "dummy://",
    }
    parley = [sys.executable, "-m", "parley"]
    subprocess.run([*parley, "migrate", "-v0"], env=env, check=True)
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"database: {database}; machine load average now: {os.getloadavg()[0]:.1f}")
    steps = [
        ("import-wxr", [*parley, "import-wxr", "--skip-related", path]),
        ("related rebuild", [*parley, "related", "rebuild"]),
        ("export-wxr", [*parley, "export-wxr", os.path.join(workdir, "export.xml")]),
    ]
    total = 0.0
    for label, command in steps[:1] if args.import_only else steps:
        seconds, cpu, peak_mb, output = timed(command, env)
        total += seconds if label != "export-wxr" else 0
        print(output)
        print(f"{label}: {seconds:.1f}s wall, {cpu:.1f}s CPU, peak RSS {peak_mb:.0f} MB")
        if label == "import-wxr":
            print(f"  ({args.comments / seconds:,.0f} comments/s)")
    print(
        f"import + related rebuild: {total:.1f}s; targets for 50k posts / 500k comments on SQLite: "
        "import under 300 s and under 500 MB"
    )
    if args.keep:
        print(f"kept {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
