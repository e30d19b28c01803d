"""Where a reported clause ends: at a semicolon, a dash or ', but' (:func:`report_end`), at the end of a
noun-phrase content (:func:`np_end`), at a subordinate clause that opened the sentence, at the next
cue coordinated with the cue (:func:`next_coordinated`), or before a later speaker's own clause
(:func:`next_own_speaker`). :mod:`.reported` finds the cue, its speaker and where the content
starts; this module decides how far the content runs. Every function reads the text around one
clause only, so its cost does not grow with the article.
"""
from __future__ import annotations

import bisect
import re

from .grammar import is_cap
from .layout import Cue
from .marks import BLANKS, QUOTE_CHARS, WORD_RE, at_least
from .sources import source_before

COORD_CUE_WINDOW = 20  # characters before a second cue searched for ', and' / ','
MIN_CONTENT_WORDS = 2  # 'X said (that) CONTENT': the content after the cue has at least this many words
# the end of a reported clause: a semicolon, a dash between blanks, ', but' (blanks before it belong to the end)
_REPORTED_MARK_RE = re.compile(
    r";|\s[\u2014\u2013\u2015]\s|\s--\s|,[\"\u201d\u2019]?\s+(?:but|although|though|while|whereas|even\s+though|even\s+as"
    r"|often|ultimately|prompting|sparking|drawing)\s")
# the end of a noun-phrase content ('denied the charges and counter-accused her', 'praised Obama's presidency
# in an interview', 'attacked Mr. Clinton's personal life after ...'): a comma, or a conjunction or
# subordinator between blanks
_NP_END_RE = re.compile(
    r"\s*[;:]|\s*,(?!\d)(?!\s+(?:and|or)\s)|\s*,?\s+(?:and|but|or)\s+(?=(?:[a-z\-]+ed|has|had|have|is|was|were|did|does|would|will|could|not|never"
    r"|then|also|later|said|told)\b)|\s+(?:after|before|when|while|as|because|since|although|though|even|until|unless|which"
    r"|whom|who|during|despite|amid|following|where)\s")
_LIST_END_RE = re.compile(r"[^;:,.]*(?:,[^;:,.]*)*?,\s+(?:and|or)\s")  # 'A, B, and C': a list goes on
_NP_ADJUNCT_RE = re.compile(r"\s+(?:on|in|at|during)\s+(?:an?|the|his|her|its|their|our|my)"
                            r"\s+([\w\-]+)(?:\s+([\w\-]+))?")
COORD_CUE_RE = re.compile(r"(?:,[\"\u201d\u2019']*\s*|\s+and\s+)(?:[a-z]+ly\s+)?$")


def _coordinated_subject(an, pos: int) -> bool:
    """Does the word before a conjunction at ``pos`` belong to a coordinated subject ('both he and
    Rubio', 'Clinton and Sanders'): a subject pronoun or a capitalised word?"""
    toks = an.doc.tokens(max(0, pos - 40), pos)
    if not toks:
        return False
    w = toks[-1][2]
    return w.lower() in an.g.subject_pron or is_cap(w) or len(toks) >= 2 and toks[-2][2].lower() in ("both", "either")


_SUBORDINATORS = frozenset({"while", "although", "though", "after", "before", "when", "as", "if", "because", "since",
                            "unless", "whereas", "once", "until"})


def fronted_clause_end(an, ss: int, c: Cue, after: int, end: int):
    """The end of a report inside a subordinate clause that opens its sentence ('While the top
    candidates say A, they differ by degree'; 'Although in September she said A, at the town hall
    ...'): the first comma after the content outside quotation marks, or None."""
    text, doc = an.doc.text, an.doc
    first = WORD_RE.search(text, ss, c.start)
    if first is None or first.group().lower() not in _SUBORDINATORS:
        return None
    k = after
    while True:
        comma = text.find(",", k, end)
        if comma < 0:
            return None
        if doc.in_quote(comma) is None and at_least(text, after, comma, MIN_CONTENT_WORDS) \
                and not text[comma + 1:comma + 2].isdigit():
            return comma
        k = comma + 1


_AS_RE = re.compile(r"\s+as\s+")


def as_complement(an, e: int, b: int) -> int:
    """The end of a noun-phrase content at ``e`` taken on over an 'as' complement that says what the
    object is called or taken for ('described the dinner as Washington celebrating itself', 'cited them
    as evidence of ...', 'slammed the proposal as "reprehensible"'), up to ``b``; ``e`` when 'as' opens a
    clause of its own ('as she left', 'as well as', 'as long as') or nothing follows it."""
    text, g = an.doc.text, an.g
    m = _AS_RE.match(text, e, b)
    if m is None:
        return e
    w = WORD_RE.match(text, m.end(), b)
    if w is None and text[m.end():m.end() + 1] not in QUOTE_CHARS:
        return e
    if w is not None and (w.group().lower() in g.subject_pron or w.group().lower() in g.not_as_complement):
        return e
    return np_end(an, m.end(), b)


def np_end(an, a: int, b: int, commas: bool = True) -> int:
    """The end of a noun-phrase content from ``a`` (before ``b``): before a comma, a conjunction or
    subordinator ('the charges and counter-accused her', 'Mr. Clinton's personal life after ...') or
    an adjunct of the medium ('Obama's presidency in an interview published Saturday'), outside
    quotation marks, keeping at least one word."""
    doc, text = an.doc, an.doc.text
    k = a
    while True:
        m = _NP_END_RE.search(text, k, b)
        m2 = _NP_ADJUNCT_RE.search(text, k, b)
        while m2 is not None and m2.group(1).lower() not in an.g.adjunct \
                and (m2.group(2) or "").lower() not in an.g.adjunct:
            m2 = _NP_ADJUNCT_RE.search(text, m2.start() + 1, b)
        hit = min((x for x in (m, m2) if x is not None), key=lambda x: x.start(), default=None)
        if hit is None:
            return b
        comma = text[hit.start():hit.end()].strip() == ","
        if doc.in_quote(hit.start()) is None and WORD_RE.search(text, a, hit.start()) is not None \
                and not (comma and (not commas or _LIST_END_RE.match(text, hit.end(), b))):
            return hit.start()
        k = hit.end()


def source_of(an, c: Cue, ss: int):
    """:func:`~.sources.source_before` for the cue ``c`` of the sentence starting at ``ss``, computed
    once per cue (the next cue's speaker bounds a reported clause before it)."""
    key = ("source", c.start)
    if key not in an.memo:
        an.memo[key] = source_before(an.doc, an.g, ss, c.start)
    return an.memo[key]


OWN_SPEAKER_CONJ = ("and", "but", "while", "whereas")
_LEAD_QUOTES = "\"'\u201d\u2019"
OWN_SPEAKER_WINDOW = 600  # characters after a reported clause's start searched for a later cue's own speaker


def own_speaker_lead(text: str, a: int, e: int):
    """The start of the lead that ends at ``e`` (not before ``a``) and opens a clause of its own: a comma
    or semicolon, closing quotation marks, blanks, then optionally a conjunction and blanks (', and ');
    or blanks, a conjunction and blanks not after a comma (' and '). None if the text before ``e``
    ends otherwise. Reads back from ``e`` only, so its cost does not grow with the clause.

    >>> t = "the plan will fail, and Brian Deese"
    >>> own_speaker_lead(t, 0, t.index("Brian")), own_speaker_lead("a plan, he", 0, 8)
    (18, 6)
    """
    k = e
    while k > a and text[k - 1].isspace():
        k -= 1
    if k < e:
        for conj in OWN_SPEAKER_CONJ:
            j = k - len(conj)
            if j < a or text[j:k] != conj:
                continue
            i = j
            while i > a and text[i - 1].isspace():
                i -= 1
            q = i
            while q > a and text[q - 1] in _LEAD_QUOTES:
                q -= 1
            if q > a and text[q - 1] in ",;":
                return q - 1
            if i < j and (i == 0 or text[i - 1] not in ",;"):
                return i
            return None
    q = k
    while q > a and text[q - 1] in _LEAD_QUOTES:
        q -= 1
    if q > a and text[q - 1] in ",;":
        return q - 1
    return None
_MODALS = frozenset({"would", "could", "will", "can", "might", "should", "may", "must", "shall"})


def next_own_speaker(an, ss: int, after: int, end: int):
    """Where a reported clause from ``after`` stops before the speaker of a later cue in it that
    opens a clause of its own after a conjunction or comma ('X contends that A, and Brian Deese, the
    adviser, said B': the clause is A): the offset before that conjunction, or None."""
    text = an.doc.text
    for c2 in an.doc.cues_between(after + 1, min(end, after + OWN_SPEAKER_WINDOW)):
        if c2.info is None or c2.info.type != "speech" or c2.form.lower().endswith("ing"):
            continue
        res = source_of(an, c2, ss)
        if res is None or res[0][0] <= after:
            continue
        lead = own_speaker_lead(text, after, res[0][0])
        if lead is None or not at_least(text, after, lead, MIN_CONTENT_WORDS):
            continue
        words = text[res[0][0]:res[0][1]].split()
        between = [w.lower() for w in WORD_RE.findall(text, res[0][1], c2.start)]
        if words[0].lower() in an.g.rel or words[0].lower() in an.g.complementizer \
                or any(w in _MODALS or w not in an.g.aux for w in between):
            continue  # 'if Iran were a stock, he would advise': a clause inside the content
        lead_text = text[lead:res[0][0]]
        if not lead_text.strip(BLANKS + ",;" + _LEAD_QUOTES):
            pass
        elif lead_text.lstrip()[:1] not in ",;" and _coordinated_subject(an, lead):
            continue  # 'both he and Rubio promised': one subject
        return lead
    return None


_THAT_RE = re.compile(r"(?:also\s+)?that\s")


_DASH_RE = re.compile(r"\s[\u2014\u2013\u2015]\s|\s--\s")


def _closing_dash(an, marks, i: int, s_end: int):
    """The index in ``marks`` of the dash that closes an aside opened by the dash ``marks[i]``, when
    the sentence goes on after it with at least two words (before ``s_end``), or None."""
    text = an.doc.text
    for k in range(i + 1, len(marks)):
        a, b = marks[k]
        if _DASH_RE.fullmatch(text, a, b) and an.doc.in_quote(a) is None:
            return k if at_least(text, b, s_end, MIN_CONTENT_WORDS) else None
    return None


def report_end(an, ss: int, after: int, s_end: int):
    """Where a reported clause starting at ``after`` ends before ``s_end``: the first ';', dash or
    ', but' (with the blanks before it) outside quotation marks, or None. The marks of a sentence
    (from ``ss``) are found once: a sentence with many cues would otherwise be searched again for each."""
    doc, text = an.doc, an.doc.text
    hit = an.memo.get(("ends", ss, s_end))
    if hit is None:
        marks = [m.span() for m in _REPORTED_MARK_RE.finditer(text, ss, s_end)]
        hit = an.memo[("ends", ss, s_end)] = (marks, [a for a, _ in marks])
    marks, starts = hit
    i = bisect.bisect_left(starts, after)
    while i < len(marks):
        a, b = marks[i]
        if _DASH_RE.fullmatch(text, a, b) and doc.in_quote(a) is None:
            k = _closing_dash(an, marks, i, s_end)
            if k is not None:  # 'said that A -- an aside -- was B': the report goes on past the aside
                i = k + 1
                continue
        p = a
        while p > after and text[p - 1].isspace():
            p -= 1
        if doc.in_quote(p) is None and not _THAT_RE.match(text, b):
            return p  # ', but that B': a second clause of the same report goes on
        i = bisect.bisect_left(starts, b)
    return None


def next_coordinated(an, c: Cue, after: int, end: int):
    """Where a reported clause from ``after`` (of the cue ``c``) stops before a second cue coordinated
    with its own ('... expressed concern about X and said Y', '..., adding that Y'): the start of the
    ', ' or ' and ' before that cue (with at least two words of content before it), or None. A cue in
    its base form after a bare ' and ', when ``c`` is not, is a verb of the reported clause ("said
    he'd sit Putin down and tell him", 'said they will stay and ask for more'), not a second report."""
    doc, text = an.doc, an.doc.text
    coord = an.memo.get("coordinated")
    if coord is None:  # cues with ', ' or ' and ' right before them: (cue start, offset of the coordination, cue)
        coord = an.memo["coordinated"] = []
        for k, c2 in enumerate(doc.cues):
            m2 = COORD_CUE_RE.search(text, max(0, c2.start - COORD_CUE_WINDOW), c2.start)
            if m2 is not None:
                coord.append((c2.start, m2.start(), k))
    near = after + COORD_CUE_WINDOW  # cues closer to ``after`` see less text before them: searched again
    for c2 in doc.cues_between(after + 1, min(end, near)):
        m2 = COORD_CUE_RE.search(text, max(after, c2.start - COORD_CUE_WINDOW), c2.start)
        if m2 is not None and at_least(text, after, m2.start(), MIN_CONTENT_WORDS) \
                and not _clause_verb(an, c, c2, m2.start()):
            return _past_closing_mark(text, m2.start())
    i = bisect.bisect_left(coord, (max(after + 1, near),))
    while i < len(coord) and coord[i][0] < end:
        if at_least(text, after, coord[i][1], MIN_CONTENT_WORDS) \
                and not _clause_verb(an, c, doc.cues[coord[i][2]], coord[i][1]):
            return _past_closing_mark(text, coord[i][1])
        i += 1
    return None


def _tense(g, form: str) -> str:
    """The tense of a cue form by its first word: 'ing', 'past' ('said', 'warned', 'told'), 'present'
    ('says') or 'base' ('say', 'tell')."""
    w = form.split()[0].lower() if form.split() else ""
    if w.endswith("ing"):
        return "ing"
    if w.endswith("ed") or w in g.participles or w in g.past_form:
        return "past"
    return "present" if w.endswith("s") and not w.endswith("ss") else "base"


def _clause_verb(an, c: Cue, c2: Cue, pos: int) -> bool:
    """Is the cue ``c2``, coordinated at ``pos`` after the content of ``c``, a verb of that content: after
    a bare ' and ' (no comma), in its base form where ``c`` is not ('would sit him down and tell him')?"""
    text = an.doc.text
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if text[k - 1:k] == "," or not text[pos:c2.start].strip().lower().startswith("and"):
        return False
    return _tense(an.g, c2.form) == "base" and _tense(an.g, c.form) != "base"


def _past_closing_mark(text: str, pos: int) -> int:
    """A content ending at the comma ``pos`` of ',” adding': the end goes past the closing mark after the
    comma, so that the quotation stays whole ('... "was maniacal,"')."""
    k = pos + 1 if text[pos:pos + 1] == "," else pos
    j = k
    while j < len(text) and text[j] in "\"\u201d\u2019'":
        j += 1
    return j if j > k else pos
