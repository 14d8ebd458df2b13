"""Draws the unlabelled rows of a fresh evaluation batch (fresh.csv, fresh2.csv): see PROVENANCE.md.

    python tests/data/quality/draw_fresh.py [/work/shared/data/spam] > unlabelled.csv
    python tests/data/quality/draw_fresh.py --batch fresh2 > unlabelled.csv

Ham rows only, cleaned like labelled.csv, skipping texts already in the earlier batches;
labels are added by a person reading each row, never by running the model.
"""

import argparse
import csv
import html
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# batch -> (seed, unique texts per YouTube file, earlier batches whose texts are skipped)
BATCHES = {
    "fresh": (2611, 25, ("labelled.csv",)),
    "fresh2": (4127, 20, ("labelled.csv", "fresh.csv")),
}


def clean(text: str) -> str:
    text = html.unescape(text).replace("\ufeff", "")
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def ham_rows(path: Path) -> list[tuple[str, str]]:
    """(row_id, text) of the rows the corpus labels not-spam."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for column in ("CLASS", "TAG"):
        if column in rows[0]:
            return [(r["COMMENT_ID"], r["CONTENT"]) for r in rows if r[column].strip() == "0"]
    return [(str(n), r["comment"]) for n, r in enumerate(rows, 1) if r["label"].strip() == "0"]


def corpus_files(shared: Path) -> list[Path]:
    files = sorted((shared / "youtube").glob("Youtube0*.csv"))
    files += sorted((shared / "youtube_casagrande2014").glob("*.csv"))
    return [*files, shared / "datacamp_blog_comments" / "datacamp_comments_labeled.csv"]


def seen_texts(names: tuple[str, ...]) -> set[str]:
    seen = set()
    for name in names:
        with open(HERE / name, encoding="utf-8", newline="") as handle:
            seen |= {r["text"].lower() for r in csv.DictReader(handle)}
    return seen


def main(shared: Path, batch: str) -> None:
    seed, per_youtube_file, earlier = BATCHES[batch]
    seen = seen_texts(earlier)
    rng = random.Random(seed)
    out = csv.writer(sys.stdout)
    out.writerow(["text", "label", "source", "row_id"])
    for path in corpus_files(shared):
        rows = ham_rows(path)
        rng.shuffle(rows)
        limit = per_youtube_file if "youtube" in path.parent.name else len(rows)
        taken = 0
        for row_id, content in rows:
            text = clean(content)
            if taken >= limit or not text or text.lower() in seen:
                continue
            seen.add(text.lower())
            out.writerow([text, "", f"{path.parent.name}/{path.name}", row_id])
            taken += 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=Path("/work/shared/data/spam"))
    parser.add_argument("--batch", choices=sorted(BATCHES), default="fresh")
    args = parser.parse_args()
    main(args.shared, args.batch)
