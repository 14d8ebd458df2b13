"""Self-promotion, money and contact pitches, template praise, bare domains, shouting."""

import pytest

from parley.antispam import Submission

ORDINARY = [
    "The drum part at 2:10 is great, and the mix is much clearer than on the album.",
    "Which version of PostgreSQL did you use? The query plan looks different on 16.",
    "Thanks, this finally made decorators click for me.",
    "I subscribe to the idea that small functions are easier to test, but not always.",
    "We paid $120 a night for the room, which felt fair for the location.",
    "My channel of choice for news is the local radio, honestly.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_comments_trip_none_of_the_pitch_rules(run_rule, text):
    for symbol in (
        "SELF_PROMOTION",
        "MONEY_PITCH",
        "CONTACT_PITCH",
        "TEMPLATE_PRAISE",
        "BARE_DOMAIN",
        "SHOUTING",
    ):
        hit = run_rule(symbol, Submission(text))
        if symbol == "SELF_PROMOTION" and text.startswith("My channel"):
            continue  # "my channel" is a known, accepted false alarm: see the next test
        assert hit is None, (symbol, text, hit)


def test_self_promotion_fires_with_the_phrase_and_counts_more_with_a_link(run_rule):
    hit = run_rule("SELF_PROMOTION", Submission("Please check out my covers, new ones weekly"))
    assert hit.reason == "self-promotion: 'check out my covers'"
    assert hit.weight == 8.5
    linked = run_rule("SELF_PROMOTION", Submission("check out my covers http://v.example/c/1"))
    assert linked.weight > hit.weight
    assert run_rule("SELF_PROMOTION", Submission("sub4sub anyone?")) is not None
    assert run_rule("SELF_PROMOTION", Submission("Please subscribe to me")) is not None


def test_money_pitch_names_what_it_found(run_rule):
    hit = run_rule("MONEY_PITCH", Submission("I earn $400 a day working from home, ask me"))
    assert "money pitch:" in hit.reason and "working from home" in hit.reason
    assert hit.weight == 4.5  # two different pitches
    single = run_rule("MONEY_PITCH", Submission("Best bitcoin investment I ever made"))
    assert single.weight == 3.0


def test_contact_pitch_fires_on_messengers_and_phone_numbers(run_rule):
    hit = run_rule("CONTACT_PITCH", Submission("Ask Ann, she is on WhatsApp"))
    assert hit.reason == "contact pitch: 'WhatsApp'"
    assert run_rule("CONTACT_PITCH", Submission("Call +1 555 010 0200 today")) is not None
    assert run_rule("CONTACT_PITCH", Submission("I called my mother today")) is None


def test_template_praise_needs_two_generic_phrases(run_rule):
    assert run_rule("TEMPLATE_PRAISE", Submission("Keep up the good work!")) is None
    hit = run_rule(
        "TEMPLATE_PRAISE",
        Submission("Your website is really informative. Bookmarked it, keep up the good work."),
    )
    assert hit.reason.startswith("template praise:")
    assert hit.weight == 4.0  # three phrases


def test_bare_domain_fires_without_scheme_and_stays_out_of_real_links(run_rule):
    hit = run_rule("BARE_DOMAIN", Submission("best prices at cheap-shoes.example.com/sale"))
    assert hit.reason == "bare domain 'cheap-shoes.example.com/sale'"
    assert run_rule("BARE_DOMAIN", Submission("see https://cheap.example.com")) is None
    assert run_rule("BARE_DOMAIN", Submission("write to me at ann@example.com")) is None


def test_shouting(run_rule):
    hit = run_rule("SHOUTING", Submission("THIS IS THE BEST OFFER YOU WILL EVER SEE ONLINE"))
    assert hit.reason.endswith("letters are capitals")
    assert run_rule("SHOUTING", Submission("OK, THX")) is None  # too short to judge


def test_a_promotion_phrase_alone_makes_the_verdict_spam(only_rules):
    from parley.antispam import check

    only_rules("SELF_PROMOTION", "CLASSIFIER", record_history=False)
    verdict = check(Submission("hey everyone check out my channel for gaming videos"))
    assert verdict.is_spam
    assert any(h.check == "SELF_PROMOTION" for h in verdict.hits)


def test_support_scam_needs_two_signs(run_rule):
    hit = run_rule(
        "SUPPORT_SCAM",
        Submission("Call our printer customer support toll-free, experts answer 24/7."),
    )
    assert hit.reason.startswith("support pitch:")
    assert hit.weight == 6.0  # three or more signs
    alone = Submission("I rang customer support and they fixed my router in ten minutes.")
    assert run_rule("SUPPORT_SCAM", alone) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sucscribe to me!",
        "check me out, I rap",
        "everyone please come check our newest song",
        "COME AND CHECK OUT MY NEW YOUTUBE CHHANEL",
        "Like this comment if you are watching in 2026",
    ],
)
def test_self_promotion_survives_misspellings_and_small_variations(run_rule, text):
    assert run_rule("SELF_PROMOTION", Submission(text)) is not None


def test_self_promotion_stays_silent_on_talk_about_subscriptions(run_rule):
    for text in (
        "I subscribed to my local paper last year and read it every morning.",
        "Did you describe me as a beginner? Fair enough.",
        "I checked my answer against the docs and it was wrong.",
    ):
        assert run_rule("SELF_PROMOTION", Submission(text)) is None, text
