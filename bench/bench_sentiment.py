"""Benchmark: ``sentiment.score_sentences`` over 10,000 sentences against bare nltk VADER.

    .venv/bin/python bench/bench_sentiment.py [--n 10000] [--repeat 3]

Sentences: the NYT dev snippets and then NewsMTSC train sentences from ../shared/eval/sentiment when
that folder is there (benchmarks, like scripts, may read it; the product never does), else the
bundled article's sentences repeated. Both passes run in the same process on the same sentences;
each runs once to warm up (lexicons loaded and cached) and is then timed best-of-``repeat``.

* baseline: ``resources.nltk_vader().polarity_scores(s)`` per sentence (nltk's VADER class as it
  ships, nothing else; ``score_sentences`` uses ``resources.vader()``, nltk's VADER vendored in
  ``analysis/_vendor/vader.py``: the same scores with a faster tokenizer);
* ``score_sentences(sentences)``: normalisation + VADER + TextBlob's pattern lexicon + the learned
  word table + the linear score, one DataFrame for all;
* for the profile: TextBlob through ``TextBlob(s).sentiment`` and through the pattern callable
  ``textblob.en.sentiment`` (what ``PatternAnalyzer`` calls; identical numbers, less overhead).

The figure that counts is score_sentences / VADER (issue 5: within 2x).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_article, resources, sentiment  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "sentiment"


def sentences(n: int) -> tuple[list[str], str]:
    if (EVAL / "nyt_dev.tsv").is_file():
        csv.field_size_limit(10**9)
        with open(EVAL / "nyt_dev.tsv", encoding="utf-8") as f:
            rows = [r["text"] for r in csv.DictReader(f, delimiter="\t")]
        seen = set(rows)
        with open(EVAL / "newsmtsc_train.jsonl", encoding="utf-8") as f:
            for line in f:
                s = json.loads(line)["sentence"]
                if s not in seen:
                    seen.add(s)
                    rows.append(s)
        rows = (rows * (n // max(1, len(rows)) + 1))[:n]
        return rows, "NYT dev snippets + NewsMTSC train sentences (../shared/eval/sentiment)"
    art = load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    base = [art.text[s:e] for s, e in zip(art.sentences.start, art.sentences.end)]
    return (base * (n // len(base) + 1))[:n], "bundled article sentences, repeated"


def best(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="also time TextBlob both ways")
    ap.add_argument("--write", action="store_true", help="store the figures under 'speed' in data/validation/sentiment.json")
    args = ap.parse_args(argv)
    sents, what = sentences(args.n)
    vs = resources.nltk_vader().polarity_scores
    t_vader = best(lambda: [vs(s) for s in sents], args.repeat)
    t_score = best(lambda: sentiment.score_sentences(sents), args.repeat)
    n = len(sents)
    print(f"{n} sentences: {what}")
    print(f"bare nltk VADER          {t_vader:7.3f} s  ({t_vader / n * 1e6:6.1f} us/sentence)")
    print(f"score_sentences          {t_score:7.3f} s  ({t_score / n * 1e6:6.1f} us/sentence)")
    out = {"n": n, "vader_s": t_vader, "score_sentences_s": t_score, "ratio": t_score / t_vader}
    if args.profile:
        from textblob import TextBlob

        from analysis.sentiment import scores

        pat = scores._pattern()
        norm = [sentiment.normalise(s) for s in sents]
        t_tb = best(lambda: [TextBlob(s).sentiment for s in norm], 1)
        t_pat = best(lambda: [pat(s) for s in norm], 1)
        print(f"  TextBlob(s).sentiment  {t_tb:7.3f} s  ({t_tb / n * 1e6:6.1f} us/sentence)")
        print(f"  textblob.en.sentiment  {t_pat:7.3f} s  ({t_pat / n * 1e6:6.1f} us/sentence)")
        out.update(textblob_s=t_tb, pattern_s=t_pat)
    print(f"ratio score_sentences / VADER: {out['ratio']:.2f}x (target <= 2x)")
    if args.write:
        path = ROOT / "data" / "validation" / "sentiment.json"
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data["speed"] = {"command": "bench/bench_sentiment.py --write", "sentences": what,
                         **{k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}}
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", path)
    return out


if __name__ == "__main__":
    main()
