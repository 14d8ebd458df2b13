"""Accepting a comment: flood and duplicate checks, the verdict, storing, notifying."""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from parley.antispam.types import Submission
from parley.comments import messages
from parley.comments.models import Comment, content_digest
from parley.comments.moderation import Commenter, decide, judge
from parley.core.middleware import site_url
from parley.core.models import SiteSettings


class Refused(Exception):
    """A submission refused before storing (flood, duplicate): the form is shown again."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Incoming:
    """One submitted comment, as the form cleaned it, plus what the request says."""

    post: object
    content: str
    commenter: Commenter
    parent: Comment | None = None
    referrer: str = ""
    form_rendered_at: object = None
    form_timestamp_valid: bool | None = None
    honeypot_filled: bool = False
    user: object = None


def check_flood(incoming: Incoming, site: SiteSettings, now) -> None:
    """One IP or email may post once per `flood_seconds` (WordPress: 15 s)."""
    if not site.flood_seconds:
        return
    since = now - timedelta(seconds=site.flood_seconds)
    who = Q()
    if incoming.commenter.ip:
        who |= Q(author_ip=incoming.commenter.ip)
    if incoming.commenter.email:
        who |= Q(author_email__iexact=incoming.commenter.email)
    if who and Comment.objects.filter(who, created_at__gte=since).exists():
        raise Refused(messages.FLOOD, 429)


def check_duplicate(incoming: Incoming) -> None:
    """Same text, same author, same post: the person already said it."""
    same_author = Q(author_name__iexact=incoming.commenter.name)
    if incoming.commenter.email:
        same_author |= Q(author_email__iexact=incoming.commenter.email)
    if (
        Comment.objects.filter(
            post=incoming.post,
            content_digest=content_digest(incoming.content),
            content=incoming.content,
        )
        .filter(same_author)
        .exclude(status=Comment.Status.TRASH)
        .exists()
    ):
        raise Refused(messages.DUPLICATE, 409)


@functools.lru_cache(maxsize=64)
def _plain_text(body_html: str) -> str:
    """The post's text for the engine's relevance checks: stripping tags from a long post
    costs milliseconds, and every comment on the same post would pay it again."""
    return strip_tags(body_html)[:20000]


def submission_for(incoming: Incoming, now) -> Submission:
    post = incoming.post
    return Submission(
        content=incoming.content,
        author=incoming.commenter.name,
        email=incoming.commenter.email,
        url=incoming.commenter.url,
        ip=incoming.commenter.ip,
        user_agent=incoming.commenter.user_agent,
        referrer=incoming.referrer,
        permalink=site_url(post.get_absolute_url()),
        comment_type="reply" if incoming.parent else "comment",
        post_title=post.title,
        post_text=_plain_text(post.body_html or ""),
        post_tags=tuple(post.tags.values_list("name", flat=True)),
        parent_text=incoming.parent.content if incoming.parent else "",
        user_role="administrator" if incoming.commenter.is_staff else "",
        submitted_at=now,
        form_rendered_at=incoming.form_rendered_at,
        form_timestamp_valid=incoming.form_timestamp_valid,
        honeypot_filled=incoming.honeypot_filled,
    )


def accept(incoming: Incoming, *, skip_limits: bool = False) -> Comment:
    """Judge and store a comment whatever its status; raise Refused for flood / duplicate."""
    site = SiteSettings.load()
    now = timezone.now()
    if not skip_limits:
        check_flood(incoming, site, now)
        check_duplicate(incoming)
    verdict = judge(submission_for(incoming, now))
    decision = decide(verdict, incoming.content, incoming.commenter, site)
    record = verdict.as_dict() if verdict else {"action": "hold", "reasons": []}
    record["moderation"] = decision.reasons
    comment = Comment.objects.create(
        post=incoming.post,
        parent=incoming.parent,
        author_name=incoming.commenter.name,
        author_email=incoming.commenter.email,
        author_url=incoming.commenter.url,
        author_ip=incoming.commenter.ip or None,
        user_agent=incoming.commenter.user_agent[:255],
        user=incoming.user if getattr(incoming.user, "is_authenticated", False) else None,
        content=incoming.content,
        status=decision.status,
        low_value=decision.low_value,
        created_at=now,
        verdict=record,
        spam_score=verdict.score if verdict else None,
        quality_score=verdict.quality if verdict else None,
    )
    if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING):
        from parley.comments.tasks import notify_new_comment

        notify_new_comment.enqueue(comment.pk)
    return comment


def admin_moderation_url(comment: Comment) -> str:
    return site_url(reverse("admin:comments_comment_change", args=[comment.pk]))
