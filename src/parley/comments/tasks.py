"""Background jobs: notification emails, so posting a comment never waits for SMTP."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from parley.comments.models import Comment
from parley.core.middleware import site_url


def recipients_for(comment: Comment) -> list[str]:
    """The post's author and every active moderator with an email address, once each."""
    addresses = []
    author = comment.post.author
    if author and author.email and author.is_active:
        addresses.append(author.email)
    moderators = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    for user in moderators:
        if user.is_superuser or user.has_perm("comments.change_comment"):
            addresses.append(user.email)
    # The commenter is told nothing about their own comment by email.
    own = (comment.author_email or "").lower()
    return sorted({a for a in addresses if a.lower() != own})


@task()
def notify_new_comment(comment_id: int) -> int:
    """Email the post's author and moderators about a new comment; returns mails sent."""
    comment = Comment.objects.select_related("post", "post__author").filter(pk=comment_id).first()
    if comment is None:
        return 0
    to = recipients_for(comment)
    if not to:
        return 0
    held = comment.status == Comment.Status.PENDING
    context = {
        "comment": comment,
        "held": held,
        "site_name": settings.SITE_NAME,
        "comment_url": site_url(comment.get_absolute_url()),
        "admin_url": site_url(comment.get_admin_url()),
        "reasons": comment.verdict.get("moderation", []) if comment.verdict else [],
    }
    verb = "awaiting moderation" if held else "published"
    subject = f'[{settings.SITE_NAME}] New comment {verb} on "{comment.post.title}"'
    subject = " ".join(subject.split())  # a header must not carry a line break
    body = render_to_string("comments/email/new_comment.txt", context)
    return send_mail(subject[:200], body, None, to, fail_silently=False)
