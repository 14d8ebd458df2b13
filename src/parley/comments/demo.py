"""Demo comments for `parley demo`: a short, approved conversation under the first posts."""

from datetime import timedelta

from django.utils import timezone

from parley.comments.models import Comment

# (author, email, website, text, index of the comment it answers or None, hours after post)
THREAD = [
    (
        "Maya Ortiz",
        "maya@example.org",
        "https://maya.example.org",
        "The part about answering a question properly rang true. I once spent an evening on a "
        "forum reply that nobody upvoted, and a year later the person who asked hired me.",
        None,
        5,
    ),
    (
        "Tom Becker",
        "tom@example.net",
        "",
        "I am less sure. Plenty of people start out collecting contacts and only learn to take "
        "part later. Is it fair to tell them not to bother at all?",
        None,
        9,
    ),
    (
        "Maya Ortiz",
        "maya@example.org",
        "https://maya.example.org",
        "Fair point, Tom. Maybe the advice is: start small, but start by listening.",
        1,
        11,
    ),
    (
        "Priya Natarajan",
        "priya@example.com",
        "",
        "Listening is the hard part. I keep a list of three communities and read them for a "
        "week before I post anything.\n\nIt saves me from repeating what was said yesterday.",
        2,
        20,
    ),
]


def add_demo_comments(posts) -> list[Comment]:
    """Create a few approved comments with replies under the first two posts (original text)."""
    created = []
    for post in list(posts)[:2]:
        if post.comments.exists():
            continue
        made: list[Comment] = []
        for author, email, url, text, parent, hours in THREAD:
            comment = Comment.objects.create(
                post=post,
                parent=made[parent] if parent is not None else None,
                author_name=author,
                author_email=email,
                author_url=url,
                content=text,
                status=Comment.Status.APPROVED,
                created_at=min(post.published_at + timedelta(hours=hours), timezone.now()),
                verdict={"moderation": ["demo content"]},
            )
            made.append(comment)
        created.extend(made)
    return created
