"""One comment POST costs a bounded number of queries, however busy the post already is."""

import time

from parley.comments.forms import sign_timestamp
from parley.comments.models import Comment

from .conftest import SUBSTANTIVE, form_fields
from .factories import CommentFactory

# Post lookup, duplicate check, tags, two history reads and the history write (savepoint,
# insert, release), known-commenter check, the comment insert, and what its save sets off
# (page cache, commenter profile, notification: tasks run at once in the tests).
MAX_QUERIES = 16


def test_a_comment_post_stays_within_a_fixed_number_of_queries(
    client, site, post, django_assert_max_num_queries
):
    page = client.get(post.get_absolute_url())
    data = {
        **form_fields(page.content.decode()),
        "parley_ts": sign_timestamp(post.pk, time.time() - 60),
        "author": "Ada Lovelace",
        "email": "ada@example.org",
        "url": "",
    }
    client.post("/comments/post/", {**data, "comment": SUBSTANTIVE + " (first)"})
    CommentFactory.create_batch(30, post=post, status=Comment.Status.APPROVED)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post("/comments/post/", {**data, "comment": SUBSTANTIVE})
    assert response.status_code == 302
    assert Comment.objects.filter(post=post, content=SUBSTANTIVE).count() == 1
