"""Learn the confidence model of ``analysis.quotes`` (``data/models/confidence.json``) on PolNeAR
train, and measure it on PolNeAR dev and the wild dev articles (never trained on).

    .venv/bin/python scripts/train_confidence.py [--write] [--folds 5]

A row is *right* in the sense of the evaluation scorers: PolNeAR (``polnear.score``): its content
span matches a gold attribution (overlap/union >= .5, one to one, gold taken in order) and, where
the gold source is a name, the speaker's last name occurs in it (``polnear.same_speaker``); wild
(``wild.score``): each quoted piece overlaps a gold utterance (intersection >= half the shorter
span) whose speaker or mention holds the speaker's last word; rows on optional gold only are left
out. Rows with no speaker get confidence 0 and are not modelled.

The model is an L2-regularised logistic regression over ``confidence.features`` (fitted by Newton's
method with numpy); the penalty is chosen by cross-validation over articles of the train split
(``--folds``), and the cross-validated figures are printed with the dev figures.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "quotes"
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(EVAL / "wild"))

import analysis  # noqa: E402
from analysis.quotes import confidence, pipeline  # noqa: E402

MODEL = ROOT / "data" / "models" / "confidence.json"
PENALTIES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLD = 0.8  # the promise: of the rows at this confidence or more, at least 9 in 10 are right


def _rows(an):
    """(utterance, speaker type) of the rows find_quotes gives for an analysis."""
    return [(u, confidence.speaker_type(an, u)) for u in an.utts if u.end > u.start]


def polnear_rows(split: str):
    """(features, right, article) per row of PolNeAR ``split`` with a speaker."""
    import polnear

    out = []
    for d in polnear.load(split):
        art = analysis.Article.from_text(d["text"], name=d["name"])  # held: the analysis holds it weakly
        an = pipeline.Analysis(art)
        rows = _rows(an)
        used, right = set(), {}
        for a in d["attributions"]:
            gs, ge, _ = a["content"]
            best, bi = 0.0, None
            for i, (u, _) in enumerate(rows):
                if i in used:
                    continue
                o = polnear._overlap(gs, ge, u.start, u.end)
                if o > best:
                    best, bi = o, i
            if best >= 0.5:
                used.add(bi)
                src = a["source"][2] if a["source"] else ""
                named = bool(src) and src[0].isupper() and src.lower() not in polnear.PRONOUNS \
                    and not src.lower().startswith(("the ", "a ", "an "))
                right[bi] = not named or polnear.same_speaker(src, str(rows[bi][0].speaker))
        for i, (u, kind) in enumerate(rows):
            if u.speaker:
                out.append((confidence.features(an, u, kind), bool(right.get(i, False)), d["name"]))
    return out


def wild_rows():
    """(features, right, article) per row of the wild dev articles with a speaker."""
    import wild

    out = []
    for d in wild.load(str(EVAL / "wild")):
        art = analysis.Article.from_text(d["text"], name=d["name"])  # held: the analysis holds it weakly
        an = pipeline.Analysis(art)
        for u, kind in _rows(an):
            if not u.speaker:
                continue
            parts = u.parts if len(u.parts) >= 4 else [u.start, u.end]
            oks, optional = [], False
            for a, b in zip(parts[0::2], parts[1::2]):
                hits = [g for g in d["utterances"] if wild._overlap(g["start"], g["end"], a, b) >= 0.5]
                ok = any(not g.get("optional") and wild.same_speaker(g, u.speaker) for g in hits)
                optional |= not ok and any(g.get("optional") for g in hits)
                oks.append(ok)
            if optional and not any(oks):
                continue
            out.append((confidence.features(an, u, kind), all(oks), d["name"]))
    return out


def matrix(rows, names=None):
    names = names or sorted({k for f, _, _ in rows for k in f})
    index = {k: i for i, k in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    for r, (f, _, _) in enumerate(rows):
        for k, v in f.items():
            if k in index:
                X[r, index[k]] = v
    y = np.array([float(ok) for _, ok, _ in rows])
    return X, y, names


def fit(X, y, penalty: float, names) -> np.ndarray:
    """L2 logistic regression (the bias unpenalised) by Newton's method."""
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], penalty)
    reg[names.index("bias")] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(X, w):
    return 1 / (1 + np.exp(-(X @ w)))


def report(p, y, label: str) -> dict:
    """Log loss, and the share right at confidence >= THRESHOLD and in bins."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    hi = p >= THRESHOLD
    out = {"rows": int(len(y)), "log_loss": round(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), 4),
           "right_at_threshold": round(float(y[hi].mean()), 3) if hi.any() else None,
           "rows_at_threshold": int(hi.sum()), "right_overall": round(float(y.mean()), 3), "bins": []}
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        m = (p >= lo) & (p < lo + 0.2 if lo < 0.8 else p <= 1.0)
        if m.any():
            out["bins"].append({"from": lo, "rows": int(m.sum()), "mean_confidence": round(float(p[m].mean()), 3),
                                "right": round(float(y[m].mean()), 3)})
    print(f"{label}: {out['rows']} rows, log loss {out['log_loss']}, right overall {out['right_overall']}; "
          f"at confidence >= {THRESHOLD}: {out['rows_at_threshold']} rows, {out['right_at_threshold']} right")
    for b in out["bins"]:
        print(f"    [{b['from']:.1f}, {b['from'] + .2:.1f}): {b['rows']:5} rows, mean confidence "
              f"{b['mean_confidence']}, right {b['right']}")
    return out


def cross_validate(rows, folds: int):
    """Out-of-fold predictions for each penalty (folds by article)."""
    arts = sorted({a for _, _, a in rows})
    fold_of = {a: i % folds for i, a in enumerate(arts)}
    X, y, names = matrix(rows)
    f = np.array([fold_of[a] for _, _, a in rows])
    best = None
    for lam in PENALTIES:
        p = np.zeros(len(y))
        for k in range(folds):
            w = fit(X[f != k], y[f != k], lam, names)
            p[f == k] = predict(X[f == k], w)
        ll = float(-np.mean(y * np.log(np.clip(p, 1e-6, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-6, 1))))
        print(f"  penalty {lam}: cross-validated log loss {ll:.4f}")
        if best is None or ll < best[0]:
            best = (ll, lam, p)
    return best[1], best[2], y


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write data/models/confidence.json")
    args = ap.parse_args(argv)
    train = polnear_rows("train")
    print(f"PolNeAR train: {len(train)} rows with a speaker")
    lam, p_cv, y_cv = cross_validate(train, args.folds)
    cv = report(p_cv, y_cv, f"PolNeAR train, {args.folds}-fold CV by article (penalty {lam})")
    X, y, names = matrix(train)
    w = fit(X, y, lam, names)
    dev_p, dev_w = polnear_rows("dev"), wild_rows()
    figures = {"train_cv": cv}
    for label, rows in (("PolNeAR dev", dev_p), ("wild dev", dev_w), ("PolNeAR dev + wild dev", dev_p + dev_w)):
        Xd, yd, _ = matrix(rows, names)
        figures[label] = report(predict(Xd, w), yd, label)
    model = {"about": "logistic model of analysis.quotes.confidence; scripts/train_confidence.py",
             "trained_on": "PolNeAR train (840 articles)", "penalty": lam, "threshold": THRESHOLD,
             "coef": {k: round(float(v), 5) for k, v in zip(names, w)}, "figures": figures}
    if args.write:
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {os.path.relpath(MODEL, ROOT)}")
    return model


if __name__ == "__main__":
    main()
