"""Frame cues in plain text: the cue lexicons compiled into a matcher, and the functions over text
(:func:`find_frames`, :func:`frame_scores`, :func:`dominant_frame`, :func:`find_hedges`).

Cues match word forms through the Snowball stemmer (``match = stem``: "tax" finds taxes, taxed),
exact lower-case forms (``exact``), case-sensitive forms (``case``: "ICE", "NDP") or a regular
expression (``regex``, for numbers only: an amount of money, a share of people, an age; the regex
pass runs only on text with a digit or a currency sign). Multi-word cues are allowed, with ``|``
between alternative words ("his|her|their home|family"); at each position the longest cue wins
within a scheme, so "death penalty" is crime_punishment and not also health_safety's "death". Rows
with frame ``none`` block a word form that a stem would match in the wrong sense ("fairly" is not
"fair"): in every scheme at once when their scheme is ``all``.
"""
from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from .. import lexicons, names, resources
from ..errors import ArticleError

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
_WORD_MODES = frozenset({"stem", "exact"})  # cues read as common words (not "case" names, not regexes)
# the regex cues all need a digit or a currency sign: skip the regex pass on text without one
_REGEX_GATE = re.compile(r"[\d$\u20ac\u00a3]")
_DIGIT_RE = re.compile(r"\d")


def check_text(text) -> str:
    """The text a function over plain text reads: ``None`` is the empty text; anything but a string
    raises :class:`~analysis.errors.ArticleError`.

    >>> check_text(None)
    ''
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ArticleError(f"expected text (str), got {type(text).__name__}")
    return text


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


def refresh() -> None:
    """Read the lexicon files again on the next call (a script that rewrites them mid-run calls it;
    otherwise their modification times are checked at most once a second)."""
    _MEMO["at"] = -1e9


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
    """True when every match of ``rx`` starts with a digit: the pattern starts with a plain ``\\d``
    (not made optional by ``*``, ``?`` or ``{``) and has no alternation outside groups; False
    whenever that cannot be told from the pattern's text.

    >>> _digit_led(re.compile(r"\\d\\d? years")), _digit_led(re.compile(r"\\d*%")), _digit_led(re.compile(r"\\d|x"))
    (True, False, False)
    """
    p = rx.pattern if isinstance(rx.pattern, str) else ""
    if not p.startswith("\\d") or p[2:3] in ("*", "?", "{"):
        return False
    depth, i, in_class = 0, 2, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if p[i + 1:i + 2] == "^":
                i += 1
            if p[i + 1:i + 2] == "]":  # a ']' first in a class is a literal
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


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
    text = check_text(text)
    if not text:
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
        if i >= covered and (i == last or not (stems[i + 1] in info[3] or lows[i + 1] in info[4]
                                                 or raws[i + 1] in info[5])):
            if info[2]:  # fast path: no multi-word cue can match here, only the one-word cues
                found.append((i, i, info[2]))
            continue
        for k, entries in _claim(info[1], i, n, seqs, skip):
            found.append((i, i + k - 1, entries))
        covered = max(skip.values(), default=0)
    out = []
    lists, memo = None, {}
    for i, j, entries in found:
        if i == j and raws[i][:1].isupper():  # a common word's cue does not count inside a name or title
            lists = lists or names.words()
            if names.name_rule(text, starts[i], ends[i], lists, memo):
                entries = [e for e in entries if e[3] not in _WORD_MODES]
        out.extend((starts[i], ends[j]) + e for e in entries)
    if m.regexes and _REGEX_GATE.search(text):
        out += _regex_hits(text, m.regexes)
    out.sort(key=itemgetter(0, 1, 3, 2))  # start, end, scheme, frame
    return out


def find_frames(text: str) -> pd.DataFrame:
    """Frame cue hits in ``text``: one row per (span, frame), ``text[start:end]`` is the matched words.

    Columns: ``start``, ``end``, ``frame``, ``scheme`` (issue | generic), ``cue`` (the lexicon entry),
    ``mode`` (how the cue matched: stem | exact | case | regex), ``weight``, ``group`` (the cue family, e.g. the coding
    question ``morality.religion``), ``text``. Never raises on odd text; ``None`` is the empty text,
    anything else but a string raises :class:`~analysis.errors.ArticleError`.

    >>> find_frames("Police arrested two smugglers.")[["frame", "scheme", "cue", "text"]].values.tolist()
    [['crime_punishment', 'issue', 'police', 'Police'], ['crime_punishment', 'issue', 'arrest', 'arrested'],
     ['crime_punishment', 'issue', 'smuggler', 'smugglers']]
    >>> len(find_frames("")), len(find_frames("\u201cunbalanced"))
    (0, 0)
    """
    text = check_text(text)
    return _hits_frame(_raw_hits(text), text)


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



# ------------------------------------------------------------------------------ hedges and boosters
HEDGE_COLUMNS = ["start", "end", "category", "cue", "text"]


def _hedges_frame(hits: list, text: str) -> pd.DataFrame:
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
    text = check_text(text)
    return _hedges_frame(_raw_hits(text, "hedges"), text)

