"""What spam says: self-promotion, money and contact pitches, template praise, bare domains.

These name the *kinds* of spam seen across sites (video self-promotion, scam pitches,
WordPress template praise) rather than any one corpus's wording, so they carry to sites
the classifier never saw. Each is weighted so that one ordinary phrase in a legitimate
comment stays under the hold threshold; two signals together hold or reject.
"""

import re

from parley.antispam.registry import hit, rule

SELF_PROMOTION = "SELF_PROMOTION"
MONEY_PITCH = "MONEY_PITCH"
CONTACT_PITCH = "CONTACT_PITCH"
TEMPLATE_PRAISE = "TEMPLATE_PRAISE"
BARE_DOMAIN = "BARE_DOMAIN"
SHOUTING = "SHOUTING"
SUPPORT_SCAM = "SUPPORT_SCAM"

_MINE = r"(?:my|our|me)"
_THING = (
    r"(?:ch+an+el+s?|vids?|videos?|page|profile|site|website|blog|music|song|songs|"
    r"cover|covers|playlist|account|insta|instagram|stream|app|game|shop|store|store|link|"
    r"band|mixtape|album|track|work)"
)
# Asking the reader to go to, follow or subscribe to the sender's own things.
PROMOTION = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?:check|chek|look|come|watch|listen\s+to|hear)\s*(?:out|at|by|into)?\s+{_MINE}\s+"
        rf"(?:\w+\s+){{0,2}}{_THING}\b",
        r"\bcheck\s+(?:me|us)\s+out\b",
        r"\bs\w{1,4}cri\w*\s+(?:to\s+|2\s+)?me\b",  # "subscribe me", "sucscribe to me"
        r"\bcheck\s+(?:out\s+)?(?:this|these)\s+(?:new\s+)?(?:video|vid|link|channel|page|site|website|song|track)\b",
        r"\bsubscribers?\s+(?:please|plz|pls)\b|\b(?:support|help)\s+(?:me|my|us|our)\s+(?:\w+\s+){0,2}(?:channel|grow|reach|get\s+to)\b",
        r"\b(?:read|visit|see|check)\s+(?:out\s+)?(?:some\s+of\s+)?our\s+(?:blogs?|site|website|services|page|channel|products)\b",
        rf"\bvisit\s+{_MINE}\s+(?:new\s+)?{_THING}\b",
        r"\bsub(?:scribe|s)?\s*(?:to|2)\s+(?:me|us|him|her|them)\b",  # "my channel": below
        r"\b(?:please|plz|pls|plss)\s+(?:\w+\s+){0,3}subscribe\b|\bsubscribe\s+(?:please|plz|pls)\b",
        r"\bsub\s*(?:4|for)\s*sub\b|\bsubscribe\s+back\b|\bsubscribe\s+(?:and|&)\s+(?:like|comment)\b",
        r"\bmy\s+(?:youtube\s+|yt\s+|new\s+|small\s+)?channel\b",
        r"\bfollow\s+me\s+(?:on|at|@|back)\b|\bfollow\s+(?:my|our)\s+(?:page|account|insta)",
        r"\b(?:reach|get\s+to|hit)\s+\d[\d,.]*k?\s+(?:subs|subscribers|followers)\b",
        r"\b(?:small|new|upcoming|aspiring|young)\s+(?:youtuber|rapper|artist|singer|channel)\b",
        r"\blike\s+(?:this\s+|my\s+)?comment\s+(?:so|if|please|plz|pls)\b|\bthumbs?\s+up\s+so\b",
        r"\b(?:promo|coupon|discount|referral|invite)\s+code\b",
        r"\bclick\s+(?:here|the\s+link|this\s+link|on\s+(?:the|this|my)\s+link)\b",
        r"\b(?:go\s+to|visit)\s+(?:this|the)\s+(?:link|site|website)\b",
        r"\bfree\s+(?:iphone|gift\s*cards?|robux|v-?bucks|followers|likes|subscribers)\b",
        r"\b(?:giveaway|give\s+away)\b.{0,40}\b(?:enter|subscribe|follow|winner)\b",
    )
]
# Money for nothing: earnings, investment returns, cash offers.
MONEY = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:earn|earned|earning|make|making|made|profit|profits|income)\s+(?:up\s+to\s+|over\s+|about\s+)?[$£€]\s?\d",
        r"[$£€]\s?\d[\d,.]*\s*(?:k\s+)?(?:a|per|every|each)\s+(?:day|week|month|hour)\b",
        r"\b(?:work(?:ing)?\s+from\s+home|make\s+money\s+online|passive\s+income|extra\s+cash)\b",
        r"\b(?:bitcoin|btc|crypto|forex|binary)\s+(?:investment|investing|trading|mining|options?|trader|expert|account)\b",
        r"\binvest(?:ed|ing|ment)?\s+(?:with|through)\s+(?:mr|mrs|ms|miss|dr|her|him|this)\b",
        r"\b(?:account\s+manager|trading\s+platform|recovered\s+my\s+(?:funds|money|lost))\b",
        r"\b(?:guaranteed|daily)\s+(?:profit|returns?|income|payout)\b",
        r"\b(?:you\s+(?:have\s+)?won|claim\s+your\s+(?:prize|reward))\b",
    )
]
# Taking the conversation somewhere the site cannot see.
CONTACT = re.compile(
    r"\b(?:whats\s*app|telegram|wickr|signal\s+app|kik|snapchat|skype)\b"
    r"|\b(?:dm|inbox|message|text|contact|call|reach)\s+(?:me|him|her|them|us)\s+(?:on|via|at|through|now|today|@)"
    r"|\bdm\s+(?:me|for)\b"
    r"|\+\d[\d\s().-]{8,}\d"
    r"|(?<![\d.])(?:1[-. ]?)?\(?8[0-9]{2}\)?[-. ]?\d{3}[-. ]?\d{4}(?!\d)"
    r"|(?<![\d.])\d{10,11}(?![\d.])",
    re.IGNORECASE,
)
# Fake technical support: "call the printer helpline toll-free", the blog spam of the
# support-scam trade (a phone number, a brand's "customer care", round-the-clock help).
SUPPORT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:customer|technical|tech|technician)\s+(?:support|service|services|care|helpdesk)\b",
        r"\b(?:support|service|care|helpline|help\s*desk)\s+(?:phone\s+)?(?:number|no\.?|line)\b",
        r"\b(?:toll[-\s]?free|helpline|hotline)\b",
        r"\b(?:dial|call)\s+(?:us|our|the|now|at|on)\b",
        r"\b24\s*[/x*]\s*7\b|\baround\s+the\s+clock\b",
    )
]
# The generic praise a WordPress template bot posts under any article: it talks about
# "your website" or "this blog", never about what the article says.
PRAISE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:your|this|the)\s+(?:web\s*site|website|web\s*log|weblog|blog|site|web\s+page)\b"
        r"(?:\s+\w+){0,4}\s+(?:is|are|was|has|have)\s+(?:\w+\s+){0,2}(?:great|good|nice|awesome|amazing|"
        r"excellent|wonderful|fantastic|informative|useful|helpful|impressive|really|very|so|truly)",
        r"\b(?:bookmark(?:ed|ing)?|book-?marked|rss\s+feed|subscribed\s+to\s+your|google\s+(?:reader|search))\b",
        r"\bkeep\s+up\s+the\s+(?:good|great|excellent|superb|fantastic|nice)\s+(?:work|job)\b",
        r"\b(?:thanks?|thank\s+you)\s+(?:a\s+lot\s+|so\s+much\s+)?for\s+(?:sharing|posting|this\s+(?:great|nice|wonderful))\b",
        r"\b(?:i|we)\s*(?:'ll|will|am\s+going\s+to)\s+(?:definitely\s+|certainly\s+)?(?:be\s+back|come\s+back|return|revisit)\b",
        r"\b(?:fastidious|paragraph|piece\s+of\s+writing|post\s+is\s+truly|web\s+site|blogosphere|"
        r"weblog|blog\s+loading|your\s+blog\s+posts|site\s+owner|webmaster|theme|blogging)\b",
        r"\b(?:valuable|useful|great|nice|good|wonderful)\s+(?:information|info|content|article|post)s?\s*"
        r"(?:[.!]|\s+(?:thanks|thank|for|you|i|here|on))",
        r"\b(?:hello|hi|hey|howdy|hiya)\s+(?:there|everyone|all|mates|colleagues)\b",
    )
]
# A domain written without scheme or "www." ("example.com/offer", "bit.ly/x"): link
# counters miss it, and people naming a site in passing rarely add a path.
BARE = re.compile(
    r"(?<![\w@/.])(?!www\.)[a-z0-9-]{2,}(?:\.[a-z0-9-]{2,})*\.(?:com|net|org|info|biz|ru|xyz|top|"
    r"online|site|shop|club|co|io|me|ly|tk|us)(?:/[^\s]*)?(?![\w.])",
    re.IGNORECASE,
)


def _distinct(patterns, text: str) -> list[str]:
    found = []
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            found.append(match.group(0).strip().lower()[:40])
    return found


def _shown(found: list[str]) -> str:
    return ", ".join(repr(f) for f in found[:3])


@rule(
    SELF_PROMOTION,
    weight=8.5,
    description="Asks readers to visit, follow or subscribe to the sender's own channel or page.",
)
def self_promotion(submission, context):
    found = _distinct(PROMOTION, context.text)
    if not found:
        return None
    # Readers rarely ask others to visit or subscribe to their own things: one phrase is
    # spam even against a confident ham classifier; with a link or a second phrase, more so.
    linked = context.link_count > 0 or bool(BARE.search(context.text))
    factor = 1.0 + 0.5 * (len(found) > 1 or linked)
    return hit(SELF_PROMOTION, f"self-promotion: {_shown(found)}", factor)


@rule(
    MONEY_PITCH,
    weight=3.0,
    description="Offers earnings, investment returns or prizes.",
)
def money_pitch(submission, context):
    found = _distinct(MONEY, context.text)
    if not found:
        return None
    factor = 1.0 + 0.5 * (len(found) > 1)
    return hit(MONEY_PITCH, f"money pitch: {_shown(found)}", factor)


def _several(symbol: str, label: str, pattern, text: str):
    """A hit when two or more distinct phrases of `pattern` occur (double weight from three)."""
    found = _distinct(pattern, text)
    if len(found) < 2:
        return None
    return hit(symbol, f"{label}: {_shown(found)}", 1.0 if len(found) == 2 else 2.0)


@rule(
    CONTACT_PITCH,
    weight=2.0,
    description="Moves the conversation to a messenger or phone number.",
)
def contact_pitch(submission, context):
    match = CONTACT.search(context.text)
    if match:
        return hit(CONTACT_PITCH, f"contact pitch: {match.group(0).strip()[:40]!r}")
    return None


@rule(
    TEMPLATE_PRAISE,
    weight=2.0,
    description="Generic praise of 'your website' that fits any article (template spam).",
)
def template_praise(submission, context):
    # Each phrase alone is something a reader might write; several together are a template.
    return _several(TEMPLATE_PRAISE, "template praise", PRAISE, context.text)


@rule(
    BARE_DOMAIN,
    weight=2.0,
    description="A web address written without http:// or www. (link counters miss it).",
)
def bare_domain(submission, context):
    if context.link_count:  # a real link is already counted by the link rules
        return None
    match = BARE.search(context.text)
    if match:
        return hit(BARE_DOMAIN, f"bare domain {match.group(0)[:40]!r}")
    return None


@rule(
    SUPPORT_SCAM,
    weight=3.0,
    description="Advertises technical support or a helpline (the support-scam kind of spam).",
)
def support_scam(submission, context):
    # One phrase is a reader talking about a support call.
    return _several(SUPPORT_SCAM, "support pitch", SUPPORT, context.text)


@rule(SHOUTING, weight=1.5, description="Written (nearly) all in capital letters.")
def shouting(submission, context):
    letters = [c for c in context.text if c.isalpha()]
    if len(letters) < 20:
        return None
    upper = sum(c.isupper() for c in letters)
    if upper >= 0.7 * len(letters):
        return hit(SHOUTING, f"{upper} of {len(letters)} letters are capitals")
    return None
