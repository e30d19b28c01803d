"""Quotations without a cue of their own: continuations of the speaker just before ('"A," he said.
"B."', a quotation over several paragraphs, 'X said: "A." "B."'), a quotation followed directly by
an attributed one ('"A." "B," he said.'), long unattributed quotations, and the rest: scare quotes
and titles.
"""
from __future__ import annotations

import bisect
import re

from .layout import Utt
from .marks import BLANKS, WORD_RE, Seg, title_like

UNATTRIBUTED_MIN_WORDS = 6  # a quotation no cue attributes is speech (of no one named) from this many words
BRIDGE_MAX_WORDS = 10  # words between a cue and the quotation that continues across it ('"A," he said, "B."')
_SENT_PUNCT_RE = re.compile(r"[.!?]")
BRIDGE_PARTICIPLE_RE = re.compile(
    r",\s+(?:[a-z]+ing|who|which|whose)\b[^.!?\"\u201c\u201d]{0,120}?(?=[.,]\s*[\"\u201c]|[.]\s*$)")


def _join(idx, u0: Utt, seg: Seg) -> None:
    """Make ``seg`` the last quoted piece of ``u0``."""
    idx.change(u0, u0.start, seg.end)
    u0.parts.extend([seg.start, seg.end])
    u0.segs.append(seg)
    seg.role = "speech"


def _key(u: Utt):
    return u.start, u.end


class _Index:
    """The utterances of the stage, indexed for its two questions: which utterance ends last at or
    before an offset (of every kind, and of the direct and mixed ones), and which utterance attributed
    by a cue after its quotation starts first after an offset. Ties go to the utterance first in
    text order, as in the list the rules read."""

    def __init__(self, utts: list):
        self.seq = {}
        self.ends, self.quote_ends, self.afters = [], [], []
        for u in utts:
            self.add(u)

    def add(self, u: Utt) -> None:
        self.seq[id(u)] = len(self.seq)
        self._insert(u)

    def _insert(self, u: Utt) -> None:
        n = self.seq[id(u)]
        bisect.insort(self.ends, (u.end, -u.start, -n, u))
        if u.kind in ("direct", "mixed"):
            bisect.insort(self.quote_ends, (u.end, -u.start, -n, u))
        if u.how.startswith("after") and u.segs:
            bisect.insort(self.afters, (u.start, n, u))

    def _remove(self, u: Utt) -> None:
        n = self.seq[id(u)]
        for xs, key in ((self.ends, (u.end, -u.start, -n)), (self.quote_ends, (u.end, -u.start, -n)),
                        (self.afters, (u.start, n))):
            i = bisect.bisect_left(xs, key)
            if i < len(xs) and xs[i][:len(key)] == key:
                del xs[i]

    def change(self, u: Utt, start: int, end: int) -> None:
        """Set the span of ``u``, keeping the indexes in order."""
        self._remove(u)
        u.start, u.end = start, end
        self._insert(u)

    @staticmethod
    def last(xs: list, lo: int, hi: int):
        """The utterance of ``xs`` ending last in ``(lo, hi]`` (first in text order on ties), or None."""
        i = bisect.bisect_right(xs, (hi, _INF)) - 1
        return xs[i][3] if i >= 0 and xs[i][0] > lo else None

    def after(self, pos: int):
        """The utterances attributed by a cue after their quotation that start after ``pos``, in order."""
        xs = self.afters
        i = bisect.bisect_right(xs, (pos, _INF))
        while i < len(xs):
            yield xs[i][2]
            i += 1


_INF = float("inf")


def attribute(an) -> None:
    """Give every quotation that no cue attributed its role: a continuation of the speaker before it
    (joined to that utterance, or one of its own), speech of no one named, or a scare quote/title."""
    doc, text = an.doc, an.doc.text
    an.utts.sort(key=_key)
    idx = _Index(an.utts)
    for seg in doc.segs:
        if seg.role:
            continue
        p = seg.para
        voice = doc.pvoice[p]
        si, ss, se, _ = doc.sentence_at(seg.open)
        at_start = not text[max(ss, doc.pbody[p]):seg.open].strip(BLANKS + "\u2014\u2013-")
        prev = _previous_speech(an, idx, seg)
        if prev is not None and not prev[1] and at_start and seg.open <= doc.pbody[p] + 1 and prev[0].segs \
                and not prev[0].segs[-1].closed and prev[0].segs[-1].para == p - 1 \
                        and prev[0].kind in ("direct", "mixed"):
            # a quotation running over several paragraphs (each opens with a mark, only the last closes)
            _join(idx, prev[0], seg)
            continue
        if prev is not None and prev[1] and _same_attribution(an, prev[0], seg):
            # '"A," he said, "B."' / '"A," Lavrov said. "B."': one utterance around one cue
            _join(idx, prev[0], seg)
            continue
        if at_start and seg.closed and title_like(text, seg, an.g.title_speech):
            # '"American Skin (41 Shots)" was written by Springsteen': a title the sentence goes on
            # about, not a quotation continuing the previous speaker
            seg.role = "scare"
            continue
        if at_start and prev is not None:
            u0, same_para = prev
            between = text[u0.end:seg.open]
            if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None and u0.cue.start >= u0.end - 1 and \
                    not _other_sentences(an, u0, seg) and not _cue_tail(an, u0, seg):
                # '"A," Lavrov said. "B."': one utterance around one cue
                _join(idx, u0, seg)
                continue
            if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None and u0.cue.start < u0.start \
                    and not between.strip(BLANKS + "\u201d\"'"):
                # 'X said: "A." "B."'
                _join(idx, u0, seg)
                continue
            # '"A," Merkel told reporters after the meeting. "B."': B is a quotation of its own, attributed
            # by the same cue (it shares the cue columns: one attribution, two quoted passages)
            shared = u0.cue if same_para and u0.kind in ("direct", "mixed") and u0.cue is not None \
                and u0.cue.start >= u0.end - 1 and u0.how.startswith("after") and _cue_tail(an, u0, seg) \
                and doc.sentence_at(seg.open)[0] == doc.sentence_at(u0.cue.start)[0] + 1 else None
            u = Utt(seg.start, seg.end, "direct" if at_start else "partial", shared, u0.src, u0.ante, p,
                     "continuation", [seg.start, seg.end], segs=[seg])
            u.from_utt = u0  # the speaker is the previous utterance's
            seg.role = "speech"
            bisect.insort(an.utts, u, key=_key)
            idx.add(u)
            continue
        if not at_start and prev is not None and prev[1] and _partial_after(an, prev[0], seg):
            # '"A," Trump said. Instead, "he just acts like a defeated man."': the speaker's words go on
            _join(idx, prev[0], seg)
            continue
        # a quotation followed directly by an attributed one: '"A." "B," he said.'
        nxt = _next_attributed(an, idx, seg)
        if nxt is not None and at_start:
            idx.change(nxt, seg.start, nxt.end)
            nxt.parts[:0] = [seg.start, seg.end]
            nxt.segs.insert(0, seg)
            seg.role = "speech"
            continue
        if seg.words >= UNATTRIBUTED_MIN_WORDS and at_start and (seg.closed is False \
                or _SENT_PUNCT_RE.search(text[seg.start:seg.end + 1])):
            if voice == "editorial":
                seg.role = "unattributed"  # the republisher quoting no one we can name: nobody's utterance
                continue
            u = Utt(seg.start, seg.end, "direct", None, None, None, p, "unattributed", [seg.start, seg.end], segs=[seg])
            seg.role = "speech"
            bisect.insort(an.utts, u, key=_key)
            idx.add(u)
            continue
        seg.role = "scare"


PARTIAL_MIN_WORDS = 3  # a quoted fragment continuing the speaker of the sentence before has this many words


def _partial_after(an, u0: Utt, seg: Seg) -> bool:
    """Is ``seg``, a quotation inside the sentence right after the attribution of ``u0`` (a quotation
    with its cue after it, same paragraph), the same speaker's words going on ('"A," Trump said.
    Instead, "he just acts like a defeated man."', 'That makes her "by definition a trustworthy ...
    person"')? Its sentence has no cue of its own and no other quotation before it, and it has a few
    words (one or two quoted words are a scare quote)."""
    doc = an.doc
    c = u0.cue
    if (u0.kind not in ("direct", "mixed") or c is None or not u0.how.startswith("after")
            or seg.words < PARTIAL_MIN_WORDS):
        return False
    i_cue, _, cue_end, _ = doc.sentence_at(c.start)
    i_seg, ss, _, _ = doc.sentence_at(seg.open)
    if i_seg != i_cue + 1 or doc.cues_between(ss, seg.open) or doc.has_quote(ss, seg.open):
        return False
    return not doc.cues_between(seg.close, doc.sentence_at(seg.open)[2])


def _same_attribution(an, u0: Utt, seg: Seg) -> bool:
    """Does ``seg`` continue the quotation of ``u0`` across its attribution, in the cue's own
    sentence ('"A," he said, "B."') or the next one ('"A," he said. "B."')?"""
    doc, text = an.doc, an.doc.text
    c = u0.cue
    if u0.kind not in ("direct", "mixed") or c is None or c.start < u0.end - 1 or not u0.how.startswith("after"):
        return False
    tail = max(c.end, u0.src[1] if u0.src else c.end)
    bridge = text[tail:seg.open]
    m = BRIDGE_PARTICIPLE_RE.match(bridge)
    if m:  # '"A," he said, referring to X. "B."'
        tail += m.end()
        bridge = text[tail:seg.open]
    if doc.cues_between(tail, seg.open) or doc.has_quote(tail, seg.open) \
            or len(WORD_RE.findall(bridge)) > BRIDGE_MAX_WORDS:
        return False
    i_cue = doc.sentence_at(c.start)[0]
    i_seg = doc.sentence_at(seg.open)[0]
    b = bridge.rstrip()
    if i_seg == i_cue or m:
        return b.endswith((",", ":", ", but", ", and", " but", ".")) or not b.strip()
    if i_seg == i_cue + 1:
        # '"A," Lavrov said. "B."' is one utterance; '"A," Merkel told reporters after the meeting. "B."'
        # (the cue sentence goes on after the attribution) is two: B continues the speaker
        return not text[doc.sentence_at(seg.open)[1]:seg.open].strip(BLANKS + "\u2014\u2013-") \
                and not _cue_tail(an, u0, seg)
    return False


def _cue_tail(an, u0: Utt, seg: Seg) -> bool:
    """With ``split_around_cue``: does the attribution sentence of ``u0`` hold words after its cue
    and speaker, before ``seg`` ('"A," Merkel told reporters after the meeting. "B."')?"""
    if not an.split_around_cue:
        return False
    c = u0.cue
    tail = max(c.end, u0.src[1] if u0.src else c.end)
    return tail < seg.open and WORD_RE.search(an.doc.text, tail, seg.open) is not None


def _other_sentences(an, u0: Utt, seg: Seg) -> bool:
    """True if a sentence other than the cue's lies between an utterance and a quotation."""
    doc = an.doc
    i0 = doc.sentence_at(u0.cue.start)[0] if u0.cue else doc.sentence_at(u0.end)[0]
    i1 = doc.sentence_at(seg.open)[0]
    return i1 - i0 > 1


def _previous_speech(an, idx: _Index, seg: Seg):
    """The utterance a cue-less quotation continues: the last one before it in the same
    paragraph, or ending the previous paragraph of the same voice. (utterance, same_para)"""
    doc = an.doc
    p = seg.para
    lo = doc.pstart[max(0, p - 1)]
    u0 = idx.last(idx.ends, lo, seg.open)
    if u0 is None:
        return None
    if u0.how == "participle":
        # '"A," X said, referring to Y. "B."': B continues the quotation before the participle
        u1 = idx.last(idx.quote_ends, lo, u0.start)
        if u1 is not None:
            if u1.src == u0.src and u1.cue is not None \
                    and doc.sentence_at(u1.cue.start)[0] == doc.sentence_at(u0.cue.start)[0]:
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


def _next_attributed(an, idx: _Index, seg: Seg):
    """The first utterance after ``seg`` in its paragraph attributed by a cue after its quotation, if
    nothing but blanks stands between them ('"A." "B," he said.'), else None."""
    text = an.doc.text
    for u in idx.after(seg.end):
        if u.para > seg.para:
            return None
        if u.para == seg.para and u.segs[0].open >= seg.close:
            if not text[seg.close:u.segs[0].open].strip(BLANKS):
                return u
            return None
    return None
