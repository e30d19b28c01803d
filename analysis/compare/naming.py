"""What each outlet calls each actor, and which loaded terms, hedges and reporting verbs it uses:
counts per outlet from the evidence table (:mod:`.units`), each row with its first occurrences.

>>> import pandas as pd
>>> u = pd.DataFrame({"outlet": ["A", "A", "B"], "article": ["a", "a", "b"], "family": ["label"] * 3,
...     "key": ["Bashar Assad"] * 3, "category": ["person"] * 3,
...     "detail": ["the Assad regime", "the Assad regime", "the Syrian president"], "whose": ["own"] * 3,
...     "start": [0, 40, 7], "end": [16, 56, 27]})
>>> side_by_side(labels(u), ["A", "B"]).values.tolist()
[['Bashar Assad', 'the Assad regime ×2', 'the Syrian president']]
"""
from __future__ import annotations

import pandas as pd

EVIDENCE_PER_ROW = 3
LABEL_COLUMNS = ["actor", "outlet", "label", "whose", "count", "actor_kind", "evidence"]


def _evidence(rows: pd.DataFrame) -> list:
    top = rows.head(EVIDENCE_PER_ROW)
    return [{"article": a, "start": int(s), "end": int(e)} for a, s, e in zip(top.article, top.start, top.end)]


def _counted(units: pd.DataFrame, family: str, by: list[str]) -> pd.DataFrame:
    u = units[units.family == family]
    rows = []
    for key, g in u.groupby(by, sort=False):
        rows.append((*key, len(g), _evidence(g)))
    return pd.DataFrame(rows, columns=[*by, "count", "evidence"])


def labels(units: pd.DataFrame) -> pd.DataFrame:
    """One row per actor, outlet, label as written (``the Syrian leader``) and whose words it is in
    (``own``: the outlet's own voice, ``quoted``: a speaker's): ``count`` and the first
    occurrences. Actors named by the most outlets come first."""
    u = units[units.family == "label"].rename(columns={"key": "actor", "detail": "label", "category": "actor_kind"})
    rows = []
    for (actor, outlet, label, whose), g in u.groupby(["actor", "outlet", "label", "whose"], sort=False):
        rows.append((actor, outlet, label, whose, len(g), g.actor_kind.iloc[0], _evidence(g)))
    t = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    if t.empty:
        return t
    spread = t.groupby("actor").outlet.nunique()
    mentions = t.groupby("actor")["count"].sum()
    t["_o"], t["_m"] = t.actor.map(spread), t.actor.map(mentions)
    t = t.sort_values(["_o", "_m", "actor", "outlet", "count", "label"], kind="mergesort",
                      ascending=[False, False, True, True, False, True])
    return t.drop(columns=["_o", "_m"]).reset_index(drop=True)


def side_by_side(label_table: pd.DataFrame, outlets: list[str], whose: str = "own",
                 min_outlets: int = 1) -> pd.DataFrame:
    """Actors × outlets: the labels each outlet gives each actor in its own voice (or ``whose="all"``),
    most used first, ``×n`` after a label used n times; actors named by at least ``min_outlets``
    outlets, in the order of :func:`labels`."""
    t = label_table if whose == "all" else label_table[label_table.whose == whose]
    t = t.groupby(["actor", "outlet", "label"], sort=False)["count"].sum().reset_index()
    rows = []
    for actor in dict.fromkeys(t.actor):
        sub = t[t.actor == actor]
        if sub.outlet.nunique() < min_outlets:
            continue
        cells = []
        for o in outlets:
            s = sub[sub.outlet == o].sort_values(["count", "label"], ascending=[False, True], kind="mergesort")
            cells.append("; ".join(f"{lab} ×{n}" if n > 1 else lab for lab, n in zip(s.label, s["count"])))
        rows.append((actor, *cells))
    return pd.DataFrame(rows, columns=["actor", *outlets])


def terms(units: pd.DataFrame) -> pd.DataFrame:
    """Loaded terms per outlet: ``outlet``, ``term``, ``category``, ``whose``, ``count``, ``evidence``."""
    return _counted(units, "loaded", ["outlet", "key", "category", "whose"]).rename(columns={"key": "term"})


def hedges(units: pd.DataFrame) -> pd.DataFrame:
    """Hedges and boosters per outlet: ``outlet``, ``category``, ``cue``, ``whose``, ``count``, ``evidence``;
    per outlet boosters first, then hedges, most used first."""
    t = _counted(units, "hedge", ["outlet", "category", "key", "whose"]).rename(columns={"key": "cue"})
    order = {o: i for i, o in enumerate(dict.fromkeys(units.outlet))}
    t = t.sort_values(["outlet", "category", "count", "cue", "whose"], ascending=[True, True, False, True, True],
                      key=lambda c: c.map(order) if c.name == "outlet" else c, kind="mergesort")
    return t.reset_index(drop=True)


def verbs(units: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs per outlet (lemmas from ``data/lexicons/cue_verbs.csv``; ``(none)`` for a
    quotation attributed without a verb): ``outlet``, ``verb``, ``stance``, ``count``, ``speakers``
    (who it is used for), ``evidence`` (the utterances)."""
    u = units[units.family == "speech"].copy()
    u["detail"] = u.detail.replace("", "(none)")
    rows = []
    for (outlet, verb, stance), g in u.groupby(["outlet", "detail", "stance"], sort=False):
        rows.append((outlet, verb, stance or "", len(g), sorted(set(g.key)), _evidence(g)))
    t = pd.DataFrame(rows, columns=["outlet", "verb", "stance", "count", "speakers", "evidence"])
    t = t.sort_values(["outlet", "count", "verb"], ascending=[True, False, True], kind="mergesort")
    return t.reset_index(drop=True)


def speakers(units: pd.DataFrame, low_confidence: float = 0.8) -> pd.DataFrame:
    """Who each outlet quotes: ``outlet``, ``speaker``, ``speaker_type``, ``utterances``, ``words``,
    ``share`` (of the outlet's quoted words), ``low_confidence_words`` (in attributions with
    confidence below ``low_confidence``), ``mean_confidence``, ``evidence``."""
    u = units[units.family == "speech"]
    total = u.groupby("outlet").value.sum()
    rows = []
    for (outlet, speaker), g in u.groupby(["outlet", "key"], sort=False):
        low = g.value[~(g.confidence >= low_confidence)].sum()
        rows.append((outlet, speaker, g.category.mode().iloc[0], len(g), int(g.value.sum()),
                     round(float(g.value.sum() / total[outlet]), 4) if total[outlet] else float("nan"), int(low),
                     round(float(g.confidence.mean()), 3), _evidence(g)))
    t = pd.DataFrame(rows, columns=["outlet", "speaker", "speaker_type", "utterances", "words", "share",
                                    "low_confidence_words", "mean_confidence", "evidence"])
    order = {o: i for i, o in enumerate(dict.fromkeys(units.outlet))}
    return t.sort_values(["outlet", "words", "speaker"], ascending=[True, False, True], kind="mergesort",
                         key=lambda c: c.map(order) if c.name == "outlet" else c).reset_index(drop=True)
