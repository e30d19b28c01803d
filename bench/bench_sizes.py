"""Time and memory as an article grows: ``quotes``, ``sentiment`` and ``summary`` on 0.5, 1, 2 and 4 MB.

    .venv/bin/python bench/bench_sizes.py                       # every subcommand, every size
    .venv/bin/python bench/bench_sizes.py --sizes 0.5 1 --subcommands quotes --timeout 120
    .venv/bin/python bench/bench_sizes.py --profile summary --sizes 1   # where the time goes

Each run is the command line as a user runs it (``python -m analysis SUB FILE --format json``,
output to a file), in its own process: wall seconds, seconds per MB, and the process's peak
resident memory (``wait4``'s ``ru_maxrss``). The text is made of the bundled article's paragraphs,
shuffled and recombined into articles (``corpus.synthetic_records``) and joined up to the size,
so it reads like news, not like one paragraph repeated. Printed: a table, and per subcommand the
ratio of the time at the largest size to the time at the smallest (for 4 MB / 0.5 MB a linear
analysis gives 8; the target is at most 10). A run over ``--timeout`` seconds is stopped and shown
as such. The input limit (``analysis.article.MAX_BYTES``, 2 MB) is the size at which every
subcommand stays within 60 s and 1 GB on 2 cores: ``--sizes 2``. Sizes above the limit are written
with the limit lifted in the child process (it sets ``MAX_BYTES`` before calling the command
line's ``main``), so the growth can be seen.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBCOMMANDS = ("quotes", "sentiment", "summary")
SIZES_MB = (0.5, 1.0, 2.0, 4.0)


def make_text(n_bytes: int, seed: int = 0) -> str:
    """News-like text of about ``n_bytes`` UTF-8 bytes (never more)."""
    from analysis import corpus

    parts, size, i = [], 0, 0
    while size < n_bytes:
        for rec in corpus.synthetic_records(50, seed=seed + i):
            for para in rec["text"].split("\n\n"):
                chunk = para.strip() + "\n\n"
                b = len(chunk.encode("utf-8"))
                if size + b > n_bytes:
                    return "".join(parts)
                parts.append(chunk)
                size += b
        i += 1
    return "".join(parts)


def run_one(sub: str, path: Path, out: Path, timeout: float) -> dict:
    """One command-line run in a child process: seconds, peak RSS in MB, exit status."""
    args = [sub, str(path), "--format", "json", "--out", str(out)]
    child = ("import sys, analysis.article as a; a.MAX_BYTES = max(a.MAX_BYTES, int(sys.argv[1])); "
             "from analysis.cli import main; sys.exit(main(sys.argv[2:]))")
    cmd = [sys.executable, "-c", child, str(path.stat().st_size * 2), *args]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            os.killpg(p.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(p.pid, 0)
            return {"seconds": None, "rss_mb": round(usage.ru_maxrss / 1024), "status": "timeout"}
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace").strip().splitlines()
    p.stderr.close()
    return {"seconds": round(seconds, 2), "rss_mb": round(usage.ru_maxrss / 1024),
            "status": "ok" if p.returncode == 0 else f"exit {p.returncode}: {err[-1][:120] if err else ''}"}


def profile(sub: str, path: Path, top: int = 25) -> None:
    """cProfile of one subcommand in this process (the functions with the most cumulative time)."""
    import cProfile
    import pstats

    from analysis import cli

    prof = cProfile.Profile()
    with tempfile.TemporaryDirectory() as d:
        prof.enable()
        cli.main([sub, str(path), "--format", "json", "--out", str(Path(d) / "out.json")])
        prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=list(SIZES_MB), help="sizes in MB (default 0.5 1 2 4)")
    ap.add_argument("--subcommands", nargs="+", default=list(SUBCOMMANDS), choices=SUBCOMMANDS + ("frames", "loaded"))
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped (default 600)")
    ap.add_argument("--profile", metavar="SUB", help="profile SUB on the first size instead of timing")
    ap.add_argument("--write", metavar="PATH", help="also write the figures as JSON to PATH")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        files = {}
        for mb in args.sizes:
            f = Path(d) / f"article-{mb:g}MB.txt"
            f.write_text(make_text(int(mb * 1_000_000)), encoding="utf-8")
            files[mb] = f
        if args.profile:
            profile(args.profile, files[args.sizes[0]])
            return
        results: dict = {}
        print(f"{'subcommand':<10} {'MB':>5} {'seconds':>8} {'s/MB':>7} {'peak RSS MB':>12}  status", flush=True)
        for sub in args.subcommands:
            for mb, f in files.items():
                r = run_one(sub, f, Path(d) / "out.json", args.timeout)
                r["mb"] = round(f.stat().st_size / 1e6, 3)
                results.setdefault(sub, []).append(r)
                per = f"{r['seconds'] / r['mb']:.2f}" if r["seconds"] is not None else "-"
                print(f"{sub:<10} {r['mb']:>5.2f} {r['seconds'] if r['seconds'] is not None else '-':>8} {per:>7} "
                      f"{r['rss_mb']:>12}  {r['status']}", flush=True)
    print()
    for sub, rs in results.items():
        a, b = rs[0], rs[-1]
        if len(rs) > 1 and a["seconds"] and b["seconds"]:
            ratio = b["seconds"] / a["seconds"]
            print(f"{sub}: {b['mb']:g} MB / {a['mb']:g} MB time ratio {ratio:.1f} "
                  f"(linear {b['mb'] / a['mb']:.0f}; target <= {1.25 * b['mb'] / a['mb']:.0f})")
        elif len(rs) > 1:
            print(f"{sub}: ratio not measured (a run timed out or failed)")
    if args.write:
        Path(args.write).write_text(json.dumps({"command": "bench/bench_sizes.py", "sizes_mb": args.sizes,
                                                "timeout_s": args.timeout, "runs": results}, indent=1) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main()
