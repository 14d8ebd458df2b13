"""What every rule may need about one submission, computed once and shared between rules."""

import html
import logging
import re
from datetime import datetime
from functools import cached_property

from django.utils import timezone

from parley.antispam import conf
from parley.antispam.types import Submission

logger = logging.getLogger(__name__)

# A link a reader could follow: a scheme URL, a bare www. host, or an HTML / BBCode link.
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'\]\[)]+", re.IGNORECASE)
HTML_LINK_RE = re.compile(r"<a\s[^>]*href\s*=", re.IGNORECASE)
BBCODE_LINK_RE = re.compile(r"\[(?:url|link)(?:=[^\]]*)?\]", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>|\[/?\w+(?:=[^\]]*)?\]")
WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)


def clean_text(text: str) -> str:
    """Unescape entities and drop zero-width characters, so `&lt;a` and `<a` look alike."""
    return html.unescape(text or "").translate(INVISIBLE)


class Context:
    """Lazy facts about a submission; a rule only pays for what it reads."""

    def __init__(self, submission: Submission, now: datetime | None = None):
        self.submission = submission
        # The server's clock, never the client's comment date: history windows and record
        # times must not be movable by whoever sends the submission.
        self.now = now or timezone.now()

    @cached_property
    def text(self) -> str:
        return clean_text(self.submission.content)

    @cached_property
    def prose_words(self) -> list[str]:
        """Words a person wrote: without URLs and markup (a URL is not four words)."""
        return WORD_RE.findall(URL_RE.sub(" ", TAG_RE.sub(" ", self.text)).lower())

    @cached_property
    def urls(self) -> list[str]:
        return URL_RE.findall(self.text)

    @cached_property
    def html_links(self) -> int:
        return len(HTML_LINK_RE.findall(self.text))

    @cached_property
    def bbcode_links(self) -> int:
        return len(BBCODE_LINK_RE.findall(self.text))

    @cached_property
    def link_count(self) -> int:
        """Every link once: an <a href="http://…"> counts as one, not two."""
        return max(len(self.urls), self.html_links + self.bbcode_links)

    @cached_property
    def site(self):
        """The site's settings row (word lists, link limit), or None if it cannot be read."""
        from parley.core.models import SiteSettings

        try:
            return SiteSettings.load()
        except Exception:  # a missing table must not stop every comment
            logger.exception("anti-spam: site settings unavailable")
            return None

    @cached_property
    def fingerprint(self):
        """Hashes of this submission, used by the history rules and recorded afterwards."""
        from parley.antispam.history import Fingerprint

        return Fingerprint.of(self.submission, self.text)

    @cached_property
    def history(self):
        """Earlier checks that matter to this one (duplicates, floods, reputation)."""
        from parley.antispam.history import Lookup, lookup

        try:
            return lookup(self.fingerprint, self.now)
        except Exception:  # logged once; the history rules then see nothing earlier
            logger.exception("anti-spam: history store unavailable")
            return Lookup()

    def setting(self, key: str):
        return conf.get(key)
