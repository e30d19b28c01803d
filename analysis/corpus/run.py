"""Corpus runs: the stream of records cut into chunks, each chunk analysed by a scheduler
(in this process, local worker processes, or a Dask cluster), the results published table by table
into the output folder, and the run summary.

Scheduling: each chunk becomes a ``dask.bag`` whose partitions are analysed in parallel
(``bag.map(analyse_one).map_partitions(pack_parts)``). On local processes each task also writes its
partition's Parquet parts into the run's temporary folder and returns only their names and schemas;
this process then publishes them in input order (a rename; a part is rewritten only when its column
types must be conformed). On a cluster, whose workers may not share this disk, the tables come back
as Arrow IPC and are written here. The last chunk is cut into ever smaller partitions, so that the
cores finish together. ``scheduler="processes"`` (default) uses all local cores through one process
pool kept warm across chunks (its workers exit when this process dies, even by ``kill -9``);
``"sequential"`` runs in this process; any other value is a Dask scheduler address
(``tcp://host:8786``) or a ``distributed.Client``. Small inputs (a few dozen articles) run in-process,
where starting workers would cost more than it saves.

The output folder is written as a whole (:func:`analysis.fileio.output_folder`): built beside
``out_dir`` and swapped in at the end, locked against a second run, never holding a mix of two runs.
"""
from __future__ import annotations

import gc
import json
import math
import os
import re
import sys
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ArticleError
from ..fileio import atomic_write, exit_with_parent, output_folder
from ..lexicons import run_reads
from .analyse import TABLES, analyse_one, describe_steps, plan, warm
from .inputs import META, Doc, open_input
from .store import ERROR_COLUMNS, PARQUET_COMPRESSION, Writer, pack_parts, write_parts

SMALL_INPUT = 24        # up to this many articles run in-process even with scheduler="processes"
PARTITION_SIZE = 48     # articles per Dask partition (one task; each writes ~13 Parquet parts)
PARTS_PER_WORKER = 2    # partitions per worker in one chunk (two chunks are in flight: four per worker queued)
MIN_PARTITION = 4       # the smallest partition of the last chunk (partitions shrink there: no long tail)
GC_GEN0 = 10_000        # allocations between young-generation collections while a partition is analysed
# names a corpus output folder holds, each replaced by a new run: the tables, summary.json, the parts being
# published (.incoming) and stale staging folders (.partial-*)
_OWNED = re.compile(r"(?:%s|summary\.json|\.partial-.*|\.incoming)$" % "|".join(TABLES))


def owned_name(name: str) -> bool:
    """True for the names a corpus run writes in its output folder.

    >>> owned_name("utterances"), owned_name("summary.json"), owned_name("notes.txt")
    (True, True, False)
    """
    return bool(_OWNED.match(name))


@contextmanager
def lean_gc():
    """Cheaper garbage collection for a corpus run: a collection of the young generations, then
    the objects alive (lexicons, compiled patterns, caches: long-lived; older garbage, if any, until
    the run ends) are frozen out of the collector's sweeps (``gc.freeze``), and the young
    generation is collected every 10,000 allocations instead of 700.
    An analysed article leaves no reference cycle behind (its analyses hold it weakly), so it is
    freed as soon as it goes and collections are rare; when one runs (cycles made elsewhere, e.g.
    by pandas), it does not re-traverse the long-lived heap. Worker processes forked inside
    inherit it. Restored on exit.

    >>> import gc
    >>> before = gc.get_threshold()
    >>> with lean_gc():
    ...     gc.get_threshold()[0] >= 10_000
    True
    >>> gc.get_threshold() == before
    True
    """
    old = gc.get_threshold()
    gc.collect(1)  # recent garbage is not frozen (a full collection would re-traverse the whole heap)
    gc.freeze()
    gc.set_threshold(max(old[0], GC_GEN0), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


# ------------------------------------------------------------------------------ scheduling
def _worker_start(steps: tuple) -> None:
    """A worker process's start: exit with the parent; load lexicons and patterns."""
    exit_with_parent()
    warm(steps)


def _analyse_partition(docs, steps, folder=None, keep=None):
    return pack_parts((analyse_one(d, steps) for d in docs), folder, keep)


class _Sequential:
    name = "sequential"
    workers = 1
    inflight = 0
    local = True  # tasks write their Parquet parts into ``folder`` themselves
    folder = keep = None

    def __init__(self, steps):
        self.steps = steps

    def submit(self, chunk, last=False):
        return chunk

    def result(self, chunk):
        return _analyse_partition(chunk, self.steps, self.folder, self.keep)

    def close(self):
        pass


def _partitions(n: int, workers: int) -> int:
    return max(1, min(math.ceil(n / 2), max(workers * PARTS_PER_WORKER, math.ceil(n / PARTITION_SIZE))))


def _partition_sizes(n: int, workers: int, last: bool = False) -> list[int]:
    """Articles per partition of a chunk of ``n``: equal partitions (:func:`_partitions`), or for
    the last chunk of the run shrinking ones (guided self-scheduling: each takes 1/(2 x workers) of
    what is left, between :data:`MIN_PARTITION` and :data:`PARTITION_SIZE` articles), so that no
    core is left with a long partition while the others are idle at the end.

    >>> _partition_sizes(192, 2), _partition_sizes(10, 2)
    ([48, 48, 48, 48], [3, 3, 3, 1])
    >>> _partition_sizes(60, 2, last=True)
    [15, 12, 9, 6, 5, 4, 4, 4, 1]
    """
    if not last:
        k = _partitions(n, workers)
        size = math.ceil(n / k)
        return [min(size, n - i) for i in range(0, n, size)]
    sizes, left = [], n
    while left > 0:
        s = min(left, max(MIN_PARTITION, min(PARTITION_SIZE, math.ceil(left / (2 * workers)))))
        sizes.append(s)
        left -= s
    return sizes


def _first_item(xs):
    return xs[:1]


@lru_cache(maxsize=64)
def _start_ranks(k: int) -> tuple:
    """For each partition of a :func:`_bag` of ``k`` partitions, its rank in the order Dask's
    scheduler starts them (``dask.order`` on the optimised graph: it does not follow the partition
    numbers), so that the last chunk's shrinking partitions can be laid out largest-first. The order
    depends only on the graph's shape, found here on a bag of the same shape.

    >>> sorted(_start_ranks(11)) == list(range(11))
    True
    """
    import dask
    import dask.bag as db
    from dask.order import order

    bag = db.from_sequence([[0]] * k, npartitions=k).flatten().map(abs).map_partitions(_first_item)
    try:
        (opt,) = dask.optimize(bag)
        graph = dict(opt.__dask_graph__())
        prio = order(graph)
        first: dict = {}
        for key, p in prio.items():
            if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], int) and 0 <= key[1] < k:
                first[key[1]] = min(p, first.get(key[1], p))
        if sorted(first) != list(range(k)):
            return tuple(range(k))
        starts = sorted(range(k), key=first.__getitem__)
        ranks = [0] * k
        for r, i in enumerate(starts):
            ranks[i] = r
        return tuple(ranks)
    except Exception:  # another Dask: partition order
        return tuple(range(k))


def _bag(chunk, steps, workers, last=False, folder=None, keep=None):
    """The Dask bag of one chunk: ``analyse_one`` over every record, ``pack`` (and, for local
    workers, :func:`~analysis.corpus.store.write_parts`) per partition."""
    import dask.bag as db

    sizes = _partition_sizes(len(chunk), workers, last)
    if last and len(set(sizes)) > 1:  # the largest partition first: Dask starts them in its own order
        ranks = _start_ranks(len(sizes))
        sizes = [sizes[r] for r in ranks]
    groups, i = [], 0
    for s in sizes:
        groups.append(chunk[i:i + s])
        i += s
    # one group per partition (partitions of unequal size), flattened into the records
    bag = db.from_sequence(groups, npartitions=len(groups)).flatten()
    return bag.map(analyse_one, steps=steps).map_partitions(pack_parts, folder=folder, keep=keep)


class _QueueAhead:
    """An executor facade for Dask's multiprocessing scheduler: the real pool's ``submit`` with a
    ``_max_workers`` as large as the number of tasks to queue."""

    def __init__(self, pool, depth: int):
        self.pool, self._max_workers = pool, max(1, depth)

    def submit(self, fn, *args, **kwargs):
        return self.pool.submit(fn, *args, **kwargs)


class _LocalProcesses:
    """Dask's multiprocessing scheduler over one process pool kept for the whole run; the next
    chunk is computed (in a helper thread) while the previous one is written."""

    name = "processes"
    inflight = 2  # chunks computing at once: the next one starts while the last tasks of this one run
    local = True
    folder = keep = None

    def __init__(self, steps, workers):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

        self.steps, self.workers = steps, workers
        # imported here, before the workers fork, rather than by each worker on its first task
        import dask.bag  # noqa: F401
        import dask.multiprocessing  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else "spawn"
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method), initializer=_worker_start,
                                        initargs=(steps,))
        list(self.pool.map(int, range(workers)))  # start every worker now, before any thread exists
        self.thread = ThreadPoolExecutor(self.inflight)

    def _compute(self, chunk, last=False):
        import dask

        bag = _bag(chunk, self.steps, self.workers, last, self.folder, self.keep)
        # Dask submits at most one task per worker it knows of and waits for one to finish before
        # the next: tell it the pool is as wide as the chunk, so every partition is queued at once
        # and an idle worker takes the next one without a round trip (like pool.map)
        return dask.compute(bag, scheduler="processes", pool=_QueueAhead(self.pool, bag.npartitions), chunksize=1)[0]

    def submit(self, chunk, last=False):
        return self.thread.submit(self._compute, chunk, last)

    def result(self, handle):
        return handle.result()

    def close(self):
        self.thread.shutdown(wait=True)
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Distributed:
    """A Dask cluster: ``distributed.Client(address)`` (or a client given by the caller)."""

    inflight = 2
    local = False  # the workers may not share this disk: tables come back as Arrow, written here
    folder = keep = None

    def __init__(self, steps, scheduler):
        from distributed import Client

        self.steps = steps
        if isinstance(scheduler, str):
            try:
                self.client, self.own = Client(scheduler, timeout="20s", set_as_default=False), True
            except (OSError, TimeoutError) as e:
                raise ArticleError(f"cannot reach the Dask scheduler at {scheduler} "
                                   f"({' '.join(str(e).split())[:200]})") from None
        else:
            self.client, self.own = scheduler, False
        self.name = f"dask {self.client.scheduler.address}"
        self.workers = max(1, sum(self.client.nthreads().values()))

    def submit(self, chunk, last=False):
        return self.client.compute(_bag(chunk, self.steps, self.workers, last))

    def result(self, future):
        return future.result()

    def close(self):
        if self.own:
            self.client.close()


def _chunks(docs: Iterator[Doc], size: int) -> Iterator[tuple[list, bool]]:
    """``(chunk, last)``: the records in chunks of ``size``, one chunk read ahead so that the last
    one is known as such."""
    ahead, chunk = None, []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            if ahead is not None:
                yield ahead, False
            ahead, chunk = chunk, []
    if ahead is not None:
        yield ahead, not chunk
    if chunk:
        yield chunk, True


def _dedupe(docs: Iterator[Doc]) -> Iterator[Doc]:
    seen = set()
    for d in docs:
        if d.id in seen:
            d.error = d.error or (f"{d.source}: duplicate article id {d.id!r} (an earlier record has it); "
                                  "ids must be unique")
            d.id = f"{d.id}#dup@{d.source}"
        seen.add(d.id)
        yield d


# -------------------------------------------------------------------------------- the run
def run_corpus(input, out_dir, workers: int | None = None, scheduler="processes", progress: bool = True,
               *, chunk_size: int | None = None, tables: Iterable[str] | None = None) -> dict:
    """Analyse every article of ``input`` into Parquet tables under ``out_dir`` (``None``: a new
    temporary folder); returns (and writes to ``out_dir/summary.json``) the run summary: ``out``
    (the folder), ``articles_read``, ``analysed``, ``failed``, ``seconds``, ``articles_per_second``,
    ``tables`` (rows per table), ``errors_by_stage``, ``scheduler``, ``workers``, ``modules``
    (analyses run) and ``steps``.

    ``workers``: processes for the local scheduler (default: all cores). ``scheduler``:
    ``"processes"``, ``"sequential"``, a Dask scheduler address or a ``distributed.Client``.
    ``tables``: keep only these tables (``errors`` is always written).

    Bad input or a bad ``out_dir`` raises :class:`~analysis.errors.ArticleError` before any
    article is analysed; an analysis that fails on a short test article raises
    :class:`~analysis.errors.AnalysisFailed`. ``out_dir`` is replaced as a whole at the end (see
    :func:`analysis.fileio.output_folder`): a new or empty folder, or one a corpus run wrote.
    """
    t0 = time.perf_counter()
    inp = open_input(input)
    if isinstance(scheduler, str) and scheduler not in _LOCAL + _IN_PROCESS \
            and not re.match(r"^[a-z]+://|^[\w.\-]+:\d+$", scheduler):
        raise ArticleError(f"unknown scheduler {scheduler!r}: use 'processes', 'sequential' or a Dask scheduler "
                           "address such as tcp://host:8786")
    steps = plan()  # raises if an analysis fails on a test article: none is skipped
    if out_dir is None or str(out_dir) == "":
        import tempfile

        out_dir = tempfile.mkdtemp(prefix="corpus-")
    out = Path(out_dir)
    keep = set(tables) if tables is not None else None
    n_cpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = max(1, int(workers)) if workers else n_cpu
    with output_folder(out, reads=run_reads(inp.path), owned=owned_name, kind="corpus") as folder:
        run = _run(inp, folder, steps, workers, scheduler, progress, chunk_size, keep)
        summary = {
            "input": str(input), "out": str(out), "input_kind": inp.kind,
            "articles_read": run["ok"] + run["failed"], "analysed": run["ok"], "failed": run["failed"],
            "seconds": 0.0, "articles_per_second": None,
            "scheduler": run["scheduler"], "workers": run["workers"],
            "modules": list(dict.fromkeys(s.analysis for s in steps)),
            "steps": describe_steps(steps),
            "tables": run["rows"], "errors_by_stage": run["stages"],
            # wall seconds summed over articles, where they ran (in parallel runs the sum exceeds the wall time)
            "seconds_by_step": {k: round(v, 3) for k, v in run["timing"].items()},
            "notes": inp.notes + run["notes"],
        }
        seconds = time.perf_counter() - t0
        summary.update(seconds=round(seconds, 3),
                       articles_per_second=round(summary["articles_read"] / seconds, 2) if seconds else None)
        atomic_write(folder / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    return summary


_IN_PROCESS = ("sequential", "sync", "single-threaded")
_LOCAL = ("processes", "local", "")


def _run(inp, folder: Path, steps, workers, scheduler, progress, chunk_size, keep) -> dict:
    """Analyse the records of ``inp`` into tables under ``folder``; the figures of the run."""
    timing: dict = {}
    docs = _timed(_dedupe(inp.docs()), timing, "read")
    head = []
    for d in docs:
        head.append(d)
        if len(head) > SMALL_INPUT:
            break
    small = len(head) <= SMALL_INPUT
    stream = (d for part in (head, docs) for d in part)
    bar = _progress_bar(inp.total, progress)
    n_ok = n_failed = 0
    stages: dict = {}
    runner = None
    with lean_gc():  # entered before local workers start, so that they inherit it
        try:
            if isinstance(scheduler, str) and scheduler in _IN_PROCESS:
                runner = _Sequential(steps)
            elif isinstance(scheduler, str) and scheduler in _LOCAL:
                runner = _Sequential(steps) if (small or workers == 1) else _LocalProcesses(steps, workers)
            else:
                runner = _Distributed(steps, scheduler)
            size = chunk_size or max(SMALL_INPUT + 1, PARTITION_SIZE if runner.workers == 1
                                     else runner.workers * PARTS_PER_WORKER * PARTITION_SIZE)
            writer = Writer(folder, keep)
            if runner.local:
                runner.folder, runner.keep = str(writer.incoming), keep
            pending: list = []
            for chunk, last in _chunks(stream, size):
                pending.append(runner.submit(chunk, last))
                while len(pending) > runner.inflight:
                    n_ok, n_failed = _collect(runner, pending.pop(0), writer, bar, n_ok, n_failed, stages, timing)
            while pending:
                n_ok, n_failed = _collect(runner, pending.pop(0), writer, bar, n_ok, n_failed, stages, timing)
            writer.finish()
            if "errors" not in writer.rows:
                _empty_errors(folder)
                writer.rows["errors"] = 0
        finally:
            bar.close()
            if runner is not None:
                runner.close()
    in_process = small and isinstance(runner, _Sequential) and scheduler not in _IN_PROCESS
    return {"ok": n_ok, "failed": n_failed, "stages": dict(sorted(stages.items())), "timing": timing,
            "rows": {k: writer.rows[k] for k in sorted(writer.rows)},
            "scheduler": runner.name + (" (small input)" if in_process else ""), "workers": runner.workers,
            "notes": [f"{k}: columns not in the first part were dropped: {', '.join(sorted(v))}"
                      for k, v in writer.dropped.items()]}


def _empty_errors(folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (folder / "errors").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({k: pa.array([], pa.string()) for k in META + ERROR_COLUMNS}),
                   folder / "errors" / "part-00000.parquet", compression=PARQUET_COMPRESSION)


class _NoBar:
    def update(self, n):
        pass

    def set_postfix_str(self, s):
        pass

    def close(self):
        pass


def _progress_bar(total, progress: bool):
    """A tqdm bar (notebook widget or terminal), or nothing: tqdm.auto is imported only when a bar
    is wanted (in a kernel without ipywidgets it warns on import)."""
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="articles", unit="art", leave=False)


def _timed(items: Iterator, timing: dict, key: str) -> Iterator:
    """``items``, adding the time spent producing each one to ``timing[key]``."""
    while True:
        t = time.perf_counter()
        try:
            x = next(items)
        except StopIteration:
            timing[key] = timing.get(key, 0.0) + time.perf_counter() - t
            return
        timing[key] = timing.get(key, 0.0) + time.perf_counter() - t
        yield x


def _collect(runner, handle, writer, bar, n_ok, n_failed, stages, timing):
    packed = runner.result(handle)
    t = time.perf_counter()
    for p in packed:
        if p.tables:  # from a cluster: the Arrow tables came back, written here
            write_parts(p, writer.incoming, writer.keep)
        for k, v in p.seconds.items():
            timing[k] = timing.get(k, 0.0) + v
        for name in sorted(p.files):
            writer.add(name, *p.files[name])
        for s in p.stages:
            stages[s] = stages.get(s, 0) + 1
    timing["publish"] = timing.get("publish", 0.0) + time.perf_counter() - t
    ok = sum(p.n_ok for p in packed)
    bad = sum(p.n_failed for p in packed)
    bar.update(ok + bad)
    if bad or n_failed:
        bar.set_postfix_str(f"{n_failed + bad} failed")
    return n_ok + ok, n_failed + bad


