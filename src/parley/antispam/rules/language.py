"""Language: a comment in a language the site is not written in."""

from django.conf import settings

from parley.antispam import language
from parley.antispam.registry import hit, rule

LANGUAGE_MISMATCH = "LANGUAGE_MISMATCH"
# How much better another Latin-script language must fit than the site's own: short
# English comments often fit French or Dutch a little better by chance.
MIN_MARGIN = 0.06
MIN_LETTERS = 40


@rule(
    LANGUAGE_MISMATCH,
    weight=2.0,
    description="Written in a language other than the site's.",
)
def language_mismatch(submission, context):
    found = language.guess(context.text, MIN_LETTERS)
    if found is None:
        return None
    code, scores = found
    expected = language.site_languages(submission.blog_lang, settings.LANGUAGE_CODE)
    if code in expected:
        return None
    site_fit = max((scores.get(c, 0.0) for c in expected), default=0.0)
    if scores[code] - site_fit < MIN_MARGIN:
        return None
    site = ", ".join(sorted(language.name(c) for c in expected))
    return hit(LANGUAGE_MISMATCH, f"written in {language.name(code)}; the site is in {site}")
