"""Direct quotations attributed by an adjacent cue: a cue right after the closing mark ('"...,"
Lavrov said', '"...," said Lavrov', '"..." ― Name') or right before the opening mark ('Lavrov said:
"..."', 'X told reporters, "..."', 'Name: "..."', a colon after a clause whose subject is a name,
'X said:' ending the paragraph before).
"""
from __future__ import annotations

import bisect
import re

from .grammar import LOWER_ING_ED_RE, clause_start, is_cap, passive
from .layout import Cue, Utt
from .marks import BLANKS, WORD_RE, Seg
from .reported import participle_at, participle_subject, subject_verb_chain
from .sources import source_after, source_before

SCARE_MARKER_WINDOW = 40  # characters before a quotation searched for "so-called" and the like
AFTER_WINDOW = 220  # characters after a quotation searched for its cue
INVERTED_MAX_WORDS = 14  # a speaker between a quotation and its cue has at most this many words
APPOSITIVE_MAX_WORDS = 30  # '"...," NAME, APPOSITIVE, says': words between quotation and cue
BRIDGE_MAX_WORDS = 8  # words between a cue and the quotation it introduces ('X told reporters on Monday: "..."')
BLOCK_INTRO_WINDOW = 120  # characters before a paragraph end searched for 'X said:'
COLON_INTRO_MIN_WORDS = 8  # a quotation after 'X addressed them:' (no cue verb) has at least this many words
COLON_INTRO_MAX_WORDS = 5  # the subject naming its speaker has at most this many words
DASH_NAME_RE = re.compile(
    r"[ \t\u00a0\u2009\u202f]*(--|[-\u2013\u2014\u2015])"
    r"[ \t\u00a0\u2009\u202f]*([A-Z][\w.'\u2019\-]*(?:[ \t\u00a0\u2009\u202f]+[A-Z][\w.'\u2019\-]*){0,4})"
    r"[ \t\u00a0\u2009\u202f]*[.,]?[ \t\u00a0\u2009\u202f]*(?:$|\n|(?=[\"\u201c\u201d]))")
ABBREV_END_RE = re.compile(r"\b([A-Z][a-z]{0,4})\.\s*$")
NAME_APPOS_RE = re.compile(
    r"[\s,]*((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w'\u2019\-]*)\s+){1,3}[A-Z][\w'\u2019\-]*(?:\s+\([^()\n]{2,25}\))?)"
    r",\s+[^.!?]*$")
NAME_COLON_RE = re.compile(
    r"(?:^|[-\u2013\u2014:]\s+|\n)\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,4})\s*:\s*$")
SENT_END_RE = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s|$)")
_NO_SENT_END_RE = re.compile(r"[\s,]*(?:(?:[A-Z][a-z]{0,3}|[A-Z])\.\s*|[^.!?])*")
_AND_END_RE = re.compile(r"\band\s*$")
_INVERTED_NAME_RE = re.compile(r"\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,4})\s*[:,]\s*$")


def attribute(an) -> None:
    """Attribute each quotation with a cue right after or right before it (an utterance each, in
    ``an.utts``); a quotation after "so-called" and the like is a scare quote."""
    doc, g, text = an.doc, an.g, an.doc.text
    for seg in doc.segs:
        if an.doc.pvoice[seg.para] == "boilerplate":
            continue
        pre = text[max(doc.pbody[seg.para], seg.open - SCARE_MARKER_WINDOW):seg.open].lower()
        if pre.rstrip().endswith(g.scare_ends):
            seg.role = "scare"
            continue
        att = _after(an, seg) or _before(an, seg)
        if att is None:
            continue
        kind, c, src, ante, how, start = att
        c.used = True
        u = Utt(start, seg.end, kind, c, src, ante, seg.para, how, [seg.start, seg.end], segs=[seg])
        seg.role = "speech"
        an.add(u)


def _after(an, seg: Seg):
    """A cue right after the closing mark: '"...," Lavrov said' / '"...," said Lavrov'."""
    doc, g, text = an.doc, an.g, an.doc.text
    if not seg.closed:
        return None
    pe = doc.pend[seg.para]
    hi = min(pe, seg.close + AFTER_WINDOW)
    nxt = bisect.bisect_left(doc.seg_open, seg.close)
    if nxt < len(doc.segs) and doc.segs[nxt].open < hi:
        hi = doc.segs[nxt].open
    _, ss, se, _ = doc.sentence_at(seg.close - 1)
    m = DASH_NAME_RE.match(text, seg.close, pe)
    if m and not doc.cues_between(seg.close, m.end()):
        # '"..." ― Pamela Padilla' (a signed quotation)
        c = Cue(m.start(1), m.end(1), m.group(1), None)
        kind, start = _quote_kind(an, seg, ss)
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
            src = source_after(doc, g, c.end, max(c.end, se))
            if src is None:
                return None
            kind, start = _quote_kind(an, seg, ss)
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
            src = source_after(doc, g, c.end, max(c.end, se))
            if src is None:
                return None
            kind, start = _quote_kind(an, seg, ss)
            return kind, c, src, None, "after-inverted", start
        if SENT_END_RE.search(between) and not _NO_SENT_END_RE.fullmatch(between):
            return None
        res = source_before(doc, g, seg.close, c.start)
        src = res[0] if res else None
        ante = res[1] if res else None
        gap = text[seg.close:src[0]].strip(BLANKS + ",\n'\u2019") if src else "x"
        if gap or len(WORD_RE.findall(text, src[0], src[1])) > INVERTED_MAX_WORDS:
            # '"...," Malkia Cyril, the executive director at the Center ..., says.'
            m = NAME_APPOS_RE.match(text, seg.close, c.start)
            if not m or len(WORD_RE.findall(between)) > APPOSITIVE_MAX_WORDS:
                return None
            src, ante = (m.start(1), c.start - len(between) + len(between.rstrip(BLANKS + ",\n"))), None
        if passive(doc, g, c) or _own_clause_after(an, c, se):
            return None
        kind, start = _quote_kind(an, seg, ss)
        return kind, c, src, ante, "after", start
    return None


OWN_CLAUSE_HEARER_WORDS = 3  # words of a hearer between a cue and the 'that' of its own clause


def _own_clause_after(an, c: Cue, se: int) -> bool:
    """Does the cue after a quotation introduce a clause of its own ('Citing "obligations in
    Tennessee," the spokeswoman told POLITICO that Gore plans to skip ...')? Then the quotation is
    not what it reports."""
    text = an.doc.text
    words = WORD_RE.findall(text, c.end, min(se, c.end + AFTER_WINDOW))
    low = [w.lower() for w in words[:OWN_CLAUSE_HEARER_WORDS + 1]]
    if "that" not in low or len(words) <= low.index("that") + MIN_OWN_CLAUSE_WORDS:
        return False
    g = an.g
    if any(w in g.forms or w.endswith("ing") for w in low[:low.index("that")]):
        return False  # '"...," Hasib said, adding that ...': a participle goes on with the attribution
    nxt = words[low.index("that") + 1].lower()
    return not (nxt in g.aux or nxt in g.finite or LOWER_ING_ED_RE.match(nxt))  # 'a statement that was released'


MIN_OWN_CLAUSE_WORDS = 3  # words after 'that' in a cue's own clause


def _quote_kind(an, seg: Seg, ss: int):
    """direct when the quotation opens its sentence; else the sentence's opening words belong to
    the content (mixed: 'Guarantees ... "are provided in ...," Zakharova said')."""
    text = an.doc.text
    lead = text[ss:seg.open]
    if lead.strip(BLANKS + "\u2014\u2013-:") == "":
        return "direct", seg.start
    if an.doc.has_quote(ss, seg.open):
        return "direct", seg.start
    a = clause_start(text, ss, ss)
    return "mixed", a


def _before(an, seg: Seg):
    """A cue right before the opening mark: 'Lavrov said: "..."', 'X told reporters, "..."'."""
    doc, g, text = an.doc, an.g, an.doc.text
    si, ss, se, p = doc.sentence_at(seg.open)
    # the rest of the sentence after the quotation must be empty: else it is a fragment
    tail = text[seg.close:se] if seg.closed else ""
    if tail.strip(BLANKS + ".,;:!?)\u2014\u2013-\"\u201d'\u2019"):
        nxt = bisect.bisect_left(doc.seg_open, seg.close)
        if not (nxt < len(doc.segs) and text[seg.close:doc.segs[nxt].open].strip(BLANKS + ".,;:!?") == "") \
                and not participle_at(doc, seg.close, se):  # 'X said: "...," adding that ...'
            return None
    cands = doc.cues_between(ss, seg.open)
    if not cands and seg.open <= doc.pbody[p] + 1 and p > 0:
        return _block_intro(an, seg)
    for c in reversed(cands):
        if c.used or c.info is None:
            break
        bridge = text[c.end:seg.open]
        if doc.has_quote(c.end, seg.open):
            break
        b = bridge.strip()
        words = WORD_RE.findall(bridge)
        if not (b == "" or b[-1:] in ":," and len(words) <= BRIDGE_MAX_WORDS
                and not ({w.lower() for w in words} & g.complementizer)):
            return None
        if c.info.frame == "object" and b[-1:] != ":":
            return None
        res = source_before(doc, g, ss, c.start)
        src, ante = (res[0], res[1]) if res else (None, None)
        if c.form.lower().endswith("ing") and text[ss:c.start].rstrip().endswith(","):
            # 'Trump attacked her record in Libya, saying, "..."': the clause's subject speaks
            subj = participle_subject(an, ss, c.start)
            if subj is None:
                return None
            src, ante = subj
        if src is None and (_AND_END_RE.search(text[ss:c.start]) or subject_verb_chain(an, c, ss)):
            # 'He adopted a fake accent and joked, "..."': the subject of the first verb
            src, ante = participle_subject(an, ss, c.start) or (None, None)
        if src is None:
            # inverted: 'said Lavrov: "..."'
            m = _INVERTED_NAME_RE.match(bridge)
            if not m:
                return None
            src = (c.end + m.start(1), c.end + m.end(1))
        if passive(doc, g, c):
            return None
        return "direct", c, src, ante, "before", seg.start
    # a colon after a name: 'Lavrov: "..."', '... - Philip Bump: "..."'
    lead = text[ss:seg.open]
    m = NAME_COLON_RE.search(lead)
    if m:
        colon = ss + lead.rindex(":")
        c = Cue(colon, colon + 1, ":", None)
        return "direct", c, (ss + m.start(1), ss + m.end(1)), None, "colon", seg.start
    # 'She then addressed the supporters again: "..."': a long quotation after a colon; the
    # sentence's subject speaks
    if lead.rstrip().endswith(":") and seg.words >= COLON_INTRO_MIN_WORDS and not cands:
        subj = participle_subject(an, ss, seg.open)
        if subj is not None:
            w = text[subj[0][0]:subj[0][1]]
            if is_cap(w) and len(WORD_RE.findall(w)) <= COLON_INTRO_MAX_WORDS:
                colon = ss + lead.rindex(":")
                c = Cue(colon, colon + 1, ":", None)
                return "direct", c, subj[0], subj[1], "colon-intro", seg.start
    return None


def _block_intro(an, seg: Seg):
    """A quotation opening a paragraph, introduced by 'X said:' ending the paragraph before."""
    doc, text = an.doc, an.doc.text
    p = seg.para
    q = p - 1
    if q < 0 or doc.pvoice[q] != doc.pvoice[p]:
        return None
    pe = doc.pend[q]
    if not text[doc.pstart[q]:pe].rstrip().endswith(":"):
        return None
    cands = [c for c in doc.cues_between(max(doc.pstart[q], pe - BLOCK_INTRO_WINDOW), pe) if not c.used \
            and c.info is not None]
    if not cands:
        return None
    c = cands[-1]
    bridge = text[c.end:pe]
    if len(WORD_RE.findall(bridge)) > BRIDGE_MAX_WORDS or doc.has_quote(c.end, pe):
        return None
    res = source_before(doc, an.g, doc.pbody[q], c.start)
    if res is None:
        return None
    return "direct", c, res[0], res[1], "before-block", seg.start
