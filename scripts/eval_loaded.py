"""Validate the loaded-terms lexicon on PTC's Loaded_Language (SemEval-2020 Task 11, train split).

    .venv/bin/python scripts/eval_loaded.py            # print the figures, write data/validation/loaded.json

Task: a sentence is flagged when ``analysis.loaded.find_terms`` finds anything in it; gold = the
sentence overlaps a Loaded_Language span (``../shared/eval/loaded/train_sentences.tsv``).

Figures printed (the first is the one to quote):

1. **5-fold cross-validation by article** (``ptc.fold``) of the whole method: for each fold the
   learned words are rebuilt from the other four folds and the curated rows are checked against
   those four folds only (``scripts/build_loaded_lexicon.py``), then the held-out sentences are
   flagged. Per-category sentence precision comes from the same runs.
   The same CV per fold, and **nested CV** of the learning / pruning settings
   (``build.NESTED_GRID``: chosen by an inner CV inside each outer training part; the outer figure
   is the honest one for "tune the thresholds"), and the CV figures by sentence length.
2. Ablations: the curated rows checked on the training folds without learned words (CV), and the
   curated rows alone, all switched on, with nothing taken from PTC (no learning, no check).
3. In-sample: the shipped lexicon on the same sentences (what ``../shared/check.py loaded`` prints;
   optimistic, because the learned words and the on/off status were taken from these sentences).
4. The floor: flag every sentence.
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
from analysis import lexicons, loaded  # noqa: E402

OUT = ROOT / "data" / "validation" / "loaded.json"


def main() -> dict:
    t0 = time.perf_counter()
    corpus = build.Corpus()
    rows = corpus.sentences
    gold = [r["loaded"] for r in rows]
    shipped = lexicons.load("loaded_terms")
    curated = build.curated_rows(shipped)
    # the shipped on/off status was set on all five folds: start every CV run from "all on"
    curated = curated.assign(status=["core" if s == "core" else "on" for s in curated.status])

    cv = build.cross_validate(corpus, curated)
    # the same CV from precomputed counts (exact; checked below), per fold, and nested CV of the settings
    ix = build.Index(corpus, curated)
    excluded = build.rejected_keys(shipped)  # what the curated rows left on cover is added per fold
    (fP, fR, fF), fast_pred = build.fast_cv(ix, excluded, corpus.function_words, build.DEFAULT)
    assert round(fF, 3) == cv["f1"] and round(fP, 3) == cv["precision"], (fF, cv["f1"])
    folds = [[round(x, 3) for x in build.prf_np(fast_pred[ix.s_fold == f], ix.gold[ix.s_fold == f])] for f in range(5)]
    (nP, nR, nF), nfolds, nchosen = build.nested(ix, excluded, corpus.function_words, build.NESTED_GRID)
    by_len = {}
    for name, lo, hi in (("1-12 words", 0, 12), ("13-25 words", 13, 25), ("26-40 words", 26, 40), ("41+ words", 41, 10**9)):
        m = (ix.s_len >= lo) & (ix.s_len <= hi)
        p_, r_, f_ = build.prf_np(fast_pred[m], ix.gold[m])
        by_len[name] = {"sentences": int(m.sum()), "loaded_share": round(float(ix.gold[m].mean()), 3),
                        "precision": round(p_, 3), "recall": round(r_, 3), "f1": round(f_, 3)}
    pruned_only = build.cross_validate(corpus, curated, only="curated")
    only_curated = build.cross_validate(corpus, curated, prune_curated=False, only="curated")
    hits = loaded.find_terms_many([r["sentence"] for r in rows])
    flagged = set(hits["doc"].tolist())
    P, R, F = build.prf([i in flagged for i in range(len(rows))], gold)
    fP, fR, fF = build.prf([True] * len(rows), gold)
    active = shipped[shipped.status != "off"]
    out = {
        "task": "sentence-level detection of PTC Loaded_Language (a sentence is flagged when find_terms finds anything)",
        "data": "PTC train split (SemEval-2020 Task 11): 371 articles, 18,303 sentences, 10.4% loaded",
        "cross_validated": {k: cv[k] for k in ("precision", "recall", "f1", "sentences", "loaded_sentences", "flagged")},
        "cross_validated_folds": [{"fold": f, "precision": p, "recall": r, "f1": f1} for f, (p, r, f1) in enumerate(folds)],
        "nested_cv": {"precision": round(nP, 3), "recall": round(nR, 3), "f1": round(nF, 3), "settings_tried": len(build.NESTED_GRID),
                      "folds": [{"fold": f, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "inner_f1": round(i, 3),
                                 "chosen": {k: v for k, v in st.items() if v is not None}}
                                for f, ((p, r, f1), (i, st)) in enumerate(zip(nfolds, nchosen))]},
        "by_sentence_length_cv": by_len,
        "category_precision_cv": cv["category_precision"],
        "origin_precision_cv": cv["origin_precision"],
        "curated_only_no_ptc": {k: only_curated[k] for k in ("precision", "recall", "f1")},
        "curated_checked_in_fold_no_learning_cv": {k: pruned_only[k] for k in ("precision", "recall", "f1")},
        "in_sample": {"precision": round(P, 3), "recall": round(R, 3), "f1": round(F, 3)},
        "flag_all": {"precision": round(fP, 3), "recall": round(fR, 3), "f1": round(fF, 3)},
        "floors_held_out_ptc": {"flag_all": 0.165, "top_200_words": 0.171, "contrastive_300_words": 0.35},
        "target_f1_hidden_dev": 0.45,
        "lexicon": {
            "rows": int(len(shipped)), "active": int(len(active)),
            "curated_active": int(((shipped.origin == "curated") & (shipped.status != "off")).sum()),
            "curated_off": int(((shipped.origin == "curated") & (shipped.status == "off")).sum()),
            "learned_active": int(((shipped.origin == "learned") & (shipped.status != "off")).sum()),
            "learned_rejected": int(((shipped.origin == "learned") & (shipped.status == "off")).sum()),
            "core": int((shipped.status == "core").sum()),
        },
        "settings": {"learn_theta": build.THETA, "learn_min_inside": build.MIN_INSIDE, "learn_min_articles": build.MIN_ARTICLES,
                     "prune_theta": build.PRUNE_THETA, "prune_min_uses": build.PRUNE_MIN_USES},
        "command": ".venv/bin/python scripts/eval_loaded.py",
    }
    c = out["cross_validated"]
    print(f"PTC Loaded_Language, sentence level ({len(rows):,} sentences, {sum(gold):,} loaded)")
    print(f"  5-fold CV by article (learned part rebuilt per fold): P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}")
    print("    folds: " + ", ".join(f"{d['f1']:.3f}" for d in out["cross_validated_folds"]))
    n = out["nested_cv"]
    print(f"  nested CV (learning / pruning settings chosen inside each training part among {n['settings_tried']}): "
          f"P {n['precision']:.3f} R {n['recall']:.3f} F1 {n['f1']:.3f}; folds " + ", ".join(f"{d['f1']:.3f}" for d in n["folds"]))
    print("  by sentence length (CV): " + "; ".join(f"{k}: n {v['sentences']}, loaded {v['loaded_share']:.2f}, P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f}" for k, v in by_len.items()))
    o = out["curated_only_no_ptc"]
    q = out["curated_checked_in_fold_no_learning_cv"]
    print(f"  curated rows checked on the training folds, no learned words (CV): P {q['precision']:.3f} R {q['recall']:.3f} F1 {q['f1']:.3f}")
    print(f"  curated rows alone, all on, nothing from PTC:        P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}")
    print(f"  in-sample (shipped lexicon; optimistic):             P {P:.3f} R {R:.3f} F1 {F:.3f}")
    print(f"  flag every sentence:                                 P {fP:.3f} R {fR:.3f} F1 {fF:.3f}")
    print("  per-category sentence precision (CV; a flagged sentence counts once per category that fired):")
    for cat, v in cv["category_precision"].items():
        print(f"    {cat:24s} {v['precision']:.3f}  ({v['sentences_flagged']} sentences)")
    lx = out["lexicon"]
    print(f"  lexicon: {lx['active']} active rows ({lx['curated_active']} curated incl. {lx['core']} core, "
          f"{lx['learned_active']} learned); {lx['curated_off']} curated rows off, {lx['learned_rejected']} learned words rejected")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({time.perf_counter() - t0:.1f} s)")
    return out


if __name__ == "__main__":
    main()
