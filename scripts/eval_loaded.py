"""Validate the loaded-terms lexicon on PTC's Loaded_Language (SemEval-2020 Task 11, train split) and
on media-bias experts' word-level labels (BABE dev), and write ``data/validation/loaded.json``.

    .venv/bin/python scripts/eval_loaded.py

Figures (the cross-validated ones are those to quote; see ``scripts/build_loaded_lexicon.py``):

1. PTC, sentence level (a sentence is flagged when ``find_terms`` finds anything in it; gold: it
   overlaps a Loaded_Language span): 5-fold CV by article, the PTC-learned words rebuilt per fold.
2. BABE, word level with the rule of ``../shared/check.py loaded`` (of the words flagged, the share
   the experts listed as biased; of the experts' words, the share flagged): 5-fold CV by sentence,
   the BABE-learned words rebuilt per fold.
3. In-sample: the shipped lexicon on the same files (what ``../shared/check.py loaded`` prints on
   dev; optimistic, because words were learned and curated rows decided while reading them).
4. The floor: flag every PTC sentence.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import build_loaded_lexicon as build  # noqa: E402
from analysis import lexicons  # noqa: E402

OUT = ROOT / "data" / "validation" / "loaded.json"


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def main() -> dict:
    t0 = time.perf_counter()
    corpus, rows = build.Corpus(), build.babe_rows()
    f = build.figures(corpus, rows, corpus.function_words)
    gold = [r["loaded"] for r in corpus.sentences]
    fP, fR, fF = build.prf([True] * len(gold), gold)
    df = lexicons.load("loaded_terms")
    active = df[df.status != "off"]
    p, b, s = f["ptc_cv"], f["babe_cv"], f["in_sample"]
    out = {
        "task": "sentence-level detection of PTC Loaded_Language "
                "(a sentence is flagged when find_terms finds anything); "
                "word-level agreement with BABE's media-bias experts (the rule of check.py loaded)",
        "data": "PTC train split (SemEval-2020 Task 11): 371 articles, 18,303 sentences, 10.4% loaded; "
                "BABE dev (Spinde et al. 2021, half of SG2): 1,836 sentences",
        "cross_validated": {k: p[k] for k in ("precision", "recall", "f1", "sentences", "loaded_sentences", "flagged")},
        "cross_validated_folds_f1": p["folds_f1"],
        "category_precision_cv": p["category_precision"],
        "in_sample": s["ptc"],
        "babe_cv": {k: b[k] for k in ("flagged_marked", "marked_flagged", "flagged", "expert_words")},
        "babe_in_sample": s["babe"],
        "flag_all": {"precision": round(fP, 3), "recall": round(fR, 3), "f1": round(fF, 3)},
        "targets_held_back": {"ptc_f1": 0.45, "babe_flagged_marked": 0.65, "babe_marked_flagged": 0.25},
        "lexicon": {
            "rows": int(len(df)), "active": int(len(active)),
            "curated_active": int(((df.origin == "curated") & (df.status != "off")).sum()),
            "curated_off": int(((df.origin == "curated") & (df.status == "off")).sum()),
            "learned_ptc_active": int(((df.origin == "learned") & (df.status != "off")).sum()),
            "learned_babe_active": int(((df.origin == "learned_babe") & (df.status != "off")).sum()),
            "learned_rejected": int((df.category == "rejected").sum()),
            "neutral_phrases": int(len(lexicons.load("loaded_neutral"))),
            "context_cues": int(len(lexicons.load("loaded_context"))),
            "core": int((df.status == "core").sum()),
        },
        "settings": {"learn_theta": build.THETA, "learn_min_inside": build.MIN_INSIDE,
                     "learn_min_articles": build.MIN_ARTICLES,
                     "babe_min_marked": build.BABE_MIN_MARKED, "babe_theta": build.BABE_THETA},
        "command": ".venv/bin/python scripts/eval_loaded.py",
    }
    print(f"PTC Loaded_Language, sentence level ({len(gold):,} sentences, {sum(gold):,} loaded)")
    print(f"  5-fold CV by article: P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}; folds {p['folds_f1']}")
    print(f"  in-sample (optimistic): P {s['ptc']['precision']:.3f} R {s['ptc']['recall']:.3f} F1 {s['ptc']['f1']:.3f}")
    print(f"  flag every sentence: F1 {fF:.3f}")
    print(f"BABE dev, word level: 5-fold CV by sentence {b['flagged_marked']:.3f} of flagged words marked, "
          f"{b['marked_flagged']:.3f} of marked words flagged; in-sample {s['babe']['flagged_marked']:.3f} / "
          f"{s['babe']['marked_flagged']:.3f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({time.perf_counter() - t0:.1f} s)")
    return out


if __name__ == "__main__":
    main()
