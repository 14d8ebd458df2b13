"""The moderation dashboard: outcomes per day, top reasons and corrections, as SVG charts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parley.antispam.models import LabelledExample
from parley.comments.models import Comment
from parley.community import dashboard
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status
QUALITY_REASON = {
    "check": "QUALITY_EMPTY_PRAISE",
    "weight": 3.0,
    "reason": 'only "me too"',
    "group": "quality",
}
SPAM_REASON = {
    "check": "LINK_DENSITY",
    "weight": 5.0,
    "reason": "3 links in 20 words",
    "group": "spam",
}


@pytest.fixture
def site_history():
    yesterday = timezone.now() - timedelta(days=1)
    CommentFactory.create_batch(3, status=Status.APPROVED)
    CommentFactory(status=Status.APPROVED, created_at=yesterday)
    CommentFactory.create_batch(
        2,
        status=Status.PENDING,
        low_value=True,
        verdict={"action": "ham", "reasons": [QUALITY_REASON]},
    )
    CommentFactory(status=Status.PENDING, verdict={"action": "hold", "reasons": [QUALITY_REASON]})
    CommentFactory(status=Status.SPAM, verdict={"action": "spam", "reasons": [SPAM_REASON]})
    CommentFactory(status=Status.SPAM, verdict={"action": "discard", "reasons": [SPAM_REASON]})
    LabelledExample.objects.create(label="ham", source="moderation", content="fine")
    LabelledExample.objects.create(label="spam", source="moderation", content="buy")
    LabelledExample.objects.create(label="spam", source="api", content="not a moderator")


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw-123456")
    client.force_login(user)
    return client


def test_outcomes_per_day_count_each_outcome(site_history):
    table = dashboard.outcomes_per_day(days=7)
    today = table[timezone.localdate()]
    assert today == {
        "published": 3,
        "held for quality": 2,
        "held (other)": 1,
        "spam": 1,
        "discarded": 1,
    }
    assert table[timezone.localdate() - timedelta(days=1)]["published"] == 1
    assert len(table) == 7


def test_top_reasons_rank_the_checks_that_fired(site_history):
    assert dashboard.top_reasons() == [
        ("QUALITY_EMPTY_PRAISE", "quality", 3),
        ("LINK_DENSITY", "spam", 2),
    ]


def test_corrections_count_only_moderator_decisions(site_history):
    today = dashboard.corrections_per_day(days=3)[timezone.localdate()]
    assert today == {"spam": 1, "ham": 1}


def test_dashboard_renders_svg_charts_for_staff(staff_client, site_history):
    response = staff_client.get(reverse("admin:community_dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="community-chart"') == 3
    assert "held for quality: 2" in html  # legend total
    assert "QUALITY_EMPTY_PRAISE" in html
    assert 'class="series-held-for-quality"' in html
    assert "community/dashboard.css" in html
    assert " style=" not in html.split('id="content-main"')[1]  # classes, not inline style
    assert "<script" not in html.split('id="content-main"')[1]


def test_dashboard_is_for_staff_only(client, django_user_model):
    assert client.get(reverse("admin:community_dashboard")).status_code == 302
    user = django_user_model.objects.create_user(
        "reader", "r@example.org", "pw-123456", is_staff=True
    )
    client.force_login(user)
    assert client.get(reverse("admin:community_dashboard")).status_code == 403


def test_empty_site_dashboard_says_so(staff_client):
    html = staff_client.get(reverse("admin:community_dashboard")).content.decode()
    assert "No comments in this period." in html


def test_every_chart_series_has_a_colour_in_the_stylesheet():
    from pathlib import Path

    from parley.community import charts

    css = (Path(dashboard.__file__).parent / "static" / "community" / "dashboard.css").read_text()
    for series in [*dashboard.OUTCOMES, "spam", "ham", "quality"]:
        assert f".{charts.css_name(series)} " in css or f".{charts.css_name(series)}," in css
