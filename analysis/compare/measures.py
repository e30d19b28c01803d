"""Per-outlet figures with 95% bootstrap intervals, and every pairwise difference with its interval.

Each figure is a ratio of sums over an outlet's resampling units (see :mod:`.bootstrap`):

====================  ==========  ============================================  =================
``measure``           ``key``     numerator / denominator                       ``whose``
====================  ==========  ============================================  =================
share_of_voice        speaker     the speaker's quoted words / all quoted words  quoted
share_by_type         type        quoted words of speakers of that type / all    quoted
low_confidence_share  all         quoted words in attributions with confidence   quoted
                                  below .8 / all quoted words
verb_stance           stance      utterances whose reporting verb has that       quoted
                                  stance (neutral, doubting, ...) / utterances
loaded_per_1000       all         loaded terms / words, x 1000                   own, quoted, all
hedges_per_1000       hedge,      hedges (or boosters) / words, x 1000           own, quoted, all
                      booster
issue_frames_per_1000 frame       frame cues / words, x 1000, one measure per    all
                                  scheme: ``issue``, ``generic``, ``entman``
tone                  actor       mean tone toward the actor's mentions, in      own, quoted
                                  [-1, 1], with :func:`analysis.sentiment.tone_label`
====================  ==========  ============================================  =================

``own`` is the outlet's own voice (reporter and editorial paragraphs outside quotations),
``quoted`` what speakers are quoted as saying.

The resampling unit (:func:`resampling_units`) is the paragraph, except in an article with fewer
than :data:`MIN_UNITS` counted paragraphs (a text stored without its paragraph breaks, a one-line
brief), whose sentences are resampled instead. Sentences of one paragraph are less independent
than paragraphs are, so intervals resting on sentences are somewhat too narrow. Every figure says
which unit it rests on (``unit``: ``paragraph``, ``sentence`` or ``paragraph+sentence`` for an
outlet with articles of both kinds) and how many it resampled (``resampled``). An interval needs
the denominator spread over at least :data:`MIN_UNITS` units (a ratio whose items all sit in one
or two units resamples to itself: its interval would look certain); below that ``low``/``high``
are empty and no difference is called. Each difference also has a two-sided bootstrap ``p`` and its
Benjamini-Hochberg ``q`` over the whole table: with many differences tested at once, ``clear``
(the interval leaves out zero) will be true for about one in twenty differences that are not
real, and ``q <= .05`` is the stricter reading. Confidence is the attribution's ``confidence`` from
:func:`analysis.quotes.find_quotes` (.8 and above: right about 9 times in 10 on the dev data).
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from .. import sentiment
from . import bootstrap

LOW_CONFIDENCE = 0.8
EVIDENCE_PER_ROW = 3
MEASURE_COLUMNS = ["measure", "key", "whose", "outlet", "value", "low", "high", "reading", "numerator", "denominator",
                   "items", "unit", "resampled", "evidence"]
DIFFERENCE_COLUMNS = ["measure", "key", "whose", "outlet_a", "outlet_b", "value_a", "value_b", "difference", "low",
                      "high", "clear", "p", "q", "reading", "evidence"]
FRAME_MEASURES = {"issue": "issue_frames_per_1000", "generic": "generic_frames_per_1000",
                  "entman": "entman_functions_per_1000"}
SCALE = {"loaded_per_1000": 1000.0, "hedges_per_1000": 1000.0, **{m: 1000.0 for m in FRAME_MEASURES.values()}}
MIN_UNITS = 3  # an article with fewer counted paragraphs is resampled by sentence; an interval needs this many units
RESAMPLING_COLUMNS = ["outlet", "article", "unit", "index", "start", "end", "words", "own_words", "quoted_words"]


def resampling_units(paragraphs: pd.DataFrame, sentences: pd.DataFrame, min_units: int = MIN_UNITS) -> pd.DataFrame:
    """The units the bootstrap draws, one row each (columns :data:`RESAMPLING_COLUMNS`): the counted
    paragraphs of every article that has at least ``min_units`` of them, the counted sentences of
    every other article (``unit`` says which; ``index`` is the paragraph's or the sentence's row in
    the article's ``paragraphs`` or ``sentences``)."""
    p, s = paragraphs[paragraphs.counted], sentences[sentences.counted]
    n = p.groupby(["outlet", "article"], sort=False).size()
    by_paragraph = {k for k, v in n.items() if v >= min_units}
    p = p[np.array([k in by_paragraph for k in zip(p.outlet, p.article)], dtype=bool)]
    s = s[np.array([k not in by_paragraph for k in zip(s.outlet, s.article)], dtype=bool)]
    p, s = p.assign(unit="paragraph", index=p.paragraph), s.assign(unit="sentence", index=s.sentence)
    order = {k: i for i, k in enumerate(dict.fromkeys(zip(paragraphs.outlet, paragraphs.article)))}
    t = pd.concat([p[RESAMPLING_COLUMNS], s[RESAMPLING_COLUMNS]], ignore_index=True)
    t["_o"] = [order[k] for k in zip(t.outlet, t.article)]
    return t.sort_values(["_o", "start"], kind="mergesort").drop(columns="_o").reset_index(drop=True)


def unit_name(units) -> str:
    """``paragraph``, ``sentence`` or ``paragraph+sentence``: the kinds of unit in ``units``."""
    kinds = sorted(set(units))
    return "+".join(kinds) if kinds else "paragraph"


def _plural(unit: str) -> str:
    return " or ".join(f"{k}s" for k in unit.split("+"))


class _Outlet:
    """One outlet's resampling units (rows of :func:`resampling_units`), its evidence units and draws."""

    def __init__(self, name, resampled, units, rounds, seed):
        self.name = name
        p = resampled.reset_index(drop=True)
        self.unit = unit_name(p.unit)
        self.index = {(a, u, int(i)): k for k, (a, u, i) in enumerate(zip(p.article, p.unit, p["index"]))}
        by = dict(zip(p.article, p.unit))
        self.words = {"all": p.words.to_numpy(np.float64), "own": p.own_words.to_numpy(np.float64),
                      "quoted": p.quoted_words.to_numpy(np.float64)}
        self.units = units
        self.rows = np.array([self.index[(a, by[a], int(i if by[a] == "paragraph" else j))]
                              for a, i, j in zip(units.article, units.paragraph, units.sentence_index)], dtype=np.int64)
        self.draws = bootstrap.Draws.for_group(name, len(p), rounds, seed)

    def matrix(self, mask, keys: list, key_of, values) -> np.ndarray:
        """resampling units × keys sums of ``values`` of the units selected by ``mask``."""
        out = np.zeros((len(self.words["all"]), len(keys)))
        col = {k: j for j, k in enumerate(keys)}
        sel = np.flatnonzero(mask)
        if len(sel):
            js = np.array([col[k] for k in key_of[sel]], dtype=np.int64)
            np.add.at(out, (self.rows[sel], js), np.asarray(values, dtype=np.float64)[sel])
        return out


def _evidence(units: pd.DataFrame, mask) -> list:
    sel = units[mask].head(EVIDENCE_PER_ROW)
    return [{"article": a, "start": int(s), "end": int(e)} for a, s, e in zip(sel.article, sel.start, sel.end)]


def _specs(u: pd.DataFrame):
    """``(measure, whose, mask, keys column, values, denominator)`` for every figure; the denominator
    is a words column name, ``"same"`` (the numerator summed over all keys), or ``"count"``."""
    speech = (u.family == "speech").to_numpy()
    words = u.value.to_numpy(np.float64)
    ones = np.ones(len(u))
    low = (~(u.confidence.to_numpy(np.float64) >= LOW_CONFIDENCE)).astype(np.float64)
    allkey = np.array(["all"] * len(u), dtype=object)
    yield "share_of_voice", "quoted", speech, u.key.to_numpy(object), words, "same"
    yield "share_by_type", "quoted", speech, u.category.to_numpy(object), words, "same"
    yield "low_confidence_share", "quoted", speech, allkey, words * low, "speech_words"
    stance = np.array([s or "none" for s in u.stance], dtype=object)
    yield "verb_stance", "quoted", speech, stance, ones, "same"
    whose = u.whose.to_numpy(object)
    for fam, measure, keys in (("loaded", "loaded_per_1000", allkey),
                               ("hedge", "hedges_per_1000", u.category.to_numpy(object))):
        is_fam = (u.family == fam).to_numpy()
        for w in ("own", "quoted", "all"):
            mask = is_fam & ((whose == w) if w != "all" else True)
            yield measure, w, mask, keys, ones, w
    frame = (u.family == "frame").to_numpy()
    for scheme, measure in FRAME_MEASURES.items():
        yield measure, "all", frame & (u.category == scheme).to_numpy(), u.key.to_numpy(object), ones, "all"
    tone = (u.family == "tone").to_numpy()
    for w in ("own", "quoted"):
        yield "tone", w, tone & (whose == w), u.key.to_numpy(object), words, "count"


def _denominator(o: _Outlet, den, mask, keys, key_of, values) -> np.ndarray:
    if den == "same":
        return o.matrix(mask, keys, key_of, values).sum(axis=1, keepdims=True)
    if den == "count":
        return o.matrix(mask, keys, key_of, np.ones(len(values)))
    if den == "speech_words":  # all quoted words of the outlet, whatever the key
        fam_mask = (o.units.family == "speech").to_numpy()
        return o.matrix(fam_mask, ["all"], np.array(["all"] * len(o.units), dtype=object), o.units.value.to_numpy())
    return o.words[den][:, None]


def _reading(measure, value, low, high, unit: str) -> str:
    few = ""
    if np.isnan(low) and not np.isnan(value):
        few = f"no interval: found in fewer than {MIN_UNITS} {_plural(unit)}"
    if measure == "tone":  # a lean read off one or two mentions says so
        return sentiment.tone_label(value, low, high) + (f" ({few})" if few else "")
    return few


def _figures(measure, whose, den, per: dict, keys: list) -> tuple[list, dict, dict]:
    """Rows of one figure for every outlet, and the outlets' estimates and resampled values."""
    rows, est_of, boots = [], {}, {}
    scale = SCALE.get(measure, 1.0)
    for name, o in per.items():
        _, _, mask, key_of, values, _ = next(s for s in _specs(o.units) if s[0] == measure and s[1] == whose)
        num = o.matrix(mask, keys, key_of, values)
        d = _denominator(o, den, mask, keys, key_of, values)
        est, lo, hi, boot = (x * scale for x in bootstrap.ratio(num, d, o.draws))
        spread = np.broadcast_to((d > 0).sum(axis=0), (len(keys),))
        few = spread < MIN_UNITS  # too few units for a resampled interval to mean anything
        lo, hi = np.where(few, np.nan, lo), np.where(few, np.nan, hi)
        boot = np.where(few, np.nan, boot)
        est_of[name], boots[name] = est, boot
        dsum = np.broadcast_to(d.sum(axis=0), (len(keys),))
        for j, k in enumerate(keys):
            kmask = mask & (key_of == k)
            rows.append((measure, k, whose, name, est[j], lo[j], hi[j], _reading(measure, est[j], lo[j], hi[j], o.unit),
                         float(num[:, j].sum()), float(dsum[j]), int(kmask.sum()), o.unit, len(o.words["all"]),
                         _evidence(o.units, kmask)))
    return rows, est_of, boots


def _differences(measure, whose, keys, est_of, boots, evidence, unit_of) -> list:
    out = []
    for a, b in itertools.combinations(list(est_of), 2):
        dlo, dhi, dp = bootstrap.difference(boots[a], boots[b])
        for j, k in enumerate(keys):
            va, vb = est_of[a][j], est_of[b][j]
            if np.isnan(va) or np.isnan(vb) or (va == 0 and vb == 0):
                continue
            clear = bool(dlo[j] > 0 or dhi[j] < 0)
            if np.isnan(dlo[j]):
                unit = unit_name(unit_of[a].split("+") + unit_of[b].split("+"))
                reading = f"too few {_plural(unit)} to tell (fewer than {MIN_UNITS} on one side)"
            else:
                reading = (f"{a} higher" if dlo[j] > 0 else f"{b} higher") if clear else "no clear difference"
            ev = [dict(e, outlet=n) for n in (a, b) for e in evidence[(k, n)]]
            out.append((measure, k, whose, a, b, va, vb, va - vb, dlo[j], dhi[j], clear, dp[j], np.nan, reading, ev))
    return out


def measure_tables(units: pd.DataFrame, resampled: pd.DataFrame, outlets: list[str],
                   rounds: int = bootstrap.ROUNDS, seed: int = bootstrap.SEED) -> dict[str, pd.DataFrame]:
    """``{"measures": ..., "differences": ...}`` (columns :data:`MEASURE_COLUMNS`,
    :data:`DIFFERENCE_COLUMNS`) for ``outlets`` in the order given; differences for every pair.
    ``resampled`` is :func:`resampling_units` of the evidence's paragraphs and sentences."""
    per = {name: _Outlet(name, resampled[resampled.outlet == name],
                         units[units.outlet == name].reset_index(drop=True), rounds, seed) for name in outlets}
    unit_of = {name: o.unit for name, o in per.items()}
    rows, diffs = [], []
    for measure, whose, mask, key_of, _, den in _specs(units):
        keys = sorted(set(key_of[mask]), key=str)
        if not keys:
            continue
        new, est_of, boots = _figures(measure, whose, den, per, keys)
        rows += new
        diffs += _differences(measure, whose, keys, est_of, boots, {(r[1], r[3]): r[-1] for r in new}, unit_of)
    m = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    d = pd.DataFrame(diffs, columns=DIFFERENCE_COLUMNS)
    d["q"] = bootstrap.false_discovery(d.p.to_numpy(np.float64))
    for t, cols in ((m, ("value", "low", "high")), (d, ("value_a", "value_b", "difference", "low", "high", "p", "q"))):
        for c in cols:
            t[c] = t[c].astype("float64").round(4)
    m = m[m.denominator > 0].reset_index(drop=True)
    return {"measures": m, "differences": d}
