"""The comment thread's HTML built in Python: the template engine cost ~80% of an uncached page.

The output is the same HTML comments/thread.html produced (tests/comments/test_thread_markup.py
compares it with a copy of that template). Every value is escaped with html.escape (what
django.utils.html.escape runs, without its lazy-string wrapper: ~400 calls a page); only the
stored, already-sanitised comment HTML, the avatar (escaped where it is built) and this
module's own output are marked safe.
"""

from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from parley.comments.messages import AWAITING

_OPEN = (
    '<li id="comment-{cid}" class="{css}">\n'
    '  <article id="div-comment-{cid}" class="comment-body">\n'
    '    <footer class="comment-meta">\n'
    '      <div class="comment-author">{avatar}\n'
    '        <b class="fn">{name}</b> <span class="says">says:</span>\n'
    "      </div>\n"
    '      <div class="comment-metadata">\n'
    '        <a href="{permalink}"><time datetime="{iso}">{text}</time></a>\n'
    "      </div>\n"
    "      {held}\n"
    "    </footer>\n"
    '    <div class="comment-content">{content}</div>\n'
    "    {reply}\n"
    "  </article>\n"
)
_AUTHOR_LINK = '<a href="{}" rel="external nofollow ugc noopener" class="url">{}</a>'
_HELD = format_html('<p class="comment-awaiting-moderation">{}</p>', AWAITING)
_REPLY = (
    "\n"
    '    <div class="reply"><a rel="nofollow" class="comment-reply-link" '
    'href="?replytocom={cid}#respond" data-commentid="{cid}" '
    'data-belowelement="div-comment-{cid}" aria-label="Reply to {name}">Reply</a></div>\n'
    "    "
)
_FIXED = {
    "end": "</li>\n",
    "children": '  <ol class="children">\n',
    "end_children": "  </ol>\n",
    "end_low": "    </ol>\n  </details>\n",
}
_LOW = (
    '  <details class="low-value">\n'
    "    <summary>Show low-value replies ({})</summary>\n"
    '    <ol class="children">\n'
)


def comment_html(node, closed: bool) -> str:
    """The opening <li> and body of one comment (its children and </li> are separate steps)."""
    cid = escape(node.cid)
    name = escape(node.comment.author_name)
    author_url = node.author_url
    return _OPEN.format(
        cid=cid,
        css=escape(node.css_class),
        avatar=node.avatar,  # built with escape() in rendering.avatar_html
        name=_AUTHOR_LINK.format(escape(author_url), name) if author_url else name,
        permalink=escape(node.permalink),
        iso=escape(node.time_iso),
        text=escape(node.time_text),
        held=_HELD if node.held else "",
        content=node.html,  # sanitised with nh3 when the comment was saved
        reply=_REPLY.format(cid=cid, name=name) if node.show_reply and not closed else "",
    )


def thread_html(steps, closed: bool) -> SafeString:
    """The whole flattened thread (threads.flatten) as one safe string."""
    parts = []
    for step in steps:
        kind = step.kind
        if kind == "comment":
            parts.append(comment_html(step.node, closed))
        elif kind == "low":
            parts.append(_LOW.format(int(step.count)))
        else:
            parts.append(_FIXED.get(kind, ""))
    parts.append("\n")  # the template file's final newline
    return mark_safe("".join(parts))
