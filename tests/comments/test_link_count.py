"""Link counting for the hold rule: the shortcut for link-free text counts what rendering does."""

import pytest

from parley.comments.moderation import count_links
from parley.comments.rendering import render_comment


@pytest.mark.parametrize(
    "text",
    [
        "Plain words, no links at all: example.com is not linked either.",
        "Shouting a link: HTTPS://SHOUT.EXAMPLE/PAGE and Http://mixed.example",
        '<A HREF="https://tag.example">a tag</A> and <em>emphasis</em>',
        "&lt;a href=&quot;http://entity.example&quot;&gt;escaped&lt;/a&gt;",
        "",
    ],
)
def test_count_links_matches_the_rendered_comment(text):
    assert count_links(text) == render_comment(text).count("<a ")


def test_uppercase_urls_still_count():
    assert count_links("HTTPS://ONE.EXAMPLE and https://two.example") == 2
