"""Corpus benchmark: the full analysis over a synthetic corpus, (a) sequentially, (b) with Dask on
all local cores, (c) bare nltk VADER over the same sentences, and peak memory for N and 2N articles.

    .venv/bin/python bench/bench_corpus.py            # 2,000 articles (a few minutes on 2 cores)
    .venv/bin/python bench/bench_corpus.py --n 500    # quicker

(a), (b) and (c) run in one subprocess, taking turns over four slices of the corpus (a-b-c, b-c-a,
c-a-b, a-b-c) so that other processes on the machine, and changes in the host's speed, slow all
three alike (the sentences (c) scores are split beforehand, untimed); peak memory is measured by two
more sequential runs in their own subprocesses, on n/4 and n/2 articles (``ru_maxrss``). The synthetic
corpus is the bundled article's paragraphs shuffled and recombined (``corpus.synthetic_records``,
seed 0), written as JSON Lines. Targets: full analysis <= 3x bare VADER per core; Dask on
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
slices, sentence_files = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out, workers = sys.argv[3], int(sys.argv[4])
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
            runs[kind].append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                               "sentences": len(sents)})
            continue
        s = corpus.run_corpus(path, f"{out}/{kind}-{i}", scheduler=kind, workers=workers or None, progress=False)
        runs[kind].append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "summary": s})
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"runs": runs, "cpu_children": kids.ru_utime + kids.ru_stime,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_children_mb": kids.ru_maxrss / 1024}))
"""


def run_child(inp: Path, out: Path, scheduler: str, workers: int = 0) -> dict:
    return _child([CHILD, str(inp), str(out), scheduler, str(workers)])


def run_interleaved(slices: list[Path], sentence_files: list[Path], out: Path, workers: int = 0) -> dict:
    return _child([CHILD_AB, json.dumps([str(p) for p in slices]), json.dumps([str(p) for p in sentence_files]),
                   str(out), str(workers)])


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


def _measure(n: int, k: int, workers: int) -> dict:
    """Run (a), (b) and (c) interleaved over ``k`` slices of ``n`` synthetic articles, and the two
    memory runs; ``workers`` 0 means all cores. Returns the children's figures and whether the Dask
    rows equal the sequential ones."""
    from analysis import corpus

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
        ab = run_interleaved(slices, sentence_files, tmp / "ab", workers)
        mem_n = run_child(corpus.write_jsonl(corpus.synthetic_records(quarter, seed=0), tmp / "mem-n.jsonl"),
                          tmp / "mem-n", "sequential")
        mem_2n = run_child(corpus.write_jsonl(corpus.synthetic_records(half, seed=0), tmp / "mem-2n.jsonl"),
                           tmp / "mem-2n", "sequential")

        def rows(kind: str, i: int, table: str):
            t = corpus.read_table(tmp / "ab" / f"{kind}-{i}", table)
            return t.sort_values(["article_id"], kind="stable").reset_index(drop=True)

        same = all(rows("sequential", i, t).equals(rows("processes", i, t))
                   for i in range(k) for t in ("articles", "utterances", "frame_hits", "loaded_hits"))
    return {"ab": ab, "mem_n": mem_n, "mem_2n": mem_2n, "same": same}


def _figures(n: int, m: dict) -> dict:
    """The benchmark's figures from the measured runs ``m`` (:func:`_measure`)."""
    ab, vader = m["ab"], m["ab"]["runs"]["vader"]
    seq_runs, dask_runs = ab["runs"]["sequential"], ab["runs"]["processes"]
    f = {"n_sents": sum(r["sentences"] for r in vader),
         "v_wall": sum(r["wall"] for r in vader), "v_cpu": sum(r["cpu"] for r in vader),
         "seq": {"wall": sum(r["wall"] for r in seq_runs), "cpu_self": sum(r["cpu"] for r in seq_runs)},
         "dask": {"wall": sum(r["wall"] for r in dask_runs),
                  "cpu": sum(r["cpu"] for r in dask_runs) + ab["cpu_children"]},
         "s_sum": seq_runs[0]["summary"], "d_sum": dask_runs[0]["summary"]}
    steps: dict = {}
    for r in seq_runs:
        for key, v in r["summary"]["seconds_by_step"].items():
            steps[key] = steps.get(key, 0.0) + v
    f["costs"] = {key: 1000 * v / n for key, v in steps.items()}
    f["seq_rate"], f["dask_rate"], f["v_rate"] = n / f["seq"]["wall"], n / f["dask"]["wall"], n / f["v_wall"]
    f["per_core_ratio"] = (f["seq"]["cpu_self"] / n) / (f["v_cpu"] / n)
    f["wall_ratio"] = f["seq"]["wall"] / f["v_wall"]
    f["speedup"] = f["seq"]["wall"] / f["dask"]["wall"]
    f["rss_ratio"] = m["mem_2n"]["rss_mb"] / m["mem_n"]["rss_mb"]
    return f


def _ok(met: bool) -> str:
    return "MET" if met else "NOT MET"


def _report(n: int, k: int, cores: int, workers: int, machine: dict, m: dict, f: dict) -> list[str]:
    """The summary block printed at the end."""
    seq, dask, d_sum, n_sents = f["seq"], f["dask"], f["d_sum"], f["n_sents"]
    v_wall, v_cpu, costs = f["v_wall"], f["v_cpu"], f["costs"]
    ab, mem_n, mem_2n = m["ab"], m["mem_n"], m["mem_2n"]
    return [
        "=" * 78,
        f"corpus benchmark: {n} synthetic articles ({n_sents} sentences, {n_sents / n:.1f} per article), "
        f"{cores} cores, analyses: {', '.join(f['s_sum']['modules'])}",
        f"load average before {machine['load_before'][0]:.2f}, after {machine['load_after'][0]:.2f}; "
        f"cores free for {workers} busy processes: "
        f"{machine['cap_before']:.2f} before, {machine['cap_after']:.2f} after "
        f"(a pure-Python probe; {workers}.00 = idle machine)",
        "-" * 78,
        f"(a), (b) and (c) take turns over {k} slices of {n // k} articles (a-b-c, b-c-a, c-a-b, a-b-c)",
        f"(a) sequential         {seq['wall']:7.1f} s wall {seq['cpu_self']:7.1f} s CPU  "
        f"{f['seq_rate']:7.1f} articles/s  ({1000 * seq['cpu_self'] / n:.1f} ms CPU/article)",
        f"(b) Dask, {d_sum['workers']} processes   {dask['wall']:7.1f} s wall {dask['cpu']:7.1f} s CPU  "
        f"{f['dask_rate']:7.1f} articles/s  (scheduler {d_sum['scheduler']})",
        f"(c) bare VADER         {v_wall:7.1f} s wall {v_cpu:7.1f} s CPU  {f['v_rate']:7.1f} articles/s  "
        f"({1e6 * v_cpu / n_sents:.0f} us/sentence)",
        "-" * 78,
        f"full analysis / bare VADER, per core (CPU): {f['per_core_ratio']:5.2f}x   (wall {f['wall_ratio']:.2f}x)   "
        f"target <= 3x: {_ok(f['per_core_ratio'] <= 3)}",
        f"Dask / sequential speed-up on {d_sum['workers']} cores:  {f['speedup']:5.2f}x   "
        f"target >= 1.6x on 2 cores: {_ok(f['speedup'] >= 1.6)}",
        f"peak RSS sequential: {mem_n['rss_mb']:.0f} MB for {n // 4} articles, {mem_2n['rss_mb']:.0f} MB for {n // 2} "
        f"(x{f['rss_ratio']:.2f})   flat (<= 1.10x): {_ok(f['rss_ratio'] <= 1.10)}",
        f"peak RSS of the (a)/(b) process: {ab['rss_mb']:.0f} MB; largest Dask worker {ab['rss_children_mb']:.0f} MB",
        f"Dask rows equal to sequential rows (articles, utterances, frame and loaded-term hits): {m['same']}",
        "-" * 78,
        "ms per article by step, sequential runs (summary['seconds_by_step']; work shared between analyses",
        "is counted in the first one that needs it, e.g. quotes inside actors or sentiment):",
        *[f"  {key:42s} {v:6.2f} ms" for key, v in costs.items()],
        f"  {'total':42s} {sum(costs.values()):6.2f} ms   "
        f"(bare VADER on the same sentences: {1000 * v_wall / n:.2f} ms)",
        "=" * 78,
    ]


def _json(n: int, cores: int, workers_opt: int, machine: dict, m: dict, f: dict) -> dict:
    """The figures written by ``--write`` (for the README)."""
    seq, dask, v_wall, v_cpu = f["seq"], f["dask"], f["v_wall"], f["v_cpu"]
    return {
        "command": "bench/bench_corpus.py" + (f" --n {n}" if n != 2000 else "")
                   + (f" --workers {workers_opt}" if workers_opt else ""),
        "articles": n, "sentences": f["n_sents"], "cores": cores, "workers": f["d_sum"]["workers"],
        "load_average": [round(machine["load_before"][0], 2), round(machine["load_after"][0], 2)],
        "cores_free": [round(machine["cap_before"], 2), round(machine["cap_after"], 2)],
        "sequential": {"wall_s": round(seq["wall"], 2), "cpu_s": round(seq["cpu_self"], 2),
                       "articles_per_s": round(f["seq_rate"], 1)},
        "dask": {"wall_s": round(dask["wall"], 2), "cpu_s": round(dask["cpu"], 2),
                 "articles_per_s": round(f["dask_rate"], 1)},
        "bare_vader": {"wall_s": round(v_wall, 2), "cpu_s": round(v_cpu, 2), "articles_per_s": round(f["v_rate"], 1),
                       "us_per_sentence": round(1e6 * v_cpu / f["n_sents"], 1)},
        "ratio_per_core_cpu": round(f["per_core_ratio"], 2), "ratio_wall": round(f["wall_ratio"], 2),
        "dask_speedup": round(f["speedup"], 2),
        "peak_rss_mb": {str(n // 4): round(m["mem_n"]["rss_mb"]), str(n // 2): round(m["mem_2n"]["rss_mb"]),
                        "ratio": round(f["rss_ratio"], 2)},
        "dask_rows_equal": bool(m["same"]), "ms_per_article_by_step": {k: round(v, 2) for k, v in f["costs"].items()},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000,
                    help="articles in the corpus (default 2000); memory is also measured at n/2")
    ap.add_argument("--workers", type=int, default=0, help="Dask worker processes (default: all cores)")
    ap.add_argument("--write", metavar="PATH", help="also write the figures as JSON to PATH (for the README)")
    args = ap.parse_args(argv)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = args.workers or cores
    machine = {"load_before": os.getloadavg(), "cap_before": parallel_capacity(workers)}
    n, k = args.n, 4
    m = _measure(n, k, args.workers)
    machine.update(load_after=os.getloadavg(), cap_after=parallel_capacity(workers))
    f = _figures(n, m)
    print("\n".join(_report(n, k, cores, workers, machine, m, f)))
    if args.write:
        Path(args.write).write_text(json.dumps(_json(n, cores, args.workers, machine, m, f), indent=1) + "\n",
                                    encoding="utf-8")
        print("wrote", args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
