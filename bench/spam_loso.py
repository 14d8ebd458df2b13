"""Leave-one-source-out accuracy of the anti-spam engine on the open corpora (issue 4).

    python bench/spam_loso.py                     # shipped model + one model per held-out group
    python bench/spam_loso.py --shipped-only      # just the shipped model (quick)
    python bench/spam_loso.py --limit 300         # at most 300 examples per source (quick)

Sources are grouped (both YouTube collections are one group: they share videos). For each
group: the SHIPPED model (trained only on the licence-clean corpora) and a model trained on
every other open group plus the comments written for Parley, never on the held-out group.
"Engine" means the verdict is spam or discard; "held" means hold or worse. Corpora carry
text (and sometimes a name) only: no links metadata, IPs or history.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

DEFAULT_DATA = Path("/work/shared/data/spam")
GROUPS = {
    "datacamp": ("datacamp_blog_comments",),
    "youtube": ("youtube/", "youtube_casagrande2014/"),
    "hotel": ("deceptive_opinion_hotel",),
    "instagram": ("instagram_scamspot",),
    "sms": ("sms",),
    "wordpress": ("wordpress_pending_spam",),
}
# The shipped model learned these: its figures on them are not held-out figures.
SHIPPED_TRAINED_ON = {"instagram", "sms", "wordpress"}


def group_of(source: str) -> str | None:
    for name, parts in GROUPS.items():
        if any(source.startswith(p) or p in source for p in parts):
            return name
    return None


def engine_rows(examples, model_folder: str) -> tuple:
    from django.test import override_settings

    from parley.antispam.evaluation import confusion, submission_for
    from parley.antispam.ml.model import load
    from parley.antispam.pipeline import evaluate
    from parley.antispam.types import Action

    model = load(model_folder)
    labels = [e.label for e in examples]
    with override_settings(PARLEY_ANTISPAM={"record_history": False, "model_path": model_folder}):
        verdicts = [evaluate(submission_for(e)) for e in examples]
    clf = [int(model.probability(e.text) >= 0.5) for e in examples]
    engine = [int(v.is_spam) for v in verdicts]
    held = [int(v.action != Action.HAM) for v in verdicts]
    return tuple(confusion(zip(labels, g, strict=True)) for g in (clf, engine, held))


def fmt(value) -> str:
    return "    -" if value is None else f"{value:5.2f}"


def report(name: str, n: int, rows) -> None:
    clf, engine, held = rows
    print(
        f"{name:<22} {n:>5}  clf R {fmt(clf.recall)} FPR {fmt(clf.fpr)} | engine P "
        f"{fmt(engine.precision)} R {fmt(engine.recall)} F1 {fmt(engine.f1)} "
        f"FPR {engine.fpr if engine.fpr is None else round(engine.fpr, 4)} | held R "
        f"{fmt(held.recall)} FPR {fmt(held.fpr)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--shipped-only", action="store_true")
    parser.add_argument("--group", action="append", help="only these groups (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="examples per source (0 = all)")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).parent))
    from spam import setup_django

    sys.path.pop(0)
    setup_django()
    from parley.antispam.classifier import SHIPPED_CORPORA
    from parley.antispam.ml.corpora import read_folder
    from parley.antispam.ml.model import SHIPPED, train

    if not args.data.exists():
        print(f"No corpora at {args.data} (pass --data DIR).")
        return
    everything = read_folder(args.data)
    by_group: dict[str, list] = {}
    for e in everything:
        g = group_of(e.source)
        if g:
            by_group.setdefault(g, []).append(e)
    if args.limit:
        rng = random.Random(4)
        for g, items in by_group.items():
            if len(items) > args.limit:
                by_group[g] = rng.sample(items, args.limit)
    written = read_folder(SHIPPED_CORPORA / "parley_written")
    groups = args.group or list(by_group)
    print(f"Corpora: {args.data}")
    print("\n== shipped model (licence-clean training data only) ==")
    for g in groups:
        note = " (trained on)" if g in SHIPPED_TRAINED_ON else ""
        report(g + note, len(by_group[g]), engine_rows(by_group[g], str(SHIPPED)))
    if args.shipped_only:
        return
    print("\n== trained on every other open group + Parley-written, scored on the held-out one ==")
    full = {g: [e for e in everything if group_of(e.source) == g] for g in by_group}
    for g in groups:
        rest = [e for other, items in full.items() if other != g for e in items] + written
        started = time.perf_counter()
        model = train(rest)
        folder = Path(tempfile.mkdtemp(prefix="parley-loso-"))
        model.save(folder)
        report(g, len(by_group[g]), engine_rows(by_group[g], str(folder)))
        print(f"   (trained on {len(rest)} examples in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
