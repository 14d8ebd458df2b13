"""A small language guesser: Unicode script, then character-trigram profiles for Latin text.

Profiles are built from the short samples in data/languages/ (written for Parley), so
nothing is downloaded; a comment costs one small matrix product.
"""

import functools
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

SAMPLES = Path(__file__).resolve().parent / "data" / "languages"
NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "tr": "Turkish", "id": "Indonesian",
    "ru": "Russian", "el": "Greek", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi",
    "th": "Thai", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
}  # fmt: skip
# (first, last code point, language) for scripts that name their language well enough.
SCRIPTS = [
    (0x0370, 0x03FF, "el"), (0x0400, 0x04FF, "ru"), (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"), (0x0900, 0x097F, "hi"), (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"), (0xAC00, 0xD7AF, "ko"),
]  # fmt: skip
SCRIPT_RES = [(lang, re.compile(f"[{chr(a)}-{chr(b)}]")) for a, b, lang in SCRIPTS]
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LETTER = re.compile(r"[^\W\d_]")
NON_LETTERS = re.compile(r"[^\w]+|[\d_]+")
URLS = re.compile(r"\S*(?:https?://|www\.)\S*|\S+@\S+")
TOP = 300  # trigrams kept per profile
MAX_CHARS = 300  # enough to tell a language; keeps long comments cheap


def trigrams(text: str) -> Counter:
    text = " " + NON_LETTERS.sub(" ", text.lower()).strip() + " "
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


@functools.cache
def profiles() -> tuple[list[str], dict[str, int], np.ndarray]:
    """Latin-script languages, a trigram index, and their unit-length frequency matrix."""
    vectors = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        if path.stem == "ru":  # Cyrillic is told by its script
            continue
        counts = dict(trigrams(path.read_text(encoding="utf-8")).most_common(TOP))
        norm = math.sqrt(sum(v * v for v in counts.values()))
        vectors[path.stem] = {k: v / norm for k, v in counts.items()}
    languages = list(vectors)
    grams = sorted({g for v in vectors.values() for g in v})
    index = {g: i for i, g in enumerate(grams)}
    matrix = np.zeros((len(grams), len(languages)))
    for j, language in enumerate(languages):
        for gram, weight in vectors[language].items():
            matrix[index[gram], j] = weight
    return languages, index, matrix


def script_of(text: str) -> tuple[str | None, int]:
    """The language a non-Latin script points to (or None for Latin) and the letter count."""
    letters = len(LETTER.findall(text))
    if not letters:
        return None, 0
    by_script = Counter({language: len(pattern.findall(text)) for language, pattern in SCRIPT_RES})
    by_script["latin"] = len(LATIN.findall(text))
    if by_script["ja"]:  # kana next to Han characters: Japanese
        by_script["ja"] += by_script.pop("zh", 0)
    script, count = by_script.most_common(1)[0]
    if not count:
        return None, letters
    return (None if script == "latin" else script), letters


def guess(text: str, min_letters: int = 30) -> tuple[str, dict[str, float]] | None:
    """(most likely language, score per language), or None when the text is too short.

    Scores are cosine similarities to each profile (1.0 for a language told by its script).
    """
    text = URLS.sub(" ", text[: MAX_CHARS * 2])
    script, letters = script_of(text)
    if letters < min_letters:
        return None
    if script is not None:
        return script, {script: 1.0}
    counts = trigrams(text[:MAX_CHARS])
    languages, index, matrix = profiles()
    known = [(index[g], c) for g, c in counts.items() if g in index]
    if not known:
        return None
    rows, values = zip(*known, strict=True)
    norm = math.sqrt(sum(v * v for v in counts.values()))
    scores = np.asarray(values, dtype=float) @ matrix[list(rows)] / norm
    best = int(np.argmax(scores))
    return languages[best], dict(zip(languages, scores.tolist(), strict=True))


def site_languages(blog_lang: str, default: str) -> set[str]:
    """Primary subtags from Akismet's blog_lang ("en_us, fr_ca") or the site's LANGUAGE_CODE."""
    raw = blog_lang or default
    return {
        part.strip().replace("_", "-").split("-")[0].lower()
        for part in raw.split(",")
        if part.strip()
    }


def name(code: str) -> str:
    return NAMES.get(code, code)
