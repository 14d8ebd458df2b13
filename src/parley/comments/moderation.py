"""Moderation: (engine verdict, site settings, commenter history) -> the comment's status.

The engine judges the text; this module applies the site owner's policy on top of it, and
records why, so a moderator sees both in the admin.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from parley import antispam
from parley.antispam.types import Action, Submission, Verdict
from parley.comments.models import Comment
from parley.comments.rendering import render_comment
from parley.core.models import SiteSettings

logger = logging.getLogger(__name__)

Status = Comment.Status


@dataclass
class Decision:
    status: str
    low_value: bool = False
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Commenter:
    """What the site knows about the person, from this request and their earlier comments."""

    name: str
    email: str
    url: str = ""
    ip: str = ""
    user_agent: str = ""
    is_staff: bool = False


def count_links(text: str) -> int:
    """Links a reader would see: each anchor once, auto-linked bare URLs included.

    (BBCode and other link tricks are the anti-spam engine's business.)
    A link comes only from an <a> tag or an http(s):// URL; most comments have neither, and
    are not rendered (twice through nh3) just to count none.
    """
    text = text or ""
    if "<" not in text and "http" not in text.lower():
        return 0
    return render_comment(text).count("<a ")


def _matching_word(words: list[str], haystacks: list[str]) -> str | None:
    for word in words:
        needle = word.lower()
        if any(needle in hay.lower() for hay in haystacks if hay):
            return word
    return None


def is_known_commenter(name: str, email: str) -> bool:
    """The same name and email already have an approved comment (WordPress's rule)."""
    if not name or not email:
        return False
    return (
        Comment.objects.approved()
        .filter(author_name__iexact=name.strip(), author_email__iexact=email.strip())
        .exists()
    )


def comments_closed(post, site: SiteSettings | None = None, now=None) -> bool:
    site = site or SiteSettings.load()
    if not post.comments_open:
        return True
    if site.close_comments_after_days:
        now = now or timezone.now()
        return post.published_at < now - timedelta(days=site.close_comments_after_days)
    return False


def judge(submission: Submission) -> Verdict | None:
    """The engine's verdict, or None when the engine failed (the comment is then held)."""
    try:
        return antispam.check(submission)
    except Exception:
        logger.exception("comments: anti-spam engine failed; holding the comment")
        return None


def decide(
    verdict: Verdict | None,
    content: str,
    commenter: Commenter,
    site: SiteSettings | None = None,
    known: bool | None = None,
) -> Decision:
    """Map a verdict and the site's policy to a status; spam is stored, never dropped."""
    site = site or SiteSettings.load()
    haystacks = [
        content,
        commenter.name,
        commenter.email,
        commenter.url,
        commenter.ip,
        commenter.user_agent,
    ]

    word = _matching_word(site.disallowed_word_list, haystacks)
    if word:
        return Decision(Status.TRASH, reasons=[f"disallowed word: {word}"])

    if verdict is None:
        return Decision(Status.PENDING, reasons=["anti-spam engine unavailable: held"])
    if verdict.action in (Action.SPAM, Action.DISCARD):
        return Decision(Status.SPAM, reasons=[f"anti-spam engine: {verdict.action}"])

    if commenter.is_staff:
        return Decision(Status.APPROVED, reasons=["written by a staff member"])

    holds: list[str] = []
    if verdict.action == Action.HOLD:
        holds.append("anti-spam engine: hold")
    low_value = False
    if verdict.low_value:
        policy = site.low_value_policy
        if policy == SiteSettings.LowValuePolicy.HOLD:
            holds.append("low-value comment: held by the site's policy")
        elif policy == SiteSettings.LowValuePolicy.COLLAPSE:
            low_value = True
    word = _matching_word(site.moderation_word_list, haystacks)
    if word:
        holds.append(f"moderation word: {word}")
    links = count_links(content)
    if links > site.hold_link_count:
        holds.append(f"{links} links (more than {site.hold_link_count})")
    if site.manual_approval:
        holds.append("manual approval is on")

    if known is None:
        known = site.auto_approve_known and is_known_commenter(commenter.name, commenter.email)
    # A regular overrides the engine's doubt, not the owner's explicit rules.
    owner_rules = [h for h in holds if not h.startswith("anti-spam engine")]
    if known and site.auto_approve_known and not owner_rules:
        reasons = ["known commenter: auto-approved"]
        if holds:
            reasons.append("overrode: " + "; ".join(holds))
        return Decision(Status.APPROVED, low_value=low_value, reasons=reasons)
    if holds:
        return Decision(Status.PENDING, low_value=verdict.low_value, reasons=holds)
    return Decision(Status.APPROVED, low_value=low_value, reasons=[])
