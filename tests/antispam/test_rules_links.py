"""Link count, density, BBCode and HTML links."""

from parley.antispam import Submission
from parley.core.models import SiteSettings


def test_more_links_than_the_site_allows(run_rule):
    text = "See http://a.example and http://b.example and http://c.example for more on this."
    assert run_rule("LINK_COUNT", Submission(text)).reason == "3 links (more than 2)"
    assert run_rule("LINK_COUNT", Submission("See http://a.example for more on this.")) is None


def test_link_limit_follows_site_settings(run_rule):
    site = SiteSettings.load()
    site.hold_link_count = 0
    site.save()
    assert (
        run_rule("LINK_COUNT", Submission("See http://a.example")).reason == "1 link (more than 0)"
    )


def test_dense_links_report_links_and_words(run_rule):
    hit = run_rule("LINK_DENSITY", Submission("great http://a.example http://b.example site"))
    assert hit.reason == "2 links in 2 words"
    long_text = "word " * 100 + "http://a.example http://b.example"
    assert run_rule("LINK_DENSITY", Submission(long_text)) is None


def test_bbcode_links_fire(run_rule):
    hit = run_rule("BBCODE_LINK", Submission("nice [url=http://x.example]pills[/url]"))
    assert hit.reason == "1 BBCode link"
    assert run_rule("BBCODE_LINK", Submission("I used [b]bold[/b] text")) is None


def test_html_links_fire_even_when_escaped(run_rule):
    assert run_rule("HTML_LINK", Submission('<a href="http://x.example">x</a>'))
    assert run_rule("HTML_LINK", Submission("&lt;a href=&quot;http://x.example&quot;&gt;x"))
    assert run_rule("HTML_LINK", Submission("I like <b>bold</b>")) is None


def test_a_bare_link_with_few_words_is_a_link_drop(run_rule):
    assert run_rule("URL_IN_SHORT_TEXT", Submission("check www.shop.example")).reason == (
        "link with only 1 word"
    )
    explained = "The docs at https://docs.python.org/3/ explain why the loop variable leaks here."
    assert run_rule("URL_IN_SHORT_TEXT", Submission(explained)) is None
