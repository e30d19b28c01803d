"""Reported speech from the cue verbs outside quotation marks: "X says (that) CONTENT", "CONTENT,
X said.", "CONTENT1, X said, CONTENT2", "according to X, CONTENT", "X, who expressed concern over
CONTENT", ", adding that CONTENT". A quotation inside the reported clause makes it ``mixed``.
"""
from __future__ import annotations

import re

from .grammar import clause_start, content_end, is_cap, passive, skip_after_cue
from .layout import Cue, Utt
from .marks import BLANKS, WORD_RE
from .sources import source_after, source_before

PREV_WORD_WINDOW = 30  # characters before a cue searched for the word before it
CALL_LABEL_WINDOW = 25  # characters before "call" searched for 'what they call'
MIN_CONTENT_CHARS = 8  # a reported clause has at least this many characters
MIN_LEAD_WORDS = 3  # 'CONTENT, X said.': the content before the cue has at least this many words
MIN_CONTENT_WORDS = 2  # 'X said (that) CONTENT': the content after the cue has at least this many words
COORD_CUE_WINDOW = 20  # characters before a second cue searched for ', and' / ','
SUBJECT_MAX_WORDS = 8  # the subject opening a sentence, speaker of a participle cue, has at most this many words
QUOTE_COMMA_WINDOW = 8  # characters before a participle cue searched for '...," adding'
EXPLETIVE_MAX_CHARS = 3  # 'it said' / 'there': an expletive subject is this short
PARTICIPLE_WINDOW = 30  # characters after a quotation searched for ', adding'
# sentence-final attributions and 'according to' are taken first: a cue inside their content is nested
FIRST_RULES = ("final", "parenthetical", "according")
REPORTED_END_RE = re.compile(r"\s*(?:;|\s[\u2014\u2013]\s|\s--\s|,\s+(?:but|although|though|while|whereas)\s)")
COORD_CUE_RE = re.compile(r"(?:,\s*|\s+and\s+)(?:[a-z]+ly\s+)?$")
_COMMA_RE = re.compile(r",")
_WHAT_THEY_CALL_RE = re.compile(r"(?:\bwhat\s+\w+|\bso)[\s\-]*$", re.I)
_PARTICIPLE_RE = re.compile(r"[\s,]*([a-z]+ing)\b")
_PROGRAMME_NEXT_RE = re.compile(r"[ \t\u00a0]*(?:[,.;:)\u2014]|(?:on|with|in|at|for|host|hosts|starring)\b|[A-Z])")


def attribute(an) -> None:
    """Reported speech of every cue not used by a quotation (an utterance each, in ``an.utts``)."""
    doc = an.doc
    cands = []
    for c in doc.cues:
        if c.used or c.info is None:
            continue
        r = _reported(an, c)
        if r is not None:
            cands.append(r)
    # sentence-final attributions and 'according to' first: a cue inside their content is nested
    cands.sort(key=lambda r: (0 if r[0] in FIRST_RULES else 1, r[1].start))
    taken = [(u.start, u.end) for u in an.utts]
    cue_spans = [(u.cue.start, u.cue.end) for u in an.utts if u.cue is not None]
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
        inner = [i for i, x in enumerate(an.utts) if x.start >= u.start and x.end <= u.end]
        if inner:
            # a quotation inside the reported clause: the clause is one mixed utterance
            if any(an.utts[i].cue is not None and an.utts[i].how != "colon" for i in inner):
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
        an.utts.append(u)


def _reported(an, c: Cue):
    """One cue outside quotation marks as reported speech: (how, utterance) or None."""
    doc, g, text = an.doc, an.g, an.doc.text
    _si, ss, se, p = doc.sentence_at(c.start)
    if c.start < ss or doc.pvoice[p] == "boilerplate":
        return None
    s_end = content_end(text, ss, se)
    if c.info.frame == "according":
        return _according(an, c, ss, s_end, p)
    prev_tok = doc.tokens(max(ss, c.start - PREV_WORD_WINDOW), c.start)
    prev_word = prev_tok[-1][2].lower() if prev_tok else ""
    if not _speech_cue(an, c, ss, prev_tok, prev_word):
        return None
    form0 = c.form.lower().split()[0]
    res = source_before(doc, g, ss, c.start)
    if text[ss:c.start].rstrip().endswith(",") and c.info.frame in ("clause", "tell") and not form0.endswith("ing") \
            and (res is None or res[1] is None):
        # inverted attribution: 'CONTENT, said X.' / 'CONTENT1, said X, CONTENT2.'
        s2 = source_after(doc, g, c.end, s_end)
        if s2 is not None and text[s2[0]:s2[1]].split()[0].lower().strip(",.") not in g.adjunct:
            return _inverted(an, c, s2, ss, s_end, p)
    if form0.endswith("ing") and (prev_word == "," or prev_word in ("\"", "\u201d")
                                  and text[max(0, c.start - QUOTE_COMMA_WINDOW):c.start].rstrip()[-2:-1] == ","):
        return _participle(an, c, ss, s_end, p)
    if res is not None:
        src, ante, comma, _a, _toks = res
        w0 = text[src[0]:src[1]].split()[0].lower().strip(",")
        if w0 in g.expletive and src[1] - src[0] <= EXPLETIVE_MAX_CHARS:
            return None
    else:
        src = ante = None
        comma = -1
        if prev_word == "and":
            # 'He expressed concern about X and said Y': the subject of the first verb
            src, ante = participle_subject(an, ss, c.start) or (None, None)
    after = skip_after_cue(doc, g, c, s_end, c.info.frame)
    if src is None:
        return None
    if comma >= 0 and c.info.frame in ("clause", "tell") and comma > ss:
        hit = _content_before(an, c, (src, ante), comma, after, ss, s_end, p)
        if hit is not None:
            return hit
    return _content_after(an, c, (src, ante), after, s_end, p)


def _speech_cue(an, c: Cue, ss: int, prev_tok, prev_word: str) -> bool:
    """Is the cue at ``c`` a report of speech here (no label 'what they call', no participle opening
    the sentence, no infinitive, no programme called a show, no passive)?"""
    doc, text = an.doc, an.doc.text
    low = c.form.lower()
    if c.info.verb == "call" and _WHAT_THEY_CALL_RE.search(text[max(ss, c.start - CALL_LABEL_WINDOW):c.start]):
        return False  # 'what they call "moderate"': a label, not speech
    if c.start == ss and low not in ("says", "said"):
        return False  # 'Asked about ...', 'Speaking to ...': a participle opening the sentence
    if prev_word == "to":
        return False  # an infinitive: 'refused to discuss', 'wants to say'
    if low == "show" and prev_tok and is_cap(prev_tok[-1][2]) and _PROGRAMME_NEXT_RE.match(text, c.end):
        return False  # 'the Daily Show with ...', 'Apple Music show The 411': a programme, not 'polls show that'
    return not passive(doc, an.g, c)


def _according(an, c: Cue, ss: int, s_end: int, p: int):
    """'According to X, CONTENT.' / 'CONTENT, according to X.' / 'CONTENT, according to X, CONTENT2.'"""
    doc, text = an.doc, an.doc.text
    lead = text[ss:c.start]
    if not lead.strip(BLANKS + "\u2014\u2013-:"):
        m = _COMMA_RE.search(text[c.end:s_end])
        if not m:
            return None
        comma = c.end + m.start()
        src = (c.end + len(text[c.end:comma]) - len(text[c.end:comma].lstrip()), comma)
        a = comma + 1
        while a < s_end and text[a] in BLANKS:
            a += 1
        if s_end - a < MIN_CONTENT_CHARS:
            return None
        return "according", Utt(a, s_end, "indirect", c, src, None, p)
    lead_s = lead.rstrip()
    src = source_after(doc, an.g, c.end, s_end)
    if src is None:
        src = (c.end + 1, s_end) if s_end > c.end + 1 else None
    if src is None or not lead_s.endswith(","):
        return None
    a = clause_start(text, ss, ss)
    b = ss + len(lead_s) - 1
    if b - a < MIN_CONTENT_CHARS:
        return None
    # the clause after 'according to X, ...' may continue the sentence (parenthetical)
    rest = text[src[1]:s_end].strip(BLANKS + ",")
    if rest and len(WORD_RE.findall(rest)) >= MIN_LEAD_WORDS:
        return "parenthetical", Utt(a, s_end, "indirect", c, src, None, p)
    return "according", Utt(a, b, "indirect", c, src, None, p)


def _inverted(an, c: Cue, src, ss: int, s_end: int, p: int):
    """'CONTENT, said X.' / 'CONTENT1, said X, CONTENT2.' (``src``: the speaker after the cue)."""
    doc, text = an.doc, an.doc.text
    a = clause_start(text, ss, ss)
    b = ss + len(text[ss:c.start].rstrip()) - 1
    if len(WORD_RE.findall(text, a, b)) < MIN_LEAD_WORDS:
        return None
    tail = text[src[1]:s_end].strip(BLANKS + ",")
    if tail and len(WORD_RE.findall(tail)) >= MIN_LEAD_WORDS and not participle_at(doc, src[1], s_end):
        return "parenthetical", Utt(a, s_end, "indirect", c, src, None, p)
    return "final", Utt(a, b, "indirect", c, src, None, p)


def _participle(an, c: Cue, ss: int, s_end: int, p: int):
    """A participle continuing an attribution: ', adding that ...', ', saying ...'."""
    subj = participle_subject(an, ss, c.start)
    if subj is None:
        return None
    a = skip_after_cue(an.doc, an.g, c, s_end, c.info.frame)
    if s_end - a < MIN_CONTENT_CHARS:
        return None
    u = Utt(a, s_end, "indirect", c, subj[0], subj[1], p)
    u.how = "participle"
    return "participle", u


def _content_before(an, c: Cue, speaker, comma: int, after: int, ss: int, s_end: int, p: int):
    """'CONTENT, X said.' / 'CONTENT1, X said, CONTENT2.' (``comma``: the comma before the speaker
    phrase; ``after``: where a content after the cue would start), or None."""
    doc, text = an.doc, an.doc.text
    src, ante = speaker
    rest_words = WORD_RE.findall(text[after:s_end])
    a = clause_start(text, ss, ss)
    lead_words = len(WORD_RE.findall(text, a, comma))
    if lead_words < MIN_LEAD_WORDS:
        return None
    if not rest_words:
        return "final", Utt(a, comma, "indirect", c, src, ante, p)
    if "," in text[c.end:after][-3:] + text[c.end:c.end + 2] and text[c.end:after].strip().endswith(",") \
            and not participle_at(doc, after - 1, s_end) and rest_words[0].lower() != "that":
        return "parenthetical", Utt(a, s_end, "indirect", c, src, ante, p)
    if participle_at(doc, after, s_end) and rest_words[:1] != ["that"]:
        return "final", Utt(a, comma, "indirect", c, src, ante, p)
    return None


def _content_after(an, c: Cue, speaker, after: int, s_end: int, p: int):
    """'X said (that) CONTENT': the clause after the cue, up to ', but', a dash or a semicolon, or
    up to the next cue coordinated with this one ('... and said Y', ', adding that Y')."""
    doc, text = an.doc, an.doc.text
    src, ante = speaker
    if len(WORD_RE.findall(text[after:s_end])) < MIN_CONTENT_WORDS:
        return None
    end = s_end
    m = REPORTED_END_RE.search(text, after, s_end)
    while m is not None and doc.in_quote(m.start()) is not None:
        m = REPORTED_END_RE.search(text, m.end(), s_end)
    if m is not None and len(WORD_RE.findall(text, after, m.start())) >= MIN_CONTENT_WORDS:
        end = m.start()  # 'he will vote for Clinton, but he has not endorsed her': the report ends at ', but'
    for c2 in doc.cues_between(after + 1, end):
        m2 = COORD_CUE_RE.search(text, max(after, c2.start - COORD_CUE_WINDOW), c2.start)
        if m2 is not None and len(WORD_RE.findall(text, after, m2.start())) >= MIN_CONTENT_WORDS:
            end = m2.start()
            break
    return "reported", Utt(after, end, "indirect", c, src, ante, p)


def participle_subject(an, ss: int, pos: int):
    """Speaker of a participle cue (', saying ...'): the speaker of an earlier attribution in the
    same sentence, else the noun phrase opening the sentence. (src, ante) or None."""
    prior = [u for u in an.utts if u.cue is not None and ss <= u.cue.start < pos and u.src]
    if prior:
        return prior[-1].src, prior[-1].ante
    toks = an.doc.tokens(ss, pos)
    g = an.g
    k = 0
    # skip an opening adverbial ("On Monday, ...", "In a statement, ...")
    if toks and toks[0][2].lower() in g.boundary:
        while k < len(toks) and toks[k][2] != ",":
            k += 1
        k += 1
    j = k
    while j < len(toks) and toks[j][2][0].isalnum() and (is_cap(toks[j][2]) or toks[j][2].lower() in g.det
                                                         or toks[j][2].lower() in g.roles or toks[j][2].lower() in g.pron):
        j += 1
    if j == k or j - k > SUBJECT_MAX_WORDS:
        return None
    return (toks[k][0], toks[j - 1][1]), None


def participle_at(doc, pos: int, hi: int) -> bool:
    """Is the text at ``pos`` ', adding ...' (a participle cue continuing the attribution)?"""
    m = _PARTICIPLE_RE.match(doc.text[pos:min(hi, pos + PARTICIPLE_WINDOW)])
    return bool(m and doc.lx.lookup(m.group(1)))
