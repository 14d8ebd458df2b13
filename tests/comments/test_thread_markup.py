"""The thread markup built in Python is the same HTML the thread template produced."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, engines
from django.test import override_settings
from django.utils import dateformat, timezone
from django.utils.timezone import template_localtime

from parley.comments import messages, threads
from parley.comments.markup import thread_html
from parley.comments.models import Comment
from parley.core.models import SiteSettings
from tests.comments.factories import CommentFactory

REFERENCE = Path(__file__).parent / "data" / "thread_reference.html"


def normalise(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def reference_html(steps, closed: bool) -> str:
    """The old comments/thread.html (a verbatim copy) rendered by Django's template engine."""
    template = engines["django"].engine.from_string(REFERENCE.read_text())
    context = Context({"steps": steps, "closed": closed, "awaiting": messages.AWAITING})
    return template.render(context)


@pytest.fixture
def rich(site, post):
    """A thread with every feature the markup has: nesting past the depth limit, collapsed
    low-value replies (nested and top level), a held comment, websites good and bad, the post
    author, a second page and names needing escaping."""
    site.thread_depth = 3
    site.comments_per_page = 3
    site.low_value_policy = SiteSettings.LowValuePolicy.COLLAPSE
    site.save()
    author = get_user_model().objects.create_user("writer", "writer@example.org", "pw-xyz-123")
    post.author = author
    post.save()
    start = timezone.now() - timedelta(days=3)
    made = []

    def add(**kw):
        kw.setdefault("created_at", start + timedelta(minutes=7 * len(made)))
        made.append(CommentFactory(post=post, **kw))
        return made[-1]

    first = add(author_name='Ada <b>"L"</b> & co', author_url="https://ada.example/?a=1&b=2")
    reply = add(parent=first, author_name="Writer", user=author, author_url="javascript:alert(1)")
    deep = add(parent=reply, author_name="Deep One", author_url="http://deep.example/")
    add(parent=deep, author_name="Deeper", content="Past the **depth** limit <script>x</script>")
    add(parent=first, author_name="Held reply", status=Comment.Status.PENDING)
    add(parent=first, author_name="Spammy", low_value=True, content="first!!!")
    add(author_name="Low top", low_value=True, content="nice")
    add(author_name="O'Brien", author_url="ftp://files.example/")
    add(author_name="Third")
    held_top = add(author_name="Held top", status=Comment.Status.PENDING)
    add(author_name="On page two")
    add(author_name="Hidden spam", status=Comment.Status.SPAM)
    held = [made[4].pk, held_top.pk]
    return post, held


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("page", [1, 2])
def test_python_markup_equals_the_template_output(rich, closed, page):
    post, held = rich
    thread = threads.build(post, held, page)
    for steps in (thread.steps, thread.low_value_steps):
        expected = reference_html(steps, closed)
        assert thread_html(steps, closed) == expected  # byte for byte
        assert normalise(thread_html(steps, closed)) == normalise(expected)


def test_the_rich_thread_shows_every_feature(rich):
    post, held = rich
    html = thread_html(threads.build(post, held, 1).steps, closed=False)
    assert 'class="comment depth-1"' in html
    assert 'class="comment depth-3"' in html and "depth-4" not in html
    assert "comment-held" in html and messages.AWAITING in html
    assert "bypostauthor" in html
    assert 'href="https://ada.example/?a=1&amp;b=2" rel="external nofollow ugc noopener"' in html
    assert "javascript:" not in html and "ftp://" not in html
    assert "Ada &lt;b&gt;&quot;L&quot;&lt;/b&gt; &amp; co" in html
    assert "<script" not in html
    assert '<details class="low-value">' in html and "Show low-value replies (1)" in html
    reply = re.search(r'<a rel="nofollow" class="comment-reply-link"[^>]*>', html).group(0)
    cid = re.search(r'data-commentid="(\d+)"', reply).group(1)
    assert f'href="?replytocom={cid}#respond"' in reply
    assert f'data-belowelement="div-comment-{cid}"' in reply
    # A held comment offers no reply link.
    held_li = html.split(f'id="comment-{held[0]}"')[1].split("</article>")[0]
    assert "comment-reply-link" not in held_li


def test_the_post_page_uses_it_and_shows_held_comments_only_to_their_author(client, rich):
    post, held = rich
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Ada &lt;b&gt;" in page and "Held reply" not in page
    assert "Show low-value replies" in page
    assert messages.AWAITING not in page


@pytest.mark.parametrize(
    "when",
    [
        datetime(2026, 3, 4, 9, 5, tzinfo=UTC),
        datetime(2026, 1, 31, 0, 0, 7, 123456, tzinfo=UTC),
        datetime(2025, 12, 1, 12, 0, tzinfo=UTC),
        datetime(2026, 7, 9, 23, 59, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_comment_times_read_as_django_formats_them(when, zone):
    with override_settings(TIME_ZONE=zone):
        node = threads.Node(Comment(created_at=when), depth=1, can_reply=True)
        local = template_localtime(when)
        assert node.time_text == dateformat.format(local, threads.TIME_FORMAT)
        assert node.time_iso == dateformat.format(local, "c")
