"""The history store: duplicates, floods, known commenters, labels and retention."""

from datetime import UTC, datetime, timedelta

import pytest

from parley.antispam import Action, Submission, check
from parley.antispam.history import Fingerprint, distance, network_of, record_label, simhash
from parley.antispam.models import CheckRecord, Reputation
from parley.antispam.retention import purge_expired

pytestmark = pytest.mark.django_db

TEXT = "I followed the steps in the article and the build finally works on my old laptop."


def tokens(text: str) -> list[str]:
    return text.split()


def reasons(verdict) -> dict[str, str]:
    return {h.check: h.reason for h in verdict.hits}


def test_the_same_text_from_someone_else_is_a_duplicate():
    check(Submission(TEXT, author="Ann", email="ann@example.com", permalink="/a/"))
    verdict = check(Submission(TEXT, author="Bob", email="bob@example.com", permalink="/a/"))
    assert reasons(verdict)["DUPLICATE_TEXT"] == "same text seen once before"


def test_a_recheck_of_the_same_comment_is_not_a_duplicate():
    sub = Submission(TEXT, author="Ann", email="ann@example.com", permalink="/a/")
    check(sub)
    assert "DUPLICATE_TEXT" not in reasons(check(sub))


def test_a_reworded_template_is_a_near_duplicate():
    template = (
        "Hello there, I found your blog through a search and the article about {} was really "
        "informative, I will bookmark it and come back for more posts like this one soon"
    )
    check(Submission(template.format("gardens"), author="A", email="a@example.com"))
    verdict = check(Submission(template.format("kitchens"), author="B", email="b@example.com"))
    assert reasons(verdict)["NEAR_DUPLICATE"] == "nearly the same text seen once before"
    assert "DUPLICATE_TEXT" not in reasons(verdict)


def test_text_already_judged_spam_counts_as_spam_again():
    check(Submission(TEXT, author="viagra-test-123"))  # discarded
    verdict = check(Submission(TEXT, author="Carol", email="carol@example.com"))
    assert reasons(verdict)["DUPLICATE_OF_SPAM"] == "same text as earlier spam (once)"


def test_a_moderators_ham_label_clears_the_spam_mark():
    first = Submission(TEXT, author="viagra-test-123", email="x@example.com")
    check(first)
    record_label(first, "ham")
    verdict = check(Submission(TEXT, author="Carol", email="carol@example.com"))
    assert "DUPLICATE_OF_SPAM" not in reasons(verdict)


def test_many_comments_from_one_ip_are_a_flood(settings):
    settings.PARLEY_ANTISPAM = {"flood_count": 3}
    for i in range(3):
        check(Submission(f"comment number {i} on the post", ip="198.51.100.7"))
    verdict = check(Submission("and one more", ip="198.51.100.7"))
    assert reasons(verdict)["FLOOD_IP"] == "3 earlier comments from this IP address in 10 minutes"
    other = check(Submission("and one more", ip="203.0.113.9"))
    assert "FLOOD_IP" not in reasons(other)


def test_flood_counts_stop_at_the_cap_and_say_so(settings, monkeypatch):
    """A sender with thousands of checks must not make each new check count them all."""
    from parley.antispam import history

    monkeypatch.setattr(history, "COUNT_CAP", 4)
    settings.PARLEY_ANTISPAM = {"flood_count": 3}
    for i in range(6):
        check(Submission(f"comment number {i} on the post", ip="198.51.100.8"))
    verdict = check(Submission("and one more", ip="198.51.100.8"))
    assert reasons(verdict)["FLOOD_IP"] == "4+ earlier comments from this IP address in 10 minutes"


def test_a_network_flood_counts_neighbouring_addresses(settings):
    settings.PARLEY_ANTISPAM = {"network_flood_count": 3}
    for i in range(3):
        check(Submission(f"comment {i}", ip=f"198.51.100.{i + 1}"))
    verdict = check(Submission("another", ip="198.51.100.200"))
    assert "FLOOD_NETWORK" in reasons(verdict)


def test_a_second_comment_within_the_flood_interval_is_too_soon(clock):
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    clock(now)
    check(Submission("first", email="dan@example.com"))
    clock(now + timedelta(seconds=5))
    soon = check(Submission("second", email="dan@example.com"))
    assert "5 s earlier" in reasons(soon)["REPEAT_TOO_SOON"]
    clock(now + timedelta(minutes=5))
    later = check(Submission("third", email="dan@example.com"))
    assert "REPEAT_TOO_SOON" not in reasons(later)


def test_approved_commenters_get_a_negative_weight_and_spammers_a_positive_one():
    regular = Submission("earlier comment", email="Eve@Example.com")
    record_label(regular, "ham")
    record_label(regular, "ham")
    hit = next(
        h
        for h in check(Submission("hi", email="eve@example.com")).hits
        if h.check == "KNOWN_COMMENTER"
    )
    assert hit.weight < 0
    assert hit.reason == "2 approved comments from this email"
    spammer = Submission("buy", email="spam@example.com")
    record_label(spammer, "spam")
    assert "KNOWN_SPAMMER" in reasons(check(Submission("hello", email="spam@example.com")))


def test_labels_are_validated_and_test_submissions_are_not_learned():
    with pytest.raises(ValueError):
        record_label(Submission("x", email="a@example.com"), "maybe")
    record_label(Submission("x", email="t@example.com", is_test=True), "ham")
    assert Reputation.objects.count() == 0


def test_records_older_than_the_retention_period_are_purged(settings, clock, monkeypatch):
    from parley.antispam import retention

    monkeypatch.setitem(retention._last, "at", 1e18)  # no automatic purge in this test
    settings.PARLEY_ANTISPAM = {"retention_days": 30}
    now = datetime(2026, 3, 1, tzinfo=UTC)
    clock(now - timedelta(days=31))
    check(Submission("old one"))
    clock(now - timedelta(days=1))
    check(Submission("new one"))
    assert purge_expired(now=now) == 1
    assert CheckRecord.objects.count() == 1


def test_stored_hashes_depend_on_the_secret_key(settings):
    sub = Submission("hello there", email="a@example.com", ip="192.0.2.1")
    first = Fingerprint.of(sub, sub.content)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    second = Fingerprint.of(sub, sub.content)
    assert first.email_hash != second.email_hash
    assert first.ip_hash != second.ip_hash


def test_simhash_is_close_for_similar_text_and_far_for_different_text():
    words = tokens("the quick brown fox jumps over the lazy dog near the river bank today")
    changed = words[:-1] + ["tonight"]
    other = tokens("completely different words about databases and indexes and query plans")
    assert distance(simhash(words), simhash(changed)) <= 8
    assert distance(simhash(words), simhash(other)) > 16


def test_networks_are_slash_24_and_slash_48():
    assert network_of("198.51.100.77") == "198.51.100.0/24"
    assert network_of("2001:db8:1234:5678::1") == "2001:db8:1234::/48"
    assert network_of("::ffff:198.51.100.77") == "198.51.100.0/24"
    assert network_of("not an ip") == ""


def test_the_verdict_action_is_kept_with_the_record():
    check(Submission("hello", author="viagra-test-123"))
    assert CheckRecord.objects.get().action == Action.DISCARD


def test_a_labelled_example_from_any_source_teaches_the_history():
    from parley.antispam.models import LabelledExample

    LabelledExample.objects.create(
        label="ham", source="moderation", content="Nice one", email="fan@example.com"
    )
    verdict = check(Submission("Another remark", email="fan@example.com"))
    assert reasons(verdict)["KNOWN_COMMENTER"] == "1 approved comment from this email"


def test_api_examples_are_left_to_the_api_so_they_count_once():
    from parley.antispam.models import LabelledExample

    LabelledExample.objects.create(label="spam", source="api", content="x", email="s@example.com")
    assert Reputation.objects.count() == 0


def test_reputation_is_recounted_from_examples_written_in_bulk():
    from parley.antispam.history import rebuild_reputation
    from parley.antispam.models import LabelledExample

    LabelledExample.objects.bulk_create(  # like the WordPress importer: no signals
        [
            LabelledExample(label="ham", source="import", content="hi", email="Old@Example.com"),
            LabelledExample(label="ham", source="import", content="yo", email="old@example.com "),
            LabelledExample(label="spam", source="import", content="buy", email="bad@example.com"),
        ]
    )
    assert rebuild_reputation() == 2
    verdict = check(Submission("Back again with a question", email="old@example.com"))
    assert reasons(verdict)["KNOWN_COMMENTER"] == "2 approved comments from this email"
    assert "KNOWN_SPAMMER" in reasons(check(Submission("hello", email="bad@example.com")))


def test_an_exact_duplicate_is_found_behind_many_chance_band_collisions(settings):
    """Fill the history with texts that share a SimHash band but are not alike."""
    from parley.antispam.history import bands

    first = Submission(TEXT, author="Ann", email="ann@example.com")
    check(first)
    target = bands(Fingerprint.of(first, TEXT).simhash)
    import random

    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(500)]
    filler, tries = 0, 0
    while filler < 60 and tries < 50000:
        tries += 1
        text = " ".join(rng.choices(vocabulary, k=10))
        if bands(Fingerprint.of(Submission(text), text).simhash)[0] == target[0]:
            check(Submission(text, author=f"x{tries}", email=f"x{tries}@example.com"))
            filler += 1
    assert filler == 60
    verdict = check(Submission(TEXT, author="Bob", email="bob@example.com"))
    assert reasons(verdict)["DUPLICATE_TEXT"] == "same text seen once before"


def test_a_client_supplied_comment_date_does_not_move_the_history(clock):
    from parley.antispam.models import CheckRecord

    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    clock(now)
    check(Submission("backdated", submitted_at=now - timedelta(days=400)))
    assert CheckRecord.objects.get().created_at == now


def test_many_comments_from_one_email_are_a_flood_whatever_the_ip(settings):
    settings.PARLEY_ANTISPAM = {"flood_count": 3}
    for i in range(3):
        check(Submission(f"comment number {i}", email="busy@example.com", ip=f"192.0.2.{i}"))
    verdict = check(Submission("one more", email="Busy@Example.com", ip="203.0.113.5"))
    assert reasons(verdict)["FLOOD_EMAIL"] == "3 earlier comments from this email in 10 minutes"
    assert "FLOOD_EMAIL" not in reasons(check(Submission("hi", email="calm@example.com")))
