"""Computes commenter profiles and possible personas from the comments table."""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Lower
from django.utils import timezone

from parley.antispam.quality.hooks import RecentText
from parley.comments.models import Comment

MAX_SHARED = 20  # identities listed per profile; more is already a clear signal
SHARED_WINDOW_DAYS = 30  # the profile's count looks this far back (IPs are purged anyway)


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def network_prefix(ip: str) -> str | None:
    """The text prefix of an IPv4 /24 ("203.0.113."), or None (IPv6 matches exactly)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if address.version == 4:
        return ip.rsplit(".", 1)[0] + "."
    return None


def _network_filter(ips: set[str]) -> Q:
    query = Q(author_ip__in=ips)
    for prefix in {network_prefix(ip) for ip in ips} - {None}:
        query |= Q(author_ip__startswith=prefix)
    return query


@dataclass(frozen=True)
class SharedIdentity:
    email: str
    names: tuple[str, ...]
    how: str  # "same IP address" or "same network"
    comments: int
    last_seen: datetime


def shared_identities(email: str, limit: int = MAX_SHARED) -> list[SharedIdentity]:
    """Other emails whose comments came from an IP address or /24 network this one used."""
    email = normalise(email)
    mine = Comment.objects.filter(author_email__iexact=email)
    ips = {str(ip) for ip in mine.exclude(author_ip=None).values_list("author_ip", flat=True)}
    if not ips:
        return []
    others = (
        Comment.objects.filter(_network_filter(ips))
        .exclude(author_email__iexact=email)
        .exclude(author_email="")
        .values_list("author_email", "author_name", "author_ip", "created_at")
        .order_by("-created_at")[:500]
    )
    found: dict[str, dict] = {}
    for other, name, ip, created in others:
        key = normalise(other)
        entry = found.setdefault(key, {"names": [], "same_ip": False, "n": 0, "last": created})
        if name not in entry["names"]:
            entry["names"].append(name)
        entry["same_ip"] |= str(ip) in ips
        entry["n"] += 1
        entry["last"] = max(entry["last"], created)
    return [
        SharedIdentity(
            key,
            tuple(e["names"]),
            "same IP address" if e["same_ip"] else "same network",
            e["n"],
            e["last"],
        )
        for key, e in sorted(found.items(), key=lambda kv: kv[1]["last"], reverse=True)
    ][:limit]


def count_shared(email: str, variants: set[str], days: int = SHARED_WINDOW_DAYS) -> int:
    """How many other emails wrote from this email's IPs or networks in the last `days`.

    Bounded by the created_at index, so it stays cheap on every new comment even when
    hundreds of commenters share one address (a school, an office, a proxy).
    """
    since = timezone.now() - timedelta(days=days)
    recent = Comment.objects.filter(created_at__gte=since)
    ips = {
        str(ip)
        for ip in recent.filter(author_email__in=variants)
        .exclude(author_ip=None)
        .order_by()
        .values_list("author_ip", flat=True)
        .distinct()[:50]
    }
    if not ips:
        return 0
    others = (
        recent.filter(_network_filter(ips))
        .exclude(author_email__in=variants)
        .exclude(author_email="")
        .annotate(address=Lower("author_email"))
        .exclude(address=email)
        .order_by()
        .values("address")
        .distinct()
    )
    return others.count()


def refresh(email: str, variants: set[str] | None = None):
    """Recompute one email's profile from its comments (called after each comment change).

    `variants` are the spellings stored in the comments table ("Ana@Example.org"); by
    default the one given and its lower case, so the lookups use the email index.
    """
    from parley.community.models import CommenterProfile

    email = normalise(email)
    if not email:
        return None
    variants = (variants or set()) | {email}
    comments = Comment.objects.filter(author_email__in=variants)
    status = Comment.Status
    figures = comments.aggregate(
        total=Count("id"),
        approved=Count("id", filter=Q(status=status.APPROVED)),
        held=Count("id", filter=Q(status=status.PENDING)),
        held_for_quality=Count("id", filter=Q(status=status.PENDING, low_value=True)),
        spam=Count("id", filter=Q(status=status.SPAM)),
        trash=Count("id", filter=Q(status=status.TRASH)),
        first_seen=Min("created_at"),
        last_seen=Max("created_at"),
    )
    if not figures.pop("total"):
        CommenterProfile.objects.filter(email=email).delete()
        return None
    latest = comments.order_by("-created_at", "-id").values_list("author_name", flat=True)[0]
    names = sorted(comments.order_by().values_list("author_name", flat=True).distinct()[:50])
    names = [latest] + [n for n in names if n != latest]
    profile, _ = CommenterProfile.objects.update_or_create(
        email=email,
        defaults={
            **figures,
            "name": latest,
            "names": names,
            "shared_identities": count_shared(email, variants),
        },
    )
    return profile


def refresh_all() -> int:
    variants: dict[str, set[str]] = {}
    for stored in Comment.objects.exclude(author_email="").values_list("author_email", flat=True):
        variants.setdefault(normalise(stored), set()).add(stored)
    for email, spellings in variants.items():
        refresh(email, spellings)
    from parley.community.models import CommenterProfile

    CommenterProfile.objects.exclude(email__in=variants).delete()
    return len(variants)


def recent_texts_from_network(since: datetime, ip: str) -> list[RecentText]:
    """Recent comments from the same IP or /24, for the writing-style check."""
    if not ip:
        return []
    rows = (
        Comment.objects.filter(_network_filter({ip}), created_at__gte=since)
        .order_by("-created_at")
        .values_list("author_name", "author_email", "author_ip", "content", "created_at")[:50]
    )
    return [RecentText(n, e, str(i), c, t) for n, e, i, c, t in rows]
