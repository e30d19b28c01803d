"""A reader's corrections to who says what, applied before every analysis.

A corrections file is a CSV with the columns ``start``, ``end`` (an utterance's offsets as
``python -m analysis quotes`` prints them) and ``speaker``, optionally ``kind`` (``direct``,
``indirect``, ``mixed`` or ``partial``) and ``text`` (when given, it must equal the article's text
at those offsets: a check that the file belongs to this version of the article). Other columns
(``note``, ``comment``) are kept for the reader and ignored. Each row:

- matches an utterance (same ``start`` and ``end``): its speaker becomes ``speaker`` (and its kind
  ``kind``, when given); ``speaker`` ``-`` removes it (the words are nobody's speech: they go back
  to the voice of their paragraph);
- matches no utterance: adds one, of kind ``kind`` or, when not given, ``direct`` if the span
  stands inside quotation marks and ``indirect`` otherwise. Utterances the new one overlaps are
  removed (the reader's span is the truth for those words). A ``-`` row that matches nothing is
  reported as a warning and changes nothing.

Corrected and added utterances get ``how`` ``correction`` and ``confidence`` 1.0; the speaker's
name is used as written (write it as ``quotes`` prints it, e.g. "Sergey Lavrov", to merge with
that speaker's other utterances).

The corrections belong to an article: ``analysis.load_article(path, corrections=FILE)`` (or
``Article.from_text(text, corrections=...)``) reads and checks them and keeps them on the
article as ``article.corrections``, and the quotes analysis applies them where the utterances are
produced (:func:`for_article`), so sentiment, frames, loaded terms and the summary all read the
corrected utterances. On the command line: ``--corrections FILE`` on every subcommand; in the
notebooks: the ``corrections_path`` parameter.

>>> cols = {"speaker": ["Boris Johnson"], "kind": ["indirect"], "start": [4], "end": [12],
...         "text": ["the talk"], "parts": [[4, 12]], "how": ["reported"], "confidence": [0.75]}
>>> fixed = apply_corrections(cols, "Was the talk good? 'Yes,' she said.",
...                           [Correction(4, 12, "-"), Correction(20, 23, "Priti Patel")])
>>> fixed["speaker"], fixed["kind"], fixed["start"], fixed["how"]
(['Priti Patel'], ['direct'], [20], ['correction'])
"""
from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from .errors import ArticleError

KINDS = ("direct", "indirect", "mixed", "partial")
NOT_SPEECH = "-"
REQUIRED = ("start", "end", "speaker")
OPTIONAL = ("kind", "text", "note", "comment")
OPEN_QUOTES = "\"'\u201c\u2018\u00ab\u201e\u201a\u2039"
CLOSE_QUOTES = "\"'\u201d\u2019\u00bb\u201c\u203a"
MAX_ROWS = 10_000
#: The values of an added utterance's columns that no correction gives (no mention, no cue).
EMPTY = {"speaker_mention": "", "speaker_start": -1, "speaker_end": -1, "speaker_spans": [], "cue": "", "cue_start": -1,
         "cue_end": -1, "verb": "", "stance": ""}


class Correction(NamedTuple):
    """One row of a corrections file: the span ``start``-``end`` is ``speaker``'s (``-``: nobody's
    speech); ``kind`` is empty when the file does not say; ``line`` is the row's line in its file
    (0 when not read from a file)."""
    start: int
    end: int
    speaker: str
    kind: str = ""
    text: str | None = None
    line: int = 0


class CorrectionWarning(UserWarning):
    """A correction that changed nothing (a removal whose offsets match no utterance)."""


# --------------------------------------------------------------------------- reading and checking
def read_corrections(path) -> tuple[Correction, ...]:
    """The rows of a corrections CSV; one-line :class:`ArticleError` for a missing or undecodable
    file, a bad header, a non-integer offset, ``start >= end``, an unknown kind or a span given
    twice. Offsets are checked against the article by :func:`check` (``load_article`` does both).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("start,end,speaker\\n10,5,Kerry\\n")
    >>> read_corrections(f.name)
    Traceback (most recent call last):
    ...
    analysis.errors.ArticleError: ...: line 2: start 10 is not before end 5
    >>> os.unlink(f.name)
    """
    p = Path(path)
    if not p.is_file():
        raise ArticleError(f"{path}: no such corrections file")
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ArticleError(f"{path}: not a readable UTF-8 CSV corrections file ({type(e).__name__})") from None
    return parse_corrections(raw, str(path))


def parse_corrections(raw: str, name: str = "corrections") -> tuple[Correction, ...]:
    """:func:`read_corrections` on the CSV text ``raw`` (``name`` is used in messages)."""
    try:
        reader = csv.reader(io.StringIO(raw, newline=""))
        rows = [(reader.line_num, r) for r in reader if any(c.strip() for c in r)]
    except csv.Error as e:
        raise ArticleError(f"{name}: not a CSV file ({e})") from None
    if not rows:
        raise ArticleError(f"{name}: empty corrections file (needs the header start,end,speaker)")
    first = rows[0][1]
    header = [h.strip().lower() for h in first]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        raise ArticleError(f"{name}: bad header {','.join(first)!r}: a corrections file has the columns "
                           f"start,end,speaker and optionally kind, text, note")
    if len(rows) - 1 > MAX_ROWS:
        raise ArticleError(f"{name}: more than {MAX_ROWS:,} corrections")
    out, seen = [], {}
    for line, r in rows[1:]:
        c = _row(dict(zip(header, (x.strip() for x in r))), line, name, len(r) - len(header))
        if (c.start, c.end) in seen:
            raise ArticleError(f"{name}: line {line}: the span {c.start}-{c.end} is corrected twice (also line "
                               f"{seen[(c.start, c.end)]})")
        seen[(c.start, c.end)] = line
        out.append(c)
    return tuple(out)


def _row(r: dict, line: int, name: str, extra: int) -> Correction:
    where = f"{name}: line {line}"
    if extra > 0:
        raise ArticleError(f"{where}: {extra} more field(s) than the header (quote a name that holds a comma)")
    try:
        start, end = int(r.get("start", "")), int(r.get("end", ""))
    except ValueError:
        raise ArticleError(f"{where}: start and end must be whole numbers (character offsets), got "
                           f"{r.get('start', '')!r} and {r.get('end', '')!r}") from None
    if start < 0:
        raise ArticleError(f"{where}: start {start} is negative")
    if start >= end:
        raise ArticleError(f"{where}: start {start} is not before end {end}")
    speaker = " ".join(r.get("speaker", "").split())
    if not speaker:
        raise ArticleError(f"{where}: no speaker (write '-' for words that are nobody's speech)")
    kind = r.get("kind", "").lower()
    if kind and kind not in KINDS:
        raise ArticleError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    text = r.get("text") or None
    return Correction(start, end, speaker, kind, text, line)


def check(corrections: Iterable[Correction], text: str, name: str = "article") -> tuple[Correction, ...]:
    """``corrections`` as a tuple, each checked against the article ``text``: offsets within it,
    and its ``text`` (when given) equal to ``text[start:end]`` up to white space; one-line
    :class:`ArticleError` otherwise."""
    out = []
    for c in corrections:
        c = c if isinstance(c, Correction) else Correction(*c)
        where = f"{name}: correction{' on line ' + str(c.line) if c.line else ''} {c.start}-{c.end}"
        if c.start < 0 or c.end > len(text) or c.start >= c.end:
            raise ArticleError(f"{where}: offsets out of range (the article has {len(text):,} characters)")
        if c.speaker != NOT_SPEECH and not text[c.start:c.end].strip():
            raise ArticleError(f"{where}: the span holds only white space")
        if c.text is not None and " ".join(c.text.split()) != " ".join(text[c.start:c.end].split()):
            raise ArticleError(f"{where}: its text does not match the article there "
                               f"({' '.join(text[c.start:c.end].split())[:60]!r}); is it the same version of the "
                               f"article?")
        out.append(c)
    return tuple(out)


def load(corrections, text: str, name: str = "article") -> tuple[Correction, ...]:
    """Corrections given as a path (str or Path), as rows (:class:`Correction` or tuples) or as
    nothing (``None``, ``""``), read and checked against ``text``."""
    if corrections is None or (isinstance(corrections, str) and not corrections.strip()):
        return ()
    if isinstance(corrections, (str, Path)):
        return check(read_corrections(corrections), text, f"{name} ({corrections})")
    return check(corrections, text, name)


# --------------------------------------------------------------------------- applying
def for_article(columns: dict, article, *, speaker_type: Callable[[str], str] | None = None) -> dict:
    """:func:`apply_corrections` with the corrections kept on ``article`` (none: ``columns``
    unchanged); added utterances are placed in the article's paragraphs and sentences."""
    corrections = getattr(article, "corrections", ())
    if not corrections:
        return columns
    def locate(pos: int) -> tuple[int, int, str]:
        return article.paragraph_at(pos), article.sentence_at(pos), article.voice_at(pos)

    return apply_corrections(columns, article.text, corrections, speaker_type=speaker_type, locate=locate)


def apply_corrections(columns: dict, text: str, corrections: Iterable[Correction], *,
                      speaker_type: Callable[[str], str] | None = None,
                      locate: Callable[[int], tuple[int, int, str]] | None = None) -> dict:
    """``columns`` (the column lists of ``analysis.quotes.utterance_columns``: one list per column,
    one entry per utterance) with ``corrections`` applied (see the module docstring), rows in
    text order; fresh lists, the input is not changed. ``speaker_type(name)`` gives the
    ``speaker_type`` of a corrected speaker (default: that of another utterance of the same
    speaker, else ``unknown``); ``locate(offset)`` gives ``(paragraph, sentence, voice)`` for an
    added utterance (default: 0, 0, ``report``). Columns other than the ones named here get the
    value of "not found" for their type (``""``, ``-1``, ``[]``)."""
    names = list(columns)
    rows = [dict(zip(names, vals)) for vals in zip(*(columns[k] for k in names))]
    types = {r.get("speaker"): r.get("speaker_type") for r in rows if r.get("speaker") and r.get("speaker_type")}

    def kind_of(name: str) -> str:
        if speaker_type is not None:
            return speaker_type(name)
        return types.get(name, "unknown")

    for c in corrections:
        at = [i for i, r in enumerate(rows) if r.get("start") == c.start and r.get("end") == c.end]
        if c.speaker == NOT_SPEECH:
            if not at:
                warnings.warn(f"correction {c.start}-{c.end} ('-'{', line ' + str(c.line) if c.line else ''}): no "
                              f"utterance has these offsets; nothing removed", CorrectionWarning, stacklevel=2)
            rows = [r for i, r in enumerate(rows) if i not in at]
            continue
        if at:
            _reassign(rows[at[0]], c, kind_of(c.speaker))
            continue
        rows = [r for r in rows if r.get("end", 0) <= c.start or r.get("start", 0) >= c.end]
        rows.append(_added(names, rows, text, c, kind_of(c.speaker), locate))
    rows.sort(key=lambda r: (r.get("start", 0), r.get("end", 0)))
    return {k: [r[k] for r in rows] for k in names}


def _reassign(row: dict, c: Correction, speaker_type: str) -> None:
    if row.get("speaker") != c.speaker:
        row.update(speaker=c.speaker, speaker_type=speaker_type)
        if "speaker_mention" in row:  # the mention found no longer names this utterance's speaker
            row.update(speaker_mention="", speaker_start=-1, speaker_end=-1, speaker_spans=[])
    if c.kind:
        row["kind"] = c.kind
    row.update(how="correction", confidence=1.0)


def _added(names: list, rows: list, text: str, c: Correction, speaker_type: str, locate) -> dict:
    paragraph, sentence, voice = locate(c.start) if locate else (0, 0, "report")
    values = {"speaker": c.speaker, "kind": c.kind or ("direct" if in_quotes(text, c.start, c.end) else "indirect"),
              "start": c.start, "end": c.end, "text": text[c.start:c.end], "parts": [c.start, c.end],
              "paragraph": paragraph, "sentence": sentence, "voice": voice, "how": "correction",
              "speaker_type": speaker_type, "confidence": 1.0} | EMPTY | {"speaker_spans": []}
    row = {}
    for k in names:
        if k in values:
            row[k] = values[k]
        else:  # the empty value of the column's type (the first row's value tells the type)
            sample = next((r[k] for r in rows if r.get(k) is not None), "")
            is_int = isinstance(sample, int) and not isinstance(sample, bool)
            row[k] = -1 if is_int else [] if isinstance(sample, list) else ""
    return row


def in_quotes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside quotation marks: it opens and closes with one, or
    the nearest characters outside it (white space skipped, and a closing comma or full stop
    inside the marks allowed) are an opening and a closing mark.

    >>> in_quotes('He said: "We act." Then left.', 10, 17), in_quotes('He said we act.', 8, 14)
    (True, False)
    """
    span = text[start:end].strip()
    if len(span) >= 2 and span[0] in OPEN_QUOTES and span[-1] in CLOSE_QUOTES:
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \t,.;:!?":
        j += 1
    return i >= 0 and text[i] in OPEN_QUOTES and j < len(text) and text[j] in CLOSE_QUOTES
