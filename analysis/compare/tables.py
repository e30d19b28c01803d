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
``inputs``          each input group: name, where it came from, articles, words, resampling unit
``articles``        each article: group, name, source, date, title, words, paragraphs, sentences,
                    resampling unit (``paragraph``, or ``sentence`` when it has fewer than three
                    counted paragraphs: :func:`.measures.resampling_units`)
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


def _input_tables(groups, resampled: pd.DataFrame) -> dict[str, pd.DataFrame]:
    unit_of = dict(zip(zip(resampled.outlet, resampled.article), resampled.unit))
    arts, ins = [], []
    for g in groups:
        units = [unit_of.get((g.name, a.name), "paragraph") for a in g.articles]
        for a, m, u in zip(g.articles, g.meta, units):
            arts.append((g.name, a.name, a.source or "", m.get("date", ""), m.get("title", ""), a.n_words,
                         len(a.paragraphs), len(a.sentences), u))
        ins.append((g.name, g.inputs, len(g.articles), sum(a.n_words for a in g.articles), measures.unit_name(units)))
    return {"inputs": pd.DataFrame(ins, columns=["outlet", "inputs", "articles", "words", "unit"]),
            "articles": pd.DataFrame(arts, columns=["outlet", "article", "source", "date", "title", "words",
                                                    "paragraphs", "sentences", "unit"])}


def compare_groups(groups, rounds: int = bootstrap.ROUNDS, seed: int = bootstrap.SEED,
                   prior_words: float = keyness.PRIOR_WORDS) -> dict[str, pd.DataFrame]:
    """Every table of the module docstring for groups from :func:`.inputs.read_groups`."""
    outlets = [g.name for g in groups]
    ev = units.group_units(groups)
    u, p = ev["units"], ev["paragraphs"]
    resampled = measures.resampling_units(p, ev["sentences"])
    m = measures.measure_tables(u, resampled, outlets, rounds=rounds, seed=seed)
    lab = naming.labels(u)
    out = {"measures": m["measures"], "differences": m["differences"],
           "keyness": keyness.keyness_table(groups, p, prior_words=prior_words),
           "speakers": naming.speakers(u), "labels": lab, "naming": naming.side_by_side(lab, outlets),
           "terms": naming.terms(u), "hedges": naming.hedges(u), "verbs": naming.verbs(u),
           **_input_tables(groups, resampled), "units": u}
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


def write(tables: dict[str, pd.DataFrame], fmt: str, out_dir, head: dict, stem: str, reads=()) -> list[Path]:
    """Write ``tables`` into the folder ``out_dir``: one ``<stem>.json``, or one ``<table>.csv`` /
    ``<table>.parquet`` per table. The folder is built beside ``out_dir`` and swapped in whole
    (:func:`analysis.fileio.output_folder`: a new or empty folder, or one this command wrote; never
    a path the run ``reads``). Returns the paths written."""
    from ..fileio import output_folder
    from ..lexicons import run_reads

    if fmt not in FORMATS:
        raise ArticleError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    names = {f"{stem}.json", *(f"{t}.{ext}" for t in tables for ext in ("csv", "parquet"))}
    files = {f"{stem}.json": to_json(tables, head)} if fmt == "json" else {f"{n}.{fmt}": df for n, df in tables.items()}
    with output_folder(out_dir, reads=run_reads(*reads), owned=names.__contains__, kind=stem) as stage:
        for name, data in files.items():
            if fmt == "json":
                (stage / name).write_text(data, encoding="utf-8")
            elif fmt == "csv":
                (stage / name).write_text(to_csv(data), encoding="utf-8")
            else:
                _flat(data).to_parquet(stage / name, index=False)
    return [Path(out_dir) / name for name in files]
