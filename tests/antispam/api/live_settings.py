"""Settings of the `parley serve` the real-client test starts: Parley's, with pinned weights.

Only the engine's documented knobs are set, so the test does not depend on how the rules
are tuned: Akismet's test author scores 10 (spam, under the discard threshold), a BBCode
link 6 (together over it), and the thresholds are pinned, so "spam" and "discard" can both
be asked for through a client that cannot send a honeypot field.
"""

from parley.settings import *  # noqa: F403

PARLEY_ANTISPAM = {
    "thresholds": {"hold": 4.0, "spam": 7.0, "discard": 15.0},
    "weights": {"AKISMET_TEST_SPAM": 10.0, "BBCODE_LINK": 6.0},
}
