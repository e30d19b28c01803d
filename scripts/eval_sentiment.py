"""Fit and evaluate the sentiment models on ../shared/eval/sentiment (never read at run time).

    .venv/bin/python scripts/eval_sentiment.py            # figures: CV on the training data, dev
    .venv/bin/python scripts/eval_sentiment.py --fit      # refit and write the three data files
    .venv/bin/python scripts/eval_sentiment.py --write    # also write data/validation/sentiment.json
    .venv/bin/python scripts/eval_sentiment.py --quick    # only the shipped model on the dev data

What is learned, from what (all with numpy least squares / ridge; nothing at run time but lookups):

* ``score`` (sentence score, data/lexicons/sentiment_weights.csv model=score and
  data/lexicons/sentiment_words.csv), over the terms of :func:`analysis.sentiment.terms` (Porter
  stems, ``not_``-prefixed within three tokens after a negator, plus bigrams of consecutive
  terms): (1) term weights by ridge regression (λ=30, unigram terms in ≥ 3 texts, bigrams in ≥ 8) of the centred human means of the VADER paper's movie, Amazon and tweet snippets plus the
  NewsMTSC train sentences (mean target polarity × 2), a pool that holds no NYT text; (2) on NYT
  dev, least squares of the human mean on VADER compound/pos/neg, TextBlob polarity/subjectivity
  and the summed pool word weights; (3) on NYT dev, ridge (λ=100, words in ≥ 2 snippets) of the
  residuals on words. Shipped word weight = (2)'s pool coefficient × pool weight + residual weight,
  entries below 0.05 (on the human [-4, 4] scale) dropped.
* ``toward``: learned by ``scripts/train_toward.py`` (multinomial logistic regression over the words
  about the target, ``data/lexicons/toward_model.csv`` and ``toward_words.csv``); this script
  reports its nested cross-validated figure on NewsMTSC train and its dev figure.

Cross-validated figures re-run the whole procedure inside each fold: NYT in 10 folds by article
(snippet ids "article_snippet"; the held-back snippets come from the same articles, so folds by
article are the harder test) and at random, 5 repetitions; NewsMTSC train in 5 folds by sentence
with the decision offsets chosen by an inner 3-fold CV (``scripts/train_toward.py``).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import time
from collections import Counter, defaultdict

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from analysis import lexicons, resources, sentiment  # noqa: E402
from analysis.sentiment import scores  # noqa: E402

EVAL = os.path.join(ROOT, "..", "shared", "eval", "sentiment")
LEX = os.path.join(ROOT, "data", "lexicons")
VALIDATION = os.path.join(ROOT, "data", "validation", "sentiment.json")
csv.field_size_limit(10**9)

POOL_LAMBDA, POOL_MINDF, POOL_BIGRAM_MINDF = 30.0, 3, 8
NYT_LAMBDA, NYT_MINDF = 100.0, 2
PRUNE = 0.05
# toward() before the clause model (ridge over the sentence's words and VADER positions), NewsMTSC dev
PREVIOUS_TOWARD_DEV = 0.5895
SRC_POOL = "pool"  # VADER paper movie/Amazon/tweet snippets + NewsMTSC train sentences (see the lexicon README)
SRC_NYT = "nyt_dev"  # VADER paper NYT editorial snippets, dev part (see the lexicon README)
SRC_MTSC = "newsmtsc_train"  # NewsMTSC train, real-world split (see the lexicon README)


# ------------------------------------------------------------------------------------- data
def tsv(name):
    with open(os.path.join(EVAL, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def jsonl(name):
    with open(os.path.join(EVAL, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def bag(text):
    """The terms the shipped word table is keyed by (stems, not_-scoped, bigrams)."""
    return sentiment.terms(text)


def keep_pool_terms(docs):
    """Pool vocabulary: unigram terms in >= POOL_MINDF texts, bigrams in >= POOL_BIGRAM_MINDF."""
    df = Counter(w for d in docs for w in d)
    keep = {w for w, c in df.items() if c >= (POOL_BIGRAM_MINDF if " " in w else POOL_MINDF)}
    return [d & keep for d in docs]


def base(texts):
    return np.c_[scores._features(texts, {})[:6]]


# ----------------------------------------------------------------------------------- fitting
def vocab(docs, mindf):
    df = Counter(w for d in docs for w in d)
    return {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= mindf))}


def matrix(docs, voc):
    m = np.zeros((len(docs), len(voc)), dtype=np.float32)
    for j, d in enumerate(docs):
        for w in d:
            i = voc.get(w)
            if i is not None:
                m[j, i] = 1.0
    return m


def ridge_words(docs, target, lam, mindf) -> dict:
    """Ridge regression (no intercept; ``target`` centred by the caller) of ``target`` on word
    presence; returns ``{word: weight}``. Primal or dual form, whichever is smaller."""
    voc = vocab(docs, mindf)
    if not voc:
        return {}
    m = matrix(docs, voc)
    t = np.asarray(target, dtype=np.float64)
    if len(docs) <= len(voc):
        k = (m @ m.T).astype(np.float64)
        k[np.diag_indices_from(k)] += lam
        beta = m.T.astype(np.float64) @ np.linalg.solve(k, t)
    else:
        g = (m.T @ m).astype(np.float64)
        g[np.diag_indices_from(g)] += lam
        beta = np.linalg.solve(g, m.T.astype(np.float64) @ t)
    return {w: float(beta[i]) for w, i in voc.items()}


def lexsum(docs, lex):
    return np.array([sum(lex.get(w, 0.0) for w in d) for d in docs])


def ols(x, y):
    a = np.c_[np.ones(len(x)), x]
    return np.linalg.lstsq(a, y, rcond=None)[0]


def pearson(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def macro_f1(gold, pred, weight=None):
    gold, pred = np.asarray(gold), np.asarray(pred)
    w = np.ones(len(gold)) if weight is None else np.asarray(weight, dtype=float)
    out = []
    for c in sorted(set(gold.tolist())):
        tp = np.sum(w * ((gold == c) & (pred == c)))
        fp = np.sum(w * ((gold != c) & (pred == c)))
        fn = np.sum(w * ((gold == c) & (pred != c)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(out))


def class_f1(gold, pred, c):
    gold, pred = np.asarray(gold), np.asarray(pred)
    tp, fp, fn = np.sum((gold == c) & (pred == c)), np.sum((gold != c) & (pred == c)), np.sum((gold == c) & (pred != c))
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def label(x, lo=-0.05, hi=0.05):
    x = np.asarray(x)
    return np.where(x > hi, 1, np.where(x < lo, -1, 0))


# -------------------------------------------------------------------------------- the score
class ScoreData:
    def __init__(self):
        t0 = time.perf_counter()
        nyt = tsv("nyt_dev.tsv")
        self.nyt_text = [r["text"] for r in nyt]
        self.y = np.array([float(r["human"]) for r in nyt])
        self.groups = np.array([r["id"].split("_")[0] for r in nyt])
        self.docs = [bag(t) for t in self.nyt_text]
        self.base = base(self.nyt_text)
        pool_docs, pool_y = [], []
        for name in ("movieReviewSnippets.tsv", "amazonReviewSnippets.tsv", "tweets.tsv"):
            rows = tsv(name)
            ys = np.array([float(r["human"]) for r in rows])
            pool_docs += [bag(r["text"]) for r in rows]
            pool_y += list(ys - ys.mean())
        agg = defaultdict(list)
        for it in jsonl("newsmtsc_train.jsonl"):
            agg[it["sentence"]].append(it["polarity"])
        ys = np.array([2.0 * np.mean(v) for v in agg.values()])
        pool_docs += [bag(s) for s in agg]
        pool_y += list(ys - ys.mean())
        self.pool = ridge_words(keep_pool_terms(pool_docs), pool_y, POOL_LAMBDA, POOL_MINDF)
        self.pool_n = len(pool_docs)
        self.pool_sum = lexsum(self.docs, self.pool)
        print(f"  score data: NYT {len(self.y)}, word pool {self.pool_n} texts -> {len(self.pool)} words "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)

    def fit(self, idx, nyt_words=True, pool=True):
        """Combination weights (5 base + pool coefficient) and the word table, from NYT rows ``idx``."""
        x = np.c_[self.base[idx], self.pool_sum[idx]] if pool else self.base[idx]
        w = ols(x, self.y[idx])
        words = {k: w[-1] * v for k, v in self.pool.items()} if pool else {}
        if nyt_words:
            res = self.y[idx] - np.c_[np.ones(len(idx)), x] @ w
            for k, v in ridge_words([self.docs[i] for i in idx], res, NYT_LAMBDA, NYT_MINDF).items():
                words[k] = words.get(k, 0.0) + v
        words = {k: v for k, v in words.items() if abs(v) >= PRUNE}
        return w[1:7], words

    def predict(self, idx, coef, words):
        return self.base[idx] @ coef + lexsum([self.docs[i] for i in idx], words)

    def cv(self, grouped=True, k=10, reps=5, **kw):
        rs = []
        units = np.unique(self.groups) if grouped else np.arange(len(self.y))
        for rep in range(reps):
            perm = np.random.RandomState(rep).permutation(units)
            fold_of = {u: i % k for i, u in enumerate(perm)}
            fold = np.array([fold_of[g] for g in self.groups]) if grouped else np.array([fold_of[i] for i in range(len(self.y))])
            pred = np.zeros(len(self.y))
            for f in range(k):
                tr, te = np.where(fold != f)[0], np.where(fold == f)[0]
                coef, words = self.fit(tr, **kw)
                pred[te] = self.predict(te, coef, words)
            rs.append(pearson(pred, self.y))
        return round(float(np.mean(rs)), 4), round(float(np.std(rs)), 4)


def write_score(coef, words, d: ScoreData):
    names = list(sentiment.SENTENCE_FEATURES)
    rows = [("score", n, f"{c:.6f}", "least-squares coefficient on NYT dev human means ([-4, 4] scale)", SRC_NYT)
            for n, c in zip(names, coef)]
    rows.append(("score", "words", "1", "the word table's weights are on the human scale already", "scripts/eval_sentiment.py"))
    rows.append(("score", "scale", "4", "human ratings run from -4 to 4: score = model / 4, clipped to [-1, 1]",
                 "Hutto & Gilbert 2014 rating scale"))
    return rows


def write_words(path, words, src_fn):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["word", "weight", "rationale", "source"])
        for k in sorted(words, key=lambda k: (-abs(words[k]), k)):
            rationale, source = src_fn(k)
            w.writerow([k, f"{words[k]:.4f}", rationale, source])


# ------------------------------------------------------------------------------ evaluation
def window_vader(item, n=8):
    text = sentiment.normalise(item["sentence"])
    toks = resources.words(text)
    inside = [i for i, (a, b, _) in enumerate(toks) if a < item["end"] and b > item["start"]]
    if not inside:
        return resources.vader().polarity_scores(text)["compound"]
    lo, hi = max(0, inside[0] - n), min(len(toks) - 1, inside[-1] + n)
    return resources.vader().polarity_scores(text[toks[lo][0]:toks[hi][1]])["compound"]


def shipped_figures():
    from textblob import TextBlob

    out = {}
    nyt = tsv("nyt_dev.tsv")
    texts, human = [r["text"] for r in nyt], np.array([float(r["human"]) for r in nyt])
    df = sentiment.score_sentences(texts)
    same = all(abs(TextBlob(sentiment.normalise(t)).sentiment.polarity - p) < 1e-12 and
               abs(TextBlob(sentiment.normalise(t)).sentiment.subjectivity - s) < 1e-12
               for t, p, s in zip(texts, df.textblob, df.subjectivity))
    raw = np.array([resources.vader().polarity_scores(t)["compound"] for t in texts])
    out["nyt_dev"] = {
        "n": len(texts),
        "r_vader": round(pearson(df.vader, human), 4),
        "r_vader_raw_text": round(pearson(raw, human), 4),
        "r_textblob": round(pearson(df.textblob, human), 4),
        "r_sum": round(pearson(df.vader + df.textblob, human), 4),
        "r_score_in_sample": round(pearson(df.score, human), 4),
        "textblob_identical_to_TextBlob_sentiment": bool(same),
    }
    dev = jsonl("newsmtsc_dev.jsonl")
    gold = [i["polarity"] for i in dev]
    tw = [sentiment.toward(i["sentence"], i["start"], i["end"]) for i in dev]
    whole = [resources.vader().polarity_scores(sentiment.normalise(i["sentence"]))["compound"] for i in dev]
    out["newsmtsc_dev"] = {
        "n": len(dev),
        "macro_f1_toward": round(macro_f1(gold, label(tw)), 4),
        "macro_f1_vader_sentence": round(macro_f1(gold, label(whole)), 4),
        "macro_f1_vader_8_words": round(macro_f1(gold, label([window_vader(i) for i in dev])), 4),
        "macro_f1_all_neutral": round(macro_f1(gold, [0] * len(gold)), 4),
        "per_class_f1_toward": {str(c): round(class_f1(gold, label(tw), c), 4) for c in (-1, 0, 1)},
        "macro_f1_previous_model": PREVIOUS_TOWARD_DEV,
    }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="store_true", help="refit and write the data files in data/lexicons/")
    ap.add_argument("--write", action="store_true", help="write data/validation/sentiment.json")
    ap.add_argument("--quick", action="store_true", help="skip the cross-validation")
    args = ap.parse_args()
    report = {"command": "scripts/eval_sentiment.py" + (" --write" if args.write else "")}
    if not args.quick or args.fit:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        sd = ScoreData()
        if not args.quick:
            t0 = time.perf_counter()
            cvs = {}
            for name, kw in (("base_features", dict(nyt_words=False, pool=False)),
                             ("base_features_plus_pool_words", dict(nyt_words=False, pool=True)),
                             ("full", dict(nyt_words=True, pool=True))):
                cvs[name] = {"by_article": sd.cv(grouped=True, **kw), "random": sd.cv(grouped=False, **kw)}
                print(f"  NYT CV r, {name}: by article {cvs[name]['by_article']}, random {cvs[name]['random']} (mean, sd over 5 reps)", flush=True)
            report["nyt_cv"] = cvs
            report["nyt_cv"]["note"] = ("Pearson r of cross-validated predictions with the human means, 10 folds, "
                                        "mean (sd) over 5 repetitions; the whole fit re-runs in each fold")
            print(f"  ({time.perf_counter() - t0:.0f} s)")
        if not args.quick:
            import train_toward

            t0 = time.perf_counter()
            td = train_toward.Data(jsonl("newsmtsc_train.jsonl"))
            report["newsmtsc_train_cv"] = {"full": train_toward.cv(td),
                                           "note": "macro-F1 of toward(), 5 folds by sentence, the whole fit (offsets by "
                                                   "an inner 3-fold CV) re-run in each; rw_weighted: classes weighted to "
                                                   "the real-world shares (scripts/train_toward.py)"}
            print(f"  NewsMTSC train CV macro-F1: {report['newsmtsc_train_cv']} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if args.fit:
            coef, words = sd.fit(np.arange(len(sd.y)))
            rows = write_score(coef, words, sd)
            with open(os.path.join(LEX, "sentiment_weights.csv"), "w", encoding="utf-8", newline="") as f:
                cw = csv.writer(f, lineterminator="\n")
                cw.writerow(["model", "feature", "weight", "rationale", "source"])
                cw.writerows(rows)
            nyt_only = set(vocab(sd.docs, NYT_MINDF))

            def src_score(k):
                if k in sd.pool and k in nyt_only:
                    return "pool ridge x coefficient + NYT residual ridge", SRC_POOL + "+" + SRC_NYT
                if k in sd.pool:
                    return "pool ridge x coefficient", SRC_POOL
                return "NYT residual ridge", SRC_NYT

            write_words(os.path.join(LEX, "sentiment_words.csv"), words, src_score)
            print(f"  wrote sentiment_weights.csv, sentiment_words.csv ({len(words)} words); toward: scripts/train_toward.py")
            report["fit"] = {"score_words": len(words)}
    figs = shipped_figures()
    report.update(figs)
    print(json.dumps(figs, indent=1))
    if args.write:
        os.makedirs(os.path.dirname(VALIDATION), exist_ok=True)
        old = {}
        if os.path.exists(VALIDATION):
            with open(VALIDATION, encoding="utf-8") as f:
                old = json.load(f)
        old = {k: v for k, v in old.items() if k == "speed"}  # the benchmark's figures stay
        old.update(report)
        with open(VALIDATION, "w", encoding="utf-8") as f:
            json.dump(old, f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", VALIDATION)


if __name__ == "__main__":
    main()
