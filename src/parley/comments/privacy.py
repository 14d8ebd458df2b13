"""Export and erasure of a commenter's data by email address (the privacy page's promise)."""

from django.db import transaction

from parley.comments.models import Comment

ANONYMOUS = "Anonymous"


def comments_of(email: str):
    return Comment.objects.filter(author_email__iexact=(email or "").strip()).select_related("post")


def export(email: str) -> dict:
    """Everything stored under an email address, as JSON-ready data."""
    items = []
    for comment in comments_of(email).order_by("created_at", "id"):
        items.append(
            {
                "id": comment.pk,
                "post": comment.post.title,
                "post_url": comment.post.get_absolute_url(),
                "author_name": comment.author_name,
                "author_email": comment.author_email,
                "author_url": comment.author_url,
                "author_ip": comment.author_ip,
                "user_agent": comment.user_agent,
                "content": comment.content,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "parent_id": comment.parent_id,
            }
        )
    return {"email": (email or "").strip(), "comments": items}


@transaction.atomic
def erase(email: str, remove_text: bool = False) -> int:
    """Name -> "Anonymous"; email, website, IP and user agent cleared; text kept unless asked.

    Saved one by one so page-cache invalidation (post_save) sees every change.
    """
    count = 0
    for comment in comments_of(email).select_for_update():
        comment.author_name = ANONYMOUS
        comment.author_email = ""
        comment.author_url = ""
        comment.author_ip = None
        comment.user_agent = ""
        fields = ["author_name", "author_email", "author_url", "author_ip", "user_agent"]
        if remove_text:
            comment.content = "[This comment was removed at its author's request.]"
            fields.append("content")
        comment.save(update_fields=fields)
        count += 1
    return count
