"""The curated alias table (``data/lexicons/actors.csv``, corrected or extended by a user alias file)
and its matcher: one regex for the whole table (:class:`_Curated`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import lexicons
from .patterns import _BLANK_TRANS, _MEMO_SIZE
from .trie import first_char_guard, trie_regex

ALIAS_COLUMNS = ["actor", "alias", "kind", "role", "gender", "match", "rationale", "source"]
# the lexicons this package reads (their modification times make the cache key)
LEXICON_FILES = ("actors", "roles", "first_names", "name_words")


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
    alts = regex_alts + ([trie_regex(literal)] if literal else [])
    body = "(?:" + "|".join(alts) + ")"
    pattern = first_char_guard(body) + r"(?<![\w])" + body + r"(?![\w])" if alts else r"(?!x)x"
    info = {}
    for r in rows.itertuples():
        info.setdefault(r.actor, (r.kind, r.role, r.gender))
    return _Curated(re.compile(pattern), literal, patterns, list(rows.itertuples(index=False)), info)


_UNSEEN = object()


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
    return tuple(os.path.join(str(d), f"{n}.csv") for n in LEXICON_FILES)


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
