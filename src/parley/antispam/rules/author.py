"""Who sent it: author names that are URLs or keyword lists, and commenters moderators know."""

import re

from parley.antispam.registry import hit, rule

AUTHOR_IS_URL = "AUTHOR_IS_URL"
AUTHOR_KEYWORDS = "AUTHOR_KEYWORDS"
KNOWN_COMMENTER = "KNOWN_COMMENTER"
KNOWN_SPAMMER = "KNOWN_SPAMMER"

URLISH = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|net|org|info|biz|ru|cn|xyz|top|online|site|shop|io|co)\b",
    re.IGNORECASE,
)
# Words that name a product, a shop's category or a money-making scheme, not a person
# (WordPress spam signs as "cheap canvas prints", "Food & Cooking", "home improvement").
COMMERCIAL = frozenset(
    """
    cheap buy sale discount discounts coupon coupons deal deals price prices wholesale
    outlet online shop store free bonus casino casinos poker betting bet slots loan loans
    payday mortgage insurance credit viagra cialis pharmacy pills pill diet weight marketing
    backlinks traffic replica jerseys shoes handbags bags watches porn sex dating escort
    escorts bitcoin crypto forex trading investment essay essays writing service services
    repair rental cleaning plumber lawyer attorney dentist hosting download downloads
    mattress mattresses flights hotel hotels tickets followers likes improvement remodeling
    renovation removals furniture electronics gadgets magazine jewelry wedding recreation
    warranty stocks finance financial business design cooking garden gardening fashion
    health beauty travel leisure vacation sports news tech auto prints canvas stores
    products supplies equipment solutions agency consulting support helpline printer
    printers antivirus customer care login reservations movies assignment assignments
    homework tutors seo
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
WORD = re.compile(r"[a-z]+")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@rule(AUTHOR_IS_URL, weight=3.0, description="The name given is a web address, not a name.")
def author_is_url(submission, context):
    author = submission.author.strip()
    if author and URLISH.search(author):
        return hit(AUTHOR_IS_URL, f"author name {author[:60]!r} is a URL")
    return None


@rule(
    AUTHOR_KEYWORDS,
    weight=3.0,
    description="The name is a list of product or marketing keywords, not a person's name.",
)
def author_keywords(submission, context):
    words = WORD.findall(submission.author.lower())
    found = [w for w in words if w in COMMERCIAL]
    if found:
        shown = ", ".join(dict.fromkeys(found))
        return hit(AUTHOR_KEYWORDS, f"author name has marketing keywords: {shown}")
    if len(words) > 7:
        return hit(AUTHOR_KEYWORDS, f"author name of {len(words)} words", 0.5)
    return None


@rule(
    KNOWN_COMMENTER,
    weight=-3.0,
    description="Moderators approved earlier comments from this email and never marked one spam.",
)
def known_commenter(submission, context):
    known = context.history
    if known.approved > 0 and known.spam == 0:
        return hit(
            KNOWN_COMMENTER, f"{_plural(known.approved, 'approved comment')} from this email"
        )
    return None


@rule(
    KNOWN_SPAMMER,
    weight=5.0,
    description="Moderators marked earlier comments from this email as spam.",
)
def known_spammer(submission, context):
    known = context.history
    if known.spam > known.approved:
        return hit(KNOWN_SPAMMER, f"{_plural(known.spam, 'comment')} from this email marked spam")
    return None
