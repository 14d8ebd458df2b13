"""How many database queries one check costs: few, and no more as the history grows."""

import pytest
from django.core.cache import cache

from parley.antispam import Submission, check
from parley.antispam.pipeline import enabled_rules
from parley.core.models import CACHE_KEY, SiteSettings

pytestmark = pytest.mark.django_db

TEXT = "Which version of PostgreSQL did you measure this with? I see different results on 16."


def fill_history(n: int) -> None:
    for i in range(n):
        check(
            Submission(
                f"{TEXT} ({i})",
                author=f"reader{i}",
                email=f"reader{i}@example.com",
                ip=f"198.51.100.{i % 250}",
                permalink=f"https://blog.example/posts/{i % 7}/",
            )
        )


def spam_rules_only(settings):
    quality = [r.symbol for r in enabled_rules() if r.group == "quality"]
    settings.PARLEY_ANTISPAM = {"disabled": quality}


def test_spam_rules_read_the_history_in_two_queries_and_write_one_row(
    settings, django_assert_num_queries
):
    """Two reads (text matches; flood counts and reputation), one INSERT in a savepoint."""
    spam_rules_only(settings)
    cache.delete(CACHE_KEY)
    SiteSettings.load()  # the settings row is cached, as on a running site
    fill_history(40)
    with django_assert_num_queries(5):
        verdict = check(Submission(f"{TEXT} (3)", author="Bob", email="bob@example.com"))
    assert "DUPLICATE_TEXT" in {h.check for h in verdict.hits}


def test_query_count_does_not_grow_with_the_history(settings, django_assert_max_num_queries):
    """A whole check (quality rules included) stays within a fixed number of queries."""
    fill_history(5)
    submission = Submission(TEXT, author="Ann", email="ann@example.com", ip="203.0.113.9")
    check(submission)
    fill_history(120)
    with django_assert_max_num_queries(8):
        check(submission)
