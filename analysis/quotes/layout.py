"""The article as the attribution rules see it (:class:`Doc`): paragraphs with their voice,
sentences merged over quotations, the quoted stretches (:mod:`.marks`), the cue hits outside them
(:class:`Cue`), and tokens with offsets for the backward and forward walks of :mod:`.sources`.
"""
from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from itertools import accumulate

from .. import cues as _cues
from ..columns import layout
from ..textview import view
from .marks import QUOTE_CHARS, SQ_OPEN_RE, WORD_RE, Seg, double_quotes, single_quotes

SINGLE_AFTER_WINDOW = 60  # characters after a single-quoted passage searched for its cue
SINGLE_BEFORE_WINDOW = 80  # characters before it searched for 'X said:'
SINGLE_CUE_DISTANCE = 4  # words at most between a single-quoted passage and its cue
HEADLINE_MAX_WORDS = 25  # a headline or sub-heading has at most this many words
HEADLINE_WINDOW = 400  # characters of a paragraph read to tell whether it is a headline
TITLE_CASE_SHARE = 0.75  # share of capitalised words (of more than three letters) in a title-case headline
SINGLE_SPEECH_MIN_WORDS = 3  # a single-quoted passage that shows the article's speech marks has this many words
_SQ_STOP_RE = re.compile(r"[.!?;\"\u201c\u201d\u2018]|['](?!\w)")
_SQ_BEFORE_STOP_RE = re.compile(r"[.!?\"\u201c\u201d]")
PARTY_TAG = r"\((?:[A-Z][a-z]?|Ind|Dem|Rep)\.?\s?[-\u2013]\s?[A-Z][\w. ]{0,20}\)"
TOKEN_RE = re.compile(r"[^\W_][\w'\u2019&\-]*(?:\.\w[\w'\u2019&\-]*)*(?:\.|(?<=\d)%)?|" + PARTY_TAG
                      + r"|--|[,;:()\[\]\"\u201c\u201d\u2018\u2019\u2014\u2013\u2015]|(?<=\s)-(?=\s)")
ABBREV_RE = re.compile(r"^(?:[A-Z][a-z]{0,3}\.|(?:[A-Za-z]\.){1,3}|[A-Z]\.)$")  # Mr. Sen. U.S. J.


@dataclass(slots=True)
class Cue:
    """A cue hit: a reporting verb of the cue lexicon outside quotation marks, or a colon/dash."""

    start: int
    end: int
    form: str
    info: object  # cues.Cue or None for ':'
    used: bool = False


@dataclass
class Utt:
    """An utterance while the rules work on it (see :func:`analysis.quotes.find_quotes` for the columns
    it becomes)."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    src: tuple | None  # (start, end) of the speaker mention as written
    ante: tuple | None = None  # antecedent of a relative pronoun ("who"), or the head of "HEAD, APPOSITIVE,"
    para: int = 0
    how: str = ""
    parts: list = field(default_factory=list)
    speaker: str | None = None
    speaker_spans: list = field(default_factory=list)
    segs: list = field(default_factory=list)
    from_utt: "Utt | None" = None  # a continuation: the utterance whose speaker it has
    resolved: str = ""  # how the speaker was found (speakers.attribute)


class ArticleRef:
    """``self.article`` held through a weak reference: the analysis lives in the article's own
    cache, so a strong one would make a reference cycle, and every article (with all its cached
    tables) would wait for the garbage collector instead of being freed when it goes."""

    @property
    def article(self):
        return self._article_ref()

    @article.setter
    def article(self, article):
        self._article_ref = weakref.ref(article)


class Doc(ArticleRef):
    """Layout of an article for the rules: paragraphs, sentences merged over quotations, cue hits."""

    def __init__(self, article, lx=None):
        self.article = article
        self.text = text = view(article.text)  # invisible characters as blanks, same offsets
        lay = layout(article)
        self.pstart, self.pend, self.pvoice, self.pbody = lay["pstart"], lay["pend"], lay["pvoice"], lay["pbody"]
        self.art_sent_start = lay["sstart"]
        self.lx = lx or _cues.lexicon()
        self._tok_cache: dict = {}
        self._headlines: dict = {}
        self.segs: list[Seg] = []
        for i in range(len(self.pstart)):
            if self.pvoice[i] != "boilerplate":
                self.segs.extend(double_quotes(text, self.pbody[i], self.pend[i], i))
        self.seg_open = [s.open for s in self.segs]
        if SQ_OPEN_RE.search(text) is not None:
            self._single_marks()
        self._sentences(lay["sstart"], lay["send"], lay["spara"])
        self.cues: list[Cue] = []
        for a, b in self.lx.finditer(text):
            if self.in_quote(a) is not None:
                continue
            pi = self.para_at(a)
            if self.pvoice[pi] == "boilerplate" or a < self.pbody[pi]:
                continue
            form = text[a:b]
            self.cues.append(Cue(a, b, form, self.lx.lookup(form)))
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
                singles.extend(single_quotes(text, self.pbody[i], self.pend[i], i, self))
        if not singles or not any(self._single_speech(g) for g in singles):
            return
        keep, inner = [], set()
        for g in singles:
            # a single-quoted passage that crosses a double-quoted one is no quotation; the double
            # quotes inside one are nested in it (double-quoted passages never overlap each other)
            over = self._segs_over(g.open, g.close)
            if all(g.open < d.open and d.close <= g.close for d in over):
                keep.append(g)
                inner.update(id(d) for d in over)
        segs = [d for d in self.segs if id(d) not in inner] + keep
        segs.sort(key=lambda x: x.open)
        self.segs = segs
        self.seg_open = [x.open for x in segs]

    def _segs_over(self, lo: int, hi: int) -> list:
        """The (double-quoted, non-overlapping) passages that overlap ``[lo, hi)``."""
        j = bisect.bisect_left(self.seg_open, hi)
        out = []
        while j > 0 and self.segs[j - 1].close > lo:
            j -= 1
            out.append(self.segs[j])
        return out

    def _single_speech(self, g: "Seg") -> bool:
        """Is a single-quoted passage attached to a cue ('...,' he said / X told MPs: '...')?"""
        if g.words < SINGLE_SPEECH_MIN_WORDS:
            return False
        text = self.text
        pe = self.pend[g.para]
        last = text[g.start:g.end + 1].rstrip("'\u2019 ")[-1:]
        if g.closed and last in ",?!":
            after = text[g.close:min(pe, g.close + SINGLE_AFTER_WINDOW)]
            stop = _SQ_STOP_RE.search(after)
            if stop is not None:
                after = after[:stop.start()]
            hits = self.lx.finditer(after)
            if hits and len(WORD_RE.findall(after, 0, hits[0][0])) <= SINGLE_CUE_DISTANCE:
                return True
        before = text[max(self.pbody[g.para], g.open - SINGLE_BEFORE_WINDOW):g.open]
        if before.rstrip()[-1:] in (":", ","):
            hits = self.lx.finditer(before)
            if hits and len(WORD_RE.findall(before, hits[-1][1])) <= SINGLE_CUE_DISTANCE \
                    and not _SQ_BEFORE_STOP_RE.search(before[hits[-1][1]:]):
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
                toks, starts, ends, dots = scan_tokens(text, s0, s1)
                last = len(toks) - 1
                for k in dots:
                    a, b, t = toks[k]
                    if len(t) > 1 and not ABBREV_RE.match(t) and (b >= s1 - 1 or not text[b:b + 1].isspace() \
                            or k == last):
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
                if (self.text[s:s + 1].islower() or self.text[s:s + 1] in ")],;") \
                        and self.text[prev[0]:s].rstrip().endswith("."):
                    prev[1] = e  # 'the F.B.I. has said', 'Reed (D-R.I.), said': no sentence opens so
                    continue
            out.append([s, e, p])
        self.sents = out
        self.sent_start = [x[0] for x in out]

    def headline(self, pos: int) -> bool:
        """Is ``pos`` in a headline or sub-heading: a short paragraph with no sentence end of its own
        or written in title case ("Meghan had suicidal thoughts", "Poll Shows Clinton Ahead."), or a
        sentence that repeats such a paragraph or is itself a title-case headline ("Climate Report Warns
        Of Extreme Weather." opening the body)?"""
        return self.headline_paragraph(self.para_at(pos)) or self._headline_sentence(pos)

    def _headline_sentence(self, pos: int) -> bool:
        """Is the sentence holding ``pos`` in title case and either a repeat of a headline paragraph or
        a title-case headline itself (a function word capitalised inside it: "Warns Of")?"""
        i, s, e, _ = self.sentence_at(pos)
        key = ("sentence", i)
        hit = self._headlines.get(key)
        if hit is None:
            words = WORD_RE.findall(self.text, s, min(e, s + HEADLINE_WINDOW))
            hit = False
            if 0 < len(words) <= HEADLINE_MAX_WORDS and title_case(words):
                inner = self.lx.words.get("headline_word", frozenset())
                hit = any(w[:1].isupper() and w.lower() in inner for w in words[1:]) \
                    or " ".join(words) in self._headline_texts()
            self._headlines[key] = hit
        return hit

    def _headline_texts(self) -> set:
        """The words of the headline paragraphs, joined by single spaces."""
        got = self._headlines.get("texts")
        if got is None:
            got = set()
            for pi in range(len(self.pstart)):
                if self.pvoice[pi] != "boilerplate" and self.headline_paragraph(pi):
                    got.add(" ".join(WORD_RE.findall(self.text, self.pbody[pi], self.pend[pi])))
            self._headlines["texts"] = got
        return got

    def headline_paragraph(self, pi: int) -> bool:
        """Is paragraph ``pi`` a headline or sub-heading (see :meth:`headline`)?"""
        hit = self._headlines.get(pi)
        if hit is None:
            body = self.text[self.pbody[pi]:self.pend[pi]].rstrip().rstrip(QUOTE_CHARS + ")]").rstrip()
            words = WORD_RE.findall(body, 0, HEADLINE_WINDOW)
            hit = len(words) <= HEADLINE_MAX_WORDS and (body[-1:] not in ".!?:;" or title_case(words))
            self._headlines[pi] = hit
        return hit

    def sentence_at(self, pos: int) -> tuple[int, int, int, int]:
        """(index, start, end, paragraph) of the merged sentence holding ``pos``."""
        i = max(0, bisect.bisect_right(self.sent_start, pos) - 1)
        if not self.sents:
            pi = self.para_at(pos)
            return 0, self.pstart[pi], self.pend[pi], pi
        s, e, p = self.sents[i]
        return i, s, e, p

    def cues_between(self, lo: int, hi: int) -> list[Cue]:
        i = bisect.bisect_left(self.cue_start, lo)
        j = bisect.bisect_left(self.cue_start, hi)
        return self.cues[i:j]

    def has_quote(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.seg_open, lo)
        return i < len(self.segs) and self.segs[i].open < hi

    def segs_in(self, lo: int, hi: int) -> list[Seg]:
        i = bisect.bisect_left(self.seg_open, lo)
        out = []
        while i < len(self.segs) and self.segs[i].open < hi:
            if self.segs[i].close <= hi:
                out.append(self.segs[i])
            i += 1
        return out


def title_case(words: list) -> bool:
    """Are most words of more than three letters capitalised (a headline in title case)?

    >>> title_case("Poll Shows Clinton Ahead in Ohio".split()), title_case("the plan was dead".split())
    (True, False)
    """
    long = [w for w in words if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= TITLE_CASE_SHARE * len(long)


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, lo, hi)]


TOKEN_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")


def scan_tokens(text: str, lo: int, hi: int):
    """``tokens(text, lo, hi)`` as ``(tokens, starts, ends, dots)`` (``dots``: indices of the tokens
    ending with a period), from one ``split`` (no match object per token, offsets summed in C). The
    only lookbehind of ``TOKEN_RE`` (a blank before a lone hyphen) could see before ``lo``: a hyphen
    right at ``lo`` takes the plain path.

    >>> t = 'Rep. John Mica (R-Fla.) said -- "no" - U.S. aid.'
    >>> toks, starts, ends, dots = scan_tokens(t, 0, len(t))
    >>> toks == tokens(t, 0, len(t)), starts[:3], ends[:3], dots
    (True, [0, 5, 10], [4, 9, 14], [0, 10, 11])
    """
    if lo < hi and text[lo] == "-":
        toks = tokens(text, lo, hi)
        return toks, [x[0] for x in toks], [x[1] for x in toks], [k for k, x in enumerate(toks) if x[2][-1] == "."]
    parts = TOKEN_SPLIT_RE.split(text[lo:hi])
    offs = list(accumulate(map(len, parts), initial=lo))
    words = parts[1::2]
    starts, ends = offs[1:-1:2], offs[2::2]
    toks = list(zip(starts, ends, words))
    dots = [k for k, t in enumerate(words) if t[-1] == "."]
    return toks, starts, ends, dots
