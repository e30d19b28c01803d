"""Benchmark: loaded-term finding over 10,000 sentences against a plain tokenise-and-count pass.

    .venv/bin/python bench/bench_loaded.py [--n 10000] [--repeat 3]

Sentences: the PTC train sentences in ../shared/eval/loaded when that folder is there (benchmarks,
like scripts, may read it; the product never does), else the bundled article's sentences repeated.
Both passes run in the same process on the same sentences; each is run once to warm up (the
lexicon is compiled and cached; ``re`` compiles its patterns) and then timed best-of-``repeat``.

* baseline: ``collections.Counter(token for _, _, token in resources.words(s))`` per sentence;
* ``find_terms_many(sentences)``: the batch call (one DataFrame for all sentences);
* ``find_terms(s)`` per sentence (one DataFrame per call; pandas construction dominates);
* ``scan(s)`` per sentence: the matching core without DataFrames.

The figure that counts is batch / baseline (issue 7: within 2x).
"""
from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import lexicons, load_article, loaded, resources  # noqa: E402

PTC = ROOT.parent / "shared" / "eval" / "loaded" / "train_sentences.tsv"


def sentences(n: int) -> tuple[list[str], str]:
    if PTC.is_file():
        csv.field_size_limit(10**9)
        with open(PTC, encoding="utf-8") as f:
            rows = [r["sentence"] for r in csv.DictReader(f, delimiter="\t")]
        return rows[:n], f"PTC train sentences ({PTC.parent.name})"
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
    args = ap.parse_args(argv)
    sents, what = sentences(args.n)
    lex = loaded.lexicon()

    def baseline():
        return [collections.Counter(tok for _, _, tok in resources.words(s)) for s in sents]

    def batch():
        return loaded.find_terms_many(sents)

    def per_call():
        return [loaded.find_terms(s) for s in sents]

    def core():
        return [loaded.scan(s, lex) for s in sents]

    t0 = time.perf_counter()
    cold = loaded.compile_lexicon(lexicons.load(loaded.LEXICON))
    t_compile = time.perf_counter() - t0
    t_cold = time.perf_counter()
    loaded.find_terms_many(sents, cold)
    t_cold = time.perf_counter() - t_cold

    tb, tm, tc, tp = best(baseline, args.repeat), best(batch, args.repeat), best(core, args.repeat), best(per_call, 1)
    n = len(sents)
    out = {"sentences": n, "source": what, "baseline_s": round(tb, 4), "find_terms_many_s": round(tm, 4),
           "scan_s": round(tc, 4), "find_terms_per_call_s": round(tp, 4), "ratio": round(tm / tb, 2),
           "cold_compile_s": round(t_compile, 3), "cold_first_pass_s": round(t_cold, 3)}
    print(f"{n:,} sentences ({what})")
    print(f"  tokenise-and-count (resources.words + Counter): {tb:.3f} s  ({tb / n * 1e6:.1f} us/sentence)")
    print(f"  loaded.find_terms_many (batch, one DataFrame):   {tm:.3f} s  ({tm / n * 1e6:.1f} us/sentence)")
    print(f"  loaded.scan per sentence (core, no DataFrame):   {tc:.3f} s  ({tc / n * 1e6:.1f} us/sentence)")
    print(f"  loaded.find_terms per sentence (DataFrame each): {tp:.3f} s  ({tp / n * 1e6:.1f} us/sentence)")
    print(f"  cold: compiling the lexicon {t_compile:.3f} s; first batch pass with an empty cache {t_cold:.3f} s")
    print(f"ratio find_terms_many / tokenise-and-count: {tm / tb:.2f} (target <= 2)")
    return out


if __name__ == "__main__":
    main()
