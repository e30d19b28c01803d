"""Who says what: quotations and reported speech with their speakers, and the scare quotes that are
nobody's speech.

One row per utterance (:func:`find_quotes`): who speaks (``speaker``, a canonical name from
:mod:`analysis.actors`; the mention as written in ``speaker_mention`` with ``speaker_start``/``speaker_end``),
the cue (``cue`` with ``cue_start``/``cue_end``, its ``verb`` and ``stance`` from
``data/lexicons/cue_verbs.csv``), the ``kind`` of report and the content span ``start``/``end``
(``article.text[start:end] == text``):

* ``direct``: the content is a quotation; the span excludes the outer quote marks. A quotation
  interrupted by its attribution (``"A," Lavrov said. "B."``) is one utterance running from A to B
  (the attribution inside it is listed in ``parts``, the quoted pieces, as a flat list of offsets);
* ``mixed``: reported speech holding a quoted fragment (``Kerry said that the US was concerned
  "about reports ..."``); the span is the whole reported clause;
* ``indirect``: reported speech without quote marks (``X says (that) ...``, ``..., X said.``,
  ``according to X, ...``, ``the US State Department shared its concerns about ...``);
* ``partial``: a quoted fragment with no clause of its own, attributed from its context.

How it works (rules over precompiled regexes, no model): quote marks are paired per paragraph
(straight, curly, ``''`` and guillemets; an unclosed quote runs to the end of its paragraph). A
quotation is attributed by a cue right after it (``"...," Lavrov said`` / ``"...," said Lavrov``) or
right before it (``Lavrov said: "..."``), or it continues the speaker of the quotation just before
it (same or next paragraph, same voice). Reported speech is found from the cue verbs outside
quotation marks: the speaker is the noun phrase before the cue (with appositives, relative
"who"), or after an inverted cue; the content is the clause after the cue (with "that"), or the
clause before ", X said". Pronoun speakers ("she added") are resolved to the last speaker, or
person, whose gender fits. Short quoted phrases that no cue attributes are scare quotes
(:func:`scare_quotes`). Text in ``editorial`` paragraphs is never continued from a quoted speaker.

>>> from analysis import Article
>>> a = Article.from_text('"We help," Lavrov said. "We do." Washington is wrong, Lavrov said.\\n\\n'
...                       'Zakharova said the plan was "dead" and she added that it failed.')
>>> find_quotes(a)[["speaker", "kind", "text"]].values.tolist()
[['Lavrov', 'direct', 'We help," Lavrov said. "We do.'], ['Lavrov', 'indirect', 'Washington is wrong'], ['Zakharova', 'mixed', 'the plan was "dead" and she added that it failed']]
"""
from __future__ import annotations

import bisect
import re
import weakref
from itertools import accumulate
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import actors as _actors
from . import cues as _cues
from . import lexicons, resources
from .article import object_array

UTTERANCE_COLUMNS = ["speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_spans", "cue", "cue_start", "cue_end",
                     "verb", "stance", "kind", "start", "end", "text", "parts", "paragraph", "sentence", "voice", "how",
                     "speaker_type", "confidence"]
SCARE_COLUMNS = ["start", "end", "text", "voice", "paragraph", "kind"]
SPEAKER_COLUMNS = ["speaker", "kind", "role", "gender", "organisation", "aliases", "utterances", "direct", "indirect",
                   "mixed", "partial", "words", "first_start"]
KINDS = ("direct", "mixed", "indirect", "partial")

# ------------------------------------------------------------------------------------ regexes
BLANKS = " \t\u00a0\u2009\u202f"
# a double quote mark (straight, curly, low, guillemet) or a doubled '' / ``; written to open with one
# character class, so that the regex engine skips ahead to the marks instead of trying every position
DOUBLE_MARK_RE = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb'`](?:(?<=')'|(?<=`)`|(?<=[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]))")
OPENERS = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
CLOSERS = {"\u201d", "\u00bb"}
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb`"
# a single-quoted phrase (scare quote): not an apostrophe inside or at the end of a word
SINGLE_RE = re.compile(r"(?<![\w\u2019'])[\u2018']((?=[^\W\d_])[^\n\u2018\u2019']{1,70}?[\w.!?])[\u2019'](?![\w])")
# a token for the backward walk: a word (inner periods, apostrophes, hyphens, ampersands) or a punctuation mark
PARTY_TAG = r"\((?:[A-Z][a-z]?|Ind|Dem|Rep)\.?\s?[-\u2013]\s?[A-Z][\w. ]{0,20}\)"
PARTY_RE = re.compile(PARTY_TAG)
TOKEN_RE = re.compile(r"[^\W_][\w'\u2019&\-]*(?:\.\w[\w'\u2019&\-]*)*\.?|" + PARTY_TAG + r"|--|[,;:()\[\]\"\u201c\u201d\u2018\u2019\u2014\u2013\u2015]|(?<=\s)-(?=\s)")
WORD_RE = resources.WORD_RE
SENT_END_RE = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s|$)")
TRAIL_CHARS = frozenset(".!?;:,\u2014\u2013-")
ABBREV_RE = re.compile(r"^(?:[A-Z][a-z]{0,3}\.|(?:[A-Za-z]\.){1,3}|[A-Z]\.)$")  # Mr. Sen. U.S. J.
LOWER_ING_ED_RE = re.compile(r"^[a-z]+(?:ing|ed)$")
NUMBER_RE = re.compile(r"^\d[\d,.]*$")
CAP_RE = re.compile(r"^[^\W\d_]")

# precompiled forms of small patterns used per cue or quotation
_SQ_STOP_RE = re.compile(r"[.!?;\"\u201c\u201d\u2018]|['](?!\w)")
_SQ_BEFORE_STOP_RE = re.compile(r"[.!?\"\u201c\u201d]")
_ABBR_TAIL_RE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_LABEL_HEAD_RE = re.compile(r"[^\W\d_][\w\- ]{0,25}:\s+")
_NO_SENT_END_RE = re.compile(r"[\s,]*(?:(?:[A-Z][a-z]{0,3}|[A-Z])\.\s*|[^.!?])*")
_AND_END_RE = re.compile(r"\band\s*$")
_INVERTED_NAME_RE = re.compile(r"\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,4})\s*[:,]\s*$")
_COMMA_RE = re.compile(r",")
_WHAT_THEY_CALL_RE = re.compile(r"(?:\bwhat\s+\w+|\bso)[\s\-]*$", re.I)
_PARTICIPLE_RE = re.compile(r"[\s,]*([a-z]+ing)\b")
_SENT_PUNCT_RE = re.compile(r"[.!?]")
_CLEAN_SPLIT_RE = re.compile(r",|\s\(|\s[-\u2013\u2014]\s|(?<=[a-z])\s+of\s+(?=(?:the\s+)?[A-Z])")


_PROGRAMME_NEXT_RE = re.compile(r"[ \t\u00a0]*(?:[,.;:)\u2014]|(?:on|with|in|at|for|host|hosts|starring)\b|[A-Z])")
_SAY_WORDS = frozenset("he she they we i it who said says added told asked wrote".split())
_TITLE_NEXT_RE = re.compile(r"[\s\u201d\"']*(?:\(|[a-z])")


def _title_like(text: str, seg) -> bool:
    """A short quoted stretch in title case with no punctuation of its own, and the sentence going
    on in lower case after it: a title ("American Skin (41 Shots)" was written by ...), not speech.

    >>> t = '"American Skin (41 Shots)" was written by Springsteen.'
    >>> _title_like(t, _Seg(0, 1, 25, 26, True, 0))
    True
    >>> t = '"We Will Win" he said.'
    >>> _title_like(t, _Seg(0, 1, 12, 13, True, 0))
    False
    """
    inner = text[seg.start:seg.end].strip()
    words = WORD_RE.findall(inner)
    if not words or len(words) > 8 or any(ch in ".,;:!?\u2014-" for ch in inner[-1:] + text[seg.end:seg.close]):
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3):
        return False
    if not any(w[0].isupper() for w in words):
        return False
    m = _TITLE_NEXT_RE.match(text, seg.close)
    if m is None:
        return False
    rest = WORD_RE.match(text, m.end() - 1)
    return rest is None or rest.group().lower() not in _SAY_WORDS


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _stamped(fn):
    """Cache ``fn(stamp)`` (a word set read from ``data/lexicons``) until the lexicon stamp changes
    (no stamp: the current one); a missing or malformed lexicon gives an empty set."""
    cache: dict = {}

    def get(stamp=None) -> frozenset:
        if stamp is None:
            stamp = _cues._stamp()
        if cache.get("stamp") != stamp or "v" not in cache:
            try:
                v = frozenset(fn())
            except (FileNotFoundError, ValueError, AttributeError):
                v = frozenset()
            cache["v"], cache["stamp"] = v, stamp
        return cache["v"]

    get.__doc__, get.__name__ = fn.__doc__, fn.__name__
    return get


@_stamped
def _role_words():
    """Lower-case office and role nouns of ``data/lexicons/roles.csv`` (spokesperson, minister, ...)."""
    df = lexicons.load("roles")
    return {w for t, c in zip(df.title, df.category) if c in ("office", "honorific", "title_word")
            for w in str(t).lower().replace(".", "").split()}


@_stamped
def _role_labels():
    """Lower-case ``label`` nouns of ``data/lexicons/roles.csv`` (regime, group, militia, ...) and the
    last word of each ``office`` title (minister, spokesman, professor, ...): heads of a speaker phrase."""
    df = lexicons.load("roles")
    return {str(t).lower() for t, c in zip(df.title, df.category) if c == "label"} | \
        {str(t).lower().split()[-1].rstrip(".") for t, c in zip(df.title, df.category) if c == "office"}


@_stamped
def _abbreviations():
    """Abbreviations whose period ends no sentence (``data/lexicons/abbreviations.csv``: del, gov, ...)."""
    return {str(x).strip().lower().rstrip(".") for x in lexicons.load("abbreviations").abbreviation}


# ----------------------------------------------------------------------------- data structures
@dataclass(slots=True)
class _Seg:
    """A double-quoted stretch inside one paragraph (offsets of marks and of the content)."""

    open: int
    start: int
    end: int
    close: int
    closed: bool
    para: int
    words: int = 0
    role: str = ""  # speech / embedded / scare
    utt: int = -1
    single: bool = False  # set in single quote marks ('...' / ‘...’)


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    form: str
    info: object  # cues.Cue or None for ':'
    used: bool = False


@dataclass
class _Utt:
    start: int
    end: int
    kind: str
    cue: _Cue | None
    src: tuple | None  # (start, end) of the speaker mention as written
    ante: tuple | None = None  # antecedent of a relative pronoun ("who")
    para: int = 0
    how: str = ""
    parts: list = field(default_factory=list)
    speaker: str | None = None
    speaker_spans: list = field(default_factory=list)
    segs: list = field(default_factory=list)


class _ArticleRef:
    """``self.article`` held through a weak reference: the analysis lives in the article's own
    cache, so a strong one would make a reference cycle, and every article (with all its cached
    tables) would wait for the garbage collector instead of being freed when it goes."""

    @property
    def article(self):
        return self._article_ref()

    @article.setter
    def article(self, article):
        self._article_ref = weakref.ref(article)


class _Doc(_ArticleRef):
    """Layout of an article for the rules: paragraphs, sentences merged over quotations, cue hits."""

    def __init__(self, article, lx=None):
        self.article = article
        self.text = text = article.text
        lay = _layout(article)
        self.pstart, self.pend, self.pvoice, self.pbody = lay["pstart"], lay["pend"], lay["pvoice"], lay["pbody"]
        self.art_sent_start = lay["sstart"]
        self.lx = lx or _cues.lexicon()
        self._tok_cache: dict = {}
        self.segs: list[_Seg] = []
        for i in range(len(self.pstart)):
            if self.pvoice[i] != "boilerplate":
                self.segs.extend(_double_quotes(text, self.pbody[i], self.pend[i], i))
        self.seg_open = [s.open for s in self.segs]
        if SQ_OPEN_RE.search(text) is not None:
            self._single_marks()
        self._sentences(lay["sstart"], lay["send"], lay["spara"])
        self.cues: list[_Cue] = []
        for a, b in self.lx.finditer(text):
            if self.in_quote(a) is not None:
                continue
            pi = self.para_at(a)
            if self.pvoice[pi] == "boilerplate" or a < self.pbody[pi]:
                continue
            form = text[a:b]
            self.cues.append(_Cue(a, b, form, self.lx.lookup(form)))
        self.cue_start = [c.start for c in self.cues]

    def _single_marks(self):
        """British/Commonwealth style: when the article sets speech in single quote marks (at least
        one single-quoted passage of 3+ words attached to a cue: \u2018'...,' he said\u2019,
        \u2018X said: '...'\u2019), its single-quoted passages are quotations like double-quoted ones
        (short ones no cue attributes stay scare quotes); double quotes inside them are nested and
        belong to them. Otherwise single quotes are left to :func:`scare_quotes`."""
        text = self.text
        singles = []
        for i in range(len(self.pstart)):
            if self.pvoice[i] != "boilerplate":
                singles.extend(_single_quotes(text, self.pbody[i], self.pend[i], i, self))
        if not singles or not any(self._single_speech(g) for g in singles):
            return
        keep = []
        for g in singles:
            # a single-quoted passage that crosses a double-quoted one is no quotation
            crossing = [d for d in self.segs if d.open < g.close and g.open < d.close and not (g.open < d.open and d.close <= g.close)]
            if not crossing:
                keep.append(g)
        inner = [d for d in self.segs if any(g.open < d.open and d.close <= g.close for g in keep)]
        segs = [d for d in self.segs if d not in inner] + keep
        segs.sort(key=lambda x: x.open)
        self.segs = segs
        self.seg_open = [x.open for x in segs]

    def _single_speech(self, g: "_Seg") -> bool:
        """Is a single-quoted passage attached to a cue ('...,' he said / X told MPs: '...')?"""
        if g.words < 3:
            return False
        text = self.text
        pe = self.pend[g.para]
        last = text[g.start:g.end + 1].rstrip("'\u2019 ")[-1:]
        if g.closed and last in ",?!":
            after = text[g.close:min(pe, g.close + 60)]
            stop = _SQ_STOP_RE.search(after)
            if stop is not None:
                after = after[:stop.start()]
            hits = self.lx.finditer(after)
            if hits and len(WORD_RE.findall(after, 0, hits[0][0])) <= 4:
                return True
        before = text[max(self.pbody[g.para], g.open - 80):g.open]
        if before.rstrip()[-1:] in (":", ","):
            hits = self.lx.finditer(before)
            if hits and len(WORD_RE.findall(before, hits[-1][1])) <= 4 and not _SQ_BEFORE_STOP_RE.search(before[hits[-1][1]:]):
                return True
        return False

    # -- lookups
    def tokens(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Tokens (see ``TOKEN_RE``) lying in ``[lo, hi)`` of one paragraph (tokenised once)."""
        si = max(0, bisect.bisect_right(self.sent_start, max(lo, hi - 1)) - 1)
        if self.sents and self.sents[si][0] <= lo and hi <= self.sents[si][1] + 1:
            cache = self._tok_cache.get(si)
            if cache is None:
                s0, s1, _ = self.sents[si]
                text = self.text
                toks, starts, ends, dots = _scan_tokens(text, s0, s1)
                last = len(toks) - 1
                for k in dots:
                    a, b, t = toks[k]
                    if len(t) > 1 and not ABBREV_RE.match(t) and (b >= s1 - 1 or not text[b:b + 1].isspace() or k == last):
                        toks[k] = (a, b - 1, t[:-1])  # a sentence-final period is not part of the word
                        ends[k] = b - 1
                cache = self._tok_cache[si] = (toks, starts, ends)
            toks, starts, ends = cache
            return toks[bisect.bisect_left(starts, lo):bisect.bisect_right(ends, hi)]
        pi = self.para_at(max(lo, hi - 1))
        lo = max(lo, self.pstart[pi])
        hi = min(hi, self.pend[pi])
        if lo > 0 and self.text[lo - 1].isalnum():  # never start inside a word
            while lo < hi and not self.text[lo].isspace():
                lo += 1
        return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(self.text, lo, hi)]

    def para_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.pstart, pos) - 1)

    def in_quote(self, pos: int):
        """The segment whose marks enclose ``pos`` (open mark included), or None."""
        i = bisect.bisect_right(self.seg_open, pos) - 1
        if i >= 0 and self.segs[i].open <= pos < self.segs[i].close:
            return self.segs[i]
        return None

    def _sentences(self, starts, ends, paras):
        """Sentences, merged where a quotation runs across a sentence end; the first sentence of an
        editorial paragraph starts after its marker ("Comment:")."""
        out = []
        for s, e, p in zip(starts, ends, paras):
            if self.pvoice[p] == "boilerplate":
                continue
            s = max(s, self.pbody[p])
            if e <= s:
                continue
            if out and out[-1][2] == p:
                prev = out[-1]
                seg = self.in_quote(s - 1) or self.in_quote(s)
                if seg is not None and seg.open < s and (seg.close > s):
                    prev[1] = e
                    continue
            out.append([s, e, p])
        self.sents = out
        self.sent_start = [x[0] for x in out]

    def sentence_at(self, pos: int) -> tuple[int, int, int, int]:
        """(index, start, end, paragraph) of the merged sentence holding ``pos``."""
        i = max(0, bisect.bisect_right(self.sent_start, pos) - 1)
        if not self.sents:
            pi = self.para_at(pos)
            return 0, self.pstart[pi], self.pend[pi], pi
        s, e, p = self.sents[i]
        return i, s, e, p

    def cues_between(self, lo: int, hi: int) -> list[_Cue]:
        i = bisect.bisect_left(self.cue_start, lo)
        j = bisect.bisect_left(self.cue_start, hi)
        return self.cues[i:j]

    def has_quote(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.seg_open, lo)
        return i < len(self.segs) and self.segs[i].open < hi

    def segs_in(self, lo: int, hi: int) -> list[_Seg]:
        i = bisect.bisect_left(self.seg_open, lo)
        out = []
        while i < len(self.segs) and self.segs[i].open < hi:
            if self.segs[i].close <= hi:
                out.append(self.segs[i])
            i += 1
        return out


def _layout(article) -> dict:
    """Paragraph and sentence columns of an article as plain lists (cached on the article)."""
    return _actors._layout(article)


# ------------------------------------------------------------------------------- quote marks
def _double_quotes(text: str, p0: int, p1: int, para: int) -> list[_Seg]:
    """Pair the double quote marks of one paragraph ``text[p0:p1]``. Curly marks say which way
    they face; straight ``"`` and ``''`` alternate. A quotation still open at the end of the
    paragraph runs to its end (news style for quotes over several paragraphs); nested
    quotations belong to the outer one."""
    segs = []
    depth, o_s, o_e = 0, -1, -1
    for m in DOUBLE_MARK_RE.finditer(text, p0, p1):
        ch, s, e = m.group(), m.start(), m.end()
        prev = text[s - 1] if s > p0 else " "
        nxt = text[e] if e < p1 else " "
        if ch in OPENERS:
            kind = "open"
        elif ch in CLOSERS:
            # a right mark misused as an opener: space before, a letter after, nothing open
            kind = "open" if depth == 0 and (prev.isspace() or s == p0) and nxt.isalnum() else "close"
        else:
            kind = "close" if depth else "open"
            if depth == 0 and not (prev.isspace() or s == p0 or prev in "([{\u2014\u2013-/:;,\u2018'") and nxt in " \t.,;:!?)":
                continue  # a stray closing mark (e.g. inches, or a quote whose opening was lost)
        if kind == "open":
            if depth == 0:
                o_s, o_e = s, e
            depth += 1
            if depth > 2:
                depth = 2
        else:
            if depth == 0:
                continue
            depth -= 1
            if depth == 0:
                segs.append(_make_seg(text, o_s, o_e, s, e, True, para))
    if depth and o_s >= 0:
        segs.append(_make_seg(text, o_s, o_e, p1, p1, False, para))
    return [g for g in segs if g.end > g.start and not _nickname(text, g)]


_NICK_BEFORE_RE = re.compile(r"(?:^|[\s(])[A-Z][\w.'\u2019-]*[ \u00a0]$")
_NICK_AFTER_RE = re.compile(r"[ \u00a0][A-Z]")


def _nickname(text: str, g) -> bool:
    """A nickname inside a name (Marcia "Cia" Price, Thomas "Tip" O'Neill): one or two capitalised
    words in quote marks between a capitalised word and another; part of the name, no quotation.

    >>> t = 'state Del. Marcia "Cia" Price shouted.'
    >>> _nickname(t, _Seg(18, 19, 22, 23, True, 0)), _nickname('the "moderate" rebels', _Seg(4, 5, 13, 14, True, 0))
    (True, False)
    """
    if not g.closed or g.words > 2:
        return False
    inner = text[g.start:g.end]
    if not inner[:1].isupper() or any(ch in inner for ch in ".,;:!?"):
        return False
    return _NICK_BEFORE_RE.search(text, max(0, g.open - 40), g.open) is not None and \
        _NICK_AFTER_RE.match(text, g.close) is not None


# single quote marks: an opening mark after a blank or an opening punctuation, before a letter or digit;
# a closing mark after a non-blank, before no letter or digit; elisions ('90s, 'n', 'em, 'til) are no marks
# (written mark first, with a negative lookbehind over the character before it and the mark, which
# also holds at the start of the text: the regex engine then skips ahead to quote marks)
SQ_OPEN_RE = re.compile(r"['\u2018](?<![^\s(\[{\u2014\u2013/:;\"\u201c\u201d-]['\u2018])(?=[^\W_])")
SQ_CLOSE_RE = re.compile(r"(?<=[^\s'\u2018\u2019])['\u2019](?![^\W_])")
ELISION_RE = re.compile(r"['\u2018](?:\d0s\b|\d\d\b|\d\ds\b|n['\u2019]|em\b|til\b|cause\b|tis\b|twas\b)", re.I)


def _single_quotes(text: str, p0: int, p1: int, para: int, doc) -> list[_Seg]:
    """Pair the single quote marks of one paragraph outside its double-quoted passages. A closing
    mark after an ``s`` and before a word may be a plural possessive ("the protesters' demands"): a
    later closing mark is preferred to it. Unclosed: only a passage opening the paragraph (a
    quotation running over several paragraphs: it opens the paragraph, or the next paragraph opens
    with a mark) runs to its end."""
    segs = []
    opens = [m.start() for m in SQ_OPEN_RE.finditer(text, p0, p1)]
    if not opens:
        return segs
    k = 0
    last_close = p0
    while k < len(opens):
        o = opens[k]
        k += 1
        if o < last_close or doc.in_quote(o) is not None or ELISION_RE.match(text, o):
            continue
        limit = p1
        for o2 in opens[k:]:
            if o2 > o and not ELISION_RE.match(text, o2) and doc.in_quote(o2) is None:
                limit = o2
                break
        strong = weak = -1
        for m in SQ_CLOSE_RE.finditer(text, o + 2, limit):
            c = m.start()
            if doc.in_quote(c) is not None:
                continue
            if text[c - 1] in "sS" and c + 2 < p1 and text[c + 1] == " " and text[c + 2].isalpha():
                if weak < 0:
                    weak = c
                continue
            strong = c
            break
        c = strong if strong >= 0 else weak
        if c >= 0:
            g = _make_seg(text, o, o + 1, c, c + 1, True, para)
            last_close = c + 1
        elif limit == p1 and (not text[p0:o].strip(BLANKS) or _opens_next(text, doc, para)):
            # unclosed: a quotation opening its paragraph, or one whose next paragraph opens with a
            # mark (a quotation over several paragraphs closes only in the last)
            g = _make_seg(text, o, o + 1, p1, p1, False, para)
            if g.words < 3:
                continue
            last_close = p1
        else:
            continue
        if g.end > g.start:
            g.single = True
            segs.append(g)
    return segs


def _opens_next(text: str, doc, para: int) -> bool:
    """Does the paragraph after ``para`` open with a single quote mark?"""
    if para + 1 >= len(doc.pbody):
        return False
    a = doc.pbody[para + 1]
    while a < doc.pend[para + 1] and text[a] in BLANKS:
        a += 1
    return text[a:a + 1] in ("'", "\u2018")


def _make_seg(text, o_s, o_e, c_s, c_e, closed, para) -> _Seg:
    a, b = o_e, c_s
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    g = _Seg(o_s, a, b, c_e, closed, para)
    g.words = len(WORD_RE.findall(text, a, b)) if b > a else 0
    return g


# ------------------------------------------------------------------------ noun phrase walking
def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, lo, hi)]


TOKEN_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")


def _scan_tokens(text: str, lo: int, hi: int):
    """``_tokens(text, lo, hi)`` as ``(tokens, starts, ends, dots)`` (``dots``: indices of the tokens
    ending with a period), from one ``split`` (no match object per token, offsets summed in C). The
    only lookbehind of ``TOKEN_RE`` (a blank before a lone hyphen) could see before ``lo``: a hyphen
    right at ``lo`` takes the plain path.

    >>> t = 'Rep. John Mica (R-Fla.) said -- "no" - U.S. aid.'
    >>> toks, starts, ends, dots = _scan_tokens(t, 0, len(t))
    >>> toks == _tokens(t, 0, len(t)), starts[:3], ends[:3], dots
    (True, [0, 5, 10], [4, 9, 14], [0, 10, 11])
    """
    if lo < hi and text[lo] == "-":
        toks = _tokens(text, lo, hi)
        return toks, [x[0] for x in toks], [x[1] for x in toks], [k for k, x in enumerate(toks) if x[2][-1] == "."]
    parts = TOKEN_SPLIT_RE.split(text[lo:hi])
    offs = list(accumulate(map(len, parts), initial=lo))
    words = parts[1::2]
    starts, ends = offs[1:-1:2], offs[2::2]
    toks = list(zip(starts, ends, words))
    dots = [k for k, t in enumerate(words) if t[-1] == "."]
    return toks, starts, ends, dots


class _Grammar:
    """Word classes from ``quote_words.csv`` (lower case), fetched once per call of the rules."""

    def __init__(self, lx):
        w = lx.words
        self.pron = w.get("pronoun", frozenset())
        self.rel = w.get("relative", frozenset())
        self.det = w.get("determiner", frozenset())
        self.aux = w.get("auxiliary", frozenset())
        self.passive = w.get("passive", frozenset())
        self.boundary = w.get("boundary", frozenset())
        self.recipient = w.get("recipient", frozenset())
        self.adjunct = w.get("adjunct", frozenset())
        self.prep = w.get("preposition", frozenset())
        self.scare = w.get("scare_marker", frozenset())
        self.scare_ends = tuple(sorted(self.scare))  # for one str.endswith call
        self.expletive = w.get("expletive", frozenset())
        self.gender = lx.gender
        self.roles = _role_words(lx.stamp)
        self.abbrev = _abbreviations(lx.stamp) | w.get("abbreviation", frozenset())
        self.np_inner = frozenset({"of", "for", "from", "at", "and", "&"})
        # words that are never a speaker on their own ("Later", "Here", "The", "Thursday")
        self.not_speaker = (w.get("not_speaker", frozenset()) | self.pron | self.det | self.boundary | self.adjunct
                            | self.rel | self.aux | self.prep)
        self.lookup = lx.lookup
        self.forms = lx.forms  # cue forms, lower case
        self.question = w.get("transcript_question", frozenset())
        self.time = w.get("time", frozenset())
        self.quant = w.get("quantifier", frozenset())
        # heads of a common-noun speaker phrase: person/role, group/organisation and document nouns
        self.heads = w.get("speaker_head", frozenset()) | _role_labels(lx.stamp)
        self.postmod = self.prep | self.rel | self.boundary | frozenset({"in", "on", "of", "from", "at", "for", "with",
                                                                         "by", "to", "regarding", "concerning"})


_GRAMMARS: dict = {}


def _grammar(lx) -> _Grammar:
    """The :class:`_Grammar` of a cue lexicon, built once per lexicon and word-set version (read-only)."""
    deps = (lx, _role_words(lx.stamp), _role_labels(lx.stamp), _abbreviations(lx.stamp))
    hit = _GRAMMARS.get(lx.stamp)
    if hit is None or any(a is not b for a, b in zip(hit[0], deps)):
        if len(_GRAMMARS) > 8:
            _GRAMMARS.clear()
        hit = _GRAMMARS[lx.stamp] = (deps, _Grammar(lx))
    return hit[1]


def _chunk_back(toks, i, g: _Grammar, limit=10):
    """Collect a noun phrase backwards from token index ``i`` (inclusive): returns (first index,
    n words). Stops at punctuation, a clause boundary word, a likely verb, or ``limit`` words."""
    j, n = i, 0
    while j >= 0 and n < limit:
        s, e, t = toks[j]
        low = t.lower()
        if t[0] == "(" and len(t) > 1 and n == 0 and j > 0 and _is_cap(toks[j - 1][2]):
            j -= 1  # a party tag after a name: "Rep. John Mica (R-Fla.)"
            continue
        if not t[0].isalnum():
            break
        if low in g.boundary and low not in g.np_inner:
            break
        if low in g.np_inner:
            # "Secretary of State", "a spokesman for the campaign", "Blumenthal and Cohen": only inside a phrase
            if n == 0 or j == 0 or not toks[j - 1][2][0].isalnum():
                break
            if low == "and" and not (_is_cap(toks[j - 1][2]) and _is_cap(toks[j + 1][2])):
                break
        elif not _is_cap(t) and n > 0 and LOWER_ING_ED_RE.match(t) and low not in g.roles:
            break  # "... was pushing" / "... announced": a verb, not part of the speaker
        elif low in g.aux and n > 0:
            break
        j -= 1
        n += 1
    first = j + 1
    # a phrase never starts with a connector
    while first <= i and toks[first][2].lower() in g.np_inner:
        first += 1
    return first, i - first + 1


def _name_like(toks, a, b, g: _Grammar) -> bool:
    """Is toks[a..b] a name ("Maria Zakharova", "Sen. Jack Reed") or an age ("25")?"""
    words = [t for _, _, t in toks[a:b + 1] if not (t[0] == "(" and len(t) > 1)]
    if not words or len(words) > 5:
        return False
    if len(words) == 1 and NUMBER_RE.match(words[0]):
        return True
    return _is_cap(words[0]) and _is_cap(words[-1]) and all(_is_cap(w) or w.lower() in g.np_inner for w in words)


def _role_np(toks, a, b, g: _Grammar) -> bool:
    """Is toks[a..b] a role noun phrase ("the Foreign Ministry's spokesperson", "a Republican
    strategist", "Kremlin spokesman")?"""
    words = [t for _, _, t in toks[a:b + 1]]
    if not words or len(words) > 9:
        return False
    low = [w.lower().replace("\u2019", "'") for w in words]
    if any(w in g.boundary and w not in g.np_inner for w in low):
        return False
    base = {w[:-2] if w.endswith("'s") else w for w in low}
    return bool(base & g.roles) and (low[0] in g.det or _is_cap(words[0]) or low[0].endswith("'s"))


def _source_before(doc: _Doc, g: _Grammar, lo: int, pos: int):
    """The speaker noun phrase right before a cue at ``pos`` (not before ``lo``).

    Returns ``(src_start, src_end, ante, comma_before, start_of_phrase)`` or None: ``ante`` is the
    antecedent span of a relative pronoun; ``comma_before`` the offset of a comma right before the
    phrase (the end of a content clause before it) or -1."""
    text = doc.text
    toks = doc.tokens(max(lo, pos - 200), pos)
    i = len(toks) - 1
    # skip auxiliaries and adverbs between speaker and cue ("Lavrov has repeatedly said")
    while i >= 0 and (toks[i][2].lower() in g.aux or (toks[i][2].endswith("ly") and toks[i][2].islower() and len(toks[i][2]) > 4)):
        i -= 1
    # and a time adjunct ("The WHO chief on Wednesday said", "police late Saturday said")
    k = i
    while k >= 0 and toks[k][2].lower() in g.time:
        k -= 1
    if k < i and k >= 0 and toks[k][2].lower() in ("on", "in", "at", "during", "by"):
        k -= 1
    elif k < i and _is_cap(toks[k + 1][2]):
        k = i  # "The Steve Harvey Morning Show": a capitalised time word without its preposition stays
    if k < i and k >= 0 and toks[k][2][0].isalnum() and toks[k][2].lower() not in g.boundary and toks[k][2].lower() not in g.det:
        i = k
    if i < 0:
        return None
    trailing_comma = toks[i][2] == ","
    if trailing_comma:  # "Mike DuHaime, a Republican strategist, said"
        i -= 1
    if i < 0 or not (toks[i][2][0].isalnum() or (toks[i][2][0] == "(" and len(toks[i][2]) > 1)):
        return None
    if trailing_comma:
        res = _appositive_source(toks, i, g)
        if res is not None:
            return res
        # "Hillary Clinton, at a later press gaggle, said" / "X, in a statement, said": an adjunct
        # between commas is not the speaker; the phrase before it is
        j = i
        while j >= 0 and toks[j][2] not in APPOS_STOP and i - j < 10:
            j -= 1
        if 0 < j < i and toks[j][2] == "," and toks[j - 1][2][0].isalnum() and (toks[j + 1][2].lower() in g.adjunct
                                                                               or toks[j + 1][2].lower() in g.prep):
            i = j - 1
    if toks[i][2].lower() in g.rel and not trailing_comma:
        a, n = i, 1
    else:
        a, n = _chunk_back(toks, i, g)
    if n == 0:
        return None
    first_low = toks[a][2].lower()
    ante = None
    if n == 1 and first_low in g.rel:
        # "Secretary of State John Kerry, who expressed concern": the antecedent before the comma
        k = a - 1
        if k >= 0 and toks[k][2] == ",":
            k -= 1
        if k >= 0 and toks[k][2][0].isalnum():
            b, m = _chunk_back(toks, k, g)
            if m:
                ante = (toks[b][0], toks[k][1])
        src = (toks[a][0], toks[i][1])
        return src, ante, -1, a, toks
    start, start_end = a, i
    # appositive chains: NAME, ROLE, / ROLE, NAME, (at most two extra chunks)
    chunks = 0
    while chunks < 2 and start - 2 >= 0 and toks[start - 1][2] == ",":
        k = start - 2
        if not toks[k][2][0].isalnum():
            break
        b, m = _chunk_back(toks, k, g)
        if m == 0:
            break
        # NAME, ROLE / ROLE, NAME / NAME, AGE: one chunk names, the other says who that is
        near = (start, i) if chunks == 0 else (start, start_end)
        if not ((_name_like(toks, b, k, g) and (_role_np(toks, near[0], near[1], g) or NUMBER_RE.match(toks[near[0]][2])))
                or (_role_np(toks, b, k, g) and _name_like(toks, near[0], near[1], g))):
            break
        # the chunk before must itself follow a comma, colon, dash or the sentence start
        if b - 1 >= 0 and toks[b - 1][2] not in (",", ":", ";", "(", "\u2014", "\u2013", "-", "\"", "\u201c", "\u201d"):
            break
        start_end = k
        start = b
        chunks += 1
    if trailing_comma and chunks == 0 and start == a:
        # "X, a strategist, said" needs the name before; a lone role before ", said" is still a source
        pass
    comma = toks[start - 1][0] if start - 1 >= 0 and toks[start - 1][2] == "," else -1
    src_end = toks[i][1]
    return (toks[start][0], src_end), None, comma, start, toks


APPOS_STOP = frozenset({",", ";", ":", "(", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "\u2015", "--", "-", "[", "]"})


def _appositive_source(toks, i, g: _Grammar):
    """'HEAD, APPOSITIVE, said': the appositive (a role, "who ..." clause, participle phrase, age or
    name) runs back from token ``i`` to a comma; the head noun phrase stands before that comma.
    Returns the _source_before tuple with the head (the name, when one of the two is a name) as
    the span to resolve the speaker from, or None."""
    j = i
    while j >= 0 and i - j < 30 and toks[j][2] not in APPOS_STOP:
        j -= 1
    if j < 1 or toks[j][2] != "," or j == i:
        return None
    a0, h_end = j + 1, j - 1
    w0 = toks[a0][2]
    low0 = w0.lower()
    app_name = _name_like(toks, a0, i, g)
    # a bare role noun opens the appositive too: "X, president of the NAACP," / "X, director of research at Y,"
    bare_role = w0.islower() and any(t[2].lower() in g.roles for t in toks[a0:min(i + 1, a0 + 3)])
    if not (low0 in g.det or low0 in g.rel or (low0.endswith("ing") and w0.islower()) or NUMBER_RE.match(w0) or app_name
            or bare_role or _role_np(toks, a0, i, g)):
        return None
    if not (toks[h_end][2][0].isalnum() or (toks[h_end][2][0] == "(" and len(toks[h_end][2]) > 1)):
        return None
    hb, hm = _chunk_back(toks, h_end, g)
    if hm == 0:
        return None
    head_name = _name_like(toks, hb, h_end, g)
    if not (head_name or _role_np(toks, hb, h_end, g) or (toks[hb][2].lower() in g.det and hm <= 6)):
        return None
    if app_name and not head_name and not _role_np(toks, hb, h_end, g):
        return None
    if hb - 1 >= 0 and toks[hb - 1][2] not in APPOS_STOP and toks[hb - 1][2].lower() not in g.boundary:
        return None  # the head must open its clause ("..., HEAD, APPOSITIVE, said")
    head = (toks[hb][0], toks[h_end][1]) if (head_name or not app_name) else (toks[a0][0], toks[i][1])
    comma = toks[hb - 1][0] if hb - 1 >= 0 and toks[hb - 1][2] == "," else -1
    return (toks[hb][0], toks[i][1]), head, comma, hb, toks


# a speaker mention that may hold more than a name: punctuation, an affiliation or clause word, a role before a name
NAME_PART_HINT_RE = re.compile(r"[,(;\u2014\u2013]|--| (?:of|who|at|for|with|from) |(?<![\w.'\u2019\-])[a-z][\w\-]*[ \t\u00a0]+[A-Z]")
APOS_SPLIT_RE = re.compile(r"['\u2019]")
# a speaker label opening a transcript paragraph: "MR KIRBY: ", "SECRETARY KERRY: ", "President of Russia Vladimir Putin: "
LABEL_RE = re.compile(r"[ \t\u00a0]*((?:[A-Z][\w.'\u2019\-]*|of|the)(?:[ \t\u00a0]+(?:[A-Z][\w.'\u2019\-]*|of|the)){0,6})[ \t\u00a0]*:[ \t\u00a0]+(?=\S)")
NAME_COLON_RE = re.compile(r"(?:^|[-\u2013\u2014:]\s+|\n)\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,4})\s*:\s*$")
PARTICIPLES = frozenset({"told", "said", "thought", "found", "known", "felt", "heard", "understood", "learned", "learnt",
                         "read", "written", "shown"})
REPORTED_END_RE = re.compile(r"\s*(?:;|\s[\u2014\u2013]\s|\s--\s|,\s+(?:but|although|though|while|whereas)\s)")
COORD_CUE_RE = re.compile(r"(?:,\s*|\s+and\s+)(?:[a-z]+ly\s+)?$")
ABBREV_END_RE = re.compile(r"\b([A-Z][a-z]{0,4})\.\s*$")
NAME_APPOS_RE = re.compile(r"[\s,]*((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w'\u2019\-]*)\s+){1,3}[A-Z][\w'\u2019\-]*(?:\s+\([^()\n]{2,25}\))?),\s+[^.!?]*$")
BRIDGE_PARTICIPLE_RE = re.compile(r",\s+(?:[a-z]+ing|who|which|whose)\b[^.!?\"\u201c\u201d]{0,120}?(?=[.,]\s*[\"\u201c]|[.]\s*$)")
DASH_NAME_RE = re.compile(r"[ \t\u00a0\u2009\u202f]*(--|[-\u2013\u2014\u2015])[ \t\u00a0\u2009\u202f]*([A-Z][\w.'\u2019\-]*(?:[ \t\u00a0\u2009\u202f]+[A-Z][\w.'\u2019\-]*){0,4})[ \t\u00a0\u2009\u202f]*[.,]?[ \t\u00a0\u2009\u202f]*(?:$|\n|(?=[\"\u201c\u201d]))")
SRC_AFTER_STOP_RE = re.compile(
    r"\s+(?:in|at|during|on|after|before|when|while|as|to|via|from|through|last|this|earlier|told|said|adding|noting)\s"
    r"|[;:\"\u201c\u201d]|\((?!(?:[A-Z][a-z]?|Ind|Dem|Rep)\.?\s?[-\u2013])|(?<!\.)\)|\s[-\u2013\u2014]\s|\u2014|,\s+(?:adding|noting|saying|who|which|according|referring|citing|explaining|"
    r"arguing|insisting|in|at|during|on|after|before|when|while|as|and|but|because)\b|[.!?](?=\s|$)(?<![A-Z]\.)(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St)\.)(?<!Mrs\.)")


def _source_after(doc: _Doc, g: _Grammar, pos: int, hi: int):
    """The speaker noun phrase right after an inverted cue (``..., said Lavrov``)."""
    text = doc.text
    a = pos
    while a < hi and text[a] in BLANKS + ",":
        a += 1
    if a >= hi:
        return None
    b, k = hi, a
    while True:
        m = SRC_AFTER_STOP_RE.search(text, k, hi)
        if m is None:
            break
        if m.group().startswith(".") and m.start() > a:
            # "said Del. Stacey Plaskett": a period after an abbreviation does not end the phrase
            w = _ABBR_TAIL_RE.search(text[max(a, m.start() - 12):m.start()])
            if w and w.group(1).lower().rstrip(".") in g.abbrev:
                k = m.end()
                continue
        b = m.start()
        break
    seg = text[a:b]
    b = a + len(seg.rstrip(" ,\t"))
    words = WORD_RE.findall(text, a, b)
    if not words or len(words) > 25:
        return None
    w0 = words[0]
    if not (_is_cap(w0) or w0.lower() in g.det or w0.lower() in g.pron or w0.lower() in g.roles):
        return None
    if w0.lower() in g.boundary and w0.lower() not in g.det:
        return None
    return a, b


def _skip_after_cue(doc: _Doc, g: _Grammar, c: _Cue, hi: int, frame: str) -> int:
    """Offset where the content begins after a cue: past a preposition of an object cue ("shared
    its concerns about"), the hearer of a tell cue ("told journalists"), adjuncts ("on Thursday",
    "in a statement") and a comma or colon. Returns ``c.end`` unchanged when nothing is skipped."""
    text = doc.text
    toks = doc.tokens(c.end, min(hi, c.end + 120))
    i = 0
    n = len(toks)
    if frame == "tell" and i < n and toks[i][2][0].isalnum():
        # the hearer: pronoun, recipient noun phrase, or a capitalised name ("told CNN", "told The Washington Post")
        low = toks[i][2].lower()
        two = (low + " " + toks[i + 1][2].lower()) if i + 1 < n else ""
        if two in g.recipient:
            i += 2
        elif low in g.recipient or low in ("him", "her", "them", "me", "us", "you"):
            i += 1
        elif _is_cap(toks[i][2]) and low not in g.det:
            while i < n and (_is_cap(toks[i][2]) or toks[i][2].lower() in ("of", "the")) and toks[i][2][0].isalnum():
                i += 1
        elif low in g.det and i + 1 < n:
            j = i + 1
            while j < n and j < i + 5 and toks[j][2][0].isalnum() and toks[j][2].lower() not in g.boundary:
                j += 1
            if j < n and (toks[j][2].lower() in ("that", "on", "in", "at", "during") or toks[j][2] in (",", ":")):
                i = j
    if frame == "object" and i < n and toks[i][2].lower() in g.prep and toks[i][0] == c.end + 1:
        c.end = toks[i][1]  # the preposition belongs to the cue ("concerns about")
        i += 1
    # adjuncts: "on Thursday", "in a statement", "Tuesday", "last week"
    for _ in range(3):
        if i < n and toks[i][2].lower() in g.adjunct and toks[i][2][0].isalnum():
            j = i + 1
            while j < n and j < i + 7 and toks[j][2][0].isalnum() and toks[j][2].lower() not in ("that", "whether", "if"):
                if toks[j][2].lower() in g.boundary and toks[j][2].lower() not in g.np_inner and toks[j][2].lower() not in ("on", "in", "at", "during"):
                    break
                j += 1
            if j < n and (toks[j][2] in (",", ":") or toks[j][2].lower() in ("that", "whether", "if")):
                i = j
            elif j >= n:
                i = j
            else:
                break
        else:
            break
    while i < n and toks[i][2] in (",", ":"):
        i += 1
    if i >= n:
        return min(hi, max(c.end, toks[-1][1])) if toks else c.end
    return toks[i][0]


# ------------------------------------------------------------------------------ the analysis
def _content_end(text: str, lo: int, hi: int) -> int:
    """End of a content clause ending a sentence at ``hi``: without the final period (kept when a
    quote mark closes after it: 'as largely "very peaceful."')."""
    e = hi
    while e > lo and text[e - 1].isspace():
        e -= 1
    if e > lo and text[e - 1] in QUOTE_CHARS:
        return e
    while e > lo and (text[e - 1].isspace() or text[e - 1] in TRAIL_CHARS):
        e -= 1
    return e


def _clause_start(text: str, ss: int, lo_limit: int) -> int:
    """Start of a content clause that opens a sentence: after a short label ("Superdelegates:") and
    opening blanks or dashes."""
    a = max(ss, lo_limit)
    head = text[a:min(len(text), a + 40)]
    m = _LABEL_HEAD_RE.match(head)
    if m and len(m.group().split()) <= 3:
        a += m.end()
    while a < len(text) and text[a] in BLANKS + "-\u2013\u2014\u2022*":
        a += 1
    return a


class _Analysis(_ArticleRef):
    def __init__(self, article, aliases=None, lx=None, split_around_cue=False):
        self.article = article
        self.aliases = aliases
        self.split_around_cue = split_around_cue
        self.doc = doc = _Doc(article, lx)
        self.g = _grammar(doc.lx)
        self.utts: list[_Utt] = []
        self._direct()
        self._indirect()
        self._leftovers()
        self._transcript()
        self.utts.sort(key=lambda u: (u.start, u.end))
        self._speakers()

    # -- phase 4: transcripts ("MR KIRBY: ...", "QUESTION: ...")
    def _transcript(self):
        """Speaker labels opening paragraphs of a transcript: the paragraph after an all-caps label
        ("SECRETARY KERRY:", "QUESTION:") and the unlabelled paragraphs after it, up to the next label,
        are that speaker's turn, one utterance per paragraph (``how`` = ``transcript``; ``kind``
        follows the quote marks, and a turn has none: ``indirect``, though its words are verbatim);
        a title-case label that names a person ("President of Russia Vladimir Putin:") covers its own
        paragraph. Utterances found inside a turn by the other rules are dropped (the turn is the
        speaker's, including what they report others said)."""
        doc, text, g = self.doc, self.doc.text, self.g
        turns, cur = [], None
        for i in range(len(doc.pstart)):
            if doc.pvoice[i] == "boilerplate":
                cur = None
                continue
            p0, p1 = doc.pbody[i], doc.pend[i]
            m = LABEL_RE.match(text, p0, p1) if text.find(":", p0, min(p1, p0 + 90)) >= 0 else None
            if m is not None:
                label = m.group(1)
                words = label.replace(".", " ").split()
                low = [w.lower().replace("\u2019", "'") for w in words]
                caps = label.isupper()
                core = [w for w in low if w not in g.roles and w not in ("of", "the")]
                if caps and (any(w in g.question for w in low) and len(words) <= 2
                             or 1 <= len(core) <= 3 and all(w not in g.not_speaker for w in core)
                             and (len(core) < len(low) or self._person_label(m.start(1), m.end(1)))):
                    cur = (m.start(1), m.end(1), m.end(1), True)
                elif not caps and len(words) <= 7 and _is_cap(label) and self._person_label(m.start(1), m.end(1), True):
                    cur = (m.start(1), m.end(1), m.end(1), False)
                else:
                    cur = None
                if cur is not None and len(WORD_RE.findall(text, m.end(), p1)) >= 1:
                    turns.append((i, m.end(), p1, cur))
                if cur is not None and not cur[3] and i == 0:
                    cur = None  # a headline "Carter: Russia 'Doomed to Fail'" covers its own paragraph only
                continue
            if cur is not None and doc.pvoice[i] == "report":
                turns.append((i, p0, p1, cur))
            elif doc.pvoice[i] != "report":
                cur = None
        if not turns:
            return
        spans = [(a, b) for _, a, b, _ in turns]
        starts = [a for a, _ in spans]

        def inside(u):
            k = bisect.bisect_right(starts, u.start) - 1
            return k >= 0 and u.start < spans[k][1]
        self.utts = [u for u in self.utts if not inside(u)]
        for i, a, b, (ls, le, colon, _) in turns:
            while a < b and text[a] in BLANKS:
                a += 1
            e = _content_end(text, a, b) if text[a:b].rstrip()[-1:] not in "?!" else a + len(text[a:b].rstrip())
            if e <= a:
                continue
            c = _Cue(colon, colon + 1, ":", None)
            u = _Utt(a, e, "indirect", c, (ls, le), None, i, "transcript", [a, e])
            u.label = text[ls:le]
            self.utts.append(u)

    def _person_label(self, s: int, e: int, exact: bool = False) -> bool:
        """Does the label name a person? ``exact``: every word of it is a title or part of that
        person's name ("Sen. Bernie Sanders", not the headline "Clinton Wades In")."""
        name = _resolve(_actors, self.article, s, e, self.aliases)
        if not name:
            return False
        if exact:
            parts = set(_canonical(name).lower().split())
            label = _canonical(self.doc.text[s:e]).lower().replace(".", " ").split()
            if not all(w in parts or w in self.g.roles or w in ("of", "the") for w in label):
                return False
        try:
            return _actors.is_person(self.article, name, self.aliases) if self.aliases is not None \
                else _actors.is_person(self.article, name)
        except Exception:  # noqa: BLE001
            return False

    def _label_speaker(self, u) -> str | None:
        """Canonical speaker of a transcript label: a questioner, a person the article names
        ("MR KIRBY" -> "John Kirby"), else the label without its titles, in title case ("Kirby")."""
        text, g = self.doc.text, self.g
        s, e = u.src
        label = text[s:e]
        words = label.replace(".", " ").split()
        low = [w.lower().replace("\u2019", "'") for w in words]
        if any(w in g.question for w in low):
            return "questioner"
        core = [w for w, lw in zip(words, low) if lw not in g.roles and lw not in g.det and lw not in ("of", "the")]
        form = " ".join(w[:1] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in core)
        name = _resolve(_actors, self.article, s, e, self.aliases) or (self._known_form(form) if form else None)
        if name and not (len(name.split()) == 1 and len(core) > 1 and form.endswith(name)):
            return _canonical(name)
        return _canonical(form or label.title())  # "PETER COOK" -> "Peter Cook" (the article says only "Mr. Cook")

    def _known_form(self, form: str) -> str | None:
        try:
            return _actors.lookup_form(self.article, form, self.aliases) if self.aliases is not None \
                else _actors.lookup_form(self.article, form)
        except Exception:  # noqa: BLE001
            return None

    # -- phase 1: quotations attributed by an adjacent cue
    def _direct(self):
        doc, g, text = self.doc, self.g, self.doc.text
        for seg in doc.segs:
            if self.doc.pvoice[seg.para] == "boilerplate":
                continue
            pre = text[max(doc.pbody[seg.para], seg.open - 40):seg.open].lower()
            if pre.rstrip().endswith(g.scare_ends):
                seg.role = "scare"
                continue
            att = self._after(seg) or self._before(seg)
            if att is None:
                continue
            kind, c, src, ante, how, start = att
            c.used = True
            u = _Utt(start, seg.end, kind, c, src, ante, seg.para, how, [seg.start, seg.end], segs=[seg])
            seg.role, seg.utt = "speech", len(self.utts)
            self.utts.append(u)

    def _after(self, seg: _Seg):
        """A cue right after the closing mark: '"...," Lavrov said' / '"...," said Lavrov'."""
        doc, g, text = self.doc, self.g, self.doc.text
        if not seg.closed:
            return None
        pe = doc.pend[seg.para]
        hi = min(pe, seg.close + 220)
        nxt = bisect.bisect_left(doc.seg_open, seg.close)
        if nxt < len(doc.segs) and doc.segs[nxt].open < hi:
            hi = doc.segs[nxt].open
        _, ss, se, _ = doc.sentence_at(seg.close - 1)
        m = DASH_NAME_RE.match(text, seg.close, pe)
        if m and not doc.cues_between(seg.close, m.end()):
            # '"..." ― Pamela Padilla' (a signed quotation)
            c = _Cue(m.start(1), m.end(1), m.group(1), None)
            kind, start = self._quote_kind(seg, ss)
            return kind, c, (m.start(2), m.end(2)), None, "after-dash", start
        if se <= seg.close + 1 and text[seg.start:seg.end].rstrip()[-1:] in ("?", "!", "\u2014", "-"):
            # '"You winning?" she said': the sentence splitter ended the sentence with the quotation
            _, _, se2, p2 = doc.sentence_at(min(pe, seg.close + 1))
            if p2 == seg.para:
                se = max(se, se2)
        hi = min(hi, max(se, seg.close))
        for c in doc.cues_between(seg.close, hi):
            if c.used or c.info is None or c.info.frame not in ("clause", "tell", "ask", "according"):
                continue
            between = text[seg.close:c.start]
            strip = between.strip(BLANKS + ",\n")
            if c.info.frame == "according":
                if strip:
                    return None
                src = _source_after(doc, g, c.end, max(c.end, se))
                if src is None:
                    return None
                kind, start = self._quote_kind(seg, ss)
                return kind, c, src, None, "after", start
            if not strip:
                if c.form[-3:].lower() == "ing":
                    continue  # '"...," adding that ...': a participle continues an attribution, it names no one after it
                m = ABBREV_END_RE.search(text, c.end, max(c.end, se))
                if m and m.group(1).lower() in g.abbrev:
                    # the sentence splitter stopped at a title ("said Del. Stacey Plaskett")
                    _, _, se2, p2 = doc.sentence_at(min(pe, se + 1))
                    if p2 == seg.para:
                        se = max(se, se2)
                src = _source_after(doc, g, c.end, max(c.end, se))
                if src is None:
                    return None
                kind, start = self._quote_kind(seg, ss)
                return kind, c, src, None, "after-inverted", start
            if SENT_END_RE.search(between) and not _NO_SENT_END_RE.fullmatch(between):
                return None
            res = _source_before(doc, g, seg.close, c.start)
            src = res[0] if res else None
            ante = res[1] if res else None
            gap = text[seg.close:src[0]].strip(BLANKS + ",\n'\u2019") if src else "x"
            if gap or len(WORD_RE.findall(text, src[0], src[1])) > 14:
                # '"...," Malkia Cyril, the executive director at the Center ..., says.'
                m = NAME_APPOS_RE.match(text, seg.close, c.start)
                if not m or len(WORD_RE.findall(between)) > 30:
                    return None
                src, ante = (m.start(1), c.start - len(between) + len(between.rstrip(BLANKS + ",\n"))), None
            if self._passive(c):
                return None
            kind, start = self._quote_kind(seg, ss)
            return kind, c, src, ante, "after", start
        return None

    def _quote_kind(self, seg: _Seg, ss: int):
        """direct when the quotation opens its sentence; else the sentence's opening words belong to
        the content (mixed: 'Guarantees ... "are provided in ...," Zakharova said')."""
        text = self.doc.text
        lead = text[ss:seg.open]
        if lead.strip(BLANKS + "\u2014\u2013-:") == "":
            return "direct", seg.start
        if self.doc.has_quote(ss, seg.open):
            return "direct", seg.start
        a = _clause_start(text, ss, ss)
        return "mixed", a

    def _before(self, seg: _Seg):
        """A cue right before the opening mark: 'Lavrov said: "..."', 'X told reporters, "..."'."""
        doc, g, text = self.doc, self.g, self.doc.text
        si, ss, se, p = doc.sentence_at(seg.open)
        # the rest of the sentence after the quotation must be empty: else it is a fragment
        tail = text[seg.close:se] if seg.closed else ""
        if tail.strip(BLANKS + ".,;:!?)\u2014\u2013-\"\u201d'\u2019"):
            nxt = bisect.bisect_left(doc.seg_open, seg.close)
            if not (nxt < len(doc.segs) and text[seg.close:doc.segs[nxt].open].strip(BLANKS + ".,;:!?") == "") \
                    and not self._participle_at(seg.close, se):  # 'X said: "...," adding that ...'
                return None
        cands = doc.cues_between(ss, seg.open)
        if not cands and seg.open <= doc.pbody[p] + 1 and p > 0:
            return self._block_intro(seg)
        for c in reversed(cands):
            if c.used or c.info is None:
                break
            bridge = text[c.end:seg.open]
            if doc.has_quote(c.end, seg.open):
                break
            b = bridge.strip()
            words = WORD_RE.findall(bridge)
            if not (b == "" or b[-1:] in ":," and len(words) <= 8 and not ({w.lower() for w in words} & {"that", "whether", "if"})):
                return None
            if c.info.frame == "object" and b[-1:] != ":":
                return None
            res = _source_before(doc, g, ss, c.start)
            src, ante = (res[0], res[1]) if res else (None, None)
            if c.form.lower().endswith("ing") and text[ss:c.start].rstrip().endswith(","):
                # 'Trump attacked her record in Libya, saying, "..."': the clause's subject speaks
                subj = self._participle_subject(ss, c.start)
                if subj is None:
                    return None
                src, ante = subj
            if src is None and _AND_END_RE.search(text[ss:c.start]):
                # 'He adopted a fake accent and joked, "..."': the subject of the first verb
                src, ante = self._participle_subject(ss, c.start) or (None, None)
            if src is None:
                # inverted: 'said Lavrov: "..."'
                m = _INVERTED_NAME_RE.match(bridge)
                if not m:
                    return None
                src = (c.end + m.start(1), c.end + m.end(1))
            if self._passive(c):
                return None
            return "direct", c, src, ante, "before", seg.start
        # a colon after a name: 'Lavrov: "..."', '... - Philip Bump: "..."'
        lead = text[ss:seg.open]
        m = NAME_COLON_RE.search(lead)
        if m:
            colon = ss + lead.rindex(":")
            c = _Cue(colon, colon + 1, ":", None)
            return "direct", c, (ss + m.start(1), ss + m.end(1)), None, "colon", seg.start
        # 'She then addressed the supporters again: "..."': a long quotation after a colon; the
        # sentence's subject speaks
        if lead.rstrip().endswith(":") and seg.words >= 8 and not cands:
            subj = self._participle_subject(ss, seg.open)
            if subj is not None:
                w = text[subj[0][0]:subj[0][1]]
                if _is_cap(w) and len(WORD_RE.findall(w)) <= 5:
                    colon = ss + lead.rindex(":")
                    c = _Cue(colon, colon + 1, ":", None)
                    return "direct", c, subj[0], subj[1], "colon-intro", seg.start
        return None

    def _block_intro(self, seg: _Seg):
        """A quotation opening a paragraph, introduced by 'X said:' ending the paragraph before."""
        doc, text = self.doc, self.doc.text
        p = seg.para
        q = p - 1
        if q < 0 or doc.pvoice[q] != doc.pvoice[p]:
            return None
        pe = doc.pend[q]
        if not text[doc.pstart[q]:pe].rstrip().endswith(":"):
            return None
        cands = [c for c in doc.cues_between(max(doc.pstart[q], pe - 120), pe) if not c.used and c.info is not None]
        if not cands:
            return None
        c = cands[-1]
        bridge = text[c.end:pe]
        if len(WORD_RE.findall(bridge)) > 8 or doc.has_quote(c.end, pe):
            return None
        res = _source_before(doc, self.g, doc.pbody[q], c.start)
        if res is None:
            return None
        return "direct", c, res[0], res[1], "before-block", seg.start

    def _passive(self, c: _Cue) -> bool:
        """'was told', 'is expected', "It's estimated": a past participle after be: no own speaker."""
        text = self.doc.text
        form = c.form.lower().split()[0]
        if not (form.endswith(("ed", "en", "wn")) or form in PARTICIPLES):
            return False
        toks = self.doc.tokens(max(0, c.start - 40), c.start)
        k = len(toks) - 1
        while k >= 0 and toks[k][2].lower() in self.g.aux and toks[k][2].lower() not in self.g.passive:
            k -= 1
        if k < 0:
            return False
        t = toks[k][2].lower().replace("\u2019", "'")
        return t in self.g.passive or t.endswith("'s") and t[:-2] in ("it", "that", "there", "he", "she", "what", "who")

    # -- phase 2: reported speech from the cues outside quotations
    def _indirect(self):
        doc, g, text = self.doc, self.g, self.doc.text
        cands = []
        for c in doc.cues:
            if c.used or c.info is None:
                continue
            r = self._reported(c)
            if r is not None:
                cands.append(r)
        # sentence-final attributions and 'according to' first: a cue inside their content is nested
        cands.sort(key=lambda r: (0 if r[0] in ("final", "parenthetical", "according") else 1, r[1].start))
        taken = [(u.start, u.end) for u in self.utts]
        cue_spans = [(u.cue.start, u.cue.end) for u in self.utts if u.cue is not None]
        accepted = []
        for how, u in cands:
            c = u.cue
            if any(a <= c.start < b for a, b in taken):
                continue
            if any(u.start < b and a < u.end for a, b in taken if not (a >= u.start and b <= u.end)):
                # overlaps an utterance without containing it: keep the earlier one
                continue
            if any(u.start <= a < u.end for a, b in cue_spans):
                # the content would swallow another utterance's cue
                if how not in ("parenthetical",):
                    continue
            inner = [i for i, x in enumerate(self.utts) if x.start >= u.start and x.end <= u.end]
            if inner:
                # a quotation inside the reported clause: the clause is one mixed utterance
                if any(self.utts[i].cue is not None and self.utts[i].how != "colon" for i in inner):
                    continue
            segs = [s for s in doc.segs_in(u.start, u.end) if s.role != "scare"]
            if segs:
                u.kind = "mixed" if not (len(segs) == 1 and segs[0].start <= u.start + 1 and segs[0].end >= u.end - 1) else "direct"
                for s in segs:
                    s.role = "embedded"
                u.parts = [x for s in segs for x in (s.start, s.end)]
                u.segs = segs
            c.used = True
            u.how = how
            taken.append((u.start, u.end))
            cue_spans.append((c.start, c.end))
            self.utts.append(u)
            accepted.append(u)

    def _reported(self, c: _Cue):
        """One cue outside quotation marks as reported speech: (how, utterance) or None."""
        doc, g, text = self.doc, self.g, self.doc.text
        info = c.info
        si, ss, se, p = doc.sentence_at(c.start)
        if c.start < ss:
            return None
        voice = doc.pvoice[p]
        if voice == "boilerplate":
            return None
        s_end = _content_end(text, ss, se)
        low = c.form.lower()
        prev_tok = doc.tokens(max(ss, c.start - 30), c.start)
        prev_word = prev_tok[-1][2].lower() if prev_tok else ""
        if info.frame == "according":
            lead = text[ss:c.start]
            if not lead.strip(BLANKS + "\u2014\u2013-:"):
                # 'According to X, CONTENT.'
                m = _COMMA_RE.search(text[c.end:s_end])
                if not m:
                    return None
                comma = c.end + m.start()
                src = (c.end + len(text[c.end:comma]) - len(text[c.end:comma].lstrip()), comma)
                a = comma + 1
                while a < s_end and text[a] in BLANKS:
                    a += 1
                if s_end - a < 8:
                    return None
                return "according", _Utt(a, s_end, "indirect", c, src, None, p)
            lead_s = lead.rstrip()
            src = _source_after(doc, g, c.end, s_end)
            if src is None:
                src = (c.end + 1, s_end) if s_end > c.end + 1 else None
            if src is None:
                return None
            if lead_s.endswith(","):
                a = _clause_start(text, ss, ss)
                b = ss + len(lead_s) - 1
                if b - a < 8:
                    return None
                # the clause after 'according to X, ...' may continue the sentence (parenthetical)
                rest = text[src[1]:s_end].strip(BLANKS + ",")
                if rest and len(WORD_RE.findall(rest)) >= 3:
                    return "parenthetical", _Utt(a, s_end, "indirect", c, src, None, p)
                return "according", _Utt(a, b, "indirect", c, src, None, p)
            return None
        if info.verb == "call" and _WHAT_THEY_CALL_RE.search(text[max(ss, c.start - 25):c.start]):
            return None  # 'what they call "moderate"': a label, not speech
        if c.start == ss and low not in ("says", "said"):
            return None  # 'Asked about ...', 'Speaking to ...': a participle opening the sentence
        if prev_word == "to":
            return None  # an infinitive: 'refused to discuss', 'wants to say'
        if low == "show" and prev_tok and _is_cap(prev_tok[-1][2]) and _PROGRAMME_NEXT_RE.match(text, c.end):
            return None  # 'the Daily Show with ...', 'Apple Music show The 411': a programme, not 'polls show that'
        if self._passive(c):
            return None
        form0 = low.split()[0]
        lead = text[ss:c.start].rstrip()
        # inverted attribution: 'CONTENT, said X.' / 'CONTENT1, said X, CONTENT2.'
        res = _source_before(doc, g, ss, c.start)
        if lead.endswith(",") and info.frame in ("clause", "tell") and not form0.endswith("ing") \
                and (res is None or res[1] is None):
            s2 = _source_after(doc, g, c.end, s_end)
            if s2 is not None and text[s2[0]:s2[1]].split()[0].lower().strip(",.") not in g.adjunct:
                a = _clause_start(text, ss, ss)
                b = ss + len(lead) - 1
                if len(WORD_RE.findall(text, a, b)) < 3:
                    return None
                tail = text[s2[1]:s_end].strip(BLANKS + ",")
                if tail and len(WORD_RE.findall(tail)) >= 3 and not self._participle_at(s2[1], s_end):
                    return "parenthetical", _Utt(a, s_end, "indirect", c, s2, None, p)
                return "final", _Utt(a, b, "indirect", c, s2, None, p)
        # participle continuing an attribution: ', adding that ...', ', saying ...'
        if form0.endswith("ing") and (prev_word == "," or prev_word in ("\"", "\u201d") and text[max(0, c.start - 8):c.start].rstrip()[-2:-1] == ","):
            subj = self._participle_subject(ss, c.start)
            if subj is not None:
                a = _skip_after_cue(doc, g, c, s_end, info.frame)
                if s_end - a < 8:
                    return None
                u = _Utt(a, s_end, "indirect", c, subj[0], subj[1], p)
                u.how = "participle"
                return "participle", u
            return None
        if res is not None:
            src, ante, comma, _a, toks = res
            w0 = text[src[0]:src[1]].split()[0].lower().strip(",")
            if w0 in g.expletive and src[1] - src[0] <= 3:
                return None
        else:
            src = ante = None
            comma = -1
            if prev_word == "and":
                # 'He expressed concern about X and said Y': the subject of the first verb
                src, ante = self._participle_subject(ss, c.start) or (None, None)
        after = _skip_after_cue(doc, g, c, s_end, info.frame)
        rest = text[after:s_end]
        rest_words = WORD_RE.findall(rest)
        between_comma = text[c.end:after]
        if src is None:
            return None
        # 'CONTENT, X said.' / 'CONTENT1, X said, CONTENT2.'
        if comma >= 0 and info.frame in ("clause", "tell") and comma > ss:
            a = _clause_start(text, ss, ss)
            lead_words = len(WORD_RE.findall(text, a, comma))
            if lead_words >= 3 and not rest_words:
                return "final", _Utt(a, comma, "indirect", c, src, ante, p)
            if lead_words >= 3 and rest_words and "," in between_comma[-3:] + text[c.end:c.end + 2] \
                    and text[c.end:after].strip().endswith(",") and not self._participle_at(after - 1, s_end):
                if not rest_words[0].lower() in ("that",):
                    return "parenthetical", _Utt(a, s_end, "indirect", c, src, ante, p)
            if lead_words >= 3 and self._participle_at(after, s_end) and not rest_words[:1] == ["that"]:
                return "final", _Utt(a, comma, "indirect", c, src, ante, p)
        # 'X said (that) CONTENT'
        if len(rest_words) < 2:
            return None
        end = s_end
        m = REPORTED_END_RE.search(text, after, s_end)
        while m is not None and doc.in_quote(m.start()) is not None:
            m = REPORTED_END_RE.search(text, m.end(), s_end)
        if m is not None and len(WORD_RE.findall(text, after, m.start())) >= 2:
            end = m.start()  # 'he will vote for Clinton, but he has not endorsed her': the report ends at ', but'
        for c2 in doc.cues_between(after + 1, end):
            # '... expressed concern about X and said Y' / '..., adding that Y': the next report starts there
            m2 = COORD_CUE_RE.search(text, max(after, c2.start - 20), c2.start)
            if m2 is not None and len(WORD_RE.findall(text, after, m2.start())) >= 2:
                end = m2.start()
                break
        return "reported", _Utt(after, end, "indirect", c, src, ante, p)

    def _participle_subject(self, ss: int, pos: int):
        """Speaker of a participle cue (', saying ...'): the speaker of an earlier attribution in the
        same sentence, else the noun phrase opening the sentence. (src, ante) or None."""
        prior = [u for u in self.utts if u.cue is not None and ss <= u.cue.start < pos and u.src]
        if prior:
            return prior[-1].src, prior[-1].ante
        toks = self.doc.tokens(ss, pos)
        g = self.g
        k = 0
        # skip an opening adverbial ("On Monday, ...", "In a statement, ...")
        if toks and toks[0][2].lower() in g.boundary:
            while k < len(toks) and toks[k][2] != ",":
                k += 1
            k += 1
        j = k
        while j < len(toks) and toks[j][2][0].isalnum() and (_is_cap(toks[j][2]) or toks[j][2].lower() in g.det
                                                             or toks[j][2].lower() in g.roles or toks[j][2].lower() in g.pron):
            j += 1
        if j == k or j - k > 8:
            return None
        return (toks[k][0], toks[j - 1][1]), None

    def _participle_at(self, pos: int, hi: int) -> bool:
        """Is the text at ``pos`` ', adding ...' (a participle cue continuing the attribution)?"""
        m = _PARTICIPLE_RE.match(self.doc.text[pos:min(hi, pos + 30)])
        return bool(m and self.doc.lx.lookup(m.group(1)))

    # -- phase 3: quotations without a cue of their own
    def _leftovers(self):
        doc, text = self.doc, self.doc.text
        self.utts.sort(key=lambda u: (u.start, u.end))
        for seg in doc.segs:
            if seg.role:
                continue
            p = seg.para
            voice = doc.pvoice[p]
            si, ss, se, _ = doc.sentence_at(seg.open)
            at_start = not text[max(ss, doc.pbody[p]):seg.open].strip(BLANKS + "\u2014\u2013-")
            prev = self._previous_speech(seg)
            if prev is not None and not prev[1] and at_start and seg.open <= doc.pbody[p] + 1 and prev[0].segs \
                    and not prev[0].segs[-1].closed and prev[0].segs[-1].para == p - 1 and prev[0].kind in ("direct", "mixed"):
                # a quotation running over several paragraphs (each opens with a mark, only the last closes)
                u0 = prev[0]
                u0.end = seg.end
                u0.parts.extend([seg.start, seg.end])
                u0.segs.append(seg)
                seg.role = "speech"
                continue
            if prev is not None and prev[1] and self._same_attribution(prev[0], seg):
                # '"A," he said, "B."' / '"A," Lavrov said. "B."': one utterance around one cue
                u0 = prev[0]
                u0.end = seg.end
                u0.parts.extend([seg.start, seg.end])
                u0.segs.append(seg)
                seg.role = "speech"
                continue
            if at_start and seg.closed and _title_like(text, seg):
                # '"American Skin (41 Shots)" was written by Springsteen': a title the sentence goes on
                # about, not a quotation continuing the previous speaker
                seg.role = "scare"
                continue
            if at_start and prev is not None:
                u0, same_para = prev
                between = text[u0.end:seg.open]
                if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None and u0.cue.start >= u0.end - 1 and \
                        not self._other_sentences(u0, seg) and not self._cue_tail(u0, seg):
                    # '"A," Lavrov said. "B."': one utterance around one cue
                    u0.end = seg.end
                    u0.parts.extend([seg.start, seg.end])
                    u0.segs.append(seg)
                    seg.role = "speech"
                    continue
                if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None and u0.cue.start < u0.start \
                        and not between.strip(BLANKS + "\u201d\"'"):
                    # 'X said: "A." "B."'
                    u0.end = seg.end
                    u0.parts.extend([seg.start, seg.end])
                    u0.segs.append(seg)
                    seg.role = "speech"
                    continue
                # '"A," Merkel told reporters after the meeting. "B."': B is a quotation of its own, attributed
                # by the same cue (it shares the cue columns: one attribution, two quoted passages)
                shared = u0.cue if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None \
                    and u0.cue.start >= u0.end - 1 and u0.how.startswith("after") and self._cue_tail(u0, seg) \
                    and doc.sentence_at(seg.open)[0] == doc.sentence_at(u0.cue.start)[0] + 1 else None
                u = _Utt(seg.start, seg.end, "direct" if at_start else "partial", shared, u0.src, u0.ante, p,
                         "continuation", [seg.start, seg.end], segs=[seg])
                u.speaker_spans = []
                u._from = u0  # the speaker is the previous utterance's
                seg.role = "speech"
                self.utts.append(u)
                self.utts.sort(key=lambda x: (x.start, x.end))
                continue
            # a quotation followed directly by an attributed one: '"A." "B," he said.'
            nxt = self._next_attributed(seg)
            if nxt is not None and at_start:
                nxt.start = seg.start
                nxt.parts[:0] = [seg.start, seg.end]
                nxt.segs.insert(0, seg)
                seg.role = "speech"
                continue
            if seg.words >= 6 and at_start and (seg.closed is False or _SENT_PUNCT_RE.search(text[seg.start:seg.end + 1])):
                if voice == "editorial":
                    seg.role = "unattributed"  # the republisher quoting no one we can name: nobody's utterance
                    continue
                u = _Utt(seg.start, seg.end, "direct", None, None, None, p, "unattributed", [seg.start, seg.end], segs=[seg])
                seg.role = "speech"
                self.utts.append(u)
                self.utts.sort(key=lambda x: (x.start, x.end))
                continue
            seg.role = "scare"

    def _same_attribution(self, u0: _Utt, seg: _Seg) -> bool:
        """Does ``seg`` continue the quotation of ``u0`` across its attribution, in the cue's own
        sentence ('"A," he said, "B."') or the next one ('"A," he said. "B."')?"""
        doc, text = self.doc, self.doc.text
        c = u0.cue
        if u0.kind not in ("direct", "mixed") or c is None or c.start < u0.end - 1 or not u0.how.startswith("after"):
            return False
        tail = max(c.end, u0.src[1] if u0.src else c.end)
        bridge = text[tail:seg.open]
        m = BRIDGE_PARTICIPLE_RE.match(bridge)
        if m:  # '"A," he said, referring to X. "B."'
            tail += m.end()
            bridge = text[tail:seg.open]
        if doc.cues_between(tail, seg.open) or doc.has_quote(tail, seg.open) or len(WORD_RE.findall(bridge)) > 10:
            return False
        i_cue = doc.sentence_at(c.start)[0]
        i_seg = doc.sentence_at(seg.open)[0]
        b = bridge.rstrip()
        if i_seg == i_cue or m:
            return b.endswith((",", ":", ", but", ", and", " but", ".")) or not b.strip()
        if i_seg == i_cue + 1:
            # '"A," Lavrov said. "B."' is one utterance; '"A," Merkel told reporters after the meeting. "B."'
            # (the cue sentence goes on after the attribution) is two: B continues the speaker
            return not text[doc.sentence_at(seg.open)[1]:seg.open].strip(BLANKS + "\u2014\u2013-") and not self._cue_tail(u0, seg)
        return False

    def _cue_tail(self, u0: _Utt, seg: _Seg) -> bool:
        """With ``split_around_cue``: does the attribution sentence of ``u0`` hold words after its cue
        and speaker, before ``seg`` ('"A," Merkel told reporters after the meeting. "B."')?"""
        if not self.split_around_cue:
            return False
        c = u0.cue
        tail = max(c.end, u0.src[1] if u0.src else c.end)
        return tail < seg.open and WORD_RE.search(self.doc.text, tail, seg.open) is not None

    def _other_sentences(self, u0: _Utt, seg: _Seg) -> bool:
        """True if a sentence other than the cue's lies between an utterance and a quotation."""
        doc = self.doc
        i0 = doc.sentence_at(u0.cue.start)[0] if u0.cue else doc.sentence_at(u0.end)[0]
        i1 = doc.sentence_at(seg.open)[0]
        return i1 - i0 > 1

    def _previous_speech(self, seg: _Seg):
        """The utterance a cue-less quotation continues: the last one before it in the same
        paragraph, or ending the previous paragraph of the same voice. (utterance, same_para)"""
        doc = self.doc
        p = seg.para
        before = [u for u in self.utts if u.end <= seg.open and u.end > doc.pstart[max(0, p - 1)]]
        if not before:
            return None
        u0 = max(before, key=lambda u: u.end)
        if u0.how == "participle":
            # '"A," X said, referring to Y. "B."': B continues the quotation before the participle
            earlier = [u for u in before if u is not u0 and u.end <= u0.start and u.kind in ("direct", "mixed")]
            if earlier:
                u1 = max(earlier, key=lambda u: u.end)
                if u1.src == u0.src and u1.cue is not None and doc.sentence_at(u1.cue.start)[0] == doc.sentence_at(u0.cue.start)[0]:
                    u0 = u1
        up = doc.para_at(max(u0.start, u0.end - 1))
        if up == p:
            return u0, True
        if up != p - 1 or doc.pvoice[up] != doc.pvoice[p] or doc.pvoice[p] == "editorial":
            return None
        # the previous paragraph must end with that utterance's sentence
        last_s = doc.sentence_at(doc.pend[up] - 1)
        if last_s[1] > max(u0.end, u0.cue.end if u0.cue else u0.end):
            return None
        return u0, False

    def _next_attributed(self, seg: _Seg):
        doc, text = self.doc, self.doc.text
        for u in self.utts:
            if u.para == seg.para and u.start > seg.end and u.how.startswith("after") and u.segs and u.segs[0].open >= seg.close:
                if not text[seg.close:u.segs[0].open].strip(BLANKS):
                    return u
                return None
        return None

    # -- speakers
    def _speakers(self):
        actors = _actors
        art, text = self.article, self.doc.text
        g = self.g
        last_named: list[tuple[str, int, int]] = []  # (speaker, para, is_person)
        for u in self.utts:
            if u.how == "transcript":
                u.speaker = self._label_speaker(u)
                u.speaker_spans = list(u.src)
                if u.speaker and u.speaker != "questioner":
                    last_named.append((u.speaker, u.para, u.start))
                continue
            src = getattr(u, "_from", None)
            if src is not None:
                u.speaker = src.speaker
                u.speaker_spans = list(src.speaker_spans)
                u.src = src.src
                continue
            if u.src is None:
                u.speaker = None
                continue
            s, e = u.src
            mention = text[s:e].strip()
            low = mention.lower()
            spans = [s, e]
            name = None
            if u.ante and text[u.ante[0]:u.ante[1]].strip().lower() in g.pron:
                s, e = u.ante
                mention, low = text[s:e].strip(), text[s:e].strip().lower()
            if u.ante and low not in g.pron:
                # a relative pronoun's antecedent, or the head of "HEAD, APPOSITIVE,"
                a0, a1 = u.ante
                name = self._name(actors, art, a0, a1)
                if (a0, a1) != (s, e):
                    spans += [a0, a1]
            elif low in g.pron:
                name, ante = self._pronoun(u, low, last_named)
                if ante:
                    spans += list(ante)
            else:
                name = self._name(actors, art, s, e)
            u.speaker = name
            u.speaker_spans = spans
            if name:
                last_named.append((name, u.para, u.start))

    def _name(self, actors, art, s, e) -> str | None:
        """Canonical name of a speaker mention: the actors module's, unless the mention only names a
        possessor ("Obama's former campaign strategist" is not Obama); else the mention itself.
        A mention that opens with a name and goes on with an appositive, affiliation or clause
        ("Doug Usher, director of research at Widmeyer", "Jeffrey Lewis of the Martin Center") is
        resolved from that name; one that ends with a name after a role ("Judicial Watch president
        Tom Fitton") from the name at its end. A mention that cannot name anyone (a pronoun, a
        sentence adverb, a clause) gives None."""
        text = self.doc.text
        mention = text[s:e]
        if POSSESSOR_ONLY_RE.match(mention):
            return self._valid(_clean(mention))
        span = self._name_part(s, e) if NAME_PART_HINT_RE.search(text, s, e) else None
        if span is not None:
            s, e = span
            mention = text[s:e]
        name = _resolve(actors, art, s, e, self.aliases)
        if name is not None:
            toks = mention.split()
            last = toks[-1].lower() if toks else ""
            if len(toks) > 1 and toks[-1][:1].islower() and last not in self.g.roles and _head_noun(last, self.g.heads) \
                    and not POSSESSOR_ONLY_RE.match(mention) and _is_person(actors, art, name, self.aliases):
                # a person only modifies a common-noun head: "Clinton supporters", "McConnell aides"
                # (an organisation stays the speaker: "DoD analysts" -> Pentagon)
                return self._valid(_clean(mention)) or name
            return name  # the actors module's canonical names are already stable keys
        cleaned = _clean(mention)
        name = self._valid(cleaned)
        if name and name != cleaned:
            return self._known_form(name) or name  # "Carter Says" -> "Carter" -> "Ash Carter"
        return name

    def _name_part(self, s: int, e: int):
        """The name inside a longer speaker mention (see :meth:`_name`), as a span, or None."""
        text, g = self.doc.text, self.g
        toks = _tokens(text, s, e)
        if len(toks) < 2:
            return None
        # NAME, APPOSITIVE / NAME (R-Ohio) / NAME of ORG / NAME who ... / NAME at ORG
        for k, (a, b, t) in enumerate(toks):
            low = t.lower()
            if t in (",", "(", ";", "\u2014", "\u2013", "--") or (t[0] == "(" and len(t) > 1) \
                    or low in ("of", "who", "at", "for", "with", "from"):
                if k == 0:
                    return None
                head = [x[2] for x in toks[:k]]
                if not all(_is_cap(w) or w.lower() in PARTICLES_LOW for w in head) or not _is_cap(head[0]) or len(head) > 5:
                    return None
                if head[0].lower() in g.not_speaker or head[-1].lower().rstrip(".") in g.roles:
                    return None  # "The Post of ...", "Secretary of State John Kerry"
                if len(head) == 1 and t not in (",", "(") and not (t[0] == "(" and len(t) > 1):
                    return None  # "Bank of America": one word before 'of' is no name of its own
                return toks[0][0], toks[k - 1][1]
            if not (t[0].isalnum()):
                return None
        # ROLE NAME: "Judicial Watch president Tom Fitton", "Republican strategist Al Cardenas"
        k = len(toks)
        while k > 0 and _is_cap(toks[k - 1][2]):
            k -= 1
        if 0 < k < len(toks) and len(toks) - k <= 4:
            prev = toks[k - 1][2]
            if prev[0].isalpha() and prev.islower() and prev.rstrip(".") in g.roles and toks[k][2].lower() not in g.not_speaker:
                return toks[k][0], toks[-1][1]
        return None

    def _valid(self, name: str | None) -> str | None:
        """A speaker name from a mention nobody resolved, or None when it cannot name anyone: a
        pronoun ("we", "Orlando he"), a sentence adverb or function word ("Later", "The"), a clause
        ("that its market ... quadrupled"), a number. A trailing cue word from a headline is
        dropped ("Carter Says" -> "Carter")."""
        if not name:
            return None
        g = self.g
        toks = name.split()
        forms = g.forms
        while len(toks) > 1 and toks[-1][:1].isupper() and toks[-1].lower() in forms:
            toks.pop()  # "Carter Says": a headline's verb
        if not toks:
            return None
        low = [(APOS_SPLIT_RE.split(t.lower(), 1)[0] if "'" in t or "\u2019" in t else t.lower()).strip(".,;:") for t in toks]
        hit = g.pron.intersection(low)
        if hit and (hit != {"one"} or len(low) == 1):
            return None  # "we", "Orlando he" ("One man" is someone)
        t0, w0 = toks[0], low[0]
        cap0 = t0[:1].isupper()
        if len(toks) == 1 and (w0 in g.not_speaker or not t0[0].isalpha() or not cap0 and LOWER_ING_ED_RE.match(t0)):
            return None
        if not cap0 and (w0 in g.boundary or w0 not in g.det and (w0 in g.not_speaker or w0 in forms)):
            return None  # "that its market capitalization quadrupled", "hosts the popular"
        if not toks[-1][:1].isupper() and (low[-1] in g.boundary or low[-1] in g.det or low[-1] in g.prep):
            return None  # "a wave of boos upon", "Signs of"
        cut = _speaker_phrase(toks, low, g)
        if cut is None:
            return None
        if len(cut) != len(toks):
            return _canonical(" ".join(cut))
        return _canonical(name if len(toks) == len(name.split()) else " ".join(toks))

    def _pronoun(self, u: _Utt, low: str, last_named):
        actors = _actors
        gender = self.g.gender.get(low)
        if gender is None:
            # they / we / I / it: no canonical speaker (the mention as written stays in speaker_mention)
            return None, None
        voice = self.doc.pvoice[u.para]
        for name, para, pos in reversed(last_named):
            if u.para - para > 3:
                break
            if self.doc.pvoice[para] != voice and voice == "editorial":
                continue
            gd = _gender(actors, self.article, name, self.aliases)
            if gd == gender or (gd is None and _looks_person(name)):
                return name, None
        try:
            name = actors.previous_person(self.article, u.src[0], gender, aliases=self.aliases) if self.aliases is not None \
                else actors.previous_person(self.article, u.src[0], gender)
        except Exception:  # noqa: BLE001 - the actors module is optional help here
            name = None
        return name, None  # an unresolved pronoun names no one (the mention stays in speaker_mention)


HEADLINE_WORDS = frozenset({"From", "Of", "The", "In", "On", "And", "For", "With", "To", "At", "By", "About", "Into",
                            "A", "An", "Is", "Are", "Was", "Were", "Raises", "Releases", "Reveals", "Shows"})


def _head_noun(word: str, heads: frozenset) -> bool:
    """Is ``word`` (lower case) a speech-capable head noun, in the singular or a regular plural?"""
    w = APOS_SPLIT_RE.split(word, 1)[0] if ("'" in word or "\u2019" in word) else word
    w = w.strip(".,;:")
    if "-" in w and w not in heads:
        w = w.rsplit("-", 1)[1]  # "ex-House aide", "co-founder"
    if w in heads:
        return True
    if w.endswith("men") and w[:-3] + "man" in heads:
        return True
    if w.endswith("ies") and w[:-3] + "y" in heads:
        return True
    if w.endswith("es") and w[:-2] in heads:
        return True
    return w.endswith("s") and w[:-1] in heads


def _speaker_phrase(toks: list, low: list, g) -> list | None:
    """The tokens of an unresolved speaker mention that can name a speaker, or None.

    A speaker is a name ("Jane Doe", "The Heritage Foundation") or a common-noun phrase headed by a
    person, role, group, organisation or document noun ("police", "a government spokesman", "the
    report", "a handful of other lawmakers"): never a time expression ("Wednesday", "time"), a common
    non-agent noun ("manslaughter", "the plague"), a clause ("MailOnline the country would struggle")
    or a title-case headline ("New Footage From Las Vegas Massacre"). A time expression after a
    common-noun phrase is cut off ("police late Saturday" -> "police"), as is what comes before a
    determiner that opens the phrase proper ("meet a Catholic prelate" -> "a Catholic prelate"); a
    phrase of more than six words keeps only its head part ("The doctors at Parkland Hospital ...").

    >>> from analysis import cues
    >>> g = _Grammar(cues.lexicon())
    >>> f = lambda m: (lambda t: t and " ".join(t))(_speaker_phrase(m.split(), m.lower().split(), g))
    >>> [f(m) for m in ("police late Saturday", "manslaughter", "the plague", "Wednesday", "a handful of lawmakers")]
    ['police', None, None, None, 'a handful of lawmakers']
    >>> [f(m) for m in ("meet a Catholic prelate", "New Footage From Las Vegas Massacre", "The Guardian", "court documents")]
    ['a Catholic prelate', None, 'The Guardian', 'court documents']
    """
    n = len(toks)
    if n == 1 and low[0] in g.time:
        return None  # "Wednesday", "February", "Time"
    caps = [t[:1].isupper() or not t[:1].isalpha() for t in toks]
    if all(caps[1:]) and (caps[0] or low[0] in g.det):
        # a name, perhaps after its article ("The Guardian"): reject a title-case headline or a date
        if n > 6 or any(t in HEADLINE_WORDS for t in toks[1:]):
            return None
        body = [w for w in low if w not in g.det]
        if body and all(w in g.time for w in body):
            return None  # "The Monday"
        return toks
    # a common-noun phrase (with lower-case words)
    if any(w in g.aux or w.endswith(("n't", "n\u2019t")) for w in low):
        return None  # a clause: "The documents didn't", "MailOnline the country would struggle"
    k = n
    while k > 1 and low[k - 1] in g.time and not caps[k - 2]:
        k -= 1  # "the report Tuesday", "police late Saturday"
    if k < n:
        toks, low, caps, n = toks[:k], low[:k], caps[:k], k
    for i in range(n - 1, 0, -1):
        if low[i] in ("the", "a", "an") and not caps[i - 1] and low[i - 1] not in g.postmod \
                and low[i - 1] not in g.det and low[i - 1] not in g.quant:
            toks, low, caps, n = toks[i:], low[i:], caps[i:], n - i  # "meet a Catholic prelate"
            break
    # the head: the last word before a post-modifier ("statement" in "a statement from the ministry")
    j = next((i for i in range(1, n) if low[i] in g.postmod), n)
    head = low[j - 1]
    if head in g.quant and j < n and low[j] == "of":
        j2 = next((i for i in range(j + 1, n) if low[i] in g.postmod), n)
        head = low[j2 - 1] if j2 - 1 > j else ""
        j = j2
    if not head or head in g.time:
        return None
    if not _head_noun(head, g.heads):
        # a name at the end of a common-noun phrase ("the Treason Bar attorney" is handled above):
        # only after determiners, quantifiers, possessives, capitalised words and role words
        hi = j - 1
        if not (toks[hi][:1].isupper() and all(caps[i] or low[i] in g.det or low[i] in g.quant or low[i] in g.heads
                                                 or low[i] in g.postmod for i in range(hi))):
            return None
    if n > 6 and j < n and not toks[j - 1][:1].isupper():
        toks = toks[:j]  # not in a name: "the Swedish National Council for Crime Prevention"
    return toks


def _resolve(actors, article, s, e, aliases):
    try:
        return actors.resolve(article, s, e, aliases) if aliases is not None else actors.resolve(article, s, e)
    except Exception:  # noqa: BLE001 - never let name resolution break quote finding
        return None


def _is_person(actors, article, name, aliases):
    try:
        return actors.is_person(article, name, aliases) if aliases is not None else actors.is_person(article, name)
    except Exception:  # noqa: BLE001
        return False


def _gender(actors, article, name, aliases):
    try:
        return actors.gender(article, name, aliases) if aliases is not None else actors.gender(article, name)
    except Exception:  # noqa: BLE001
        return None


PARTICLES_LOW = frozenset({"al", "el", "bin", "ibn", "ben", "abu", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
                           "van", "von", "der", "den", "ter", "and", "&"})


_canonical = _actors.canonical_name


def _looks_person(name: str) -> bool:
    toks = name.split()
    return 1 <= len(toks) <= 4 and all(t[:1].isupper() for t in toks)


POSSESSOR_ONLY_RE = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['\u2019]s?\s+(?:[a-z][\w\-]*\s*){1,5}$")
CLEAN_HEAD_RE = re.compile(r"^(?:the|a|an)\s+", re.I)


def _clean(mention: str) -> str:
    """A speaker name from a mention nobody resolved: the head before an appositive, blanks collapsed."""
    m = " ".join(mention.replace("\n", " ").split()).strip(" ,;:")
    head = _CLEAN_SPLIT_RE.split(m)[0].strip()
    return head or m


# ------------------------------------------------------------------------------ public tables
def _as_article(article):
    from .article import Article
    from .errors import ArticleError

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


def _alias_key(aliases):
    if aliases is None:
        return None
    if isinstance(aliases, pd.DataFrame):
        return ("df", tuple(aliases.columns), tuple(map(tuple, aliases.astype(str).values.tolist())))
    try:
        import os

        return (str(aliases), os.stat(aliases).st_mtime)
    except (OSError, TypeError):
        return (str(aliases), 0)


def _analysis(article, aliases=None, split_around_cue=False) -> _Analysis:
    """The cached analysis of an article (per alias table and lexicon version)."""
    store = article.__dict__.setdefault("_quotes_cache", {})
    stamp = _cues._stamp()
    key = (_alias_key(aliases), stamp, bool(split_around_cue))
    an = store.get(key)
    if an is None:
        an = store[key] = _Analysis(article, aliases, _cues._build(stamp), bool(split_around_cue))
    return an


_UTTERANCE_INTS = ("speaker_start", "speaker_end", "cue_start", "cue_end", "start", "end", "paragraph", "sentence")


def _utterance_frame(an: _Analysis) -> pd.DataFrame:
    return _actors._frame(_utterance_columns(an), ints=_UTTERANCE_INTS)


def _utterance_columns(an: _Analysis) -> dict:
    """The rows of :func:`find_quotes` as column lists (fresh lists on every call)."""
    doc, text = an.doc, an.doc.text
    cols = {c: [] for c in UTTERANCE_COLUMNS}
    (c_speaker, c_mention, c_sstart, c_send, c_spans, c_cue, c_cstart, c_cend, c_verb, c_stance, c_kind, c_start, c_end,
     c_text, c_parts, c_para, c_sent, c_voice, c_how, c_type, c_conf) = (cols[c] for c in UTTERANCE_COLUMNS)
    pstart, pvoice, sstart = doc.pstart, doc.pvoice, doc.art_sent_start
    br = bisect.bisect_right
    for u in an.utts:
        if u.end <= u.start:
            continue
        c = u.cue
        s0, e0 = (u.src if u.src else (-1, -1))
        c_speaker.append(u.speaker)
        c_mention.append(text[s0:e0] if s0 >= 0 else "")
        c_sstart.append(s0)
        c_send.append(e0)
        c_spans.append(list(map(int, u.speaker_spans or ([s0, e0] if s0 >= 0 else []))))
        if c:
            c_cue.append(text[c.start:c.end])
            c_cstart.append(c.start)
            c_cend.append(c.end)
            c_verb.append(c.info.verb if c.info else c.form.strip())
            c_stance.append(c.info.stance if c.info else "neutral")
        else:
            c_cue.append("")
            c_cstart.append(-1)
            c_cend.append(-1)
            c_verb.append("")
            c_stance.append("")
        c_kind.append(u.kind)
        c_start.append(u.start)
        c_end.append(u.end)
        c_text.append(text[u.start:u.end])
        c_parts.append(list(map(int, u.parts or [u.start, u.end])))
        pi = br(pstart, u.start) - 1
        if pi < 0:
            pi = 0
        si = br(sstart, u.start) - 1
        c_para.append(pi)
        c_sent.append(si if si > 0 else 0)
        c_voice.append(pvoice[pi])
        c_how.append(u.how)
        c_type.append(_speaker_type(u.speaker))
        c_conf.append(_confidence(u))
    return cols


SPEAKER_TYPES = ("person", "organisation", "group", "anonymous", "document", "unknown")
_GROUP_HEADS = frozenset({"officials", "residents", "experts", "analysts", "critics", "sources", "witnesses", "police",
                          "people", "protesters", "lawmakers", "investigators", "authorities", "members", "leaders"})
_DOCUMENT_HEADS = frozenset({"statement", "letter", "report", "release", "ruling", "document", "memo", "tweet", "post",
                             "legislation", "regulations", "law", "bill", "study", "survey", "complaint", "lawsuit"})


def _speaker_type(name: str | None) -> str:
    """Initial coarse rule for ``speaker_type`` (one of :data:`SPEAKER_TYPES`) from the speaker's name."""
    if not name:
        return "unknown"
    words = name.split()
    head = words[-1].lower().strip(".,")
    if head in _DOCUMENT_HEADS:
        return "document"
    if words[0].lower() in ("a", "an", "one"):
        return "anonymous"
    if head in _GROUP_HEADS or (name[:1].islower() and head.endswith("s")):
        return "group"
    if _looks_person(name):
        return "person"
    return "organisation"


def _confidence(u) -> float:
    """Initial coarse rule for ``confidence``: how directly the speaker is tied to the words."""
    if not u.speaker:
        return 0.2
    if u.how in ("after", "before", "after-inverted", "transcript", "according"):
        return 0.9
    if u.how in ("continuation", "final", "parenthetical", "participle"):
        return 0.7
    return 0.75


def find_quotes(article, aliases=None, split_around_cue: bool = False) -> pd.DataFrame:
    """One row per utterance (direct, mixed, indirect or partial) with its speaker and cue; see the
    module docstring for the columns. ``aliases``: a user alias file or DataFrame for
    :func:`analysis.actors.alias_table` that corrects or adds speaker names.

    Two quotations around one cue are one utterance by default (``text`` runs from the first to the
    second, the quoted pieces are in ``parts``): PolNeAR annotates them as one attribution (505 of
    507 such cases in train+dev), also when the cue sentence goes on after the speaker ('"A," Merkel
    told reporters after the meeting. "B."'). ``split_around_cue=True`` gives such a pair (cue
    sentence with words after cue and speaker) as two utterances sharing the cue, the second with
    ``how`` = ``continuation``, the cue sentence in neither.

    >>> from analysis import load_article, Article
    >>> q = find_quotes(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt"))
    >>> q[q.kind == "direct"].speaker.value_counts().to_dict()
    {'Sergey Lavrov': 4, 'Dmitry Peskov': 2, 'Maria Zakharova': 1}
    >>> a = Article.from_text('"We act," Merkel told reporters after the talks. "They must too."')
    >>> find_quotes(a, split_around_cue=True)[["speaker", "how", "text"]].values.tolist()
    [['Angela Merkel', 'after', 'We act'], ['Angela Merkel', 'continuation', 'They must too.']]
    """
    article = _as_article(article)
    return _utterance_frame(_analysis(article, aliases, split_around_cue))


def utterance_columns(article, aliases=None, split_around_cue: bool = False) -> dict:
    """The rows of :func:`find_quotes` as a dict of column lists (for corpus mode, which converts
    the columns to Arrow itself); an article without utterances gets the (typed, empty) DataFrame.

    >>> from analysis import load_article
    >>> a = load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")
    >>> utterance_columns(a) == {k: v.tolist() for k, v in find_quotes(a).items()}
    True
    """
    article = _as_article(article)
    an = _analysis(article, aliases, split_around_cue)
    cols = _utterance_columns(an)
    if not cols["start"]:
        return _utterance_frame(an)
    return _actors._listed(cols, _UTTERANCE_INTS)


def quote_columns(article) -> dict:
    """:func:`utterance_columns` with the default settings, computed once per article and shared
    with every analysis that reads the utterances (sentiment, framing, loaded terms, corpus mode):
    always a dict of column lists (empty lists when there are none). Shared: treat it as read-only.

    >>> from analysis import Article
    >>> quote_columns(Article.from_text('"We act," Merkel said.'))["speaker"]
    ['Angela Merkel']
    """
    from .article import shared

    article = _as_article(article)
    # the key corpus mode stores its utterances step under (corpus.analyse_one: module.function)
    cols = shared(article, "analysis.quotes.utterance_columns", lambda: utterance_columns(article))
    if isinstance(cols, pd.DataFrame):  # no utterances: utterance_columns gives the typed empty frame
        cols = {k: [] for k in cols.columns}
    return cols


def scare_quotes(article) -> pd.DataFrame:
    """Quoted words that are nobody's speech: short quoted phrases no cue attributes ("moderate",
    "spin the war") and single-quoted phrases outside quotations ('cooked'). Columns ``start``,
    ``end`` (the words inside the marks), ``text``, ``voice``, ``paragraph``, ``kind`` (``scare``;
    ``title`` when every word is capitalised; ``unattributed`` for a longer quotation in an editorial
    paragraph that no cue attributes, which is not given to any speaker either).

    >>> from analysis import Article
    >>> scare_quotes(Article.from_text('They back "moderate" rebels and \\'cooked\\' reports.'))[["text", "kind"]].values.tolist()
    [['moderate', 'scare'], ['cooked', 'scare']]
    """
    article = _as_article(article)
    an = _analysis(article)
    doc, text = an.doc, an.doc.text
    rows = []
    for s in doc.segs:
        if s.role in ("scare", "unattributed") and s.end > s.start:
            rows.append((s.start, s.end, s.role))
    for m in SINGLE_RE.finditer(text):
        a, b = m.span(1)
        pi = doc.para_at(a)
        if doc.pvoice[pi] == "boilerplate" or a < doc.pbody[pi]:
            continue
        if doc.in_quote(a) is not None:
            continue  # a quotation inside a quotation is the quoted speaker's
        if len(WORD_RE.findall(m.group(1))) > 6:
            continue
        rows.append((a, b, "scare"))
    rows.sort()
    out = {c: [] for c in SCARE_COLUMNS}
    for a, b, role in rows:
        t = text[a:b]
        pi = doc.para_at(a)
        words = WORD_RE.findall(t)
        out["start"].append(a)
        out["end"].append(b)
        out["text"].append(t)
        out["voice"].append(doc.pvoice[pi])
        out["paragraph"].append(pi)
        out["kind"].append(role if role != "scare" else "title" if len(words) >= 2 and all(w[:1].isupper() for w in words) else "scare")
    return pd.DataFrame({k: (np.asarray(v, dtype=np.int64) if k in ("start", "end", "paragraph") else pd.Series(v, dtype=object))
                         for k, v in out.items()}, columns=SCARE_COLUMNS)


def _words(text: str, spans) -> int:
    return sum(len(WORD_RE.findall(text, a, b)) for a, b in spans)


def _speech_spans(row, text) -> list[tuple[int, int]]:
    """The spans that are the speaker's words: the quoted parts of a direct utterance (not the
    attribution between them), the whole content otherwise."""
    parts = list(row.parts) if row.kind == "direct" and row.parts else [row.start, row.end]
    return [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def speaker_table(article, aliases=None) -> pd.DataFrame:
    """One row per speaker: ``speaker`` (canonical name), ``kind`` (person, government, ... from
    :mod:`analysis.actors`; '' when unknown), ``role``, ``gender``, ``organisation``, ``aliases``
    (every form the article uses for the speaker, sorted), ``utterances`` and counts per kind,
    ``words`` (words in their utterances), ``first_start``. Correct names with ``aliases`` (see
    :func:`analysis.actors.alias_table`).

    >>> from analysis import load_article
    >>> t = speaker_table(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")).set_index("speaker")
    >>> sorted(t.loc["Sergey Lavrov", "aliases"])[:3], t.loc["Maria Zakharova", "gender"]
    (['Lavrov', 'Russian Foreign Minister Sergey Lavrov', 'Sergey Lavrov'], 'female')
    """
    from . import actors

    article = _as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    try:
        at = actors.actor_table(article, aliases) if aliases is not None else actors.actor_table(article)
        info = {r.actor: r for r in at.itertuples()}
    except Exception:  # noqa: BLE001
        info = {}
    rows = {}
    for r in q.itertuples():
        if r.speaker is None or str(r.speaker) in ("", "None", "nan"):
            continue
        sp = str(r.speaker)
        d = rows.setdefault(sp, {"aliases": set(), "utterances": 0, "words": 0, "first_start": r.start,
                                 **{k: 0 for k in KINDS}})
        d["utterances"] += 1
        d[r.kind] = d.get(r.kind, 0) + 1
        d["words"] += _words(text, _speech_spans(r, text))
        if r.speaker_mention and r.speaker_mention.lower() not in _cues.lexicon().words.get("pronoun", ()) \
                and r.speaker_mention.lower() not in _cues.lexicon().words.get("relative", ()):
            d["aliases"].add(" ".join(r.speaker_mention.split()).strip(" ,"))
        d["first_start"] = min(d["first_start"], r.start)
    cols = {c: [] for c in SPEAKER_COLUMNS}
    for sp, d in sorted(rows.items(), key=lambda kv: (kv[1]["first_start"], kv[0])):
        a = info.get(sp)
        aliases_seen = set(d["aliases"])
        if a is not None:
            aliases_seen |= set(a.aliases)
        vals = {"speaker": sp, "kind": getattr(a, "kind", "") if a is not None else "",
                "role": getattr(a, "role", "") if a is not None else "",
                "gender": getattr(a, "gender", "") if a is not None else "",
                "organisation": getattr(a, "organisation", "") if a is not None else "",
                "aliases": sorted(aliases_seen), **{k: d[k] for k in ("utterances", *KINDS, "words", "first_start")}}
        for c in SPEAKER_COLUMNS:
            cols[c].append(vals[c])
    data = {}
    for c, v in cols.items():
        if c in ("utterances", *KINDS, "words", "first_start"):
            data[c] = np.asarray(v, dtype=np.int64)
        else:
            data[c] = object_array(v)
    return pd.DataFrame(data, columns=SPEAKER_COLUMNS)


# the same names as the sentiment speaker table's voice rows
VOICE_LABELS = {"report": "reporter", "editorial": "editorial", "boilerplate": "boilerplate"}


def words_by_speaker(article, aliases=None) -> pd.DataFrame:
    """Who gets how much of the article: words per speaker (their utterances) and, for the text no
    one is quoted as saying, per voice of its paragraph: ``reporter``, ``editorial``,
    ``boilerplate`` (``kind`` ``voice``; the names the sentiment speaker table uses). Columns ``speaker``, ``voice``, ``kind`` (``speaker`` or ``voice``),
    ``words``, ``share`` (of all words). Words are :data:`analysis.resources.WORD_RE` tokens.

    >>> from analysis import Article
    >>> a = Article.from_text('"We help Syria," Lavrov said. The talks ended.')
    >>> words_by_speaker(a)[["speaker", "words"]].values.tolist()
    [['reporter', 5], ['Lavrov', 3]]
    """
    article = _as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    doc = _analysis(article, aliases).doc
    counts: dict[tuple[str, str, str], int] = {}
    covered = []
    for r in q.itertuples():
        spans = _speech_spans(r, text)
        n = _words(text, spans)
        sp = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "(unattributed quote)"
        key = (sp, str(r.voice), "speaker")
        counts[key] = counts.get(key, 0) + n
        covered.extend(spans)
    covered.sort()
    # words outside every utterance, per paragraph voice
    for i, (p0, p1) in enumerate(zip(doc.pstart, doc.pend)):
        lo = p0  # the "Comment:" marker counts for its paragraph's voice
        inside = [(max(a, lo), min(b, p1)) for a, b in covered if a < p1 and b > lo]
        n_all = len(WORD_RE.findall(text, lo, p1))
        n_in = _words(text, inside)
        key = (VOICE_LABELS.get(doc.pvoice[i], doc.pvoice[i]), doc.pvoice[i], "voice")
        counts[key] = counts.get(key, 0) + max(0, n_all - n_in)
    total = max(1, sum(counts.values()))
    rows = sorted(((k[0], k[1], k[2], v) for k, v in counts.items() if v > 0), key=lambda r: (-r[3], r[0], r[1]))
    df = pd.DataFrame(rows, columns=["speaker", "voice", "kind", "words"])
    df["words"] = df["words"].astype("int64")
    df["share"] = (df.words / total).round(3)
    return df


def utterance_counts(article, aliases=None) -> pd.DataFrame:
    """Utterances per speaker and kind: ``speaker``, ``direct``, ``mixed``, ``indirect``,
    ``partial``, ``total``, ``words`` (sorted by total, then name).

    >>> from analysis import Article
    >>> utterance_counts(Article.from_text('"We help," Lavrov said. Washington errs in Syria, Lavrov said.')).values.tolist()
    [['Lavrov', 1, 0, 1, 0, 2, 6]]
    """
    article = _as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    rows = {}
    for r in q.itertuples():
        sp = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "(unattributed quote)"
        d = rows.setdefault(sp, {k: 0 for k in (*KINDS, "total", "words")})
        d[r.kind] += 1
        d["total"] += 1
        d["words"] += _words(text, _speech_spans(r, text))
    out = pd.DataFrame([{"speaker": k, **v} for k, v in rows.items()], columns=["speaker", *KINDS, "total", "words"])
    if len(out):
        out = out.sort_values(["total", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    for c in (*KINDS, "total", "words"):
        out[c] = out[c].astype("int64")
    return out


def tables(article, aliases=None) -> dict[str, pd.DataFrame]:
    """Every table of the quotes analysis (the CLI's ``quotes`` subcommand; ``utterances`` first).

    >>> from analysis import load_article
    >>> list(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))
    ['utterances', 'scare_quotes', 'speakers', 'counts', 'words']
    """
    article = _as_article(article)
    return {"utterances": find_quotes(article, aliases), "scare_quotes": scare_quotes(article),
            "speakers": speaker_table(article, aliases), "counts": utterance_counts(article, aliases),
            "words": words_by_speaker(article, aliases)}


def highlight_html(article, aliases=None, paragraphs: bool = True) -> str:
    """The article as escaped HTML with each utterance marked (``<mark class="quote direct"
    title="Sergey Lavrov (direct)">``) and scare quotes marked ``class="scare"``: for notebooks
    and reports. Every piece of article text goes through :func:`html.escape`.

    >>> from analysis import Article
    >>> highlight_html(Article.from_text('"We <help>," Lavrov said.'))
    '<p>&quot;<mark class="quote direct" title="Lavrov (direct)">We &lt;help&gt;</mark>,&quot; Lavrov said.</p>'
    """
    import html

    article = _as_article(article)
    text = article.text
    q = find_quotes(article, aliases)
    s = scare_quotes(article)
    marks = []
    for r in q.itertuples():
        who = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "unattributed"
        for a, b in _speech_spans(r, text):
            marks.append((a, b, f'<mark class="quote {html.escape(str(r.kind))}" title="{html.escape(who)} ({html.escape(str(r.kind))})">'))
    for r in s.itertuples():
        marks.append((int(r.start), int(r.end), f'<mark class="scare" title="{html.escape(str(r.kind))} quote: no speaker">'))
    marks.sort(key=lambda m: (m[0], -m[1]))
    kept, last = [], -1
    for m in marks:  # never nest or overlap marks
        if m[0] >= last:
            kept.append(m)
            last = m[1]
    out = []
    layout = _layout(article)
    spans = list(zip(layout["pstart"], layout["pend"])) if paragraphs else [(0, len(text))]
    k = 0
    for p0, p1 in spans:
        pos, buf = p0, []
        while k < len(kept) and kept[k][0] < p1:
            a, b, tag = kept[k]
            a, b = max(a, p0), min(b, p1)
            if a >= pos and b > a:
                buf.append(html.escape(text[pos:a]))
                buf.append(tag + html.escape(text[a:b]) + "</mark>")
                pos = b
            if kept[k][1] <= p1:
                k += 1
            else:
                break
        buf.append(html.escape(text[pos:p1]))
        out.append("<p>" + "".join(buf) + "</p>")
    return "\n".join(out)
