"""Benchmark: the corpus analyses on real news articles against bare nltk VADER on their sentences.

    .venv/bin/python bench/bench_real_articles.py [--repeat 2]

``bench_corpus.py`` measures a synthetic corpus recombined from one article's paragraphs, whose
speakers and sentences recur more than a real corpus's. This one takes articles nobody here wrote:
the PolNeAR dev texts in ../shared/eval/quotes/dev/text and the PTC train articles in
../shared/eval/loaded/articles (benchmarks, like scripts, may read that folder; the product never
does). For each article, in turns: ``corpus.analyse_one`` (every analysis of a corpus run, without
packing and writing Parquet), then nltk's ``SentimentIntensityAnalyzer`` as shipped over the
article's sentences (split beforehand, untimed). CPU time of the last of ``repeat`` passes (the
first warms the lexicons and caches).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import ArticleError, corpus, resources  # noqa: E402
from analysis.article import Article  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
FOLDERS = (EVAL / "quotes" / "dev" / "text", EVAL / "loaded" / "articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    files = [f for d in FOLDERS if d.is_dir() for f in sorted(d.glob("*.txt"))]
    if not files:
        sys.exit(f"no articles found under {EVAL}")
    steps = corpus.plan()  # every analysis, checked and warmed up on a test article
    docs, sentences = [], []
    for f in files:
        text = f.read_text(encoding="utf-8")
        try:
            sentences.append(Article.from_text(text).sentences.text.tolist())
        except ArticleError:
            continue
        docs.append(corpus.Doc(id=f.name, meta={}, source=str(f), text=text))
    vader = resources.nltk_vader().polarity_scores
    with corpus.lean_gc():
        for _ in range(max(1, args.repeat)):
            t_an = t_v = 0.0
            for d, ss in zip(docs, sentences):
                t = time.process_time()
                corpus.analyse_one(d, steps)
                t1 = time.process_time()
                for s in ss:
                    vader(s)
                t2 = time.process_time()
                t_an, t_v = t_an + t1 - t, t_v + t2 - t1
    n, n_s = len(docs), sum(map(len, sentences))
    print(f"{n} real articles ({n_s} sentences): PolNeAR dev texts and PTC train articles")
    print(f"  analyses (corpus.analyse_one, no Parquet)  {t_an / n * 1e3:6.2f} ms CPU per article")
    print(f"  bare nltk VADER over the same sentences     {t_v / n * 1e3:6.2f} ms CPU per article")
    print(f"  ratio: {t_an / t_v:.2f}x (the corpus benchmark's target, with Parquet: <= 3x)")


if __name__ == "__main__":
    main()
