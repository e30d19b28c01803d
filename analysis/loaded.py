"""Loaded terms: a curated, auditable lexicon of loaded language, found with offsets, per voice,
per actor, in context, and against a reference corpus.

The lexicon is ``data/lexicons/loaded_terms.csv`` (one row per entry: ``term``, ``category``,
``polarity``, ``match``, ``rationale``, ``source``, ...). An entry is a word, a multi-word phrase or a
simple pattern:

* ``match = stem`` (default): every word is compared by its Snowball stem, so ``appease`` finds
  "appease", "appeasing", "appeased" and "appeasement";
* ``match = exact``: the word form itself (case-insensitive), for words whose stem would catch
  unrelated words ("deadly" stems to "dead");
* a word ending in ``*`` is a prefix (``hyster*``); a ``*`` on its own in a phrase stands for one to
  three words (``out of * playbook``);
* hyphens and spaces are the same inside a phrase (``upside down`` finds "upside-down"); the words of
  a phrase must not be separated by punctuation other than hyphens and quote marks.

Matching is one pass over the word tokens of :data:`analysis.resources.WORD_RE`: every distinct
surface form is looked up once (stem and candidate entries cached in a dict), phrases through an
index of their first word; the longest entry starting at a token wins and matches never overlap.

>>> from analysis import loaded
>>> hits = loaded.find_terms("Appeasing them was a grave mistake, an upside-down logic.")
>>> hits[["start", "end", "term", "match"]].values.tolist()
[[0, 9, 'appease', 'Appeasing'], [21, 34, 'grave mistake', 'grave mistake'], [39, 50, 'upside down', 'upside-down']]
>>> loaded.find_terms("").empty
True
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import lexicons, resources

LEXICON = "loaded_terms"
COLUMNS = ["start", "end", "term", "category", "polarity", "match"]
WILDCARD_MAX = 3  # a lone ``*`` in a phrase stands for 1..3 words
_CACHE_MAX = 500_000  # distinct surface forms remembered before the cache is cleared
# Between two words of a phrase: blanks, hyphens/dashes and quote marks only (no sentence punctuation).
_JOIN_RE = re.compile(r"[ \t\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013'\"\u2018\u2019\u201c\u201d]*")
_HYPHEN_PART_RE = re.compile(r"[^-]+")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


@lru_cache(maxsize=None)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # pure code, no downloaded data

    return SnowballStemmer("english")


def normalise(word: str) -> str:
    """Lower case, curly apostrophes straightened, a possessive ``'s`` dropped.

    >>> normalise("Cheney\u2019s"), normalise("U.S.")
    ('cheney', 'u.s.')
    """
    w = word.lower().translate(_APOS)
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    return w


def stem(word: str) -> str:
    """The matching key of a word: the Snowball stem of its normalised form.

    >>> [stem(w) for w in ("appease", "Appeasing", "appeased", "appeasement")]
    ['appeas', 'appeas', 'appeas', 'appeas']
    """
    w = normalise(word)
    return _stemmer().stem(w) if w else w


def term_pattern(term: str, match: str = "stem") -> tuple:
    """The compiled form of a lexicon entry: one element per word (a stem, ``=word`` for an exact
    form, ``word*`` for a prefix, ``None`` for a one-to-three-word wildcard).

    >>> term_pattern("out of * playbook")
    ('out', 'of', None, 'playbook')
    >>> term_pattern("deadly", "exact"), term_pattern("democratically-elected")
    (('=deadly',), ('democrat', 'elect'))
    """
    out = []
    for token in term.replace("\u2019", "'").split():
        if token == "*":
            out.append(None)
            continue
        for part in _HYPHEN_PART_RE.findall(token):
            if part.endswith("*") and len(part) > 1:
                out.append(normalise(part[:-1]) + "*")
            elif match == "exact":
                out.append("=" + normalise(part))
            else:
                out.append(stem(part))
    while out and out[0] is None:  # a pattern never starts or ends with a wildcard
        out.pop(0)
    while out and out[-1] is None:
        out.pop()
    return tuple(out)


@dataclass
class Compiled:
    """A lexicon ready for matching: entries, a first-word index and a surface-form cache."""

    entries: list  # entry id -> (term, category, polarity)
    starts: dict  # first key -> ((pattern, entry id), ...) longest first
    prefix_keys: tuple  # every prefix used anywhere in a pattern
    frame: pd.DataFrame = field(repr=False)
    cache: dict = field(default_factory=dict, repr=False)

    def info(self, token: str):
        """Cached ``(parts, hit)`` for one WORD_RE token: parts = ``((rel_start, rel_end, keys,
        candidates), ...)`` (hyphenated tokens give one part per piece); hit = any candidates."""
        v = self.cache.get(token)
        if v is not None:
            return v
        if len(self.cache) >= _CACHE_MAX:
            self.cache.clear()
        parts = []
        if "-" in token:
            pieces = [(m.start(), m.end(), m.group()) for m in _HYPHEN_PART_RE.finditer(token)]
        else:
            pieces = [(0, len(token), token)]
        hit = False
        for s, e, piece in pieces:
            low = normalise(piece)
            keys = {_stemmer().stem(low), "=" + low}
            keys.update(p for p in self.prefix_keys if low.startswith(p[:-1]))
            cands = []
            for k in keys:
                cands.extend(self.starts.get(k, ()))
            cands.sort(key=lambda c: (-len(c[0]), c[1]))
            hit = hit or bool(cands)
            parts.append((s, e, frozenset(keys), tuple(cands)))
        v = (tuple(parts), hit)
        self.cache[token] = v
        return v


def compile_lexicon(df: pd.DataFrame) -> Compiled:
    """Compile a lexicon table (``term``, ``category``, ``polarity``, optional ``match`` and
    ``status``; rows with ``status = off`` are kept in the file for the record but not matched).

    >>> import pandas as pd
    >>> c = compile_lexicon(pd.DataFrame({"term": ["appease"], "category": ["moral judgement"], "polarity": ["negative"]}))
    >>> [e[0] for e in c.entries]
    ['appease']
    """
    entries, starts, prefix_keys = [], {}, set()
    if "status" in df.columns:
        df = df[df["status"].astype(str).str.strip().str.lower() != "off"]
    match = df["match"] if "match" in df.columns else ["stem"] * len(df)
    polarity = df["polarity"] if "polarity" in df.columns else [""] * len(df)
    for term, cat, pol, how in zip(df["term"], df["category"], polarity, match):
        pat = term_pattern(str(term), str(how or "stem").strip().lower())
        if not pat:
            continue
        eid = len(entries)
        entries.append((str(term), str(cat), str(pol)))
        prefix_keys.update(p for p in pat if p and p.endswith("*"))
        starts.setdefault(pat[0], []).append((pat, eid))
    starts = {k: tuple(sorted(v, key=lambda c: (-len(c[0]), c[1]))) for k, v in starts.items()}
    frame = df.reset_index(drop=True)
    return Compiled(entries, starts, tuple(sorted(prefix_keys)), frame)


@lru_cache(maxsize=8)
def _default(path: str, mtime: float) -> Compiled:
    return compile_lexicon(lexicons.load(LEXICON))


@lru_cache(maxsize=8)
def _default_path(env) -> str:
    return str(lexicons.lexicon_dir() / f"{LEXICON}.csv")


def lexicon(source=None) -> Compiled:
    """The compiled lexicon: the repository's (cached; reloaded when the file changes), a CSV path
    of your own, a DataFrame, or an already compiled one."""
    if isinstance(source, Compiled):
        return source
    if isinstance(source, pd.DataFrame):
        return compile_lexicon(source)
    if source is not None:
        p = Path(source)
        return _from_file(str(p), p.stat().st_mtime)
    path = _default_path(os.environ.get("ANALYSIS_LEXICONS"))  # cheap: called once per find_terms
    return _default(path, os.stat(path).st_mtime)


@lru_cache(maxsize=8)
def _from_file(path: str, mtime: float) -> Compiled:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return compile_lexicon(df)


def _joined(text, flat, i) -> bool:
    """True when flat token ``i`` follows the previous one with nothing but blanks, hyphens or
    quote marks between them (a phrase never crosses other punctuation)."""
    prev = flat[i][4]
    return prev is not None and _JOIN_RE.fullmatch(text, prev, flat[i][0]) is not None


def _match(text, flat, i, pat, k=1):
    """Index after the last token of ``pat[k:]`` matched from flat token ``i`` (or None). Every
    token after a phrase's first word must be joined to the one before it."""
    n = len(flat)
    for pos in range(k, len(pat)):
        el = pat[pos]
        if el is None:
            for w in range(1, WILDCARD_MAX + 1):
                if i + w > n or not _joined(text, flat, i + w - 1):
                    return None
                end = _match(text, flat, i + w, pat, pos + 1)
                if end is not None:
                    return end
            return None
        if i >= n or el not in flat[i][2] or not _joined(text, flat, i):
            return None
        i += 1
    return i


def scan(text: str, lex=None) -> list[tuple[int, int, int]]:
    """Hits as ``[(start, end, entry id)]`` in text order (the fast core of :func:`find_terms`).

    >>> c = lexicon()
    >>> [(s, e, c.entries[i][0]) for s, e, i in scan("They appeased Washington vassal states.", c)]
    [(5, 13, 'appease'), (25, 31, 'vassal')]
    """
    if not text:
        return []
    comp = lexicon(lex)
    cache, info = comp.cache, comp.info
    for tok in resources.WORD_RE.findall(text):  # fast path: most sentences hold no candidate at all
        v = cache.get(tok) or info(tok)
        if v[1]:
            break
    else:
        return []
    flat = []  # (start, end, keys, candidates, end of the previous token)
    prev_end = None
    for m in resources.WORD_RE.finditer(text):
        base = m.start()
        for s, e, keys, cands in (cache.get(m.group()) or info(m.group()))[0]:
            flat.append((base + s, base + e, keys, cands, prev_end))
            prev_end = base + e
    out, i, n = [], 0, len(flat)
    while i < n:
        cands = flat[i][3]
        nxt = i + 1
        for pat, eid in cands:
            if len(pat) == 1:
                out.append((flat[i][0], flat[i][1], eid))
                break
            end = _match(text, flat, i + 1, pat)
            if end is not None:
                out.append((flat[i][0], flat[end - 1][1], eid))
                nxt = end
                break
        i = nxt
    return out


_EMPTY = pd.DataFrame({"start": pd.Series([], dtype="int64"), "end": pd.Series([], dtype="int64"),
                       **{c: pd.Series([], dtype=object) for c in COLUMNS[2:]}})


def _columns_frame(names, arrays, n) -> pd.DataFrame:
    """A DataFrame from ready column arrays. ``DataFrame._from_arrays`` skips the generic
    constructor's inference (~40 us instead of ~130 us for a small table, which matters when
    :func:`find_terms` is called once per sentence); the public constructor is the fallback."""
    try:
        return pd.DataFrame._from_arrays(arrays, columns=names, index=pd.RangeIndex(n), verify_integrity=False)
    except (AttributeError, TypeError):  # a pandas without the private constructor
        return pd.DataFrame(dict(zip(names, arrays)))


def _frame(rows, text_of, comp, doc=None) -> pd.DataFrame:
    if not rows:
        out = _EMPTY.copy()
        if doc is not None:
            out.insert(0, "doc", pd.Series([], dtype="int64"))
        return out
    ent = comp.entries
    names, arrays = [], []
    if doc is not None:
        names.append("doc")
        arrays.append(np.array(doc, dtype="int64"))
    names += COLUMNS
    arrays += [
        np.array([r[0] for r in rows], dtype="int64"), np.array([r[1] for r in rows], dtype="int64"),
        _obj([ent[r[2]][0] for r in rows]), _obj([ent[r[2]][1] for r in rows]),
        _obj([ent[r[2]][2] for r in rows]), _obj(text_of),
    ]
    return _columns_frame(names, arrays, len(rows))


def _obj(values) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _check_text(text) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        from .errors import ArticleError

        raise ArticleError(f"expected text (str), got {type(text).__name__}")
    return text


def find_terms(text: str, lexicon=None) -> pd.DataFrame:
    """Loaded-term hits in ``text``: ``start``, ``end``, ``term`` (the lexicon entry), ``category``,
    ``polarity``, ``match`` (= ``text[start:end]``), in text order, never overlapping.

    >>> find_terms("Kiev joins Washington vassal Bulgaria.")[["term", "category"]].values.tolist()
    [['vassal', 'delegitimising label']]
    """
    text = _check_text(text)
    comp = globals()["lexicon"](lexicon)
    rows = scan(text, comp)
    return _frame(rows, [text[s:e] for s, e, _ in rows], comp)


def find_terms_many(texts, lexicon=None) -> pd.DataFrame:
    """:func:`find_terms` over many texts at once (one DataFrame; ``doc`` = position in ``texts``).
    Much cheaper than one call per text when most texts hold no hit.

    >>> find_terms_many(["No hit here.", "A sham vote."])[["doc", "term"]].values.tolist()
    [[1, 'sham']]
    """
    comp = globals()["lexicon"](lexicon)
    doc, rows, match = [], [], []
    for d, text in enumerate(texts):
        text = _check_text(text)
        for r in scan(text, comp):
            doc.append(d)
            rows.append(r)
            match.append(text[r[0]:r[1]])
    return _frame(rows, match, comp, doc=doc)
