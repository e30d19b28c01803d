"""Corpus benchmark: the full analysis over a synthetic corpus, (a) sequentially, (b) with Dask on
all local cores, (c) bare nltk VADER over the same sentences, and peak memory for N and 2N articles.

    .venv/bin/python bench/bench_corpus.py            # 2,000 articles (a few minutes on 2 cores)
    .venv/bin/python bench/bench_corpus.py --n 500    # quicker

(a), (b) and (c) run in one subprocess, taking turns over four slices of the corpus (a-b-c, b-c-a,
c-a-b, a-b-c) so that other processes on the machine, and changes in the host's speed, slow all
three alike (the sentences (c) scores are split beforehand, untimed); peak memory is measured by two more
sequential runs in their own subprocesses, on n/4 and n/2 articles (``ru_maxrss``). The synthetic
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

# (a), (b) and (c) take turns slice by slice (the order rotates), so that load from other processes
# and changes in the host's speed hit all three alike
CHILD_AB = r"""
import json, resource, sys, time
from analysis import corpus, resources
slices, sentence_files, out, workers = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
vader = resources.nltk_vader()  # nltk's class as it ships (the analysis uses resources.vader())
vader.polarity_scores("warm up")
runs = {"sequential": [], "processes": [], "vader": []}
order = ("sequential", "processes", "vader")
for i, (path, sfile) in enumerate(zip(slices, sentence_files)):
    sents = json.load(open(sfile, encoding="utf-8"))
    for kind in order[i % 3:] + order[:i % 3]:
        t0, c0 = time.perf_counter(), time.process_time()
        if kind == "vader":
            for s in sents:
                vader.polarity_scores(s)
            runs[kind].append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "sentences": len(sents)})
            continue
        s = corpus.run_corpus(path, f"{out}/{kind}-{i}", scheduler=kind, workers=workers or None, progress=False)
        runs[kind].append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "summary": s})
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"runs": runs, "cpu_children": kids.ru_utime + kids.ru_stime, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_children_mb": kids.ru_maxrss / 1024}))
"""


def run_child(inp: Path, out: Path, scheduler: str, workers: int = 0) -> dict:
    return _child([CHILD, str(inp), str(out), scheduler, str(workers)])


def run_interleaved(slices: list[Path], sentence_files: list[Path], out: Path, workers: int = 0) -> dict:
    return _child([CHILD_AB, json.dumps([str(p) for p in slices]), json.dumps([str(p) for p in sentence_files]), str(out),
                   str(workers)])


def _child(args: list[str]) -> dict:
    p = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    if p.returncode:
        raise SystemExit(f"benchmark child failed: {p.stderr[-2000:]}")
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
    ap.add_argument("--write", metavar="PATH", help="also write the figures as JSON to PATH (for the README)")
    args = ap.parse_args(argv)

    from analysis import corpus

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load_before = os.getloadavg()
    workers = args.workers or cores
    cap_before = parallel_capacity(workers)
    n, k = args.n, 4
    quarter, half = n // 4, n // 2
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        tmp = Path(tmp)
        recs = list(corpus.synthetic_records(n, seed=0))
        slices = [corpus.write_jsonl(recs[i * n // k:(i + 1) * n // k], tmp / f"slice-{i}.jsonl") for i in range(k)]
        del recs

        sentence_files = []
        for i, sl in enumerate(slices):  # the slices' sentences, split before any timing
            sentence_files.append(tmp / f"sentences-{i}.json")
            sentence_files[-1].write_text(json.dumps(sentences_of(sl)), encoding="utf-8")
        ab = run_interleaved(slices, sentence_files, tmp / "ab", args.workers)
        mem_n = run_child(corpus.write_jsonl(corpus.synthetic_records(quarter, seed=0), tmp / "mem-n.jsonl"), tmp / "mem-n", "sequential")
        mem_2n = run_child(corpus.write_jsonl(corpus.synthetic_records(half, seed=0), tmp / "mem-2n.jsonl"), tmp / "mem-2n", "sequential")

        n_sents = sum(r["sentences"] for r in ab["runs"]["vader"])
        v_wall, v_cpu = sum(r["wall"] for r in ab["runs"]["vader"]), sum(r["cpu"] for r in ab["runs"]["vader"])
        same = all(corpus.read_table(tmp / "ab" / f"sequential-{i}", t).sort_values(["article_id"], kind="stable").reset_index(drop=True)
                   .equals(corpus.read_table(tmp / "ab" / f"processes-{i}", t).sort_values(["article_id"], kind="stable").reset_index(drop=True))
                   for i in range(k) for t in ("articles", "utterances", "frame_hits", "loaded_hits"))
    load_after = os.getloadavg()
    cap_after = parallel_capacity(workers)

    seq_runs, dask_runs = ab["runs"]["sequential"], ab["runs"]["processes"]
    seq = {"wall": sum(r["wall"] for r in seq_runs), "cpu_self": sum(r["cpu"] for r in seq_runs)}
    dask = {"wall": sum(r["wall"] for r in dask_runs), "cpu": sum(r["cpu"] for r in dask_runs) + ab["cpu_children"]}
    s_sum, d_sum = seq_runs[0]["summary"], dask_runs[0]["summary"]
    steps: dict = {}
    for r in seq_runs:
        for key, v in r["summary"]["seconds_by_step"].items():
            steps[key] = steps.get(key, 0.0) + v
    costs = {key: 1000 * v / n for key, v in steps.items()}
    seq_rate, dask_rate, v_rate = n / seq["wall"], n / dask["wall"], n / v_wall
    per_core_ratio = (seq["cpu_self"] / n) / (v_cpu / n)
    wall_ratio = seq["wall"] / v_wall
    speedup = seq["wall"] / dask["wall"]
    rss_ratio = mem_2n["rss_mb"] / mem_n["rss_mb"]
    ok = lambda b: "MET" if b else "NOT MET"
    lines = [
        "=" * 78,
        f"corpus benchmark: {n} synthetic articles ({n_sents} sentences, {n_sents / n:.1f} per article), "
        f"{cores} cores, analyses: {', '.join(s_sum['modules'])}",
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; cores free for {workers} busy processes: "
        f"{cap_before:.2f} before, {cap_after:.2f} after (a pure-Python probe; {workers}.00 = idle machine)",
        "-" * 78,
        f"(a), (b) and (c) take turns over {k} slices of {n // k} articles (a-b-c, b-c-a, c-a-b, a-b-c)",
        f"(a) sequential         {seq['wall']:7.1f} s wall {seq['cpu_self']:7.1f} s CPU  {seq_rate:7.1f} articles/s  "
        f"({1000 * seq['cpu_self'] / n:.1f} ms CPU/article)",
        f"(b) Dask, {d_sum['workers']} processes   {dask['wall']:7.1f} s wall {dask['cpu']:7.1f} s CPU  "
        f"{dask_rate:7.1f} articles/s  (scheduler {d_sum['scheduler']})",
        f"(c) bare VADER         {v_wall:7.1f} s wall {v_cpu:7.1f} s CPU  {v_rate:7.1f} articles/s  "
        f"({1e6 * v_cpu / n_sents:.0f} us/sentence)",
        "-" * 78,
        f"full analysis / bare VADER, per core (CPU): {per_core_ratio:5.2f}x   (wall {wall_ratio:.2f}x)   target <= 3x: {ok(per_core_ratio <= 3)}",
        f"Dask / sequential speed-up on {d_sum['workers']} cores:  {speedup:5.2f}x   target >= 1.6x on 2 cores: {ok(speedup >= 1.6)}",
        f"peak RSS sequential: {mem_n['rss_mb']:.0f} MB for {quarter} articles, {mem_2n['rss_mb']:.0f} MB for {half} "
        f"(x{rss_ratio:.2f})   flat (<= 1.10x): {ok(rss_ratio <= 1.10)}",
        f"peak RSS of the (a)/(b) process: {ab['rss_mb']:.0f} MB; largest Dask worker {ab['rss_children_mb']:.0f} MB",
        f"Dask rows equal to sequential rows (articles, utterances, frame and loaded-term hits): {same}",
        "-" * 78,
        "ms per article by step, sequential runs (summary['seconds_by_step']; work shared between analyses",
        "is counted in the first one that needs it, e.g. quotes inside actors or sentiment):",
        *[f"  {k:42s} {v:6.2f} ms" for k, v in costs.items()],
        f"  {'total':42s} {sum(costs.values()):6.2f} ms   (bare VADER on the same sentences: {1000 * v_wall / n:.2f} ms)",
        "=" * 78,
    ]
    print("\n".join(lines))
    if args.write:
        figures = {
            "command": "bench/bench_corpus.py" + (f" --n {n}" if n != 2000 else "") + (f" --workers {args.workers}" if args.workers else ""),
            "articles": n, "sentences": n_sents, "cores": cores, "workers": d_sum["workers"],
            "load_average": [round(load_before[0], 2), round(load_after[0], 2)],
            "cores_free": [round(cap_before, 2), round(cap_after, 2)],
            "sequential": {"wall_s": round(seq["wall"], 2), "cpu_s": round(seq["cpu_self"], 2), "articles_per_s": round(seq_rate, 1)},
            "dask": {"wall_s": round(dask["wall"], 2), "cpu_s": round(dask["cpu"], 2), "articles_per_s": round(dask_rate, 1)},
            "bare_vader": {"wall_s": round(v_wall, 2), "cpu_s": round(v_cpu, 2), "articles_per_s": round(v_rate, 1),
                           "us_per_sentence": round(1e6 * v_cpu / n_sents, 1)},
            "ratio_per_core_cpu": round(per_core_ratio, 2), "ratio_wall": round(wall_ratio, 2), "dask_speedup": round(speedup, 2),
            "peak_rss_mb": {str(quarter): round(mem_n["rss_mb"]), str(half): round(mem_2n["rss_mb"]), "ratio": round(rss_ratio, 2)},
            "dask_rows_equal": bool(same), "ms_per_article_by_step": {k: round(v, 2) for k, v in costs.items()},
        }
        Path(args.write).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        print("wrote", args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
