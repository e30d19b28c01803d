"""Learn the model of :func:`analysis.sentiment.toward` from NewsMTSC train (never read at run time).

    .venv/bin/python scripts/train_toward.py            # nested CV on train, then the dev figure
    .venv/bin/python scripts/train_toward.py --write    # also write the model files (fit on all of train)
    .venv/bin/python scripts/train_toward.py --no-cv --write   # refit and write only

The model (see :mod:`analysis.sentiment.target`) is a multinomial logistic regression over the
words of the target's sentence, each placed by :func:`analysis.sentiment.target.toward_tokens`
(inside the mention, before or after it in its clause, in another clause; the target's role):

* :data:`analysis.sentiment.target.TOWARD_FEATURES`: sums over the words (VADER valences per place
  and role, distance-weighted valences, TextBlob's pattern polarity of each word, the curated cues
  of ``data/lexicons/toward_cues.csv``) and four sentence features (squashed valence sum, position,
  first word, role);
* a table of ``place:stem`` terms (Porter stems, ``not_`` after a negation) in at least ``MINDF``
  training sentences.

Fit: L2-penalised softmax (features standardised; penalty ``LAMBDA_DENSE`` on the features,
``LAMBDA_TERMS`` on the terms; chosen by CV on train: 1 and 3 beat 0.3/1 and 3/10), the training
classes weighted to the real-world shares (``RW_PRIOR``, from the dev labels' counts: the train
split was class-boosted), solved by L-BFGS. Two offsets added to the negative and
positive log-odds are then chosen to maximise class-weighted macro-F1 on 3-fold cross-validated
predictions (folds by sentence) and folded into the intercepts. The rule over the clause
(:func:`analysis.sentiment.target.clause_criticism`) applies on top, as at run time. The CV figure
re-runs all of it, offsets included, inside each of 5 outer folds by sentence.

Writes ``data/lexicons/toward_model.csv`` (intercept and feature coefficients) and
``data/lexicons/toward_words.csv`` (the term table, terms whose weights are all below ``PRUNE``
dropped), each weight a (negative, positive) pair of log-odds against neutral, stored in the
original feature units.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from analysis.sentiment import target  # noqa: E402

EVAL = os.path.join(ROOT, "..", "shared", "eval", "sentiment")
LEX = os.path.join(ROOT, "data", "lexicons")
SRC = "newsmtsc_train"
RW_PRIOR = {-1: 134 / 343, 0: 136 / 343, 1: 73 / 343}  # real-world class shares (dev label counts)
LAMBDA_DENSE, LAMBDA_TERMS, MINDF, PRUNE, ITERATIONS = 1.0, 3.0, 3, 0.01, 500


def jsonl(name):
    with open(os.path.join(EVAL, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def macro_f1(gold, pred, weight=None):
    gold, pred = np.asarray(gold), np.asarray(pred)
    w = np.ones(len(gold)) if weight is None else np.asarray(weight, dtype=float)
    out = []
    for c in (-1, 0, 1):
        tp = np.sum(w * ((gold == c) & (pred == c)))
        fp = np.sum(w * ((gold != c) & (pred == c)))
        fn = np.sum(w * ((gold == c) & (pred != c)))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(out))


class Data:
    """Features of every target: a dense matrix and, per target, its distinct terms."""

    def __init__(self, items):
        t0 = time.perf_counter()
        self.y = np.array([i["polarity"] for i in items], dtype=int)
        rows = [target.toward_inputs(i["sentence"], i["start"], i["end"]) for i in items]
        self.dense = np.array([r[0] for r in rows], dtype=float)
        self.terms = [sorted(set(r[1])) for r in rows]
        sid: dict = {}
        self.sent = np.array([sid.setdefault(i["sentence"], len(sid)) for i in items])
        print(f"  {len(items)} targets in {len(sid)} sentences, {self.dense.shape[1]} features "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)


def class_weights(y):
    share = {c: float(np.mean(y == c)) for c in (-1, 0, 1)}
    return np.array([RW_PRIOR[int(c)] / share[int(c)] for c in y])


def fit_raw(d: Data, idx, lam_dense=LAMBDA_DENSE, lam_terms=LAMBDA_TERMS, mindf=MINDF, iters=ITERATIONS):
    """Softmax fit on rows ``idx``: (intercepts[3], coefficients[n features, 3], {term: weights[3]})
    for the classes (negative, neutral, positive), in the original feature units."""
    sents: dict = {}
    for i in idx:
        for t in d.terms[i]:
            sents.setdefault(t, set()).add(d.sent[i])
    voc = {t: k for k, t in enumerate(sorted(t for t, s in sents.items() if len(s) >= mindf))}
    x = d.dense[idx]
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    rows, cols = [], []
    for r, i in enumerate(idx):
        for t in d.terms[i]:
            k = voc.get(t)
            if k is not None:
                rows.append(r)
                cols.append(k)
    rows, cols = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    n, nd, nv = len(idx), z.shape[1], len(voc)
    onehot = np.eye(3)[d.y[idx] + 1]
    sw = class_weights(d.y[idx])
    sw = sw / sw.sum()
    reg = np.concatenate([[0.0], np.full(nd, lam_dense), np.full(nv, lam_terms)])[:, None] / n

    def logits(w):
        out = w[0] + z @ w[1:1 + nd]
        for c in range(3):
            out[:, c] += np.bincount(rows, weights=w[1 + nd:, c][cols], minlength=n)
        return out

    def loss_grad(w):
        lg = logits(w)
        lg -= lg.max(axis=1, keepdims=True)
        lse = np.log(np.exp(lg).sum(axis=1))
        loss = float(sw @ (lse - (lg * onehot).sum(axis=1))) + 0.5 * float((reg * w * w).sum())
        p = np.exp(lg - lse[:, None])
        g = (p - onehot) * sw[:, None]
        out = np.empty_like(w)
        out[0] = g.sum(axis=0)
        out[1:1 + nd] = z.T @ g
        for c in range(3):
            out[1 + nd:, c] = np.bincount(cols, weights=g[rows, c], minlength=nv)
        return loss, out + reg * w

    w = lbfgs(loss_grad, np.zeros((1 + nd + nv, 3)), iters)
    coef = w[1:1 + nd] / sd[:, None]
    intercept = w[0] - mu @ coef
    words = {t: w[1 + nd + k] for t, k in voc.items()}
    return intercept, coef, words


def lbfgs(fg, x0, iters, memory=10, tol=1e-7):
    """Minimise ``fg(x) -> (value, gradient)`` by L-BFGS with a backtracking (Armijo) line search."""
    x = x0.copy()
    f, g = fg(x)
    hist = []
    for _ in range(iters):
        q = g.ravel().copy()
        alphas = []
        for s_, y_, rho in reversed(hist):
            a = rho * (s_ @ q)
            alphas.append(a)
            q -= a * y_
        if hist:
            s_, y_, _ = hist[-1]
            q *= (s_ @ y_) / (y_ @ y_)
        for (s_, y_, rho), a in zip(hist, reversed(alphas)):
            q += s_ * (a - rho * (y_ @ q))
        d = -q.reshape(x.shape)
        slope = float((g * d).sum())
        if slope >= 0:  # not a descent direction: restart from the gradient
            hist, d, slope = [], -g, -float((g * g).sum())
        t = 1.0
        while True:
            x_new = x + t * d
            f_new, g_new = fg(x_new)
            if f_new <= f + 1e-4 * t * slope or t < 1e-10:
                break
            t *= 0.5
        s_, y_ = (x_new - x).ravel(), (g_new - g).ravel()
        if s_ @ y_ > 1e-12:
            hist.append((s_, y_, 1.0 / (s_ @ y_)))
            hist = hist[-memory:]
        converged = abs(f - f_new) <= tol * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged:
            break
    return x


def logits(d: Data, idx, model):
    intercept, coef, words = model[:3]
    out = intercept + d.dense[idx] @ coef
    for r, i in enumerate(idx):
        for t in d.terms[i]:
            w = words.get(t)
            if w is not None:
                out[r] += w
    return out


def decide(lg, offsets=(0.0, 0.0)):
    return np.argmax(lg + np.array([offsets[0], 0.0, offsets[1]]), axis=1) - 1


def with_rules(d: Data, idx, pred):
    """The labels after the rule over the clause (:func:`analysis.sentiment.target.clause_criticism`)."""
    out = pred.copy()
    out[[target.clause_criticism(d.dense[i]) for i in idx]] = -1
    return out


def folds(d: Data, idx, k, seed):
    sents = np.unique(d.sent[idx])
    perm = np.random.RandomState(seed).permutation(sents)
    f = {s: i % k for i, s in enumerate(perm)}
    return np.array([f[s] for s in d.sent[idx]])


def offsets(d: Data, idx, k=3, seed=0, **kw):
    """The (negative, positive) log-odds offsets that maximise class-weighted macro-F1 on k-fold
    cross-validated predictions over ``idx``."""
    fold = folds(d, idx, k, seed)
    lg = np.zeros((len(idx), 3))
    for f in range(k):
        lg[fold == f] = logits(d, idx[fold == f], fit_raw(d, idx[fold != f], **kw))
    y, w = d.y[idx], class_weights(d.y[idx])
    best = (-1.0, (0.0, 0.0))
    for a in np.linspace(-1, 1, 21):
        for b in np.linspace(-1, 1, 21):
            f1 = macro_f1(y, decide(lg, (a, b)), w)
            if f1 > best[0]:
                best = (f1, (float(a), float(b)))
    return best[1]


def fit(d: Data, idx, **kw):
    """The shipped model: the softmax fit with the offsets folded into the intercepts."""
    intercept, coef, words = fit_raw(d, idx, **kw)
    a, b = offsets(d, idx, **kw)
    return intercept + np.array([a, 0.0, b]), coef, words


def cv(d: Data, k=5, seed=1, **kw):
    idx = np.arange(len(d.y))
    fold = folds(d, idx, k, seed)
    pred = np.zeros(len(idx), dtype=int)
    for f in range(k):
        tr, te = idx[fold != f], idx[fold == f]
        pred[fold == f] = with_rules(d, te, decide(logits(d, te, fit(d, tr, **kw))))
        print(f"    fold {f + 1}/{k} done", flush=True)
    return {"train": round(macro_f1(d.y, pred), 4), "rw_weighted": round(macro_f1(d.y, pred, class_weights(d.y)), 4)}


def against_neutral(w):
    """(negative, positive) log-odds against neutral of a weight triple."""
    return w[0] - w[1], w[2] - w[1]


def write(model):
    intercept, coef, words = model
    with open(os.path.join(LEX, "toward_model.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["feature", "negative", "positive", "rationale", "source"])
        n, p = against_neutral(intercept)
        w.writerow(["intercept", f"{n:.6f}", f"{p:.6f}", "log-odds of negative/positive against neutral with no "
                    "evidence; includes the offsets chosen for macro-F1 on cross-validated predictions, classes "
                    "weighted to real-world shares", SRC])
        for name, c in zip(target.TOWARD_FEATURES, coef):
            n, p = against_neutral(c)
            w.writerow([name, f"{n:.6f}", f"{p:.6f}", "softmax coefficient (per unit of the feature), log-odds "
                        "against neutral", SRC])
    kept = {}
    for t, v in words.items():
        n, p = against_neutral(v)
        if max(abs(n), abs(p)) >= PRUNE:
            kept[t] = (n, p)
    with open(os.path.join(LEX, "toward_words.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["word", "negative", "positive", "rationale", "source"])
        for t in sorted(kept, key=lambda t: (-max(map(abs, kept[t])), t)):
            region, _, stem = t.partition(":")
            n, p = kept[t]
            w.writerow([t, f"{n:.4f}", f"{p:.4f}", f"softmax weight of the stem '{stem}' {target.REGION_TEXT[region]}",
                        SRC])
    print(f"  wrote toward_model.csv and toward_words.csv ({len(kept)} of {len(words)} terms)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="fit on all of train and write the model files")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    ap.add_argument("--json", metavar="PATH", help="write the figures as JSON to PATH")
    args = ap.parse_args()
    train, dev = Data(jsonl("newsmtsc_train.jsonl")), Data(jsonl("newsmtsc_dev.jsonl"))
    result = {"command": "scripts/train_toward.py", "lambda_dense": LAMBDA_DENSE, "lambda_terms": LAMBDA_TERMS,
              "mindf": MINDF}
    if not args.no_cv:
        t0 = time.perf_counter()
        result["newsmtsc_train_cv"] = cv(train)
        print(f"  NewsMTSC train, 5-fold CV by sentence (offsets chosen inside each fold): "
              f"{result['newsmtsc_train_cv']} ({time.perf_counter() - t0:.0f} s)", flush=True)
    model = fit(train, np.arange(len(train.y)))
    pred = with_rules(dev, np.arange(len(dev.y)), decide(logits(dev, np.arange(len(dev.y)), model)))
    result["newsmtsc_dev"] = round(macro_f1(dev.y, pred), 4)
    print(f"  NewsMTSC dev macro-F1 (model fitted on all of train): {result['newsmtsc_dev']}")
    if args.write:
        write(model)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
    return result


if __name__ == "__main__":
    main()
