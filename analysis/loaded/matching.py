"""Loaded-term matching on plain text: the lexicon compiled (words by stem, exact forms, prefixes,
phrases with a one-to-three-word wildcard, forms a word entry does not match) and one pass over the
word tokens (:func:`scan`, :func:`find_terms`, :func:`find_terms_many`).
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from .. import lexicons, names, resources
from ..article import columns_frame, object_array
from ..errors import ArticleError

LEXICON = "loaded_terms"
NEUTRAL = "loaded_neutral"  # factual uses of charged words: matched, never reported
NEUTRAL_CATEGORY = "neutral"
_NEXT_CHAR_RE = re.compile(r"[ \t\u00a0]*(\S)")
SHORT_QUOTE_WORDS = 3  # a loaded word inside a double-quoted passage of at most this many words is not reported
_SHORT_QUOTE_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{1,80}?)[\"\u201d]")
COLUMNS = ["start", "end", "term", "category", "polarity", "match"]
WILDCARD_MAX = 3  # a lone ``*`` in a phrase stands for 1..3 words
_CACHE_MAX = 500_000  # distinct surface forms remembered before the cache is cleared
# Between two words of a phrase: blanks, hyphens/dashes and quote marks only (no sentence punctuation).
JOIN_RE = re.compile(r"[ \t\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013'\"\u2018\u2019\u201c\u201d]*")
HYPHEN_PART_RE = re.compile(r"[^-]+")
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
    form, ``word*`` for a prefix, ``None`` for a one-to-three-word wildcard, a tuple of keys for
    alternatives written ``a|b|c``).

    >>> term_pattern("out of * playbook")
    ('out', 'of', None, 'playbook')
    >>> term_pattern("slaughter * chickens|cattle")
    ('slaughter', None, ('chicken', 'cattl'))
    >>> term_pattern("deadly", "exact"), term_pattern("democratically-elected")
    (('=deadly',), ('democrat', 'elect'))
    """
    out = []
    for token in term.replace("\u2019", "'").split():
        if token == "*":
            out.append(None)
            continue
        if "|" in token:  # alternatives for one word: a tuple of keys
            out.append(tuple(dict.fromkeys(("=" + normalise(w)) if match == "exact" else stem(w)
                                           for w in token.split("|") if w)))
            continue
        for part in HYPHEN_PART_RE.findall(token):
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
    excepted: dict = field(default_factory=dict, repr=False)  # entry id -> forms it does not match (single words)
    span: int = 1  # the most flat tokens one pattern can cover (a wildcard counts WILDCARD_MAX)
    neutral: int = 0  # entry ids below this are neutral phrases: matched, never reported
    before_name: frozenset = frozenset()  # entry ids not reported right before a name or a quotation ("so-called")

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
            pieces = [(m.start(), m.end(), m.group()) for m in HYPHEN_PART_RE.finditer(token)]
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
            if self.excepted:
                cands = [c for c in cands if low not in self.excepted.get(c[1], ())]
            cands.sort(key=lambda c: (-len(c[0]), c[1]))
            hit = hit or bool(cands)
            parts.append((s, e, frozenset(keys), tuple(cands)))
        v = (tuple(parts), hit)
        self.cache[token] = v
        return v


def compile_lexicon(df: pd.DataFrame, neutral: pd.DataFrame | None = None) -> Compiled:
    """Compile a lexicon table (``term``, ``category``, ``polarity``, optional ``match``,
    ``status`` and ``except_forms``; rows with ``status = off`` are kept in the file for the
    record but not matched; ``except_forms``: space-separated word forms a single-word entry does
    not match) together with the neutral phrases (``neutral``: a table with ``term`` and optional
    ``match``; default the repository's ``loaded_neutral.csv``; an empty table for none).

    A neutral phrase is a factual use of a charged word ("gross domestic product", "police
    brutality", "cancer patients"): it is matched like an entry and, where it matches, takes its
    words, but it is never reported. At the same start the longest pattern wins; a neutral phrase
    wins a tie.

    >>> import pandas as pd
    >>> none = pd.DataFrame({"term": []})
    >>> mine = pd.DataFrame({"term": ["appease"], "category": ["moral judgement"], "polarity": ["negative"]})
    >>> c = compile_lexicon(mine, none)
    >>> [e[0] for e in c.entries]
    ['appease']
    >>> mine = pd.DataFrame({"term": ["aggression"], "category": ["violence/threat"], "except_forms": ["aggression"]})
    >>> c = compile_lexicon(mine, none)
    >>> [h[2] for h in scan("Aggression? No: aggressive.", c)]
    [0]
    >>> mine = pd.DataFrame({"term": ["gross"], "category": ["moral judgement"]})
    >>> c = compile_lexicon(mine, pd.DataFrame({"term": ["gross domestic product"]}))
    >>> [c.entries[h[2]][0] for h in scan("Gross domestic product fell; a gross abuse.", c)]
    ['gross']
    """
    if neutral is None:
        neutral = lexicons.load(NEUTRAL)
    entries, starts, prefix_keys, excepted, span = [], {}, set(), {}, 1
    if "status" in df.columns:
        df = df[df["status"].astype(str).str.strip().str.lower() != "off"]
    rows = [(str(t), NEUTRAL_CATEGORY, "", how, "") for t, how in
            zip(neutral["term"], neutral["match"] if "match" in neutral.columns else ["stem"] * len(neutral))]
    match = df["match"] if "match" in df.columns else ["stem"] * len(df)
    polarity = df["polarity"] if "polarity" in df.columns else [""] * len(df)
    exc = df["except_forms"] if "except_forms" in df.columns else [""] * len(df)
    nxt = df["except_next"] if "except_next" in df.columns else [""] * len(df)
    rows = [r + ("",) for r in rows] + list(zip(df["term"], df["category"], polarity, match, exc, nxt))
    n_neutral, before_name = 0, set()
    for k, (term, cat, pol, how, ex, after) in enumerate(rows):
        pat = term_pattern(str(term), str(how or "stem").strip().lower())
        if not pat:
            continue
        eid = len(entries)
        n_neutral += k < len(neutral)
        entries.append((str(term), str(cat), str(pol)))
        prefix_keys.update(p for p in pat if isinstance(p, str) and p.endswith("*"))
        for first in (pat[0] if isinstance(pat[0], tuple) else (pat[0],)):
            starts.setdefault(first, []).append((pat, eid))
        span = max(span, sum(1 if el is not None else WILDCARD_MAX for el in pat))
        forms = frozenset(normalise(f) for f in str(ex or "").split()) if isinstance(ex, str) else frozenset()
        if forms and len(pat) == 1:
            excepted[eid] = forms
        if str(after or "").strip().lower() == "name":
            before_name.add(eid)
    starts = {k: tuple(sorted(v, key=lambda c: (-len(c[0]), c[1]))) for k, v in starts.items()}
    frame = df.reset_index(drop=True)
    return Compiled(entries, starts, tuple(sorted(prefix_keys)), frame, excepted=excepted, span=span,
                    neutral=n_neutral, before_name=frozenset(before_name))


@lru_cache(maxsize=8)
def _default(path: str, mtimes: tuple) -> Compiled:
    return compile_lexicon(lexicons.load(LEXICON))


@lru_cache(maxsize=8)
def _default_paths(env) -> tuple[str, str]:
    d = lexicons.lexicon_dir()
    return str(d / f"{LEXICON}.csv"), str(d / f"{NEUTRAL}.csv")


def lexicon(source=None) -> Compiled:
    """The compiled lexicon: the repository's (cached; reloaded when its files change), a CSV path
    of your own, a DataFrame, or an already compiled one (the repository's neutral phrases are
    compiled with a table or file of your own)."""
    if isinstance(source, Compiled):
        return source
    if isinstance(source, pd.DataFrame):
        return compile_lexicon(source)
    if source is not None:
        p = Path(source)
        neutral = _default_paths(os.environ.get("ANALYSIS_LEXICONS"))[1]
        return _from_file(str(p), p.stat().st_mtime, os.stat(neutral).st_mtime)
    paths = _default_paths(os.environ.get("ANALYSIS_LEXICONS"))  # cheap: called once per find_terms
    return _default(paths[0], tuple(os.stat(p).st_mtime for p in paths))


@lru_cache(maxsize=8)
def _from_file(path: str, mtime: float, neutral_mtime: float) -> Compiled:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return compile_lexicon(df)


def _joined(text, flat, i) -> bool:
    """True when flat token ``i`` follows the previous one with nothing but blanks, hyphens or
    quote marks between them (a phrase never crosses other punctuation)."""
    return i > 0 and JOIN_RE.fullmatch(text, flat[i - 1][1], flat[i][0]) is not None


def match_phrase(text, flat, i, pat, k=1) -> int | None:
    """Index after the last token of ``pat[k:]`` matched from flat token ``i`` (or None). Every
    token after a phrase's first word must be joined to the one before it."""
    n = len(flat)
    for pos in range(k, len(pat)):
        el = pat[pos]
        if el is None:
            for w in range(1, WILDCARD_MAX + 1):
                if i + w > n or not _joined(text, flat, i + w - 1):
                    return None
                end = match_phrase(text, flat, i + w, pat, pos + 1)
                if end is not None:
                    return end
            return None
        if i >= n or not _joined(text, flat, i):
            return None
        if el not in flat[i][2] if isinstance(el, str) else flat[i][2].isdisjoint(el):
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
    toks, starts, _ends = resources.token_spans(text)
    return _scan(text, lexicon(lex), toks, starts)


def _scan(text: str, comp: Compiled, toks: list, starts: list) -> list[tuple[int, int, int]]:
    """:func:`scan` over the ``WORD_RE`` tokens of ``text`` and their start offsets. Only the
    tokens with candidates are visited; a phrase is matched over the flat tokens (hyphenated tokens
    give one per piece) from its first word on (see :func:`_window`). Neutral phrases take their
    words without being reported; neither is a capitalised single word inside a name, nor a hit
    inside a short quotation (see :func:`_short_quotes`)."""
    cache, info, neutral, memo, before_name = comp.cache, comp.info, comp.neutral, {}, comp.before_name
    infos = [cache.get(tok) or info(tok) for tok in toks]
    out, covered = [], 0  # covered: the end of the last phrase matched (no match starts inside one)
    quoted = _short_quotes(text) if ('"' in text or "\u201c" in text) else None
    for j in itertools.compress(itertools.count(), map(itemgetter(1), infos)):  # tokens with candidates
        base = starts[j]
        for p, (s, e, _keys, cands) in enumerate(infos[j][0]):
            if not cands or base + s < covered:
                continue
            flat = None
            for pat, eid in cands:
                if len(pat) == 1:
                    if (eid >= neutral and not (text[base + s].isupper() and _in_name(text, base + s, base + e, memo))
                            and not (quoted and _inside(quoted, base + s, base + e))
                            and not (eid in before_name and _names_next(text, base + e))):
                        out.append((base + s, base + e, eid))
                    break
                flat = flat or _window(infos, starts, j, p, comp.span)
                end = match_phrase(text, flat, 1, pat)
                if end is not None:
                    covered = flat[end - 1][1]
                    if (eid >= neutral and not (quoted and _inside(quoted, base + s, covered))
                            and not (eid in before_name and _names_next(text, covered))):
                        out.append((base + s, covered, eid))
                    break
    return out


def _names_next(text: str, end: int) -> bool:
    """True when a capitalised word or an opening quotation mark follows ``end`` (after blanks): the
    entry introduces a name or a term ("the so-called Demilitarized Zone", 'a so-called "sunset"
    clause') rather than casting doubt on a claim."""
    m = _NEXT_CHAR_RE.match(text, end)
    return m is not None and (m.group(1).isupper() or m.group(1) in "\"'\u201c\u2018")


def _short_quotes(text: str) -> tuple[list, list]:
    """Starts and ends of the short double-quoted passages of ``text`` (at most
    :data:`SHORT_QUOTE_WORDS` words, on one line): a word someone else used, reported or held at a
    distance ('called the ad "racist"', 'the "experts"'), not the writer's own loaded word."""
    starts, ends = [], []
    for m in _SHORT_QUOTE_RE.finditer(text):
        if len(resources.WORD_RE.findall(m.group(1))) <= SHORT_QUOTE_WORDS:
            starts.append(m.start(1))
            ends.append(m.end(1))
    return starts, ends


def _inside(quoted: tuple[list, list], s: int, e: int) -> bool:
    k = bisect.bisect_right(quoted[0], s) - 1
    return k >= 0 and e <= quoted[1][k]


def _in_name(text: str, start: int, end: int, memo: dict) -> bool:
    """A single capitalised word inside a proper name or title ("Michael Savage", "Liberty
    University") is a name, not a loaded word (see :mod:`analysis.names`)."""
    lists = memo.get("lists")
    if lists is None:
        lists = memo["lists"] = names.words()
    return bool(names.name_rule(text, start, end, lists, memo))


def _window(infos, starts, j, p, size: int) -> list:
    """The flat tokens ``(start, end, keys, candidates)`` from piece ``p`` of token ``j`` on: at
    least ``size`` of them (the most a pattern can cover from there), or all up to the end of the text."""
    flat = []
    for k in range(j, len(infos)):
        base = starts[k]
        flat.extend((base + s, base + e, keys, cands) for s, e, keys, cands in infos[k][0][p if k == j else 0:])
        if len(flat) >= size:
            break
    return flat


_EMPTY = pd.DataFrame({"start": pd.Series([], dtype="int64"), "end": pd.Series([], dtype="int64"),
                       **{c: pd.Series([], dtype=object) for c in COLUMNS[2:]}})


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
        object_array([ent[r[2]][0] for r in rows]), object_array([ent[r[2]][1] for r in rows]),
        object_array([ent[r[2]][2] for r in rows]), object_array(text_of),
    ]
    return columns_frame(names, arrays, len(rows))


def _check_text(text) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
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

