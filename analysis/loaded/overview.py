"""All loaded-term tables of an article at once (the CLI's ``loaded`` subcommand), and the lexicon's
validation figures as committed in ``data/validation/loaded.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..article import as_article
from .keyness import keyness
from .voices import by_actor, by_category, by_voice, concordance, hits

def tables(article) -> dict[str, pd.DataFrame]:
    """Every table of the loaded-terms analysis (first = the CLI's primary table): ``hits``,
    ``by_voice``, ``by_actor``, ``concordance``, ``keyness``, ``by_category``."""
    article = as_article(article)
    return {"hits": hits(article), "by_voice": by_voice(article), "by_actor": by_actor(article),
            "concordance": concordance(article), "keyness": keyness(article), "by_category": by_category(article)}


VALIDATION_JSON = Path(__file__).resolve().parent.parent.parent / "data" / "validation" / "loaded.json"


def validation(path=None) -> dict:
    """The lexicon's validation figures as committed by ``scripts/eval_loaded.py`` (PTC
    Loaded_Language at sentence level; BABE experts' words at word level, where precision is the
    share of flagged words the experts marked and recall the share of their words flagged): a dict
    with ``figures`` (one row per method: precision, recall, F1) and ``categories`` (sentence
    precision per category, when measured) as DataFrames, plus the raw ``json``. Reads the
    repository's ``data/validation/loaded.json`` only.

    >>> v = validation()
    >>> list(v["figures"].columns)
    ['method', 'precision', 'recall', 'f1']
    """
    p = Path(path) if path else VALIDATION_JSON
    data = json.loads(p.read_text(encoding="utf-8"))
    names = [("cross_validated", "PTC: 5-fold CV by article (the figure to quote)"),
             ("in_sample", "PTC: in-sample, shipped lexicon (optimistic)"),
             ("flag_all", "PTC: flag every sentence (floor)")]
    rows = [(label, data[k]["precision"], data[k]["recall"], data[k]["f1"]) for k, label in names if k in data]
    for k, label in (("babe_cv", "BABE experts' words: 5-fold CV by sentence"),
                     ("babe_in_sample", "BABE experts' words: in-sample (optimistic)")):
        if k in data:  # precision = flagged words the experts marked; recall = experts' words flagged
            p, r = data[k]["flagged_marked"], data[k]["marked_flagged"]
            rows.append((label, p, r, round(2 * p * r / (p + r), 3) if p + r else 0.0))
    figures = pd.DataFrame(rows, columns=["method", "precision", "recall", "f1"])
    cats = pd.DataFrame([(c, v["precision"], v["sentences_flagged"])
                         for c, v in data.get("category_precision_cv", {}).items()],
                        columns=["category", "precision", "sentences_flagged"])
    return {"figures": figures, "categories": cats, "json": data}
