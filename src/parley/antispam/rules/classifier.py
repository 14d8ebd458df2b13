"""The trained classifier as one more rule: its probability, graded into a weight."""

from parley.antispam.registry import hit, rule

CLASSIFIER = "CLASSIFIER"
WEIGHT = 9.0  # p >= 0.89 alone reaches "spam" (7), p >= 0.72 "hold" (4)


def factor(probability: float) -> float:
    """0.5 counts nothing; 1.0 counts the full weight; a confident ham counts a little against.

    The ham side is kept small so that ham-like wording cannot buy a link drop through.
    """
    return max(-0.15, min(1.0, (probability - 0.5) / 0.5))


@rule(
    CLASSIFIER,
    weight=WEIGHT,
    description="The trained text classifier's probability that this is spam.",
)
def classifier(submission, context):
    from parley.antispam.classifier import current_model

    model = current_model()
    if model is None or not context.text.strip():
        return None
    probability, words = model.explain(context.text)
    graded = factor(probability)
    if abs(graded) < 0.05:
        return None
    reason = f"classifier: {probability:.2f} spam"
    if graded > 0 and words:
        reason += " (" + ", ".join(repr(w) for w in words) + ")"
    return hit(CLASSIFIER, reason, graded)
