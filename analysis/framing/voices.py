"""Where each frame cue of an article is and who speaks there: the per-article view (voice,
paragraph, sentence, quoted speaker) and the tables built on it: cue hits, rates per voice, frames
per paragraph, each voice's dominant frames, Entman's functions, hedges per speaker.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import weakref
from operator import itemgetter

import numpy as np
import pandas as pd

from .. import quotes
from ..article import as_article, shared
from .cues import GENERIC_FRAMES, HEDGE_COLUMNS, ISSUE_FRAMES, _raw_hits
from .generic import model_features, model_scores

ENTMAN_ROLES = ("problem_definition", "causal_attribution", "moral_evaluation", "remedy")
_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


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


def _quotes(article) -> pd.DataFrame:
    v = _view(article)
    if "quotes" not in v:
        q = shared(article, "analysis.quotes.find_quotes", lambda: quotes.find_quotes(article))
        v["quotes"] = q if len(q) == 0 else q.sort_values(["start", "end"]).reset_index(drop=True)
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


def _quote_spans(article):
    """The utterances of ``analysis.quotes`` in (start, end) order as plain lists: starts, ends,
    speakers and kinds; ``None`` when there are none."""
    v = _view(article)
    if "quote_spans" not in v:
        q = quotes.quote_columns(article)
        if len(q["start"]) == 0:
            v["quote_spans"] = None
        else:
            qs, qe = q["start"], q["end"]
            order = sorted(range(len(qs)), key=lambda i: (qs[i], qe[i]))  # stable, as sort_values
            kind = q.get("kind") or [""] * len(qs)
            who = [str(x) if x is not None and str(x) not in ("", "nan", "None") else "(unattributed)"
                   for x in q["speaker"]]
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
    [['Troops', 'security_defense', 'report'], ['shelled', 'security_defense', 'report'],
     ['moral', 'morality', 'editorial'], ['disgrace', 'morality', 'editorial']]
    """
    article = as_article(article)
    v = _view(article)
    if "hits" not in v:
        v["hits"] = _located_frame(article, "frames", HITS_VIEW_COLUMNS)
    return v["hits"].copy()


def hit_columns(article) -> dict[str, list] | pd.DataFrame:
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
    article = as_article(article)
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
    article = as_article(article)
    return _rates_rows(article, (scheme,), voices).drop(columns="scheme")


def rate_columns(article, scheme: str = "issue", voices=("report", "editorial")) -> dict[str, list]:
    """The rows of :func:`rates` as a dict of column lists (for corpus mode, see :func:`hit_columns`).

    >>> from analysis import Article
    >>> a = Article.from_text("Troops shelled the town.")
    >>> rate_columns(a) == {k: v.tolist() for k, v in rates(a).items()}
    True
    """
    article = as_article(article)
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
    article = as_article(article)
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
            rows.append((para, lay["pvoice"][para], lay["pstart"][para], lay["pend"][para], f, fr[f][0], fr[f][1],
                         f == top))
    return pd.DataFrame(rows, columns=["paragraph", "voice", "start", "end", "frame", "hits", "weight", "dominant"])


DOMINANT_COLUMNS = ["voice", "scheme", "rank", "frame", "weight", "hits", "per_1000"]


def dominant_frames(article, top: int = 3) -> pd.DataFrame:
    """Each voice's heaviest issue frames (``rank`` 1..top) and the generic frames the model of
    :func:`generic_frames` finds in that voice's words.

    Columns: ``voice``, ``scheme``, ``rank``, ``frame``, ``weight``, ``hits``, ``per_1000``."""
    return pd.DataFrame(_dominant_rows(as_article(article), top), columns=DOMINANT_COLUMNS)


def dominant_columns(article, top: int = 3) -> dict[str, list] | pd.DataFrame:
    """The rows of :func:`dominant_frames` as a dict of column lists (for corpus mode, see
    :func:`hit_columns`); an article without rows gets the (typed, empty) DataFrame.

    >>> from analysis import Article
    >>> a = Article.from_text("Troops shelled the town.")
    >>> dominant_columns(a) == {k: v.tolist() for k, v in dominant_frames(a).items()}
    True
    """
    article = as_article(article)
    rows = _dominant_rows(article, top)
    if not rows:
        return dominant_frames(article, top)
    return {c: list(v) for c, v in zip(DOMINANT_COLUMNS, zip(*rows))}


def _dominant_rows(article, top: int) -> list[tuple]:
    words = _layout(article)["words"]
    issue, _ = _tally(article, "issue")
    generic, groups = _tally(article, "generic")
    others = {s: _tally(article, s)[1] for s in ("issue", "entman")}  # related groups the model also weighs
    rows = []
    for voice in ("report", "editorial"):
        n = words.get(voice, 0)

        def per(k):
            return round(1000.0 * k / n, 2) if n else 0.0

        ranked = sorted(((f, k, w) for (vo, f), (k, w) in issue.items() if vo == voice),
                        key=lambda x: (-x[2], -x[1], x[0]))
        for i, (f, k, w) in enumerate(ranked[:top], 1):
            rows.append((voice, "issue", i, f, float(w), k, per(k)))
        feats = model_features({s: g.get(voice, {}) for s, g in (("generic", groups), *others.items())})
        scores = model_scores(feats) if n else {}
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
    cols = ["start", "end", "role", "cue", "text", "voice", "paragraph", "sentence", "speaker"]
    return h[cols].reset_index(drop=True)


def entman_summary(article, examples: int = 6) -> pd.DataFrame:
    """Per voice and Entman role: how many cues, and the distinct cue words in reading order."""
    article = as_article(article)
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
    article = as_article(article)
    v = _view(article)
    if "hedges" not in v:
        cols = HEDGE_COLUMNS + ["voice", "paragraph", "sentence", "speaker", "quote_kind"]
        v["hedges"] = _located_frame(article, "hedges", cols)
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


