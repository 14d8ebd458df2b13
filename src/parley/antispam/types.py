"""The engine's contract: a Submission goes in, a Verdict with every fired check comes out."""

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Action(enum.StrEnum):
    """What to do with a submission, mildest first."""

    HAM = "ham"
    HOLD = "hold"
    SPAM = "spam"
    DISCARD = "discard"  # blatant spam: the API answers with X-akismet-pro-tip: discard


@dataclass(frozen=True)
class Submission:
    """Everything known about one comment (from the form or the Akismet API).

    The engine knows nothing of Parley's models: the comment form and the API both build
    one of these, so the two are judged by exactly the same code.
    """

    content: str
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    user_agent: str = ""
    referrer: str = ""
    permalink: str = ""
    comment_type: str = "comment"
    post_title: str = ""
    post_text: str = ""
    post_tags: tuple[str, ...] = ()
    parent_text: str = ""  # the comment this one answers, if any
    blog: str = ""
    blog_lang: str = ""
    user_role: str = ""
    submitted_at: datetime | None = None
    form_rendered_at: datetime | None = None  # from the signed form timestamp
    form_timestamp_valid: bool | None = None  # None when there was no form (API call)
    honeypot_filled: bool = False
    context: tuple[str, ...] = ()
    is_test: bool = False


@dataclass(frozen=True)
class Hit:
    """One check that fired: its symbol, group, weight and a reason a moderator can read."""

    check: str
    weight: float
    reason: str
    group: str = "spam"  # "spam" adds to the spam score, "quality" to the quality score


@dataclass(frozen=True)
class Verdict:
    action: Action
    score: float
    hits: tuple[Hit, ...] = ()
    quality: float = 0.0
    low_value: bool = False

    @property
    def is_spam(self) -> bool:
        return self.action in (Action.SPAM, Action.DISCARD)

    def reasons(self) -> list[dict]:
        return [
            {"check": h.check, "weight": h.weight, "reason": h.reason, "group": h.group}
            for h in self.hits
        ]

    def as_dict(self) -> dict:
        """JSON form, stored on comments and returned by /api/v1/check."""
        return {
            "action": str(self.action),
            "spam": self.is_spam,
            "score": round(self.score, 3),
            "quality": round(self.quality, 3),
            "low_value": self.low_value,
            "reasons": self.reasons(),
        }


__all__ = ["Action", "Hit", "Submission", "Verdict", "field"]
