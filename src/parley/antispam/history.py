"""The history store: fingerprints of past checks, so duplicates, floods and regulars show.

Only what the next verdict needs is kept (salted hashes, a SimHash, the normalised author,
the verdict); never the text, the email or the IP themselves.
"""

import functools
import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from parley.antispam import conf
from parley.antispam.types import Submission, Verdict

SALT = "parley.antispam.history"
NEAR_BITS = 6  # SimHash distance that still counts as the same text reworded
BANDS = 8  # 8-bit bands: texts within 7 bits share at least one (pigeonhole)
MIN_NEAR_WORDS = 8  # shorter texts share too many SimHash bits by chance
MAX_SIMHASH_WORDS = 2000  # a 60 KB paste costs no more than a long comment
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def keyed_hash(value: str) -> str:
    """HMAC with a SECRET_KEY-derived key: a stored hash cannot be tested against guesses.

    Same result as Django's salted_hmac(SALT, value, algorithm="sha256"), with the derived
    key kept per secret instead of recomputed for each of the four hashes per comment.
    """
    if not value:
        return ""
    return hmac.new(_derived_key(settings.SECRET_KEY), value.encode(), hashlib.sha256).hexdigest()


@functools.lru_cache(maxsize=4)
def _derived_key(secret: str) -> bytes:
    return hashlib.sha256((SALT + secret).encode()).digest()


def normalise_author(author: str) -> str:
    return _SPACE.sub(" ", author or "").strip().lower()[:245]


def network_of(ip: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) an address belongs to, or "" if it is not an address."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def simhash(words: list[str]) -> int:
    """64-bit SimHash of the words, as an unsigned int.

    Single words rather than pairs: in a comment of thirty words, one swapped word changes
    two pairs but only one word, so a reworded template stays within a few bits.
    """
    features = words
    if not features:
        return 0
    digests = b"".join(hashlib.blake2b(f.encode(), digest_size=8).digest() for f in features)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(len(features), 64)
    votes = bits.sum(axis=0) * 2 > len(features)
    return int(np.packbits(votes).view(">u8")[0])


def to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(value: int) -> tuple[int, ...]:
    return tuple((value >> (8 * i)) & 0xFF for i in range(BANDS))


def distance(a: int, b: int) -> int:
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()


@dataclass(frozen=True)
class Fingerprint:
    content_hash: str
    simhash: int  # unsigned
    word_count: int
    author: str
    email_hash: str
    ip_hash: str
    network_hash: str
    post_key: str

    @classmethod
    def of(cls, submission: Submission, text: str) -> "Fingerprint":
        words = _WORD.findall(text.lower())
        return cls(
            content_hash=keyed_hash(" ".join(words)),
            simhash=simhash(words[:MAX_SIMHASH_WORDS]),
            word_count=len(words),
            author=normalise_author(submission.author),
            email_hash=keyed_hash(submission.email.strip().lower()),
            ip_hash=keyed_hash(submission.ip.strip()),
            network_hash=keyed_hash(network_of(submission.ip)),
            post_key=(submission.permalink or "")[:200],
        )


def since(now: datetime | None = None, seconds: float | None = None):
    now = now or timezone.now()
    if seconds is None:
        return now - timedelta(days=conf.get("retention_days"))
    return now - timedelta(seconds=seconds)


@dataclass(frozen=True)
class Earlier:
    """One earlier check whose text matched, exactly or nearly."""

    exact: bool
    action: str
    label: str
    author: str = ""
    email_hash: str = ""
    post_key: str = ""

    @property
    def spam_like(self) -> bool:
        return self.label == "spam" or (self.label != "ham" and self.action in ("spam", "discard"))


@dataclass(frozen=True)
class Lookup:
    """What the history knows about a submission: found with two indexed queries."""

    matches: tuple[Earlier, ...] = ()
    ip_count: int = 0  # checks within the flood window, counted up to COUNT_CAP
    email_count: int = 0
    network_count: int = 0
    ip_last: datetime | None = None  # the latest earlier check
    email_last: datetime | None = None
    approved: int = 0  # moderators' decisions on this email
    spam: int = 0

    @property
    def exact(self) -> list[Earlier]:
        return [m for m in self.matches if m.exact]

    @property
    def near(self) -> list[Earlier]:
        return [m for m in self.matches if not m.exact]


def _table(name: str) -> str:
    from django.db import connection

    return _quoted_table(connection.vendor, name)


@functools.lru_cache(maxsize=16)
def _quoted_table(vendor: str, name: str) -> str:
    """Resolved once per process: looked up three times for every check."""
    from django.apps import apps
    from django.db import connection

    return connection.ops.quote_name(apps.get_model("antispam", name)._meta.db_table)


def _when(value):
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(value)


def _parse(value):
    """An aware datetime from a raw cursor: PostgreSQL gives one; SQLite gives text, or a
    naive datetime (UTC) when the column's declared type reaches Django's converter."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


PER_BAND = 24  # newest candidates read per SimHash band
MAX_MATCHES = 50


def _matches(cursor, table: str, fp: Fingerprint, now: datetime) -> list["Earlier"]:
    """Earlier checks of the same text, or of text within NEAR_BITS (band lookup).

    One statement of bounded index walks: the newest MAX_MATCHES rows of the same text, and
    the newest PER_BAND rows sharing each SimHash band (each walk stops early: the band indexes
    are ordered by id, so no sort over every row of a common band). The exact distance is
    then computed here from the stored SimHash; the same text first, then the closest, best
    MAX_MATCHES kept. A near-duplicate within NEAR_BITS shares at least two of the eight
    bands (pigeonhole), so a flood of chance collisions on one band cannot hide it, nor
    make each check slower as the history grows.
    """
    columns = "id, content_hash, simhash, action, label, author, email_hash, post_key"
    recent = f"SELECT {columns} FROM {table} WHERE created_at >= %s AND is_test = %s AND "
    window = [_when(since(now)), False]
    parts = [f"SELECT * FROM ({recent}content_hash = %s ORDER BY id DESC LIMIT {MAX_MATCHES}) e"]
    params = [*window, fp.content_hash]
    if fp.word_count >= MIN_NEAR_WORDS:  # a short text can only match exactly
        for i, value in enumerate(bands(fp.simhash)):
            parts.append(
                f"SELECT * FROM ({recent}band{i} = %s AND word_count >= %s "
                f"ORDER BY id DESC LIMIT {PER_BAND}) b{i}"
            )
            params += [*window, value, MIN_NEAR_WORDS]
    cursor.execute(" UNION ALL ".join(parts), params)
    seen: set[int] = set()
    ranked = []
    for pk, content_hash, value, action, label, author, email_hash, post_key in cursor.fetchall():
        if pk in seen:
            continue
        seen.add(pk)
        if (fp.author or fp.email_hash) and (author, email_hash, post_key) == (
            fp.author,
            fp.email_hash,
            fp.post_key,
        ):
            continue  # a recheck of the same comment is no duplicate
        exact = content_hash == fp.content_hash
        apart = 0 if exact else distance(value, fp.simhash)
        if exact or (fp.word_count >= MIN_NEAR_WORDS and apart <= NEAR_BITS):
            ranked.append(
                (
                    (not exact, apart, -pk),
                    Earlier(exact, action, label, author, email_hash, post_key),
                )
            )
    ranked.sort(key=lambda item: item[0])
    return [earlier for _, earlier in ranked[:MAX_MATCHES]]


def near_duplicates(fp: Fingerprint, now: datetime | None = None) -> list["Earlier"]:
    """Earlier checks of nearly (not exactly) the same text, for other rules' use."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = _matches(cursor, _table("CheckRecord"), fp, now or timezone.now())
    return [m for m in found if not m.exact]


# Counts stop here: the flood rules compare them with limits of 5 or 10, and a sender who
# has checked thousands of times must not make each new check read all of them.
COUNT_CAP = 1000
_HASHES = ("ip_hash", "email_hash", "network_hash")


@functools.lru_cache(maxsize=8)
def _counts_sql(table: str, reputation: str, cap: int) -> str:
    """Flood counts, last-seen times and reputation in one statement of bounded subqueries,
    each an index range on (hash, created_at): a busy sender costs no more than a new one."""
    window = "created_at >= %s AND is_test = %s"
    counts = [
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {column} = %s AND {window}"
        f" LIMIT {cap}) AS n)"
        for column in _HASHES
    ]
    last = [
        f"(SELECT created_at FROM {table} WHERE {column} = %s AND {window}"
        " ORDER BY created_at DESC LIMIT 1)"
        for column in _HASHES[:2]
    ]
    reputation_of = [
        f"(SELECT {column} FROM {reputation} WHERE email_hash = %s)"
        for column in ("approved", "spam")
    ]
    return "SELECT " + ", ".join(counts + last + reputation_of)


def _counts_params(keys: list, now: datetime) -> list:
    flood = _when(since(now, conf.get("flood_window_seconds")))
    retention = _when(since(now))
    params = []
    for key in keys:
        params += [key, flood, False]
    for key in keys[:2]:
        params += [key, retention, False]
    return params + [keys[1], keys[1]]


def lookup(fp: Fingerprint, now: datetime | None = None) -> Lookup:
    """Everything the history rules need, in raw SQL: rules run on every comment, so the
    ORM's query building (several times the cost of the query itself) is avoided here."""
    from django.db import connection

    now = now or timezone.now()
    table = _table("CheckRecord")
    matches: list[Earlier] = []
    with connection.cursor() as cursor:
        if fp.word_count:
            matches = _matches(cursor, table, fp, now)
        counts = [0, 0, 0, None, None, 0, 0]
        keys = [fp.ip_hash or None, fp.email_hash or None, fp.network_hash or None]
        if any(keys):
            sql = _counts_sql(table, _table("Reputation"), COUNT_CAP)
            cursor.execute(sql, _counts_params(keys, now))
            counts = list(cursor.fetchone())
    approved, spam = int(counts[5] or 0), int(counts[6] or 0)
    return Lookup(
        matches=tuple(matches),
        ip_count=int(counts[0] or 0),
        email_count=int(counts[1] or 0),
        network_count=int(counts[2] or 0),
        ip_last=_parse(counts[3]),
        email_last=_parse(counts[4]),
        approved=approved,
        spam=spam,
    )


_RECORD_COLUMNS = (
    ["created_at", "content_hash", "simhash"]
    + [f"band{i}" for i in range(BANDS)]
    + ["word_count", "author", "email_hash", "ip_hash", "network_hash", "post_key"]
    + ["action", "score", "quality", "label", "is_test"]
)


def record(submission: Submission, context, verdict: Verdict) -> None:
    """Keep this check's fingerprints (called by the pipeline for every non-test check).

    One raw INSERT: it runs for every comment and API call, and the ORM's model
    instantiation and query compilation cost several times the insert itself.
    """
    from django.db import connection, transaction

    fp = context.fingerprint
    values = [
        _when(context.now),
        fp.content_hash,
        to_signed(fp.simhash),
        *bands(fp.simhash),
        fp.word_count,
        fp.author,
        fp.email_hash,
        fp.ip_hash,
        fp.network_hash,
        fp.post_key,
        str(verdict.action),
        verdict.score,
        verdict.quality,
        "",
        submission.is_test,
    ]
    columns = ", ".join(connection.ops.quote_name(c) for c in _RECORD_COLUMNS)
    placeholders = ", ".join(["%s"] * len(values))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table('CheckRecord')} ({columns}) VALUES ({placeholders})", values
        )


def record_label(submission: Submission, label: str) -> int:
    """A moderator (or an API client) said `spam` or `ham`: remember it for the next checks.

    Called for every new LabelledExample from moderation or an import (signals.py); the
    API's submit-spam / submit-ham calls it directly. Call it yourself only for a decision
    that is not saved as a moderation or import LabelledExample. Marks the matching history rows
    and updates the author's reputation (the known-commenter check). Returns how many
    history rows were marked.
    """
    from django.db import transaction

    from parley.antispam.context import clean_text
    from parley.antispam.models import CheckRecord, Reputation

    if label not in ("spam", "ham"):
        raise ValueError(f"label must be 'spam' or 'ham', not {label!r}")
    if submission.is_test:
        return 0
    fp = Fingerprint.of(submission, clean_text(submission.content))
    marked = CheckRecord.objects.filter(content_hash=fp.content_hash)
    if fp.email_hash:
        marked = marked.filter(email_hash=fp.email_hash)
    count = marked.update(label=label)
    if fp.email_hash:
        with transaction.atomic():
            rep, _ = Reputation.objects.get_or_create(email_hash=fp.email_hash)
            field = "approved" if label == "ham" else "spam"
            Reputation.objects.filter(pk=rep.pk).update(**{field: F(field) + 1})
    return count


def rebuild_reputation() -> int:
    """Recount every commenter's reputation from the LabelledExamples; returns emails counted.

    Examples written in bulk (a WordPress import) send no signals; `parley spam train` and
    the retrain task call this so those commenters are known too.
    """
    from django.db import transaction
    from django.db.models import Count, Q
    from django.db.models.functions import Lower, Trim

    from parley.antispam.models import LabelledExample, Reputation

    rows = (
        LabelledExample.objects.exclude(email="")
        .annotate(address=Lower(Trim("email")))
        .values("address")
        .annotate(
            approved=Count("id", filter=Q(label="ham")), spam=Count("id", filter=Q(label="spam"))
        )
    )
    counts: dict[str, list[int]] = {}
    for row in rows.iterator():
        key = keyed_hash(row["address"])
        total = counts.setdefault(key, [0, 0])
        total[0] += row["approved"]
        total[1] += row["spam"]
    with transaction.atomic():
        Reputation.objects.all().delete()
        Reputation.objects.bulk_create(
            [Reputation(email_hash=k, approved=a, spam=s) for k, (a, s) in counts.items()],
            batch_size=1000,
        )
    return len(counts)
