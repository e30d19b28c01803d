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
* ``except_forms`` (optional column, single-word entries only): word forms the entry does not match
  although its stem would (``aggression`` with ``except_forms = aggression`` still finds
  "aggressive" and "aggressively");
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

import bisect
import itertools
import math
import os
import re
import time
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from . import lexicons, resources
from .article import column_list, columns_frame, object_array
from .framing import quote_columns

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
    excepted: dict = field(default_factory=dict, repr=False)  # entry id -> forms it does not match (single words)
    span: int = 1  # the most flat tokens one pattern can cover (a wildcard counts WILDCARD_MAX)

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
            if self.excepted:
                cands = [c for c in cands if low not in self.excepted.get(c[1], ())]
            cands.sort(key=lambda c: (-len(c[0]), c[1]))
            hit = hit or bool(cands)
            parts.append((s, e, frozenset(keys), tuple(cands)))
        v = (tuple(parts), hit)
        self.cache[token] = v
        return v


def compile_lexicon(df: pd.DataFrame) -> Compiled:
    """Compile a lexicon table (``term``, ``category``, ``polarity``, optional ``match``,
    ``status`` and ``except_forms``; rows with ``status = off`` are kept in the file for the
    record but not matched; ``except_forms``: space-separated word forms a single-word entry does
    not match).

    >>> import pandas as pd
    >>> c = compile_lexicon(pd.DataFrame({"term": ["appease"], "category": ["moral judgement"], "polarity": ["negative"]}))
    >>> [e[0] for e in c.entries]
    ['appease']
    >>> c = compile_lexicon(pd.DataFrame({"term": ["aggression"], "category": ["violence/threat"], "except_forms": ["aggression"]}))
    >>> [h[2] for h in scan("Aggression? No: aggressive.", c)]
    [0]
    """
    entries, starts, prefix_keys, excepted, span = [], {}, set(), {}, 1
    if "status" in df.columns:
        df = df[df["status"].astype(str).str.strip().str.lower() != "off"]
    match = df["match"] if "match" in df.columns else ["stem"] * len(df)
    polarity = df["polarity"] if "polarity" in df.columns else [""] * len(df)
    exc = df["except_forms"] if "except_forms" in df.columns else [""] * len(df)
    for term, cat, pol, how, ex in zip(df["term"], df["category"], polarity, match, exc):
        pat = term_pattern(str(term), str(how or "stem").strip().lower())
        if not pat:
            continue
        eid = len(entries)
        entries.append((str(term), str(cat), str(pol)))
        prefix_keys.update(p for p in pat if p and p.endswith("*"))
        starts.setdefault(pat[0], []).append((pat, eid))
        span = max(span, sum(1 if el is not None else WILDCARD_MAX for el in pat))
        forms = frozenset(normalise(f) for f in str(ex or "").split()) if isinstance(ex, str) else frozenset()
        if forms and len(pat) == 1:
            excepted[eid] = forms
    starts = {k: tuple(sorted(v, key=lambda c: (-len(c[0]), c[1]))) for k, v in starts.items()}
    frame = df.reset_index(drop=True)
    return Compiled(entries, starts, tuple(sorted(prefix_keys)), frame, excepted=excepted, span=span)


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
    return i > 0 and _JOIN_RE.fullmatch(text, flat[i - 1][1], flat[i][0]) is not None


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
    toks, starts, _ends = resources.token_spans(text)
    return _scan(text, lexicon(lex), toks, starts)


def _scan(text: str, comp: Compiled, toks: list, starts: list) -> list[tuple[int, int, int]]:
    """:func:`scan` over the ``WORD_RE`` tokens of ``text`` and their start offsets. Only the
    tokens with candidates are visited; a phrase is matched over the flat tokens (hyphenated tokens
    give one per piece) from its first word on (see :func:`_window`)."""
    cache, info = comp.cache, comp.info
    infos = [cache.get(tok) or info(tok) for tok in toks]
    out, covered = [], 0  # covered: the end of the last phrase matched (no match starts inside one)
    for j in itertools.compress(itertools.count(), map(itemgetter(1), infos)):  # tokens with candidates
        base = starts[j]
        for p, (s, e, _keys, cands) in enumerate(infos[j][0]):
            if not cands or base + s < covered:
                continue
            flat = None
            for pat, eid in cands:
                if len(pat) == 1:
                    out.append((base + s, base + e, eid))
                    break
                flat = flat or _window(infos, starts, j, p, comp.span)
                end = _match(text, flat, 1, pat)
                if end is not None:
                    covered = flat[end - 1][1]
                    out.append((base + s, covered, eid))
                    break
    return out


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


# --------------------------------------------------------------------------- the article view
VOICE_LABELS = {"report": "reporter", "editorial": "editorial", "boilerplate": "boilerplate"}
_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_MISSING: dict = {}
# Fallback while analysis.quotes is absent: a double-quoted passage of four words or more.
_QUOTE_FALLBACK_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{12,}?)[\"\u201d]")


def _as_article(article):
    from .article import Article

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    from .errors import ArticleError

    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


def _optional(module: str, func: str, article):
    """``analysis.<module>.<func>(article)`` when that module exists (written by another helper),
    else ``None`` (looked for again after a minute). Errors inside it are not hidden."""
    import importlib

    if time.monotonic() - _MISSING.get(module, -1e9) < 60:
        return None
    try:
        mod = importlib.import_module(f"analysis.{module}")
    except ModuleNotFoundError as e:
        if e.name == f"analysis.{module}":
            _MISSING[module] = time.monotonic()
            return None
        raise
    fn = getattr(mod, func, None)
    if fn is None:
        return None
    from .article import shared

    return shared(article, f"analysis.{module}.{func}", lambda: fn(article))  # one call per article for all analyses


def _view(article) -> dict:
    v = _VIEWS.get(article)
    if v is None:
        v = _VIEWS[article] = {}
    return v


def _table(spec, rows) -> pd.DataFrame:
    """A DataFrame from row tuples; ``spec`` = [(column, kind)] with kind ``i`` (int64), ``f``
    (float64), ``b`` (bool) or ``o`` (object: strings)."""
    cols = list(zip(*rows)) if rows else [()] * len(spec)
    arrays = []
    for (name, kind), col in zip(spec, cols):
        if kind == "o":
            arrays.append(object_array(list(col)))
        else:
            arrays.append(np.array(col, dtype={"i": "int64", "f": "float64", "b": "bool"}[kind]))
    return columns_frame([n for n, _ in spec], arrays, len(rows))


def _speech(article) -> list:
    """Cached ``[(start, end, speaker, kind)]`` of quoted speech (see :func:`speech_spans`)."""
    v = _view(article)
    if "speech" in v:
        return v["speech"]
    q = quote_columns(article)  # find_quotes' columns, shared with framing
    rows = []
    n = len(article.text)
    if q is not None:
        kinds = [str(k) for k in q["kind"]] if "kind" in q else [""] * len(q["start"])
        for sp, kind, s, e in zip(q["speaker"], kinds, q["start"], q["end"]):
            try:
                s, e = int(s), int(e)
            except (TypeError, ValueError):
                continue
            if "scare" in kind.lower() or not (0 <= s < e <= n):
                continue
            name = "" if sp is None or (isinstance(sp, float) and math.isnan(sp)) else str(sp).strip()
            rows.append((s, e, name if name and name.lower() not in ("nan", "none") else "(unattributed quote)", kind))
    else:
        for m in _QUOTE_FALLBACK_RE.finditer(article.text):
            if len(resources.WORD_RE.findall(m.group(1))) >= 4:
                rows.append((m.start(1), m.end(1), "(quoted, speaker unknown)", "fallback"))
    rows.sort(key=lambda r: (r[0], -r[1], r[2]))
    v["speech"] = rows
    return rows


SPEECH_SPEC = [("start", "i"), ("end", "i"), ("speaker", "o"), ("kind", "o")]


def speech_spans(article) -> pd.DataFrame:
    """Where quoted speakers talk: ``start``, ``end``, ``speaker``, ``kind``, from
    ``analysis.quotes.find_quotes`` (scare quotes and empty spans left out; a missing speaker reads
    ``(unattributed quote)``). Until that module exists, double-quoted passages of four words or
    more stand in, with speaker ``(quoted, speaker unknown)`` and kind ``fallback``."""
    return _table(SPEECH_SPEC, _speech(_as_article(article)))


class _Locator:
    """Who speaks at an offset: the quoted speaker (innermost utterance holding it), else the
    voice of the paragraph (``reporter``, ``editorial``, ``boilerplate``)."""

    def __init__(self, article):
        lay = _view(article).get("layout")
        if lay is None:
            col = article.column
            lay = _view(article)["layout"] = (col("paragraphs", "start"), col("paragraphs", "voice"), col("sentences", "start"))
        self.pstart, self.pvoice, self.sstart = lay
        sp = _speech(article)
        self.qs = [r[0] for r in sp]
        self.sp = sp
        reach, top = [], -1  # reach[i]: the furthest end of spans 0..i (none before i+1 holds an offset past it)
        for r in sp:
            top = max(top, r[1])
            reach.append(top)
        self.reach = reach

    def speech_at(self, o: int):
        """Index of the innermost speech span holding ``o``, or None."""
        i = bisect.bisect_right(self.qs, o) - 1
        best = None
        reach = self.reach
        while i >= 0 and reach[i] > o:
            s, e = self.sp[i][0], self.sp[i][1]
            if s <= o < e and (best is None or e - s < self.sp[best][1] - self.sp[best][0]):
                best = i
            i -= 1
        return best

    def at(self, o: int):
        """(voice, speaker, who, quote kind, paragraph, sentence) at offset ``o``."""
        pi = max(0, bisect.bisect_right(self.pstart, o) - 1)
        voice = self.pvoice[pi] if self.pvoice else "report"
        si = max(0, bisect.bisect_right(self.sstart, o) - 1)
        best = self.speech_at(o) if self.qs else None
        if best is not None:
            who = self.sp[best][2]
            return voice, who, who, self.sp[best][3], pi, si
        return voice, f"({voice})", VOICE_LABELS.get(voice, voice), "", pi, si


def _actor_index(article) -> tuple[list, list]:
    """Mentions from ``analysis.actors.find_mentions`` as sorted (start, end, actor, how) spans: the
    labelling pre-modifier of a mention (how = ``modifier``) and the mention itself (``mention``);
    with the furthest end of the spans up to each one (see :func:`_attach`)."""
    m = _optional("actors", "mention_columns", article)  # the rows of find_mentions as column lists
    if m is None:
        m = _optional("actors", "find_mentions", article)
        m = None if m is None else {c: column_list(m, c) for c in m.columns}
    spans = []
    n = len(m.get("actor", ())) if m is not None else 0
    if n:
        ms = m.get("modifier_start", [-1] * n)
        me = m.get("modifier_end", [-1] * n)
        for actor, s, e, a, b in zip(m["actor"], m["start"], m["end"], ms, me):
            try:
                if a is not None and b is not None and 0 <= int(a) < int(b):
                    spans.append((int(a), int(b), str(actor), "modifier"))
            except (TypeError, ValueError):  # NaN / None modifier offsets
                pass
            spans.append((int(s), int(e), str(actor), "mention"))
    spans.sort()
    return spans, list(itertools.accumulate(map(itemgetter(1), spans), max))


def _attach(index, s: int, e: int):
    """``(actor, how)`` of the first span of :func:`_actor_index` (in sorted order) that contains the
    hit ``[s, e)``, else ``None``. The first span ending at or after ``e`` is where the furthest end
    so far reaches ``e`` (a bisection); it holds the hit if it starts at or before ``s``, and else
    no span does (every span before it ends before ``e``, every span after it starts after ``s``)."""
    spans, reach = index
    k = bisect.bisect_left(reach, e)
    if k < len(spans) and spans[k][0] <= s:
        return spans[k][2], spans[k][3]
    return None


def _located(article) -> dict:
    """Cached per article: hits with their place and speaker, and words per voice / speaker."""
    v = _view(article)
    if "located" in v:
        return v["located"]
    text = article.text
    comp = lexicon()
    loc = _Locator(article)
    toks, starts, _ends = resources.token_spans(text)
    raw = _scan(text, comp, toks, starts) if text else []
    actors = _actor_index(article) if raw else ([], [])
    rows = []
    for s, e, eid in raw:
        term, cat, pol = comp.entries[eid]
        voice, speaker, who, kind, pi, si = loc.at(s)
        att = _attach(actors, s, e)
        rows.append((s, e, term, cat, pol, voice, speaker, who, kind, att[0] if att else "", att[1] if att else "",
                     pi, si, text[s:e]))
    # words per voice: whole paragraphs by bisection, then the words inside quoted speech moved to
    # their speaker (only those words are located one by one)
    words, first, kinds = {}, {}, {}
    bounds = loc.pstart[1:] + [len(text) + 1]
    lo = 0
    for pi, (ps, voice) in enumerate(zip(loc.pstart, loc.pvoice)):
        hi = bisect.bisect_left(starts, bounds[pi])
        if hi > lo:
            who = VOICE_LABELS.get(voice, voice)
            words[who] = words.get(who, 0) + hi - lo
            first.setdefault(who, starts[lo])
            kinds.setdefault(who, who)
        lo = max(lo, hi)
    if not loc.pstart and starts:
        words["reporter"], first["reporter"], kinds["reporter"] = len(starts), starts[0], "reporter"
    sp = loc.sp
    if all(sp[i - 1][1] <= sp[i][0] for i in range(1, len(sp))):
        # spans apart (the usual case): each span's words, paragraph by paragraph, go to its speaker
        ends = loc.pstart[1:]
        for s, e, who, _ in sp:
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            while lo < hi:
                o = starts[lo]
                pi = max(0, bisect.bisect_right(loc.pstart, o) - 1)
                voice = loc.pvoice[pi] if loc.pvoice else "report"
                # the words of this span up to the end of paragraph pi
                stop = min(hi, bisect.bisect_left(starts, ends[pi])) if pi < len(ends) else hi
                base = VOICE_LABELS.get(voice, voice)
                if who != base:
                    words[base] -= stop - lo
                    words[who] = words.get(who, 0) + stop - lo
                    first.setdefault(who, o)
                    kinds.setdefault(who, "speaker")
                lo = stop
    else:  # nested or overlapping spans: each word's innermost span
        inside = set()
        for s, e, _, _ in sp:
            inside.update(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
        for t in sorted(inside):
            o = starts[t]
            voice, speaker, who, *_ = loc.at(o)
            base = VOICE_LABELS.get(voice, voice)
            if who != base:
                words[base] -= 1
                words[who] = words.get(who, 0) + 1
                first.setdefault(who, o)
                kinds.setdefault(who, "speaker")
    for who in [w for w, n in words.items() if n <= 0 and w in VOICE_LABELS.values()]:
        if not any(r[7] == who for r in rows):
            del words[who]
    v["located"] = {"rows": rows, "words": words, "first": first, "kinds": kinds}
    return v["located"]


def hits(article) -> pd.DataFrame:
    """Every loaded-term hit of an article with who is speaking there.

    Columns: ``start``, ``end``, ``term`` (lexicon entry), ``category``, ``polarity``, ``voice``
    (the paragraph's: report/editorial/boilerplate), ``speaker`` (the quoted speaker when the hit is
    inside an utterance, else the voice in brackets), ``who`` (``reporter``, ``editorial``,
    ``boilerplate`` or the speaker's name: the rows of :func:`by_voice`), ``quote_kind``, ``actor``
    (the actor the term labels, see :func:`by_actor`), ``paragraph``, ``sentence``, ``text``
    (= ``article.text[start:end]``).

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday.\\n\\nComment: A sham vote by a puppet regime.")
    >>> hits(a)[["text", "category", "who"]].values.tolist()
    [['sham', 'deception', 'editorial'], ['puppet', 'delegitimising label', 'editorial'], ['regime', 'delegitimising label', 'editorial']]
    """
    article = _as_article(article)
    rows = [r[:10] + r[11:] for r in _located(article)["rows"]]
    return _table(HITS_SPEC, rows)


def hit_columns(article) -> dict:
    """The rows of :func:`hits` as a dict of column lists (for corpus mode, which converts the
    columns to Arrow itself); an article without hits gets the (typed, empty) DataFrame of :func:`hits`.

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday.\\n\\nComment: A sham vote by a puppet regime.")
    >>> hit_columns(a) == {k: v.tolist() for k, v in hits(a).items()}
    True
    """
    article = _as_article(article)
    rows = _located(article)["rows"]
    if not rows:
        return hits(article)
    cast = {"i": int, "f": float}
    out = {}
    for i, (name, kind) in zip((*range(10), *range(11, 14)), HITS_SPEC):
        f = cast.get(kind)
        out[name] = [f(r[i]) for r in rows] if f else [r[i] for r in rows]
    return out


HITS_SPEC = [("start", "i"), ("end", "i"), ("term", "o"), ("category", "o"), ("polarity", "o"), ("voice", "o"),
             ("speaker", "o"), ("who", "o"), ("quote_kind", "o"), ("actor", "o"), ("paragraph", "i"),
             ("sentence", "i"), ("text", "o")]
HITS_COLUMNS = [n for n, _ in HITS_SPEC]


def _who_order(loc: dict) -> list:
    """Reporter, editorial, then speakers in order of first appearance, boilerplate last."""
    speakers = sorted((w for w, k in loc["kinds"].items() if k == "speaker"), key=lambda w: (loc["first"][w], w))
    fixed = [w for w in ("reporter", "editorial") if w in loc["words"]]
    tail = [w for w in ("boilerplate",) if w in loc["words"]]
    return fixed + speakers + tail


BY_VOICE_SPEC = [("who", "o"), ("kind", "o"), ("words", "i"), ("hits", "i"), ("per_1000_words", "f"), ("terms", "i"),
                 ("top_terms", "o")]


def by_voice(article) -> pd.DataFrame:
    """Hits per voice as counts and rates per 1,000 words: one row per ``who`` (``reporter`` = the
    report voice outside quotations, ``editorial``, each quoted speaker, ``boilerplate``) plus a
    ``total`` row. Columns: ``who``, ``kind`` (reporter/editorial/speaker/boilerplate/total),
    ``words``, ``hits``, ``per_1000_words``, ``terms`` (distinct entries), ``top_terms``.

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday to talk about the budget and schools.\\n\\nComment: A sham vote.")
    >>> by_voice(a)[["who", "words", "hits"]].values.tolist()
    [['reporter', 11, 0], ['editorial', 4, 1], ['total', 15, 1]]
    """
    return _table(BY_VOICE_SPEC, _by_voice_rows(_as_article(article)))


def by_voice_columns(article) -> dict:
    """The rows of :func:`by_voice` as a dict of column lists (for corpus mode, see :func:`hit_columns`).

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday.\\n\\nComment: A sham vote by a puppet regime.")
    >>> by_voice_columns(a) == {k: v.tolist() for k, v in by_voice(a).items()}
    True
    """
    rows = _by_voice_rows(_as_article(article))  # never empty: the total row
    cast = {"i": int, "f": float}
    out = {}
    for (name, kind), col in zip(BY_VOICE_SPEC, zip(*rows)):
        f = cast.get(kind)
        out[name] = [f(x) for x in col] if f else list(col)
    return out


def _by_voice_rows(article) -> list[tuple]:
    loc = _located(article)
    per = {}
    for r in loc["rows"]:
        per.setdefault(r[7], []).append(r[2])
    rows = []
    for who in _who_order(loc) + [w for w in per if w not in loc["words"]]:
        terms = per.get(who, [])
        words = loc["words"].get(who, 0)
        rows.append((who, loc["kinds"].get(who, "speaker"), words, len(terms),
                     round(1000 * len(terms) / words, 2) if words else 0.0, len(set(terms)), _top(terms)))
    total_words, total = sum(loc["words"].values()), [r[2] for r in loc["rows"]]
    rows.append(("total", "total", total_words, len(total), round(1000 * len(total) / total_words, 2) if total_words else 0.0,
                 len(set(total)), _top(total)))
    return rows


def _top(terms, n: int = 5) -> str:
    counts = {}
    for t in terms:
        counts[t] = counts.get(t, 0) + 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{t} ×{c}" if c > 1 else t for t, c in best)


def by_category(article) -> pd.DataFrame:
    """Hits per voice and category (tidy): ``who``, ``category``, ``hits``, ``per_1000_words``;
    every voice of :func:`by_voice` crossed with every category found in the article."""
    article = _as_article(article)
    loc = _located(article)
    counts = {}
    for r in loc["rows"]:
        counts[(r[7], r[3])] = counts.get((r[7], r[3]), 0) + 1
    cats = sorted({r[3] for r in loc["rows"]})
    rows = []
    for who in _who_order(loc):
        words = loc["words"].get(who, 0)
        for c in cats:
            n = counts.get((who, c), 0)
            rows.append((who, c, n, round(1000 * n / words, 2) if words else 0.0))
    return _table([("who", "o"), ("category", "o"), ("hits", "i"), ("per_1000_words", "f")], rows)


def by_actor(article) -> pd.DataFrame:
    """Hits attached to the actor they label, via ``analysis.actors.find_mentions``: a term inside an
    actor mention's labelling pre-modifier ("Western proxy army" ISIS: ``how`` = ``modifier``) or
    inside the mention itself ("this dangerous phenomenon": ``mention``). Columns: ``actor``,
    ``start``, ``end``, ``term``, ``category``, ``polarity``, ``how``, ``who``, ``text``.
    Empty when the actors module is absent."""
    article = _as_article(article)
    rows = [(r[9], r[0], r[1], r[2], r[3], r[4], r[10], r[7], r[13]) for r in _located(article)["rows"] if r[9]]
    return _table([("actor", "o"), ("start", "i"), ("end", "i"), ("term", "o"), ("category", "o"), ("polarity", "o"),
                   ("how", "o"), ("who", "o"), ("text", "o")], rows)


def concordance(article, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines, one per hit: ``start``, ``end`` (offsets of the hit), ``who``,
    ``category``, ``term``, ``left``, ``match``, ``right`` (``width`` characters of context each side,
    line breaks shown as " ¶ "; the context is for reading, the offsets are the truth).

    >>> from analysis import Article
    >>> c = concordance(Article.from_text("They said the vote was a sham and left."), width=12)
    >>> c[["left", "match", "right"]].values.tolist()
    [['vote was a', 'sham', 'and left.']]
    """
    article = _as_article(article)
    text = article.text
    rows = []
    for r in _located(article)["rows"]:
        s, e = r[0], r[1]
        rows.append((s, e, r[7], r[3], r[2], _flat(text[max(0, s - width):s]).strip(), text[s:e],
                     _flat(text[e:e + width]).strip()))
    return _table([("start", "i"), ("end", "i"), ("who", "o"), ("category", "o"), ("term", "o"), ("left", "o"),
                   ("match", "o"), ("right", "o")], rows)


_BREAKS_RE = re.compile(r"\s*(?:\r\n|[\n\r\u2028\u2029])+\s*")


def _flat(s: str) -> str:
    return _BREAKS_RE.sub(" ¶ ", s)


# ----------------------------------------------------------------------------------- keyness
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
        for p in _HYPHEN_PART_RE.finditer(tok):
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
    article = _as_article(article)
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


def tables(article) -> dict[str, pd.DataFrame]:
    """Every table of the loaded-terms analysis (first = the CLI's primary table): ``hits``,
    ``by_voice``, ``by_actor``, ``concordance``, ``keyness``, ``by_category``."""
    article = _as_article(article)
    return {"hits": hits(article), "by_voice": by_voice(article), "by_actor": by_actor(article),
            "concordance": concordance(article), "keyness": keyness(article), "by_category": by_category(article)}


# -------------------------------------------------------------------------------- validation
VALIDATION_JSON = Path(__file__).resolve().parent.parent / "data" / "validation" / "loaded.json"


def validation(path=None) -> dict:
    """The lexicon's validation figures as committed by ``scripts/eval_loaded.py`` (PTC
    Loaded_Language, sentence level): a dict with ``figures`` (one row per method: precision,
    recall, F1) and ``categories`` (cross-validated sentence precision per category) as DataFrames,
    plus the raw ``json``. Reads the repository's ``data/validation/loaded.json`` only.

    >>> v = validation()
    >>> list(v["figures"].columns)
    ['method', 'precision', 'recall', 'f1']
    """
    import json

    p = Path(path) if path else VALIDATION_JSON
    data = json.loads(p.read_text(encoding="utf-8"))
    names = [("cross_validated", "5-fold CV by article (the figure to quote)"),
             ("curated_checked_in_fold_no_learning_cv", "curated rows checked on training folds, no learned words (CV)"),
             ("curated_only_no_ptc", "curated rows alone, nothing from PTC"),
             ("in_sample", "in-sample, shipped lexicon (optimistic)"),
             ("flag_all", "flag every sentence (floor)")]
    figures = pd.DataFrame([(label, data[k]["precision"], data[k]["recall"], data[k]["f1"]) for k, label in names if k in data],
                           columns=["method", "precision", "recall", "f1"])
    cats = pd.DataFrame([(c, v["precision"], v["sentences_flagged"]) for c, v in data.get("category_precision_cv", {}).items()],
                        columns=["category", "precision", "sentences_flagged"])
    return {"figures": figures, "categories": cats, "json": data}
