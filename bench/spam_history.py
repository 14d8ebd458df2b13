"""History lookup cost as the anti-spam history grows (SQLite, or PostgreSQL via DATABASE_URL).

    python bench/spam_history.py                    # 3000 and 20000 records
    python bench/spam_history.py --sizes 500 --n 100

Fills a fresh history with typical comments (bench/spam.py's, many of them reworded
templates, so SimHash bands are shared a lot), then times `history.lookup()` (the two
reads every check makes) and `history.record()` (the one INSERT), CPU of this thread, p50
and p99. The lookup should not grow with the history. The machine is shared: noisy.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]


def _spam_bench():
    spec = importlib.util.spec_from_file_location("spam_bench", Path(__file__).with_name("spam.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pct(values: list[float]) -> str:
    values = sorted(values)
    return f"p50 {values[len(values) // 2]:.3f} ms, p99 {values[int(len(values) * 0.99)]:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 20000])
    parser.add_argument("--n", type=int, default=300, help="lookups timed at each size")
    args = parser.parse_args()

    bench = _spam_bench()
    bench.setup_django()
    from django.db import connection
    from django.test import override_settings

    from parley.antispam import check, history
    from parley.antispam.context import Context
    from parley.antispam.types import Action, Verdict

    filled = 0
    subs = bench.typical_submissions(max(args.sizes) + args.n, seed=3)
    probes = [Context(s) for s in subs[-args.n :]]
    verdict = Verdict(action=Action.HAM, score=0.0, hits=(), quality=0.0, low_value=False)
    for size in sorted(args.sizes):
        # Only the classifier runs while filling: the rows are what matters here.
        with override_settings(PARLEY_ANTISPAM={"enabled": ["CLASSIFIER"]}):
            for sub in subs[filled:size]:
                check(sub)
        filled = size
        lookups = []
        for context in probes:
            started = time.thread_time()
            history.lookup(context.fingerprint, context.now)
            lookups.append((time.thread_time() - started) * 1000)
        print(f"{connection.vendor}, {size} records: lookup {_pct(lookups)} (CPU)")
    with override_settings(PARLEY_ANTISPAM={"record_history": True}):
        writes = []
        for context in probes:
            started = time.thread_time()
            history.record(context.submission, context, verdict)
            writes.append((time.thread_time() - started) * 1000)
    print(f"{connection.vendor}: record {_pct(writes)} (CPU; the commit's disk wait not included)")


if __name__ == "__main__":
    main()
