"""Author names, the site's word lists, and the language check."""

from parley.antispam import Action, Submission, check
from parley.core.models import SiteSettings


def test_an_author_name_that_is_a_url(run_rule):
    assert run_rule("AUTHOR_IS_URL", Submission("hi", author="www.cheap-shop.example")).reason == (
        "author name 'www.cheap-shop.example' is a URL"
    )
    assert run_rule("AUTHOR_IS_URL", Submission("hi", author="Dr. Jane Smith")) is None


def test_an_author_name_of_marketing_keywords(run_rule):
    hit = run_rule("AUTHOR_KEYWORDS", Submission("hi", author="Adjustable Mattresses Online"))
    assert hit.reason == "author name has marketing keywords: mattresses, online"
    assert run_rule("AUTHOR_KEYWORDS", Submission("hi", author="María José García")) is None


def test_disallowed_words_send_a_comment_to_the_trash(db):
    site = SiteSettings.load()
    site.disallowed_words = "casino\n"
    site.save()
    verdict = check(Submission("Visit my Casino tonight", author="Ann"))
    assert verdict.action == Action.DISCARD
    assert {h.check: h.reason for h in verdict.hits}["DISALLOWED_WORDS"] == (
        "disallowed word 'casino' in content"
    )


def test_moderation_words_match_in_any_field_and_hold(db):
    site = SiteSettings.load()
    site.moderation_words = "192.0.2.\n"
    site.save()
    verdict = check(Submission("An ordinary remark.", ip="192.0.2.10"))
    assert {h.check: h.reason for h in verdict.hits}["MODERATION_WORDS"] == (
        "moderation word '192.0.2.' in IP"
    )
    assert verdict.action == Action.HOLD


def test_a_comment_in_another_language_than_the_site(run_rule):
    russian = Submission("Спасибо за статью, очень полезно и понятно написано для новичков.")
    assert run_rule("LANGUAGE_MISMATCH", russian).reason == (
        "written in Russian; the site is in English"
    )
    german = Submission(
        "Vielen Dank für den Artikel, die Erklärung der Datenbank hat mir sehr geholfen."
    )
    assert "German" in run_rule("LANGUAGE_MISMATCH", german).reason


def test_a_comment_in_the_sites_language_or_too_short_to_tell_passes(run_rule):
    english = Submission("Thanks for the article, the explanation of the database helped me a lot.")
    assert run_rule("LANGUAGE_MISMATCH", english) is None
    assert run_rule("LANGUAGE_MISMATCH", Submission("Danke!")) is None


def test_the_api_blog_lang_sets_the_expected_language(run_rule):
    german = Submission(
        "Vielen Dank für den Artikel, die Erklärung der Datenbank hat mir sehr geholfen.",
        blog_lang="de_de, en_us",
    )
    assert run_rule("LANGUAGE_MISMATCH", german) is None


def test_the_classifier_rule_reports_its_probability(run_rule):
    hit = run_rule("CLASSIFIER", Submission("WIN a FREE iPhone now!!! click http://prize.example"))
    assert hit.weight > 0
    assert float(hit.reason.split()[1]) > 0.7


def test_word_lists_stay_silent_when_nothing_matches(run_rule):
    site = SiteSettings.load()
    site.disallowed_words = "casino\n"
    site.moderation_words = "pills\n"
    site.save()
    ordinary = Submission("A remark about gardens.", author="Ann", email="ann@example.com")
    assert run_rule("DISALLOWED_WORDS", ordinary) is None
    assert run_rule("MODERATION_WORDS", ordinary) is None
