"""Load a news article: decoded text, paragraphs with their voice, sentences, all as offsets.

``Article.text`` is the exact decoded text, and every offset anywhere in the suite indexes it:
``article.text[start:end]`` reproduces each paragraph, sentence and finding. Nothing is normalised
(line endings stay as they are: ``\\r\\n`` counts as two characters); only a byte-order mark is
dropped when decoding, and an HTML page is reduced to its article text first.

>>> from analysis import Article
>>> a = Article.from_text("Image\\nLavrov said: \\"We help.\\" He left.\\n\\nComment: Not so.", name="demo")
>>> a.paragraphs[["start", "end", "voice"]].values.tolist()
[[0, 5, 'boilerplate'], [6, 38, 'report'], [40, 56, 'editorial']]
>>> [a.text[s:e] for s, e in zip(a.sentences.start, a.sentences.end)]
['Image', 'Lavrov said: "We help."', 'He left.', 'Comment: Not so.']
"""
from __future__ import annotations

import bisect
import codecs
import os
import re
import warnings
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from . import lexicons, resources
from .corrections import load as load_corrections
from .errors import ArticleError
from .fileio import read_regular

# the largest article analysed: every subcommand (quotes, sentiment, summary) finishes a text this size
# within 60 s and 1 GB on 2 cores (bench/bench_sizes.py); a long-form article is ~100 KB
MAX_BYTES = 2_000_000
TOO_LARGE_HINT = "split it into articles (a folder of .txt files or a JSONL file runs in corpus mode)"
VOICES = ("report", "editorial", "boilerplate")
LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|script|style|meta|link|img|li|ul|ol|table|tr|td|h[1-6]"
                      r"|article|section|header|footer|nav)\b[^>]*>", re.I)
CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ue000-\uf8ff]")
LETTER = re.compile(r"[^\W\d_]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
INITIAL_END = re.compile(r"(?:^|[\s(])[A-Z]\.$")
# resources.WORD_RE for ASCII text: the same matches there (callers test str.isascii() first)
ASCII_WORD_RE = re.compile(resources.WORD_RE.pattern, re.ASCII)


class ArticleWarning(UserWarning):
    """Input that could be analysed, with a caveat (fallback encoding, HTML extraction...)."""


@dataclass(frozen=True, eq=False)
class Article:
    """One article: its exact text plus derived tables (computed on first use).

    Build it with :func:`load_article` (a file) or :meth:`Article.from_text` (a string).
    """

    text: str
    name: str = "article"
    source: str | None = None
    encoding: str = "str"
    warnings: tuple[str, ...] = field(default=())
    corrections: tuple = field(default=())  # a reader's corrections to who says what (analysis.corrections)

    @classmethod
    def from_text(cls, text: str, name: str = "article", *, source: str | None = None,
                  encoding: str = "str", warnings: tuple[str, ...] = (), corrections=None) -> "Article":
        """Wrap a string as it is (no change at all to the text); raise :class:`ArticleError` if it
        cannot be analysed (empty, binary, HTML markup, too large, not English).

        >>> Article.from_text('Lavrov said: "We help."', name="tiny").text
        'Lavrov said: "We help."'
        """
        if not isinstance(text, str):
            raise ArticleError(f"{name}: expected text (str), got {type(text).__name__}")
        check_text(text, name)
        return cls(text=text, name=name, source=source, encoding=encoding, warnings=tuple(warnings),
                   corrections=load_corrections(corrections, text, name))

    def __getstate__(self) -> dict:
        """Pickled as its fields only: the tables and analyses cached on it are derived data,
        rebuilt on first use after unpickling (some hold the article weakly, and cannot be pickled).

        >>> import pickle
        >>> a = Article.from_text("One. Two.", name="x")
        >>> len(a.sentences), pickle.loads(pickle.dumps(a)).__dict__ == {"text": "One. Two.", "name": "x",
        ...     "source": None, "encoding": "str", "warnings": (), "corrections": ()}
        (2, True)
        """
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # ----------------------------------------------------------------- derived tables
    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: ``paragraph``, ``start``, ``end``, ``voice``, ``body_start``
        (where the text after a marker such as "Comment:" begins), ``marker``, ``words``, ``text``."""
        return _frame(self._pcols, PARAGRAPH_INTS)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``sentence``, ``start``, ``end``, ``paragraph``, ``voice``, ``text``.
        Sentences never cross paragraphs and carry no surrounding whitespace."""
        return _frame(self._scols, SENTENCE_INTS)

    @cached_property
    def _pcols(self) -> dict:
        return _paragraph_columns(self.text)

    @cached_property
    def _scols(self) -> dict:
        p = self._pcols
        return _sentence_columns(self.text, p["paragraph"], p["start"], p["end"], p["voice"])

    def column(self, table: str, name: str) -> list:
        """A column of ``paragraphs`` or ``sentences`` as the plain list the table was built from
        (no pandas cost; shared, so treat it as read-only).

        >>> Article.from_text("One. Two.\\n\\nComment: Three.").column("sentences", "voice")
        ['report', 'report', 'editorial']
        """
        return (self._pcols if table == "paragraphs" else self._scols)[name]

    @property
    def _para_starts(self) -> list[int]:
        return self._pcols["start"]

    @property
    def _para_voices(self) -> list[str]:
        return self._pcols["voice"]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (the previous one if it falls in a gap)."""
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def voice_at(self, offset: int) -> str:
        """The voice (``report``, ``editorial``, ``boilerplate``) of the text at ``offset``."""
        return self._para_voices[self.paragraph_at(offset)]

    @property
    def _sent_starts(self) -> list[int]:
        return self._scols["start"]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one if it falls in a gap)."""
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)

    @property
    def n_words(self) -> int:
        return int(self.paragraphs.words.sum())

    def __repr__(self) -> str:
        return f"Article(name={self.name!r}, chars={len(self.text)}, paragraphs={len(self.paragraphs)})"


def shared(article: Article, key, build):
    """``build()`` computed once per article and kept on it under ``key``, so that analyses which
    need the same intermediate result (``analysis.quotes.find_quotes`` is read by sentiment,
    framing, loaded terms and corpus mode) share one copy. The value is shared: treat it as
    read-only.

    >>> a = Article.from_text("Lavrov said so.")
    >>> shared(a, "n", lambda: [1]) is shared(a, "n", lambda: [2])
    True
    """
    store = article.__dict__.get("_shared")
    if store is None:
        store = article.__dict__["_shared"] = {}  # a frozen dataclass: its __dict__ is still writable
    if key not in store:
        store[key] = build()
    return store[key]


def as_article(article) -> Article:
    """The one per-article view helper every analysis uses: an :class:`Article` as it is, a string
    as ``Article.from_text(text)``; anything else raises :class:`ArticleError` (one rule for all).

    >>> as_article("Lavrov said so.").text
    'Lavrov said so.'
    >>> as_article(3)
    Traceback (most recent call last):
    ...
    analysis.errors.ArticleError: expected an Article or text, got int
    """
    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


# --------------------------------------------------------------------------- loading
def load_article(path, *, max_bytes: int | None = None, corrections=None) -> Article:
    """Read an article file (``.txt`` or ``.html``) without modifying it.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are decoded as such; other bytes fall back to
    cp1252 with a warning. Empty, whitespace-only, binary, undecodable, oversized and non-English
    input raise :class:`ArticleError` with a one-line message, and so does a path that is not a
    regular file (a FIFO or device is never opened for reading, so nothing hangs) or a symbolic-link
    loop. An HTML page, whatever its file name (a page saved as ``.txt`` included), is reduced to its
    article text (trafilatura) with a warning; offsets then refer to that extracted text.
    ``corrections``: a corrections CSV (or rows) applied to who says what (:mod:`analysis.corrections`).

    >>> a = load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")
    >>> a.name, a.paragraphs.voice.value_counts()["editorial"]
    ('rt-2015-lavrov-kerry-syria', np.int64(2))
    """
    p = Path(path)
    name = p.stem or str(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    data = read_regular(path, max_bytes, "a .txt or .html article file")  # a FIFO or device is refused, not read
    if len(data) > max_bytes:
        try:
            size = f"{os.path.getsize(path) / 1e6:.1f} MB"
        except OSError:
            size = f"over {max_bytes / 1e6:.1f} MB"
        raise ArticleError(f"{path}: too large for one article ({size}; limit {max_bytes / 1e6:.1f} MB); "
                           f"{TOO_LARGE_HINT}")
    text, encoding, notes = decode(data, str(path))
    if p.suffix.lower() in (".html", ".htm", ".xhtml") or looks_like_html(text):
        text = html_to_text(text, str(path))
        notes.append(f"{path}: HTML page reduced to its article text; offsets refer to the extracted text")
        encoding += "+html"
    for note in notes:
        warnings.warn(note, ArticleWarning, stacklevel=2)
    return Article.from_text(text, name=name, source=str(path), encoding=encoding, warnings=tuple(notes),
                             corrections=corrections)


def decode(data: bytes, name: str = "input") -> tuple[str, str, list[str]]:
    """Bytes to text: ``(text, encoding, warnings)``; raises :class:`ArticleError` for binary data.

    >>> decode("caf\\u00e9".encode("cp1252"))[:2]
    ('café', 'cp1252')
    """
    if not data:
        raise ArticleError(f"{name}: empty file")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError:
                raise ArticleError(f"{name}: starts with a {enc.upper()} byte-order mark "
                                   f"but is not valid {enc.upper()}") from None
    if b"\x00" in data:
        raise ArticleError(f"{name}: binary data (NUL bytes), not a text article")
    if data.startswith(codecs.BOM_UTF8):
        data, enc = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    else:
        enc = "utf-8"
    try:
        return data.decode("utf-8"), enc, []
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: not valid UTF-8 (byte {first_bad}) nor cp1252: "
                           "undecodable or binary data") from None
    return text, "cp1252", [f"{name}: not valid UTF-8 (byte {first_bad}); decoded as cp1252 (Windows-1252)"]


def looks_like_html(text: str) -> bool:
    """True for an HTML page (a doctype/html/body start, or dense markup)."""
    if HTML_START.match(text[:2000]):
        return True
    tags = HTML_TAG.findall(text[:200_000])
    return len(tags) >= 5 and sum(map(len, tags)) > 0.05 * min(len(text), 200_000)


def html_to_text(html: str, name: str = "input") -> str:
    """The article text of an HTML page, extracted by trafilatura (paragraphs on their own lines)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True,
                               output_format="txt", deduplicate=False) or ""
    if not text.strip():
        raise ArticleError(f"{name}: an HTML page with no article text that could be extracted")
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _function_words() -> frozenset[str]:
    cache = _function_words.__dict__
    if "v" not in cache:
        cache["v"] = frozenset(lexicons.load("english_function_words").word.str.lower())
    return cache["v"]


def check_text(text: str, name: str = "input") -> None:
    """Raise :class:`ArticleError` unless ``text`` is analysable English prose."""
    stripped = text.strip()
    if not stripped:
        message = "empty input: the article holds no text"
        raise ArticleError(f"{name}: {message}" if text else message)
    if len(text) > MAX_BYTES:
        raise ArticleError(f"{name}: too large for one article ({len(text) / 1e6:.1f} M characters; limit "
                           f"{MAX_BYTES / 1e6:.1f} M); {TOO_LARGE_HINT}")
    if "\x00" in text:
        raise ArticleError(f"{name}: binary data (NUL characters), not a text article")
    sample = text[:100_000]
    control = len(CONTROL.findall(sample))
    if control > max(3, 0.01 * len(sample)):
        raise ArticleError(f"{name}: binary data ({control} control characters), not a text article")
    if looks_like_html(text):
        raise ArticleError(f"{name}: looks like an HTML page; save it as .html and load it with load_article, "
                           "which extracts the article text")
    # ASCII letters are all Latin, so the Latin share can only fall below half when the letters
    # outside ASCII are mostly non-Latin: only then is every letter of the sample counted
    wide = "".join(NON_ASCII.findall(sample))
    n_letters = len(LETTER.findall(wide)) if wide else 0
    if n_letters and 2 * len(LATIN.findall(wide)) < n_letters:
        n_letters = len(LETTER.findall(sample))
    else:
        n_letters = 0  # Latin letters are at least half: the test below cannot fire
    if n_letters >= 20 and len(LATIN.findall(sample)) < 0.5 * n_letters:
        raise ArticleError(f"{name}: not English (most letters are in a non-Latin script); "
                           "the suite's lexicons are English-only")
    head = sample[:20_000]
    if head.isascii():  # lower-casing ASCII keeps every word: the words come out lower-cased
        toks = ASCII_WORD_RE.findall(head.lower())
    else:
        toks = list(map(str.lower, resources.WORD_RE.findall(head)))
    if len(toks) >= 15:
        fw = _function_words()
        share = sum(map(fw.__contains__, toks)) / len(toks)
        if share < (0.12 if len(toks) >= 30 else 0.05):
            raise ArticleError(f"{name}: does not look like English ({share:.0%} common English words, "
                               "expected over 12%); the suite's lexicons are English-only")


# ------------------------------------------------------------------------ paragraphs
@dataclass(frozen=True)
class _Marker:
    voice: str
    regex: re.Pattern
    max_words: int


def _markers() -> tuple[list[_Marker], re.Pattern | None]:
    """The voice markers, and all of them as one alternation (``None`` when a pattern refers to its
    own groups or cannot be joined): no hit of that means no marker hits (most paragraphs)."""
    cache = _markers.__dict__
    if "v" not in cache:
        df = lexicons.load("voice_markers")
        markers = [_Marker(r.voice, re.compile(r.pattern, re.I), int(r.max_words or 0)) for r in df.itertuples()]
        pats = list(df.pattern)
        try:
            joined = None if not pats or any(re.search(r"\\\d|\(\?P=|\(\?\(", x) for x in pats) \
                else re.compile("|".join(f"(?:{x})" for x in pats), re.I)
        except re.error:
            joined = None
        cache["v"] = (markers, joined)
    return cache["v"]


def classify_voice(paragraph: str, n_words: int | None = None) -> tuple[str, int]:
    """``(voice, marker_length)`` of one paragraph's text, from ``data/lexicons/voice_markers.csv``.

    >>> classify_voice("Comment: It's pretty clear.")
    ('editorial', 8)
    >>> classify_voice("\\u00a9 Reuters/Sergey Karpukhin")[0], classify_voice("Lavrov said so.")[0]
    ('boilerplate', 'report')
    """
    markers, any_marker = _markers()
    if any_marker is not None and any_marker.search(paragraph) is None:
        return "report", 0
    if n_words is None:
        n_words = len(resources.WORD_RE.findall(paragraph))
    for m in markers:
        hit = m.regex.search(paragraph)
        if hit and (m.max_words == 0 or n_words <= m.max_words):
            return m.voice, (hit.end() if m.voice == "editorial" else 0)
    return "report", 0


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, stripped of surrounding whitespace."""
    out, pos = [], 0
    for m in [*LINE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        seg = text[pos:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((pos + lead, pos + len(seg.rstrip())))
        else:
            out.append(None)  # blank line: a paragraph break
        pos = m.end() if m else len(text)
    return out


def _hard_wrapped(blocks: list[list[tuple[int, int]]]) -> bool:
    """A text wrapped at a fixed width (e-mail, plain-text wire copy): most lines inside multi-line
    blocks are nearly as long as the longest line, and the longest line is short."""
    inner = [e - s for b in blocks if len(b) > 1 for s, e in b[:-1]]
    if len(inner) < 3:
        return False
    width = max(inner)
    return width <= 100 and sum(n >= width - 20 for n in inner) >= 0.7 * len(inner)


PARAGRAPH_INTS = ("paragraph", "start", "end", "body_start", "words")
SENTENCE_INTS = ("sentence", "start", "end", "paragraph")


def _paragraph_columns(text: str) -> dict:
    """Paragraph columns of ``text``: each non-blank line is a paragraph, except in hard-wrapped
    text, where lines of one block separated by single line breaks are joined."""
    blocks, cur = [], []
    for ln in _lines(text):
        if ln is None:
            if cur:
                blocks.append(cur)
                cur = []
        else:
            cur.append(ln)
    if cur:
        blocks.append(cur)
    spans = []
    if _hard_wrapped(blocks):
        for b in blocks:
            s0, e0 = b[0]
            for s, e in b[1:]:
                if classify_voice(text[s:e])[0] != "report" or classify_voice(text[s0:e0])[0] == "boilerplate":
                    spans.append((s0, e0))
                    s0 = s
                e0 = e
            spans.append((s0, e0))
    else:
        spans = [ln for b in blocks for ln in b]
    cols = {k: [] for k in ("paragraph", "start", "end", "voice", "body_start", "marker", "words", "text")}
    for i, (s, e) in enumerate(spans):
        body = text[s:e]
        n_words = len((ASCII_WORD_RE if body.isascii() else resources.WORD_RE).findall(body))
        voice, mlen = classify_voice(body, n_words)
        bstart = s + mlen
        while bstart < e and text[bstart].isspace():
            bstart += 1
        for k, v in zip(cols, (i, s, e, voice, bstart, text[s:s + mlen].strip(), n_words, body)):
            cols[k].append(v)
    return cols


def columns_frame(names, arrays, n: int) -> pd.DataFrame:
    """A DataFrame from ready column arrays (one per name, ``n`` rows each) whose dtypes are kept as
    given: an object array stays ``object`` (the public constructor would infer pandas' string
    dtype for a column of strings), numeric arrays keep theirs, extension arrays stay as they are.

    >>> df = columns_frame(["a", "b"], [np.array([1, 2]), object_array(["x", "y"])], 2)
    >>> df.a.tolist(), str(df.b.dtype)
    ([1, 2], 'object')
    """
    index = pd.RangeIndex(n)
    data = {name: pd.Series(a, index=index, dtype=object) if getattr(a, "dtype", None) == np.dtype(object) else a
            for name, a in zip(names, arrays)}
    return pd.DataFrame(data, index=index, columns=list(names))


def column_list(df: pd.DataFrame, name: str) -> list:
    """``df[name].tolist()``: one column of a frame as a list of Python values.

    >>> column_list(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), "b")
    ['x', 'y']
    """
    return df[name].tolist()


def object_array(values) -> np.ndarray:
    """``values`` as a 1-D object array, element by element (a list of lists stays a column of lists).

    >>> object_array([[1], "a"]).shape
    (2,)
    """
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _frame(cols: dict, int_cols) -> pd.DataFrame:
    """A DataFrame from column lists, integer columns typed int64 even when empty, text as objects."""
    arrays = [np.asarray(v, dtype=np.int64) if k in int_cols else object_array(v) for k, v in cols.items()]
    return columns_frame(cols, arrays, len(next(iter(cols.values()), [])))


def _sentence_columns(text: str, pids, starts, ends, voices) -> dict:
    """Sentence columns: Punkt sentences inside each paragraph (offsets into ``text``), with no
    surrounding space."""
    tok = resources.punkt()
    cols = {k: [] for k in ("sentence", "start", "end", "paragraph", "voice", "text")}
    for pid, p0, p1, voice in zip(pids, starts, ends, voices):
        chunk = text[p0:p1]
        spans = []
        for s, e in tok.span_tokenize(chunk):
            if spans and INITIAL_END.search(chunk[spans[-1][0]:spans[-1][1]]):
                spans[-1] = (spans[-1][0], e)  # "John F. Kennedy": an initial does not end a sentence
            else:
                spans.append((s, e))
        for s, e in spans:
            seg = chunk[s:e]
            lead, trail = len(seg) - len(seg.lstrip()), len(seg) - len(seg.rstrip())
            s2, e2 = p0 + s + lead, p0 + e - trail
            if e2 > s2:
                for k, v in zip(cols, (len(cols["sentence"]), s2, e2, pid, voice, text[s2:e2])):
                    cols[k].append(v)
    return cols


def voice_summary(article: Article) -> pd.DataFrame:
    """Paragraphs, sentences and words per voice, with each voice's share of the words.

    >>> a = Article.from_text("Image\\nLavrov said so. He left.\\n\\nComment: Not so.")
    >>> voice_summary(a)[["voice", "paragraphs", "sentences", "words"]].values.tolist()
    [['report', 1, 2, 5], ['editorial', 1, 1, 3], ['boilerplate', 1, 1, 1]]
    """
    p, s = article.paragraphs, article.sentences
    out = pd.DataFrame({"voice": list(VOICES)})
    out["paragraphs"] = out.voice.map(p.voice.value_counts()).fillna(0).astype("int64")
    out["sentences"] = out.voice.map(s.voice.value_counts()).fillna(0).astype("int64")
    out["words"] = out.voice.map(p.groupby("voice")["words"].sum()).fillna(0).astype("int64")
    out["word_share"] = (out.words / max(1, out.words.sum())).round(3)
    return out
