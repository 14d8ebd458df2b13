"""Pages cost a bounded number of indexed queries, however many comments or posts there are."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parley.comments.models import Comment

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
HOT_TABLES = ("blog_post", "comments_comment", "blog_relatedpost", "blog_post_tags")


def add_comments(post, count):
    now = timezone.now()
    top = Comment.objects.bulk_create(
        Comment(
            post=post,
            author_name=f"Reader {i}",
            author_email=f"r{i}@example.com",
            content=f"Comment number {i} with a https://example.com/{i} link.",
            status=Comment.Status.APPROVED,
            created_at=now - timezone.timedelta(minutes=count - i),
        )
        for i in range(count - count // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            post=post,
            parent=top[i],
            author_name=f"Replier {i}",
            content=f"Reply {i}",
            status=Comment.Status.APPROVED,
            created_at=now,
        )
        for i in range(count // 5)
    )


def queries_for(url):
    client = Client()
    client.get(url)  # first use creates the site settings row; measure the steady state
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_a_post_with_500_comments_costs_as_many_queries_as_one_with_5(make_post):
    small, big = make_post("Quiet discussion"), make_post("Busy discussion")
    add_comments(small, 5)
    add_comments(big, 500)
    few = queries_for(small.get_absolute_url())
    many = queries_for(big.get_absolute_url())
    assert len(many) == len(few) <= MAX_QUERIES
    # And the comments are really on the page (the first page of the thread).
    assert b"Comment number 0 " in Client().get(big.get_absolute_url()).content


def test_list_pages_cost_the_same_queries_for_3_or_30_posts(make_post):
    for i in range(3):
        add_comments(make_post(f"Early post {i}"), 2)
    home_few, blog_few = queries_for("/"), queries_for("/blog/")
    for i in range(27):
        add_comments(make_post(f"Later post {i}"), 2)
    assert len(queries_for("/")) == len(home_few) <= MAX_QUERIES
    assert len(queries_for("/blog/")) == len(blog_few) <= MAX_QUERIES


def plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tiny test tables make a sequential scan cheapest; forbid it to ask instead
            # whether an index *can* serve the query.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(col) for col in row) for row in cursor.fetchall())


def full_scans(plan_text: str) -> list[str]:
    found = []
    for table in HOT_TABLES:
        if connection.vendor == "postgresql":
            if re.search(rf"Seq Scan on {table}\b", plan_text):
                found.append(table)
        elif re.search(rf"SCAN {table}\b(?! USING)", plan_text):
            found.append(table)
    return found


@pytest.mark.parametrize("page", ["post", "home", "blog"])
def test_every_query_of_a_hot_page_is_served_by_an_index(make_post, page):
    post = make_post("Indexed post")
    add_comments(post, 20)
    url = {"post": post.get_absolute_url(), "home": "/", "blog": "/blog/"}[page]
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    problems = {}
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        scans = full_scans(plan(sql))
        if scans:
            problems[sql[:160]] = scans
    assert problems == {}
