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

import bisect
import html
import itertools
import math
import operator
import re
import time
import weakref
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from . import lexicons, resources

ISSUE_FRAMES = ("economic", "capacity_resources", "morality", "fairness_equality", "legality", "policy",
                "crime_punishment", "security_defense", "health_safety", "quality_of_life", "cultural_identity",
                "public_opinion", "political", "external_regulation", "other")
GENERIC_FRAMES = ("conflict", "human_interest", "economic", "morality", "responsibility")
SCHEMES = ("issue", "generic", "entman", "hedges")
EXCLUSIVE = frozenset({"issue"})  # schemes whose frames compete for a word
HIT_COLUMNS = ["start", "end", "frame", "scheme", "cue", "mode", "weight", "group", "text"]

# A word for cue matching: letters/digits with inner apostrophes; hyphens split words, so
# "anti-terror" yields "anti" and "terror" and a cue "al qaeda" matches "al-Qaeda".
TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")  # TOKEN_RE as one capturing group: see token_spans
_MODE_RANK = {"case": 0, "exact": 1, "stem": 2}
# the regex cues all need a digit or a currency sign: skip the regex pass on text without one
_REGEX_GATE = re.compile(r"[\d$\u20ac\u00a3]")
_DIGIT_RE = re.compile(r"\d")


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


@dataclass(frozen=True, slots=True)
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
    regexes: tuple       # ((compiled pattern, entries, every match starts with a digit), ...)
    lower_cache: dict    # lower-case form -> (stem, candidates sorted, ...) for speed (see _candidates)
    raw_cache: dict      # raw form -> the lower-case form's entry, with its case cues merged in (see _token_info)


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


def _lexicon_stamp(name: str = "frames") -> tuple:
    path = lexicons.lexicon_dir() / f"{name}.csv"
    try:
        return (str(path), path.stat().st_mtime)
    except OSError:
        return (str(path), 0.0)


_MEMO: dict = {"at": -1e9}


def _matcher(name: str = "frames") -> _Matcher:
    """A compiled cue lexicon (``frames`` or ``hedges``); its file's mtime is checked at most once a
    second, so edits are picked up without reloading on every call."""
    now = time.monotonic()
    if now - _MEMO["at"] > 1.0:
        _MEMO.clear()
        _MEMO["at"] = now
    stamp = _MEMO.get(name)
    if stamp is None:
        stamp = _MEMO[name] = _lexicon_stamp(name)
    return _build_matcher(name, stamp)


def _cue_table(name: str) -> pd.DataFrame:
    """A cue lexicon in the frames layout: ``frame`` (or the ``category`` of other lexicons),
    ``scheme`` (default: the lexicon's name), ``group``, ``cue``, ``match``, ``weight``."""
    if name == "frames":
        return lexicon()
    df = lexicons.load(name)
    df["frame"] = df["category"] if "category" in df else name
    if "scheme" not in df:
        df["scheme"] = name
    if "group" not in df:
        df["group"] = df["frame"]
    df["weight"] = pd.to_numeric(df.get("weight", "1"), errors="coerce").fillna(1.0).astype(float)
    df["match"] = df["match"].str.strip().replace("", "stem") if "match" in df else "stem"
    return df


@lru_cache(maxsize=8)
def _build_matcher(name, _stamp) -> _Matcher:
    lex = _cue_table(name)
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
    compiled = [re.compile(p, re.I) for p in regex_parts]
    regexes = tuple((rx, tuple(es), _digit_led(rx)) for rx, es in zip(compiled, regex_parts.values()))
    by = {"stem": {}, "exact": {}, "case": {}}
    for (keys, mode, scheme), entries in groups.items():
        ents = tuple(e for e in entries if e[0] != "none")
        by[mode].setdefault(keys[0], []).append(_Cue(keys, mode, scheme, ents))
    for d in by.values():
        for k in d:
            d[k].sort(key=lambda c: (-len(c.keys), _MODE_RANK[c.mode], c.scheme))
    return _Matcher(by["stem"], by["exact"], by["case"], regexes, {}, {})


def _digit_led(rx) -> bool:
    """True when every match of ``rx`` starts with a digit: the first element of the parsed pattern
    is a plain ``\\d`` (False whenever that cannot be told).

    >>> _digit_led(re.compile(r"\\d\\d? years")), _digit_led(re.compile(r"\\d*%")), _digit_led(re.compile(r"\\d|x"))
    (True, False, False)
    """
    try:
        from re import _parser  # the standard library's own pattern parser

        return _parser.parse(rx.pattern, rx.flags)[0] == (_parser.IN, [(_parser.CATEGORY, _parser.CATEGORY_DIGIT)])
    except Exception:  # another Python's parser, an empty pattern
        return False


def _regex_hits(text: str, regexes) -> list[tuple]:
    """The hits of the regex cues, each pattern's matches as ``finditer`` finds them. A pattern whose
    matches start with a digit is tried only at the digits of the text (found in one scan for all
    such patterns) instead of scanning the whole text again."""
    out, digits = [], None
    for rx, entries, digit_led in regexes:
        if digit_led:
            if digits is None:
                digits = [d.start() for d in _DIGIT_RE.finditer(text)]
            spans, pos = [], 0
            for d in digits:
                if d >= pos:
                    mt = rx.match(text, d)
                    if mt is not None:
                        spans.append(mt.span())
                        pos = mt.end()
        else:
            spans = [mt.span() for mt in rx.finditer(text) if mt.end() > mt.start()]
        out.extend(se + e for se in spans for e in entries)
    return out


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
    multi-word cues as three sets: stems, lower-case forms, raw forms, the lower-case form)``,
    cached per lower-case form."""
    got = m.lower_cache.get(low)
    if got is None:
        s = stem(low)
        cands = _sort_cues(list(m.by_stem.get(s, ())) + list(m.by_lower.get(low, ())))
        got = (s, cands) + _summary(cands) + (low,)
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


def _token_info(m: _Matcher, raw: str) -> tuple:
    """:func:`_candidates` of a raw token's lower-case form (the same tuple, shared), with the
    case-sensitive cues of the raw form merged in when it has any: ``(stem, cues, one-word entries,
    next stems, next lower-case forms, next raw forms, lower-case form)``; cached per raw form."""
    info = _candidates(m, raw.lower().replace("\u2019", "'"))
    extra = m.by_case.get(raw)
    if extra:
        cands = _sort_cues(info[1] + tuple(extra))
        info = (info[0], cands) + _summary(cands) + (info[6],)
    if len(m.raw_cache) < 500_000:
        m.raw_cache[info[6] if raw == info[6] else raw] = info  # a lower-case form keeps one key string
    return info


def _raw_hits(text: str, name: str = "frames") -> list[tuple]:
    """Every cue hit of lexicon ``name`` in ``text`` as ``(start, end, frame, scheme, cue, match,
    weight, group)`` tuples, sorted."""
    if not isinstance(text, str) or not text:
        return []
    m = _matcher(name)
    raws, starts, ends = resources.token_spans(text, _TOKEN_SPLIT_RE)
    get = m.raw_cache.get
    infos = [get(r) or _token_info(m, r) for r in raws]
    stems, lows = list(map(itemgetter(0), infos)), list(map(itemgetter(6), infos))
    seqs = {"stem": stems, "exact": lows, "case": raws}
    found = []  # (first token, last token, entries)
    n = len(raws)
    last = n - 1
    # issue frames compete for words (one frame per span: "death penalty" is not also "death");
    # frames of the other schemes are not exclusive, so each frame keeps its own longest match
    skip: dict = {}
    covered = 0  # from this token on, no scheme or frame is covered by an earlier multi-word cue
    for i in itertools.compress(itertools.count(), map(itemgetter(1), infos)):  # the tokens some cue starts with
        info = infos[i]
        if i >= covered and (i == last or not (stems[i + 1] in info[3] or lows[i + 1] in info[4] or raws[i + 1] in info[5])):
            if info[2]:  # fast path: no multi-word cue can match here, only the one-word cues
                found.append((i, i, info[2]))
            continue
        for k, entries in _claim(info[1], i, n, seqs, skip):
            found.append((i, i + k - 1, entries))
        covered = max(skip.values(), default=0)
    out = [(starts[i], ends[j]) + e for i, j, entries in found for e in entries]
    if m.regexes and _REGEX_GATE.search(text):
        out += _regex_hits(text, m.regexes)
    out.sort(key=itemgetter(0, 1, 3, 2))  # start, end, scheme, frame
    return out


def find_frames(text: str) -> pd.DataFrame:
    """Frame cue hits in ``text``: one row per (span, frame), ``text[start:end]`` is the matched words.

    Columns: ``start``, ``end``, ``frame``, ``scheme`` (issue | generic), ``cue`` (the lexicon entry),
    ``mode`` (how the cue matched: stem | exact | case | regex), ``weight``, ``group`` (the cue family, e.g. the coding
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
        "cue": np.array(cols[4], dtype=object), "mode": np.array(cols[5], dtype=object),
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
    _matcher()  # refreshes the once-a-second stamp memo
    stamp = _MEMO.get("frame_model")
    if stamp is None:
        stamp = _MEMO["frame_model"] = _lexicon_stamp("frame_model")
    return _generic_model(stamp)


def generic_scores(text: str) -> dict[str, float]:
    """Each generic frame's model score on ``text`` (present when ≥ 0); see :func:`generic_frames`.

    >>> s = generic_scores("The pope called greed a sin. We must repent; shame on the hypocrites who preach.")
    >>> s["morality"] > 0 > s["economic"]
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


# ------------------------------------------------------------------------------ hedges and boosters
HEDGE_COLUMNS = ["start", "end", "category", "cue", "text"]


def find_hedges_from(hits: list, text: str) -> pd.DataFrame:
    return pd.DataFrame({
        "start": np.array([h[0] for h in hits], dtype=np.int64), "end": np.array([h[1] for h in hits], dtype=np.int64),
        "category": np.array([h[2] for h in hits], dtype=object), "cue": np.array([h[4] for h in hits], dtype=object),
        "text": np.array([text[h[0]:h[1]] for h in hits], dtype=object)}, columns=HEDGE_COLUMNS)


def find_hedges(text: str) -> pd.DataFrame:
    """Hedges (the claim is softened: "may", "reportedly", "about 200") and boosters (the claim is
    closed off: "clearly", "I can assure you") in ``text``, from ``data/lexicons/hedges.csv``.

    >>> find_hedges("It is clearly a mistake, and it may cost about 200 jobs.")[["category", "text"]].values.tolist()
    [['booster', 'clearly'], ['hedge', 'may'], ['hedge', 'about']]
    """
    return find_hedges_from(_raw_hits(text, "hedges") if isinstance(text, str) else [], text)


# ------------------------------------------------------------------------------ the article view
VOICE_ORDER = ("report", "editorial", "boilerplate")
ENTMAN_ROLES = ("problem_definition", "causal_attribution", "moral_evaluation", "remedy")
_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _as_article(article):
    from .article import Article

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise TypeError(f"expected an Article or text, got {type(article).__name__}")


_MISSING: dict = {}


def _optional(module: str, func: str, article):
    """Call ``analysis.<module>.<func>(article)`` if that module exists (written by another helper);
    ``None`` when it does not exist (checked again after a minute). Errors inside it are not hidden."""
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
    """Per-article cache of the pieces every table needs (cue hits, layout, quotes, mentions)."""
    v = _VIEWS.get(article)
    if v is None:
        v = _VIEWS[article] = {}
    return v


def _layout(article) -> dict:
    v = _view(article)
    lay = v.get("layout")
    if lay is None:
        col = article.column
        pvoice = col("paragraphs", "voice")
        words: dict = {}
        for voice, w in zip(pvoice, col("paragraphs", "words")):
            words[voice] = words.get(voice, 0) + int(w)
        lay = v["layout"] = {"pstart": col("paragraphs", "start"), "pend": col("paragraphs", "end"), "pvoice": pvoice,
                             "sstart": col("sentences", "start"), "words": words}
    return lay


def _quotes(article) -> pd.DataFrame | None:
    v = _view(article)
    if "quotes" not in v:
        q = _optional("quotes", "find_quotes", article)
        v["quotes"] = q if q is None or len(q) == 0 else q.sort_values(["start", "end"]).reset_index(drop=True)
    return v["quotes"]


def _where(article, starts) -> tuple[list, list, list, list, list]:
    """For each offset: voice, paragraph, sentence, speaker (the quoted speaker when the offset is
    inside an utterance of ``analysis.quotes``, else the voice in brackets) and quote kind."""
    if any(map(operator.gt, starts, starts[1:])):  # not ascending: locate them sorted, then read each back
        ordered = sorted(starts)
        at = dict(zip(ordered, zip(*_where(article, ordered))))
        return tuple(map(list, zip(*map(at.__getitem__, starts))))
    lay = _layout(article)
    ps, pv, ss = lay["pstart"], lay["pvoice"], lay["sstart"]
    n = len(starts)
    # the last paragraph / sentence starting at or before each offset (the first one before any):
    # bisect_right(ps[1:], o) = max(0, bisect_right(ps, o) - 1) for ascending starts ps
    paras = list(map(bisect.bisect_right, itertools.repeat(ps[1:], n), starts))
    voices = list(map(pv.__getitem__, paras)) if pv else ["report"] * n
    sents = list(map(bisect.bisect_right, itertools.repeat(ss[1:], n), starts))
    speakers, kinds = [f"({v})" for v in voices], [""] * n
    spans = _quote_spans(article)
    if spans:
        # each utterance in (start, end) order claims the offsets inside it, so an offset ends up
        # with the last utterance holding it
        for qs, qe, who, qk in zip(*spans):
            lo, hi = bisect.bisect_left(starts, qs), bisect.bisect_left(starts, qe)
            if hi > lo:
                speakers[lo:hi] = [who] * (hi - lo)
                kinds[lo:hi] = [qk] * (hi - lo)
    return voices, paras, sents, speakers, kinds


def quote_columns(article) -> dict | None:
    """The rows of ``analysis.quotes.find_quotes`` as column lists (``start``, ``end``, ``speaker``,
    ``kind`` and the rest), built once per article and shared by every analysis that reads them
    (``quotes.quote_columns``); ``None`` until that module exists.

    >>> from analysis import Article
    >>> c = quote_columns(Article.from_text('"We act now," Merkel said.'))
    >>> c["start"], c["end"], c["speaker"], c["kind"]
    ([1], [11], ['Angela Merkel'], ['direct'])
    """
    return _optional("quotes", "quote_columns", article)


def _quote_spans(article):
    """The utterances of ``analysis.quotes`` in (start, end) order as plain lists: starts, ends,
    speakers and kinds; ``None`` when there are none."""
    v = _view(article)
    if "quote_spans" not in v:
        q = quote_columns(article)
        if q is None or len(q["start"]) == 0:
            v["quote_spans"] = None
        else:
            qs, qe = q["start"], q["end"]
            order = sorted(range(len(qs)), key=lambda i: (qs[i], qe[i]))  # stable, as sort_values
            kind = q.get("kind") or [""] * len(qs)
            who = [str(x) if x is not None and str(x) not in ("", "nan", "None") else "(unattributed)" for x in q["speaker"]]
            v["quote_spans"] = ([qs[i] for i in order], [qe[i] for i in order], [who[i] for i in order],
                                [str(kind[i]) for i in order])
    return v["quote_spans"]


def _located(article, name: str = "frames") -> tuple[list, tuple]:
    """Cached raw hits of a lexicon in the article and where each one is (see :func:`_where`)."""
    v = _view(article)
    key = f"located:{name}"
    if key not in v:
        raw = _raw_hits(article.text, name)
        v[key] = (raw, _where(article, list(map(itemgetter(0), raw))))
    return v[key]


def _located_frame(article, name: str, columns) -> pd.DataFrame:
    raw, (voices, paras, sents, speakers, kinds) = _located(article, name)
    text = article.text
    cols = list(zip(*raw)) if raw else [()] * 8
    data = {"start": np.array(cols[0], dtype=np.int64), "end": np.array(cols[1], dtype=np.int64),
            "voice": np.array(voices, dtype=object), "paragraph": np.array(paras, dtype=np.int64),
            "sentence": np.array(sents, dtype=np.int64), "speaker": np.array(speakers, dtype=object),
            "quote_kind": np.array(kinds, dtype=object), "text": np.array([text[h[0]:h[1]] for h in raw], dtype=object)}
    if name == "frames":
        data.update({"frame": np.array(cols[2], dtype=object), "scheme": np.array(cols[3], dtype=object),
                     "cue": np.array(cols[4], dtype=object), "mode": np.array(cols[5], dtype=object),
                     "weight": np.array(cols[6], dtype=np.float64), "group": np.array(cols[7], dtype=object)})
    else:
        data.update({"category": np.array(cols[2], dtype=object), "cue": np.array(cols[4], dtype=object)})
    return pd.DataFrame({c: data[c] for c in columns}, columns=columns)


HITS_VIEW_COLUMNS = ["start", "end", "frame", "cue", "voice", "paragraph", "scheme", "group", "weight", "mode",
                     "sentence", "speaker", "quote_kind", "text"]


def hits(article) -> pd.DataFrame:
    """Every frame cue hit of an article with where it is and who speaks there.

    Columns: ``start``, ``end``, ``frame``, ``cue``, ``voice``, ``paragraph``, ``scheme``, ``group``,
    ``weight``, ``mode``, ``sentence``, ``speaker`` (the quoted speaker when the cue is inside a
    quotation found by ``analysis.quotes``, else the voice in brackets), ``quote_kind``, ``text``
    (= ``article.text[start:end]``).

    >>> from analysis import Article
    >>> h = hits(Article.from_text("Troops shelled the town.\\n\\nComment: A moral disgrace."))
    >>> h[h.scheme == "issue"][["text", "frame", "voice"]].values.tolist()
    [['Troops', 'security_defense', 'report'], ['shelled', 'security_defense', 'report'], ['moral', 'morality', 'editorial'], ['disgrace', 'morality', 'editorial']]
    """
    article = _as_article(article)
    v = _view(article)
    if "hits" not in v:
        v["hits"] = _located_frame(article, "frames", HITS_VIEW_COLUMNS)
    return v["hits"].copy()


def hit_columns(article) -> dict:
    """The rows of :func:`hits` as a dict of column lists (for corpus mode: pandas builds an Arrow
    string column for every text column of a DataFrame, ~1 ms per article that the corpus, which
    converts the columns to Arrow itself, does not need). An article without hits gets the (typed,
    empty) DataFrame of :func:`hits`.

    >>> from analysis import Article
    >>> a = Article.from_text("Troops shelled the town.")
    >>> c = hit_columns(a)
    >>> list(c) == HITS_VIEW_COLUMNS, c["text"][:2], c["weight"] == hits(a).weight.tolist()
    (True, ['Troops', 'shelled'], True)
    """
    article = _as_article(article)
    raw, (voices, paras, sents, speakers, kinds) = _located(article, "frames")
    if not raw:
        return hits(article)
    text = article.text
    cols = list(zip(*raw))  # offsets, paragraphs and sentences are Python ints, weights floats already
    data = {"start": list(cols[0]), "end": list(cols[1]), "voice": list(voices), "paragraph": list(paras),
            "sentence": list(sents), "speaker": list(speakers), "quote_kind": list(kinds),
            "text": [text[h[0]:h[1]] for h in raw], "frame": list(cols[2]), "scheme": list(cols[3]),
            "cue": list(cols[4]), "mode": list(cols[5]), "weight": list(cols[6]), "group": list(cols[7])}
    return {c: data[c] for c in HITS_VIEW_COLUMNS}


_SCHEME_FRAMES = {"issue": tuple(f for f in ISSUE_FRAMES if f != "other"), "generic": GENERIC_FRAMES,
                  "entman": ENTMAN_ROLES}


def _frames_of(scheme: str, seen=()):
    """The frames of a scheme in their fixed order; for another scheme, the frames ``seen``, sorted."""
    return _SCHEME_FRAMES.get(scheme) or sorted(set(seen))


def _tally(article, scheme: str):
    """``{(voice, frame): [hits, weight]}`` and ``{voice: {group: weight}}`` for one scheme (every
    scheme's tallies are made in one pass over the hits)."""
    v = _view(article)
    tallies = v.get("tallies")
    if tallies is None:
        tallies = v["tallies"] = {}
        raw, (voices, *_rest) = _located(article)
        for h, voice in zip(raw, voices):
            t, groups = tallies.get(h[3]) or tallies.setdefault(h[3], ({}, {}))
            c = t.setdefault((voice, h[2]), [0, 0.0])
            c[0] += 1
            c[1] += h[6]
            g = groups.setdefault(voice, {})
            g[h[7]] = g.get(h[7], 0.0) + h[6]
    return tallies.get(scheme) or tallies.setdefault(scheme, ({}, {}))


def rates(article, scheme: str = "issue", voices=("report", "editorial")) -> pd.DataFrame:
    """Frame hits per voice: ``voice``, ``frame``, ``hits``, ``weight`` (summed cue weights),
    ``words`` (the voice's words), ``per_1000`` (hits per 1,000 words of that voice), one row per
    frame of the scheme and voice (zeros included, so voices compare like for like).

    >>> from analysis import Article
    >>> r = rates(Article.from_text("Troops shelled the town.\\n\\nComment: A moral disgrace."))
    >>> r[r.hits > 0][["voice", "frame", "hits", "per_1000"]].values.tolist()
    [['report', 'security_defense', 2, 500.0], ['editorial', 'morality', 2, 500.0]]
    """
    article = _as_article(article)
    return _rates_rows(article, (scheme,), voices).drop(columns="scheme")


def rate_columns(article, scheme: str = "issue", voices=("report", "editorial")) -> dict:
    """The rows of :func:`rates` as a dict of column lists (for corpus mode, see :func:`hit_columns`).

    >>> from analysis import Article
    >>> a = Article.from_text("Troops shelled the town.")
    >>> rate_columns(a) == {k: v.tolist() for k, v in rates(a).items()}
    True
    """
    article = _as_article(article)
    words = _layout(article)["words"]
    t, _ = _tally(article, scheme)
    rows = []
    for voice in voices:
        n = int(words.get(voice, 0))
        for f in _frames_of(scheme, (f for _, f in t)):
            k, w = t.get((voice, f), (0, 0.0))
            rows.append((voice, f, int(k), float(w), n, round(1000.0 * k / n, 2) if n else 0.0))
    cols = list(zip(*rows)) if rows else [()] * 6
    return {c: list(col) for c, col in zip(("voice", "frame", "hits", "weight", "words", "per_1000"), cols)}


def _rates_rows(article, schemes, voices) -> pd.DataFrame:
    words = _layout(article)["words"]
    rows = []
    for scheme in schemes:
        t, _ = _tally(article, scheme)
        for voice in voices:
            n = words.get(voice, 0)
            for f in _frames_of(scheme, (f for _, f in t)):
                k, w = t.get((voice, f), (0, 0.0))
                rows.append((scheme, voice, f, k, float(w), n, round(1000.0 * k / n, 2) if n else 0.0))
    return pd.DataFrame(rows, columns=["scheme", "voice", "frame", "hits", "weight", "words", "per_1000"])


def by_paragraph(article, scheme: str = "issue") -> pd.DataFrame:
    """Frame hits per paragraph (long format): ``paragraph``, ``voice``, ``start``, ``end`` (the
    paragraph's span), ``frame``, ``hits``, ``weight``, ``dominant`` (the paragraph's heaviest frame)."""
    article = _as_article(article)
    raw, (_v, paras, *_rest) = _located(article)
    lay = _layout(article)
    agg: dict = {}
    for h, para in zip(raw, paras):
        if h[3] == scheme:
            c = agg.setdefault(para, {}).setdefault(h[2], [0, 0.0, h[0]])
            c[0] += 1
            c[1] += h[6]
    rows = []
    for para in sorted(agg):
        fr = agg[para]
        top = min(fr, key=lambda f: (-round(fr[f][1], 9), fr[f][2], f))
        for f in sorted(fr, key=lambda f: fr[f][2]):
            rows.append((para, lay["pvoice"][para], lay["pstart"][para], lay["pend"][para], f, fr[f][0], fr[f][1], f == top))
    return pd.DataFrame(rows, columns=["paragraph", "voice", "start", "end", "frame", "hits", "weight", "dominant"])


def _model_scores(groups: dict) -> dict:
    model = generic_model()
    out = {}
    for frame in GENERIC_FRAMES:
        coefs = model.get(frame, {})
        out[frame] = coefs.get("intercept", 0.0) + sum(c * math.log1p(groups.get(g, 0.0)) for g, c in coefs.items() if g != "intercept")
    return out


DOMINANT_COLUMNS = ["voice", "scheme", "rank", "frame", "weight", "hits", "per_1000"]


def dominant_frames(article, top: int = 3) -> pd.DataFrame:
    """Each voice's heaviest issue frames (``rank`` 1..top) and the generic frames the model of
    :func:`generic_frames` finds in that voice's words.

    Columns: ``voice``, ``scheme``, ``rank``, ``frame``, ``weight``, ``hits``, ``per_1000``."""
    return pd.DataFrame(_dominant_rows(_as_article(article), top), columns=DOMINANT_COLUMNS)


def dominant_columns(article, top: int = 3) -> dict:
    """The rows of :func:`dominant_frames` as a dict of column lists (for corpus mode, see
    :func:`hit_columns`); an article without rows gets the (typed, empty) DataFrame.

    >>> from analysis import Article
    >>> a = Article.from_text("Troops shelled the town.")
    >>> dominant_columns(a) == {k: v.tolist() for k, v in dominant_frames(a).items()}
    True
    """
    article = _as_article(article)
    rows = _dominant_rows(article, top)
    if not rows:
        return dominant_frames(article, top)
    return {c: list(v) for c, v in zip(DOMINANT_COLUMNS, zip(*rows))}


def _dominant_rows(article, top: int) -> list[tuple]:
    words = _layout(article)["words"]
    issue, _ = _tally(article, "issue")
    generic, groups = _tally(article, "generic")
    rows = []
    for voice in ("report", "editorial"):
        n = words.get(voice, 0)
        per = lambda k: round(1000.0 * k / n, 2) if n else 0.0
        ranked = sorted(((f, k, w) for (vo, f), (k, w) in issue.items() if vo == voice), key=lambda x: (-x[2], -x[1], x[0]))
        for i, (f, k, w) in enumerate(ranked[:top], 1):
            rows.append((voice, "issue", i, f, float(w), k, per(k)))
        scores = _model_scores(groups.get(voice, {})) if n else {}
        present = sorted((f for f in GENERIC_FRAMES if scores.get(f, -1) >= 0), key=lambda f: -scores[f])
        for i, f in enumerate(present, 1):
            k, w = generic.get((voice, f), (0, 0.0))
            rows.append((voice, "generic", i, f, float(w), k, per(k)))
    return rows


def entman(article) -> pd.DataFrame:
    """Cues of Entman's four frame functions (a reading aid, not a measurement): ``start``, ``end``,
    ``role`` (problem_definition, causal_attribution, moral_evaluation, remedy), ``cue``, ``text``,
    ``voice``, ``paragraph``, ``sentence``, ``speaker``."""
    h = hits(article)
    h = h[h.scheme == "entman"].rename(columns={"frame": "role"})
    return h[["start", "end", "role", "cue", "text", "voice", "paragraph", "sentence", "speaker"]].reset_index(drop=True)


def entman_summary(article, examples: int = 6) -> pd.DataFrame:
    """Per voice and Entman role: how many cues, and the distinct cue words in reading order."""
    article = _as_article(article)
    e = entman(article)
    rows = []
    for voice in ("report", "editorial"):
        for role in ENTMAN_ROLES:
            sub = e[(e.voice == voice) & (e.role == role)]
            seen = list(dict.fromkeys(t.lower() for t in sub.text))
            rows.append({"voice": voice, "role": role, "hits": int(len(sub)), "cues": ", ".join(seen[:examples])})
    return pd.DataFrame(rows, columns=["voice", "role", "hits", "cues"])


def hedges(article) -> pd.DataFrame:
    """Hedges and boosters of an article with ``voice``, ``paragraph``, ``sentence``, ``speaker``."""
    article = _as_article(article)
    v = _view(article)
    if "hedges" not in v:
        v["hedges"] = _located_frame(article, "hedges", HEDGE_COLUMNS + ["voice", "paragraph", "sentence", "speaker", "quote_kind"])
    return v["hedges"].copy()


def hedge_counts(article) -> pd.DataFrame:
    """Hedges and boosters per speaker (quoted speakers, and the voices outside quotations):
    ``speaker``, ``voice``, ``hedge``, ``booster``."""
    h = hedges(article)
    h = h[h.voice != "boilerplate"]
    if h.empty:
        return pd.DataFrame(columns=["speaker", "voice", "hedge", "booster"])
    t = h.groupby(["speaker", "voice", "category"]).size().unstack(fill_value=0)
    for c in ("hedge", "booster"):
        if c not in t:
            t[c] = 0
    t = t.reset_index()[["speaker", "voice", "hedge", "booster"]]
    t[["hedge", "booster"]] = t[["hedge", "booster"]].astype("int64")
    return t.sort_values(["voice", "speaker"]).reset_index(drop=True)


NAMING_COLUMNS = ["actor", "voice", "label", "modifier", "mention_text", "count", "start", "end", "mention_start",
                  "mention_end", "modifier_start", "modifier_end", "how", "text"]


def naming(article) -> pd.DataFrame:
    """How each actor is named, per voice: one row per distinct label (modifier + mention), e.g.
    ISIS as "terrorist group Islamic State" in the report and "Western proxy army ISIS" in the
    editorial voice. ``start``/``end`` span the label's first occurrence (modifier through mention;
    ``text`` = ``article.text[start:end]``); ``mention_text``, ``mention_*`` and ``modifier_*`` give the parts
    (``modifier_start`` = -1 without a modifier). Empty until ``analysis.actors`` exists."""
    article = _as_article(article)
    v = _view(article)
    if "mentions" not in v:
        v["mentions"] = _optional("actors", "find_mentions", article)
    m = v["mentions"]
    if m is None or len(m) == 0:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("count", "start", "end", "mention_start", "mention_end",
                                                                   "modifier_start", "modifier_end") else "object")
                             for c in NAMING_COLUMNS})
    rows = {}
    for r in sorted(m[["actor", "start", "end", "mention", "modifier", "modifier_start", "modifier_end", "voice", "how"]]
                    .to_dict("records"), key=lambda r: r["start"]):
        mod = r["modifier"] if isinstance(r["modifier"], str) else ""
        ms = int(r["modifier_start"]) if mod and int(r["modifier_start"]) >= 0 else -1
        me = int(r["modifier_end"]) if ms >= 0 else -1
        label = f"{mod} {r['mention']}" if mod else str(r["mention"])
        key = (str(r["actor"]), str(r["voice"]), label)
        if key in rows:
            rows[key]["count"] += 1
            continue
        start, end = (ms if ms >= 0 else int(r["start"])), int(r["end"])
        rows[key] = {"actor": str(r["actor"]), "voice": str(r["voice"]), "label": label, "modifier": mod,
                     "mention_text": str(r["mention"]), "count": 1, "start": start, "end": end, "mention_start": int(r["start"]),
                     "mention_end": end, "modifier_start": ms, "modifier_end": me, "how": str(r["how"]),
                     "text": article.text[start:end]}
    first: dict = {}
    for r in rows.values():
        first[r["actor"]] = min(first.get(r["actor"], r["start"]), r["start"])
    ordered = sorted(rows.values(), key=lambda r: (first[r["actor"]], r["actor"], r["start"]))
    return pd.DataFrame(ordered, columns=NAMING_COLUMNS)


REPORTING_COLUMNS = ["speaker", "verb", "stance", "kind", "start", "end", "voice", "text"]


def reporting_verbs(article) -> pd.DataFrame:
    """Reporting verbs per utterance from ``analysis.quotes`` (``speaker``, ``verb`` = the cue,
    ``stance``, ``kind``, ``start``/``end`` of the verb when the quote module gives its offsets, else
    of the utterance, ``voice``, ``text``). Empty until ``analysis.quotes`` exists."""
    article = _as_article(article)
    q = _quotes(article)
    if q is None or len(q) == 0 or "cue" not in q:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else "object") for c in REPORTING_COLUMNS})
    rows = []
    for r in q.itertuples():
        cue = str(getattr(r, "cue", "") or "")
        if not cue or cue in ("nan", "None"):
            continue
        s, e = _cue_span(article.text, r, cue)
        rows.append({"speaker": str(r.speaker), "verb": cue, "stance": str(getattr(r, "stance", "") or ""),
                     "kind": str(getattr(r, "kind", "") or ""), "start": s, "end": e, "voice": article.voice_at(s),
                     "text": article.text[s:e]})
    return pd.DataFrame(rows, columns=REPORTING_COLUMNS)


def _cue_span(text, r, cue):
    for a, b in (("cue_start", "cue_end"), ("verb_start", "verb_end")):
        s, e = getattr(r, a, None), getattr(r, b, None)
        if s is not None and e is not None and not pd.isna(s) and int(s) >= 0 and int(e) > int(s):
            return int(s), int(e)
    # otherwise: the cue word nearest the utterance (after it, then before it), else the utterance
    lo, hi = max(0, int(r.start) - 200), min(len(text), int(r.end) + 200)
    low = text[lo:hi].lower()
    after = low.find(cue.lower(), int(r.end) - lo)
    pos = after if after >= 0 else low.rfind(cue.lower(), 0, int(r.start) - lo)
    if pos >= 0:
        return lo + pos, lo + pos + len(cue)
    return int(r.start), int(r.end)


SCARE_COLUMNS = ["start", "end", "text", "voice", "speaker", "paragraph"]


def scare_quotes(article) -> pd.DataFrame:
    """Scare quotes (from ``analysis.quotes.scare_quotes``) with the voice that used them:
    ``start``, ``end``, ``text``, ``voice``, ``speaker``, ``paragraph``. Empty until that module exists."""
    article = _as_article(article)
    s = _optional("quotes", "scare_quotes", article)
    if s is None or len(s) == 0:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end", "paragraph") else "object") for c in SCARE_COLUMNS})
    s = s.copy()
    s["start"], s["end"] = s.start.astype("int64"), s.end.astype("int64")
    s["text"] = [article.text[a:b] for a, b in zip(s.start, s.end)]
    voices, paras, _sents, speakers, _kinds = _where(article, s.start.tolist())
    s["voice"], s["paragraph"] = voices, np.array(paras, dtype=np.int64)
    if "speaker" not in s:
        s["speaker"] = speakers
    return s[SCARE_COLUMNS].reset_index(drop=True)


def tables(article) -> dict[str, pd.DataFrame]:
    """Every table of the framing analysis (the CLI's ``frames`` subcommand; ``hits`` first).

    >>> from analysis import load_article
    >>> t = tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt"))
    >>> list(t)[:3], list(t["hits"].columns[:6])
    (['hits', 'by_voice', 'naming'], ['start', 'end', 'frame', 'cue', 'voice', 'paragraph'])
    """
    article = _as_article(article)
    by_voice = _rates_rows(article, ("issue", "generic"), ("report", "editorial"))
    return {
        "hits": hits(article),
        "by_voice": by_voice,
        "naming": naming(article),
        "entman": entman(article),
        "hedges": hedges(article),
        "reporting_verbs": reporting_verbs(article),
        "scare_quotes": scare_quotes(article),
        "by_paragraph": by_paragraph(article),
        "dominant": dominant_frames(article),
    }


# ------------------------------------------------------------------------------ evidence as HTML
def highlight_html(text: str, spans, css_class: str = "cue") -> str:
    """``text`` as HTML with ``spans`` (``[(start, end), ...]`` offsets into it) wrapped in
    ``<mark>``; every character of ``text`` is escaped with ``html.escape`` (article text is untrusted).
    Overlapping spans are merged.

    >>> highlight_html("a <b> grave mistake", [(6, 11), (8, 19)])
    'a &lt;b&gt; <mark class="cue">grave mistake</mark>'
    """
    text = text if isinstance(text, str) else ""
    merged: list = []
    for s, e in sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    cls = html.escape(css_class, quote=True)
    out, pos = [], 0
    for s, e in merged:
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="{cls}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def evidence(article, scheme: str = "issue", frames=None, voices=("report", "editorial"), limit: int = 50) -> pd.DataFrame:
    """Sentences with their cues of a scheme, for reading: ``voice``, ``sentence``, ``start``,
    ``end`` (the sentence's span), ``frames`` (the frames cued there), ``cues``, ``html`` (the
    sentence with its cues marked, escaped). Ordered by reading position."""
    article = _as_article(article)
    h = hits(article)
    h = h[(h.scheme == scheme) & h.voice.isin(list(voices))]
    if frames is not None:
        h = h[h.frame.isin([frames] if isinstance(frames, str) else list(frames))]
    sents = article.sentences.set_index("sentence")
    rows = []
    for sid, sub in h.groupby("sentence", sort=True):
        s, e = int(sents.start[sid]), int(sents.end[sid])
        rows.append({"voice": str(sents.voice[sid]), "sentence": int(sid), "start": s, "end": e,
                     "frames": ", ".join(dict.fromkeys(sub.frame)), "cues": ", ".join(dict.fromkeys(sub.text)),
                     "html": highlight_html(article.text[s:e], [(a - s, b - s) for a, b in zip(sub.start, sub.end)])})
    return pd.DataFrame(rows, columns=["voice", "sentence", "start", "end", "frames", "cues", "html"]).head(limit)


def evidence_html(rows: pd.DataFrame) -> str:
    """An HTML table of :func:`evidence` rows (voice, frames, highlighted sentence); the sentence
    HTML is already escaped, every other cell is escaped here."""
    head = "<tr><th>voice</th><th>frames</th><th>sentence (cues marked)</th></tr>"
    body = "".join(f"<tr><td>{html.escape(str(r.voice))}</td><td>{html.escape(str(r.frames))}</td>"
                   f"<td style='text-align:left'>{r.html}</td></tr>" for r in rows.itertuples())
    return f"<table class='evidence'>{head}{body}</table>"


# ------------------------------------------------------------------------------ validation figures
def validation() -> dict:
    """The figures ``scripts/eval_frames.py --write`` measured on the shared dev data, as committed
    in ``data/validation/frames.json`` (the product never reads the evaluation data itself)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "validation" / "frames.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validation_tables() -> dict[str, pd.DataFrame]:
    """:func:`validation` as tables: ``summary`` (one row per measurement), ``frac`` (per class),
    ``nfc`` (per generic frame).

    >>> sorted(validation_tables())
    ['frac', 'nfc', 'summary']
    """
    v = validation()
    fr, nf = v["frac"], v["nfc"]
    summary = [
        ("FrAC sentences: dominant_frame macro-F1 (all dev)", fr["macro_f1"], "partly in-sample: lexicon revised after reading errors on half A"),
        ("FrAC: half B (never read while curating)", fr["halves"]["B_odd_rows_unread"]["macro_f1"], "closest to a held-out estimate"),
        ("FrAC: half A (errors read while curating)", fr["halves"]["A_even_rows_read"]["macro_f1"], "in-sample for the revisions"),
    ]
    if "blind_first_lexicon" in fr:
        summary.append(("FrAC: first lexicon, written before reading any dev sentence", fr["blind_first_lexicon"]["macro_f1"], "out-of-sample"))
    summary += [
        ("FrAC floor: ten keywords per frame", 0.534, "../shared/eval/frames/README.md"),
        ("NFC articles: generic_frames macro-F1, 5-fold CV", nf["cv_macro_f1"], "model refitted in every fold"),
        ("NFC: trained on half A, tested on half B", nf["A_to_B_macro_f1"], "half B never read while curating"),
        ("NFC floor: predict every frame", nf["predict_all_macro_f1"], "../shared/eval/frames/README.md"),
    ]
    frac = pd.DataFrame([{"label": k, **d} for k, d in fr["per_class"].items()],
                        columns=["label", "n", "precision", "recall", "f1"])
    nfc = pd.DataFrame([{"frame": k, **{c: d[c] for c in ("positives", "cv_f1", "A_to_B_f1", "predict_all_f1")}}
                        for k, d in nf["frames"].items()], columns=["frame", "positives", "cv_f1", "A_to_B_f1", "predict_all_f1"])
    return {"summary": pd.DataFrame(summary, columns=["measurement", "value", "note"]), "frac": frac, "nfc": nfc}


# ------------------------------------------------------------------------------ the two voices compared
def compare_voices(article, a: str = "report", b: str = "editorial") -> pd.DataFrame:
    """Cue rates per 1,000 words of voice ``a`` against voice ``b`` for every frame of the three
    schemes with a hit in either: ``scheme``, ``frame``, ``<a>``, ``<b>``, ``difference`` (b − a),
    ``hits_<a>``, ``hits_<b>``; sorted by the size of the difference."""
    article = _as_article(article)
    rows = []
    for scheme in ("issue", "generic", "entman"):
        r = rates(article, scheme, (a, b))
        p = r.pivot(index="frame", columns="voice", values="per_1000")
        n = r.pivot(index="frame", columns="voice", values="hits")
        for f in p.index:
            if n.loc[f, a] + n.loc[f, b] == 0:
                continue
            rows.append({"scheme": scheme, "frame": f, a: float(p.loc[f, a]), b: float(p.loc[f, b]),
                         "difference": round(float(p.loc[f, b] - p.loc[f, a]), 2),
                         f"hits_{a}": int(n.loc[f, a]), f"hits_{b}": int(n.loc[f, b])})
    df = pd.DataFrame(rows, columns=["scheme", "frame", a, b, "difference", f"hits_{a}", f"hits_{b}"])
    return df.reindex(df.difference.abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)


def label_contrast(article, a: str = "report", b: str = "editorial") -> pd.DataFrame:
    """For each actor named in voice ``b``: its labels in ``a`` and in ``b``, and the labelled
    mentions (with a modifier) that only ``b`` uses: ``actor``, ``<a>_labels``, ``<b>_labels``,
    ``only_<b>`` (labels joined with " | ")."""
    n = naming(article)
    rows = []
    for actor, sub in n.groupby("actor", sort=False):
        la, lb = list(sub[sub.voice == a].label), list(sub[sub.voice == b].label)
        if not lb:
            continue
        mods_a = {m.lower() for m in sub[sub.voice == a].modifier if m}
        only = [lab for lab, m in zip(sub[sub.voice == b].label, sub[sub.voice == b].modifier) if m and m.lower() not in mods_a]
        rows.append({"actor": actor, f"{a}_labels": " | ".join(la), f"{b}_labels": " | ".join(lb), f"only_{b}": " | ".join(only)})
    return pd.DataFrame(rows, columns=["actor", f"{a}_labels", f"{b}_labels", f"only_{b}"])
