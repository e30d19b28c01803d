"""Actors: who is named how in an article, every mention with offsets, its labelling modifier and voice.

Two sources of actors, merged per article:

* the curated alias file ``data/lexicons/actors.csv`` (countries and their capitals used as
  metonyms, governments, armed groups, coalitions, media, a few heads of state), extensible by a
  user alias file (:func:`alias_table`);
* people found in the text itself: capitalised name sequences introduced by a title or role
  ("Russian Foreign Minister Sergey Lavrov", "Mr. Trump"), by a known first name
  (``data/lexicons/first_names.csv``), by an appositive role ("the Foreign Ministry's spokesperson,
  Maria Zakharova") or by a speech verb ("Jimmy Tompkins said"). Later surname-only mentions
  ("Lavrov"), honorific mentions ("Mrs. Clinton") and role mentions ("the Russian FM",
  "the spokeswoman") resolve to the same person. Titles and abbreviations are in
  ``data/lexicons/roles.csv``.

Public functions: :func:`alias_table`, :func:`find_mentions`, :func:`actor_table`, :func:`tables`
(``{"mentions", "actors"}``), :func:`resolve` (span -> canonical actor), :func:`gender`,
:func:`previous_person` (for pronoun speakers). Results are cached on the Article, so repeated
``resolve`` calls are cheap. Plain strings are accepted wherever an Article is.

Mentions never overlap; every one satisfies ``article.text[start:end] == mention``. The pre-modifier
that labels a mention ("Western proxy army" ISIS, "democratically-elected President" Assad) is
reported with its own offsets; a leading determiner ("the", "this") is not part of it.

>>> from analysis import Article, actors
>>> a = Article.from_text("Russian Foreign Minister Sergey Lavrov spoke to the press on Monday. "
...     "Washington is wrong, Lavrov said. The Russian FM added that the US must talk to Damascus.")
>>> m = actors.find_mentions(a)
>>> m[["actor", "mention", "how"]].values.tolist()[:3]
[['Sergey Lavrov', 'Sergey Lavrov', 'title+name'], ['United States', 'Washington', 'curated'], ['Sergey Lavrov', 'Lavrov', 'surname']]
>>> actors.resolve(a, a.text.index("The Russian FM"), a.text.index("The Russian FM") + 14)
'Sergey Lavrov'
>>> actors.actor_table(a).set_index("actor").loc["Sergey Lavrov", "role"]
'Russian Foreign Minister'
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

try:  # the regex parser (to read the first characters of the alias patterns)
    from re import _constants as _sre_c, _parser as _sre_parser
except ImportError:  # Python < 3.11
    import sre_constants as _sre_c
    import sre_parse as _sre_parser

import numpy as np
import pandas as pd

from . import lexicons
from .article import column_list as _col, object_array

ALIAS_COLUMNS = ["actor", "alias", "kind", "role", "gender", "match", "rationale", "source"]
MENTION_COLUMNS = ["actor", "kind", "start", "end", "mention", "how", "modifier", "modifier_start", "modifier_end",
                   "paragraph", "sentence", "voice"]
ACTOR_COLUMNS = ["actor", "kind", "role", "gender", "gender_source", "organisation", "aliases", "mentions", "first_start"]

BLANKS = " \t\u00a0\u2009\u202f"  # spaces inside a line (no-break spaces are common in web copy)
BLANK = "[ \\t\\u00a0\\u2009\\u202f]"
_BLANK_TRANS = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})

# Upper-case letters of the Latin, Greek and Cyrillic blocks (names in English news).
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x530)) if c.isupper()}))
UPPER = "[" + re.escape(_UPPER) + "]"
# a mojibake pair (UTF-8 read as Latin-1: "Fran\u00c3\u00a7ois") stays inside its word
_TOK = UPPER + r"(?:[\u00c2-\u00c5][\u0080-\u009f\u00a1-\u00bf]|[^\W\d_]|['\u2019](?![sS]\b)(?=[^\W\d_])|-(?=[^\W\d_]))*"
_INIT = rf"(?:{UPPER}\.){{1,3}}"  # J. / G.K.
PARTICLES = ("al", "el", "bin", "ibn", "ben", "abu", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "van",
             "von", "der", "den", "ter")
_PART = "(?:" + "|".join(PARTICLES) + ")"
# A capitalised name sequence (one line; particles such as al-/van/de inside; Jr./III after).
NAME_RE = re.compile(
    rf"(?<![\w'\u2019\-.])(?:{_INIT}|{_TOK})(?:[ \t\u00a0\u2009\u202f]+(?:{_INIT}|{_TOK})|[ \t\u00a0\u2009\u202f]+{_PART}[ \t-]{_TOK}|-{_TOK})*"
    rf"(?:,?[ \t\u00a0\u2009\u202f]+(?:Jr\.|Sr\.|Jr|Sr|II|III|IV)(?![\w.]))?")
# the same, two words at least (single words are only names after a title, found from the titles).
# Written with the first capital letter outside the lookbehind (which then looks one character further
# back): a pattern that opens with a character class lets the regex engine skip ahead to candidates.
_TOK_REST = _TOK[len(UPPER):]
NAME2_RE = re.compile(
    rf"{UPPER}(?<![\w'\u2019\-.].)(?:\.(?:{UPPER}\.){{0,2}}|{_TOK_REST})(?:[ \t\u00a0\u2009\u202f]+(?:{_INIT}|{_TOK})|[ \t\u00a0\u2009\u202f]+{_PART}[ \t-]{_TOK}|-{_TOK})+"
    rf"(?:,?[ \t\u00a0\u2009\u202f]+(?:Jr\.|Sr\.|Jr|Sr|II|III|IV)(?![\w.]))?")
INIT_RE = re.compile(_INIT)
TOKEN_AT_RE = re.compile(rf"(?:{_TOK})(?![\w'\u2019\-]|\.\w)")
MORE_NAME_RE = re.compile(rf"[ \t\u00a0\u2009\u202f]+(?:{_INIT}|{_TOK}|{_PART}[ \t-]{_TOK})")
SPLIT_RE = re.compile(r"[^ \t\u00a0\u2009\u202f,]+")
SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}

# precompiled forms of small patterns used in loops
_POSS_S_END_RE = re.compile(r"['\u2019]s$")
_POSS_S_RE = re.compile(r"['\u2019]s\b")
_WORD_TC_RE = re.compile(r"([^\W\d_])[\w'\u2019\-]*")  # a word; findall gives its first letter
_ROLE_WORD_RE = re.compile(r"[\w.'\u2019-]+")
_DOT_OR_CAP_RE = re.compile(rf"\.|[ \t\u00a0\u2009\u202f]+{UPPER}")
_INIT_FULL_RE = re.compile(_INIT)
_UPPER_RE = re.compile(UPPER)
_WORDCHAR_RE = re.compile(r"\w")
_COMMA_END_RE = re.compile(r",[ \t\u00a0\u2009\u202f]*\Z")
_LAST_WORD_RE = re.compile(r"([\w'\u2019]+)[ \t\u00a0\u2009\u202f]+\Z")
_CLAUSE_PUNCT_RE = re.compile(r"[,;:]")
# A token before a mention, for the pre-modifier walk: optional quote marks, inner periods (U.S.).
PRE_TOKEN_RE = re.compile(r"[\"\u201c\u2018']?[^\W_](?:[\w'\u2019\-]|\.(?=\w))*\.?[\"\u201d\u2019']?")
# One step of the backward walk on reversed text: blanks, then a reversed token (quote, word, quote).
REV_STEP_RE = re.compile(r"([ \t\u00a0\u2009\u202f]+)[\"\u201d\u2019']?\.?(?:[\w'\u2019\-]|\.(?=\w))*[^\W_][\"\u201c\u2018']?(?![\w'\u2019\-])")
PRONOUN_RE = re.compile(r"(?<![\w'])(he|she|his|her|him|hers|himself|herself)(?![\w'])", re.I)
SPEECH_WORDS = frozenset({"said", "says", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes", "explained",
                          "noted", "notes", "argued", "argues", "stated", "states", "tweeted", "insisted", "insists", "warned",
                          "warns", "urged", "urges", "claimed", "claims", "denied", "denies", "vowed", "vows"})
SPEECH_AFTER_RE = re.compile(r"[ \t\u00a0\u2009\u202f]*(?:,[ \t\u00a0\u2009\u202f]*)?(?:said|says|told|added|asked|wrote|explained|noted|argued|stated|tweeted|"
                             r"insisted|warned|continued|recalled|replied|responded)\b|,[ \t\u00a0\u2009\u202f]+\d{1,3},|,[ \t\u00a0\u2009\u202f]+who[ \t\u00a0\u2009\u202f]")
SPEECH_BEFORE_RE = re.compile(r"(?:said|says|told|added|asked|wrote|according to|by|—|―|--)[ \t\u00a0\u2009\u202f]*\Z")
DEM_APPOS_RE = re.compile(r"[Tt]h(?:is|at|ese|ose)(?:[ \t\u00a0\u2009\u202f]+[a-z][\w\-]*){1,3},[ \t\u00a0\u2009\u202f]+")
_MEMO_SIZE = 20000  # bound of the per-word memos (a word or short title string -> its lookup)
_GENDER_WORDS = {"he": "male", "his": "male", "him": "male", "himself": "male",
                 "she": "female", "her": "female", "hers": "female", "herself": "female"}


# --------------------------------------------------------------------------------- lexicons
def alias_table(extra=None) -> pd.DataFrame:
    """The curated alias table (``data/lexicons/actors.csv``), optionally corrected or extended by a
    user alias file ``extra`` (a CSV path or a DataFrame with the same columns; ``actor``, ``alias``
    required). A user row replaces the curated row with the same alias; a user row whose ``actor`` is
    ``-`` removes that alias. ``match`` is ``word`` (case-sensitive on word boundaries, the default),
    ``nocase`` or ``regex``.

    >>> t = alias_table()
    >>> t.set_index("alias").loc["Washington", "actor"] if "Washington" in set(t.alias) else "United States"
    'United States'
    >>> extra = pd.DataFrame({"actor": ["Islamic State", "-"], "alias": ["Daech", "Daesh"]})
    >>> t2 = alias_table(extra)
    >>> ("Daech" in set(t2.alias), "Daesh" in set(t2.alias))
    (True, False)
    """
    base = lexicons.load("actors")
    if extra is None:
        return _normalise_aliases(base)
    if isinstance(extra, (str, Path)):
        extra = lexicons.read_alias_file(extra)  # BOM accepted; regex aliases checked (LexiconError)
    if not isinstance(extra, pd.DataFrame) or not {"actor", "alias"} <= set(extra.columns):
        raise ValueError("extra aliases need the columns 'actor' and 'alias'")
    extra = extra.astype(str).copy()
    for c in ALIAS_COLUMNS:
        if c not in extra.columns:
            extra[c] = "user alias file" if c == "source" else ""
    extra = extra[ALIAS_COLUMNS]
    # fill kind/role/gender of a known actor from the curated rows
    known = base.drop_duplicates("actor").set_index("actor")
    for c in ("kind", "role", "gender"):
        miss = (extra[c] == "") & extra.actor.isin(known.index)
        extra.loc[miss, c] = extra.loc[miss, "actor"].map(known[c])
    merged = pd.concat([base[ALIAS_COLUMNS], extra], ignore_index=True)
    merged = merged.drop_duplicates("alias", keep="last")
    merged = merged[merged.actor.str.strip() != "-"]
    return _normalise_aliases(merged)


def _normalise_aliases(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ALIAS_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df = df[ALIAS_COLUMNS].fillna("").astype(str)
    df["match"] = df["match"].str.strip().str.lower().replace("", "word")
    df["kind"] = df["kind"].replace("", "actor")
    df = df[(df.alias.str.strip() != "") & (df.actor.str.strip() != "")]
    return df.reset_index(drop=True)


@dataclass(frozen=True)
class _Roles:
    titles: dict            # lower title (no final '.') -> (category, canonical, gender)
    title_rev: re.Pattern   # reversed-text matcher of a title ending right before a position
    head_re: re.Pattern     # a title head word (for role mentions / appositives)
    title_words: frozenset
    labels: frozenset
    org_words: frozenset
    determiners: frozenset
    boundary: frozenset     # words a pre-modifier never crosses
    split_words: frozenset  # capitalised, they split a run of capitalised words ("Clinton Was Headed")
    first_names: dict       # name -> gender ('' = either)
    title_last: frozenset   # last word of every title, lower case without a final period (quick pre-check)
    title_next: re.Pattern  # last word of a title followed by blanks and a capital letter
    quick_stop: frozenset   # (boundary | determiners) - title_last: a word before a mention that ends its pre-modifier
    info_memo: dict = field(default_factory=dict, compare=False, repr=False)  # _title_info per string seen
    role_memo: dict = field(default_factory=dict, compare=False, repr=False)  # _curated_role per role string


@lru_cache(maxsize=4)
def _roles(_stamp=()) -> _Roles:
    df = lexicons.load("roles")
    titles = {}
    for r in df.itertuples():
        if r.category in ("honorific", "office"):
            titles.setdefault(r.title.lower().rstrip("."), (r.category, r.canonical.lower(), r.gender))
    by_cat = {c: frozenset(g.title) for c, g in df.groupby("category")}
    low = lambda c: frozenset(t.lower() for t in by_cat.get(c, ()))  # noqa: E731
    forms = sorted({t for t in df[df.category.isin(["honorific", "office"])].title}, key=len, reverse=True)
    # reversed titles: "Secretary of State" -> "etatS fo yraterceS"; an abbreviation's period is optional
    rev = "|".join(re.escape(t[::-1]) if not t.endswith(".") else r"\.?" + re.escape(t[:-1][::-1]) for t in forms)
    rev = rev.replace("\\ ", BLANK)
    title_rev = re.compile(rf"[ \t\u00a0\u2009\u202f]+(?:{rev})(?![\w'\u2019\-])", re.I)
    heads = sorted({t for t in df[df.category == "office"].title if len(t) > 2 or t.isupper()}, key=len, reverse=True)
    head_re = re.compile(r"(?i:" + "|".join(re.escape(h) for h in heads) + r")(?![\w\-])")
    fn = lexicons.load("first_names")
    title_last = frozenset(t.split()[-1].lower().rstrip(".") for t in forms)
    return _Roles(titles=titles, title_rev=title_rev, head_re=head_re, title_words=low("title_word"),
                  labels=low("label"), org_words=by_cat.get("org_word", frozenset()),
                  determiners=low("determiner"), boundary=low("boundary"),
                  split_words=low("boundary") | low("determiner") | _function_words(),
                  first_names=dict(zip(fn.name, fn.gender)),
                  title_last=title_last, title_next=_title_next_re(forms),
                  quick_stop=(low("boundary") | low("determiner")) - title_last)


def _title_next_re(forms) -> re.Pattern:
    words = set()
    for t in forms:
        w = t.split()[-1]
        for v in (w, w.lower(), w[:1].upper() + w[1:]):
            words.add(v)
            if v.endswith("."):
                words.add(v[:-1])
    return re.compile(r"(?<![\w'\u2019\-])(?:" + _trie_regex(words) + rf")(?![\w'\u2019\-])\.?[ \t\u00a0\u2009\u202f]+(?={UPPER})")


def _function_words() -> frozenset:
    return frozenset(lexicons.load("english_function_words").word.str.lower())


REV_PREV_WORD_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+\.?([^\s.]{1,30})")


def _title_before(text: str, pos: int, roles: _Roles):
    """A title ending right before ``pos`` (blanks between): the reversed-text match, or None."""
    lo = pos - 40
    rev = text[lo if lo > 0 else 0:pos][::-1]
    w = REV_PREV_WORD_RE.match(rev)
    if w is None or w.group(1)[::-1].lower() not in roles.title_last:
        return None
    return roles.title_rev.match(rev)


def _title_info(title: str, roles: _Roles):
    memo = roles.info_memo
    try:
        return memo[title]
    except KeyError:
        pass
    info = roles.titles.get(title.translate(_BLANK_TRANS).lower().rstrip("."))
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[title] = info
    return info


# ------------------------------------------------------------------------------ curated matcher
def _trie_regex(words) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts, end = [], "" in node
        for ch in sorted(k for k in node if k):
            alts.append((BLANK if ch == " " else re.escape(ch)) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?" if len(alts) == 1 and len(alts[0]) > 1 else body + "?" if len(alts) == 1 else "(?:" + "|".join(alts) + ")?"
        return body
    return emit(trie)


@dataclass(frozen=True)
class _Curated:
    regex: re.Pattern
    literal: dict   # exact surface -> row index
    patterns: list  # (compiled alias regex, row index), tried in order when a match is not a literal
    rows: list
    info: dict      # actor -> (kind, role, gender) of its first row
    surface: dict = field(default_factory=dict, compare=False, repr=False)  # matched text -> literal row index or None


@lru_cache(maxsize=16)
def _curated_cached(key: tuple) -> _Curated:
    """One regex for the whole alias table: the regex aliases first (so "US-led coalition" beats
    "US"), then a character trie of the literal aliases (longest first). No capture groups, so that
    the regex engine can skip branches on their first character; which alias matched is looked up
    afterwards (a dict for literals, the few regex aliases tried at the match position)."""
    rows = pd.DataFrame(list(key), columns=ALIAS_COLUMNS)
    literal, regex_alts, patterns = {}, [], []
    for i, r in enumerate(rows.itertuples()):
        alias = r.alias
        if r.match in ("regex", "nocase"):
            pat = alias if r.match == "regex" else f"(?i:{re.escape(alias)})"
            try:
                rx = re.compile(pat)
            except re.error:
                continue
            patterns.append((rx, i))
            regex_alts.append(f"(?:{pat})")
        else:
            forms = [alias]
            if alias.startswith("the "):
                forms.append("The " + alias[4:])
            for f in forms:
                literal.setdefault(f, i)
    alts = regex_alts + ([_trie_regex(literal)] if literal else [])
    body = "(?:" + "|".join(alts) + ")"
    pattern = _first_char_guard(body) + r"(?<![\w])" + body + r"(?![\w])" if alts else r"(?!x)x"
    info = {}
    for r in rows.itertuples():
        info.setdefault(r.actor, (r.kind, r.role, r.gender))
    return _Curated(re.compile(pattern), literal, patterns, list(rows.itertuples(index=False)), info)


def _first_chars(pattern: str):
    """The characters a match of ``pattern`` can start with (a set), or None when that is not plainly
    known (a pattern that may start with a lookaround, an optional part, a flag group, a category).

    >>> sorted(_first_chars(r"(?:Wa|[Tt]he|Al+)x")), _first_chars(r"(?i:w)"), _first_chars(r"a?b")
    (['A', 'T', 'W', 't'], None, None)
    """
    try:
        parsed = _sre_parser.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):  # global inline flags: (?i) ...
            return None
    except Exception:  # noqa: BLE001 - not analysable: no guard
        return None
    return _firsts(list(parsed))


def _firsts(items):
    if not items:
        return None
    op, av = items[0]
    if op is _sre_c.LITERAL:
        return {chr(av)}
    if op is _sre_c.IN:
        out = set()
        for o, a in av:
            if o is _sre_c.LITERAL:
                out.add(chr(a))
            elif o is _sre_c.RANGE and a[1] - a[0] < 512:
                out.update(map(chr, range(a[0], a[1] + 1)))
            else:  # a negated set, a category (\w), a big range
                return None
        return out
    if op is _sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _firsts(list(sub))
    if op is _sre_c.BRANCH:
        out = set()
        for alt in av[1]:
            f = _firsts(list(alt))
            if f is None:
                return None
            out |= f
        return out
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
        return _firsts(list(av[2]))
    return None


def _first_char_guard(pattern: str) -> str:
    """A lookahead for the first character of a match of ``pattern`` ("" when unknown): put before
    a pattern that opens with a lookbehind, it turns most positions down with one set test."""
    chars = _first_chars(pattern)
    if not chars:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


_UNSEEN = object()


def _curated_role(role: str, roles: _Roles) -> tuple:
    """The office heads and the normalised words of a curated person's role (memo per role string)."""
    hit = roles.role_memo.get(role)
    if hit is None:
        heads = set()
        for hm in roles.head_re.finditer(role):
            info = _title_info(hm.group(), roles)
            if info and info[0] == "office":
                heads.add(info[1])
        hit = (frozenset(heads), frozenset({_norm_word(w) for w in _ROLE_WORD_RE.findall(role)}))
        if len(roles.role_memo) >= _MEMO_SIZE:
            roles.role_memo.clear()
        roles.role_memo[role] = hit
    return hit


def _which_alias(cur: _Curated, text: str, m) -> int | None:
    g = m.group()
    memo = cur.surface
    try:
        i = memo[g]
    except KeyError:
        i = cur.literal.get(g.translate(_BLANK_TRANS))
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[g] = i
    if i is not None:
        return i
    s, e = m.span()
    for rx, j in cur.patterns:
        mm = rx.match(text, s)
        if mm and mm.end() == e:
            return j
    return None


def user_alias_file() -> str | None:
    """The user alias file named by ``$ANALYSIS_ALIASES`` (same columns as ``actors.csv``; at least
    ``actor`` and ``alias``), applied on top of the curated table wherever no alias table is passed
    explicitly: the CLI's ``--aliases FILE`` sets it, and notebooks, reports and corpus workers
    inherit it."""
    return os.environ.get("ANALYSIS_ALIASES") or None


@lru_cache(maxsize=4)
def _default_curated(_stamp) -> _Curated:
    table = alias_table(user_alias_file())
    return _curated_cached(tuple(map(tuple, table[ALIAS_COLUMNS].itertuples(index=False, name=None))))


@lru_cache(maxsize=8)
def _lexicon_paths(env) -> tuple:
    d = lexicons.lexicon_dir()
    return tuple(os.path.join(str(d), f"{n}.csv") for n in ("actors", "roles", "first_names"))


def _lexicon_stamp() -> tuple:
    """Paths and modification times of the lexicons this module reads (cache key: edits are seen)."""
    out = []
    user = user_alias_file()
    for path in _lexicon_paths(os.environ.get("ANALYSIS_LEXICONS")) + ((user,) if user else ()):
        try:
            out.append((path, os.stat(path).st_mtime))
        except OSError:
            out.append((path, 0))
    return tuple(out)


def _curated(aliases, stamp=None) -> _Curated:
    if aliases is None:
        return _default_curated(stamp or _lexicon_stamp())
    elif isinstance(aliases, pd.DataFrame) and "match" in aliases.columns and list(aliases.columns[:len(ALIAS_COLUMNS)]) == ALIAS_COLUMNS:
        table = _normalise_aliases(aliases)
    else:
        table = alias_table(aliases)
    key = tuple(map(tuple, table[ALIAS_COLUMNS].itertuples(index=False, name=None)))
    return _curated_cached(key)


# ------------------------------------------------------------------------------ per-article work
@dataclass(slots=True)
class _Person:
    name_tokens: tuple
    canonical: str
    role: str = ""
    role_heads: set = field(default_factory=set)
    role_words: set = field(default_factory=set)
    role_sets: list = field(default_factory=list)  # one (heads, words) per role phrase seen
    gender: str = ""
    gender_source: str = ""
    organisation: str = ""
    n_full: int = 0
    first: int = 0
    curated: bool = False

    @property
    def surname(self) -> str:
        return self.name_tokens[-1]

    @property
    def first_name(self) -> str:
        return self.name_tokens[0] if len(self.name_tokens) > 1 else ""


@dataclass(slots=True)
class _Mention:
    actor: str
    kind: str
    start: int
    end: int
    how: str
    modifier: tuple = None  # (start, end); (-1, -1) = none; None = not computed yet
    person: object = None


class _Doc:
    """Minimal stand-in for an Article when a plain string is given."""

    def __init__(self, text):
        self.text = text

    def paragraph_at(self, offset):
        return 0

    def sentence_at(self, offset):
        return 0

    def voice_at(self, offset):
        return "report"


def _as_article(article):
    if isinstance(article, str):
        from .article import Article
        from .errors import ArticleError
        try:
            return Article.from_text(article, name="text")
        except ArticleError:
            return _Doc(article)
    return article


def _premodifier(text: str, start: int, roles: _Roles, max_units: int = 6):
    """The labelling pre-modifier of the mention starting at ``start``:
    ``(mod_start, mod_end, units)``; units are ``(s, e, kind)`` with kind in
    title/honorific/cap/word/label. Empty modifier: ``(-1, -1, [])``."""
    if start == 0 or text[start - 1] not in BLANKS:
        return -1, -1, []
    # quick exit: the word right before is a preposition, verb, determiner... (most mentions)
    lo = start - 24
    pw = REV_PREV_WORD_RE.match(text[lo if lo > 0 else 0:start][::-1])
    if pw is None or pw.group(1)[::-1].lower() in roles.quick_stop:
        return -1, -1, []
    lo = start - 90 if start > 90 else 0
    rev = text[lo:start][::-1]  # walk backwards by matching on the reversed text
    units, pos, boundary, in_poss = [], start, "punct", False
    while len(units) < max_units:
        r = start - pos  # offset of ``pos`` in ``rev``
        step = REV_STEP_RE.match(rev, r)
        if not step or not step.group(1):
            break
        # a title phrase ending here (possibly several tokens: "Secretary of State", "Lt. Gen.")
        prev = rev[step.end(1):step.end()][::-1].strip("\"\u201c\u201d\u2018\u2019'").lower().rstrip(".")
        rm = roles.title_rev.match(rev, r) if prev in roles.title_last else None
        if rm:
            ts = pos - (rm.end() - r)
            title = text[ts:pos].strip()
            info = _title_info(title, roles)
            kind = info[0] if info else "title"
            units.append((ts, ts + len(title), "honorific" if kind == "honorific" else "title"))
            pos = ts
            continue
        s, e = pos - (step.end() - r), pos - (step.end(1) - r)
        tok = text[s:e]
        word = tok.strip("\"\u201c\u201d\u2018\u2019'")
        low = word.lower()
        if tok.endswith(".") and "." not in tok[:-1] and _title_info(tok, roles) is None:
            break  # a sentence end
        if low in roles.determiners:
            boundary = "det"
            break
        if in_poss and word[:1].isupper():
            units.append((s, e, "poss"))
            pos = s
            continue
        if low in roles.boundary:
            boundary = "other"
            break
        if word[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "\u2019s")) and len(low) > 3 \
                and low not in roles.labels and low not in roles.title_words:
            boundary = "other"  # a finite verb ("Kiev joins Washington vassal Bulgaria")
            break
        if in_poss and not word[:1].isupper():
            break
        if word[-2:] in ("'s", "\u2019s") and word[:1].isupper():
            in_poss = True  # a possessor ("the Foreign Ministry's"): take its capitalised words, then stop
            boundary = "det"
            units.append((s, e, "poss"))
            pos = s
            continue
        if tok[0] in "\"\u201c\u2018'" or tok[-1] in "\"\u201d\u2019'" and not tok.endswith(("'s", "\u2019s")):
            kind = "quoted"
        elif low in roles.labels:
            kind = "label"
        elif low in roles.title_words:
            kind = "title_word"
        elif word[:1].isupper():
            kind = "cap"
        else:
            kind = "word"
        units.append((s, e, kind))
        pos = s
    if boundary != "det":
        keep = []
        for u in units:
            if u[2] == "word":
                break
            keep.append(u)
        units = keep
    if not units:
        return -1, -1, []
    units = units[::-1]
    return units[0][0], units[-1][1], units


def _role_from_units(text: str, units, roles: _Roles):
    """The role phrase (titles and the title-like words before them) and the honorific gender."""
    gender, role_units = "", []
    for i in range(len(units) - 1, -1, -1):
        s, e, kind = units[i]
        if kind == "honorific":
            info = _title_info(text[s:e], roles)
            gender = gender or (info[2] if info else "")
            continue
        if kind in ("title", "cap", "title_word", "poss") or (kind == "label" and role_units):
            role_units.append(units[i])
            if kind == "poss":
                break
        else:
            break
    role_units = role_units[::-1]
    while role_units and role_units[-1][2] != "title":
        role_units.pop()
    if not any(k == "title" for _, _, k in role_units):
        return "", gender, []
    # drop leading cap words that are not part of the title (e.g. a lowercase-less sentence start?)
    words = [_POSS_S_END_RE.sub("", text[s:e]) for s, e, _ in role_units]
    return " ".join(words), gender, role_units


def _title_gender(role_units, text, roles):
    for s, e, k in role_units:
        if k == "title":
            info = _title_info(text[s:e], roles)
            if info and info[2]:
                return info[2]
    return ""


def _heads(role_units, text, roles):
    out = set()
    for s, e, k in role_units:
        if k == "title":
            info = _title_info(text[s:e], roles)
            if info and info[0] == "office":
                out.add(info[1])
    return out


_NORM_MEMO: dict = {}


def _norm_word(w: str) -> str:
    n = _NORM_MEMO.get(w)
    if n is None:
        n = _POSS_S_END_RE.sub("", w).replace(".", "").lower()
        if len(_NORM_MEMO) >= _MEMO_SIZE:
            _NORM_MEMO.clear()
        _NORM_MEMO[w] = n
    return n


def canonical_name(name: str) -> str:
    """A person's canonical name as written, made a stable key: blanks collapsed, typographic
    apostrophes as ASCII ("O\u2019Neill" and "O'Neill" are one person, in one article and across a
    corpus whose outlets type them differently), and UTF-8 text that was decoded as Latin-1 or
    Windows-1252 (once or twice) repaired ("Fran\u00c3\u00a7ois" -> "Fran\u00e7ois"). Mentions keep
    their text as written.

    >>> canonical_name("James O\u2019Neill"), canonical_name("Fran\u00c3\u00a7ois Hollande")
    ("James O'Neill", 'Fran\u00e7ois Hollande')
    >>> canonical_name("Fran\u00c3\u0083\u00c2\u00a7ois")
    'Fran\u00e7ois'
    """
    if "\u00c3" in name or "\u00c2" in name:
        for _ in range(3):
            for enc in ("cp1252", "latin-1"):
                try:
                    fixed = name.encode(enc).decode("utf-8")
                    break
                except (UnicodeEncodeError, UnicodeDecodeError):
                    fixed = name
            if fixed == name:
                break
            name = fixed
    if "\u2019" in name or "\u2018" in name:
        name = name.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(name.split())


def _word_match(a: str, b: str) -> bool:
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:5] == b[:5]) or {a, b} <= {"us", "american", "america"} \
        or {a, b} <= {"gop", "republican"}


def _is_title_case(sentence: str) -> bool:
    initials = "".join(_WORD_TC_RE.findall(sentence))  # one letter per word
    if len(initials) < 4:
        return False
    caps = sum(map(str.isupper, initials))
    return caps >= 0.75 * len(initials)


class _LowerWords:
    """``word in lw``: does the text write ``word`` (already lower case) as a lower-case word anywhere?
    Looked up with ``str.find`` on demand (cheaper than collecting every word of the text)."""

    def __init__(self, text):
        self.text, self.memo = text, {}

    def __contains__(self, low):
        hit = self.memo.get(low)
        if hit is None:
            text, n, i, hit = self.text, len(low), self.text.find(low), False
            while i >= 0 and low:
                if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-'\u2019")) and \
                        (i + n >= len(text) or not (text[i + n].isalnum() or text[i + n] == "-")):
                    hit = True
                    break
                i = text.find(low, i + 1)
            self.memo[low] = hit
        return hit


class _Overlaps:
    """The mentions placed so far, sorted by start (with their ends alongside: a mention's span never
    changes once placed); an overlap is looked for among the eight mentions starting last before the
    end of the span asked about."""

    def __init__(self):
        self.starts, self.ends, self.items = [], [], []

    def overlaps(self, s, e):
        i = bisect.bisect_left(self.starts, e)  # every mention before i starts before e
        if not i:
            return []
        ends, lo = self.ends, max(0, i - 8)
        return [self.items[j] for j in range(lo, i) if s < ends[j]]

    def hit(self, s, e) -> bool:
        """``bool(self.overlaps(s, e))`` without building the list."""
        i = bisect.bisect_left(self.starts, e)
        ends = self.ends
        for j in range(i - 1, max(0, i - 8) - 1, -1):
            if s < ends[j]:
                return True
        return False

    def add(self, m):
        i = bisect.bisect_right(self.starts, m.start)
        self.starts.insert(i, m.start)
        self.ends.insert(i, m.end)
        self.items.insert(i, m)

    def remove(self, m):
        i = self.items.index(m)
        del self.starts[i], self.ends[i], self.items[i]


NEXT_CAP_RE = re.compile(rf"[ \t\u00a0\u2009\u202f]+({_TOK})")
PREV_CAP_RE = re.compile(rf"({_TOK})[ \t\u00a0\u2009\u202f]+\Z")


def _inside_other_name(text: str, s: int, e: int, actor: str, roles: _Roles) -> bool:
    """Is the one-word alias ``text[s:e]`` of a curated person (a surname such as "Cameron") only part
    of another person's name: the first word of a longer name ("Cameron Easley": a capitalised word
    follows that is no function word, title or organisation word), or a surname after a capitalised word that is
    no title, function word or organisation word ("Jane Merkel", "Candace Cameron")? Longer aliases ("Angela Merkel") are never questioned.

    >>> r = _roles(_lexicon_stamp())
    >>> [_inside_other_name(t, 0, 6, "Angela Merkel", r) for t in ("Merkel Smith said", "Merkel said", "Merkel The")]
    [True, False, False]
    >>> _inside_other_name("Jane Merkel", 5, 11, "Angela Merkel", r), _inside_other_name("Angela Merkel", 7, 13, "Angela Merkel", r)
    (True, False)
    """
    alias = text[s:e]
    if " " in alias.strip() or alias == actor:
        return False
    nm = NEXT_CAP_RE.match(text, e)
    if nm:
        w = nm.group(1)
        if w.lower() not in roles.split_words and w not in roles.org_words and w.lower() not in SPEECH_WORDS \
                and w.lower().rstrip(".") not in roles.titles:
            return True
    pm = PREV_CAP_RE.search(text, max(0, s - 40), s)
    if pm:
        w = pm.group(1)
        lw = w.lower().rstrip(".")
        if w not in actor.split() and not w.isupper() and lw not in roles.split_words and w not in roles.org_words \
                and lw not in SPEECH_WORDS and lw not in roles.titles and lw not in roles.title_words \
                and lw not in roles.title_last:
            return True  # "Jane Merkel", "Candace Cameron": another given name before the surname
    return False


def _analyse(article, aliases=None):
    text = article.text
    stamp = _lexicon_stamp()
    roles = _roles(stamp)
    cur = _curated(aliases, stamp)
    rows = cur.rows
    placed = _Overlaps()
    persons: list[_Person] = []
    by_surname: dict[str, list[_Person]] = {}
    curated_person: dict[str, _Person] = {}

    # 1. curated aliases: one pass of one regex over the whole text
    # (the matches come in text order and nothing is placed yet: each mention goes at the end)
    p_starts, p_ends, p_items = placed.starts, placed.ends, placed.items
    surface = cur.surface
    for m in cur.regex.finditer(text):
        i = surface.get(m.group(), _UNSEEN)  # the literal alias of this surface form (memo)
        if i is None or i is _UNSEEN:
            i = _which_alias(cur, text, m)
            if i is None:
                continue
        r = rows[i]
        s, e = m.span()
        if r.kind == "person" and _inside_other_name(text, s, e, r.actor, roles):
            continue  # "Cameron Easley" is not David Cameron, "Jane Merkel" not Angela Merkel
        cm = _Mention(r.actor, r.kind, s, e, "curated")
        if r.kind == "person":
            p = curated_person.get(r.actor)
            if p is None:
                toks = tuple(r.actor.split())
                p = _Person(toks, r.actor, role=r.role, gender=r.gender, gender_source="curated" if r.gender else "",
                            first=s, curated=True)
                heads, words = _curated_role(r.role, roles)
                p.role_heads, p.role_words = set(heads), set(words)
                p.role_sets.append((heads, words))
                curated_person[r.actor] = p
                persons.append(p)
            cm.person = p
            p.n_full += 1
        p_starts.append(s)
        p_ends.append(e)
        p_items.append(cm)
    for p in curated_person.values():
        by_surname.setdefault(p.surname, []).append(p)

    # 2. names found in the text
    sent_title_case = {}
    singles = []
    lay = _layout(article)
    sent_spans = (lay["sstart"], lay["send"])
    boundary = roles.split_words
    title_rev = roles.title_rev
    lower_words = _LowerWords(text)
    runs = []
    # one capitalised word right after a title ("Mr. Trump", "spokesman Peskov"): found from the titles
    for m in roles.title_next.finditer(text):
        ts = m.start()
        if ts and (text[ts - 1].isalnum() or text[ts - 1] in "-'\u2019"):
            continue
        tm = TOKEN_AT_RE.match(text, m.end())
        if tm and not MORE_NAME_RE.match(text, tm.end()):
            runs.append((tm.start(), tm.end(), [(tm.start(), tm.end())]))
    # runs of two or more capitalised words
    for m in NAME2_RE.finditer(text):
        s, e = m.span()
        runs.append((s, e, [t.span() for t in SPLIT_RE.finditer(text, s, e)]))
    runs.sort(key=lambda r: (r[0], -r[1]))
    for _, _, seg_tokens in runs:
        # split at capitalised function words ("Clinton Was Headed", "The Post")
        segs, cur_seg = [], []
        for s, e in seg_tokens:
            w = text[s:e]
            if w.lower() in boundary and not (cur_seg and text[cur_seg[-1][0]:cur_seg[-1][1]] in roles.first_names):
                if cur_seg:
                    segs.append(cur_seg)
                cur_seg = []
            else:
                cur_seg.append((s, e))
        if cur_seg:
            segs.append(cur_seg)
        for seg in segs:
            _name_candidate(article, text, seg, roles, placed, persons, by_surname, singles, sent_title_case, sent_spans,
                            lower_words)

    # honorific/title + single name: resolve to a full name with that surname, or a new person
    for s, e, units, gender, role, role_units in singles:
        w = text[s:e]
        if placed.hit(s, e):
            continue
        p = _pick_person(by_surname.get(w, []), gender, s)
        if p is None:
            if w in roles.org_words or w.isupper() and len(w) > 1:
                continue
            if any(k == "honorific" and text[us:ue].rstrip(".").lower() == "miss" for us, ue, k in units):
                continue  # "Miss Universe", "Miss Piggy": a title of its own
            p = _Person((w,), canonical_name(w), first=s)
            persons.append(p)
            by_surname.setdefault(w, []).append(p)
        _set_role(p, role, role_units, text, roles, units)
        if gender and not (p.gender_source == "title"):
            p.gender, p.gender_source = gender, "title"
        placed.add(_Mention(p.canonical, "person", s, e, "title+name", (units[0][0], units[-1][1]), p))

    # the labelling pre-modifier of the mentions so far; titles before curated people add to their roles
    for mm in placed.items:
        if mm.modifier is None and mm.how in ("curated", "name"):
            ms, me, units = _premodifier(text, mm.start, roles)
            mm.modifier = (ms, me)
            if mm.person is not None and mm.person.curated and units:
                role, _, role_units = _role_from_units(text, units, roles)
                if role:
                    _add_role_set(mm.person, _heads(role_units, text, roles), role)

    # 3. role mentions ("the Russian FM", "the spokeswoman") resolved to a person with that role
    _role_mentions(text, roles, placed, persons, stamp)

    # 4. surnames and unique first names of the people found
    _surname_mentions(text, roles, placed, persons, by_surname)

    # 5. demonstrative appositives: "this dangerous phenomenon, ISIS"
    starts = None  # start -> mention of the mentions placed before this step (built at the first match)
    for m in DEM_APPOS_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'\u2019_"):
            continue
        if starts is None:
            starts = {mm.start: mm for mm in placed.items}
        target = starts.get(m.end())
        if target is not None and not placed.hit(m.start(), m.end() - 1):
            end = len(text[m.start():m.end()].rstrip(" \t,")) + m.start()
            placed.add(_Mention(target.actor, target.kind, m.start(), end, "appositive", person=target.person))

    # 6. the labelling pre-modifier of every mention that has none yet
    for mm in placed.items:
        if mm.modifier is None:
            if mm.how in ("curated", "name", "surname", "first name"):
                mm.modifier = _premodifier(text, mm.start, roles)[:2]
            else:
                mm.modifier = (-1, -1)
        ms, me = mm.modifier
        if ms >= 0 and mm.how != "title+name":
            # in a headline written in title case every word is capitalised: only a title counts
            si = max(0, bisect.bisect_right(sent_spans[0], mm.start) - 1)
            if si not in sent_title_case:
                sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
            if sent_title_case[si]:
                last_word = text[ms:me].split()[-1]
                if _title_info(last_word, roles) is None:
                    mm.modifier = (-1, -1)

    # 7. gender from pronouns where nothing else tells it; canonical names
    _pronoun_gender(text, placed.items, persons)
    for mm in placed.items:
        if mm.person is not None:
            mm.actor = mm.person.canonical
    return placed.items, persons, cur


def _name_candidate(article, text, seg, roles, placed, persons, by_surname, singles, sent_title_case, sent_spans,
                    lower_words):
    """Decide whether a capitalised token run holds a person's name; register it."""
    if len(seg) == 1 and not _title_before(text, seg[0][0], roles):
        return
    # split off a title written inside the run ("Russian Foreign Minister Sergey Lavrov")
    j0 = 0
    for j in range(len(seg) - 1, 0, -1):
        if _title_before(text, seg[j][0], roles):
            j0 = j
            break
    name = seg[j0:]
    while len(name) > 1 and text[name[-1][0]:name[-1][1]] in SUFFIXES:
        name = name[:-1]
    while len(name) > 1 and text[name[-1][0]:name[-1][1]].lower() in SPEECH_WORDS:
        name = name[:-1]  # a headline's verb: "..., Carter Says"
    if len(name) == 1 and len(seg) > 1 and not _title_before(text, name[0][0], roles):
        return
    words = [text[s:e] for s, e in name]
    fn = roles.first_names
    # a first name further in ("Republican Donald Trump", "Miss Universe Alicia Machado"): the name starts there
    if words[0] not in fn:
        for k in range(1, len(words) - 1):
            if words[k] in fn:
                name, words = name[k:], words[k:]
                break
    # an organisation, place or date: an organisation word at the end, or anywhere when no title
    # introduces the run ("Park Geun-hye" after "President" is a name)
    if words[-1] in roles.org_words or (j0 == 0 and any(w in roles.org_words for w in words)):
        return
    # a run ending in a title is not a name ("Indiana Gov. Mike Pence": "Indiana Gov")
    if len(words) > 1 and _title_info(words[-1], roles) is not None and \
            _DOT_OR_CAP_RE.match(text[name[-1][1]:name[-1][1] + 2]):
        return
    if any(len(w) > 1 and w.isupper() and w not in SUFFIXES and not INIT_RE.fullmatch(w) for w in words):
        return
    if len(words) == 1 and _title_info(words[0], roles) is not None:
        return  # "Mr. President"
    # a capitalised word that the article also writes in lower case is a common word, not a name
    # ("Presidential Debates", "Major Islamic Holiday"), unless it is a known first name
    if not (words[0] in fn and len(words) >= 2) and any(w.lower() in lower_words for w in words if w not in fn):
        return
    if words[0].lower() in PARTICLES and len(words) == 2:
        name, words = name[1:], words[1:]  # "De Blasio" at a sentence start: a surname
    s, e = name[0][0], name[-1][1]
    # title case (headlines): names are two tokens at most
    si = max(0, bisect.bisect_right(sent_spans[0], s) - 1)
    if len(words) > 2 and si not in sent_title_case:
        sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
    if len(words) > 2 and sent_title_case[si] and not _whole_sentence(text, s, e, sent_spans[0][si], sent_spans[1][si]):
        keep = 3 if _INIT_FULL_RE.fullmatch(words[1]) or _UPPER_RE.fullmatch(words[1]) else 2
        name, words = name[:keep], words[:keep]
        e = name[-1][1]
    mod_s, mod_e, units = _premodifier(text, s, roles)
    role, hon_gender, role_units = _role_from_units(text, units, roles)
    has_title = bool(role_units) or any(k == "honorific" for _, _, k in units)
    if sent_title_case.get(si) is None and (len(words) == 1 or words[0] not in fn):
        sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
    if sent_title_case.get(si) and words[0] not in fn and not any(k == "honorific" for _, _, k in units):
        return  # a headline in title case: capitalised words prove little ("Retired General Reveals")
    # appositive role before, after a comma: "the Foreign Ministry's spokesperson, Maria Zakharova"
    if not has_title:
        ap = _appositive_before(text, s, roles)
        if ap:
            (mod_s, mod_e, units), role, role_units = ap, _appos_role(text, ap[2]), [u for u in ap[2] if u[2] == "title"]
            has_title = bool(role_units)
    ap_after = None
    if not has_title:
        ap_after = _appositive_after(text, e, roles)
    strong = has_title or (len(words) >= 2 and words[0] in roles.first_names)
    weak = (not strong and 2 <= len(words) <= 3 and (SPEECH_AFTER_RE.match(text, e) is not None or ap_after is not None
            or SPEECH_BEFORE_RE.search(text[max(0, s - 20):s]) is not None))
    if not (strong or weak or (ap_after and len(words) >= 2)):
        return
    if len(words) == 1:
        if has_title:
            singles.append((s, e, units, hon_gender or _title_gender(role_units, text, roles), role, role_units))
        return
    # overlap with curated mentions: curated persons win; places inside a strong full name lose
    over = placed.overlaps(s, e)
    for o in over:
        if o.kind == "person" or not strong or not (s <= o.start and o.end <= e):
            return
    for o in over:
        placed.remove(o)
    p = _find_person(persons, by_surname, words, hon_gender)
    if p is None:
        p = _Person(tuple(words), canonical_name(" ".join(words)), first=s)
        persons.append(p)
        by_surname.setdefault(words[-1], []).append(p)
    if len(words) > len(p.name_tokens) or (len(words) == len(p.name_tokens) and len(" ".join(words)) > len(p.canonical)):
        if not p.curated:
            p.name_tokens, p.canonical = tuple(words), canonical_name(" ".join(words))
    p.n_full += 1
    if ap_after and not role:
        role, role_units = ap_after
    _set_role(p, role, role_units, text, roles, units)
    g = hon_gender or _title_gender(role_units, text, roles)
    if g:
        p.gender, p.gender_source = g, "title"
    elif not p.gender and roles.first_names.get(words[0]):
        p.gender, p.gender_source = roles.first_names[words[0]], "first name"
    how = "title+name" if has_title and (mod_e == s or text[mod_e:s].strip() == "") else "name"
    # curated mentions inside the title ("Kremlin spokesman") belong to the person's role
    if mod_s >= 0 and role_units:
        for o in placed.overlaps(mod_s, mod_e):
            if o.kind != "person" and role_units[0][0] <= o.start:
                placed.remove(o)
                p.organisation = p.organisation or o.actor
    placed.add(_Mention(p.canonical, "person", s, e, how, (mod_s, mod_e), p))


def _whole_sentence(text, s, e, ss, se) -> bool:
    """Is the name run ``text[s:e]`` all the words of its sentence (a signature line: "\u2015 Julie A.
    Diaz Martinez")? Then it is not a headline in title case and keeps all its words."""
    return not _WORDCHAR_RE.search(text[max(ss, s - 40):s]) and not _WORDCHAR_RE.search(text[e:min(se, e + 40)])


def _appositive_before(text, s, roles):
    """``the Foreign Ministry's spokesperson, NAME``: the role phrase before a comma (determiner-led)."""
    before = text[max(0, s - 120):s]
    m = _COMMA_END_RE.search(before)
    if not m:
        return None
    cut = s - (len(before) - m.start())
    rm = roles.title_rev.match((text[max(0, cut - 40):cut] + " ")[::-1])
    if not rm:
        return None
    ts = cut - (rm.end() - 1)
    ms, me, units = _premodifier(text, ts, roles)
    title_unit = (ts, cut, "title")
    if ms < 0:
        # require a determiner right before the title ("the spokesperson, X")
        prev = _LAST_WORD_RE.search(text[max(0, ts - 20):ts])
        if not prev or prev.group(1).lower() not in roles.determiners:
            return None
        return ts, cut, [title_unit]
    # the walk must have stopped at a determiner or possessive
    if not (units[0][2] == "poss" or _determiner_end_re(roles.determiners).search(text[max(0, ms - 12):ms])):
        return None
    return ms, cut, units + [title_unit]


@lru_cache(maxsize=8)
def _determiner_end_re(determiners: frozenset) -> re.Pattern:
    """A determiner (case-insensitive) then blanks at the end of a string."""
    return re.compile(r"(?:^|[\s])(?:" + "|".join(determiners) + r")[ \t\u00a0\u2009\u202f]+\Z", re.I)


def _appos_role(text, units):
    return " ".join(_POSS_S_END_RE.sub("", text[s:e]) for s, e, _ in units)


APPOS_AFTER_RE = re.compile(r",[ \t\u00a0\u2009\u202f]+(?:(?:the|a|an|his|her|its|their)[ \t\u00a0\u2009\u202f]+)?((?:[\w'\u2019\-.]+[ \t\u00a0\u2009\u202f]+){0,4}?)")


# the end of an appositive role: punctuation, or "of/at/for" + its organisation ("director of AROS")
APPOS_END_RE = re.compile(r"[ \t\u00a0\u2009\u202f]*[,.;)]|[ \t\u00a0\u2009\u202f]+(?:of|at|for|with)[ \t\u00a0\u2009\u202f]+(?:the[ \t\u00a0\u2009\u202f]+)?[A-Z]")


def _appositive_after(text, e, roles):
    """``NAME, the Foreign Ministry spokeswoman,``: ``(role, role_units)`` or None."""
    m = APPOS_AFTER_RE.match(text, e)
    if not m:
        return None
    pos = m.end()
    hm = roles.head_re.match(text, pos) if pos < len(text) else None
    if not hm:
        # try shorter/longer modifier runs: scan the next few words for a head followed by , . ; )
        for wm in re.finditer(r"[\w'\u2019\-.]+", text[m.start(1):m.start(1) + 80]):
            hm2 = roles.head_re.match(text, m.start(1) + wm.start())
            if hm2 and APPOS_END_RE.match(text, hm2.end()):
                hm = hm2
                break
        else:
            return None
    if not APPOS_END_RE.match(text, hm.end()):
        return None
    rs = m.start(1)
    phrase = text[rs:hm.end()]
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in roles.boundary and first not in roles.title_words:
        return None  # "X, who was the bill floor manager": a clause, not an appositive role
    if len(phrase.split()) > 6 or _CLAUSE_PUNCT_RE.search(phrase):
        return None
    role = _POSS_S_RE.sub("", phrase)
    return role, [(hm.start(), hm.end(), "title")]


ORG_IN_ROLE_RE = re.compile(r"((?:[A-Z][\w\-]*[ \t\u00a0\u2009\u202f]+)*(?:" + "|".join((
    "Ministry", "Department", "House", "Party", "Committee", "Council", "Agency", "Office", "Campaign", "Bureau", "Senate",
    "Commission", "Army", "Police")) + r"))\b")


def _set_role(p, role, role_units, text, roles, units):
    if not role:
        return
    heads = _heads(role_units, text, roles)
    _add_role_set(p, heads, role)
    if len(role) > len(p.role) and not p.curated:
        p.role = role
    if not p.organisation:
        om = ORG_IN_ROLE_RE.search(role)
        if om:
            p.organisation = om.group(1)


def _add_role_set(p, heads, role):
    words = frozenset(_norm_word(w) for w in role.split())
    p.role_heads |= heads
    p.role_words |= words
    if heads and (frozenset(heads), words) not in p.role_sets:
        p.role_sets.append((frozenset(heads), words))


# words that make a different office of the same head: "the Democratic presidential nominee" is not
# the "Democratic vice presidential nominee"
DISTINCT_ROLE_WORDS = frozenset({"vice", "vice-presidential", "deputy", "former", "assistant", "acting", "lieutenant",
                                 "associate", "co-chair", "ex", "then", "under", "sub", "interim"})


def _role_fits(p, canon, mods):
    for heads, words in p.role_sets:
        if canon not in heads:
            continue
        if not all(any(_word_match(w, r) for r in words) for w in mods):
            continue
        if any(not any(_word_match(d, w) for w in mods) for d in words & DISTINCT_ROLE_WORDS):
            continue
        return True
    return False


def _find_person(persons, by_surname, words, gender):
    cands = by_surname.get(words[-1], [])
    first = words[0]
    for p in cands:
        pf = p.first_name
        if not pf or pf == first or (len(first) == 2 and first.endswith(".") and pf.startswith(first[0])) \
                or (len(pf) == 2 and pf.endswith(".") and first.startswith(pf[0])):
            if gender and p.gender and p.gender != gender:
                continue
            return p
    return None


def _pick_person(cands, gender, pos):
    if gender:
        cands = [p for p in cands if not p.gender or p.gender == gender] or []
    if not cands:
        return None
    return sorted(cands, key=lambda p: (-p.n_full, p.first))[0]


# The words before the head are possessive runs (``++``): a word run and a blank run can only end where
# the other class begins, so backtracking into them finds nothing (the same matches, found faster) as
# long as no head starts with a blank (else the plain runs below); the lookahead turns down a word that
# cannot open a head with one set test.
ROLE_MENTION_TMPL = r"[Tt]h(?:e|is|at)[ \t\u00a0\u2009\u202f]+((?:[\w'\u2019\-.]++[ \t\u00a0\u2009\u202f]++){{0,3}}?)(?=(?i:[{firsts}]))({heads})(?![\w\-])(?![ \t\u00a0\u2009\u202f]+(?:[A-Z]|of\b))"
_ROLE_MENTION_TMPL_PLAIN = ROLE_MENTION_TMPL.replace("]++", "]+")


@lru_cache(maxsize=256)
def _role_mention_re(stamp, canons: frozenset):
    """A role-mention regex for the title heads people in this article hold (small and fast)."""
    roles = _roles(stamp)
    forms = sorted({t for t, (cat, canon, _) in roles.titles.items() if cat == "office" and canon in canons}, key=len, reverse=True)
    forms = [f for f in forms if len(f) > 2 or f.upper() in ("FM", "PM", "VP", "DA", "AG")]
    if not forms:
        return None
    heads = "(?i:" + "|".join(re.escape(f).replace("\\ ", BLANK) + (r"\.?" if f in _ABBREV_HEADS(stamp) else "")
                             for f in forms) + ")"
    firsts = "".join(sorted({BLANK[1:-1] if f[0] == " " else re.escape(f[0]) for f in forms}))
    tmpl = _ROLE_MENTION_TMPL_PLAIN if any(f[0] in BLANKS for f in forms) else ROLE_MENTION_TMPL
    return re.compile(tmpl.format(heads=heads, firsts=firsts))


@lru_cache(maxsize=4)
def _ABBREV_HEADS(stamp):
    df = lexicons.load("roles")
    return frozenset(t.lower().rstrip(".") for t in df.title if t.endswith("."))


def _role_mentions(text, roles, placed, persons, stamp):
    people = [p for p in persons if p.role_heads]
    if not people:
        return
    firsts = {}
    for mm in placed.items:
        if mm.person is not None:
            firsts.setdefault(id(mm.person), []).append(mm.start)
    spans = sorted(mm.modifier for mm in placed.items if mm.person is not None and mm.modifier and mm.modifier[0] >= 0)
    person_ends = {mm.end for mm in placed.items if mm.person is not None}
    rx = _role_mention_re(stamp, frozenset(h for p in people for h in p.role_heads))
    if rx is None:
        return
    for m in rx.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'\u2019_"):
            continue
        if any(ms < m.end() and m.start() < me for ms, me in spans):
            continue  # the title of a name written next to it ("the Foreign Ministry's spokesperson, Maria Zakharova")
        lo = max(0, m.start() - 4)
        before = text[lo:m.start()].rstrip(BLANKS)
        if before.endswith(",") and lo + len(before) - 1 in person_ends:
            continue  # an appositive right after the name ("Jane Doerr, the company's spokeswoman,")
        head = m.group(2)
        info = _title_info(head, roles)
        if not info:
            continue
        canon, hgender = info[1], info[2]
        mods = [_norm_word(w) for w in m.group(1).split()]
        if any(w in roles.boundary or w in roles.determiners for w in mods):
            continue
        cands = []
        for p in people:
            if not _role_fits(p, canon, mods):
                continue
            if hgender and p.gender and p.gender != hgender:
                continue
            cands.append(p)
        if not cands:
            continue
        s = m.start()
        before = [(max([x for x in firsts.get(id(p), []) if x < s], default=-1), p) for p in cands]
        best = max(before, key=lambda t: t[0])
        p = best[1] if best[0] >= 0 else min(cands, key=lambda p: p.first)
        over = placed.overlaps(s, m.end())
        if any(o.kind == "person" or not (s <= o.start and o.end <= m.end()) for o in over):
            continue
        for o in over:
            placed.remove(o)
        if hgender and not p.gender:
            p.gender, p.gender_source = hgender, "title"
        placed.add(_Mention(p.canonical, "person", s, m.end(), "role", person=p))


def _surname_mentions(text, roles, placed, persons, by_surname):
    keys = {}
    for sname, ps in by_surname.items():
        if any(not p.curated for p in ps):
            keys[sname] = "surname"
    firsts = {}
    for p in persons:
        if p.first_name and len(p.first_name) > 2 and not p.first_name.endswith("."):
            firsts.setdefault(p.first_name, []).append(p)
    for f, ps in firsts.items():
        # a curated person with the same first word makes it ambiguous ("Kim" with Kim Jong-un and Kim Jong Il)
        if len(ps) == 1 and not ps[0].curated and f not in keys:
            keys[f] = "first name"
    forms = {k: k for k in keys}
    for k, kind in keys.items():
        if kind == "surname" and len(k) >= 3 and not k.isupper():
            forms.setdefault(k.upper(), k)  # transcripts: "PENCE: ..."
        for a, b in (("'", "\u2019"), ("\u2019", "'")):
            if a in k:
                forms.setdefault(k.replace(a, b), k)  # O'Neill / O\u2019Neill
    for p in persons:
        t = p.name_tokens
        if len(t) >= 3 and t[-2].lower() in PARTICLES and t[-1] in keys:
            for part in (t[-2], t[-2][:1].upper() + t[-2][1:]):
                forms[f"{part} {t[-1]}"] = t[-1]
    if not keys:
        return
    # one precompiled regex for every capitalised word (with a particle before it: "de Blasio"),
    # looked up in the article's forms: no regex compiled per article
    hits = []
    for form in sorted(forms, key=len, reverse=True):
        n, i = len(form), text.find(form)
        while i >= 0:
            e = i + n
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-'\u2019.")) and \
                    (e >= len(text) or not (text[e].isalnum() or text[e] == "-")) and \
                    not (e + 1 < len(text) and text[e] in "'\u2019" and text[e + 1] not in "sS"):
                hits.append((i, e, forms[form]))
            i = text.find(form, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    for s, e, w in hits:
        if placed.hit(s, e):
            continue
        if keys[w] == "surname":
            p = _pick_person(by_surname[w], "", s)
        else:
            p = firsts[w][0]
        if p is None:
            continue
        ms, me, units = _premodifier(text, s, roles)
        placed.add(_Mention(p.canonical, "person", s, e, keys[w], (ms, me), p))


def _pronoun_gender(text, items, persons):
    todo = {id(p) for p in persons if not p.gender}
    if not todo:
        return
    votes = {}
    pm = sorted((m for m in items if m.person is not None), key=lambda m: m.start)
    for i, m in enumerate(pm):
        if id(m.person) not in todo:
            continue
        stop = min(pm[i + 1].start if i + 1 < len(pm) else len(text), m.end + 400)
        hit = PRONOUN_RE.search(text, m.end, stop)
        if hit:
            g = _GENDER_WORDS[hit.group(1).lower()]
            votes.setdefault(id(m.person), []).append(g)
    for p in persons:
        v = votes.get(id(p))
        if not p.gender and v:
            f, ma = v.count("female"), v.count("male")
            if f != ma:
                p.gender, p.gender_source = ("female" if f > ma else "male"), "pronoun"


# ------------------------------------------------------------------------------ public tables
try:  # pandas' own string column type (pyarrow-backed ``str``): built directly, without inferring it
    import pyarrow as _pa
    from pandas.core.arrays.string_arrow import ArrowStringArray as _ArrowStringArray

    _STR_DTYPE = pd.Series(["x"]).dtype
    if not isinstance(pd.array(["x"], dtype=_STR_DTYPE), _ArrowStringArray):
        raise ImportError
except Exception:  # noqa: BLE001 - another pandas: the generic path below
    _ArrowStringArray = None


_STR_ONLY, _STR_OR_NONE, _LISTS = {str}, {str, type(None)}, {list}


def _column(values: list, ints: bool = False):
    """A column for :func:`_frame`: int64 for ``ints``; a list of Python strings (``None`` allowed
    when one is a string) as the ``str`` column pandas would infer, built directly (inference is most
    of the cost of a small frame); lists (or no values) as an object array. None for anything else:
    the caller lets pandas infer the whole frame as it always did."""
    if ints:
        return np.asarray(values, dtype=np.int64)
    if not values:
        return object_array(values)
    kinds = set(map(type, values))
    if _ArrowStringArray is not None and (kinds == _STR_ONLY or kinds == _STR_OR_NONE):
        try:
            return _ArrowStringArray(_pa.array(values, type=_pa.large_string()), dtype=_STR_DTYPE)
        except Exception:  # noqa: BLE001 - e.g. unpaired surrogates: let pandas decide
            return None
    if kinds == _LISTS:
        return object_array(values)
    return None


def _listed(cols: dict, ints=()) -> dict:
    """``{k: _frame(cols, ints)[k].tolist()}`` without building the frame: ``ints`` columns as
    Python ints, the missing values (None) of a text column as NaN (the missing value of the ``str``
    column pandas infers), other values as they are; fresh outer lists.

    >>> _listed({"a": ["x", None], "n": [1, 2], "l": [[1], None]}, ints=("n",))
    {'a': ['x', nan], 'n': [1, 2], 'l': [[1], None]}
    """
    if _ArrowStringArray is None:
        f = _frame(cols, ints)
        return {k: f[k].tolist() for k in f.columns}
    out = {}
    for k, v in cols.items():
        if k in ints:
            out[k] = list(map(int, v))
        elif None in v and set(map(type, v)) == _STR_OR_NONE and _utf8(v):
            out[k] = [_NAN if x is None else x for x in v]
        else:
            out[k] = list(v)
    return out


def _utf8(values) -> bool:
    """Do the strings of ``values`` (None skipped) encode as UTF-8, i.e. does :func:`_column` make
    them a ``str`` column (Arrow refuses the same unpaired surrogates), without building it?

    >>> _utf8(["x", None]), _utf8(["x", "\\ud800"])
    (True, False)
    """
    try:
        "".join([x for x in values if x is not None]).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_NAN = float("nan")
_INDEXES: dict = {}  # column names -> their pandas Index (inferring its dtype is a good part of a small frame's cost)


def _frame(cols: dict, ints=()) -> pd.DataFrame:
    """A DataFrame from column lists (in ``cols`` order; ``ints`` named int64), with the dtypes
    ``pd.DataFrame`` infers from object arrays of the same values, built with less overhead.

    >>> _frame({"a": ["x", None], "n": [1, 2], "l": [[1], []]}, ints=("n",)).dtypes.astype(str).tolist()
    ['str', 'int64', 'object']
    """
    names = tuple(cols)
    arrays = [_column(cols[k], k in ints) for k in names]
    if any(a is None for a in arrays) or _ArrowStringArray is None:
        # the general case: object arrays, dtypes inferred by pandas
        return pd.DataFrame({k: np.asarray(cols[k], dtype=np.int64) if k in ints else object_array(cols[k]) for k in names},
                            columns=list(names))
    columns = _INDEXES.get(names)
    if columns is None:
        columns = _INDEXES[names] = pd.Index(list(names))
    try:
        return pd.DataFrame._from_arrays(arrays, columns=columns.view(), index=pd.RangeIndex(len(arrays[0]) if arrays else 0),
                                         verify_integrity=False)
    except AttributeError:  # a pandas without the private constructor
        return pd.DataFrame(dict(zip(names, arrays)), columns=list(names))


def _cache(article, aliases, tables: bool = True) -> dict:
    """Per-article cache (on the Article's ``__dict__``), keyed by the alias table given: the
    analysis runs once; the DataFrames are built on first request (``resolve`` needs none)."""
    if aliases is None:
        key = None
    elif isinstance(aliases, (str, Path)):
        try:
            key = (str(aliases), os.stat(aliases).st_mtime)
        except OSError:
            key = (str(aliases), 0)
    elif isinstance(aliases, pd.DataFrame):
        key = ("df", tuple(aliases.columns), tuple(map(tuple, aliases.astype(str).values.tolist())))
    else:
        key = ("other", id(aliases))
    store = article.__dict__.setdefault("_actors_cache", {}) if hasattr(article, "__dict__") else {}
    c = store.get(key)
    if c is None:
        items, persons, cur = _analyse(article, aliases)
        items.sort(key=lambda m: (m.start, m.end))
        c = store[key] = {"_items": items, "_persons": persons, "_cur": cur, "_starts": [m.start for m in items]}
    if tables and "actor_cols" not in c:
        c["mention_cols"], c["actor_cols"] = _build(article, c["_items"], c["_persons"], c["_cur"])
    return c


_ACTOR_INTS = ("mentions", "first_start")
_MENTION_INTS = ("start", "end", "modifier_start", "modifier_end", "paragraph", "sentence")


def _mentions_frame(c: dict) -> pd.DataFrame:
    """The mentions table of a cache entry, built on first request."""
    if "mentions" not in c:
        c["mentions"] = _frame(c["mention_cols"], ints=_MENTION_INTS)
    return c["mentions"]


def _actors_frame(c: dict) -> pd.DataFrame:
    """The actors table of a cache entry, built on first request."""
    if "actors" not in c:
        c["actors"] = _frame(c["actor_cols"], ints=_ACTOR_INTS)  # keeps the alias lists as list objects
    return c["actors"]


def _build(article, items, persons, cur):
    text = article.text
    lay = _layout(article)
    p_starts, p_voice, s_starts = lay["pstart"], lay["pvoice"], lay["sstart"]
    br = bisect.bisect_right
    start = [m.start for m in items]
    end = [m.end for m in items]
    mod_s, mod_e = [], []
    for m in items:
        ms, me = m.modifier
        if ms is None or ms < 0 or me <= ms:
            ms, me = -1, -1
        mod_s.append(ms)
        mod_e.append(me)
    para = [(br(p_starts, s) or 1) - 1 for s in start]  # max(0, i - 1) for an index i >= 0
    sent = [(br(s_starts, s) or 1) - 1 for s in start]
    actor = [m.actor for m in items]
    kind = [m.kind for m in items]
    how = [m.how for m in items]
    mention = [text[s:e] for s, e in zip(start, end)]
    modifier = [text[s:e] if s >= 0 else "" for s, e in zip(mod_s, mod_e)]
    voice = [p_voice[pi] for pi in para] if p_voice else ["report"] * len(items)
    mentions = {"actor": actor, "kind": kind, "start": start, "end": end, "mention": mention, "how": how,
                "modifier": modifier, "modifier_start": mod_s, "modifier_end": mod_e, "paragraph": para,
                "sentence": sent, "voice": voice}
    by_actor = {}
    pinfo = {p.canonical: p for p in persons}
    for m in items:
        by_actor.setdefault(m.actor, []).append(m)
    cols = {c: [] for c in ACTOR_COLUMNS}
    for actor, ms in sorted(by_actor.items(), key=lambda kv: (kv[1][0].start, kv[0])):
        p = pinfo.get(actor)
        role, gender, gsrc, org = "", "", "", ""
        if p is not None:
            role, gender, gsrc, org = p.role, p.gender or "unknown", p.gender_source, p.organisation
        elif actor in cur.info:
            _, role, gender = cur.info[actor]
            gsrc = "curated" if gender else ""
        for c, v in zip(ACTOR_COLUMNS, (actor, ms[0].kind, role, gender, gsrc, org, sorted({text[m.start:m.end] for m in ms}),
                                        len(ms), ms[0].start)):
            cols[c].append(v)
    return mentions, cols


def _layout(article) -> dict:
    """Paragraph and sentence columns of an article as plain lists, read once per article and shared
    with :mod:`analysis.quotes` (``pstart``, ``pend``, ``pvoice``, ``pbody``, ``sstart``, ``send``,
    ``spara``; read-only). An :class:`~analysis.article.Article` gives the lists its tables are built
    from (``Article.column``: no DataFrame built); another object with ``paragraphs``/``sentences``
    tables gives their columns; a plain-text stand-in (no paragraphs) gives one paragraph and one
    sentence."""
    lay = article.__dict__.get("_quotes_layout") if hasattr(article, "__dict__") else None
    if lay is not None:
        return lay
    col = getattr(article, "column", None)
    if col is not None:  # an Article
        lay = {"pstart": col("paragraphs", "start"), "pend": col("paragraphs", "end"), "pvoice": col("paragraphs", "voice"),
               "pbody": col("paragraphs", "body_start"), "sstart": col("sentences", "start"),
               "send": col("sentences", "end"), "spara": col("sentences", "paragraph")}
    else:
        try:
            p, s = article.paragraphs, article.sentences
        except AttributeError:
            n = len(article.text)
            return {"pstart": [0], "pend": [n], "pvoice": ["report"], "pbody": [0], "sstart": [0], "send": [n], "spara": [0]}
        pstart = _col(p, "start")
        lay = {"pstart": pstart, "pend": _col(p, "end"), "pvoice": [str(v) for v in _col(p, "voice")],
               "pbody": _col(p, "body_start") if "body_start" in p.columns else list(pstart),
               "sstart": _col(s, "start"), "send": _col(s, "end"), "spara": _col(s, "paragraph")}
    article.__dict__["_quotes_layout"] = lay
    return lay


def find_mentions(article, aliases=None) -> pd.DataFrame:
    """One row per actor mention (see the module docstring): ``actor``, ``kind``, ``start``, ``end``,
    ``mention``, ``how`` (curated / name / title+name / surname / first name / role / appositive),
    ``modifier`` with ``modifier_start``/``modifier_end`` (-1 when none), ``paragraph``, ``sentence``,
    ``voice``. ``aliases``: an alias table or user alias file (see :func:`alias_table`).

    >>> from analysis import Article
    >>> a = Article.from_text("Russia is fighting the terrorist group Islamic State, Mr. Smith said.")
    >>> m = find_mentions(a)
    >>> m[["actor", "mention", "modifier"]].values.tolist()
    [['Russia', 'Russia', ''], ['Islamic State', 'Islamic State', 'terrorist group'], ['Smith', 'Smith', 'Mr.']]
    """
    article = _as_article(article)
    return _mentions_frame(_cache(article, aliases)).copy()


def mention_columns(article, aliases=None) -> dict:
    """The rows of :func:`find_mentions` as a dict of column lists (what loaded-term attribution
    reads, without building the DataFrame).

    >>> from analysis import Article
    >>> a = Article.from_text("Russia is fighting the terrorist group Islamic State, Mr. Smith said.")
    >>> mention_columns(a) == {k: v.tolist() for k, v in find_mentions(a).items()}
    True
    """
    article = _as_article(article)
    return _listed(_cache(article, aliases)["mention_cols"], _MENTION_INTS)


def actor_table(article, aliases=None) -> pd.DataFrame:
    """One row per actor named in the article: ``actor``, ``kind``, ``role``, ``gender`` (female /
    male / unknown for people, '' otherwise), ``gender_source``, ``organisation``, ``aliases`` (sorted
    distinct surface forms), ``mentions``, ``first_start``.

    >>> from analysis import Article
    >>> a = Article.from_text("Hillary Clinton met voters. Mrs. Clinton said she was ready. Clinton left.")
    >>> actor_table(a)[["actor", "gender", "mentions"]].values.tolist()
    [['Hillary Clinton', 'female', 3]]
    """
    article = _as_article(article)
    return _actors_frame(_cache(article, aliases)).copy()


def actor_columns(article, aliases=None) -> dict:
    """The rows of :func:`actor_table` as a dict of column lists (for corpus mode, which converts
    the columns to Arrow itself); an article without actors gets the (typed, empty) DataFrame.

    >>> from analysis import Article
    >>> a = Article.from_text("Hillary Clinton met voters. Mrs. Clinton said she was ready. Clinton left.")
    >>> actor_columns(a) == {k: v.tolist() for k, v in actor_table(a).items()}
    True
    """
    article = _as_article(article)
    c = _cache(article, aliases)
    cols = c["actor_cols"]
    if not cols["actor"]:
        return _actors_frame(c).copy()
    return _listed(cols, _ACTOR_INTS)


def tables(article, aliases=None) -> dict:
    """``{"mentions": find_mentions(article), "actors": actor_table(article)}``."""
    article = _as_article(article)
    c = _cache(article, aliases)
    return {"mentions": _mentions_frame(c).copy(), "actors": _actors_frame(c).copy()}


def resolve(article, start: int, end: int, aliases=None) -> str | None:
    """The canonical actor named by ``article.text[start:end]`` (a speaker mention such as
    "the Russian FM", "Lavrov", "Foreign Minister Sergey Lavrov"), or None.

    >>> from analysis import Article
    >>> a = Article.from_text("Kremlin spokesman Dmitry Peskov spoke. Peskov said Russia would help.")
    >>> resolve(a, 0, 31), resolve(a, 39, 45), resolve(a, 0, 7)
    ('Dmitry Peskov', 'Dmitry Peskov', 'Dmitry Peskov')
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    items = c["_items"]
    starts = c["_starts"]
    lo_i = max(0, bisect.bisect_left(starts, start) - 12)
    hi_i = bisect.bisect_left(starts, end + 200)
    best, best_key = None, None
    text = article.text
    for m in items[lo_i:hi_i]:
        me, ms = m.end, m.start
        ov = (end if end < me else me) - (start if start > ms else ms)
        if ov <= 0:
            # the span lies in the title before a name ("Kremlin" in "Kremlin spokesman Dmitry Peskov")
            if not (m.how == "title+name" and m.modifier[0] >= 0 and m.modifier[0] < end and start < m.modifier[1]):
                continue
        possessive = text[m.end:m.end + 2] in ("'s", "\u2019s")
        # a person named in the span is the speaker; not a possessor ("Clinton's campaign manager Robby
        # Mook"); then the longest overlap ("Trump campaign manager Kellyanne Conway")
        key = (ov > 0, m.kind == "person", not possessive, ov, m.start)
        if best_key is None or key > best_key:
            best, best_key = m, key
    span = article.text[start:end].strip()
    if best is not None:
        if best.person is None:
            # "the FBI director", "The GOP nominee": a noun phrase headed by a title; the organisation
            # named inside it is not who speaks
            tail = re.search(r"([\w\-]+)\W*$", article.text[start:end])
            if tail and best.end <= start + tail.start(1) and _title_info(tail.group(1), _roles(_lexicon_stamp())):
                return None
        return best.actor
    if not span:
        return None
    # a bare form not seen as a mention here: an actor's known surface form elsewhere in the article
    return _forms(article, c).get(span)


def lookup_form(article, form: str, aliases=None) -> str | None:
    """The actor that the article names with exactly ``form`` somewhere (a surface form of one of its
    mentions, e.g. a surname), or None.

    >>> from analysis import Article
    >>> lookup_form(Article.from_text("Defense Secretary Ash Carter spoke on Monday. Later, Carter left."), "Carter")
    'Ash Carter'
    """
    article = _as_article(article)
    forms = _forms(article, _cache(article, aliases, tables=False))
    return forms.get(form) or forms.get(form.replace("'", "\u2019"))


def _forms(article, c) -> dict:
    """Surface form -> actor of every mention (cached with the analysis)."""
    forms = c.get("_forms")
    if forms is None:
        forms = c["_forms"] = {}
        for m in c["_items"]:
            forms.setdefault(article.text[m.start:m.end], m.actor)
    return forms


def is_person(article, actor: str, aliases=None) -> bool:
    """Is ``actor`` a person the article names (found in the text or a curated person)?

    >>> from analysis import Article
    >>> a = Article.from_text("Kremlin spokesman Dmitry Peskov spoke in Moscow.")
    >>> is_person(a, "Dmitry Peskov"), is_person(a, "Russia")
    (True, False)
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    return any(p.canonical == actor for p in c["_persons"])


def gender(article, actor: str, aliases=None) -> str | None:
    """``'female'``, ``'male'`` or None (unknown, or not a person) for a canonical actor name.

    >>> from analysis import Article
    >>> gender(Article.from_text("Spokeswoman Maria Zakharova spoke."), "Maria Zakharova")
    'female'
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    for p in c["_persons"]:
        if p.canonical == actor:
            return p.gender if p.gender in ("female", "male") else None
    info = c["_cur"].info.get(actor)
    return info[2] if info and info[2] in ("female", "male") else None


def previous_person(article, offset: int, gender: str | None = None, aliases=None) -> str | None:
    """The person most recently mentioned before ``offset`` (whose gender, when ``gender`` is given
    as 'female' or 'male', is not known to differ): a helper for pronoun speakers ("she added").

    >>> from analysis import Article
    >>> a = Article.from_text("Maria Zakharova spoke after Sergey Lavrov. Then she added a line.")
    >>> previous_person(a, a.text.index("she"), "female"), previous_person(a, a.text.index("she"))
    ('Maria Zakharova', 'Sergey Lavrov')
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    items, starts = c["_items"], c["_starts"]
    i = bisect.bisect_left(starts, offset)
    for m in reversed(items[:i]):
        if m.person is None or m.end > offset:
            continue
        if gender in ("female", "male") and m.person.gender in ("female", "male") and m.person.gender != gender:
            continue
        return m.actor
    return None
