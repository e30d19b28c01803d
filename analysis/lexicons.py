"""The one loader for the curated word lists in ``data/lexicons/`` (CSV, audited by researchers).

Every lexicon is a CSV file with at least a ``rationale`` and a ``source`` column, so each entry
says why it is there and where it came from. Set ``ANALYSIS_LEXICONS`` to a folder of your own
files to use edited copies without touching the repository.

>>> from analysis import lexicons
>>> ab = lexicons.load("abbreviations")
>>> "sept" in set(ab.abbreviation)
True
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

REQUIRED = ("rationale", "source")


def lexicon_dir() -> Path:
    """The folder lexicons are read from: ``$ANALYSIS_LEXICONS`` or the repository's ``data/lexicons``."""
    env = os.environ.get("ANALYSIS_LEXICONS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data" / "lexicons"


@lru_cache(maxsize=None)
def _read(path: str, mtime: float) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None, encoding="utf-8")
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"lexicon {path} lacks the column(s) {', '.join(missing)}")
    return df


def load(name: str) -> pd.DataFrame:
    """Read ``data/lexicons/<name>.csv`` as strings (a fresh copy each call, cached on disk mtime)."""
    path = lexicon_dir() / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon {name!r} at {path}")
    return _read(str(path), path.stat().st_mtime).copy()
