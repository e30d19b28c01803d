"""Where the speaker stands: the noun phrase before a cue (:func:`source_before`, with appositive
chains, relative "who" and adjuncts between commas), or after an inverted cue (:func:`source_after`:
"..., said Lavrov").
"""
from __future__ import annotations

import re

from .grammar import Grammar, NUMBER_RE, chunk_back, is_cap, name_like, role_np
from .marks import BLANKS, WORD_RE

BEFORE_WINDOW = 200  # characters before a cue searched for its speaker
ADJUNCT_MAX_TOKENS = 10  # an adjunct between commas ("X, in a statement, said") has fewer tokens
APPOSITIVE_MAX_TOKENS = 30  # an appositive ("X, a strategist at Y, said") has fewer tokens
APPOSITIVE_HEAD_MAX_WORDS = 6  # a determiner-led head before an appositive has at most this many words
APPOSITIVE_CHAINS = 2  # chunks of an appositive chain (NAME, ROLE,) walked back beyond the first
AFTER_MAX_WORDS = 25  # a speaker after an inverted cue has at most this many words
ABBR_TAIL_CHARS = 12  # characters before a period searched for an abbreviation ("Del.")
_ABBR_TAIL_RE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
def source_before(doc, g: Grammar, lo: int, pos: int):
    """The speaker noun phrase right before a cue at ``pos`` (not before ``lo``).

    Returns ``(src, ante, comma_before, first, toks)`` or None: ``src`` is the ``(start, end)`` of the
    phrase; ``ante`` the antecedent span of a relative pronoun, or the head span of "HEAD,
    APPOSITIVE,"; ``comma_before`` the offset of a comma right before the phrase (the end of a
    content clause before it) or -1; ``first`` the index in ``toks`` (the tokens walked) where the
    phrase starts."""
    toks = doc.tokens(max(lo, pos - BEFORE_WINDOW), pos)
    i = len(toks) - 1
    # skip auxiliaries and adverbs between speaker and cue ("Lavrov has repeatedly said")
    while i >= 0 and (toks[i][2].lower() in g.aux or (toks[i][2].endswith("ly") and toks[i][2].islower() and len(toks[i][2]) > 4)):
        i -= 1
    # and a time adjunct ("The WHO chief on Wednesday said", "police late Saturday said")
    k = i
    while k >= 0 and toks[k][2].lower() in g.time:
        k -= 1
    if k < i and k >= 0 and (toks[k][2].lower() in g.time_prep or toks[k][2].lower() == "by"):
        k -= 1
    elif k < i and is_cap(toks[k + 1][2]):
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
        while j >= 0 and toks[j][2] not in APPOS_STOP and i - j < ADJUNCT_MAX_TOKENS:
            j -= 1
        if 0 < j < i and toks[j][2] == "," and toks[j - 1][2][0].isalnum() and (toks[j + 1][2].lower() in g.adjunct
                                                                               or toks[j + 1][2].lower() in g.prep):
            i = j - 1
    if toks[i][2].lower() in g.rel and not trailing_comma:
        a, n = i, 1
    else:
        a, n = chunk_back(toks, i, g)
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
            b, m = chunk_back(toks, k, g)
            if m:
                ante = (toks[b][0], toks[k][1])
        src = (toks[a][0], toks[i][1])
        return src, ante, -1, a, toks
    start, start_end = a, i
    # appositive chains: NAME, ROLE, / ROLE, NAME, (at most two extra chunks)
    chunks = 0
    while chunks < APPOSITIVE_CHAINS and start - 2 >= 0 and toks[start - 1][2] == ",":
        k = start - 2
        if not toks[k][2][0].isalnum():
            break
        b, m = chunk_back(toks, k, g)
        if m == 0:
            break
        # NAME, ROLE / ROLE, NAME / NAME, AGE: one chunk names, the other says who that is
        near = (start, i) if chunks == 0 else (start, start_end)
        if not ((name_like(toks, b, k, g) and (role_np(toks, near[0], near[1], g) or NUMBER_RE.match(toks[near[0]][2])))
                or (role_np(toks, b, k, g) and name_like(toks, near[0], near[1], g))):
            break
        # the chunk before must itself follow a comma, colon, dash or the sentence start
        if b - 1 >= 0 and toks[b - 1][2] not in (",", ":", ";", "(", "\u2014", "\u2013", "-", "\"", "\u201c", "\u201d"):
            break
        start_end = k
        start = b
        chunks += 1
    comma = toks[start - 1][0] if start - 1 >= 0 and toks[start - 1][2] == "," else -1
    src_end = toks[i][1]
    return (toks[start][0], src_end), None, comma, start, toks


APPOS_STOP = frozenset({",", ";", ":", "(", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "\u2015", "--", "-", "[", "]"})


def _appositive_source(toks, i, g: Grammar):
    """'HEAD, APPOSITIVE, said': the appositive (a role, "who ..." clause, participle phrase, age or
    name) runs back from token ``i`` to a comma; the head noun phrase stands before that comma.
    Returns the :func:`source_before` tuple with the head (the name, when one of the two is a name) as
    the span to resolve the speaker from, or None."""
    j = i
    while j >= 0 and i - j < APPOSITIVE_MAX_TOKENS and toks[j][2] not in APPOS_STOP:
        j -= 1
    if j < 1 or toks[j][2] != "," or j == i:
        return None
    a0, h_end = j + 1, j - 1
    w0 = toks[a0][2]
    low0 = w0.lower()
    app_name = name_like(toks, a0, i, g)
    # a bare role noun opens the appositive too: "X, president of the NAACP," / "X, director of research at Y,"
    bare_role = w0.islower() and any(t[2].lower() in g.roles for t in toks[a0:min(i + 1, a0 + 3)])
    if not (low0 in g.det or low0 in g.rel or (low0.endswith("ing") and w0.islower()) or NUMBER_RE.match(w0) or app_name
            or bare_role or role_np(toks, a0, i, g)):
        return None
    if not (toks[h_end][2][0].isalnum() or (toks[h_end][2][0] == "(" and len(toks[h_end][2]) > 1)):
        return None
    hb, hm = chunk_back(toks, h_end, g)
    if hm == 0:
        return None
    head_name = name_like(toks, hb, h_end, g)
    if not (head_name or role_np(toks, hb, h_end, g) or (toks[hb][2].lower() in g.det and hm <= APPOSITIVE_HEAD_MAX_WORDS)):
        return None
    if app_name and not head_name and not role_np(toks, hb, h_end, g):
        return None
    if hb - 1 >= 0 and toks[hb - 1][2] not in APPOS_STOP and toks[hb - 1][2].lower() not in g.boundary:
        return None  # the head must open its clause ("..., HEAD, APPOSITIVE, said")
    head = (toks[hb][0], toks[h_end][1]) if (head_name or not app_name) else (toks[a0][0], toks[i][1])
    comma = toks[hb - 1][0] if hb - 1 >= 0 and toks[hb - 1][2] == "," else -1
    return (toks[hb][0], toks[i][1]), head, comma, hb, toks

SRC_AFTER_STOP_RE = re.compile(
    r"\s+(?:in|at|during|on|after|before|when|while|as|to|via|from|through|last|this|earlier|told|said|adding|noting)\s"
    r"|[;:\"\u201c\u201d]|\((?!(?:[A-Z][a-z]?|Ind|Dem|Rep)\.?\s?[-\u2013])|(?<!\.)\)|\s[-\u2013\u2014]\s|\u2014|,\s+(?:adding|noting|saying|who|which|according|referring|citing|explaining|"
    r"arguing|insisting|in|at|during|on|after|before|when|while|as|and|but|because)\b|[.!?](?=\s|$)(?<![A-Z]\.)(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St)\.)(?<!Mrs\.)")


def source_after(doc, g: Grammar, pos: int, hi: int):
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
            w = _ABBR_TAIL_RE.search(text[max(a, m.start() - ABBR_TAIL_CHARS):m.start()])
            if w and w.group(1).lower().rstrip(".") in g.abbrev:
                k = m.end()
                continue
        b = m.start()
        break
    seg = text[a:b]
    b = a + len(seg.rstrip(" ,\t"))
    words = WORD_RE.findall(text, a, b)
    if not words or len(words) > AFTER_MAX_WORDS:
        return None
    w0 = words[0]
    if not (is_cap(w0) or w0.lower() in g.det or w0.lower() in g.pron or w0.lower() in g.roles):
        return None
    if w0.lower() in g.boundary and w0.lower() not in g.det:
        return None
    return a, b
