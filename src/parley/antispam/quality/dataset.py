"""The labelled low-value / substantive set and its fixed dev / test split.

The split is a hash of (source, row_id), not a random draw, so it never changes when rows
are added and the test part stays unseen by training and tuning.
"""

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELS = ("low_value", "substantive")


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # "low_value" or "substantive"
    source: str
    row_id: str

    @property
    def split(self) -> str:
        digest = hashlib.sha256(f"{self.source}:{self.row_id}".encode()).hexdigest()
        return "test" if int(digest, 16) % 5 < 2 else "dev"

    @property
    def low_value(self) -> bool:
        return self.label == "low_value"


def read_labelled(path: Path, split: str | None = None) -> list[Example]:
    """Rows of a text,label,source,row_id CSV; only one split when `split` is given."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            Example(r["text"], r["label"], r["source"], r["row_id"]) for r in csv.DictReader(handle)
        ]
    for row in rows:
        if row.label not in LABELS:
            raise ValueError(f"{path}: unknown label {row.label!r} in row {row.row_id}")
    return [r for r in rows if split is None or r.split == split]


def read_authored() -> list[Example]:
    """Training comments written for Parley (data/authored_*.txt, one a line)."""
    examples = []
    for label in LABELS:
        path = DATA_DIR / f"authored_{label}.txt"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                examples.append(Example(line.strip(), label, path.name, str(number)))
    return examples
