"""Corpus storage: the analysed records of a partition as Arrow tables (one per corpus table, plus
``errors``), written as Parquet parts and published, in input order, as one dataset per table
(``<table>/part-NNNNN.parquet``); and reading them back.

Column types are normalised so that parts concatenate: strings, ``int64``, ``float64``, ``bool``;
lists and dicts become JSON strings. A record whose tables cannot be stored (a value Arrow cannot
hold) becomes an error row of stage ``store``; the other records of its partition are stored.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .analyse import Result, _nrows
from .inputs import META, _clean_str

# Parquet's default codec, readable everywhere: cheaper to write than zstd, at the price of larger files
PARQUET_COMPRESSION = "snappy"
ERROR_COLUMNS = ("source", "stage", "error", "reason")


@dataclass
class Packed:
    """A partition of results as Arrow tables, ready to write. Pickled as Arrow IPC streams
    (cheaper than pickling the tables, both ways) on its way from a worker."""

    tables: dict
    n_ok: int = 0
    n_failed: int = 0
    seconds: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # table -> (Parquet part written by the task or None, schema, rows)
    stages: list = field(default_factory=list)  # the failed stage of each error row

    def __getstate__(self):
        import pyarrow as pa

        blobs = {}
        for name, t in self.tables.items():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, t.schema) as w:
                w.write_table(t)
            blobs[name] = sink.getvalue()
        return {"ipc": blobs, "n_ok": self.n_ok, "n_failed": self.n_failed, "seconds": self.seconds,
                "files": self.files, "stages": self.stages}

    def __setstate__(self, state):
        import pyarrow as pa

        self.tables = {name: pa.ipc.open_stream(buf).read_all() for name, buf in state["ipc"].items()}
        self.n_ok, self.n_failed, self.seconds = state["n_ok"], state["n_failed"], state.get("seconds", {})
        self.files, self.stages = state.get("files", {}), state.get("stages", [])

# ------------------------------------------------------------------------ tables as Arrow
def _json_default(v):
    if hasattr(v, "tolist"):
        return v.tolist()
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    return str(v)


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


_INT = frozenset({int})


def _arrow_values(vals: list):
    """A list of Python values as an Arrow array: bool, int64, float64 when every value is one,
    else strings (lists, tuples, sets and dicts as JSON); all missing -> a null column."""
    import pyarrow as pa

    exact = set(map(type, vals))  # fast paths: one plain Python type (and None), no per-value checks
    exact.discard(type(None))
    if len(exact) == 1:
        kind = exact.pop()
        if kind is str:
            return pa.array(vals, pa.string())
        if kind is int:
            return pa.array(vals, pa.int64())
        if kind is bool:
            return pa.array(vals, pa.bool_())
        if kind is float:
            arr = pa.array(vals, pa.float64(), from_pandas=True)  # NaN -> null
            return arr if arr.null_count < len(arr) else pa.nulls(len(vals))
    kinds = {type(v) for v in vals if not _missing(v)}
    if not kinds:
        return pa.nulls(len(vals))
    if kinds <= {str}:
        return pa.array([None if _missing(v) else v for v in vals], pa.string())
    if kinds <= {bool, np.bool_}:
        return pa.array([None if _missing(v) else bool(v) for v in vals], pa.bool_())
    if all(issubclass(k, (int, np.integer)) and not issubclass(k, (bool, np.bool_)) for k in kinds):
        return pa.array([None if _missing(v) else int(v) for v in vals], pa.int64())
    if all(issubclass(k, (int, float, np.integer, np.floating)) and not issubclass(k, (bool, np.bool_)) for k in kinds):
        return pa.array([None if _missing(v) else float(v) for v in vals], pa.float64())
    out = []
    for v in vals:
        if _missing(v):
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        elif type(v) is list and _INT.issuperset(map(type, v)):  # offsets: repr is json.dumps' text for plain ints
            out.append(repr(v))
        elif isinstance(v, (list, tuple, dict, set, frozenset, np.ndarray)):
            out.append(json.dumps(v, ensure_ascii=False, default=_json_default, sort_keys=isinstance(v, dict)))
        else:
            out.append(str(v.item() if hasattr(v, "item") else v))
    return pa.array(out, pa.string())


def _arrow_column(s: pd.Series):
    """A pandas column as an Arrow array of a normalised type (string, int64, float64, bool)."""
    import pyarrow as pa

    dt = s.dtype
    if pd.api.types.is_bool_dtype(dt):
        return pa.array(s.to_numpy(dtype=bool), pa.bool_()) if not s.isna().any() else _arrow_values(s.tolist())
    if pd.api.types.is_integer_dtype(dt):
        return pa.array(s.to_numpy(dtype=np.int64), pa.int64()) if not s.isna().any() else _arrow_values(s.tolist())
    if pd.api.types.is_float_dtype(dt):
        return pa.array(s.to_numpy(dtype=np.float64, na_value=np.nan), pa.float64(), from_pandas=True)
    if isinstance(dt, pd.StringDtype):
        return pa.array(s, from_pandas=True).cast(pa.string()) if len(s) else pa.array([], pa.string())
    if isinstance(dt, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dt):
        return pa.array([None if pd.isna(x) else x.isoformat() for x in s], pa.string())
    return _arrow_values(s.tolist())


def _to_arrow(table, meta_cols: dict):
    """A DataFrame or a dict of column lists, with the metadata columns first, as an Arrow table."""
    import pyarrow as pa

    arrays, names = [], []
    for k, col in meta_cols.items():
        arrays.append(pa.array(col, pa.string()))
        names.append(k)
    items = table.items() if isinstance(table, dict) else ((c, table[c]) for c in table.columns)
    for c, col in items:
        name = str(c)
        if name in meta_cols:
            name = f"{name}_"
        arrays.append(_arrow_values(col) if isinstance(col, list) else _arrow_column(col))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


ERROR_COLUMNS = ("source", "stage", "error", "reason")


def pack(results: Iterable[Result]) -> list[Packed]:
    """A partition of :class:`Result` as one Arrow table per corpus table (plus ``errors``); used
    with ``bag.map_partitions`` so that the conversion runs on the workers. A record whose tables
    cannot be converted becomes an error row (stage ``store``) instead of failing the partition."""
    t0 = time.perf_counter()
    results = list(results)
    t1 = time.perf_counter()
    seconds: dict = {}
    for r in results:
        for k, v in r.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
    ok = [r for r in results if r.tables is not None]
    errors = [r for r in results if r.tables is None]
    try:
        out = _pack_tables(ok, errors)
    except Exception:  # find the record at fault by storing each alone
        good = []
        for r in ok:
            try:
                _pack_tables([r], [])
            except Exception as e:
                errors.append(Result(r.id, r.meta, r.source, stage="store", error=type(e).__name__,
                                     reason=" ".join(str(e).split())[:500] or type(e).__name__))
            else:
                good.append(r)
        ok = good
        out = _pack_tables(ok, errors)
    # the analyses ran while the partition was consumed (t0..t1): time not in a step is "other"
    seconds["other"] = max(0.0, (t1 - t0) - sum(seconds.values()))
    seconds["pack"] = time.perf_counter() - t1
    return [Packed(out, len(ok), len(errors), seconds, stages=[r.stage for r in errors])]


def _pack_tables(ok: list[Result], errors: list[Result]) -> dict:
    import pyarrow as pa

    items: dict[str, list] = {}
    for r in ok:
        for name, t in r.tables.items():
            items.setdefault(name, []).append((r, t))
    out = {}
    for name, pairs in items.items():
        meta = {k: [] for k in META}
        for r, t in pairs:
            n = _nrows(t)
            if n:
                vals = (r.id, r.meta.get("outlet", ""), r.meta.get("date", ""), r.meta.get("title", ""),
                        r.meta.get("url", ""))
                for k, v in zip(META, vals):
                    meta[k].extend([v] * n)
        out[name] = _to_arrow(_concat([t for _, t in pairs]), meta)
    err = {k: [] for k in META + ERROR_COLUMNS}
    for r in errors:
        for k, v in zip(META + ERROR_COLUMNS, (r.id, r.meta.get("outlet", ""), r.meta.get("date", ""),
                                                r.meta.get("title", ""), r.meta.get("url", ""), r.source, r.stage,
                                                r.error, r.reason)):
            err[k].append(_clean_str(v))
    out["errors"] = pa.table({k: pa.array(v, pa.string()) for k, v in err.items()})
    return out


def _concat(tables: list):
    """The rows of several articles' tables (column dicts or DataFrames) as one table."""
    rows = [t for t in tables if _nrows(t)]  # an article without rows may give a typed empty DataFrame
    if rows and all(isinstance(t, dict) for t in rows):
        keys = list(dict.fromkeys(k for t in rows for k in t))
        df = {k: [] for k in keys}
        for t in rows:
            n = _nrows(t)
            for k in keys:
                df[k].extend(t.get(k, [None] * n))
        return df
    frames = [pd.DataFrame(t) if isinstance(t, dict) else t for t in tables]
    nonempty = [d for d in frames if len(d)]
    if len(nonempty) > 1:
        return pd.concat(nonempty, ignore_index=True)
    return (nonempty[0] if nonempty else frames[0]).reset_index(drop=True)


def pack_parts(results, folder=None, keep=None) -> list[Packed]:
    """:func:`pack`, then (with a ``folder``) :func:`write_parts`: the task of a Dask partition."""
    out = pack(results)
    return [write_parts(p, folder, keep) for p in out] if folder is not None else out


def write_parts(p: Packed, folder, keep=None) -> Packed:
    """Write the tables of ``p`` as Parquet files named ``<random>-<table>.parquet`` in ``folder``
    (tables not in ``keep`` and tables without rows are not written); ``p.files`` then names them
    with their schema and rows, and ``p.tables`` is emptied (what goes back to the writer is small)."""
    import pyarrow.parquet as pq

    t = time.perf_counter()
    tag = uuid.uuid4().hex[:12]
    for name, table in p.tables.items():
        if keep is not None and name not in keep and name != "errors":
            continue
        path = None
        if table.num_rows:
            path = os.path.join(folder, f"{tag}-{name}.parquet")
            pq.write_table(table, path, compression=PARQUET_COMPRESSION)
        p.files[name] = (path, table.schema, table.num_rows)
    p.tables = {}
    p.seconds["write"] = p.seconds.get("write", 0.0) + time.perf_counter() - t
    return p


GC_GEN0 = 10_000  # allocations between young-generation collections while a partition is analysed

class Writer:
    """Parquet datasets published part by part (files written by the tasks into ``incoming``, moved
    to ``<table>/part-NNNNN.parquet`` in input order), with one schema per table (the first one seen
    with rows); a later part with other column types is conformed to it (missing columns as nulls,
    types cast) and rewritten."""

    def __init__(self, folder: Path, keep: set | None = None):
        self.folder = folder
        self.incoming = folder / ".incoming"
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.keep = keep
        self.schemas: dict = {}
        self.empty: dict = {}
        self.rows: dict = {}
        self.parts: dict = {}
        self.dropped: dict = {}

    def _conform(self, name, table):
        import pyarrow as pa

        schema = self.schemas[name]
        if table.schema.equals(schema):
            return table
        extra = [c for c in table.column_names if c not in schema.names]
        if extra:
            self.dropped.setdefault(name, set()).update(extra)
        cols = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(len(table), f.type)
                for f in schema]
        return pa.Table.from_arrays(cols, schema=schema)

    def _promote(self, name, other) -> None:
        """Widen the table's schema where a part with schema ``other`` needs it (int -> float,
        anything -> string), rewriting the parts already written."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = self.schemas[name]
        if other.equals(schema):
            return
        fields, changed = [], False
        for f in schema:
            t = other.field(f.name).type if f.name in other.names else f.type
            u = _unify(f.type, t)
            changed |= u != f.type
            fields.append(pa.field(f.name, u))
        if not changed:
            return
        self.schemas[name] = new = pa.schema(fields)
        for k in range(self.parts.get(name, 0)):
            path = self.folder / name / f"part-{k:05d}.parquet"
            pq.write_table(pq.read_table(path).cast(new), path, compression=PARQUET_COMPRESSION)

    def add(self, name: str, path, schema, rows: int) -> None:
        """Publish one part written by a task (``path``; ``None`` when the table had no rows)."""
        import pyarrow.parquet as pq

        if (self.keep is not None and name not in self.keep and name != "errors") or not rows:
            if not rows and name not in self.schemas:
                self.empty.setdefault(name, schema)
            if path:
                os.remove(path)
            return
        if name not in self.schemas:
            self.schemas[name] = schema  # null-typed columns widen when values come
        self._promote(name, schema)
        k = self.parts.get(name, 0)
        target = self.folder / name / f"part-{k:05d}.parquet"
        if not k:
            target.parent.mkdir(parents=True, exist_ok=True)
        if schema.equals(self.schemas[name]):
            os.replace(path, target)
        else:
            pq.write_table(self._conform(name, pq.read_table(path)), target, compression=PARQUET_COMPRESSION)
            os.remove(path)
        self.parts[name] = k + 1
        self.rows[name] = self.rows.get(name, 0) + rows

    def finish(self) -> None:
        """Tables that never had a row get one empty part with their columns."""
        import pyarrow.parquet as pq

        shutil.rmtree(self.incoming, ignore_errors=True)
        for name, schema in self.empty.items():
            if name not in self.schemas:
                path = self.folder / name / "part-00000.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(schema.empty_table(), path, compression=PARQUET_COMPRESSION)
                self.rows[name] = 0


def _unify(a, b):
    """The narrowest common type of two Arrow column types (numbers widen, the rest become strings)."""
    import pyarrow as pa

    if a == b or pa.types.is_null(b):
        return a
    if pa.types.is_null(a):
        return b
    numeric = (pa.types.is_integer, pa.types.is_floating, pa.types.is_boolean)
    if any(f(a) for f in numeric) and any(f(b) for f in numeric):
        return pa.float64() if pa.types.is_floating(a) or pa.types.is_floating(b) else pa.int64()
    return pa.string()


def read_table(out_dir, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One corpus table as a DataFrame, rows in input order (an empty frame if the run did not
    write that table: ``run_corpus(..., tables=...)`` kept only others)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(out_dir) / name
    parts = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    if not parts:
        return pd.DataFrame(columns=columns or [])
    tables = [pq.read_table(p, columns=columns) for p in parts]
    return pa.concat_tables(tables, promote_options="permissive").to_pandas()


def read_summary(out_dir) -> dict:
    """The ``summary.json`` of a corpus run."""
    return json.loads((Path(out_dir) / "summary.json").read_text(encoding="utf-8"))

