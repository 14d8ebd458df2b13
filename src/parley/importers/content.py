"""Post bodies from WordPress: add the paragraphs WordPress would add when displaying."""

import re

# Classic-editor posts are stored without <p>: WordPress's wpautop() adds them on every
# page view. Parley renders bodies once, so the paragraphs are added at import.
_HAS_PARAGRAPHS = re.compile(r"<p[\s>]|<!-- wp:", re.IGNORECASE)
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.IGNORECASE | re.DOTALL)
_BLANK_LINE = re.compile(r"\n\s*\n")
_STARTS_BLOCK = re.compile(
    r"^</?(?:address|article|aside|blockquote|dd|details|div|dl|dt|figure|footer|form|h[1-6]|"
    r"header|hr|li|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|script|style|"
    r"iframe|object|embed|video|audio|!--)[\s>/]",
    re.IGNORECASE,
)


def paragraphs(html: str) -> str:
    """Wrap blank-line separated text in <p>, single newlines in <br>; keep <pre> as is.

    Content that already has paragraphs (block-editor content, or a Parley export being
    imported again) is returned unchanged, so a round trip does not alter it.
    """
    if not html.strip() or _HAS_PARAGRAPHS.search(html):
        return html
    out = []
    for part in _PRE.split(html.replace("\r\n", "\n")):
        if _PRE.fullmatch(part):
            out.append(part)
            continue
        for chunk in _BLANK_LINE.split(part):
            chunk = chunk.strip()
            if not chunk:
                continue
            if _STARTS_BLOCK.match(chunk):
                out.append(chunk)
            else:
                out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(out)
