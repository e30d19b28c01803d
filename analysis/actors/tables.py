"""The public tables and look-ups of the actors analysis, computed once per article and alias table
and cached on the article: mentions, actors, and the look-ups the quotes analysis uses
(:func:`resolve`, :func:`lookup_form`, :func:`is_person`, :func:`gender`, :func:`previous_person`).
"""
from __future__ import annotations

import bisect
import os
import re
from pathlib import Path

import pandas as pd

from ..columns import frame, layout, listed
from ..textview import view
from .aliases import _lexicon_stamp
from .mentions import _analyse
from .roles import _roles, _title_info

MENTION_COLUMNS = ["actor", "kind", "start", "end", "mention", "how", "modifier", "modifier_start", "modifier_end",
                   "paragraph", "sentence", "voice"]
ACTOR_COLUMNS = ["actor", "kind", "role", "gender", "gender_source", "organisation", "aliases", "mentions", \
        "first_start"]
RESOLVE_BEFORE = 12  # mentions starting before a span looked at by resolve (mentions never overlap)
RESOLVE_AFTER = 200  # characters after a span within which mentions starting are looked at
_TAIL_WORD_RE = re.compile(r"([\w\-]+)\W*$")


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
    """:func:`analysis.article.as_article`, except that a string that cannot be an Article (too
    short to tell its language, say) becomes a plain-text stand-in: the actors of any string can be
    asked for. Any other object with a ``text`` is used as it is."""
    from ..article import as_article
    from ..errors import ArticleError

    if not isinstance(article, str):
        return article
    try:
        return as_article(article)
    except ArticleError:
        return _Doc(article)


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
        by_name: dict = {}
        for p in persons:
            by_name.setdefault(p.canonical, p)  # the first person of each canonical name
        c = store[key] = {"_items": items, "_persons": persons, "_cur": cur, "_starts": [m.start for m in items],
                          "_by_name": by_name, "_text": view(article.text)}
    if tables and "actor_cols" not in c:
        c["mention_cols"], c["actor_cols"] = _build(article, c["_items"], c["_persons"], c["_cur"])
    return c


_ACTOR_INTS = ("mentions", "first_start")
_MENTION_INTS = ("start", "end", "modifier_start", "modifier_end", "paragraph", "sentence")


def _mentions_frame(c: dict) -> pd.DataFrame:
    """The mentions table of a cache entry, built on first request."""
    if "mentions" not in c:
        c["mentions"] = frame(c["mention_cols"], ints=_MENTION_INTS)
    return c["mentions"]


def _actors_frame(c: dict) -> pd.DataFrame:
    """The actors table of a cache entry, built on first request."""
    if "actors" not in c:
        c["actors"] = frame(c["actor_cols"], ints=_ACTOR_INTS)  # keeps the alias lists as list objects
    return c["actors"]


def _build(article, items, persons, cur):
    text = article.text
    lay = layout(article)
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
        for c, v in zip(ACTOR_COLUMNS, (actor, ms[0].kind, role, gender, gsrc, org, sorted({text[m.start:m.end] \
                for m in ms}),
                                        len(ms), ms[0].start)):
            cols[c].append(v)
    return mentions, cols


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
    return listed(_cache(article, aliases)["mention_cols"], _MENTION_INTS)


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
    return listed(cols, _ACTOR_INTS)


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
    lo_i = max(0, bisect.bisect_left(starts, start) - RESOLVE_BEFORE)
    hi_i = bisect.bisect_left(starts, end + RESOLVE_AFTER)
    best, best_key = None, None
    text = c["_text"]
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
    span = text[start:end].strip()
    if best is not None:
        if best.person is None:
            # "the FBI director", "The GOP nominee": a noun phrase headed by a title; the organisation
            # named inside it is not who speaks
            tail = _TAIL_WORD_RE.search(text[start:end])
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
            forms.setdefault(c["_text"][m.start:m.end], m.actor)
    return forms


def kind(article, actor: str, aliases=None) -> str | None:
    """The kind of a canonical actor the article names (``person``, or the curated kind: country,
    government, media, armed_group, ...), or None when the article does not name it.

    >>> from analysis import Article
    >>> a = Article.from_text("Kremlin spokesman Dmitry Peskov spoke in Moscow.")
    >>> kind(a, "Dmitry Peskov"), kind(a, "Russia"), kind(a, "Nobody Here")
    ('person', 'country', None)
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    if actor in c["_by_name"]:
        return "person"
    kinds = c.get("_kinds")
    if kinds is None:
        kinds = c["_kinds"] = {}
        for m in c["_items"]:
            kinds.setdefault(m.actor, m.kind)
    return kinds.get(actor)


def is_person(article, actor: str, aliases=None) -> bool:
    """Is ``actor`` a person the article names (found in the text or a curated person)?

    >>> from analysis import Article
    >>> a = Article.from_text("Kremlin spokesman Dmitry Peskov spoke in Moscow.")
    >>> is_person(a, "Dmitry Peskov"), is_person(a, "Russia")
    (True, False)
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    return actor in c["_by_name"]


def gender(article, actor: str, aliases=None) -> str | None:
    """``'female'``, ``'male'`` or None (unknown, or not a person) for a canonical actor name.

    >>> from analysis import Article
    >>> gender(Article.from_text("Spokeswoman Maria Zakharova spoke."), "Maria Zakharova")
    'female'
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    p = c["_by_name"].get(actor)
    if p is not None:
        return p.gender if p.gender in ("female", "male") else None
    info = c["_cur"].info.get(actor)
    return info[2] if info and info[2] in ("female", "male") else None


def people_between(article, lo: int, hi: int, aliases=None) -> list:
    """``(start, end, actor)`` of the mentions of people that start in ``[lo, hi)``, in text order
    (for a pronoun's antecedent: the person a sentence before it is about).

    >>> from analysis import Article
    >>> a = Article.from_text("Andrew Dessler spoke. Then Jane Roe left.")
    >>> [m[2] for m in people_between(a, 0, len(a.text))]
    ['Andrew Dessler', 'Jane Roe']
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    items, starts = c["_items"], c["_starts"]
    out = []
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        m = items[k]
        if m.person is not None:
            out.append((m.start, m.end, m.actor))
    return out


def role_of(article, actor: str, aliases=None) -> str:
    """The role the article gives a person ('' when none, or not a person), e.g. for a role phrase
    that stands for that person ("the future President" -> "President-elect Rodrigo Chaves").

    >>> from analysis import Article
    >>> role_of(Article.from_text("Kremlin spokesman Dmitry Peskov spoke."), "Dmitry Peskov")
    'Kremlin spokesman'
    """
    article = _as_article(article)
    p = _cache(article, aliases, tables=False)["_by_name"].get(actor)
    return p.role if p is not None else ""


def previous_person(article, offset: int, gender: str | None = None, aliases=None, since: int = 0) -> str | None:
    """The person most recently mentioned before ``offset`` (whose gender, when ``gender`` is given
    as 'female' or 'male', is not known to differ), mentioned at ``since`` or later: a helper for
    pronoun speakers ("she added") and role phrases ("the future President").

    >>> from analysis import Article
    >>> a = Article.from_text("Maria Zakharova spoke after Sergey Lavrov. Then she added a line.")
    >>> previous_person(a, a.text.index("she"), "female"), previous_person(a, a.text.index("she"))
    ('Maria Zakharova', 'Sergey Lavrov')
    """
    article = _as_article(article)
    c = _cache(article, aliases, tables=False)
    items, starts = c["_items"], c["_starts"]
    for k in range(bisect.bisect_left(starts, offset) - 1, -1, -1):
        m = items[k]
        if m.start < since:
            break
        if m.person is None or m.end > offset:
            continue
        if gender in ("female", "male") and m.person.gender in ("female", "male") and m.person.gender != gender:
            continue
        return m.actor
    return None
