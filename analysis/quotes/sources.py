"""Where the speaker stands: the noun phrase before a cue (:func:`source_before`, with appositive
chains, relative "who" and adjuncts between commas), or after an inverted cue (:func:`source_after`:
"..., said Lavrov").
"""
from __future__ import annotations

import re

from .grammar import LOWER_ING_ED_RE, NUMBER_RE, Grammar, chunk_back, is_cap, name_like, role_np
from .marks import BLANKS, WORD_RE

BEFORE_WINDOW = 200  # characters before a cue searched for its speaker
ADJUNCT_MAX_TOKENS = 10  # an adjunct between commas ("X, in a statement, said") has fewer tokens
APPOSITIVE_MAX_TOKENS = 30  # an appositive ("X, a strategist at Y, said") has fewer tokens
APPOSITIVE_HEAD_MAX_WORDS = 6  # a determiner-led head before an appositive has at most this many words
APPOSITIVE_CHAINS = 2  # chunks of an appositive chain (NAME, ROLE,) walked back beyond the first
AFTER_MAX_WORDS = 25  # a speaker after an inverted cue has at most this many words
ABBR_TAIL_CHARS = 12  # characters before a period searched for an abbreviation ("Del.")
_ABBR_TAIL_RE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_CONTRACTED_TAIL_RE = re.compile(r"['\u2019](?:s|ve|d)$", re.I)


def source_before(doc, g: Grammar, lo: int, pos: int):
    """:func:`_source_before` without the contraction of a pronoun subject ("He's said" -> "He",
    "They've argued" -> "They"), so that the pronoun is resolved like any other."""
    res = _source_before(doc, g, lo, pos)
    if res is None:
        return None
    (a, b), *rest = res
    m = _CONTRACTED_TAIL_RE.search(doc.text, a, b)
    if m is not None and doc.text[a:m.start()].lower() in g.subject_pron | g.rel:
        return ((a, m.start()), *rest)
    return res


def _source_before(doc, g: Grammar, lo: int, pos: int):
    """The speaker noun phrase right before a cue at ``pos`` (not before ``lo``).

    Returns ``(src, ante, comma_before, first, toks)`` or None: ``src`` is the ``(start, end)`` of the
    phrase; ``ante`` the antecedent span of a relative pronoun, or the head span of "HEAD,
    APPOSITIVE,"; ``comma_before`` the offset of a comma right before the phrase (the end of a
    content clause before it) or -1; ``first`` the index in ``toks`` (the tokens walked) where the
    phrase starts."""
    toks = doc.tokens(max(lo, pos - BEFORE_WINDOW), pos)
    i = _phrase_end(doc, g, toks, pos)
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
        nxt = toks[j + 1][2].lower() if 0 < j < i else ""
        if 0 < j < i and toks[j][2] == "," and toks[j - 1][2][0].isalnum() \
                and (nxt in g.adjunct or nxt in g.prep or nxt in g.aside):
            i = j - 1
    if not trailing_comma:
        rel = _restrictive_relative(toks, i, g)
        if rel is not None:  # 'The state officials whose laws have been invalidated say'
            b, r = rel
            comma = toks[b - 1][0] if b - 1 >= 0 and toks[b - 1][2] == "," else -1
            return (toks[b][0], toks[i][1]), (toks[b][0], toks[r - 1][1]), comma, b, toks
    if toks[i][2].lower() in g.rel and not trailing_comma:
        a, n = i, 1
    else:
        a, n = chunk_back(toks, i, g)
    if n == 0:
        return None
    if n == 1 and toks[a][2].lower() in g.rel:
        return (toks[a][0], toks[i][1]), _antecedent(toks, a, g), -1, a, toks
    start = _chain_start(toks, a, i, g)
    comma = toks[start - 1][0] if start - 1 >= 0 and toks[start - 1][2] == "," else -1
    return (toks[start][0], toks[i][1]), None, comma, start, toks


RELATIVE_MAX_TOKENS = 12  # a restrictive relative clause between a subject and its cue has fewer tokens
_RELATIVES = frozenset({"who", "whose", "that", "which", "whom"})


def _restrictive_relative(toks, i: int, g: Grammar):
    """A subject with a restrictive relative clause right before the cue ('The state officials whose
    laws have been invalidated say', 'Officials who spoke on condition of anonymity said'):
    ``(first token of the head noun phrase, index of the relative pronoun)`` or None. No punctuation
    inside; the head is a noun phrase, not a verb ('He said that officials said' is no relative)."""
    last = toks[i][2].lower()
    if last in g.boundary or last in g.prep or last in g.det or last in g.aux:
        return None
    r = i
    while r > 0 and i - r < RELATIVE_MAX_TOKENS and toks[r][2][0].isalnum():
        low = toks[r][2].lower()
        if low in _RELATIVES and r < i and (low != "that" or i - r >= 2):
            h = toks[r - 1][2]
            hl = h.lower()
            if not h[0].isalnum() or hl in g.aux or hl in g.forms or hl in g.boundary or hl in g.pron \
                    or hl in g.det or LOWER_ING_ED_RE.match(h):
                return None
            b, n = chunk_back(toks, r - 1, g)
            if not n or b > 0 and toks[b - 1][2][0].isalnum() and toks[b - 1][2].lower() not in g.boundary:
                return None  # the head must open its clause
            return b, r
        r -= 1
    return None


def _phrase_end(doc, g: Grammar, toks, pos: int) -> int:
    """The index of the last token of the speaker phrase before a cue at ``pos``: past a finite verb
    taking a participle cue ('she remembered telling'), auxiliaries and adverbs ('has repeatedly
    said'), a time adjunct ('The WHO chief on Wednesday said') and a reduced relative ('A poll
    released Thursday found'); -1 when nothing is left."""
    i = len(toks) - 1
    if i >= 2 and toks[i][2] in DASHES:
        # 'The justice -- who has been involved in a scuffle -- said': an aside between dashes
        j = i - 1
        while j > 0 and toks[j][2] not in DASHES and i - j < APPOSITIVE_MAX_TOKENS:
            j -= 1
        if j > 0 and toks[j][2] in DASHES and toks[j - 1][2][0].isalnum():
            i = j - 1
    if i >= 1 and pos > 0 and doc.text[pos - 1].isspace() \
            and doc.text[pos:pos + 12].split()[0].lower().endswith("ing") \
            and LOWER_ING_ED_RE.match(toks[i][2]) and toks[i][2].endswith("ed"):
        i -= 1
    while i >= 0 and (toks[i][2].lower() in g.aux or (toks[i][2].endswith("ly") and toks[i][2].islower() \
            and len(toks[i][2]) > 4)):
        i -= 1
    k = i
    while k >= 0 and toks[k][2].lower() in g.time:
        k -= 1
    if k < i and k >= 0 and (toks[k][2].lower() in g.time_prep or toks[k][2].lower() == "by"):
        k -= 1
    elif k < i and is_cap(toks[k + 1][2]):
        k = i  # "The Steve Harvey Morning Show": a capitalised time word without its preposition stays
    if k < i and k >= 1 and toks[k][2] == "out" and toks[k - 1][2][0].isalpha():
        k -= 1  # 'A poll out this week found'
    if k < i and k >= 0 and toks[k][2][0].isalnum() and toks[k][2].lower() not in g.boundary \
            and toks[k][2].lower() not in g.det:
        i = k
    i = _postmodified_head(toks, i, g)
    if i >= 1 and LOWER_ING_ED_RE.match(toks[i][2]) and toks[i][2].endswith("ed") and toks[i - 1][2][0].isalnum() \
            and toks[i - 1][2].lower() not in g.aux and toks[i - 1][2].lower() not in g.pron \
            and toks[i - 1][2].lower() not in g.det and toks[i - 1][2].lower() not in g.boundary \
            and not LOWER_ING_ED_RE.match(toks[i - 1][2]):
        i -= 1
    return i


POSTMOD_MAX_TOKENS = 7  # 'close to the campaign', 'familiar with the talks': a source's postmodifier is this short


def _postmodified_head(toks, i: int, g: Grammar) -> int:
    """The last token of a speaker phrase before its postmodifier: an adjective with its preposition
    ('a source close to him', 'people familiar with the talks', 'sources privy to negotiations') or a
    place adverb ('Her campaign workers here'); ``i`` when there is none."""
    if i >= 1 and toks[i][2].lower() in g.place_adverb and toks[i - 1][2][0].isalnum() \
            and toks[i - 1][2].lower() not in g.aux and toks[i - 1][2].lower() not in g.pron:
        return i - 1
    for k in range(i, max(1, i - POSTMOD_MAX_TOKENS), -1):
        if not toks[k][2][0].isalnum():
            return i
        if k >= 2 and k < i and toks[k][2].lower() in g.link_prep | g.prep \
                and toks[k - 1][2].lower() in g.source_postmodifier and toks[k - 2][2][0].isalnum():
            return k - 2
    return i


def _antecedent(toks, a: int, g: Grammar):
    """The span of the noun phrase a relative pronoun at ``toks[a]`` stands for ("Secretary of State
    John Kerry, who expressed concern"), or None."""
    k = a - 1
    if k >= 0 and toks[k][2] == ",":
        k -= 1
    if k >= 0 and toks[k][2][0].isalnum():
        b, m = chunk_back(toks, k, g)
        if m:
            return toks[b][0], toks[k][1]
    return None


def _chain_start(toks, a: int, i: int, g: Grammar) -> int:
    """Where a speaker phrase ``toks[a..i]`` starts once the chunks of an appositive chain before it
    are taken in (NAME, ROLE / ROLE, NAME / NAME, AGE; at most two more chunks)."""
    start, start_end, chunks = a, i, 0
    while chunks < APPOSITIVE_CHAINS and start - 2 >= 0 and toks[start - 1][2] == ",":
        k = start - 2
        if not toks[k][2][0].isalnum():
            break
        b, m = chunk_back(toks, k, g)
        if m == 0:
            break
        # one chunk names, the other says who that is
        near = (start, i) if chunks == 0 else (start, start_end)
        if not ((name_like(toks, b, k, g) and (role_np(toks, near[0], near[1], g) or NUMBER_RE.match(toks[near[0]][2])))
                or (role_np(toks, b, k, g) and name_like(toks, near[0], near[1], g))):
            break
        # the chunk before must itself follow a comma, colon, dash or the sentence start
        if b - 1 >= 0 and toks[b - 1][2] not in CHAIN_OPENERS:
            break
        start_end, start, chunks = k, b, chunks + 1
    return start


DASHES = frozenset({"--", "\u2014", "\u2013", "\u2015", "-"})
CHAIN_OPENERS = frozenset({",", ":", ";", "(", "\u2014", "\u2013", "-", "\"", "\u201c", "\u201d"})
APPOS_STOP = frozenset({",", ";", ":", "(", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "\u2015", "--", "-", "[", \
        "]"})


def _appositive_source(toks, i, g: Grammar):
    """'HEAD, APPOSITIVE, said': the appositive chain (roles, "who ..." clauses, participle phrases,
    ages, places, names; a list inside one: "chairman of the environment, food and rural affairs
    committee") runs back from token ``i`` over commas to the head noun phrase, the first clean noun
    phrase (a name, a role or a determiner-led phrase) of the chain ("Eddie Foreman, 40, of Opelika,
    Alabama, who saw the crash, said": Eddie Foreman, not Alabama). Returns the :func:`source_before`
    tuple with the head (the name, when one of head and appositive is a name) as the span to resolve
    the speaker from, or None."""
    segs = _comma_segments(toks, i)
    if len(segs) < 2:
        return None
    a0, e0 = segs[0]
    app_name = name_like(toks, a0, e0, g)
    if not _appositive_like(toks, a0, e0, g):
        return None
    for k in range(len(segs) - 1, 0, -1):  # the farthest clean noun phrase whose chain leads to the cue
        hb, h_end = segs[k]
        if hb < h_end and toks[hb][2].lower() in g.conjunction:
            hb += 1  # "..., and Brian Deese, the White House climate adviser, said"
        if not all(_appositive_like(toks, a, e, g) or _continues(toks, a, e, g) for a, e in segs[1:k]):
            continue
        if not (toks[h_end][2][0].isalnum() or (toks[h_end][2][0] == "(" and len(toks[h_end][2]) > 1)):
            continue
        b, m = chunk_back(toks, h_end, g)
        if m == 0 or b != hb:
            continue  # not a clean noun phrase: an adverbial ("On Monday"), a content clause
        head_name = name_like(toks, hb, h_end, g)
        if not (head_name or role_np(toks, hb, h_end, g) or (toks[hb][2].lower() in g.det \
                and m <= APPOSITIVE_HEAD_MAX_WORDS)):
            continue
        if app_name and not head_name and not role_np(toks, hb, h_end, g):
            continue
        if hb - 1 >= 0 and toks[hb - 1][2] not in APPOS_STOP and toks[hb - 1][2].lower() not in g.boundary:
            continue  # the head must open its clause ("..., HEAD, APPOSITIVE, said")
        head = (toks[hb][0], toks[h_end][1]) if (head_name or not app_name) else (toks[a0][0], toks[e0][1])
        comma = toks[hb - 1][0] if hb - 1 >= 0 and toks[hb - 1][2] == "," else -1
        return (toks[hb][0], toks[i][1]), head, comma, hb, toks
    return None


def _comma_segments(toks, i) -> list:
    """The token ranges ``(first, last)`` between commas going back from token ``i`` (nearest first),
    up to another stop mark or the walk's window."""
    segs, end, j = [], i, i
    while j >= 0 and i - j < APPOSITIVE_MAX_TOKENS:
        t = toks[j][2]
        if t == ",":
            if j < end:
                segs.append((j + 1, end))
            end = j - 1
        elif t in APPOS_STOP:
            break
        j -= 1
    if end >= j + 1 and segs:
        segs.append((j + 1, end))
    return segs


def _appositive_like(toks, a: int, e: int, g: Grammar) -> bool:
    """Does ``toks[a..e]`` read as an appositive: a role ("a Republican strategist", "president of the
    NAACP"), a relative or participle clause ("who ...", "signed by ..."), an age, a place ("of
    Opelika") or a name?"""
    w0 = toks[a][2]
    low0 = w0.lower()
    bare_role = w0.islower() and any(t[2].lower() in g.roles for t in toks[a:min(e + 1, a + 3)])
    return (low0 in g.det or low0 in g.rel or (low0.endswith(("ing", "ed")) and w0.islower()) \
            or bool(NUMBER_RE.match(w0)) or (low0 in g.aside and w0.islower())
            or low0 in g.place_prep or name_like(toks, a, e, g) or bare_role or role_np(toks, a, e, g))


def _continues(toks, a: int, e: int, g: Grammar) -> bool:
    """Does ``toks[a..e]`` continue an appositive after a comma inside it (a lower-case list item:
    "food and rural affairs committee")?"""
    return toks[a][2][:1].islower()


SRC_AFTER_STOP_RE = re.compile(
    r"\s+(?:in|at|during|on|after|before|when|while|as|to|via|from|through|last|this|earlier|told|said|adding|noting)\s"
    r"|[;:\"\u201c\u201d]|\((?!(?:[A-Z][a-z]?|Ind|Dem|Rep)\.?\s?[-\u2013])|(?<!\.)\)|\s[-\u2013\u2014]\s|\u2014|"
    r",\s+(?:adding|noting|saying|who|whose|which|according|referring|citing|explaining|"
    r"arguing|insisting|in|at|during|on|after|before|when|while|as|and|but|because)\b|[.!?](?=\s|$)(?<![A-Z]\.)"
    r"(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St)\.)(?<!Mrs\.)")


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
    low0 = w0.lower()
    if not (is_cap(w0) or low0 in g.det or low0 in g.pron or low0 in g.roles) and not _role_before_name(g, words):
        return None
    if low0 in g.boundary and low0 not in g.det or low0 in g.complementizer:
        return None
    if _clause_after(g, words):
        return None
    return a, b


ROLE_BEFORE_NAME_MAX_WORDS = 3  # 'says co-author Natalie Mahowald', 'said climate scientist Michael Mann'


def _role_before_name(g: Grammar, words: list) -> bool:
    """Do lower-case words describing the speaker come before the name ('co-author Natalie Mahowald',
    'climate scientist Michael Mann')?"""
    k = next((i for i, w in enumerate(words) if is_cap(w)), None)
    return k is not None and 0 < k <= ROLE_BEFORE_NAME_MAX_WORDS \
        and all(w.isalpha() or "-" in w for w in words[:k]) \
        and not any(w.lower() in g.boundary or w.lower() in g.aux or w.lower() in g.pron for w in words[:k])


def _clause_after(g: Grammar, words: list) -> bool:
    """Do the words after a cue make a clause rather than its inverted speaker ('said he and his
    staff were preparing', 'argued that the ruling will galvanize'): a subject pronoun followed by
    more words, or a finite verb or modal among them before any relative pronoun ('said an aide who
    was not authorized to speak' is a speaker)?"""
    low = [w.lower() for w in words]
    if low[0] in g.subject_pron and len(low) > 1:
        return True
    for w in low[1:]:
        if w in g.rel or w in ("whose", "where", "when"):
            return False
        if w in g.finite or w.endswith("n't"):
            return True
    return False
