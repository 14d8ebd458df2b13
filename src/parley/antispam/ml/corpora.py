"""Reads labelled comment corpora in every format Parley knows, into one kind of Example.

Formats (see each corpus's SOURCE.md): YouTube UCI CSVs (CONTENT, CLASS), the 2014 YouTube
pilot (CONTENT, TAG), DataCamp blog comments (comment, label), WordPress pending spam
(Comment; every row spam), Instagram ScamSpot (msg, scam), the SMS Spam Collection
(`ham|spam<TAB>text`, no header), deceptive hotel reviews (deceptive, text), and Parley's
own export (content, label, author, email, url).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

csv.field_size_limit(10_000_000)

SPAM, HAM = 1, 0


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 spam, 0 ham
    source: str  # corpus name, e.g. "youtube/Youtube01-Psy"
    author: str = ""
    email: str = ""
    url: str = ""


class UnknownFormat(ValueError):
    """The file is not in a format this reader understands."""


def _label(value: str, spam_values=("1", "spam", "deceptive", "true")) -> int:
    value = (value or "").strip().lower()
    if value in spam_values:
        return SPAM
    if value in ("0", "ham", "truthful", "false", "not spam", "legitimate"):
        return HAM
    raise ValueError(f"unknown label {value!r}")


def _source(path: Path, root: Path | None) -> str:
    try:
        relative = path.relative_to(root) if root else Path(path.name)
    except ValueError:
        relative = Path(path.name)
    return str(relative.with_suffix(""))


def read_sms(path: Path, source: str) -> Iterator[Example]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            label, sep, text = line.rstrip("\n").partition("\t")
            if sep and label in ("ham", "spam"):
                yield Example(text, _label(label), source)


def read_csv(path: Path, source: str) -> Iterator[Example]:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    fields = {name.strip(): name for name in reader.fieldnames or []}

    def pick(*names):
        for name in names:
            if name in fields:
                return fields[name]
        return None

    text_col = pick("CONTENT", "comment", "msg", "Comment", "text", "content")
    label_col = pick("CLASS", "TAG", "label", "scam", "deceptive")
    author_col = pick("AUTHOR", "Author", "comment_author", "author")
    email_col = pick("Email", "email")
    url_col = pick("Website", "url")
    # WordPress pending spam has no label: every row is spam (see its SOURCE.md).
    spam_only = (
        label_col is None and "Comment" in fields and ("Website" in fields or "Post" in fields)
    )
    if text_col is None or (label_col is None and not spam_only):
        raise UnknownFormat(f"{path}: no text and label columns in {sorted(fields)}")
    for row in reader:
        text = row.get(text_col) or ""
        try:
            label = SPAM if spam_only else _label(row.get(label_col))
        except ValueError:
            continue  # an unlabelled row teaches nothing
        yield Example(
            text,
            label,
            source,
            author=(row.get(author_col) or "").strip() if author_col else "",
            email=(row.get(email_col) or "").strip() if email_col else "",
            url=(row.get(url_col) or "").strip() if url_col else "",
        )


def read_file(path: Path, root: Path | None = None) -> Iterator[Example]:
    path = Path(path)
    source = _source(path, root)
    if path.suffix.lower() == ".csv":
        return read_csv(path, source)
    if path.name == "SMSSpamCollection" or path.suffix.lower() in (".tsv", ".txt"):
        return read_sms(path, source)
    raise UnknownFormat(f"{path}: not a corpus file")


def corpus_files(folder: Path) -> list[Path]:
    """Every corpus file under a folder, recursively, in a stable order."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix.lower() in (".csv", ".tsv") or p.name == "SMSSpamCollection")
    ]
    return sorted(files)


def read_folder(folder: Path, exclude: Iterable[str] = ()) -> list[Example]:
    """All examples under `folder`; `exclude` drops files whose source name contains a part."""
    folder = Path(folder)
    root = folder if folder.is_dir() else folder.parent
    out: list[Example] = []
    for path in corpus_files(folder):
        source = _source(path, root)
        if any(part in source for part in exclude):
            continue
        try:
            out.extend(read_file(path, root))
        except UnknownFormat:
            continue
    return out
