"""Links: how many, how dense, and the HTML / BBCode markup that link-drop bots paste."""

from parley.antispam.registry import hit, rule

LINK_COUNT = "LINK_COUNT"
LINK_DENSITY = "LINK_DENSITY"
BBCODE_LINK = "BBCODE_LINK"
HTML_LINK = "HTML_LINK"
URL_IN_SHORT_TEXT = "URL_IN_SHORT_TEXT"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@rule(
    LINK_COUNT,
    weight=4.0,
    description="More links than the site allows before holding (enough to hold on its own).",
)
def link_count(submission, context):
    site = context.site
    limit = site.hold_link_count if site is not None else 2
    count = context.link_count
    if count > limit:
        return hit(LINK_COUNT, f"{plural(count, 'link')} (more than {limit})")
    return None


@rule(LINK_DENSITY, weight=3.0, description="Links make up a large share of the text.")
def link_density(submission, context):
    count = context.link_count
    words = len(context.prose_words)
    if count < 2:
        return None
    per_hundred = 100 * count / max(words, 1)
    if per_hundred >= context.setting("link_density"):
        return hit(LINK_DENSITY, f"{plural(count, 'link')} in {plural(words, 'word')}")
    return None


@rule(BBCODE_LINK, weight=4.0, description="BBCode [url=] links, which blogs never render.")
def bbcode_link(submission, context):
    if context.bbcode_links:
        return hit(BBCODE_LINK, f"{plural(context.bbcode_links, 'BBCode link')}")
    return None


@rule(HTML_LINK, weight=2.0, description="HTML <a href> links pasted into the comment.")
def html_link(submission, context):
    if context.html_links:
        return hit(HTML_LINK, f"{plural(context.html_links, 'HTML link')}")
    return None


@rule(
    URL_IN_SHORT_TEXT,
    weight=2.0,
    description="A link with hardly any words around it (a link drop).",
)
def url_in_short_text(submission, context):
    words = len(context.prose_words)
    if context.link_count and words < 8:
        return hit(URL_IN_SHORT_TEXT, f"link with only {plural(words, 'word')}")
    return None
