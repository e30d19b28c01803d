"""The one loader for the curated word lists in ``data/lexicons/`` (CSV, audited by researchers), and
for a user's own alias file.

Every lexicon is a CSV file with at least a ``rationale`` and a ``source`` column, so each entry
says why it is there and where it came from. Set ``ANALYSIS_LEXICONS`` to a folder of your own
files to use edited copies without touching the repository; :func:`check_folder` tells at once,
in one line, what is wrong with such a folder. A lexicon that cannot be read raises
:class:`~analysis.errors.LexiconError` naming the file and what to do.

>>> from analysis import lexicons
>>> ab = lexicons.load("abbreviations")
>>> "sept" in set(ab.abbreviation)
True
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import ArticleError, LexiconError

REQUIRED = ("rationale", "source")
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "lexicons"
ALIAS_MATCH = ("word", "nocase", "regex")  # values of an alias file's ``match`` column ("" = word)
REGEX_PROBE_SECONDS = 3.0  # regex aliases slower than this on the probe texts (all of them) are refused
MAX_ALIAS_BYTES = 5_000_000


def lexicon_dir() -> Path:
    """The folder lexicons are read from: ``$ANALYSIS_LEXICONS`` or the repository's ``data/lexicons``."""
    env = os.environ.get("ANALYSIS_LEXICONS")
    return Path(env) if env else SHIPPED


def run_reads(*extra) -> list:
    """The paths a run reads (which no output may overwrite, hold or lie inside): ``extra`` (the
    input), the lexicon folder and the user alias file."""
    return [*extra, lexicon_dir(), os.environ.get("ANALYSIS_ALIASES") or None]


def _where() -> str:
    env = os.environ.get("ANALYSIS_LEXICONS")
    return (f"ANALYSIS_LEXICONS={env}: point it at a copy of data/lexicons holding every file, or unset it"
            if env else "reinstall the package or restore data/lexicons")


@lru_cache(maxsize=None)
def _read(path: str, mtime: float) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None, encoding="utf-8-sig")
    except (OSError, UnicodeError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise LexiconError(f"{path}: not a readable UTF-8 CSV lexicon ({' '.join(str(e).split())[:160]}); "
                           f"{_where()}") from None
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise LexiconError(f"{path}: the lexicon lacks the column(s) {', '.join(missing)}; {_where()}")
    return df


def load(name: str) -> pd.DataFrame:
    """Read ``data/lexicons/<name>.csv`` as strings (a fresh copy each call, cached on disk mtime)."""
    path = lexicon_dir() / f"{name}.csv"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise LexiconError(f"{path}: no lexicon {name!r} there; {_where()}") from None
    if not path.is_file():
        raise LexiconError(f"{path}: not a file; {_where()}")
    return _read(str(path), mtime).copy()


def check_folder() -> None:
    """With ``$ANALYSIS_LEXICONS`` set: raise :class:`LexiconError` unless it is a folder holding a
    readable copy of every lexicon the suite ships, each with at least the shipped columns."""
    env = os.environ.get("ANALYSIS_LEXICONS")
    if not env:
        return
    d = Path(env)
    if not d.is_dir():
        raise LexiconError(f"ANALYSIS_LEXICONS={env}: {'not a folder' if d.exists() else 'no such folder'}; "
                           "point it at a copy of data/lexicons, or unset it")
    for shipped in sorted(SHIPPED.glob("*.csv")):
        df = load(shipped.stem)
        want = [c.strip() for c in pd.read_csv(shipped, nrows=0, encoding="utf-8-sig").columns]
        lack = [c for c in want if c not in df.columns]
        if lack:
            raise LexiconError(f"{d / shipped.name}: lacks the column(s) {', '.join(lack)} of the shipped lexicon; "
                               f"{_where()}")


# ------------------------------------------------------------------------------ alias files
def read_alias_file(path, *, probe: bool = False) -> pd.DataFrame:
    """A user alias file (CSV, UTF-8 with or without a byte-order mark, as spreadsheets save it):
    columns ``actor`` and ``alias`` required, ``kind``, ``role``, ``gender``, ``match`` optional,
    as strings. ``match`` is ``word`` (default), ``nocase`` or ``regex``; a ``regex`` alias must
    compile and must not repeat a group that repeats (:func:`check_alias_regex`); with ``probe``
    (the command line, once per run) each is also timed on hostile texts (:func:`slow_patterns`).
    Raises :class:`LexiconError` naming the file, the row and what to do.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes("\\ufeffactor,alias,match\\nDaesh,(a+)+b,regex\\n".encode("utf-8"))
    >>> read_alias_file(p)
    Traceback (most recent call last):
    ...
    analysis.errors.LexiconError: ...a.csv: row 2, alias '(a+)+b': a repeated group that itself repeats ...
    """
    from .fileio import read_regular

    try:
        data = read_regular(path, MAX_ALIAS_BYTES, "a CSV alias file")
    except ArticleError as e:
        raise LexiconError(str(e).replace("no such file or folder", "no such alias file")) from None
    if len(data) > MAX_ALIAS_BYTES:
        raise LexiconError(f"{path}: too large for an alias file (over {MAX_ALIAS_BYTES / 1e6:.0f} MB)")
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(text.splitlines()))
    except (UnicodeDecodeError, csv.Error) as e:
        raise LexiconError(f"{path}: not a UTF-8 CSV alias file ({e}); save it as CSV UTF-8") from None
    header = [h.strip() for h in (rows[0] if rows else [])]
    if not {"actor", "alias"} <= set(header):
        raise LexiconError(f"{path}: an alias file needs the columns 'actor' and 'alias' "
                           f"(found: {', '.join(header) or 'none'})")
    body = [r + [""] * (len(header) - len(r)) for r in rows[1:] if any(x.strip() for x in r)]
    df = pd.DataFrame([r[:len(header)] for r in body], columns=header, dtype=str)
    regexes = []
    if "match" in df.columns:
        for i, (alias, match) in enumerate(zip(df["alias"], df["match"]), 2):
            m = match.strip().lower()
            if m not in ("", *ALIAS_MATCH):
                raise LexiconError(f"{path}: row {i}: match {match!r} is none of {', '.join(ALIAS_MATCH)}")
            if m == "regex":
                why = check_alias_regex(alias)
                if why:
                    raise LexiconError(f"{path}: row {i}, alias {alias!r}: {why}")
                regexes.append((i, alias))
    slow = slow_patterns([a for _, a in regexes]) if probe else None
    if slow is not None:
        i, alias = regexes[slow]
        raise LexiconError(f"{path}: row {i}, alias {alias!r}: too slow on a test text (it backtracks without "
                           "bound, e.g. on a long run of spaces); rewrite it more simply")
    return df


# a group (or class) followed by a quantifier that repeats it without bound
_QUANT = re.compile(r"\*|\+|\{\d*,\d*\}|\{\d+\}")


def _nested_repeat(pattern: str) -> bool:
    """True when a group repeated by ``*``, ``+`` or ``{m,n}`` (n > 1) holds a quantifier or an
    alternation: the shape behind catastrophic backtracking (``(a+)+``, ``(a|aa)*``, ``(\\w+\\s?)*``)."""
    stack: list[bool] = []  # per open group: does it hold a quantifier or '|'
    i, n = 0, len(pattern)
    closed_inner = False  # the group just closed held a quantifier or '|'
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            closed_inner = False
            continue
        if c == "[":  # a character class: skip to its end
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            closed_inner = False
            continue
        if c == "(":
            stack.append(False)
            i += 1
            if pattern.startswith("?", i):  # (?:, (?=, (?P<name>... : skip the group's prefix
                i += 1
            closed_inner = False
            continue
        if c == ")":
            inner = stack.pop() if stack else False
            if stack and inner:
                stack[-1] = True
            closed_inner = inner
            i += 1
            continue
        m = _QUANT.match(pattern, i)
        if m:
            q = m.group()
            repeats = q in ("*", "+") or (q.startswith("{") and _max_repeat(q) > 1)
            if closed_inner and repeats:
                return True
            if stack:
                stack[-1] = True
            i = m.end()
            closed_inner = False
            continue
        if c == "?" and stack:
            stack[-1] = True
        if c == "|" and stack:
            stack[-1] = True
        closed_inner = False
        i += 1
    return False


def _max_repeat(q: str) -> float:
    body = q[1:-1]
    if "," not in body:
        return int(body or 0)
    hi = body.split(",", 1)[1]
    return int(hi) if hi else float("inf")


# texts on which a pattern that backtracks without bound takes seconds or more (runs of one kind of
# character ending in one that fits no run)
_PROBES = tuple(run * (1200 // len(run)) + end for run, end in
                ((" ", "!"), ("a", "!"), ("A", "!"), ("1", "!"), ("aA1 .", "\x00"), ("ab ", "\n"), ("x-y ", "@"),
                 ("\u00e9", "!")))
_PROBE_CODE = """import re, sys
probes = %r
for i, p in enumerate(sys.argv[1:]):
    print(i, flush=True)
    rx = re.compile(p)
    for t in probes:
        rx.search(t)
print("done", flush=True)
"""


def check_alias_regex(pattern: str) -> str | None:
    """Why the alias pattern ``pattern`` is refused, or ``None``: it must compile, hold no
    backreference (aliases are joined into one pattern, which renumbers groups) and repeat no group
    that itself repeats or alternates. :func:`slow_patterns` then times what passes.

    >>> check_alias_regex(r"U\\.?S\\.?(?: administration)?") is None
    True
    >>> check_alias_regex("(Putin")
    'not a valid regular expression (missing ), unterminated subpattern at position 0); fix it or use match word'
    """
    try:
        re.compile(pattern)
    except re.error as e:
        return f"not a valid regular expression ({e}); fix it or use match word"
    if re.search(r"\\[1-9]|\(\?P=|\(\?\(", pattern):
        return "a backreference or conditional group, which alias patterns cannot hold; rewrite it without"
    if _nested_repeat(pattern):
        return ("a repeated group that itself repeats or alternates (like (a+)+), which can take unbounded time; "
                "rewrite it without nesting repeats")
    return None


def slow_patterns(patterns: list[str], seconds: float = REGEX_PROBE_SECONDS) -> int | None:
    """The index of the first pattern that does not search a few hostile texts of ~1,200
    characters within ``seconds`` (all of them together), or ``None``. The patterns run in a child
    process with Python's own ``re``, the engine the analyses use (it cannot be interrupted in
    this process), which is killed at the time limit.

    >>> slow_patterns([r"Putin", r"\\s*\\s*\\s*\\s*x"], seconds=1.0)
    1
    """
    import subprocess
    import sys

    if not patterns:
        return None
    try:
        p = subprocess.run([sys.executable, "-c", _PROBE_CODE % (_PROBES,), *patterns], capture_output=True,
                           text=True, timeout=seconds)
        return None if p.stdout.rstrip().endswith("done") else int((p.stdout.split() or ["0"])[-1])
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        last = [x for x in out.split() if x.isdigit()]
        return int(last[-1]) if last else 0
