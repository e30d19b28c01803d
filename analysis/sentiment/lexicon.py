"""The sentiment analysis's data files in ``data/lexicons/``, read through :mod:`analysis.lexicons`
and cached until the file changes: learned weights, learned word tables and curated word lists."""
from __future__ import annotations

import os
import time
from functools import lru_cache

import pandas as pd

from .. import lexicons


def _table(name: str) -> pd.DataFrame:
    return lexicons.load(name)


_KEYS: dict = {}


def _key(name: str):
    """(path, mtime) of a lexicon file, looked up again at most every two seconds (so per-call
    functions such as :func:`analysis.sentiment.toward` do not stat and resolve paths on every call)."""
    now = time.monotonic()
    env = os.environ.get("ANALYSIS_LEXICONS")
    hit = _KEYS.get(name)
    if hit is not None and hit[0] == env and now - hit[1] < 2.0:
        return hit[2]
    p = lexicons.lexicon_dir() / f"{name}.csv"
    try:
        key = (str(p), p.stat().st_mtime)
    except OSError:
        key = (str(p), None)
    _KEYS[name] = (env, now, key)
    return key


@lru_cache(maxsize=8)
def _weights_cached(key) -> dict:
    df = _table("sentiment_weights")
    out: dict = {}
    for model, feature, weight in zip(df["model"], df["feature"], df["weight"]):
        out.setdefault(model, {})[feature] = float(weight)
    return out


@lru_cache(maxsize=16)
def _words_cached(name: str, key) -> dict:
    df = _table(name)
    return {w: float(x) for w, x in zip(df["word"], df["weight"])}


@lru_cache(maxsize=16)
def _set_cached(name: str, key) -> frozenset:
    return frozenset(w.strip().lower() for w in _table(name)["word"])


def weights() -> dict:
    """The learned combination weights of the sentence ``score``: ``{"score": {feature: weight}}``
    (from ``data/lexicons/sentiment_weights.csv``; the toward model has its own files, see
    :func:`analysis.sentiment.target.model`)."""
    return _weights_cached(_key("sentiment_weights"))


def word_weights(name: str = "sentiment_words") -> dict:
    """A learned word table with one ``weight`` column (``sentiment_words`` for
    :func:`analysis.sentiment.score_sentences`) as ``{lower-case term: weight}``."""
    return _words_cached(name, _key(name))


def word_set(name: str) -> frozenset:
    """The lower-cased ``word`` column of a curated list in ``data/lexicons/``."""
    return _set_cached(name, _key(name))


@lru_cache(maxsize=16)
def _categories_cached(name: str, key) -> dict:
    df = _table(name)
    return {w.strip().lower(): c.strip() for w, c in zip(df["word"], df["category"])}


def word_categories(name: str) -> dict:
    """``{lower-case word: category}`` of a curated list in ``data/lexicons/`` with a ``category``
    column (``clause_markers``, ``toward_non_targets``)."""
    return _categories_cached(name, _key(name))


def shifters() -> frozenset:
    """Content words that turn a following negative word into good news ("fight terrorism",
    "reduce poverty", "prevent war"): ``data/lexicons/valence_shifters.csv``."""
    return word_set("valence_shifters")


def negators() -> frozenset:
    """Words that open a negation scope for the learned term table (``not``, ``never``,
    ``don't``, ...): ``data/lexicons/sentiment_negators.csv``."""
    return word_set("sentiment_negators")
