"""Framing language: which frames an article's words evoke, where, and in whose voice.

Two schemes of frames, both from the cue lexicon ``data/lexicons/frames.csv`` (every cue with a
``weight``, a ``rationale`` and a ``source``):

* ``issue``: the 15 frames of the Policy Frames Codebook (Boydstun et al. 2014): economic,
  capacity_resources, morality, fairness_equality, legality, policy, crime_punishment,
  security_defense, health_safety, quality_of_life, cultural_identity, public_opinion, political,
  external_regulation, other;
* ``generic``: the five generic news frames of Semetko & Valkenburg (2000): conflict,
  human_interest, economic, morality, responsibility;
* ``entman``: a reading aid after Entman (1993): cues of problem_definition, causal_attribution,
  moral_evaluation and remedy.

Cues match word forms through the Snowball stemmer (``match = stem``: "tax" finds taxes, taxed),
exact lower-case forms (``exact``), case-sensitive forms (``case``: "ICE", "NDP") or a regular
expression (``regex``, for numbers only: an amount of money, a share of people, an age; the regex
pass runs only on text with a digit or a currency sign). Multi-word cues are allowed, with ``|``
between alternative words ("his|her|their home|family"); at each position the longest
cue wins within a scheme, so "death penalty" is crime_punishment and not also health_safety's
"death". Rows with frame ``none`` block a word form that a stem would match in the wrong sense
("fairly" is not "fair").

>>> hits = find_frames("Taxes rose and the court ruled the ban unconstitutional.")
>>> hits[hits.scheme == "issue"][["start", "end", "frame", "cue", "text"]].values.tolist()[:3]
[[0, 5, 'economic', 'tax', 'Taxes'], [19, 30, 'legality', 'court ruling', 'court ruled'], [35, 38, 'policy', 'ban', 'ban']]
>>> dominant_frame("The court ruled the law unconstitutional.")
'legality'
>>> dominant_frame("Nothing to see here.")
'other'
"""
from __future__ import annotations

import html
import itertools
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import lexicons

ISSUE_FRAMES = ("economic", "capacity_resources", "morality", "fairness_equality", "legality", "policy",
                "crime_punishment", "security_defense", "health_safety", "quality_of_life", "cultural_identity",
                "public_opinion", "political", "external_regulation", "other")
GENERIC_FRAMES = ("conflict", "human_interest", "economic", "morality", "responsibility")
SCHEMES = ("issue", "generic", "entman")
EXCLUSIVE = frozenset({"issue"})  # schemes whose frames compete for a word
HIT_COLUMNS = ["start", "end", "frame", "scheme", "cue", "match", "weight", "group", "text"]

# A word for cue matching: letters/digits with inner apostrophes; hyphens split words, so
# "anti-terror" yields "anti" and "terror" and a cue "al qaeda" matches "al-Qaeda".
TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_MODE_RANK = {"case": 0, "exact": 1, "stem": 2}
# the regex cues all need a digit or a currency sign: skip the regex pass on text without one
_REGEX_GATE = re.compile(r"[\d$\u20ac\u00a3]")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # pure code, no downloaded data

    return SnowballStemmer("english")


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Snowball stem of a lower-cased word (memoised), curly apostrophes read as straight ones.

    >>> stem("Taxes"), stem("policing"), stem("Lavrov\u2019s")
    ('tax', 'polic', 'lavrov')
    """
    low = word.lower().replace("\u2019", "'")
    s = _STEMS.get(low)
    if s is None:
        s = _stemmer().stem(low)
        if len(_STEMS) < 500_000:
            _STEMS[low] = s
    return s


@dataclass(frozen=True)
class _Cue:
    keys: tuple          # stems, lower-case forms or raw forms of the cue's words (by mode)
    mode: str            # stem | exact | case
    scheme: str          # issue | generic | all (blockers)
    entries: tuple       # ((frame, scheme, cue, match, weight), ...); empty for blockers


@dataclass(frozen=True)
class _Matcher:
    by_stem: dict        # first stem -> [_Cue]
    by_lower: dict       # first lower-case form -> [_Cue]
    by_case: dict        # first raw form -> [_Cue]
    regexes: tuple       # ((compiled pattern, entries), ...)
    lower_cache: dict    # lower-case form -> (stem, candidates sorted) for speed


def expand_cue(cue: str) -> list[list[str]]:
    """The word sequences a cue stands for: words separated by spaces, alternatives by ``|``.

    >>> expand_cue("his|her home")
    [['his', 'home'], ['her', 'home']]
    >>> expand_cue("al-Qaeda")
    [['al', 'Qaeda']]
    """
    units = [u.split("|") for u in cue.split()]
    out = []
    for combo in itertools.product(*units):
        words = TOKEN_RE.findall(" ".join(combo))
        if words:
            out.append(words)
    return out


def lexicon() -> pd.DataFrame:
    """The frame cue lexicon (``data/lexicons/frames.csv``) with ``weight`` as float.

    >>> lex = lexicon()
    >>> sorted(set(lex.scheme))
    ['all', 'entman', 'generic', 'issue']
    >>> set(lex[lex.scheme == "issue"].frame) <= set(ISSUE_FRAMES)
    True
    """
    df = lexicons.load("frames")
    df["weight"] = pd.to_numeric(df["weight"], errors="coerce").fillna(1.0).astype(float)
    df["match"] = df["match"].str.strip().replace("", "stem")
    return df


def _lexicon_stamp() -> tuple:
    path = lexicons.lexicon_dir() / "frames.csv"
    try:
        return (str(path), path.stat().st_mtime)
    except OSError:
        return (str(path), 0.0)


_MEMO = {"at": -1e9, "stamp": None}


def _matcher() -> _Matcher:
    """The compiled lexicon; the file's mtime is checked at most once a second (edits are picked up)."""
    now = time.monotonic()
    if now - _MEMO["at"] > 1.0:
        _MEMO["at"], _MEMO["stamp"] = now, _lexicon_stamp()
    return _build_matcher(_MEMO["stamp"])


@lru_cache(maxsize=4)
def _build_matcher(_stamp) -> _Matcher:
    lex = lexicon()
    groups: dict = {}
    regex_parts: dict = {}
    for r in lex.itertuples(index=False):
        frame, scheme, cue, mode, weight = r.frame.strip(), r.scheme.strip(), r.cue.strip(), r.match, float(r.weight)
        if not cue:
            continue
        entry = (frame, scheme, cue, mode, weight, (getattr(r, "group", "") or frame).strip())
        if mode == "regex":
            regex_parts.setdefault(cue, []).append(entry)
            continue
        for words in expand_cue(cue):
            if mode == "stem":
                keys = tuple(stem(w) for w in words)
            elif mode == "exact":
                keys = tuple(w.lower().replace("\u2019", "'") for w in words)
            else:
                keys = tuple(words)
            group = groups.setdefault((keys, mode, scheme), [])
            if all(e[0] != frame for e in group):  # one entry per frame: "police" and "policing" share a stem
                group.append(entry)
    # one compiled pattern per regex cue (separate patterns keep re's first-character scan fast)
    regexes = tuple((re.compile(p, re.I), tuple(es)) for p, es in regex_parts.items())
    by = {"stem": {}, "exact": {}, "case": {}}
    for (keys, mode, scheme), entries in groups.items():
        ents = tuple(e for e in entries if e[0] != "none")
        by[mode].setdefault(keys[0], []).append(_Cue(keys, mode, scheme, ents))
    for d in by.values():
        for k in d:
            d[k].sort(key=lambda c: (-len(c.keys), _MODE_RANK[c.mode], c.scheme))
    return _Matcher(by["stem"], by["exact"], by["case"], regexes, {})


def _sort_cues(cues) -> tuple:
    return tuple(sorted(cues, key=lambda c: (-len(c.keys), _MODE_RANK[c.mode], c.scheme)))


def _claim(cands, i, n, seqs, skip) -> list:
    """Resolve the cues starting at token ``i``: longest first; in an exclusive scheme one cue per
    word, elsewhere one per frame; blockers (no entries) take the whole scheme. Updates ``skip``
    (token index up to which a scheme/frame is covered); returns ``[(k, entries)]``."""
    claimed = set()
    got = []
    for cue in cands:
        keys = cue.keys
        k = len(keys)
        if k > 1:
            if i + k > n:
                continue
            seq = seqs[cue.mode]
            if seq[i + 1] != keys[1] or (k > 2 and any(seq[i + j] != keys[j] for j in range(2, k))):
                continue
        for sch in (SCHEMES if cue.scheme == "all" else (cue.scheme,)):
            whole = (sch, "*")
            if whole in claimed or i < skip.get(whole, 0):
                continue
            if sch in EXCLUSIVE or not cue.entries:
                claimed.add(whole)
                skip[whole] = i + k
                fresh = [e for e in cue.entries if e[1] == sch]
            else:
                fresh = []
                for e in cue.entries:
                    key = (sch, e[0])
                    if e[1] == sch and key not in claimed and i >= skip.get(key, 0):
                        claimed.add(key)
                        skip[key] = i + k
                        fresh.append(e)
            if fresh:
                got.append((k, fresh))
    return got


_EMPTY = frozenset()


def _candidates(m: _Matcher, low: str):
    """``(stem, cues starting with this word, entries of its one-word cues, second words of its
    multi-word cues as three sets: stems, lower-case forms, raw forms)``, cached per lower-case form."""
    got = m.lower_cache.get(low)
    if got is None:
        s = stem(low)
        cands = _sort_cues(list(m.by_stem.get(s, ())) + list(m.by_lower.get(low, ())))
        got = (s, cands) + _summary(cands)
        if len(m.lower_cache) < 500_000:
            m.lower_cache[low] = got
    return got


def _summary(cands):
    single = tuple(e for _, es in _claim([c for c in cands if len(c.keys) == 1], 0, 1, None, {}) for e in es)
    nxt = {"stem": set(), "exact": set(), "case": set()}
    for c in cands:
        if len(c.keys) > 1:
            nxt[c.mode].add(c.keys[1])
    return single, frozenset(nxt["stem"]) or _EMPTY, frozenset(nxt["exact"]) or _EMPTY, frozenset(nxt["case"]) or _EMPTY


def _raw_hits(text: str) -> list[tuple]:
    """Every cue hit in ``text`` as ``(start, end, frame, scheme, cue, match, weight, group)`` tuples, sorted."""
    if not isinstance(text, str) or not text:
        return []
    m = _matcher()
    cache = m.lower_cache
    spans = [(t.start(), t.end()) for t in TOKEN_RE.finditer(text)]
    raws = [text[s:e] for s, e in spans]
    lows = [r.lower() for r in raws]
    if "\u2019" in text:
        lows = [w.replace("\u2019", "'") for w in lows]
    infos = [cache.get(w) or _candidates(m, w) for w in lows]
    if not m.by_case.keys().isdisjoint(raws):
        for j, r in enumerate(raws):
            extra = m.by_case.get(r)
            if extra:
                cands = _sort_cues(infos[j][1] + tuple(extra))
                infos[j] = (infos[j][0], cands) + _summary(cands)
    stems = [x[0] for x in infos]
    seqs = {"stem": stems, "exact": lows, "case": raws}
    out = []
    n = len(spans)
    last = n - 1
    # issue frames compete for words (one frame per span: "death penalty" is not also "death");
    # frames of the other schemes are not exclusive, so each frame keeps its own longest match
    skip: dict = {}
    covered = 0  # from this token on, no scheme or frame is covered by an earlier multi-word cue
    for i, info in enumerate(infos):
        if not info[1]:
            continue
        if i >= covered and (i == last or not (stems[i + 1] in info[3] or lows[i + 1] in info[4] or raws[i + 1] in info[5])):
            if info[2]:  # fast path: no multi-word cue can match here, only the one-word cues
                se = spans[i]
                out.extend(se + e for e in info[2])
            continue
        for k, entries in _claim(info[1], i, n, seqs, skip):
            se = (spans[i][0], spans[i + k - 1][1])
            out.extend(se + e for e in entries)
        covered = max(skip.values(), default=0)
    if m.regexes and _REGEX_GATE.search(text):
        for rx, entries in m.regexes:
            for mt in rx.finditer(text):
                if mt.end() > mt.start():
                    se = (mt.start(), mt.end())
                    out.extend(se + e for e in entries)
    out.sort(key=lambda h: (h[0], h[1], h[3], h[2]))
    return out


def find_frames(text: str) -> pd.DataFrame:
    """Frame cue hits in ``text``: one row per (span, frame), ``text[start:end]`` is the matched words.

    Columns: ``start``, ``end``, ``frame``, ``scheme`` (issue | generic), ``cue`` (the lexicon entry),
    ``match`` (stem | exact | case | regex), ``weight``, ``group`` (the cue family, e.g. the coding
    question ``morality.religion``), ``text``. Never raises on odd text.

    >>> find_frames("Police arrested two smugglers.")[["frame", "scheme", "cue", "text"]].values.tolist()
    [['crime_punishment', 'issue', 'police', 'Police'], ['crime_punishment', 'issue', 'arrest', 'arrested'], ['crime_punishment', 'issue', 'smuggler', 'smugglers']]
    >>> len(find_frames("")), len(find_frames("\u201cunbalanced"))
    (0, 0)
    """
    hits = _raw_hits(text) if isinstance(text, str) else []
    return _hits_frame(hits, text)


def _hits_frame(hits: list, text: str) -> pd.DataFrame:
    cols = list(zip(*hits)) if hits else [()] * 8
    return pd.DataFrame({
        "start": np.array(cols[0], dtype=np.int64), "end": np.array(cols[1], dtype=np.int64),
        "frame": np.array(cols[2], dtype=object), "scheme": np.array(cols[3], dtype=object),
        "cue": np.array(cols[4], dtype=object), "match": np.array(cols[5], dtype=object),
        "weight": np.array(cols[6], dtype=np.float64), "group": np.array(cols[7], dtype=object),
        "text": np.array([text[h[0]:h[1]] for h in hits], dtype=object)}, columns=HIT_COLUMNS)


def frame_scores(text: str, scheme: str = "issue") -> dict[str, float]:
    """Summed cue weights per frame of one scheme (frames without a hit are left out).

    >>> frame_scores("Troops and tanks: the army attacked.")
    {'security_defense': 7.5}
    """
    scores: dict[str, float] = {}
    for h in _raw_hits(text):
        if h[3] == scheme:
            scores[h[2]] = scores.get(h[2], 0.0) + h[6]
    return scores


def _pick(scores: dict, first: dict) -> str:
    # highest score; ties: the frame whose first cue comes first, then the name (deterministic)
    return min(scores, key=lambda f: (-round(scores[f], 9), first.get(f, 1 << 60), f))


def dominant_frame(text: str) -> str:
    """The Policy Frames Codebook frame (snake_case) whose cues weigh most in ``text``; ``"other"``
    when no issue cue fires. Ties go to the frame whose first cue comes first.

    >>> dominant_frame("The poll shows most voters oppose the plan.")
    'public_opinion'
    >>> dominant_frame("Troops attacked the rebels near the border.")
    'security_defense'
    """
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for h in _raw_hits(text):
        if h[3] == "issue":
            scores[h[2]] = scores.get(h[2], 0.0) + h[6]
            first.setdefault(h[2], h[0])
    if not scores:
        return "other"
    return _pick(scores, first)


# ------------------------------------------------------------------------------ generic frames
def group_counts(text: str, scheme: str = "generic") -> dict[str, float]:
    """Summed cue weights per cue group (``group`` column of the lexicon) of one scheme.

    >>> c = group_counts("The pope said greed is a sin.")
    >>> c["morality.religion"], c["morality.moral"], c["morality.prescription"]
    (2.5, 2.5, 1.5)
    """
    out: dict[str, float] = {}
    for h in _raw_hits(text):
        if h[3] == scheme:
            out[h[7]] = out.get(h[7], 0.0) + h[6]
    return out


@lru_cache(maxsize=4)
def _generic_model(_stamp) -> dict:
    df = lexicons.load("frame_model")
    model: dict = {}
    for r in df.itertuples(index=False):
        model.setdefault(r.frame.strip(), {})[r.feature.strip()] = float(r.coef)
    return model


def generic_model() -> dict[str, dict[str, float]]:
    """The per-frame linear model of ``data/lexicons/frame_model.csv``: ``{frame: {feature: coef}}``;
    features are cue groups (value ``log(1 + weighted count)``) and ``intercept``."""
    path = lexicons.lexicon_dir() / "frame_model.csv"
    try:
        stamp = (str(path), path.stat().st_mtime)
    except OSError:
        stamp = (str(path), 0.0)
    return _generic_model(stamp)


def generic_scores(text: str) -> dict[str, float]:
    """Each generic frame's model score on ``text`` (present when ≥ 0); see :func:`generic_frames`.

    >>> s = generic_scores("The pope called greed a sin and a moral failure.")
    >>> s["morality"] > 0
    True
    """
    counts = group_counts(text) if isinstance(text, str) else {}
    out = {}
    for frame in GENERIC_FRAMES:
        coefs = generic_model().get(frame, {})
        out[frame] = coefs.get("intercept", 0.0) + sum(c * math.log1p(counts.get(g, 0.0))
                                                       for g, c in coefs.items() if g != "intercept")
    return out


def generic_frames(text: str) -> set[str]:
    """Which of the five generic frames (Semetko & Valkenburg 2000) an article uses.

    Each frame's cue groups (one per coding question: ``morality.religion``, ``economic.costs``...)
    are counted (summed cue weights), and a small per-frame logistic model shipped as data
    (``data/lexicons/frame_model.csv``, fitted on the Narrative Frames Corpus dev articles by
    ``scripts/eval_frames.py``) weighs ``log(1 + count)`` of each group; a frame is present when
    its score is ≥ 0.

    >>> sorted(generic_frames("Critics slammed the plan. Opponents accused the minister of lying, "
    ...     "and the two sides clashed again over who will win the vote."))
    ['conflict']
    >>> generic_frames("")
    set()
    """
    if not isinstance(text, str) or not text.strip():
        return set()
    return {f for f, s in generic_scores(text).items() if s >= 0}
