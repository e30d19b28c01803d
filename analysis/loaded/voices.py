"""Loaded terms in an article, placed: who speaks where each hit is (the reporter's voice, the
editorial voice, a quoted speaker from :mod:`analysis.quotes`), which actor a term labels (from
:mod:`analysis.actors`), and the tables built on that: hits, rates per voice and per category, terms
per actor, keyword-in-context lines.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
import weakref
from operator import itemgetter

import numpy as np
import pandas as pd

from .. import actors, quotes, resources
from ..article import as_article, columns_frame, object_array, shared
from .matching import _scan, lexicon

VOICE_LABELS = {"report": "reporter", "editorial": "editorial", "boilerplate": "boilerplate"}
_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


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
    q = quotes.quote_columns(article)  # find_quotes' columns, shared with the other analyses
    rows = []
    n = len(article.text)
    kinds = [str(k) for k in q["kind"]] if "kind" in q else [""] * len(q["start"])
    for sp, kind, s, e in zip(q["speaker"], kinds, q["start"], q["end"]):
        s, e = int(s), int(e)
        if "scare" in kind.lower() or not (0 <= s < e <= n):
            continue
        name = "" if sp is None or (isinstance(sp, float) and math.isnan(sp)) else str(sp).strip()
        rows.append((s, e, name if name and name.lower() not in ("nan", "none") else "(unattributed quote)", kind))
    rows.sort(key=lambda r: (r[0], -r[1], r[2]))
    v["speech"] = rows
    return rows


SPEECH_SPEC = [("start", "i"), ("end", "i"), ("speaker", "o"), ("kind", "o")]


def speech_spans(article) -> pd.DataFrame:
    """Where quoted speakers talk: ``start``, ``end``, ``speaker``, ``kind``, from
    ``analysis.quotes.find_quotes`` (scare quotes and empty spans left out; a missing speaker reads
    ``(unattributed quote)``)."""
    return _table(SPEECH_SPEC, _speech(as_article(article)))


class _Locator:
    """Who speaks at an offset: the quoted speaker (innermost utterance holding it), else the
    voice of the paragraph (``reporter``, ``editorial``, ``boilerplate``)."""

    def __init__(self, article):
        lay = _view(article).get("layout")
        if lay is None:
            col = article.column
            lay = _view(article)["layout"] = (col("paragraphs", "start"), col("paragraphs", "voice"),
                                              col("sentences", "start"))
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
    # the rows of find_mentions as column lists, shared with the other analyses
    m = shared(article, "analysis.actors.mention_columns", lambda: actors.mention_columns(article))
    spans = []
    for actor, s, e, a, b in zip(m["actor"], m["start"], m["end"], m["modifier_start"], m["modifier_end"]):
        if 0 <= a < b:
            spans.append((a, b, str(actor), "modifier"))
        spans.append((s, e, str(actor), "mention"))
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
    [['sham', 'deception', 'editorial'], ['puppet', 'delegitimising label', 'editorial'],
     ['regime', 'delegitimising label', 'editorial']]
    """
    article = as_article(article)
    rows = [r[:10] + r[11:] for r in _located(article)["rows"]]
    return _table(HITS_SPEC, rows)


def hit_columns(article) -> dict[str, list] | pd.DataFrame:
    """The rows of :func:`hits` as a dict of column lists (for corpus mode, which converts the
    columns to Arrow itself); an article without hits gets the (typed, empty) DataFrame of :func:`hits`.

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday.\\n\\nComment: A sham vote by a puppet regime.")
    >>> hit_columns(a) == {k: v.tolist() for k, v in hits(a).items()}
    True
    """
    article = as_article(article)
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
    >>> a = Article.from_text("Officials met on Monday to talk about the budget and schools."
    ...                       "\\n\\nComment: A sham vote.")
    >>> by_voice(a)[["who", "words", "hits"]].values.tolist()
    [['reporter', 11, 0], ['editorial', 4, 1], ['total', 15, 1]]
    """
    return _table(BY_VOICE_SPEC, _by_voice_rows(as_article(article)))


def by_voice_columns(article) -> dict[str, list]:
    """The rows of :func:`by_voice` as a dict of column lists (for corpus mode, see :func:`hit_columns`).

    >>> from analysis import Article
    >>> a = Article.from_text("Officials met on Monday.\\n\\nComment: A sham vote by a puppet regime.")
    >>> by_voice_columns(a) == {k: v.tolist() for k, v in by_voice(a).items()}
    True
    """
    rows = _by_voice_rows(as_article(article))  # never empty: the total row
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
    rate = round(1000 * len(total) / total_words, 2) if total_words else 0.0
    rows.append(("total", "total", total_words, len(total), rate,
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
    article = as_article(article)
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
    ``start``, ``end``, ``term``, ``category``, ``polarity``, ``how``, ``who``, ``text``."""
    article = as_article(article)
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
    article = as_article(article)
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

