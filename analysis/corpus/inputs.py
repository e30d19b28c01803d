"""Corpus input: a folder, a JSON Lines or CSV file (or one article) read record by record as
:class:`Doc`, each record isolated from the others whatever is wrong with it.

A bad record never stops the run: it becomes a ``Doc`` with an ``error`` (and later a row of the
``errors`` table). That covers bytes that are not text, a JSON line that is not JSON or holds a lone
surrogate escape (``\\ud800``), a CSV row with an unterminated quote (reading resumes on the next
line, so the rows after it are not swallowed), a file over the size limit, a FIFO, device or socket
(never opened: nothing can hang), a symbolic-link loop, a link that leads out of the input folder
(not followed) and a file that cannot be read. Bad *input* as a whole (a missing path, an empty
folder, a file that is not CSV/JSON Lines at all) raises :class:`~analysis.errors.ArticleError`.
"""
from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import math
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..article import MAX_BYTES
from ..errors import ArticleError
from ..fileio import file_kind, os_error_message, read_regular

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
MAX_CONSECUTIVE_BAD = 1000  # a CSV/JSONL whose lines all fail is not a corpus: stop with ArticleError
# one JSON line or CSV field may hold an article of MAX_BYTES; JSON escapes (\uXXXX) make it up to
# six times longer on disk: a line longer than this is an error row, read past without keeping it
MAX_LINE_CHARS = 6 * MAX_BYTES


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


# ----------------------------------------------------------------------------------- records
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_str(s: str) -> str:
    """``s`` with lone surrogates (not Unicode text, unwritable as UTF-8) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", s) if not s.isascii() else s


def _plain_str(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (dict, list)):
        return _clean_str(json.dumps(v, ensure_ascii=False, sort_keys=True))
    return _clean_str(str(v).strip())


def _split_record(rec: dict) -> tuple[object, str | None, dict]:
    """``(text, id, meta)`` of an input record, metadata fields found through :data:`ALIASES`;
    other scalar fields go to ``meta["extra"]``. Metadata strings come back as valid Unicode."""
    low = {str(k).strip().lower(): k for k in rec}
    used, found = set(), {}
    for name, names in ALIASES.items():
        for n in names:
            if n in low and low[n] not in used:
                found[name] = rec[low[n]]
                used.add(low[n])
                break
    extra = {_clean_str(str(k)): _plain_str(v) for k, v in rec.items()
             if k not in used and str(k).strip().lower() != "file"}
    meta = {k: _plain_str(found.get(k)) for k in ("outlet", "date", "title", "url")}
    meta["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""
    rid = _plain_str(found.get("id")) or None
    return found.get("text"), rid, meta


def _record_doc(rec: dict, where: str, default_id: str, raw: bool = False) -> Doc:
    """The :class:`Doc` of a parsed record (``raw``: a CSV row whose undecodable bytes are still
    surrogate escapes, checked by the caller)."""
    text, rid, meta = _split_record(rec)
    doc = Doc(rid or default_id, meta, where)
    if text is None:
        doc.error = f"{where}: no 'text' field"
    elif not isinstance(text, str):
        doc.error = f"{where}: 'text' is a JSON {type(text).__name__}, not a string"
    elif not raw and not text.isascii() and _LONE_SURROGATE.search(text):
        doc.error = f"{where}: the text holds a lone surrogate (an escape such as \\ud800): not valid Unicode text"
    else:
        doc.text = text
    return doc


def _error_doc(rid: str, where: str, error: str) -> Doc:
    return Doc(rid, _split_record({})[2], where, error=error)


_CP1252_SURROGATE = re.compile("[\udc80-\udcff]")


def _fix_surrogates(text: str, name: str) -> tuple[str, list[str]]:
    """A line or field read with ``surrogateescape`` that was not UTF-8: decode it as cp1252."""
    if text.isascii() or not _CP1252_SURROGATE.search(text):
        return text, []
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp1252"), [f"{name}: not valid UTF-8; decoded as cp1252 (Windows-1252)"]
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: not valid UTF-8 nor cp1252: undecodable or binary data") from None


def _check_regular(path: Path) -> None:
    """Raise :class:`ArticleError` unless ``path`` is a regular file (links followed)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise ArticleError(os_error_message(e, path, "read")) from None
    if not stat.S_ISREG(st.st_mode):
        raise ArticleError(f"{path}: {file_kind(st.st_mode)}, not a regular file; give a folder, a .csv or a .jsonl file")


def _open_text(path: Path):
    _check_regular(path)
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _capped_lines(f) -> Iterator[str | None]:
    """The lines of ``f``; a line over :data:`MAX_LINE_CHARS` is read past and given as ``None``."""
    while True:
        line = f.readline(MAX_LINE_CHARS)
        if not line:
            return
        if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            while True:
                rest = f.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            yield None
            continue
        yield line


def _input_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for kind, sufs in (("jsonl", (".jsonl", ".ndjson")), ("csv", (".csv",)), ("file", TEXT_SUFFIXES)):
        if name.endswith(sufs):
            return kind
    return ""


# ------------------------------------------------------------------------------------ inputs
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
    try:
        st = os.stat(p)
    except OSError as e:
        msg = os_error_message(e, path, "read")
        raise ArticleError(f"{path}: no such file or folder" if "no such" in msg else msg) from None
    if stat.S_ISDIR(st.st_mode):
        return _scan_folder(p)
    kind = _input_kind(p)
    if not kind:
        raise ArticleError(f"{path}: not a corpus: expected a folder of .txt/.html files, a .csv or a .jsonl file")
    _check_regular(p)
    try:
        if kind == "file":
            return Input(p, "file", 1)
        with _open_text(p) as f:
            if kind == "jsonl":
                return _check_jsonl(p, f)
            return _check_csv(p, f)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise ArticleError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def iter_docs(path) -> Iterator[Doc]:
    """The records of a corpus input, one at a time (see :mod:`analysis.corpus` for the formats)."""
    yield from open_input(path).docs()


# ------------------------------------------------------------------------------------ folder
def _read_metadata(csv_path: Path) -> dict:
    out = {}
    try:
        with _open_text(csv_path) as f:
            reader = csv.DictReader(f)
            cols = [c.strip().lower() for c in (reader.fieldnames or [])]
            if "file" not in cols:
                raise ArticleError(f"{csv_path}: metadata.csv needs a 'file' column (the file name of each article); "
                                   f"found {', '.join(cols) or 'no columns'}")
            fcol = reader.fieldnames[cols.index("file")]
            for row in reader:
                name = (row.get(fcol) or "").strip()
                if name:
                    out[os.path.normpath(os.path.join(csv_path.parent, name))] = row
    except (OSError, csv.Error, UnicodeError) as e:
        raise ArticleError(f"{csv_path}: unreadable metadata.csv ({e})") from None
    return out


def _walk(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """``(folder, sorted file names)`` top-down, sorted, hidden entries skipped; linked folders
    are not entered (no loops, nothing outside the folder)."""
    def fail(e):
        raise e

    for folder, dirs, files in os.walk(root, onerror=fail, followlinks=False):
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


def read_article_file(p: Path, root: Path | None) -> bytes:
    """The bytes of one article file of a folder: a regular file (or a link to one inside ``root``),
    at most :data:`~analysis.article.MAX_BYTES`. Raises :class:`ArticleError` with the reason."""
    try:
        lst = os.lstat(p)
    except OSError as e:
        raise ArticleError(os_error_message(e, p, "read")) from None
    if stat.S_ISLNK(lst.st_mode):
        try:
            target = os.path.realpath(p, strict=True)
        except OSError as e:
            raise ArticleError(f"{p}: a broken symbolic link" if e.errno == errno.ENOENT
                               else os_error_message(e, p, "read")) from None
        if root is not None and not (target + os.sep).startswith(os.path.realpath(root).rstrip(os.sep) + os.sep):
            raise ArticleError(f"{p}: a symbolic link to {target}, outside the input folder; not followed")
    data = read_regular(p, MAX_BYTES, "a text file")
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{p}: too large for one article (over {MAX_BYTES / 1e6:.1f} MB)")
    return data


def _folder_docs(inp: Input) -> Iterator[Doc]:
    root = inp.path if inp.kind == "folder" else inp.path.parent
    items = _walk(root) if inp.kind == "folder" else [(root, [inp.path.name])]
    for folder, files in items:
        for f in files:
            if not f.lower().endswith(TEXT_SUFFIXES):
                continue
            p = folder / f
            rel = p.relative_to(root)
            row = inp.metadata.get(os.path.normpath(str(p)))
            text, rid, meta = _split_record(row or {})
            if row is None or not meta["outlet"]:
                meta["outlet"] = _clean_str(rel.parts[0]) if len(rel.parts) > 1 else ""
            rid = rid or _clean_str(rel.with_suffix("").as_posix())
            doc = Doc(rid, meta, _clean_str(str(p)), html=f.lower().endswith(HTML_SUFFIXES))
            try:
                doc.data = read_article_file(p, root if inp.kind == "folder" else None)
            except ArticleError as e:
                doc.error = str(e)
            yield doc


# ------------------------------------------------------------------------------- JSON Lines
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
    for line in _capped_lines(f):
        if line is None or line.strip():
            n += 1
            if first is None:
                first = line
    if first is None and not n:
        raise ArticleError(f"{p}: empty: no JSON lines")
    if first is None:
        raise ArticleError(f"{p}: the first line is longer than {MAX_LINE_CHARS:,} characters; this is not a JSON Lines file")
    rec, err = _parse_json_line(first, f"{p}: first line")
    if err:
        raise ArticleError(f"{err}; this is not a JSON Lines file")
    if _split_record(rec)[0] is None:
        raise ArticleError(f"{p}: the first record has no 'text' field (fields: {', '.join(map(str, rec)) or 'none'})")
    return Input(p, "jsonl", n)


def _jsonl_docs(inp: Input) -> Iterator[Doc]:
    stem = re.sub(r"\.(jsonl|ndjson)(\.gz)?$", "", inp.path.name, flags=re.I)
    bad = 0
    with _open_text(inp.path) as f:
        for lineno, line in enumerate(_capped_lines(f), 1):
            where = f"{inp.path.name}:{lineno}"
            if line is None:
                yield _error_doc(f"{stem}:{lineno}", where, f"{where}: a line over {MAX_LINE_CHARS:,} characters: "
                                 "too large for one article")
                continue
            if not line.strip():
                continue
            try:
                line, notes = _fix_surrogates(line, where)
            except ArticleError as e:
                yield _error_doc(f"{stem}:{lineno}", where, str(e))
                continue
            rec, err = _parse_json_line(line, where)
            if err:
                bad += 1
                if bad >= MAX_CONSECUTIVE_BAD:
                    raise ArticleError(f"{inp.path}: {bad} lines in a row are not JSON; stopped")
                yield _error_doc(f"{stem}:{lineno}", where, err)
                continue
            bad = 0
            doc = _record_doc(rec, where, f"{stem}:{lineno}")
            if notes and doc.text is not None:
                doc.meta["_notes"] = notes
            yield doc


# --------------------------------------------------------------------------------------- CSV
def _csv_reader(f, fieldnames=None):
    csv.field_size_limit(MAX_LINE_CHARS)
    return csv.DictReader(f, fieldnames=fieldnames, strict=True)


def _check_csv(p: Path, f) -> Input:
    lines = _csv_lines(f, set(), 0)
    try:
        reader = _csv_reader(lines)
        cols = reader.fieldnames
    except csv.Error as e:
        raise ArticleError(f"{p}: not a readable CSV file ({e})") from None
    if not cols:
        raise ArticleError(f"{p}: empty: no CSV header")
    if "\x00" in "".join(cols):
        raise ArticleError(f"{p}: binary data, not a CSV file")
    if not any(str(c).strip().lower() in ALIASES["text"] for c in cols):
        shown = ", ".join(str(c)[:30] for c in cols[:12])
        raise ArticleError(f"{p}: no 'text' column in the CSV header (columns: {shown})")
    if not any(line.strip() for line in lines):
        raise ArticleError(f"{p}: no rows after the CSV header")
    return Input(p, "csv", None)


_TOO_LONG = '"x"x\n'  # stands for a line over the limit: fails to parse as CSV (strict), so it is an error row


def _csv_lines(f, too_long: set, offset: int) -> Iterator[str]:
    """The lines of ``f`` for the CSV reader, a line over :data:`MAX_LINE_CHARS` replaced by a line
    that cannot be parsed (its number, counted from ``offset``, goes into ``too_long``)."""
    for i, line in enumerate(_capped_lines(f), offset + 1):
        if line is None:
            too_long.add(i)
            line = _TOO_LONG
        yield line


def _csv_docs(inp: Input) -> Iterator[Doc]:
    """The rows of a CSV file. A row that cannot be parsed (an unterminated quote, a stray quote,
    a field or line over the size limit) becomes an error row naming its first line, and reading
    starts again on the line after it, so one bad row cannot swallow the rows that follow."""
    stem = re.sub(r"\.csv(\.gz)?$", "", inp.path.name, flags=re.I)
    bad = n = skip = 0  # skip: lines already read (0: start with the header)
    header, too_long = None, set()
    while True:
        with _open_text(inp.path) as f:
            lines = _csv_lines(f, too_long, 0)
            for _ in range(skip):
                next(lines, None)
            reader = _csv_reader(lines, header)
            if header is None:
                header = reader.fieldnames
            while True:
                first_line = skip + reader.line_num + 1
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
                    why = (f"line over {MAX_LINE_CHARS:,} characters" if first_line in too_long
                           else f"unreadable CSV row ({e})")
                    yield _error_doc(f"{stem}:{n}", where, f"{where} (line {first_line}): {why}; "
                                     f"reading goes on at line {first_line + 1}")
                    skip = first_line
                    break
                bad = 0
                yield _csv_doc(row, where, f"{stem}:{n}")


def _csv_doc(row: dict, where: str, default_id: str) -> Doc:
    if None in row:  # more fields than the header has
        row.pop(None)
    doc = _record_doc(row, where, default_id, raw=True)
    if doc.text is not None:
        try:
            doc.text, notes = _fix_surrogates(doc.text, where)
            if notes:
                doc.meta["_notes"] = notes
            for k in ("outlet", "date", "title", "url", "extra"):
                doc.meta[k] = _fix_surrogates(doc.meta[k], where)[0]
        except ArticleError as e:
            doc.text, doc.error = None, str(e)
    for k in ("outlet", "date", "title", "url", "extra"):
        doc.meta[k] = _clean_str(doc.meta[k])
    doc.id = _clean_str(doc.id)
    return doc


# ---------------------------------------------------------------------------------- articles
def to_article(doc: Doc):
    """The :class:`~analysis.Article` of one record, decoded and checked like ``load_article``."""
    from ..article import Article, decode, html_to_text, looks_like_html

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


# ---------------------------------------------------------------------------- synthetic data
BUNDLED = Path(__file__).resolve().parent.parent.parent / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
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

    from ..article import load_article

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
