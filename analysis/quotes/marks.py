"""Quote marks and their pairing: the quoted stretches of each paragraph (:class:`Seg`).

Double marks (straight, curly, low, guillemets, NYT-style ``''``) are paired per paragraph; single
marks (British style) are paired by :func:`single_quotes` when the article uses them for speech
(decided in :mod:`.layout`). Nicknames inside names ('Marcia "Cia" Price') are no quotations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import cues as _cues
from .. import resources

WORD_RE = resources.WORD_RE
MAX_NESTING = 2  # quotation depth counted (deeper marks are read as level two)
TITLE_MAX_WORDS = 8  # a quoted title has at most this many words
NICKNAME_MAX_WORDS = 2  # a nickname inside a name has at most this many words
NICKNAME_LOOKBACK = 40  # characters before a quotation searched for the capitalised word of a name
SINGLE_MIN_WORDS = 3  # an unclosed single-quoted passage needs this many words to run to its paragraph end

BLANKS = " \t\u00a0\u2009\u202f"
# a double quote mark (straight, curly, low, guillemet) or a doubled '' / ``; written to open with one
# character class, so that the regex engine skips ahead to the marks instead of trying every position
DOUBLE_MARK_RE = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb'`](?:(?<=')'|(?<=`)`|(?<=[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]))")
OPENERS = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
CLOSERS = {"\u201d", "\u00bb"}
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb`"
# a single-quoted phrase (scare quote): not an apostrophe inside or at the end of a word
SINGLE_RE = re.compile(r"(?<![\w\u2019'])[\u2018']((?=[^\W\d_])[^\n\u2018\u2019']{1,70}?[\w.!?])[\u2019'](?![\w])")

_TITLE_NEXT_RE = re.compile(r"[\s\u201d\"']*(?:\(|[a-z])")


def title_like(text: str, seg, after_words: frozenset | None = None) -> bool:
    """A short quoted stretch in title case with no punctuation of its own, and the sentence going
    on in lower case after it: a title ("American Skin (41 Shots)" was written by ...), not speech.
    ``after_words``: the words after a quotation that show it was said (``quote_words.csv``,
    category ``title_speech``: "he", "said", ...; read from the cue lexicon when None).

    >>> t = '"American Skin (41 Shots)" was written by Springsteen.'
    >>> title_like(t, Seg(0, 1, 25, 26, True, 0))
    True
    >>> t = '"We Will Win" he said.'
    >>> title_like(t, Seg(0, 1, 12, 13, True, 0))
    False
    """
    inner = text[seg.start:seg.end].strip()
    words = WORD_RE.findall(inner)
    if not words or len(words) > TITLE_MAX_WORDS or any(ch in ".,;:!?\u2014-" for ch in inner[-1:] + text[seg.end:seg.close]):
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3):
        return False
    if not any(w[0].isupper() for w in words):
        return False
    m = _TITLE_NEXT_RE.match(text, seg.close)
    if m is None:
        return False
    rest = WORD_RE.match(text, m.end() - 1)
    if after_words is None:
        after_words = _cues.lexicon().words.get("title_speech", frozenset())
    return rest is None or rest.group().lower() not in after_words


@dataclass(slots=True)
class Seg:
    """A double-quoted stretch inside one paragraph (offsets of marks and of the content)."""

    open: int
    start: int
    end: int
    close: int
    closed: bool
    para: int
    words: int = 0
    role: str = ""  # speech / embedded / scare
    single: bool = False  # set in single quote marks ('...' / ‘...’)


def double_quotes(text: str, p0: int, p1: int, para: int) -> list[Seg]:
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
            if depth > MAX_NESTING:
                depth = MAX_NESTING
        else:
            if depth == 0:
                continue
            depth -= 1
            if depth == 0:
                segs.append(make_seg(text, o_s, o_e, s, e, True, para))
    if depth and o_s >= 0:
        segs.append(make_seg(text, o_s, o_e, p1, p1, False, para))
    return [g for g in segs if g.end > g.start and not nickname(text, g)]


_NICK_BEFORE_RE = re.compile(r"(?:^|[\s(])[A-Z][\w.'\u2019-]*[ \u00a0]$")
_NICK_AFTER_RE = re.compile(r"[ \u00a0][A-Z]")


def nickname(text: str, g) -> bool:
    """A nickname inside a name (Marcia "Cia" Price, Thomas "Tip" O'Neill): one or two capitalised
    words in quote marks between a capitalised word and another; part of the name, no quotation.

    >>> t = 'state Del. Marcia "Cia" Price shouted.'
    >>> nickname(t, Seg(18, 19, 22, 23, True, 0)), nickname('the "moderate" rebels', Seg(4, 5, 13, 14, True, 0))
    (True, False)
    """
    if not g.closed or g.words > NICKNAME_MAX_WORDS:
        return False
    inner = text[g.start:g.end]
    if not inner[:1].isupper() or any(ch in inner for ch in ".,;:!?"):
        return False
    return _NICK_BEFORE_RE.search(text, max(0, g.open - NICKNAME_LOOKBACK), g.open) is not None and \
        _NICK_AFTER_RE.match(text, g.close) is not None


# single quote marks: an opening mark after a blank or an opening punctuation, before a letter or digit;
# a closing mark after a non-blank, before no letter or digit; elisions ('90s, 'n', 'em, 'til) are no marks
# (written mark first, with a negative lookbehind over the character before it and the mark, which
# also holds at the start of the text: the regex engine then skips ahead to quote marks)
SQ_OPEN_RE = re.compile(r"['\u2018](?<![^\s(\[{\u2014\u2013/:;\"\u201c\u201d-]['\u2018])(?=[^\W_])")
SQ_CLOSE_RE = re.compile(r"(?<=[^\s'\u2018\u2019])['\u2019](?![^\W_])")
ELISION_RE = re.compile(r"['\u2018](?:\d0s\b|\d\d\b|\d\ds\b|n['\u2019]|em\b|til\b|cause\b|tis\b|twas\b)", re.I)


def single_quotes(text: str, p0: int, p1: int, para: int, doc) -> list[Seg]:
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
            g = make_seg(text, o, o + 1, c, c + 1, True, para)
            last_close = c + 1
        elif limit == p1 and (not text[p0:o].strip(BLANKS) or _opens_next(text, doc, para)):
            # unclosed: a quotation opening its paragraph, or one whose next paragraph opens with a
            # mark (a quotation over several paragraphs closes only in the last)
            g = make_seg(text, o, o + 1, p1, p1, False, para)
            if g.words < SINGLE_MIN_WORDS:
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


def make_seg(text, o_s, o_e, c_s, c_e, closed, para) -> Seg:
    a, b = o_e, c_s
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    g = Seg(o_s, a, b, c_e, closed, para)
    g.words = len(WORD_RE.findall(text, a, b)) if b > a else 0
    return g
