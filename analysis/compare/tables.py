"""The comparison and the version diff as named tidy tables, and their output as JSON, CSV or Parquet.

:func:`compare` returns, in this order (the first is the primary table, the one CSV on stdout):

==================  ==========================================================================
``measures``        every figure per outlet with its 95% interval (:mod:`.measures`)
``differences``     every pairwise difference with its interval and a reading
``keyness``         each outlet's words against the others' (:mod:`.keyness`)
``speakers``        who each outlet quotes, words, share, low-confidence words (:mod:`.naming`)
``labels``          what each outlet calls each actor, one row per label
``naming``          the same side by side: actors × outlets, own voice
``terms``           loaded terms per outlet; ``hedges``: hedges and boosters; ``verbs``:
                    reporting verbs with their stance
``inputs``          each input group: name, where it came from, articles, words
``articles``        each article: group, name, source, date, title, words, paragraphs
``units``           the evidence: one row per item counted, with offsets (:mod:`.units`)
==================  ==========================================================================

Rows that aggregate carry ``evidence``: the first occurrences as ``{article, start, end}``, offsets
into that article's text; ``units`` holds every occurrence with its sentence.
"""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pandas as pd

from ..errors import ArticleError
from . import bootstrap, inputs, keyness, measures, naming, units

FORMATS = ("json", "csv", "parquet")


def _ordered(t: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    if "outlet" not in t or t.empty:
        return t.reset_index(drop=True)
    rank = {o: i for i, o in enumerate(outlets)}
    return t.sort_values("outlet", key=lambda c: c.map(rank), kind="mergesort").reset_index(drop=True)


def _input_tables(groups) -> dict[str, pd.DataFrame]:
    arts, ins = [], []
    for g in groups:
        for a, m in zip(g.articles, g.meta):
            arts.append((g.name, a.name, a.source or "", m.get("date", ""), m.get("title", ""), a.n_words,
                         len(a.paragraphs)))
        ins.append((g.name, g.inputs, len(g.articles), sum(a.n_words for a in g.articles)))
    return {"inputs": pd.DataFrame(ins, columns=["outlet", "inputs", "articles", "words"]),
            "articles": pd.DataFrame(arts, columns=["outlet", "article", "source", "date", "title", "words",
                                                    "paragraphs"])}


def compare_groups(groups, rounds: int = bootstrap.ROUNDS, seed: int = bootstrap.SEED,
                   prior_words: float = keyness.PRIOR_WORDS) -> dict[str, pd.DataFrame]:
    """Every table of the module docstring for groups from :func:`.inputs.read_groups`."""
    outlets = [g.name for g in groups]
    ev = units.group_units(groups)
    u, p = ev["units"], ev["paragraphs"]
    m = measures.measure_tables(u, p, outlets, rounds=rounds, seed=seed)
    lab = naming.labels(u)
    out = {"measures": m["measures"], "differences": m["differences"],
           "keyness": keyness.keyness_table(groups, p, prior_words=prior_words),
           "speakers": naming.speakers(u), "labels": lab, "naming": naming.side_by_side(lab, outlets),
           "terms": naming.terms(u), "hedges": naming.hedges(u), "verbs": naming.verbs(u),
           **_input_tables(groups), "units": u}
    return {k: (v if k in ("measures", "differences", "naming") else _ordered(v, outlets)) for k, v in out.items()}


def compare(paths, by: str = "outlet", **kw) -> dict[str, pd.DataFrame]:
    """Read ``paths`` (files, folders, corpus CSV/JSONL; see :mod:`.inputs`) and compare the groups."""
    return compare_groups(inputs.read_groups(paths, by=by), **kw)


def diff(old_path, new_path) -> dict[str, pd.DataFrame]:
    """:func:`.diff.diff_versions` of two article files."""
    from ..article import load_article
    from .diff import diff_versions

    return diff_versions(load_article(old_path), load_article(new_path))


# ----------------------------------------------------------------------------------- output
def _plain(v):
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item") and not isinstance(v, (str, bytes, list, dict)):
        return _plain(v.item())
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        return _plain(v.tolist())
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as JSON-safe dicts (NaN → null, numpy scalars → Python)."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def to_json(tables: dict[str, pd.DataFrame], head: dict) -> str:
    doc = dict(head)
    doc.update({k: records(v) for k, v in tables.items()})
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts as JSON strings, so that CSV and Parquet cells are scalars."""
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda x: isinstance(x, (list, tuple, dict))).any():
            out[c] = out[c].map(lambda x: json.dumps(_plain(x), ensure_ascii=False))
    return out


def to_csv(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    _flat(df).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def write(tables: dict[str, pd.DataFrame], fmt: str, out_dir, head: dict, stem: str) -> list[Path]:
    """Write ``tables`` into ``out_dir``: one ``<stem>.json``, or one ``<table>.csv`` /
    ``<table>.parquet`` per table (each file written atomically). Returns the paths written."""
    from ..fileio import atomic_write

    if fmt not in FORMATS:
        raise ArticleError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ArticleError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        path = out / f"{stem}.json"
        atomic_write(path, to_json(tables, head))
        return [path]
    written = []
    for name, df in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            atomic_write(path, to_csv(df))
        else:
            buf = io.BytesIO()
            _flat(df).to_parquet(buf, index=False)
            atomic_write(path, buf.getvalue())
        written.append(path)
    return written
