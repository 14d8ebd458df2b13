"""`parley spam train | check | eval`: train the classifier, judge one text, score a corpus."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parley.antispam.ml.corpora import corpus_files, read_folder


class Command(BaseCommand):
    help = "Train, try and evaluate Parley's spam classifier."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="Train the classifier and save it (no pickle).")
        train.add_argument(
            "--data",
            action="append",
            default=[],
            metavar="DIR",
            help="Extra folder of labelled corpora (repeatable).",
        )
        train.add_argument(
            "--output",
            metavar="PATH",
            help="Folder to write model.json + model.npz (default: data dir).",
        )
        train.add_argument(
            "--no-shipped", action="store_true", help="Leave out the corpora shipped with Parley."
        )
        train.add_argument(
            "--no-site", action="store_true", help="Leave out this site's labelled examples."
        )
        check = sub.add_parser("check", help="Print the engine's verdict on one text.")
        check.add_argument("text")
        check.add_argument("--author", default="")
        check.add_argument("--email", default="")
        check.add_argument("--url", default="")
        check.add_argument("--ip", default="")
        check.add_argument("--permalink", default="")
        sub.add_parser("purge", help="Delete history records older than the retention period.")
        evaluate = sub.add_parser("eval", help="Precision, recall, F1, FPR on labelled corpora.")
        evaluate.add_argument(
            "--data",
            action="append",
            required=True,
            metavar="DIR",
            help="Folder (searched recursively) or file of labelled corpora.",
        )
        evaluate.add_argument("--model", metavar="PATH", help="Model folder (default: in use).")
        evaluate.add_argument(
            "--classifier-only",
            action="store_true",
            help="Spam = classifier p >= 0.5, not the verdict.",
        )
        evaluate.add_argument("--show-errors", type=int, default=0, metavar="N",
                              help="Print up to N false positives and negatives.")  # fmt: skip

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options) or ""

    # -- train -------------------------------------------------------------------------

    def handle_train(self, data, output, no_shipped, no_site, **_):
        from parley.antispam.classifier import train_and_save, training_examples

        for folder in data:
            if not Path(folder).exists():
                raise CommandError(f"--data {folder}: no such folder")
        examples = training_examples(data, shipped=not no_shipped, site=not no_site)
        labels = {e.label for e in examples}
        if len(labels) < 2:
            raise CommandError(
                f"{len(examples)} examples with labels {sorted(labels)}: need spam and ham"
            )
        started = time.perf_counter()
        model, folder = train_and_save(examples, Path(output) if output else None)
        self.stdout.write(
            f"Trained on {len(examples)} examples in {time.perf_counter() - started:.1f} s; "
            f"{model.meta['features']} features; saved to {folder}"
        )
        for source, count in model.meta["sources"].items():
            self.stdout.write(f"  {source}: {count}")
        if not no_site:
            from parley.antispam.history import rebuild_reputation

            self.stdout.write(f"Recounted the reputation of {rebuild_reputation()} commenters.")

    # -- purge -------------------------------------------------------------------------

    def handle_purge(self, **_):
        from parley.antispam import conf
        from parley.antispam.retention import purge_expired

        deleted = purge_expired()
        self.stdout.write(
            f"Deleted {deleted} anti-spam history record(s) older than "
            f"{conf.get('retention_days')} days."
        )

    # -- check -------------------------------------------------------------------------

    def handle_check(self, text, author, email, url, ip, permalink, **_):
        from parley.antispam.pipeline import evaluate
        from parley.antispam.types import Submission

        submission = Submission(
            content=text, author=author, email=email, url=url, ip=ip, permalink=permalink,
            is_test=True,
        )  # fmt: skip
        verdict = evaluate(submission)
        self.stdout.write(
            f"{verdict.action.upper()}  score {verdict.score:g}"
            f"  quality {verdict.quality:g}{'  (low value)' if verdict.low_value else ''}"
        )
        if not verdict.hits:
            self.stdout.write("  no check fired")
        for hit in verdict.hits:
            self.stdout.write(f"  {hit.weight:+6.2f}  {hit.check:<20} {hit.reason}")

    # -- eval --------------------------------------------------------------------------

    def handle_eval(self, data, model, classifier_only, show_errors, **_):
        from parley.antispam.evaluation import confusion, judge_with_reasons

        examples = []
        for folder in data:
            if not Path(folder).exists():
                raise CommandError(f"--data {folder}: no such file or folder")
            if not corpus_files(Path(folder)):
                raise CommandError(f"--data {folder}: no labelled CSV or SMS files found")
            examples += read_folder(Path(folder))
        if not examples:
            raise CommandError("no labelled examples found in the given folders")
        judged = judge_with_reasons(examples, model=model, classifier_only=classifier_only)
        by_source: dict[str, list[tuple[int, int]]] = {}
        for example, (spam, _) in zip(examples, judged, strict=True):
            by_source.setdefault(example.source, []).append((example.label, int(spam)))
        what = "classifier p >= 0.5" if classifier_only else "engine verdict spam/discard"
        self.stdout.write(f"Spam = {what}; {len(examples)} examples\n")
        header = f"{'source':<48} {'n':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'FPR':>6}"
        self.stdout.write(header)
        pairs_all = []
        for source, pairs in sorted(by_source.items()):
            self.stdout.write(confusion(pairs).row(source))
            pairs_all += pairs
        total = confusion(pairs_all)
        self.stdout.write(total.row("ALL"))
        self.stdout.write("\nConfusion matrix (rows: true, columns: predicted)")
        self.stdout.write(f"{'':>10} {'ham':>8} {'spam':>8}")
        self.stdout.write(f"{'ham':>10} {total.tn:>8} {total.fp:>8}")
        self.stdout.write(f"{'spam':>10} {total.fn:>8} {total.tp:>8}")
        if show_errors:
            for title, wanted in (("False positives", 0), ("False negatives", 1)):
                wrong = [
                    (e, why)
                    for e, (spam, why) in zip(examples, judged, strict=True)
                    if e.label == wanted and spam != bool(wanted)
                ]
                self.stdout.write(f"\n{title} ({len(wrong)}):")
                for example, why in wrong[:show_errors]:
                    text = " ".join(example.text.split())[:100]
                    self.stdout.write(f"  [{example.source}] {text!r}\n      {why}")
