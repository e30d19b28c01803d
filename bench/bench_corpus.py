"""Corpus benchmark: the full analysis over a synthetic corpus, (a) sequentially, (b) with Dask on
all local cores, (c) bare nltk VADER over the same sentences, and peak memory for N and 2N articles.

    .venv/bin/python bench/bench_corpus.py            # 2,000 articles (a few minutes on 2 cores)
    .venv/bin/python bench/bench_corpus.py --n 500    # quicker

Each run of ``analysis.corpus.run_corpus`` happens in its own subprocess, so its peak RSS
(``ru_maxrss``) is its own; the Dask run also reports its worker processes' peak. The synthetic
corpus is the bundled article's paragraphs shuffled and recombined (``corpus.synthetic_records``,
seed 0), written as JSON Lines. Targets (issue 9): full analysis <= 3x bare VADER per core; Dask on
2 cores >= 1.6x sequential; peak memory flat as the corpus doubles. Prints one summary block.

Timings on a shared machine are only as good as its idle cores: the load average and a probe of the
cores actually free (the same pure-Python work in 1 and in N processes) are printed before and
after; the Dask speed-up cannot exceed what the probe finds.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from analysis import corpus
inp, out, scheduler, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t0, c0 = time.perf_counter(), time.process_time()
s = corpus.run_corpus(inp, out, scheduler=scheduler, workers=workers or None, progress=False)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
ru_self, ru_kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu_self": cpu, "cpu_children": ru_kids.ru_utime + ru_kids.ru_stime,
                  "rss_mb": ru_self.ru_maxrss / 1024, "rss_children_mb": ru_kids.ru_maxrss / 1024,
                  "summary": s}))
"""


def run_child(inp: Path, out: Path, scheduler: str, workers: int = 0) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, str(inp), str(out), scheduler, str(workers)], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if p.returncode:
        raise SystemExit(f"benchmark child failed ({scheduler}): {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def sentences_of(path: Path) -> list[str]:
    from analysis import corpus

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for d in corpus.iter_docs(path):
            out += corpus.to_article(d).sentences.text.tolist()
    return out


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def parallel_capacity(workers: int, n: int = 3_000_000) -> float:
    """How many cores this machine gives right now: the same pure-Python work done in one process,
    then split over ``workers`` processes; the ratio of the two wall times (~workers when idle)."""
    from concurrent.futures import ProcessPoolExecutor

    t = time.perf_counter()
    _spin(n * workers)
    one = time.perf_counter() - t
    with ProcessPoolExecutor(workers) as ex:
        list(ex.map(_spin, [10] * workers))
        t = time.perf_counter()
        list(ex.map(_spin, [n] * workers))
        many = time.perf_counter() - t
    return one / many


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the corpus (default 2000); memory is also measured at n/2")
    ap.add_argument("--workers", type=int, default=0, help="Dask worker processes (default: all cores)")
    args = ap.parse_args(argv)

    from analysis import corpus, resources

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load_before = os.getloadavg()
    workers = args.workers or cores
    cap_before = parallel_capacity(workers)
    n, half = args.n, args.n // 2
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        tmp = Path(tmp)
        big = corpus.write_jsonl(corpus.synthetic_records(n, seed=0), tmp / f"synthetic-{n}.jsonl")
        small = corpus.write_jsonl(corpus.synthetic_records(half, seed=0), tmp / f"synthetic-{half}.jsonl")

        seq = run_child(big, tmp / "seq", "sequential")
        dask = run_child(big, tmp / "dask", "processes", args.workers)
        seq_half = run_child(small, tmp / "seq-half", "sequential")

        sents = sentences_of(big)
        vader = resources.vader()
        vader.polarity_scores("warm up")
        t0, c0 = time.perf_counter(), time.process_time()
        for s in sents:
            vader.polarity_scores(s)
        v_wall, v_cpu = time.perf_counter() - t0, time.process_time() - c0
        same = all(corpus.read_table(tmp / "seq", t).sort_values(["article_id"], kind="stable").reset_index(drop=True)
                   .equals(corpus.read_table(tmp / "dask", t).sort_values(["article_id"], kind="stable").reset_index(drop=True))
                   for t in ("articles",))
    load_after = os.getloadavg()
    cap_after = parallel_capacity(workers)
    costs = {k: 1000 * v / n for k, v in seq["summary"]["seconds_by_step"].items()}

    s_sum, d_sum = seq["summary"], dask["summary"]
    seq_rate, dask_rate, v_rate = n / seq["wall"], n / dask["wall"], n / v_wall
    per_core_ratio = (seq["cpu_self"] / n) / (v_cpu / n)
    wall_ratio = seq["wall"] / v_wall
    speedup = seq["wall"] / dask["wall"]
    rss_ratio = seq["rss_mb"] / seq_half["rss_mb"]
    ok = lambda b: "MET" if b else "NOT MET"
    lines = [
        "=" * 78,
        f"corpus benchmark: {n} synthetic articles ({len(sents)} sentences, {len(sents) / n:.1f} per article), "
        f"{cores} cores, analyses: {', '.join(s_sum['modules'])}"
        + (f"; skipped: {', '.join(s_sum['modules_skipped'])}" if s_sum["modules_skipped"] else ""),
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; cores free for {workers} busy processes: "
        f"{cap_before:.2f} before, {cap_after:.2f} after (a pure-Python probe; {workers}.00 = idle machine)",
        "-" * 78,
        f"(a) sequential         {seq['wall']:7.1f} s wall {seq['cpu_self']:7.1f} s CPU  {seq_rate:7.1f} articles/s  "
        f"({1000 * seq['cpu_self'] / n:.1f} ms CPU/article)",
        f"(b) Dask, {d_sum['workers']} processes   {dask['wall']:7.1f} s wall {dask['cpu_self'] + dask['cpu_children']:7.1f} s CPU  "
        f"{dask_rate:7.1f} articles/s  (scheduler {d_sum['scheduler']})",
        f"(c) bare VADER         {v_wall:7.1f} s wall {v_cpu:7.1f} s CPU  {v_rate:7.1f} articles/s  "
        f"({1e6 * v_cpu / len(sents):.0f} us/sentence)",
        "-" * 78,
        f"full analysis / bare VADER, per core (CPU): {per_core_ratio:5.2f}x   (wall {wall_ratio:.2f}x)   target <= 3x: {ok(per_core_ratio <= 3)}",
        f"Dask / sequential speed-up on {d_sum['workers']} cores:  {speedup:5.2f}x   target >= 1.6x on 2 cores: {ok(speedup >= 1.6)}",
        f"peak RSS sequential: {seq_half['rss_mb']:.0f} MB for {half} articles, {seq['rss_mb']:.0f} MB for {n} "
        f"(x{rss_ratio:.2f})   flat (<= 1.10x): {ok(rss_ratio <= 1.10)}",
        f"peak RSS Dask run: client {dask['rss_mb']:.0f} MB, largest worker {dask['rss_children_mb']:.0f} MB",
        f"Dask rows equal to sequential rows (articles table): {same}",
        "-" * 78,
        "ms per article by step, sequential run (summary['seconds_by_step']; work shared between analyses",
        "is counted in the first one that needs it, e.g. quotes inside actors or sentiment):",
        *[f"  {k:42s} {v:6.2f} ms" for k, v in costs.items()],
        f"  {'total':42s} {sum(costs.values()):6.2f} ms   (bare VADER on the same sentences: {1000 * v_wall / n:.2f} ms)",
        "=" * 78,
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
