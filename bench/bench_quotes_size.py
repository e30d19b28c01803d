"""Benchmark: the quotes analysis (every table of ``python -m analysis quotes``, the actors analysis
included) on texts of 0.5, 1, 2 and 4 MB, and on one sentence with 2,000 "said". Time must grow
linearly with the text: the ratio 4 MB / 0.5 MB is 8 for linear time (target: at most 10).

    .venv/bin/python bench/bench_quotes_size.py [--sizes 0.5 1 2 4] [--big 4.9]

The texts are the bundled article's paragraphs drawn at random (fixed seed) with the names of its
people replaced by fresh made-up ones in each paragraph, so that people, surnames and role mentions
grow with the text as they would in a real long text (repeating the article as it is would let the
per-name memos flatter the figures). Time is CPU time (``time.process_time``) of one run per size,
after loading the article (decoding, paragraphs, sentences: not part of the quotes analysis);
``--big`` also times a text of that size. Sizes above the 2 MB input limit
(``analysis.article.MAX_BYTES``) are measured with the limit lifted in this process, to show the
growth; the command line refuses them.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import Article, article, quotes  # noqa: E402

ARTICLE = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
NAMES = ("Lavrov", "Kerry", "Zakharova", "Peskov", "Sergey", "John", "Maria", "Dmitry")
SYLLABLES = ("ka", "lo", "mi", "ren", "tov", "sa", "ber", "dan", "vel", "shi", "mar", "ton")


def synthetic(nbytes: int, seed: int = 1) -> str:
    """About ``nbytes`` of news text: the bundled article's paragraphs with fresh names."""
    rng = random.Random(seed)
    paras = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    out, n = [], 0
    while n < nbytes:
        p = rng.choice(paras)
        for old in NAMES:
            if old in p:
                p = p.replace(old, "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize())
        out.append(p)
        n += len(p) + 2
    return "\n\n".join(out)


def said_sentence(n: int = 2000) -> str:
    """One sentence with ``n`` speech verbs (about 40 characters each)."""
    return "Title\n\n" + " ".join(f"Senator Jim Smith{i % 7} said that the plan is fine," for i in range(n)) + "."


def cpu(text: str) -> tuple[float, int]:
    """CPU seconds of every quotes table of ``text`` (the article loaded first), and the utterances."""
    a = Article.from_text(text, name="bench")
    a.sentences
    t = time.process_time()
    tables = quotes.tables(a)
    return time.process_time() - t, len(tables["utterances"])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4])
    ap.add_argument("--big", type=float, default=0.0, help="also time a text of this many MB")
    args = ap.parse_args(argv)
    article.MAX_BYTES = max(article.MAX_BYTES, int(max(args.sizes + [args.big]) * 2e6))
    cpu(synthetic(50_000))  # warm-up: lexicons read and compiled
    out = {"sizes": {}}
    for mb in args.sizes:
        secs, n = cpu(synthetic(int(mb * 1e6)))
        out["sizes"][mb] = {"seconds": round(secs, 2), "seconds_per_mb": round(secs / mb, 2), "utterances": n}
        print(f"{mb:>4} MB: {secs:6.2f} s CPU, {secs / mb:5.2f} s per MB, {n} utterances", flush=True)
    lo, hi = min(args.sizes), max(args.sizes)
    ratio = out["sizes"][hi]["seconds"] / max(out["sizes"][lo]["seconds"], 1e-9)
    out["ratio"] = round(ratio, 2)
    print(f"ratio {hi} MB / {lo} MB: {ratio:.1f} (linear: {hi / lo:.0f}; target <= 10)")
    secs, n = cpu(said_sentence())
    out["said_sentence"] = {"seconds": round(secs, 2), "utterances": n}
    print(f"one sentence with 2,000 'said' ({len(said_sentence()):,} characters): {secs:.2f} s CPU")
    if args.big:
        secs, n = cpu(synthetic(int(args.big * 1e6)))
        out["big"] = {"mb": args.big, "seconds": round(secs, 2), "utterances": n}
        print(f"{args.big} MB: {secs:.2f} s CPU (target: well under 60 s)")
    return out


if __name__ == "__main__":
    print(json.dumps(main(), indent=1))
