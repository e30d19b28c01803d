"""How ``sentiment.tables`` scales with the length of an article: synthetic articles of the given
sizes in MB (the bundled article's paragraphs repeated), the quotes and actors analyses it reads
run first and timed apart.

    .venv/bin/python bench/bench_sentiment_size.py 0.125 0.5      # a 4x larger input: < ~10x the time
"""
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import analysis  # noqa: E402
from analysis import actors, quotes, sentiment  # noqa: E402


def article_of(mb: float, paras: list) -> analysis.Article:
    parts, n, i = [], 0, 0
    while n < mb * 1e6:
        p = paras[i % len(paras)]
        parts.append(p)
        n += len(p) + 1
        i += 1
    return analysis.Article.from_text("\n".join(parts))


def main() -> None:
    warnings.simplefilter("ignore")
    base = (ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt").read_text(encoding="utf-8")
    paras = [p for p in base.split("\n") if p.strip()]
    for mb in [float(x) for x in sys.argv[1:]]:
        a = article_of(mb, paras)
        t0 = time.perf_counter()
        quotes.quote_columns(a)
        actors.find_mentions(a)
        t1 = time.perf_counter()
        tabs = sentiment.tables(a)
        t2 = time.perf_counter()
        print(f"{mb:5.2f} MB: quotes+actors {t1 - t0:6.1f} s, sentiment.tables {t2 - t1:6.1f} s "
              f"({len(tabs['utterances'])} units, {len(tabs['toward_mentions'])} mentions)", flush=True)


if __name__ == "__main__":
    main()
