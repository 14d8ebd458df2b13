"""Generate a large Parley site fast (bulk inserts): N posts, M approved comments, one busy post.

    python bench/gen_site.py --data-dir /tmp/parley-big --posts 10000 --comments 100000

Uses the site's own settings (PARLEY_DATA_DIR / DATABASE_URL from the environment or
--data-dir), migrates, and fills an *empty* site. Prints one JSON line at the end with the
URL of the busy post and of an ordinary post, for bench/http.py.
"""

import os
import sys

# bench/http.py would shadow the standard library's `http` package for scripts run from here.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

TOPICS = {
    "gardening": "soil compost seedlings tomatoes pruning mulch watering beds roses herbs",
    "cycling": "gears chain saddle climb descent tyres cadence route helmet brakes",
    "cooking": "dough oven garlic simmer broth knife spices sourdough butter pan",
    "astronomy": "telescope planets nebula eclipse orbit comet galaxy lens night stars",
    "woodwork": "chisel plane oak joints glue sanding grain lathe dovetail varnish",
}
FILLER = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "with",
    "for",
    "about",
    "from",
    "after",
    "before",
    "while",
    "every",
    "small",
]


def sentence(rng, words) -> str:
    picked = [
        rng.choice(words if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(8, 16))
    ]
    return " ".join(picked).capitalize() + "."


def paragraph(rng, words, sentences=4) -> str:
    return " ".join(sentence(rng, words) for _ in range(sentences))


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="PARLEY_DATA_DIR (default: the environment's)")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--busy-comments", type=int, default=200, help="comments on one post")
    parser.add_argument("--related", action="store_true", help="also compute related posts")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    if args.data_dir:
        os.environ["PARLEY_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from parley.blog.models import Category, Post, Tag
    from parley.blog.rendering import render_body
    from parley.comments.models import Comment, content_digest
    from parley.comments.rendering import render_comment

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if Post.objects.exists():
        sys.exit("gen_site: the site already has posts; use an empty data dir")

    rng = random.Random(args.seed)
    author, _ = get_user_model().objects.get_or_create(username="bench-author")
    categories = {t: Category.objects.create(name=t.title()) for t in TOPICS}
    tags = {
        word: Tag.objects.create(name=word)
        for words in TOPICS.values()
        for word in words.split()[:4]
    }
    now = timezone.now()
    topics = list(TOPICS)
    busy_index = args.posts // 2

    # A few hundred rendered bodies, reused: rendering 10k Markdown bodies is not the point.
    bodies = []
    for i in range(min(args.posts, 300)):
        words = TOPICS[topics[i % len(topics)]].split()
        body = "\n\n".join(paragraph(rng, words) for _ in range(rng.randint(3, 6)))
        bodies.append((body, render_body(body, Post.Format.MARKDOWN)))

    posts = []
    for i in range(args.posts):
        topic = topics[i % len(topics)]
        body, html = bodies[i % len(bodies)]
        posts.append(
            Post(
                kind=Post.Kind.POST,
                title=f"{topic.title()} notes {i}",
                slug=f"{topic}-notes-{i}",
                author=author,
                body=body,
                body_html=html,
                excerpt=body[:200],
                status=Post.Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=10 * (args.posts - i)),
            )
        )
    with transaction.atomic():
        Post.objects.bulk_create(posts, batch_size=1000)
    posts = list(Post.objects.order_by("id"))
    through_cat, through_tag = Post.categories.through, Post.tags.through
    cat_rows, tag_rows = [], []
    for i, post in enumerate(posts):
        topic = topics[i % len(topics)]
        cat_rows.append(through_cat(post_id=post.id, category_id=categories[topic].id))
        for word in rng.sample(TOPICS[topic].split()[:4], 2):
            tag_rows.append(through_tag(post_id=post.id, tag_id=tags[word].id))
    with transaction.atomic():
        through_cat.objects.bulk_create(cat_rows, batch_size=2000)
        through_tag.objects.bulk_create(tag_rows, batch_size=2000)

    busy = posts[busy_index]
    others = max(args.comments - args.busy_comments, 0)
    texts = [sentence(rng, TOPICS[t].split()) for t in topics for _ in range(40)]
    # bulk_create skips Comment.save(), so the stored HTML is rendered here, once per text.
    rendered = {text: render_comment(text) for text in texts}
    batch = []
    total = 0

    def flush():
        nonlocal batch, total
        with transaction.atomic():
            Comment.objects.bulk_create(batch, batch_size=2000)
        total += len(batch)
        batch = []

    for n in range(args.busy_comments + others):
        post = busy if n < args.busy_comments else posts[rng.randrange(len(posts))]
        batch.append(
            Comment(
                post=post,
                author_name=f"Reader {n % 997}",
                author_email=f"reader{n % 997}@example.com",
                content=(text := rng.choice(texts)),
                content_html=rendered[text],
                content_digest=content_digest(text),
                status=Comment.Status.APPROVED,
                created_at=post.published_at + timezone.timedelta(minutes=1 + n % 500),
                author_ip=f"10.{n % 250}.{(n // 250) % 250}.{n % 7 + 1}",
            )
        )
        if len(batch) >= 10_000:
            flush()
    if batch:
        flush()

    if args.related:
        call_command("related", "rebuild")
    result = {
        "posts": len(posts),
        "comments": total,
        "busy_post": busy.get_absolute_url(),
        "busy_comments": args.busy_comments,
        "plain_post": posts[-1].get_absolute_url(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
