"""Benchmark related posts: full index time, one incremental update, page lookup, peak memory.

    /work/venv/bin/python bench/related.py --sizes 1000,10000,100000

Each size runs on a fresh temporary SQLite database (or on --database-url, which must
name a database with "bench" in it, because the script deletes every post there). The
posts are generated: a Zipf-distributed general vocabulary mixed with topic words, tags
and categories per topic, bodies of 120-450 words, so that the sparse structure looks
like a real multi-author blog. The full index runs as `parley related rebuild` in a child
process so its peak memory (max RSS) is measured on its own.
"""

import os
import sys

# bench/http.py would shadow the standard library's http package for a script run from here.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "su",
    "no",
    "vi",
    "pe",
    "da",
    "ri",
    "fo",
    "ul",
    "an",
    "es",
    "or",
    "bi",
    "ge",
    "ha",
    "ju",
    "ke",
    "ma",
    "ne",
    "po",
    "sa",
    "ti",
    "vo",
    "ze",
]


def make_words(rng: random.Random, count: int, length=(2, 4)) -> list[str]:
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*length))))
    return sorted(words)


def generate(n: int, seed: int = 7):
    """Yield (title, body, category index, tag indexes) for n posts."""
    rng = random.Random(seed)
    general = make_words(rng, 20000)
    zipf = [1 / (rank + 1) ** 1.07 for rank in range(len(general))]
    n_topics = max(20, n // 500)
    topic_words = [make_words(rng, 40, (3, 5)) for _ in range(n_topics)]
    n_categories = max(8, n_topics // 5)
    topic_tags = [rng.sample(range(n_topics * 4), 8) for _ in range(n_topics)]
    for _ in range(n):
        topic = rng.randrange(n_topics)
        length = rng.randint(120, 450)
        body = rng.choices(general, weights=zipf, k=int(length * 0.75))
        body += rng.choices(topic_words[topic], k=length - len(body))
        rng.shuffle(body)
        title = rng.sample(topic_words[topic], 2) + rng.choices(general[:2000], k=3)
        rng.shuffle(title)
        tags = rng.sample(topic_tags[topic], rng.randint(1, 4))
        if rng.random() < 0.2:  # some cross-topic tags, as on real blogs
            tags = sorted({*tags, rng.randrange(n_topics * 4)})
        paragraphs = [" ".join(body[i : i + 60]) + "." for i in range(0, len(body), 60)]
        yield " ".join(title).capitalize(), "\n\n".join(paragraphs), topic % n_categories, tags


def setup_django(data_dir: Path, database_url: str | None):
    os.environ["PARLEY_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "parley.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n: int):
    from django.db import connection
    from django.utils import timezone

    from parley.blog.models import Category, Post, PostTerm, RelatedPost, Tag, Term

    RelatedPost.objects.all().delete()
    PostTerm.objects.all().delete()
    Term.objects.all().delete()
    Post.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()
    posts = list(generate(n))
    n_categories = max(c for _, _, c, _ in posts) + 1
    n_tags = max(t for *_, tags in posts for t in tags) + 1
    categories = Category.objects.bulk_create(
        Category(name=f"Category {i}", slug=f"category-{i}") for i in range(n_categories)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"tag {i}", slug=f"tag-{i}") for i in range(n_tags))
    now = timezone.now()
    cat_links, tag_links = [], []
    for start in range(0, n, 2000):
        batch = posts[start : start + 2000]
        created = Post.objects.bulk_create(
            Post(
                title=title,
                slug=f"post-{start + i}",
                body=body,
                status=Post.Status.PUBLISHED,
                published_at=now - timedelta(minutes=start + i),
            )
            for i, (title, body, _, _) in enumerate(batch)
        )
        for post, (_, _, cat, tag_ids) in zip(created, batch, strict=True):
            cat_links.append(
                Post.categories.through(post_id=post.pk, category_id=categories[cat].pk)
            )
            tag_links += [Post.tags.through(post_id=post.pk, tag_id=tags[t].pk) for t in tag_ids]
    Post.categories.through.objects.bulk_create(cat_links, batch_size=5000)
    Post.tags.through.objects.bulk_create(tag_links, batch_size=5000)
    with connection.cursor() as cursor:  # as a long-running site's statistics would be
        cursor.execute("ANALYZE")


def full_index(env: dict) -> tuple[float, float]:
    """Run `parley related rebuild` in a child; return (seconds, peak RSS in MiB, output).

    RUSAGE_CHILDREN reports the largest child so far; sizes run in increasing order, so
    the figure is this rebuild's own peak.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "parley", "related", "rebuild", "--skip-checks"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, result.stdout


def incremental(samples: int = 5):
    """Time one post's related-posts update, alone and as part of a whole publish or edit."""
    from django.db import transaction

    from parley.blog import related_index
    from parley.blog.models import Post

    rng = random.Random(11)
    ids = list(Post.objects.values_list("pk", flat=True))
    timings = {"update": [], "publish": [], "edit": []}

    def new_post_like(source, i):
        post = Post.objects.create(
            title=source.title + f" again {i}",
            slug=f"bench-new-{i}-{time.time_ns()}",
            body=source.body[:2000],
            status=Post.Status.PUBLISHED,
        )
        post.tags.set(source.tags.all())
        post.categories.set(source.categories.all())
        return post

    for i in range(samples):
        source = Post.objects.get(pk=rng.choice(ids))
        with related_index.suspended():
            quiet = new_post_like(source, f"q{i}")
        started = time.perf_counter()
        with transaction.atomic():
            related_index.index_post(quiet)
        timings["update"].append(time.perf_counter() - started)

        started = time.perf_counter()
        with transaction.atomic():  # the admin's save: post, then tags, then one reindex
            new_post_like(source, i)
        timings["publish"].append(time.perf_counter() - started)

        edited = Post.objects.get(pk=rng.choice(ids))
        edited.body += " " + source.body[:500]
        started = time.perf_counter()
        with transaction.atomic():
            edited.save()
        timings["edit"].append(time.perf_counter() - started)
    return timings


def lookups(samples: int = 300) -> list[float]:
    from parley.blog.models import Post
    from parley.blog.related_index import related_posts

    rng = random.Random(5)
    ids = list(Post.objects.values_list("pk", flat=True))
    posts = [Post(pk=pk) for pk in rng.sample(ids, min(samples, len(ids)))]
    timings = []
    for post in posts:
        started = time.perf_counter()
        list(related_posts(post))
        timings.append(time.perf_counter() - started)
    return timings


def ms(values) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main():
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped to a file
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("--database-url", help="a bench database; every post in it is deleted")
    parser.add_argument("--updates", type=int, default=5, help="incremental updates to time")
    parser.add_argument(
        "--data-dir",
        help="keep the SQLite database here instead of a temporary dir (for --reuse)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the posts already in --data-dir instead of generating them (one size)",
    )
    args = parser.parse_args()
    if args.database_url and "bench" not in args.database_url:
        parser.error("--database-url must name a database containing 'bench'")
    if args.reuse and not args.data_dir:
        parser.error("--reuse needs --data-dir")
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="parley-bench-"))
    setup_django(data_dir, args.database_url)
    from django.db import connection

    from parley.blog.models import RelatedPost

    env = dict(os.environ)
    print(f"database: {connection.vendor}; machine: {os.cpu_count()} CPUs (shared, noisy)")
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        started = time.perf_counter()
        if args.reuse:
            from parley.blog.models import Post

            n = Post.objects.posts().count()
            print(f"\nN = {n:,} posts (reused from {data_dir})")
        else:
            fill(n)
            print(f"\nN = {n:,} posts (generated in {time.perf_counter() - started:.0f}s)")
        seconds, peak, output = full_index(env)
        links = RelatedPost.objects.count()
        print(f"  full index:    {seconds:.1f} s, peak RSS {peak:.0f} MiB, {links:,} related links")
        print(f"                 ({output.strip()}; includes ~3 s of process start-up)")
        timings = incremental(args.updates)
        print(f"  one incremental update: {ms(timings['update'])} (index_post alone)")
        print(f"  whole publish: {ms(timings['publish'])} (save, tags, all signal handlers)")
        print(f"  whole edit:    {ms(timings['edit'])}")
        print(f"  page lookup:   {ms(lookups())} (one query)")


if __name__ == "__main__":
    main()
