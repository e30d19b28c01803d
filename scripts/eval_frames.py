"""Measure the framing cues on the shared dev data (../shared/eval/frames) and fit the small
generic-frame model.

    .venv/bin/python scripts/eval_frames.py            # print every figure
    .venv/bin/python scripts/eval_frames.py --write    # also refit data/lexicons/frame_model.csv and
                                                      # write data/validation/frames.json (for notebook 01)

Figures printed:

* FrAC sentences (277, 10 merged Media Frames Corpus labels): macro-F1 and accuracy of
  ``framing.dominant_frame`` mapped as in ``../shared/check.py``; per class; the two halves of the
  file (A = even rows, the only ones whose errors were read while curating the lexicon;
  B = odd rows, never read); the blind first lexicon (git commit ``BLIND``, written from the
  codebook definitions before any dev sentence was read) for comparison; and a cross-validated test
  of learned per-frame score multipliers (not shipped: they do not beat the hand weights).
* Narrative Frames Corpus articles (343, five generic frames): a per-frame L2 logistic model over
  ``log(1 + weighted cue count)`` of each cue group (plus ``EXTRA_FEATURES``: at most one related cue
  total of the issue or Entman scheme, whose cues were written for other data), its L2 strength picked
  from ``LAMBDAS`` by an inner 5-fold CV (``INNER_REPS`` repetitions pooled) and its decision threshold
  at max F1 of that inner CV's out-of-fold scores (not of the fitted model's own training scores, which
  overfit), both on the training data only. Nested cross-validation (outer 5 folds x 10 repetitions;
  mean and sd of the macro-F1 over repetitions), trained on half A and tested on half B, and the
  in-sample figure of the shipped model (optimistic, printed for completeness only); also trained on B
  tested on A, and the mean and sd of ``HALVES`` random 50/50 splits (the spread one held-back half can
  show). The choice of cue groups was made by hand while looking at cross-validated figures on this
  file, which no CV here undoes (see the lexicon README).
* Speed: cue matching per sentence, ``find_frames`` on the bundled article, ``generic_frames``
  per article.

The product never reads ../shared; this script does (allowed for scripts/).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from analysis import framing, lexicons  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "frames"
BLIND = "2e2675f"  # first commit of data/lexicons/frames.csv, written before reading any dev sentence
MAP = {"legality": "legality_crime", "crime_punishment": "legality_crime", "policy": "policy_political",
       "political": "policy_political", "capacity_resources": "economic", "quality_of_life": "other",
       "external_regulation": "other"}  # the mapping of ../shared/check.py
GENERIC = ["responsibility", "human_interest", "conflict", "morality", "economic"]
LAMBDAS = (3.0, 10.0, 30.0, 100.0)  # L2 strengths tried; the one with the best inner 5-fold CV F1 is used
SEEDS = 10
INNER_REPS = 3  # repetitions of the inner 5-fold CV whose pooled out-of-fold scores pick lambda and threshold
HALVES = 20  # random 50/50 splits: train on one half, test on the other (the spread a held-back half can show)
# features of a frame's model besides its own cue groups (see framing.feature_key; documented in the README):
# * stories about the hypocrisy of elites and celebrities go into the private lives of public actors (human
#   interest, Semetko & Valkenburg Q9);
# * the cue total of the scheme that asks the same question, curated on other data (FrAC sentences and
#   the codebooks): the Policy Frames Codebook's economic frame, its political frame (partisan fights:
#   conflict between parties), Entman's remedy function (who should fix it: responsibility, Q2-Q3). Its
#   morality frame is not added to morality: its cues largely repeat the generic morality cues, and it
#   did not help on random halves (.582 -> .570)
EXTRA_FEATURES = {"human_interest": ["morality.hypocrisy"], "economic": ["issue.economic"],
                  "conflict": ["issue.political"], "responsibility": ["entman.remedy"]}
csv.field_size_limit(10**9)


def tsv(name):
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro_f1(gold, pred):
    labels = sorted(set(gold))
    return sum(prf(sum(g == c and p == c for g, p in zip(gold, pred)),
                   sum(g != c and p == c for g, p in zip(gold, pred)),
                   sum(g == c and p != c for g, p in zip(gold, pred)))[2] for c in labels) / len(labels)


def f1(pred, y):
    return prf(int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum()))[2]


def reset_cache():
    framing.cues.refresh()


# ----------------------------------------------------------------------------------- FrAC
def frac(out):
    rows = tsv("frac_dev.tsv")
    gold = [r["frame"] for r in rows]
    raw = [framing.dominant_frame(r["sentence"]) for r in rows]
    pred = [MAP.get(p, p) for p in raw]
    acc = sum(a == b for a, b in zip(gold, pred)) / len(gold)
    mf = macro_f1(gold, pred)
    res = {"n": len(rows), "macro_f1": round(mf, 3), "accuracy": round(acc, 3), "per_class": {}}
    print(f"FrAC dev (n={len(rows)}): dominant_frame macro-F1 {mf:.3f}, accuracy {acc:.3f} "
          f"(floors: majority .032, ten keywords per frame .534; target .65 on the held-back half)")
    for c in sorted(set(gold)):
        p, r, f = prf(sum(g == c and q == c for g, q in zip(gold, pred)),
                      sum(g != c and q == c for g, q in zip(gold, pred)),
                      sum(g == c and q != c for g, q in zip(gold, pred)))
        res["per_class"][c] = {"n": gold.count(c), "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        print(f"  {c:18s} n={gold.count(c):2d}  P {p:.2f}  R {r:.2f}  F1 {f:.2f}")
    halves = {}
    for name, sl in (("A_even_rows_read", slice(0, None, 2)), ("B_odd_rows_unread", slice(1, None, 2))):
        g, q = gold[sl], pred[sl]
        halves[name] = {"macro_f1": round(macro_f1(g, q), 3),
                        "accuracy": round(sum(a == b for a, b in zip(g, q)) / len(g), 3)}
    res["halves"] = halves
    print("  halves: A (errors read while curating) macro-F1 {A_even_rows_read[macro_f1]:.3f}; "
          "B (never read) macro-F1 {B_odd_rows_unread[macro_f1]:.3f}".format(**halves))
    blind = blind_lexicon(rows, gold)
    if blind:
        res["blind_first_lexicon"] = blind
        print("  blind first lexicon (commit {commit}, before any dev sentence was read): macro-F1 {macro_f1:.3f} "
              "(A {A:.3f}, B {B:.3f})".format(**blind))
    res["learned_multipliers_cv"] = multipliers_cv(rows, gold)
    print("  learned per-frame multipliers, 5-fold CV x 5: macro-F1 {cv:.3f} vs hand weights {hand:.3f} "
          "(not shipped)".format(**res["learned_multipliers_cv"]))
    out["frac"] = res


def blind_lexicon(rows, gold):
    try:
        text = subprocess.run(["git", "show", f"{BLIND}:data/lexicons/frames.csv"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    old = os.environ.get("ANALYSIS_LEXICONS")
    with tempfile.TemporaryDirectory() as tmp:
        for p in lexicons.lexicon_dir().glob("*.csv"):
            (Path(tmp) / p.name).write_bytes(p.read_bytes())
        (Path(tmp) / "frames.csv").write_text(text, encoding="utf-8")
        os.environ["ANALYSIS_LEXICONS"] = tmp
        reset_cache()
        try:
            pred = [MAP.get(p, p) for p in (framing.dominant_frame(r["sentence"]) for r in rows)]
        finally:
            if old is None:
                os.environ.pop("ANALYSIS_LEXICONS", None)
            else:
                os.environ["ANALYSIS_LEXICONS"] = old
            reset_cache()
    return {"commit": BLIND, "macro_f1": round(macro_f1(gold, pred), 3),
            "A": round(macro_f1(gold[0::2], pred[0::2]), 3),
            "B": round(macro_f1(gold[1::2], pred[1::2]), 3)}


def multipliers_cv(rows, gold):
    frames = [f for f in framing.ISSUE_FRAMES if f != "other"]
    S = np.array([[framing.frame_scores(r["sentence"]).get(f, 0.0) for f in frames] for r in rows])

    def predict(S, m):
        return ["other" if s.max() <= 0 else MAP.get(frames[int(np.argmax(s))], frames[int(np.argmax(s))])
                for s in S * m]

    def fit(idx):
        m, g = np.ones(len(frames)), [gold[i] for i in idx]
        best = macro_f1(g, predict(S[idx], m))
        for _ in range(2):
            for j in range(len(frames)):
                for v in (0.5, 0.7, 0.85, 1.0, 1.2, 1.4, 2.0):
                    mm = m.copy()
                    mm[j] = v
                    sc = macro_f1(g, predict(S[idx], mm))
                    if sc > best + 1e-9:
                        best, m = sc, mm
        return m

    scores = []
    for seed in range(5):
        folds = np.random.RandomState(seed).permutation(len(rows)) % 5
        pred = [None] * len(rows)
        for k in range(5):
            tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
            for i, p in zip(te, predict(S[te], fit(tr))):
                pred[i] = p
        scores.append(macro_f1(gold, pred))
    return {"cv": round(float(np.mean(scores)), 3), "hand": round(macro_f1(gold, predict(S, np.ones(len(frames)))), 3)}


# ------------------------------------------------------------------------------------ NFC
def groups_of(frame):
    lex = framing.lexicon()
    return sorted(set(lex[(lex.scheme == "generic") & (lex.frame == frame)].group)) + EXTRA_FEATURES.get(frame, [])


def fit_lr(x, y, lam=10.0):
    """L2 logistic regression (Newton steps) on standardised columns; returns raw-scale coefficients."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.column_stack([np.ones(len(x)), (x - mu) / sd])
    w = np.zeros(z.shape[1])
    reg = lam * np.diag(np.r_[0.0, np.ones(z.shape[1] - 1)])
    for _ in range(100):
        p = 1 / (1 + np.exp(-z @ w))
        g = z.T @ (p - y) + reg @ w
        H = (z * (p * (1 - p))[:, None]).T @ z + reg
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    coef = w[1:] / sd
    return np.r_[w[0] - (coef * mu).sum(), coef]


def best_threshold(score, y):
    best, cut = -1.0, 0.0
    for c in np.r_[np.unique(score), -np.inf]:
        f = f1(score >= c, y)
        if f > best + 1e-12:
            best, cut = f, c
    if np.isfinite(cut):  # halfway to the next lower score: a margin for unseen articles
        lower = score[score < cut]
        cut = (cut + lower.max()) / 2 if len(lower) else cut
    return cut


def pick_lambda(x, y):
    """The L2 strength of LAMBDAS whose out-of-fold scores, pooled over INNER_REPS repetitions of a 5-fold
    CV within ``x``, ``y`` only, reach the best F1; and those pooled scores with their labels."""
    reps = [np.random.RandomState(12345 + r).permutation(len(y)) % 5 for r in range(INNER_REPS)]
    yy = np.tile(y, INNER_REPS)
    best, lam, oof = -1.0, LAMBDAS[0], None
    for cand in LAMBDAS:
        s = np.zeros((INNER_REPS, len(y)))
        for r, folds in enumerate(reps):
            for k in range(5):
                tr = folds != k
                w = fit_lr(x[tr], y[tr].astype(float), cand)
                s[r, ~tr] = w[0] + x[~tr] @ w[1:]
        s = s.ravel()
        f = max(f1(s >= c, yy) for c in np.unique(s))
        if f > best + 1e-9:
            best, lam, oof = f, cand, s
    return lam, oof, yy


def random_halves(x, y):
    """F1 of each of HALVES random 50/50 splits, trained on the first half and tested on the second."""
    out = []
    for seed in range(HALVES):
        first = np.zeros(len(y), bool)
        first[np.random.RandomState(1000 + seed).permutation(len(y))[: len(y) // 2]] = True
        w, _ = fit_frame(x[first], y[first])
        out.append(f1(w[0] + x[~first] @ w[1:] >= 0, y[~first]))
    return np.array(out)


def fit_frame(x, y):
    """Every choice from (x, y) alone: the L2 strength (inner CV), the weights, the threshold (max F1
    of the inner CV's out-of-fold scores, which are as far from their training data as unseen
    articles are)."""
    lam, oof, yy = pick_lambda(x, y)
    w = fit_lr(x, y.astype(float), lam)
    cut = best_threshold(oof, yy)
    w[0] -= cut if np.isfinite(cut) else -1e6  # threshold folded into the intercept: present when score >= 0
    return w, lam


def feature_rationale(frame, feature):
    if feature == "intercept":
        return "intercept with the decision threshold folded in: the frame is present when the score is >= 0"
    if feature.startswith("issue."):
        return (f"weight of log(1 + weighted count of the issue-scheme '{feature[6:]}' cues, Policy Frames Codebook "
                f"lexicon curated on other data) for {frame}")
    if feature.startswith("entman."):
        return f"weight of log(1 + weighted count of the Entman '{feature[7:]}' cues) for {frame}"
    return f"weight of log(1 + weighted count of the '{feature}' cues) for {frame}"


def nfc(out, write):
    arts = tsv("nfc_dev.tsv")
    counts = [framing.feature_counts(a["text"]) for a in arts]
    res = {"n": len(arts), "lambdas_tried": list(LAMBDAS), "frames": {}}
    Ys, Xs = {}, {}
    for f in GENERIC:
        gs = groups_of(f)
        Xs[f] = np.array([[np.log1p(c.get(g, 0.0)) for g in gs] for c in counts])
        Ys[f] = np.array([a[f] == "1" for a in arts])
    cv, ab, ins, floor, runs, ba, halves = {}, {}, {}, {}, {}, {}, {}
    for f in GENERIC:
        x, y = Xs[f], Ys[f]
        runs[f] = []
        for seed in range(SEEDS):  # nested: lambda, weights and threshold chosen inside each training fold
            folds = np.random.RandomState(seed).permutation(len(y)) % 5
            pred = np.zeros(len(y), bool)
            for k in range(5):
                tr = folds != k
                w, _ = fit_frame(x[tr], y[tr])
                pred[~tr] = w[0] + x[~tr] @ w[1:] >= 0
            runs[f].append(f1(pred, y))
        cv[f] = float(np.mean(runs[f]))
        a, b = np.arange(len(y)) % 2 == 0, np.arange(len(y)) % 2 == 1
        w, _ = fit_frame(x[a], y[a])
        ab[f] = f1(w[0] + x[b] @ w[1:] >= 0, y[b])
        w, _ = fit_frame(x[b], y[b])
        ba[f] = f1(w[0] + x[a] @ w[1:] >= 0, y[a])
        halves[f] = random_halves(x, y)
        w, lam = fit_frame(x, y)
        ins[f] = f1(w[0] + x @ w[1:] >= 0, y)
        floor[f] = f1(np.ones(len(y), bool), y)
        res["frames"][f] = {"positives": int(y.sum()), "cv_f1": round(cv[f], 3),
                            "cv_f1_sd": round(float(np.std(runs[f])), 3),
                            "A_to_B_f1": round(ab[f], 3), "in_sample_f1": round(ins[f], 3),
                            "predict_all_f1": round(floor[f], 3),
                            "lambda": lam,
                            "coef": {"intercept": round(float(w[0]), 4),
                                     **{g: round(float(c), 4) for g, c in zip(groups_of(f), w[1:])}}}
    macro = np.mean([runs[f] for f in GENERIC], axis=0)  # macro-F1 of each repetition
    res["cv_macro_f1_sd"] = round(float(np.std(macro)), 3)
    for key, d in (("cv_macro_f1", cv), ("A_to_B_macro_f1", ab), ("in_sample_macro_f1", ins),
                   ("predict_all_macro_f1", floor)):
        res[key] = round(float(np.mean(list(d.values()))), 3)
    res["B_to_A_macro_f1"] = round(float(np.mean(list(ba.values()))), 3)
    split = np.mean([halves[f] for f in GENERIC], axis=0)  # macro-F1 of each random split
    res["random_halves_macro_f1"] = round(float(split.mean()), 3)
    res["random_halves_macro_f1_sd"] = round(float(split.std()), 3)
    for f in GENERIC:
        res["frames"][f]["B_to_A_f1"] = round(ba[f], 3)
        res["frames"][f]["random_halves_f1"] = round(float(np.mean(halves[f])), 3)
    print(f"NFC dev (n={len(arts)} articles): generic_frames macro-F1, nested 5-fold CV x {SEEDS} repetitions "
          f"{res['cv_macro_f1']:.3f} ± {res['cv_macro_f1_sd']:.3f} (sd over repetitions); "
          f"trained on half A, tested on half B {res['A_to_B_macro_f1']:.3f}; "
          f"in-sample {res['in_sample_macro_f1']:.3f} "
          f"(predict-all {res['predict_all_macro_f1']:.3f}; target .60 on held-back articles)")
    print(f"  trained on half B, tested on half A {res['B_to_A_macro_f1']:.3f}; {HALVES} random halves (train on one, "
          f"test on the other) {res['random_halves_macro_f1']:.3f} ± {res['random_halves_macro_f1_sd']:.3f} "
          "(sd over splits)")
    for f in GENERIC:
        d = res["frames"][f]
        print(f"  {f:15s} positives {d['positives']:3d}  CV F1 {d['cv_f1']:.3f} ± {d['cv_f1_sd']:.3f}  "
              f"A->B {d['A_to_B_f1']:.3f}  "
              f"in-sample {d['in_sample_f1']:.3f}  predict-all {d['predict_all_f1']:.3f}  lambda {d['lambda']:g}  "
              f"B->A {d['B_to_A_f1']:.3f}  halves {d['random_halves_f1']:.3f}")
    if write:
        path = ROOT / "data" / "lexicons" / "frame_model.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["frame", "feature", "coef", "rationale", "source"])
            for f in GENERIC:
                lam = res["frames"][f]["lambda"]
                src = (f"L2 logistic regression (lambda {lam:g}, picked by 5-fold CV x {INNER_REPS}) fitted by "
                       "scripts/eval_frames.py --write on nfc_dev.tsv (Frermann et al. 2023, Narrative Frames Corpus, "
                       "MIT), threshold at max F1 of that CV's out-of-fold scores; nested cross-validated macro-F1 "
                       f"{res['cv_macro_f1']:.3f}")
                for g, c in res["frames"][f]["coef"].items():
                    w.writerow([f, g, f"{c:.4f}", feature_rationale(f, g), src])
        print(f"  wrote {path.relative_to(ROOT)}")
    out["nfc"] = res
    return arts


# ---------------------------------------------------------------------------------- speed
def speed(out, arts):
    import analysis

    rows = [r["sentence"] for r in tsv("frac_dev.tsv")]
    article = analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    n_sent = len(article.sentences)

    def per(fn, items, reps):
        fn(items[0])
        t = time.perf_counter()
        for _ in range(reps):
            for s in items:
                fn(s)
        return (time.perf_counter() - t) / (reps * len(items)) * 1e6

    res = {
        "raw_hits_us_per_sentence": round(per(framing.cues._raw_hits, rows, 10), 1),
        "dominant_frame_us_per_sentence": round(per(framing.dominant_frame, rows, 10), 1),
        "find_frames_article_us_per_sentence": round(per(framing.find_frames, [article.text], 50) / n_sent, 1),
        "generic_frames_ms_per_article": round(
            per(framing.generic_frames, [a["text"] for a in arts[:100]], 2) / 1000, 2),
    }
    print("speed: cue matching {raw_hits_us_per_sentence} us/sentence, dominant_frame {dominant_frame_us_per_sentence} "
          "us/sentence (FrAC sentences); find_frames on the bundled article {find_frames_article_us_per_sentence} "
          "us/sentence; generic_frames {generic_frames_ms_per_article} ms/article (NFC)".format(**res))
    out["speed"] = res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true",
                    help="refit data/lexicons/frame_model.csv and write data/validation/frames.json")
    args = ap.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"no evaluation data at {DATA}")
    out: dict = {}
    frac(out)
    arts = nfc(out, args.write)
    if args.write:
        reset_cache()
    speed(out, arts)
    lex = framing.lexicon()
    read = lex.source.str.contains("half A", regex=False) | lex.rationale.str.contains("half A", regex=False)
    out["lexicon"] = {"rows": int(len(lex)), "rows_added_or_changed_after_reading_dev": int(read.sum()),
                      "by_scheme": {k: int(v) for k, v in lex.scheme.value_counts().sort_index().items()}}
    print("lexicon: {rows} rows, {rows_added_or_changed_after_reading_dev} of them added or changed after reading "
          "dev half A (FrAC sentences or NFC articles)".format(**out["lexicon"]))
    if args.write:
        path = ROOT / "data" / "validation" / "frames.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        out["command"] = "scripts/eval_frames.py --write"
        path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
