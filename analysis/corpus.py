"""Corpus mode: many articles in, tidy Parquet tables out, every analysis run on every article.

Input (streamed: one article at a time is read, never the whole corpus):

* a **folder** of ``.txt`` / ``.html`` files, searched recursively in sorted order (hidden files and
  folders and other extensions are skipped). A ``metadata.csv`` in any folder describes the files
  beside it or below it: a ``file`` column (path relative to that folder) plus any of ``id``,
  ``outlet``, ``date``, ``title``, ``url`` and other columns. Without metadata, the id is the file's path
  without its suffix and the outlet is the first sub-folder (``corpus/rt/a.txt`` → ``rt``).
* a **JSON Lines** file (``.jsonl``/``.ndjson``, optionally ``.gz``): one object per line with a
  ``text`` field (or ``body``/``content``/``maintext``) and metadata fields.
* a **CSV** file (optionally ``.csv.gz``) with a ``text`` column (same aliases) and metadata columns.
* a single ``.txt``/``.html`` article (a corpus of one).

Output, in ``out_dir`` (each table a Parquet dataset ``<table>/part-NNNNN.parquet`` written chunk
by chunk, so memory stays flat however long the corpus; read one with :func:`read_table` or
``pandas.read_parquet(out_dir / table)``):

===================  ========================================================================
``articles``         one row per analysed article: metadata, words per voice, loaded-term rate,
                     dominant frames, utterance and speaker counts
``texts``            the exact text analysed (every ``start``/``end`` offset refers to it)
``paragraphs``       paragraphs with their voice (offsets, word counts)
``voices``           words and sentences per voice (``article.voice_summary``)
``actors``           people and organisations named (``analysis.actors``)
``utterances``       one row per quote (``analysis.quotes``)
``speakers``         one row per speaker with their tone (``analysis.sentiment``)
``frame_hits`` ...   one row per frame cue (``analysis.framing``), ``frame_rates``, ``frame_dominant``
``loaded_hits`` ...  one row per loaded-term hit (``analysis.loaded``), ``loaded_rates``
``errors``           one row per article that could not be analysed: ``stage`` and ``reason``
===================  ========================================================================

Every row starts with ``article_id``, ``outlet``, ``date``, ``title``, ``url``. Column types are
normalised so that parts concatenate: strings, ``int64``, ``float64``, ``bool``; lists and dicts are
JSON strings. ``summary.json`` holds the run summary that :func:`run_corpus` returns.

A bad article (empty, binary, not English, an HTML page with no text, a line that is not JSON, or an
exception inside an analysis) becomes a row of ``errors`` and the run goes on. Bad *input* (a missing
path, an empty folder, a file that is not CSV/JSON Lines at all) raises :class:`ArticleError`.

Scheduling: the stream is cut into chunks; each chunk becomes a ``dask.bag`` whose partitions are
analysed in parallel (``bag.map(analyse_one).map_partitions(pack)``), with no change to the analysis
functions. On local processes each task also writes its partition's Parquet parts into the run's
temporary folder and returns only their names and schemas; this process then publishes them in
input order (a rename; a part is rewritten only when its column types must be conformed). On a
cluster, whose workers may not share this disk, the tables come back as Arrow IPC and are written
here. The last chunk is cut into ever smaller partitions, so that the cores finish together. ``scheduler="processes"`` (default) uses all local cores through one process pool kept
warm across chunks; ``"sequential"`` runs in this process; any other value is a Dask scheduler
address (``tcp://host:8786``) or a ``distributed.Client``. Small inputs (a few dozen articles) run
in-process, where starting workers would cost more than it saves.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "in").mkdir(), (tmp / "in" / "a.txt").write_text('Lavrov said: "We will help Syria." Kerry disagreed.')
>>> _ = (tmp / "in" / "b.txt").write_bytes(b"\\x00\\x01binary")
>>> s = run_corpus(tmp / "in", tmp / "out", scheduler="sequential", progress=False)
>>> s["articles_read"], s["analysed"], s["failed"]
(2, 1, 1)
>>> read_table(tmp / "out", "errors")[["article_id", "stage"]].values.tolist()
[['b', 'load']]
"""
from __future__ import annotations

import csv
import gc
import gzip
import importlib
import io
import json
import math
import os
import re
import shutil
import sys
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .errors import ArticleError
from .fileio import atomic_write

# ------------------------------------------------------------------------------- configuration
META = ("article_id", "outlet", "date", "title", "url")
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ALIASES = {  # field in the input -> our name (first match wins)
    "text": ("text", "body", "content", "maintext", "article", "full_text"),
    "id": ("id", "article_id", "doc_id", "uid", "guid"),
    "outlet": ("outlet", "source", "publisher", "site", "source_domain", "media", "newspaper"),
    "date": ("date", "published", "date_publish", "published_at", "pub_date", "datetime"),
    "title": ("title", "headline"),
    "url": ("url", "link", "href"),
}
# The analysis tables kept in the corpus: corpus table -> (module, sources in order of preference).
# A source is a public function of the module called with the article (``"hits"``), or a key of
# the module's ``tables(article)`` (``"tables:hits"``). Functions come first because ``tables()``
# builds every table of a module (keyness, concordances, ...) when the corpus keeps two or three.
# A source may return a dict of column lists instead of a DataFrame (``*_columns``: the same rows
# without pandas building an Arrow string column per text column, only to be converted again).
TABLE_SOURCES = {
    "actors": ("analysis.actors", ("actor_columns", "actor_table", "tables:actors")),
    "utterances": ("analysis.quotes", ("utterance_columns", "find_quotes", "tables:utterances")),
    "speakers": ("analysis.sentiment", ("speaker_columns", "speakers", "tables:speakers")),
    "frame_hits": ("analysis.framing", ("hit_columns", "hits", "tables:hits")),
    "frame_rates": ("analysis.framing", ("rate_columns", "rates", "tables:by_voice")),
    "frame_dominant": ("analysis.framing", ("dominant_columns", "dominant_frames", "tables:dominant")),
    "loaded_hits": ("analysis.loaded", ("hit_columns", "hits", "tables:hits")),
    "loaded_rates": ("analysis.loaded", ("by_voice_columns", "by_voice", "tables:by_voice")),
}
MODULES = tuple(dict.fromkeys(m for m, _ in TABLE_SOURCES.values()))
ARTICLE_TABLES = ("articles", "texts", "paragraphs", "voices")
TONE_COLUMNS = ("score", "tone", "mean_score", "compound", "vader")  # first found = a speaker's tone
SMALL_INPUT = 24        # up to this many articles run in-process even with scheduler="processes"
PARTITION_SIZE = 48     # articles per Dask partition (one task; each writes ~13 Parquet parts: ~20 ms fixed cost)
PARTS_PER_WORKER = 2    # partitions per worker in one chunk (two chunks are in flight: four per worker queued)
MIN_PARTITION = 4       # the smallest partition of the last chunk (partitions shrink there: no long tail)
# Parquet's default codec, readable everywhere: a partition's files cost ~40% less CPU to write than
# with zstd (8.5 vs 13.7 ms for 48 articles) and take ~28% more space (231 vs 180 KB)
PARQUET_COMPRESSION = "snappy"
MAX_CONSECUTIVE_BAD = 1000  # a CSV/JSONL whose lines all fail is not a corpus: stop with ArticleError


@dataclass
class Doc:
    """One input record, before analysis: an id, metadata, and the text (or the file's bytes)."""

    id: str
    meta: dict
    source: str
    text: str | None = None
    data: bytes | None = None
    html: bool = False
    error: str | None = None


@dataclass
class Result:
    """One analysed article (``tables``) or one failure (``stage``, ``reason``)."""

    id: str
    meta: dict
    source: str
    tables: dict | None = None
    stage: str = ""
    error: str = ""
    reason: str = ""
    seconds: dict = field(default_factory=dict)  # wall seconds per step (load, article, each table, summary)


@dataclass
class Packed:
    """A partition of results as Arrow tables, ready to write. Pickled as Arrow IPC streams
    (about ten times cheaper than pickling the tables, both ways) on its way from a worker."""

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


# --------------------------------------------------------------------------------- input
def _plain_str(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v).strip()


def _split_record(rec: dict) -> tuple[object, str | None, dict]:
    """``(text, id, meta)`` of an input record, metadata fields found through :data:`ALIASES`;
    other scalar fields go to ``meta["extra"]``."""
    low = {str(k).strip().lower(): k for k in rec}
    used, found = set(), {}
    for name, names in ALIASES.items():
        for n in names:
            if n in low and low[n] not in used:
                found[name] = rec[low[n]]
                used.add(low[n])
                break
    extra = {str(k): _plain_str(v) for k, v in rec.items() if k not in used and str(k).strip().lower() != "file"}
    meta = {k: _plain_str(found.get(k)) for k in ("outlet", "date", "title", "url")}
    meta["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""
    rid = _plain_str(found.get("id")) or None
    return found.get("text"), rid, meta


_SURROGATE_RE = re.compile("[\udc80-\udcff]")


def _fix_surrogates(text: str, name: str) -> tuple[str, list[str]]:
    """A CSV field read with ``surrogateescape`` that was not UTF-8: decode it as cp1252."""
    if not _SURROGATE_RE.search(text):
        return text, []
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp1252"), [f"{name}: not valid UTF-8; decoded as cp1252 (Windows-1252)"]
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: not valid UTF-8 nor cp1252: undecodable or binary data") from None


def _open_text(path: Path):
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _input_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for kind, sufs in (("jsonl", (".jsonl", ".ndjson")), ("csv", (".csv",)), ("file", TEXT_SUFFIXES)):
        if name.endswith(sufs):
            return kind
    return ""


@dataclass
class Input:
    """A validated corpus input: what it is, how many articles (when cheap to know)."""

    path: Path
    kind: str  # folder, jsonl, csv, file
    total: int | None = None
    metadata: dict = field(default_factory=dict)  # folder: resolved file path -> metadata row
    notes: list = field(default_factory=list)

    def docs(self) -> Iterator[Doc]:
        return {"folder": _folder_docs, "jsonl": _jsonl_docs, "csv": _csv_docs, "file": _folder_docs}[self.kind](self)


def open_input(path) -> Input:
    """Check ``path`` and describe it; raises :class:`ArticleError` for input that is no corpus."""
    p = Path(path)
    if not p.exists():
        raise ArticleError(f"{path}: no such file or folder")
    if p.is_dir():
        return _scan_folder(p)
    kind = _input_kind(p)
    if not kind:
        raise ArticleError(f"{path}: not a corpus: expected a folder of .txt/.html files, a .csv or a .jsonl file")
    try:
        if kind == "file":
            return Input(p, "file", 1)
        with _open_text(p) as f:
            if kind == "jsonl":
                return _check_jsonl(p, f)
            return _check_csv(p, f)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise ArticleError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def _read_metadata(csv_path: Path) -> dict:
    out = {}
    try:
        with _open_text(csv_path) as f:
            reader = csv.DictReader(f)
            cols = [c.strip().lower() for c in (reader.fieldnames or [])]
            if "file" not in cols:
                raise ArticleError(f"{csv_path}: metadata.csv needs a 'file' column (the file name of each article); found {', '.join(cols) or 'no columns'}")
            fcol = reader.fieldnames[cols.index("file")]
            for row in reader:
                name = (row.get(fcol) or "").strip()
                if name:
                    out[str((csv_path.parent / name).resolve())] = row
    except (OSError, csv.Error, UnicodeError) as e:
        raise ArticleError(f"{csv_path}: unreadable metadata.csv ({e})") from None
    return out


def _walk(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """``(folder, sorted file names)`` top-down, sorted, hidden entries skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield Path(folder), sorted(f for f in files if not f.startswith("."))


def _scan_folder(root: Path) -> Input:
    metadata, total = {}, 0
    try:
        for folder, files in _walk(root):
            if "metadata.csv" in files:
                metadata.update(_read_metadata(folder / "metadata.csv"))
            total += sum(f.lower().endswith(TEXT_SUFFIXES) for f in files)
    except OSError as e:
        raise ArticleError(f"{root}: cannot read folder ({e.strerror or e})") from None
    if not total:
        raise ArticleError(f"{root}: no .txt or .html files in this folder or below it")
    inp = Input(root, "folder", total, metadata)
    missing = sorted(k for k in metadata if not os.path.isfile(k))
    if missing:
        inp.notes.append(f"metadata.csv lists {len(missing)} file(s) that do not exist, e.g. {missing[0]}")
    return inp


def _folder_docs(inp: Input) -> Iterator[Doc]:
    from .article import MAX_BYTES

    root = inp.path if inp.kind == "folder" else inp.path.parent
    items = _walk(root) if inp.kind == "folder" else [(root, [inp.path.name])]
    for folder, files in items:
        for f in files:
            if not f.lower().endswith(TEXT_SUFFIXES):
                continue
            p = folder / f
            rel = p.relative_to(root)
            row = inp.metadata.get(str(p.resolve()))
            text, rid, meta = _split_record(row or {})
            if row is None or not meta["outlet"]:
                meta["outlet"] = rel.parts[0] if len(rel.parts) > 1 else ""
            rid = rid or rel.with_suffix("").as_posix()
            doc = Doc(rid, meta, str(p), html=f.lower().endswith(HTML_SUFFIXES))
            try:
                size = p.stat().st_size
                if size > MAX_BYTES:
                    doc.error = f"{p}: too large for one article ({size / 1e6:.1f} MB; limit {MAX_BYTES / 1e6:.1f} MB)"
                else:
                    doc.data = p.read_bytes()
            except OSError as e:
                doc.error = f"{p}: cannot read ({e.strerror or e})"
            yield doc


def _parse_json_line(line: str, where: str):
    try:
        rec = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as e:
        return None, f"{where}: not valid JSON ({e.msg if hasattr(e, 'msg') else e})"
    if not isinstance(rec, dict):
        return None, f"{where}: a JSON {type(rec).__name__}, expected an object with a 'text' field"
    return rec, None


def _check_jsonl(p: Path, f) -> Input:
    n, first = 0, None
    for line in f:
        if line.strip():
            n += 1
            if first is None:
                first = line
    if first is None:
        raise ArticleError(f"{p}: empty: no JSON lines")
    rec, err = _parse_json_line(first, f"{p}: first line")
    if err:
        raise ArticleError(f"{err}; this is not a JSON Lines file")
    if _split_record(rec)[0] is None:
        raise ArticleError(f"{p}: the first record has no 'text' field (fields: {', '.join(map(str, rec)) or 'none'})")
    return Input(p, "jsonl", n)


def _record_doc(rec: dict, where: str, default_id: str) -> Doc:
    text, rid, meta = _split_record(rec)
    doc = Doc(rid or default_id, meta, where)
    if text is None:
        doc.error = f"{where}: no 'text' field"
    elif not isinstance(text, str):
        doc.error = f"{where}: 'text' is a JSON {type(text).__name__}, not a string"
    else:
        doc.text = text
    return doc


def _jsonl_docs(inp: Input) -> Iterator[Doc]:
    stem = re.sub(r"\.(jsonl|ndjson)(\.gz)?$", "", inp.path.name, flags=re.I)
    bad = 0
    with _open_text(inp.path) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{inp.path.name}:{lineno}"
            line, notes = (line, [])
            try:
                line, notes = _fix_surrogates(line, where)
            except ArticleError as e:
                yield Doc(f"{stem}:{lineno}", _split_record({})[2], where, error=str(e))
                continue
            rec, err = _parse_json_line(line, where)
            if err:
                bad += 1
                if bad >= MAX_CONSECUTIVE_BAD:
                    raise ArticleError(f"{inp.path}: {bad} lines in a row are not JSON; stopped")
                yield Doc(f"{stem}:{lineno}", _split_record({})[2], where, error=err)
                continue
            bad = 0
            doc = _record_doc(rec, where, f"{stem}:{lineno}")
            if notes and doc.text is not None:
                doc.meta["_notes"] = notes
            yield doc


def _csv_reader(f):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    return csv.DictReader(f)


def _check_csv(p: Path, f) -> Input:
    try:
        reader = _csv_reader(f)
        cols = reader.fieldnames
        if not cols:
            raise ArticleError(f"{p}: empty: no CSV header")
        if "\x00" in "".join(cols):
            raise ArticleError(f"{p}: binary data, not a CSV file")
        if not any(str(c).strip().lower() in ALIASES["text"] for c in cols):
            shown = ", ".join(str(c)[:30] for c in cols[:12])
            raise ArticleError(f"{p}: no 'text' column in the CSV header (columns: {shown})")
        first = next(reader, None)
    except csv.Error as e:
        raise ArticleError(f"{p}: not a readable CSV file ({e})") from None
    if first is None:
        raise ArticleError(f"{p}: no rows after the CSV header")
    return Input(p, "csv", None)


def _csv_docs(inp: Input) -> Iterator[Doc]:
    stem = re.sub(r"\.csv(\.gz)?$", "", inp.path.name, flags=re.I)
    bad = 0
    with _open_text(inp.path) as f:
        reader = _csv_reader(f)
        n = 0
        while True:
            n += 1
            where = f"{inp.path.name}:row {n}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                bad += 1
                if bad >= MAX_CONSECUTIVE_BAD:
                    raise ArticleError(f"{inp.path}: {bad} rows in a row cannot be read as CSV; stopped") from None
                yield Doc(f"{stem}:{n}", _split_record({})[2], where, error=f"{where}: unreadable CSV row ({e})")
                continue
            bad = 0
            if None in row:  # more fields than the header has
                row.pop(None)
            doc = _record_doc(row, where, f"{stem}:{n}")
            if doc.text is not None:
                try:
                    doc.text, notes = _fix_surrogates(doc.text, where)
                    if notes:
                        doc.meta["_notes"] = notes
                    for k in ("outlet", "date", "title", "url", "extra"):
                        doc.meta[k] = _fix_surrogates(doc.meta[k], where)[0]
                except ArticleError as e:
                    doc.text, doc.error = None, str(e)
            yield doc


def iter_docs(path) -> Iterator[Doc]:
    """The records of a corpus input, one at a time (see the module docstring for the formats)."""
    yield from open_input(path).docs()


# ------------------------------------------------------------------------------- analysis
def to_article(doc: Doc):
    """The :class:`~analysis.Article` of one record, decoded and checked like ``load_article``."""
    from .article import Article, decode, html_to_text, looks_like_html

    if doc.error:
        raise ArticleError(doc.error)
    notes = list(doc.meta.get("_notes", ()))
    if doc.data is not None:
        text, encoding, more = decode(doc.data, doc.source)
        notes += more
    else:
        text, encoding = doc.text, "str"
    if doc.html or looks_like_html(text):
        text = html_to_text(text, doc.source)
        notes.append(f"{doc.source}: HTML page reduced to its article text; offsets refer to the extracted text")
        encoding += "+html"
    return Article.from_text(text, name=doc.id, source=doc.source, encoding=encoding, warnings=tuple(notes))


@lru_cache(maxsize=None)
def _module(name: str):
    return importlib.import_module(name)


WARM_UP_TEXT = ('Kerry said on Monday: "We are concerned about the build-up." Lavrov disagreed, the ministry said.\n\n'
                'Russian Foreign Minister Sergey Lavrov says Washington is making a grave mistake.')


def plan(sources: dict | None = None, check: bool = True) -> tuple[tuple, dict]:
    """``(steps, skipped)``: the ``(corpus table, module, source)`` steps that can run here (the
    module imports, has the function or ``tables()``, and, with ``check``, analyses a two-paragraph
    test article without an exception), and ``{module: why skipped}``. A module that fails on the
    test article would fail on every article: it is left out of the run (and the summary says so)
    rather than turning every article into an error row."""
    steps, skipped = [], {}
    for table, (name, options) in (sources or TABLE_SOURCES).items():
        if name in skipped:
            continue
        try:
            mod = _module(name)
        except ImportError as e:
            skipped[name] = f"not available ({e})"
            continue
        except Exception as e:  # a module being written may not even import
            skipped[name] = f"does not import ({type(e).__name__}: {' '.join(str(e).split())[:200]})"
            continue
        for src in options:
            fn = "tables" if src.startswith("tables:") else src
            if callable(getattr(mod, fn, None)):
                steps.append((table, name, src))
                break
        else:
            skipped[f"{name}:{table}"] = f"no function {' or '.join(options)}"
    if check and steps:
        from .article import Article

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = Article.from_text(WARM_UP_TEXT, name="test-article")
            full: dict = {}
            for table, name, src in list(steps):
                if name in skipped:
                    continue
                try:
                    mod = _module(name)
                    if src.startswith("tables:"):
                        full.setdefault(name, mod.tables(article))
                    else:
                        getattr(mod, src)(article)
                except Exception as e:
                    skipped[name] = f"fails on a test article ({type(e).__name__}: {' '.join(str(e).split())[:200]})"
            steps = [st for st in steps if st[1] not in skipped]
    return tuple(steps), skipped


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def article_tables(article) -> dict:
    """The article-level tables as column dicts: ``texts``, ``paragraphs``, ``voices`` (the same
    rows as :func:`analysis.article.voice_summary`)."""
    from .article import VOICES

    col = article.column
    pv, pw = col("paragraphs", "voice"), col("paragraphs", "words")
    sv = col("sentences", "voice")
    total = sum(pw)
    words = {v: 0 for v in VOICES}
    for v, w in zip(pv, pw):
        words[v] = words.get(v, 0) + w
    voices = list(VOICES)
    return {
        "texts": {"text": [article.text], "chars": [len(article.text)], "encoding": [article.encoding],
                  "source": [article.source or ""]},
        "paragraphs": {"paragraph": col("paragraphs", "paragraph"), "start": col("paragraphs", "start"),
                       "end": col("paragraphs", "end"), "voice": pv, "words": pw},
        "voices": {"voice": voices, "paragraphs": [pv.count(v) for v in voices],
                   "sentences": [sv.count(v) for v in voices], "words": [words[v] for v in voices],
                   "word_share": [round(words[v] / max(1, total), 3) for v in voices]},
    }


def _col(t, name) -> list:
    """A column of a table (DataFrame or column dict) as a list ([] when absent)."""
    if t is None:
        return []
    if isinstance(t, dict):
        return list(t.get(name, []))
    from .article import column_list

    return column_list(t, name) if name in t.columns else []


def _nrows(t) -> int:
    if t is None:
        return 0
    if isinstance(t, dict):
        return len(next(iter(t.values()), []))
    return len(t)


def summarise(article, tables: dict) -> dict:
    """One ``articles`` row from an article and its corpus tables (columns absent when the module
    that provides them is not available)."""
    v = tables.get("voices")
    words = dict(zip(_col(v, "voice"), _col(v, "words")))
    row = {"chars": len(article.text), "words": int(sum(words.values())),
           "paragraphs": len(article.column("paragraphs", "start")), "sentences": len(article.column("sentences", "start"))}
    for voice in ("report", "editorial", "boilerplate"):
        row[f"words_{voice}"] = int(words.get(voice, 0))
    row["has_editorial"] = bool(words.get("editorial", 0))
    if "utterances" in tables:
        u = tables["utterances"]
        row["utterances"] = _nrows(u)
        row["speakers_quoted"] = len({str(x) for x in _col(u, "speaker") if isinstance(x, str) and x})
    if "speakers" in tables:
        row["speakers"] = _nrows(tables["speakers"])
    if "actors" in tables:
        row["actors"] = _nrows(tables["actors"])
    if "loaded_rates" in tables:
        lr = tables["loaded_rates"]
        acc: dict = {}
        for kind, w, h in zip(_col(lr, "kind"), _col(lr, "words"), _col(lr, "hits")):
            a = acc.setdefault(kind, [0, 0])
            a[0] += int(h)
            a[1] += int(w)

        def rate(kind):
            h, w = acc.get(kind, (0, 0))
            return round(1000.0 * h / w, 2) if w else 0.0

        h, w = acc.get("total", (0, 0))
        row.update(loaded_hits=h, loaded_words=w, loaded_per_1000=rate("total"))
        for kind, label in (("reporter", "report"), ("editorial", "editorial"), ("speaker", "quoted")):
            row[f"loaded_per_1000_{label}"] = rate(kind)
    if "frame_hits" in tables:
        fh = tables["frame_hits"]
        score: dict = {}
        first: dict = {}
        n = 0
        for frame, scheme, voice, w, s in zip(_col(fh, "frame"), _col(fh, "scheme"), _col(fh, "voice"),
                                              _col(fh, "weight"), _col(fh, "start")):
            if scheme == "issue" and voice != "boilerplate":
                n += 1
                score[frame] = score.get(frame, 0.0) + float(w)
                first[frame] = min(first.get(frame, s), s)
        row["frame_hits"] = n
        row["dominant_frame"] = min(score, key=lambda f: (-score[f], first[f], f)) if score else "other"
    if "frame_dominant" in tables:
        d = tables["frame_dominant"]
        top = {}
        generic = set()
        for voice, scheme, rank, frame in zip(_col(d, "voice"), _col(d, "scheme"), _col(d, "rank"), _col(d, "frame")):
            if scheme == "issue" and int(rank) == 1:
                top.setdefault(voice, frame)
            elif scheme == "generic":
                generic.add(frame)
        for voice in ("report", "editorial"):
            row[f"dominant_frame_{voice}"] = str(top.get(voice, ""))
        row["generic_frames"] = ", ".join(sorted(generic))
    if "speakers" in tables:
        # sentiment: the mean tone of the quoted speakers, and the tone of the reporter's and the
        # editorial voice (rows of kind "voice"), from the first tone column the table has
        s = tables["speakers"]
        row.update(speaker_tone_mean=float("nan"), tone_reporter=float("nan"), tone_editorial=float("nan"))
        cols = list(s.columns) if hasattr(s, "columns") else list(s)
        col = next((c for c in TONE_COLUMNS if c in cols), None)
        if col is not None:
            kinds = _col(s, "kind") or ["speaker"] * _nrows(s)
            vals = []
            for who, kind, x in zip(_col(s, "speaker"), kinds, _col(s, col)):
                if x is None or (isinstance(x, float) and math.isnan(x)):
                    continue
                if kind == "voice" and who in ("reporter", "editorial"):
                    row[f"tone_{who}"] = round(float(x), 4)
                elif kind != "voice":
                    vals.append(float(x))
            if vals:
                row["speaker_tone_mean"] = round(sum(vals) / len(vals), 4)
    return row


def analyse_one(doc: Doc, steps: tuple = ()) -> Result:
    """Every analysis step of :func:`plan` on one record, each failure caught: a :class:`Result`
    with the article's tables, or with the ``stage`` that failed and the ``reason``. Never raises
    (but for ``KeyboardInterrupt``)."""
    from .article import shared

    res = Result(doc.id, {k: v for k, v in doc.meta.items() if not k.startswith("_")}, doc.source)
    stage = "read" if doc.error else "load"
    clock = time.perf_counter
    secs = res.seconds
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            t = clock()
            article = to_article(doc)
            stage = "article"
            tables = article_tables(article)
            secs["load"] = clock() - t
            full: dict = {}
            for table, name, src in steps:
                stage = _short(name)
                mod = _module(name)
                t = clock()
                if src.startswith("tables:"):
                    if name not in full:
                        full[name] = mod.tables(article)
                    df = full[name].get(src[7:])
                    if df is not None:
                        tables[table] = df
                else:  # shared with the analyses that read it too (utterance_columns: sentiment, framing, loaded)
                    fn = getattr(mod, src)
                    tables[table] = shared(article, f"{name}.{src}", lambda: fn(article))
                secs[f"{stage}.{src}"] = clock() - t
            stage = "summary"
            t = clock()
            row = summarise(article, tables)
            notes = list(article.warnings)
            notes += sorted({" ".join(str(w.message).split())[:300] for w in caught} - set(notes))
            row.update(warnings=json.dumps(notes, ensure_ascii=False), extra=res.meta.get("extra", ""),
                       source=doc.source, encoding=article.encoding)
            tables["articles"] = {k: [v] for k, v in row.items()}
            secs["summary"] = clock() - t
            res.tables = tables
        except ArticleError as e:
            res.stage, res.error, res.reason = stage, "bad input", str(e)
        except Exception as e:  # an analysis failed on this article: log it, go on
            res.stage, res.error = stage, type(e).__name__
            res.reason = " ".join(str(e).split())[:500] or type(e).__name__
    return res


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
    with ``bag.map_partitions`` so that the conversion runs on the workers."""
    import pyarrow as pa

    t0 = time.perf_counter()
    results = list(results)
    t1 = time.perf_counter()
    seconds: dict = {}
    for r in results:
        for k, v in r.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
    items: dict[str, list] = {}
    errors = []
    for r in results:
        if r.tables is None:
            errors.append(r)
            continue
        for name, t in r.tables.items():
            items.setdefault(name, []).append((r, t))
    out = {}
    for name, pairs in items.items():
        meta = {k: [] for k in META}
        for r, t in pairs:
            n = _nrows(t)
            if n:
                vals = (r.id, r.meta.get("outlet", ""), r.meta.get("date", ""), r.meta.get("title", ""), r.meta.get("url", ""))
                for k, v in zip(META, vals):
                    meta[k].extend([v] * n)
        tables = [t for _, t in pairs]
        rows = [t for t in tables if _nrows(t)]  # an article without rows may give a typed empty DataFrame
        if rows and all(isinstance(t, dict) for t in rows):
            keys = list(dict.fromkeys(k for t in rows for k in t))
            df = {k: [] for k in keys}
            for t in rows:
                n = _nrows(t)
                for k in keys:
                    df[k].extend(t.get(k, [None] * n))
        else:
            frames = [pd.DataFrame(t) if isinstance(t, dict) else t for t in tables]
            nonempty = [d for d in frames if len(d)]
            df = pd.concat(nonempty, ignore_index=True) if len(nonempty) > 1 else (nonempty[0] if nonempty else frames[0]).reset_index(drop=True)
        out[name] = _to_arrow(df, meta)
    err = {k: [] for k in META + ERROR_COLUMNS}
    for r in errors:
        for k, v in zip(META + ERROR_COLUMNS, (r.id, r.meta.get("outlet", ""), r.meta.get("date", ""), r.meta.get("title", ""),
                                                r.meta.get("url", ""), r.source, r.stage, r.error, r.reason)):
            err[k].append(v)
    out["errors"] = pa.table({k: pa.array(v, pa.string()) for k, v in err.items()})
    # the analyses ran while the partition was consumed (t0..t1): time not in a step is "other"
    seconds["other"] = max(0.0, (t1 - t0) - sum(seconds.values()))
    seconds["pack"] = time.perf_counter() - t1
    return [Packed(out, len(results) - len(errors), len(errors), seconds, stages=[r.stage for r in errors])]


def _write_parts(p: Packed, folder, keep=None) -> Packed:
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
    gc.collect(1)  # recent garbage is not frozen (a full collection re-traverses the whole heap, ~30-70 ms)
    gc.freeze()
    gc.set_threshold(max(old[0], GC_GEN0), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _pack_parts(results, folder=None, keep=None) -> list[Packed]:
    """:func:`pack`, then (with a ``folder``) :func:`_write_parts`: the task of a Dask partition."""
    out = pack(results)
    return [_write_parts(p, folder, keep) for p in out] if folder is not None else out


def _analyse_partition(docs, steps, folder=None, keep=None):
    return _pack_parts((analyse_one(d, steps) for d in docs), folder, keep)


# ---------------------------------------------------------------------------------- writer
class _Writer:
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


def _publish(tmp: Path, out: Path, names: list[str]) -> None:
    """Move the finished tables from ``tmp`` into ``out`` (replacing the tables of an earlier run)."""
    old = out / "summary.json"
    stale = set()
    if old.exists():
        try:
            stale = set(json.loads(old.read_text(encoding="utf-8")).get("tables", {}))
        except (ValueError, OSError):
            stale = set()
    for name in sorted(stale | set(names)):
        target = out / name
        if target.is_dir() and all(p.name.startswith("part-") and p.suffix == ".parquet" for p in target.iterdir()):
            shutil.rmtree(target)
        elif target.exists() and name in names:
            raise ArticleError(f"{target}: exists and is not a table written by corpus mode; choose another --out")
    for name in names:
        os.replace(tmp / name, out / name)


# ------------------------------------------------------------------------------ scheduling
def _warm(steps: tuple) -> None:
    """Import every module and analyse a tiny article, so lexicons and regexes are loaded (before
    worker processes fork from this one, and in each worker)."""
    doc = Doc("warm-up", {"outlet": "", "date": "", "title": "", "url": ""}, "warm-up", text=WARM_UP_TEXT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyse_one(doc, steps)


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
    workers, :func:`_write_parts`) per partition."""
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
    return bag.map(analyse_one, steps=steps).map_partitions(_pack_parts, folder=folder, keep=keep)


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
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method), initializer=_warm, initargs=(steps,))
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
                raise ArticleError(f"cannot reach the Dask scheduler at {scheduler} ({' '.join(str(e).split())[:200]})") from None
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
            d.error = d.error or f"{d.source}: duplicate article id {d.id!r} (an earlier record has it); ids must be unique"
            d.id = f"{d.id}#dup@{d.source}"
        seen.add(d.id)
        yield d


# -------------------------------------------------------------------------------- the run
def run_corpus(input, out_dir, workers: int | None = None, scheduler="processes", progress: bool = True,
               *, chunk_size: int | None = None, tables: Iterable[str] | None = None) -> dict:
    """Analyse every article of ``input`` into Parquet tables under ``out_dir`` (``None``: a new
    temporary folder); returns (and writes to ``out_dir/summary.json``) the run summary: ``out``
    (the folder), ``articles_read``, ``analysed``, ``failed``,
    ``seconds``, ``articles_per_second``, ``tables`` (rows per table), ``errors_by_stage``,
    ``scheduler``, ``workers``, ``modules`` (analyses run) and ``modules_skipped``.

    ``workers``: processes for the local scheduler (default: all cores). ``scheduler``:
    ``"processes"``, ``"sequential"``, a Dask scheduler address or a ``distributed.Client``.
    ``tables``: keep only these tables (``errors`` is always written).
    """
    t0 = time.perf_counter()
    inp = open_input(input)
    if out_dir is None or str(out_dir) == "":
        import tempfile

        out_dir = tempfile.mkdtemp(prefix="corpus-")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ArticleError(f"{out}: exists and is not a folder")
    steps, skipped = plan()
    keep = set(tables) if tables is not None else None
    n_cpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = max(1, int(workers)) if workers else n_cpu

    timing: dict = {}
    docs = _timed(_dedupe(inp.docs()), timing, "read")
    head = []
    for d in docs:
        head.append(d)
        if len(head) > SMALL_INPUT:
            break
    small = len(head) <= SMALL_INPUT
    stream = (d for part in (head, docs) for d in part)

    _warm(steps)
    if isinstance(scheduler, str) and scheduler not in ("sequential", "sync", "single-threaded", "processes", "local", "") \
            and not re.match(r"^[a-z]+://|^[\w.\-]+:\d+$", scheduler):
        raise ArticleError(f"unknown scheduler {scheduler!r}: use 'processes', 'sequential' or a Dask scheduler address such as tcp://host:8786")
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".partial-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    bar = _progress_bar(inp.total, progress)
    n_ok = n_failed = 0
    stages: dict = {}
    runner = None
    with lean_gc():  # entered before local workers start, so that they inherit it
        try:
            if isinstance(scheduler, str) and scheduler in ("sequential", "sync", "single-threaded"):
                runner = _Sequential(steps)
            elif isinstance(scheduler, str) and scheduler in ("processes", "local", ""):
                runner = _Sequential(steps) if (small or workers == 1) else _LocalProcesses(steps, workers)
            else:
                runner = _Distributed(steps, scheduler)
            size = chunk_size or max(SMALL_INPUT + 1, PARTITION_SIZE if runner.workers == 1 else runner.workers * PARTS_PER_WORKER * PARTITION_SIZE)
            writer = _Writer(tmp, keep)
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
            names = sorted(p.name for p in tmp.iterdir() if p.is_dir() and not p.name.startswith(".")) if tmp.exists() else []
            if "errors" not in names:
                import pyarrow as pa
                import pyarrow.parquet as pq

                (tmp / "errors").mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.table({k: pa.array([], pa.string()) for k in META + ERROR_COLUMNS}), tmp / "errors" / "part-00000.parquet")
                writer.rows["errors"] = 0
                names.append("errors")
            _publish(tmp, out, names)
        finally:
            bar.close()
            if runner is not None:
                runner.close()
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.perf_counter() - t0
    summary = {
        "input": str(input), "out": str(out), "input_kind": inp.kind,
        "articles_read": n_ok + n_failed, "analysed": n_ok, "failed": n_failed,
        "seconds": round(seconds, 3), "articles_per_second": round((n_ok + n_failed) / seconds, 2) if seconds else None,
        "scheduler": runner.name + (" (small input)" if small and isinstance(runner, _Sequential) and scheduler not in ("sequential", "sync", "single-threaded") else ""),
        "workers": runner.workers,
        "modules": list(dict.fromkeys(_short(m) for _, m, _ in steps)),
        "steps": {t: f"{_short(m)}.{src.replace('tables:', 'tables()[') + (']' if src.startswith('tables:') else '(article)')}" for t, m, src in steps},
        "modules_skipped": {_short(k): v for k, v in skipped.items()},
        "tables": {k: writer.rows[k] for k in sorted(writer.rows)},
        "errors_by_stage": dict(sorted(stages.items())),
        # wall seconds summed over articles, where they ran (in parallel runs the sum exceeds the wall time)
        "seconds_by_step": {k: round(v, 3) for k, v in timing.items()},
        "notes": inp.notes + [f"{k}: columns not in the first part were dropped: {', '.join(sorted(v))}" for k, v in writer.dropped.items()],
    }
    atomic_write(out / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    return summary


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
            _write_parts(p, writer.incoming, writer.keep)
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


# --------------------------------------------------------------------------- synthetic data
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
SYNTHETIC_OUTLETS = ("Outlet A", "Outlet B", "Outlet C", "Outlet D")


def synthetic_records(n: int, seed: int = 0, source=BUNDLED) -> Iterator[dict]:
    """``n`` deterministic made-up articles for tests and benchmarks: the paragraphs of ``source``
    (the bundled article by default) shuffled and recombined, 6 to 16 paragraphs each, with an
    id, outlet, date and title. Not news: a load generator with realistic sentences.

    >>> recs = list(synthetic_records(3, seed=1))
    >>> [r["id"] for r in recs], recs[0] == list(synthetic_records(1, seed=1))[0]
    (['syn-000000', 'syn-000001', 'syn-000002'], True)
    """
    import random

    from .article import load_article

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = load_article(source)
    p = a.paragraphs
    body = [t for t, v in zip(p.text, p.voice) if v != "boilerplate"]
    rng = random.Random(seed)
    for i in range(n):
        k = rng.randint(min(6, len(body)), min(16, len(body)))
        paras = rng.sample(body, k)
        day = rng.randint(0, 90)
        yield {"id": f"syn-{i:06d}", "outlet": SYNTHETIC_OUTLETS[rng.randrange(len(SYNTHETIC_OUTLETS))],
               "date": (pd.Timestamp("2015-09-01") + pd.Timedelta(days=day)).strftime("%Y-%m-%d"),
               "title": f"Synthetic article {i} recombined from {a.name}", "url": "",
               "text": "\n\n".join(paras) + "\n"}


def write_jsonl(records: Iterable[dict], path) -> Path:
    """Write records as JSON Lines (UTF-8), one at a time."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


# ------------------------------------------------------------------------------- reading
def read_table(out_dir, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One corpus table as a DataFrame, rows in input order (an empty frame if the run did not
    write that table, e.g. when its analysis module was not available)."""
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


# ------------------------------------------------------------------- comparing groups of articles
def summary_table(summary: dict) -> pd.DataFrame:
    """The run summary as a two-column table (``item``, ``value``) for display."""
    rows = [(k, summary.get(k)) for k in ("input", "articles_read", "analysed", "failed", "seconds", "articles_per_second",
                                          "scheduler", "workers")]
    rows.append(("analyses", ", ".join(summary.get("modules", []))))
    for k, v in summary.get("modules_skipped", {}).items():
        rows.append((f"skipped: {k}", v))
    rows += [(f"rows: {k}", v) for k, v in summary.get("tables", {}).items()]
    return pd.DataFrame(rows, columns=["item", "value"]).astype({"value": str})


def _mode(values) -> str:
    counts: dict = {}
    for v in values:
        if isinstance(v, str) and v:
            counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k)) if counts else ""


def group_summary(out_dir, by: str = "outlet") -> pd.DataFrame:
    """One row per value of ``by`` (``outlet``, ``date``, or any ``articles`` column): articles
    analysed and failed, words, utterances, loaded-term hits and the **pooled** rate per 1,000 words
    (all hits / all words of the group, so long articles weigh more), the mean of the articles' rates,
    the most common dominant frame, and (with the sentiment analysis) the mean tone of the reporter's
    voice and of the quoted speakers. Sorted by ``by``.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = run_corpus("data/corpus/syria-2015", out, scheduler="sequential", progress=False)
    >>> g = group_summary(out)
    >>> g.outlet.tolist()
    ['President of Russia (kremlin.ru)', 'US Department of Defense', 'US Department of State']
    >>> int(g.articles.sum()), bool((g.loaded_per_1000 >= 0).all())
    (12, True)
    """
    a = read_table(out_dir, "articles")
    e = read_table(out_dir, "errors")
    cols = [by, "articles", "failed", "words", "words_report", "words_editorial", "utterances", "loaded_hits",
            "loaded_per_1000", "loaded_per_1000_mean", "dominant_frame", "tone_reporter", "speaker_tone"]
    if a.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for key, g in a.groupby(by, sort=True, dropna=False):
        words = int(g.words.sum())
        hits = int(g.loaded_hits.sum()) if "loaded_hits" in g else 0
        rows.append({by: key, "articles": len(g), "failed": int((e[by] == key).sum()) if by in e.columns else 0,
                     "words": words, "words_report": int(g.words_report.sum()), "words_editorial": int(g.words_editorial.sum()),
                     "utterances": int(g.utterances.sum()) if "utterances" in g else 0,
                     "loaded_hits": hits,
                     "loaded_per_1000": round(1000.0 * hits / int(g.loaded_words.sum()), 2) if "loaded_words" in g and g.loaded_words.sum() else 0.0,
                     "loaded_per_1000_mean": round(float(g.loaded_per_1000.mean()), 2) if "loaded_per_1000" in g else 0.0,
                     "dominant_frame": _mode(g.dominant_frame) if "dominant_frame" in g else "",
                     # mean over the group's articles of the reporter voice's tone / the quoted speakers' mean tone
                     "tone_reporter": round(float(g.tone_reporter.mean()), 3) if "tone_reporter" in g and g.tone_reporter.notna().any() else float("nan"),
                     "speaker_tone": round(float(g.speaker_tone_mean.mean()), 3) if "speaker_tone_mean" in g and g.speaker_tone_mean.notna().any() else float("nan")})
    return pd.DataFrame(rows, columns=cols)


def frame_shares(out_dir, by: str = "outlet", scheme: str = "issue") -> pd.DataFrame:
    """Each group's frame profile: for every ``frame`` of ``scheme`` the cue ``hits``, summed cue
    ``weight`` and ``share`` of the group's weight (report and editorial voices; boilerplate left
    out), plus ``articles`` (how many of the group's articles use the frame at all)."""
    h = read_table(out_dir, "frame_hits")
    cols = [by, "frame", "hits", "weight", "share", "articles"]
    if h.empty or "scheme" not in h.columns:
        return pd.DataFrame(columns=cols)
    h = h[(h.scheme == scheme) & (h.voice != "boilerplate")]
    g = h.groupby([by, "frame"]).agg(hits=("start", "size"), weight=("weight", "sum"),
                                     articles=("article_id", "nunique")).reset_index()
    g["share"] = (g.weight / g.groupby(by).weight.transform("sum")).round(4)
    return g.sort_values([by, "share", "frame"], ascending=[True, False, True])[cols].reset_index(drop=True)


def top_terms(out_dir, by: str = "outlet", n: int = 8) -> pd.DataFrame:
    """The ``n`` most frequent loaded terms (lexicon entries) of each group, with their category,
    hits, and how many articles of the group use them."""
    h = read_table(out_dir, "loaded_hits")
    cols = [by, "term", "category", "hits", "articles", "examples"]
    if h.empty:
        return pd.DataFrame(columns=cols)
    g = h.groupby([by, "term", "category"]).agg(hits=("start", "size"), articles=("article_id", "nunique"),
                                                examples=("text", lambda s: ", ".join(sorted(set(s))[:3]))).reset_index()
    g = g.sort_values([by, "hits", "term"], ascending=[True, False, True])
    return g.groupby(by, sort=True).head(n)[cols].reset_index(drop=True)


def _canonical_names(names: Iterable[str]) -> dict:
    """Corpus-wide aliases: a one-word name maps to the only longer name in the corpus that ends
    with it ("Carter" -> "Ash Carter"); names with several candidates stay as they are."""
    names = sorted(set(n for n in names if isinstance(n, str) and n))
    full = [n for n in names if " " in n]
    out = {}
    for n in names:
        if " " not in n:
            cands = [f for f in full if f.split()[-1] == n]
            out[n] = cands[0] if len(cands) == 1 else n
        else:
            out[n] = n
    return out


def speakers(out_dir) -> pd.DataFrame:
    """Every quoted speaker who is a named actor of the article (person or organisation in the
    ``actors`` table; pronouns and unresolved phrases left out), with a corpus-wide ``name``
    (``"Carter"`` and ``"Ash Carter"`` merged), ``utterances`` and quoted ``words`` per article."""
    u = read_table(out_dir, "utterances")
    act = read_table(out_dir, "actors")
    cols = ["article_id", "outlet", "date", "speaker", "name", "kind", "utterances", "words"]
    if u.empty or act.empty or "speaker" not in u.columns:
        return pd.DataFrame(columns=cols)
    kinds = {(r.article_id, r.actor): r.kind for r in act.itertuples()}
    u = u[[(a, s) in kinds for a, s in zip(u.article_id, u.speaker)]].copy()
    if u.empty:
        return pd.DataFrame(columns=cols)
    u["kind"] = [kinds[(a, s)] for a, s in zip(u.article_id, u.speaker)]
    names = _canonical_names(act[act.kind == "person"].actor.tolist() + u.speaker.tolist())
    u["name"] = u.speaker.map(lambda s: names.get(s, s))
    u["words"] = u.text.fillna("").map(lambda t: len(_word_re().findall(t)))
    g = u.groupby(["article_id", "outlet", "date", "speaker", "name", "kind"]).agg(
        utterances=("start", "size"), words=("words", "sum")).reset_index()
    return g[cols].sort_values(["name", "date", "article_id"]).reset_index(drop=True)


@lru_cache(maxsize=None)
def _word_re():
    from .resources import WORD_RE

    return WORD_RE


def recurring_speakers(out_dir, min_articles: int = 2) -> pd.DataFrame:
    """Speakers quoted in at least ``min_articles`` articles: ``name``, ``articles``, ``outlets``,
    ``first`` and ``last`` date, ``utterances``, ``words``."""
    s = speakers(out_dir)
    cols = ["name", "kind", "articles", "outlets", "first", "last", "utterances", "words"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    g = s.groupby(["name"]).agg(kind=("kind", "first"), articles=("article_id", "nunique"),
                                outlets=("outlet", lambda x: ", ".join(sorted(set(x)))),
                                first=("date", "min"), last=("date", "max"),
                                utterances=("utterances", "sum"), words=("words", "sum")).reset_index()
    g = g[g.articles >= min_articles]
    return g.sort_values(["articles", "utterances", "name"], ascending=[False, False, True])[cols].reset_index(drop=True)


def speaker_tone(out_dir, min_articles: int = 2, by: str = "outlet") -> pd.DataFrame:
    """The tone of each recurring speaker (quoted in ``min_articles`` articles or more) per group:
    the mean of the per-article speaker scores of ``analysis.sentiment`` (``speakers`` table).
    Empty, with the same columns, when the run had no sentiment analysis."""
    cols = ["name", by, "articles", "tone", "min", "max"]
    sp = read_table(out_dir, "speakers")
    if sp.empty or "speaker" not in sp.columns:
        return pd.DataFrame(columns=cols)
    col = next((c for c in TONE_COLUMNS if c in sp.columns), None)
    if col is None:
        return pd.DataFrame(columns=cols)
    act = read_table(out_dir, "actors")
    names = _canonical_names((act.actor.tolist() if not act.empty else []) + sp.speaker.tolist())
    if "kind" in sp.columns:
        sp = sp[sp.kind != "voice"]  # the reporter's and the editorial voice are not speakers
    sp = sp.assign(name=sp.speaker.map(lambda s: names.get(s, s)), tone_value=pd.to_numeric(sp[col], errors="coerce"))
    sp = sp[sp.tone_value.notna()]
    keep = set(recurring_speakers(out_dir, min_articles).name)
    sp = sp[sp.name.isin(keep)]
    if sp.empty:
        return pd.DataFrame(columns=cols)
    g = sp.groupby(["name", by]).agg(articles=("article_id", "nunique"), tone=("tone_value", "mean"),
                                     min=("tone_value", "min"), max=("tone_value", "max")).reset_index()
    g[["tone", "min", "max"]] = g[["tone", "min", "max"]].round(3)
    return g.sort_values(["name", by])[cols].reset_index(drop=True)


def check_offsets(out_dir, tables=("utterances", "frame_hits", "loaded_hits", "paragraphs")) -> dict:
    """For every row with ``start``/``end`` in the given tables, whether the stored text's
    ``text[start:end]`` reproduces the row's ``text`` column (``paragraphs``: that the span lies in
    the text): ``{table: [rows checked, mismatches]}``."""
    texts = read_table(out_dir, "texts")
    if texts.empty:
        return {}
    text = dict(zip(texts.article_id, texts.text))
    out = {}
    for name in tables:
        t = read_table(out_dir, name)
        if t.empty or "start" not in t.columns:
            continue
        bad = 0
        for r in t.itertuples():
            s = text.get(r.article_id, "")
            if "text" in t.columns:
                bad += s[r.start:r.end] != r.text
            else:
                bad += not (0 <= r.start <= r.end <= len(s))
        out[name] = [len(t), bad]
    return out


def describe(groups: pd.DataFrame, by: str = "outlet") -> str:
    """A plain-language reading of :func:`group_summary` (one or two sentences)."""
    if groups is None or groups.empty:
        return "No article could be analysed."
    g = groups[groups.words > 0]
    if g.empty:
        return "The analysed articles hold no words."
    hi = g.sort_values(["loaded_per_1000", by], ascending=[False, True]).iloc[0]
    lo = g.sort_values(["loaded_per_1000", by], ascending=[True, True]).iloc[0]
    parts = [f"{int(g.articles.sum())} articles from {len(g)} {by}s were analysed."]
    if len(g) > 1:
        parts.append(f"Loaded terms are densest in {hi[by]} ({hi.loaded_per_1000:.1f} per 1,000 words, "
                     f"{int(hi.loaded_hits)} hits in {int(hi.articles)} article{'s' if hi.articles != 1 else ''}) and sparsest in "
                     f"{lo[by]} ({lo.loaded_per_1000:.1f}).")
    frames = sorted(set(g.dominant_frame) - {""})
    if frames:
        parts.append("The frame that dominates most articles is " + "; ".join(f"{r.dominant_frame} in {r[by]}" for _, r in g.iterrows() if r.dominant_frame) + ".")
    small = g[g.articles < 3]
    if len(small):
        parts.append(f"{len(small)} of the {len(g)} {by}s {'has' if len(small) == 1 else 'have'} fewer than three articles: "
                     "read their figures as examples, not as estimates.")
    return " ".join(parts)
