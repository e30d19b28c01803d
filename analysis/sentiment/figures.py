"""Validation figures (read from ``data/validation/sentiment.json``, never from the evaluation
data) and plain sentences that read the article tables for a notebook."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

VALIDATION_JSON = Path(__file__).resolve().parents[2] / "data" / "validation" / "sentiment.json"


def validation(path=None) -> dict:
    """The validation figures committed by ``scripts/eval_sentiment.py --write`` and
    ``bench/bench_sentiment.py --write`` (this reads the repository's
    ``data/validation/sentiment.json`` only, never the evaluation data): ``figures`` (one row per
    measure: ``task``, ``data``, ``method``, ``value``, ``target``), and the raw ``json``.

    >>> v = validation()
    >>> list(v["figures"].columns)
    ['task', 'data', 'method', 'value', 'target']
    """
    import json

    p = Path(path) if path else VALIDATION_JSON
    d = json.loads(p.read_text(encoding="utf-8"))
    rows = []
    nyt, cv = d.get("nyt_dev", {}), d.get("nyt_cv", {})
    task = "sentence score: Pearson r with human means"
    for key, label in (("r_vader", "VADER compound alone"), ("r_textblob", "TextBlob polarity alone"),
                       ("r_sum", "VADER + TextBlob (sum)")):
        if key in nyt:
            rows.append((task, "NYT dev", label, nyt[key], None))
    for key, label in (("base_features", "linear model, 6 features (CV by article)"),
                       ("base_features_plus_pool_words", "+ word table learned without NYT (CV by article)"),
                       ("full", "score: + NYT residual words (CV by article; the figure to quote)")):
        if key in cv:
            rows.append((task, "NYT dev", label, cv[key]["by_article"][0], 0.52 if key == "full" else None))
    if "full" in cv:
        rows.append((task, "NYT dev", "score (CV, random folds)", cv["full"]["random"][0], None))
    if "r_score_in_sample" in nyt:
        rows.append((task, "NYT dev", "score, in-sample (optimistic: fitted on this file)", nyt["r_score_in_sample"], None))
    mt, mcv = d.get("newsmtsc_dev", {}), d.get("newsmtsc_train_cv", {})
    task = "toward a target: macro-F1 (±0.05)"
    for key, label in (("macro_f1_all_neutral", "all neutral"), ("macro_f1_vader_sentence", "VADER, whole sentence"),
                       ("macro_f1_vader_8_words", "VADER, ±8 words around the target"),
                       ("macro_f1_toward", "toward() (nothing fitted on dev but the class shares)")):
        if key in mt:
            rows.append((task, "NewsMTSC dev", label, mt[key], 0.60 if key == "macro_f1_toward" else None))
    for key, label in (("full", "toward() (nested CV by sentence)"),):
        if key in mcv:
            v = mcv[key]
            rows.append((task, "NewsMTSC train", label, v["train"] if isinstance(v, dict) else v, None))
            if isinstance(v, dict):
                rows.append((task, "NewsMTSC train", label.replace("(nested CV by sentence)",
                                                                   "(CV, classes weighted to real-world shares)"),
                             v["rw_weighted"], None))
    if "macro_f1_previous_model" in mt:
        rows.append((task, "NewsMTSC dev", "previous toward() (sentence words, ridge; for comparison)",
                     mt["macro_f1_previous_model"], None))
    sp = d.get("speed", {})
    if "ratio" in sp:
        rows.append(("speed: score_sentences / bare VADER", f"{sp.get('n')} sentences", "time ratio", round(sp["ratio"], 2), 2.0))
    fig = pd.DataFrame(rows, columns=["task", "data", "method", "value", "target"])
    return {"figures": fig, "json": d}


def describe(tabs) -> list[str]:
    """Plain sentences that read the tables of :func:`tables` for a notebook (numbers in the text,
    no judgement beyond the intervals): who is reliably negative/positive, the reporter against
    the editorial voice, the clearest speaker → actor tones, and the disagreements.

    >>> from analysis import load_article
    >>> from analysis.sentiment import tables
    >>> describe(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))[0][:13]
    'Sergey Lavrov'
    """
    sp = tabs["speakers"]
    out = []
    for r in sp.itertuples():
        if r.utterances < 2 or r.score_low != r.score_low:
            continue
        where = ("negative" if r.score_high < 0 else "positive" if r.score_low > 0 else
                 "not distinguishable from neutral")
        out.append(f"{r.speaker}: {where} (score {r.score:+.2f}, 95% interval {r.score_low:+.2f} to {r.score_high:+.2f}; "
                   f"{r.utterances} {'sentences' if r.kind == 'voice' else 'utterances'}, {r.words} words).")
    single = [r.speaker for r in sp.itertuples() if r.utterances < 2]
    if single:
        out.append(f"One utterance only (no interval): {', '.join(single)}.")
    t = tabs["toward"]
    strong = t[(t.mentions >= 2) & (t.toward.abs() > 0.05)].sort_values(["toward", "speaker", "actor"])
    for r in list(strong.itertuples())[:3]:
        out.append(f"{r.speaker} → {r.actor}: mean toward {r.toward:+.2f} over {r.mentions} mentions "
                   f"({r.negative} negative, {r.positive} positive).")
    d = tabs["disagreements"]
    out.append(f"VADER and TextBlob point opposite ways on {len(d)} of {len(tabs['utterances'])} scored units.")
    return out
