"""Keyness: the words an article over-uses against a reference corpus (Dunning's log-likelihood with
Hardie's Log Ratio as the effect size), each marked when it is part of a loaded-term hit.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import resources
from ..article import as_article
from .matching import HYPHEN_PART_RE, normalise
from .voices import _located, _table

@lru_cache(maxsize=1)
def reference_counts() -> tuple[dict, int, str]:
    """The reference corpus for keyness: word counts of TextBlob's ``en/en-spelling.txt`` (shipped
    with the installed ``textblob`` package, MIT; from pattern, BSD: about 1.1 million words of
    Project Gutenberg books, plus Wiktionary and BNC frequency lists). Returns (counts, total, path)."""
    import textblob

    path = Path(textblob.__file__).resolve().parent / "en" / "en-spelling.txt"
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(";;;"):
                continue
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                counts[parts[0].lower()] = counts.get(parts[0].lower(), 0) + int(parts[1])
    return counts, sum(counts.values()), str(path)


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood G2 for a word seen ``a`` times in ``c`` words and ``b`` times in
    ``d`` reference words (Rayson & Garside 2000).

    >>> round(log_likelihood(10, 100, 1000, 1_000_000), 1)
    71.4
    """
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    ll = 0.0
    if a:
        ll += a * math.log(a / e1)
    if b:
        ll += b * math.log(b / e2)
    return 2 * ll


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's (2014) Log Ratio effect size: binary log of the ratio of relative frequencies; a
    zero count is taken as 0.5 so words absent from the reference still get a finite value.

    >>> log_ratio(10, 10, 1000, 1000)
    0.0
    """
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def _keyness_words(text: str):
    """Lower-cased alphabetic word forms for keyness (hyphenated tokens split, possessives dropped)."""
    for m in resources.WORD_RE.finditer(text):
        tok = m.group()
        if tok.isalpha():
            yield m.start(), m.end(), tok.lower()
            continue
        for p in HYPHEN_PART_RE.finditer(tok):
            w = normalise(p.group())
            if w.isalpha():
                yield m.start() + p.start(), m.start() + p.end(), w


KEYNESS_SPEC = [("word", "o"), ("count", "i"), ("reference_count", "i"), ("per_1000_words", "f"),
                ("reference_per_1000_words", "f"), ("log_likelihood", "f"), ("log_ratio", "f"), ("loaded", "b"),
                ("term", "o"), ("first_start", "i"), ("first_end", "i")]


def keyness(article, min_ll: float = 3.84, reference=None) -> pd.DataFrame:
    """Words the article over-uses against the reference corpus: log-likelihood (G2; 3.84 = p < .05,
    6.63 = p < .01) with Log Ratio as the effect size, sorted by G2. Columns: ``word``, ``count``,
    ``reference_count``, ``per_1000_words``, ``reference_per_1000_words``, ``log_likelihood``,
    ``log_ratio``, ``loaded`` (the word is part of a loaded-term hit), ``term`` (that entry),
    ``first_start``, ``first_end`` (first occurrence). ``reference`` = (counts, total) of your own.

    >>> from analysis import Article
    >>> k = keyness(Article.from_text("The puppet regime and the puppet army met the puppet press."))
    >>> k[["word", "count", "loaded"]].values.tolist()[0]
    ['puppet', 3, True]
    """
    article = as_article(article)
    counts_ref, total_ref = reference[:2] if reference is not None else reference_counts()[:2]
    text = article.text
    loaded_at = {}
    for r in _located(article)["rows"]:
        for s, e, w in _keyness_words(text[r[0]:r[1]]):
            loaded_at.setdefault(w, r[2])
    counts, first = {}, {}
    for s, e, w in _keyness_words(text):
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
            first[w] = (s, e)
    n = sum(counts.values())
    rows = []
    for w, a in counts.items():
        b = counts_ref.get(w, 0)
        if n == 0 or a * total_ref <= b * n:
            continue
        ll = log_likelihood(a, b, n, total_ref)
        if ll < min_ll:
            continue
        rows.append((w, a, b, round(1000 * a / n, 3), round(1000 * b / total_ref, 4), round(ll, 3),
                     round(log_ratio(a, b, n, total_ref), 3), w in loaded_at, loaded_at.get(w, ""), *first[w]))
    rows.sort(key=lambda r: (-r[5], -r[6], r[0]))
    return _table(KEYNESS_SPEC, rows)

