"""Two versions of one article: what changed, and how each change moves the figures of each voice.

Paragraphs are aligned with :class:`difflib.SequenceMatcher` over their whitespace-normalised
text. A paragraph only in the new version is ``inserted``, only in the old ``deleted``; in a
replaced run, an old and a new paragraph whose words are at least :data:`CHANGED_MIN` similar
(``SequenceMatcher.ratio`` over words) are one ``changed`` paragraph, the rest inserted/deleted.

Tables (:func:`diff_versions`), every row with offsets into the old and/or new text:

``changes``       one row per inserted, deleted or changed paragraph (``change`` numbers them)
``attributions``  utterances added or removed, and the ones whose reporting verb or speaker changed
                  (``said`` → ``claimed``), matched by their content within a changed paragraph
``terms``,        loaded terms, actor labels, hedges and boosters added or removed by a change
``labels``,
``hedges``
``effects``       per change and voice: each ``figure`` the change moves (words, own_words,
                  quoted_words, utterances, loaded, hedges, boosters, labels; ``words`` always)
                  before and after; the deltas add up to the whole article's
``voices``        per voice, the whole article before and after: the counts above, the voice's
                  share of all words, loaded terms per 1,000 of its own words, its tone
                  (:func:`analysis.sentiment.speakers`) with :func:`analysis.sentiment.tone_label`
``speakers``      quoted words per speaker before and after, and their share of all quoted words

Identical texts raise :class:`~analysis.errors.ArticleError` (nothing to compare); texts that differ
only in spacing or line breaks give empty change tables and a warning.
"""
from __future__ import annotations

import difflib
import warnings
from collections import defaultdict

import pandas as pd

from .. import quotes, sentiment
from ..errors import ArticleError
from . import units as _units

CHANGED_MIN = 0.5
MATCH_MIN = 0.6       # utterances in a changed paragraph are the same when their contents are this similar
FIGURES = ("words", "own_words", "quoted_words", "utterances", "loaded", "hedges", "boosters", "labels")
CHANGE_COLUMNS = ["change", "op", "old_paragraph", "new_paragraph", "old_voice", "new_voice", "similarity",
                  "old_start", "old_end", "new_start", "new_end", "old_words", "new_words", "old_text", "new_text"]
ATTRIBUTION_COLUMNS = ["change", "status", "old_speaker", "new_speaker", "old_verb", "new_verb", "old_cue", "new_cue",
                       "old_stance", "new_stance", "old_start", "old_end", "new_start", "new_end", "old_cue_start",
                       "old_cue_end", "new_cue_start", "new_cue_end", "text"]
WORDING_COLUMNS = ["change", "status", "version", "key", "category", "whose", "speaker", "start", "end", "text",
                   "sentence_start", "sentence_end", "sentence"]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def align(old_paragraphs: list[str], new_paragraphs: list[str]) -> list[tuple[str, int | None, int | None, float]]:
    """``(op, old index, new index, similarity)`` for every paragraph of both versions, ``op`` one
    of ``same``, ``changed``, ``inserted``, ``deleted``, in reading order.

    >>> align(["A b c.", "D e f.", "G h."], ["A b c.", "New one.", "D e f g.", "G h."])
    [('same', 0, 0, 1.0), ('inserted', None, 1, 0.0), ('changed', 1, 2, 0.571), ('same', 2, 3, 1.0)]
    """
    a, b = [_norm(p) for p in old_paragraphs], [_norm(p) for p in new_paragraphs]
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [("same", i, j, 1.0) for i, j in zip(range(i1, i2), range(j1, j2))]
        elif tag == "delete":
            out += [("deleted", i, None, 0.0) for i in range(i1, i2)]
        elif tag == "insert":
            out += [("inserted", None, j, 0.0) for j in range(j1, j2)]
        else:
            out += _pair(a, b, range(i1, i2), range(j1, j2))
    return out


def _pair(a, b, olds, news) -> list:
    """Pair the paragraphs of a replaced run: most similar first, never crossing, at least CHANGED_MIN."""
    cand = sorted(((_similarity(a[i], b[j]), i, j) for i in olds for j in news), key=lambda x: (-x[0], x[1], x[2]))
    pairs = []
    for r, i, j in cand:
        if r < CHANGED_MIN:
            break
        if any(i == pi or j == pj or (i < pi) != (j < pj) for _, pi, pj in pairs):
            continue
        pairs.append((r, i, j))
    paired_i = {i: (r, j) for r, i, j in pairs}
    out, prev_j = [], news.start - 1
    for i in olds:
        if i in paired_i:
            r, j = paired_i[i]
            out += [("inserted", None, x, 0.0) for x in news if prev_j < x < j]
            out.append(("changed", i, j, round(r, 3)))
            prev_j = j
        else:
            out.append(("deleted", i, None, 0.0))
    return out + [("inserted", None, x, 0.0) for x in news if x > prev_j]


def _paragraph_figures(t: dict) -> dict[int, dict]:
    """Per paragraph: the additive figures of :data:`FIGURES`."""
    figs: dict[int, dict] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for r in t["paragraphs"].itertuples():
        figs[r.paragraph].update(words=r.words, own_words=r.own_words, quoted_words=r.quoted_words)
    u = t["units"]
    for fam, cat, fig in (("speech", None, "utterances"), ("loaded", None, "loaded"), ("hedge", "hedge", "hedges"),
                          ("hedge", "booster", "boosters"), ("label", None, "labels")):
        sel = u[(u.family == fam) & ((u.category == cat) if cat else True)]
        for p, n in sel.groupby("paragraph").size().items():
            figs[int(p)][fig] += int(n)
    return figs


def _voice_of(article, p) -> str:
    return article.column("paragraphs", "voice")[p]


def _span(article, p) -> tuple[int, int]:
    return article.column("paragraphs", "start")[p], article.column("paragraphs", "end")[p]


def _change_rows(old, new, aligned, tw) -> list[tuple]:
    rows = []
    for k, (op, i, j, sim) in enumerate([x for x in aligned if x[0] != "same"], 1):
        o0, o1 = _span(old, i) if i is not None else (-1, -1)
        n0, n1 = _span(new, j) if j is not None else (-1, -1)
        rows.append((k, op, -1 if i is None else i, -1 if j is None else j, _voice_of(old, i) if i is not None else "",
                     _voice_of(new, j) if j is not None else "", sim, o0, o1, n0, n1,
                     tw["old"][1][i]["words"] if i is not None else 0, tw["new"][1][j]["words"] if j is not None else 0,
                     old.text[o0:o1] if i is not None else "", new.text[n0:n1] if j is not None else ""))
    return rows


def _effects(changes: pd.DataFrame, tw) -> pd.DataFrame:
    rows = []
    for c in changes.itertuples():
        sides = []
        if c.old_paragraph >= 0:
            sides.append((c.old_voice, tw["old"][1][c.old_paragraph], "old"))
        if c.new_paragraph >= 0:
            sides.append((c.new_voice, tw["new"][1][c.new_paragraph], "new"))
        for voice in dict.fromkeys(v for v, _, _ in sides):
            before = next((f for v, f, s in sides if s == "old" and v == voice), dict.fromkeys(FIGURES, 0))
            after = next((f for v, f, s in sides if s == "new" and v == voice), dict.fromkeys(FIGURES, 0))
            for fig in FIGURES:  # the paragraph's size, and every figure the change moves
                if fig == "words" or before[fig] != after[fig]:
                    rows.append((c.change, voice, fig, before[fig], after[fig], after[fig] - before[fig]))
    return pd.DataFrame(rows, columns=["change", "voice", "figure", "old", "new", "delta"])


def _voice_totals(article, t, figs) -> dict[tuple[str, str], float]:
    out: dict = defaultdict(float)
    voices = article.column("paragraphs", "voice")
    total_words = sum(f["words"] for f in figs.values()) or 1
    for p, f in figs.items():
        for fig in FIGURES:
            out[(voices[p], fig)] += f[fig]
    for v in set(voices):
        out[(v, "paragraphs")] = sum(1 for x in voices if x == v)
        out[(v, "share_of_words")] = round(out[(v, "words")] / total_words, 4)
        out[(v, "loaded_per_1000_own_words")] = round(1000 * _own_loaded(t, article, v) / out[(v, "own_words")], 2) \
            if out[(v, "own_words")] else float("nan")
    sp = sentiment.speakers(article)
    for name, v in (("reporter", "report"), ("editorial", "editorial")):
        row = sp[(sp.speaker == name) & (sp.kind == "voice")]
        out[(v, "tone")] = float(row.score.iloc[0]) if len(row) else float("nan")
        lo = float(row.score_low.iloc[0]) if len(row) else float("nan")
        hi = float(row.score_high.iloc[0]) if len(row) else float("nan")
        out[(v, "tone_reading")] = sentiment.tone_label(out[(v, "tone")], lo, hi) if len(row) else ""
    return out


def _own_loaded(t, article, voice) -> int:
    u = t["units"]
    voices = article.column("paragraphs", "voice")
    sel = u[(u.family == "loaded") & (u.whose == "own")]
    return int(sum(1 for p in sel.paragraph if voices[p] == voice))


def _voices(old, new, tw) -> pd.DataFrame:
    a, b = _voice_totals(old, tw["old"][0], tw["old"][1]), _voice_totals(new, tw["new"][0], tw["new"][1])
    rows = []
    order = ("paragraphs", *FIGURES, "share_of_words", "loaded_per_1000_own_words", "tone")
    for v in ("report", "editorial", "boilerplate"):
        if not a.get((v, "paragraphs")) and not b.get((v, "paragraphs")):
            continue
        for fig in order:
            if fig == "tone" and (v, fig) not in a and (v, fig) not in b:
                continue
            x, y = float(a.get((v, fig), 0.0)), float(b.get((v, fig), 0.0))
            reading = (a.get((v, "tone_reading"), ""), b.get((v, "tone_reading"), "")) if fig == "tone" else ("", "")
            rows.append((v, fig, x, y, round(y - x, 4), *reading))
    return pd.DataFrame(rows, columns=["voice", "figure", "old", "new", "delta", "old_reading", "new_reading"])


def _speakers(tw) -> pd.DataFrame:
    words = {}
    for side in ("old", "new"):
        u = tw[side][0]["units"]
        words[side] = u[u.family == "speech"].groupby("key").value.sum()
    names = list(dict.fromkeys([*words["old"].index, *words["new"].index]))
    rows = []
    for n in names:
        o, w = int(words["old"].get(n, 0)), int(words["new"].get(n, 0))
        so = round(o / words["old"].sum(), 4) if words["old"].sum() else float("nan")
        sn = round(w / words["new"].sum(), 4) if words["new"].sum() else float("nan")
        rows.append((n, o, w, w - o, so, sn, round(sn - so, 4)))
    return pd.DataFrame(rows, columns=["speaker", "old_words", "new_words", "delta", "old_share", "new_share",
                                       "share_delta"])


def _wording(changes, tw, family: str) -> pd.DataFrame:
    """Items of ``family`` added or removed by each change (multiset difference of keys, per paragraph)."""
    rows = []
    for c in changes.itertuples():
        sides = {}
        for side, p in (("old", c.old_paragraph), ("new", c.new_paragraph)):
            u = tw[side][0]["units"]
            sides[side] = u[(u.family == family) & (u.paragraph == p)] if p >= 0 else u.iloc[0:0]
        for side, other, status in (("old", "new", "removed"), ("new", "old", "added")):
            left = defaultdict(int)
            for k in sides[other].detail if family == "label" else sides[other].key:
                left[k] += 1
            for r in sides[side].itertuples():
                k = r.detail if family == "label" else r.key
                if left[k] > 0:
                    left[k] -= 1
                    continue
                key = f"{r.key}: {r.detail}" if family == "label" else r.key
                rows.append((c.change, status, side, key, r.category, r.whose, r.speaker, r.start, r.end, r.text,
                             r.sentence_start, r.sentence_end, r.sentence))
    return pd.DataFrame(rows, columns=WORDING_COLUMNS)


def _utterances_in(q: pd.DataFrame, article, p) -> list:
    if p < 0:
        return []
    return [r for r in q.itertuples() if article.paragraph_at(int(r.start)) == p]


def _attribution_row(change, status, a, b) -> tuple:
    def g(r, name, default=""):
        return default if r is None else (getattr(r, name) if not _units._blank(getattr(r, name)) else default)

    return (change, status, g(a, "speaker", _units.UNATTRIBUTED if a is not None else ""),
            g(b, "speaker", _units.UNATTRIBUTED if b is not None else ""), g(a, "verb"), g(b, "verb"), g(a, "cue"),
            g(b, "cue"), g(a, "stance"), g(b, "stance"), g(a, "start", -1), g(a, "end", -1), g(b, "start", -1),
            g(b, "end", -1), g(a, "cue_start", -1), g(a, "cue_end", -1), g(b, "cue_start", -1), g(b, "cue_end", -1),
            g(b, "text") if b is not None else g(a, "text"))


def _attributions(changes, old, new) -> pd.DataFrame:
    qo, qn = quotes.find_quotes(old), quotes.find_quotes(new)
    rows = []
    for c in changes.itertuples():
        uo, un = _utterances_in(qo, old, c.old_paragraph), _utterances_in(qn, new, c.new_paragraph)
        used = set()
        for a in uo:
            best = max(((_similarity(str(a.text), str(b.text)), k) for k, b in enumerate(un) if k not in used),
                       default=(0, -1))
            if best[0] < MATCH_MIN:
                rows.append(_attribution_row(c.change, "removed", a, None))
                continue
            used.add(best[1])
            b = un[best[1]]
            moved = [what for what, x, y in (("verb", a.cue, b.cue), ("speaker", a.speaker, b.speaker))
                     if str(x) != str(y)]
            if moved:
                rows.append(_attribution_row(c.change, " and ".join(moved) + " changed", a, b))
        rows += [_attribution_row(c.change, "added", None, b) for k, b in enumerate(un) if k not in used]
    t = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for col in ATTRIBUTION_COLUMNS[10:18]:
        t[col] = t[col].astype("int64")
    return t


def diff_versions(old, new) -> dict[str, pd.DataFrame]:
    """Every table of the module docstring for two :class:`~analysis.Article` versions."""
    if old.text == new.text:
        raise ArticleError(f"{old.source or old.name} and {new.source or new.name} are identical: "
                           "the two versions have the same text, so there is nothing to diff")
    tw = {}
    for side, art in (("old", old), ("new", new)):
        t = _units.article_units(art, side)
        tw[side] = (t, _paragraph_figures(t))
    aligned = align([old.text[s:e] for s, e in zip(old.column("paragraphs", "start"), old.column("paragraphs", "end"))],
                    [new.text[s:e] for s, e in zip(new.column("paragraphs", "start"), new.column("paragraphs", "end"))])
    changes = pd.DataFrame(_change_rows(old, new, aligned, tw), columns=CHANGE_COLUMNS)
    if changes.empty:
        warnings.warn("no paragraph changed: the two versions differ only in spacing or line breaks", stacklevel=2)
    return {"changes": changes, "attributions": _attributions(changes, old, new),
            "terms": _wording(changes, tw, "loaded"), "labels": _wording(changes, tw, "label"),
            "hedges": _wording(changes, tw, "hedge"), "effects": _effects(changes, tw),
            "voices": _voices(old, new, tw), "speakers": _speakers(tw)}
