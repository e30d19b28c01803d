"""The grammar the attribution rules use: word classes read from the lexicons (:class:`Grammar`),
noun-phrase tests over tokens, where a content clause starts and ends, what follows a cue, and
passive cues (which name no speaker of their own).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import cues as _cues
from .. import lexicons
from .marks import BLANKS, QUOTE_CHARS

LOWER_ING_ED_RE = re.compile(r"^[a-z]+(?:ing|ed)$")
NUMBER_RE = re.compile(r"^\d[\d,.]*$")
TRAIL_CHARS = frozenset(".!?;:,\u2014\u2013-")
_LABEL_HEAD_RE = re.compile(r"[^\W\d_][\w\- ]{0,25}:\s+")
CHUNK_MAX_WORDS = 10  # a noun phrase walked backwards has at most this many words
NAME_MAX_WORDS = 5  # a name ("Sen. Jack Reed") has at most this many words
ROLE_NP_MAX_WORDS = 9  # a role noun phrase ("the Foreign Ministry's spokesperson") has at most this many words
AFTER_CUE_WINDOW = 120  # characters after a cue searched for its hearer and adjuncts
HEARER_MAX_WORDS = 5  # a hearer after 'told' ("told the local paper") has at most this many words
MAX_ADJUNCTS = 3  # adjuncts skipped after a cue
ADJUNCT_MAX_WORDS = 7  # an adjunct after a cue ("in a statement on Monday") has at most this many words
PASSIVE_LOOKBACK = 40  # characters before a cue searched for a form of "be"
LABEL_MAX_WORDS = 3  # a short label opening a content clause ("Superdelegates:")
LABEL_WINDOW = 40  # characters at a clause start searched for such a label


def is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()

def _stamped(fn):
    """Cache ``fn()`` (a word set read from ``data/lexicons``) until the cue lexicon's stamp changes
    (no stamp: the current one)."""
    cache: dict = {}

    def get(stamp=None) -> frozenset:
        if stamp is None:
            stamp = _cues.stamp()
        if cache.get("stamp") != stamp or "v" not in cache:
            cache["v"], cache["stamp"] = frozenset(fn()), stamp
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


@lru_cache(maxsize=4)
def _offices(_stamp) -> tuple[frozenset, dict]:
    """The last word of every ``office`` title of ``roles.csv`` (lower case, no period), and the gender
    the title states where it states one ("duchess" -> female)."""
    df = lexicons.load("roles")
    words, gender = set(), {}
    for t, c, gd in zip(df.title, df.category, df.gender):
        if c == "office":
            w = str(t).lower().split()[-1].rstrip(".")
            words.add(w)
            if gd in ("female", "male"):
                gender.setdefault(w, gd)
    return frozenset(words), gender


@_stamped
def _abbreviations():
    """Abbreviations whose period ends no sentence (``data/lexicons/abbreviations.csv``: del, gov, ...)."""
    return {str(x).strip().lower().rstrip(".") for x in lexicons.load("abbreviations").abbreviation}


class Grammar:
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
        self.np_inner = w.get("np_inner", frozenset())  # of, for, and: inside a name or role phrase
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
        self.postmod = self.prep | self.rel | self.boundary | w.get("postmodifier", frozenset())
        self.object_pron = w.get("object_pronoun", frozenset())  # the hearer of "told him"
        self.complementizer = w.get("complementizer", frozenset())  # that, whether, if
        self.time_prep = w.get("time_preposition", frozenset())  # on, in, at, during (a day, a meeting)
        self.participles = w.get("participle", frozenset())  # irregular past participles: told, known
        self.contracted = w.get("contracted_subject", frozenset())  # "it's", "that's" (is/has)
        self.title_speech = w.get("title_speech", frozenset())  # '"We Will Win" he said': speech, no title
        self.headline = w.get("headline_word", frozenset())  # capitalised only in a title-case headline
        self.particles = w.get("name_particle", frozenset())  # al, van, de: lower case inside a name
        self.group_noun = w.get("group_noun", frozenset())  # officials, residents: a group of speakers
        self.document_noun = w.get("document_noun", frozenset())  # statement, report: a document speaks
        self.indefinite = w.get("indefinite", frozenset())  # a, an, one: an anonymous source
        self.finite = w.get("finite", frozenset())  # is, was, will, would: a finite clause
        self.wh = w.get("wh_word", frozenset())  # what, how, why: an embedded question
        self.subject_pron = w.get("subject_pronoun", frozenset())  # he, she, they: a clause's subject
        self.first_person = w.get("first_person", frozenset())  # I, we: the writer's own voice
        self.indefinite_pron = w.get("indefinite_pronoun", frozenset())  # everyone, someone: no name, a source
        self.conjunction = w.get("conjunction", frozenset())  # and, or, but: no clause opens with one
        self.place_prep = w.get("place_preposition", frozenset())  # of, from, in: "of Opelika, Alabama"
        self.link_prep = w.get("link_preposition", frozenset())  # for, to, from: "a spokesman for X"
        self.performance_verbs = w.get("performance_verb", frozenset())  # sing, chant: only with a quotation
        self.call_verbs = w.get("call_verb", frozenset())  # call: with a noun phrase, a telephone call
        self.org_noun = w.get("org_noun", frozenset())  # ministry, police, paper: an organisation speaks
        self.agent_suffix = tuple(sorted(w.get("agent_suffix", frozenset())))  # loggers, resident: agent nouns
        self.agent_suffix_det = tuple(sorted(w.get("agent_suffix_after_determiner", frozenset())))  # the logger
        self.anonymous_role = w.get("anonymous_role", frozenset())  # spokesman, official: a new source
        self.number_word = w.get("number_word", frozenset())  # four, half, thirds, majority: a survey share
        self.number_hedge = w.get("number_hedge", frozenset())  # about, nearly, more than: before a share
        self.aside = w.get("aside_opener", frozenset())  # however, then, himself: an aside between commas
        self.clause_only_verbs = w.get("clause_only_verb", frozenset())  # propose: words only with a clause
        self.speculation = w.get("speculation_adverb", frozenset())  # probably: the writer's guess, no report
        self.not_as_complement = w.get("not_as_complement", frozenset())  # 'as well', 'as long': no complement
        self.source_postmodifier = w.get("source_postmodifier", frozenset())  # 'a source close to him'
        self.place_adverb = w.get("place_adverb", frozenset())  # 'officials here said'
        self.past_form = w.get("past_form", frozenset())  # wrote, spoke: irregular simple past of a cue
        self.offices, self.office_gender = _offices(lx.stamp)  # minister, senator, MP: heads of a role phrase


_GRAMMARS: dict = {}
GRAMMAR_CACHE = 8  # grammars kept (one per lexicon version)


def grammar(lx) -> Grammar:
    """The :class:`Grammar` of a cue lexicon, built once per lexicon and word-set version (read-only)."""
    deps = (lx, _role_words(lx.stamp), _role_labels(lx.stamp), _abbreviations(lx.stamp))
    hit = _GRAMMARS.get(lx.stamp)
    if hit is None or any(a is not b for a, b in zip(hit[0], deps)):
        if len(_GRAMMARS) > GRAMMAR_CACHE:
            _GRAMMARS.clear()
        hit = _GRAMMARS[lx.stamp] = (deps, Grammar(lx))
    return hit[1]


def number_like(g: Grammar, word: str) -> bool:
    """Is ``word`` a number or share ('10', '47%', 'four', 'three-fourths', 'Thirty-one', 'majority')?"""
    low = word.lower().strip(",.;:")
    if low[:1].isdigit():
        return bool(SHARE_NUMBER_RE.match(low))
    return bool(low) and all(part in g.number_word for part in low.split("-"))


def share_phrase(g: Grammar, words: list) -> bool:
    """Do ``words`` name a share of the people surveyed ('About four in 10', '47%', 'three-fourths',
    'Thirty-one percent of those surveyed', 'Just shy of half', 'majorities in all five')? Respondents
    speak as a group: such a phrase is a speaker, not a number.

    >>> g = grammar(_cues.lexicon())
    >>> [share_phrase(g, m.split()) for m in ("About four in 10", "47%", "three-fourths", "the plan", "2016")]
    [True, True, True, False, False]
    """
    if not words:
        return False
    w0 = words[0][:1]
    if not w0.isdigit() and words[0].lower().split("-")[0] not in g.number_word \
            and words[0].lower() not in g.number_hedge and words[0].lower() not in ("a", "an"):
        return False  # the quick answer for nearly every phrase
    low = [w.lower().strip(",.;:") for w in words]
    k = 0
    while k < len(low) - 1 and (low[k] in g.number_hedge or low[k] in ("a", "an", "of")):
        k += 1
    if k >= len(low) or not number_like(g, low[k]):
        return False
    if low[k].endswith("%") or any(part in SHARE_WORDS for part in low[k].split("-")):
        return True  # '47%', 'three-fourths', 'half', 'a majority'
    # a number must be a share: '26 percent', 'four in 10', 'nine out of 10 voters' ('one lawmaker' is no share)
    rest = low[k + 1:k + 3]
    return bool(rest) and (rest[0] in ("percent", "in", "out") or rest[:2] == ["per", "cent"]) \
        or k > 0 and low[k - 1] == "of"


def respondents(g: Grammar, words: list) -> bool:
    """A share of people surveyed (:func:`share_phrase`) or 'those surveyed', 'those polled'."""
    if len(words) == 2 and words[0].lower() in ("those", "the") and LOWER_ING_ED_RE.match(words[1]):
        return True
    return share_phrase(g, words)


SHARE_WORDS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
                         "fifths", "tenth", "tenths", "majority", "majorities", "plurality", "percent"})
SHARE_NUMBER_RE = re.compile(r"^\d{1,3}(?:[.,]\d+)?%?$")


NAME_CONNECTORS = frozenset({"on", "of", "for", "and", "de", "the", "&"})  # lower-case words inside a name


def chunk_back(toks, i, g: Grammar, limit=CHUNK_MAX_WORDS):
    """Collect a noun phrase backwards from token index ``i`` (inclusive): returns (first index,
    n words). Stops at punctuation, a clause boundary word, a likely verb, or ``limit`` words."""
    j, n = i, 0
    while j >= 0 and n < limit:
        s, e, t = toks[j]
        low = t.lower()
        if t[0] == "(" and len(t) > 1 and n == 0 and j > 0 and is_cap(toks[j - 1][2]):
            j -= 1  # a party tag after a name: "Rep. John Mica (R-Fla.)"
            continue
        if not t[0].isalnum():
            break
        if low == "in" and n > 0 and j > 0 and number_like(g, toks[j - 1][2]) and number_like(g, toks[j + 1][2]):
            j -= 1  # 'four in 10': a share, one phrase
            n += 1
            continue
        if low in NAME_CONNECTORS and n > 0 and j > 0 and is_cap(toks[j - 1][2]) and is_cap(toks[j + 1][2]) \
                and toks[j - 1][2][0].isalpha():
            j -= 1  # 'Intergovernmental Panel on Climate Change', 'Oil and Gas Climate Initiative': one name
            n += 1
            continue
        if low in g.boundary and low not in g.np_inner:
            break
        if low in g.np_inner:
            # "Secretary of State", "a spokesman for the campaign", "Blumenthal and Cohen": only inside a phrase
            if n == 0 or j == 0 or not toks[j - 1][2][0].isalnum():
                break
            if low == "and" and not (is_cap(toks[j - 1][2]) and is_cap(toks[j + 1][2])):
                break
        elif not is_cap(t) and n > 0 and LOWER_ING_ED_RE.match(t) and low not in g.roles:
            break  # "... was pushing" / "... announced": a verb, not part of the speaker
        elif low in g.aux and n > 0:
            break
        j -= 1
        n += 1
        if n == 1 and low in g.subject_pron and low not in ("it", "there"):
            break  # 'in September she said': a subject pronoun is the whole phrase
    first = j + 1
    # a phrase never starts with a connector
    while first <= i and toks[first][2].lower() in g.np_inner:
        first += 1
    return first, i - first + 1


def name_like(toks, a, b, g: Grammar) -> bool:
    """Is toks[a..b] a name ("Maria Zakharova", "Sen. Jack Reed") or an age ("25")?"""
    words = [t for _, _, t in toks[a:b + 1] if not (t[0] == "(" and len(t) > 1)]
    if not words or len(words) > NAME_MAX_WORDS:
        return False
    if len(words) == 1 and NUMBER_RE.match(words[0]):
        return True
    return is_cap(words[0]) and is_cap(words[-1]) and all(is_cap(w) or w.lower() in g.np_inner for w in words)


def role_np(toks, a, b, g: Grammar) -> bool:
    """Is toks[a..b] a role noun phrase ("the Foreign Ministry's spokesperson", "a Republican
    strategist", "Kremlin spokesman")?"""
    words = [t for _, _, t in toks[a:b + 1]]
    if not words or len(words) > ROLE_NP_MAX_WORDS:
        return False
    low = [w.lower().replace("\u2019", "'") for w in words]
    if any(w in g.boundary and w not in g.np_inner for w in low):
        return False
    base = {w[:-2] if w.endswith("'s") else w for w in low}
    return bool(base & g.roles) and (low[0] in g.det or is_cap(words[0]) or low[0].endswith("'s"))


def skip_after_cue(doc, g: Grammar, c, hi: int, frame: str) -> int:
    """Offset where the content begins after a cue: past a preposition of an object cue ("shared
    its concerns about"), the hearer of a tell cue ("told journalists"), adjuncts ("on Thursday",
    "in a statement") and a comma or colon. Returns ``c.end`` unchanged when nothing is skipped."""
    toks = doc.tokens(c.end, min(hi, c.end + AFTER_CUE_WINDOW))
    i = 0
    n = len(toks)
    if frame == "tell" and i < n and toks[i][2][0].isalnum():
        # the hearer: pronoun, recipient noun phrase, or a capitalised name ("told CNN", "told The Washington Post")
        low = toks[i][2].lower()
        two = (low + " " + toks[i + 1][2].lower()) if i + 1 < n else ""
        if two in g.recipient:
            i += 2
        elif low in g.recipient or low in g.object_pron:
            i += 1
        elif is_cap(toks[i][2]) and low not in g.det:
            while i < n and (is_cap(toks[i][2]) or toks[i][2].lower() in ("of", "the")) and toks[i][2][0].isalnum():
                i += 1
        elif low in g.det and low not in g.complementizer and i + 1 < n:
            j = i + 1
            while j < n and j < i + HEARER_MAX_WORDS and toks[j][2][0].isalnum() \
                    and toks[j][2].lower() not in g.boundary:
                j += 1
            if j < n and (toks[j][2].lower() == "that" or toks[j][2].lower() in g.time_prep \
                    or toks[j][2] in (",", ":")):
                i = j
    if frame == "object" and i < n and toks[i][2].lower() in g.prep and toks[i][0] > c.end \
            and not doc.text[c.end:toks[i][0]].strip(BLANKS):
        c.end = toks[i][1]  # the preposition belongs to the cue ("concerns about")
        i += 1
    # adjuncts: "on Thursday", "in a statement", "Tuesday", "last week"
    for _ in range(MAX_ADJUNCTS):
        if i < n and toks[i][2].lower() in g.adjunct and toks[i][2][0].isalnum():
            j = i + 1
            while j < n and j < i + ADJUNCT_MAX_WORDS and toks[j][2][0].isalnum() \
                    and toks[j][2].lower() not in g.complementizer:
                low = toks[j][2].lower()
                if low in g.boundary and low not in g.np_inner and low not in g.time_prep:
                    break
                j += 1
            if j < n and (toks[j][2] in (",", ":") or toks[j][2].lower() in g.complementizer):
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


def content_end(text: str, lo: int, hi: int) -> int:
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


def clause_start(text: str, ss: int, lo_limit: int) -> int:
    """Start of a content clause that opens a sentence: after a short label ("Superdelegates:") and
    opening blanks or dashes."""
    a = max(ss, lo_limit)
    head = text[a:min(len(text), a + LABEL_WINDOW)]
    m = _LABEL_HEAD_RE.match(head)
    if m and len(m.group().split()) <= LABEL_MAX_WORDS:
        a += m.end()
    while a < len(text) and text[a] in BLANKS + "-\u2013\u2014\u2022*":
        a += 1
    return a


def passive(doc, g: Grammar, c) -> bool:
    """'was told', 'is expected', "It's estimated": a past participle after be: no own speaker."""
    form = c.form.lower().split()[0]
    if not (form.endswith(("ed", "en", "wn")) or form in g.participles):
        return False
    toks = doc.tokens(max(0, c.start - PASSIVE_LOOKBACK), c.start)
    k = len(toks) - 1
    while k >= 0 and toks[k][2].lower() in g.aux and toks[k][2].lower() not in g.passive:
        k -= 1
    if k < 0:
        return False
    t = toks[k][2].lower().replace("\u2019", "'")
    if t.endswith("'s") and t[:-2] in g.subject_pron | g.rel and t[:-2] not in g.expletive | {"it"}:
        # "He's said he ..." is 'he has said'; "He's said to be ..." is a passive
        nxt = doc.text[c.end:c.end + 4].split()
        return bool(nxt) and nxt[0].lower() == "to"
    return t in g.passive or t.endswith("'s") and t[:-2] in g.contracted


CLAUSE_WINDOW = 150  # characters after a cue read to tell a reported clause from a noun-phrase object
CLAUSE_MAX_WORDS = 12  # words after a cue searched for a finite auxiliary or modal
_CLAUSE_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019\-]*")
_CONTRACTION_RE = re.compile(r"'(?:s|re|ll|ve|d|m)$")


def complement(text: str, g: Grammar, a: int, b: int) -> str:
    """What follows a cue at ``a`` (up to ``b``): ``clause`` (a complementizer or question word, a
    subject pronoun, or a finite auxiliary or modal among its first words: 'said that ...', 'asked
    why ...', 'said he ...', 'said the plan was ...'), ``quote`` (a quotation mark), ``infinitive``
    ('promised to ...'), ``np`` (a noun phrase only: 'called the police', 'revealed her thoughts'),
    or ``empty``.

    >>> g = grammar(_cues.lexicon())
    >>> [complement(t, g, 0, len(t)) for t in ("that it failed", "the plan was dead", "the police", "to go", "")]
    ['clause', 'clause', 'np', 'infinitive', 'empty']
    """
    t = text[a:min(b, a + CLAUSE_WINDOW)].lstrip()
    if not t:
        return "empty"
    if t[0] in QUOTE_CHARS:
        return "quote"
    words = _CLAUSE_WORD_RE.findall(t)[:CLAUSE_MAX_WORDS]
    if not words:
        return "empty"
    w0 = words[0].lower()
    if w0 in g.complementizer or w0 in g.wh or w0 in g.subject_pron:
        return "clause"
    if w0 == "to":
        return "infinitive"
    for w in words[1:]:
        low = w.lower().replace("\u2019", "'")
        if low in g.finite or low.endswith("n't") or _CONTRACTION_RE.search(low) and \
                (not low.endswith("'s") or low[:-2] in g.contracted):
            return "clause"  # "'s" after a noun is a possessive ("the Sheriff's Office"), not "is"
    return "np"


PAREN_RE = re.compile(r"\([^()]*\)")  # a party tag or aside in a mention: "(R-Ga.)"
AGENT_MIN_CHARS = 5  # an agent noun recognised by its ending has more letters than this ("others", "loggers")
_APOS_RE = re.compile(r"['\u2019]")


def head_noun(word: str, g) -> bool:
    """Is ``word`` (lower case) a speech-capable head noun, in the singular or a regular plural: a
    ``speaker_head`` or role noun, or an agent noun by its ending (logger, investigator, resident)?"""
    heads = g.heads
    w = _APOS_RE.split(word, 1)[0] if ("'" in word or "\u2019" in word) else word
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
    if w.endswith("s") and w[:-1] in heads:
        return True
    return len(w) > AGENT_MIN_CHARS and w.endswith(g.agent_suffix) and w not in g.not_speaker and w not in g.time


def junk_mention(g, mention: str) -> bool:
    """Is a speaker mention no noun phrase at all: one function word, adverb, number or verb form
    ('more', 'perhaps', 'faced', 'either'), a phrase ending in a function word ('One of the big',
    'attorneys for the'), a clause ('Indivisible can't', 'employers cannot', 'it's worth')?

    >>> from analysis import cues
    >>> g = grammar(cues.lexicon())
    >>> [junk_mention(g, m) for m in ("more", "attorneys for the", "Indivisible can't", "the fund", "He's", "police")]
    [True, True, True, False, False, False]
    >>> [junk_mention(g, m) for m in ("Sen. David Perdue (R-Ga.)", "all the experts I interviewed")]
    [False, False]
    """
    words = [w.strip(",.;:").replace("\u2019", "'") for w in PAREN_RE.sub(" ", mention).split()]
    words = [w for w in words if w and not w.startswith("@")]  # a handle after a name: 'one user @x'
    if not words:
        return True
    low = [w.lower() for w in words]
    if respondents(g, words):
        return False  # 'About four in 10', '47%', 'those surveyed': respondents
    if len(words) == 1 and (low[0] in g.quant or low[0] in g.indefinite_pron):
        return False  # 'many said', 'everyone agrees': no name, but someone speaks
    if len(words) == 1 and low[0].endswith("'s") and low[0][:-2] in g.pron:
        return False  # "He's said": a pronoun
    if len(words) > 1 and low[0] in g.det and low[0] in g.pron and low[0] != "one" and head_noun(low[-1], g):
        return False  # "her campaign": a possessive determiner
    if (low[0] in g.pron and low[0] != "one") or low[0] in g.rel:
        return len(words) > 1 and low[1] not in g.pron  # "he doesn't even": a clause
    if any(w in g.finite or w.endswith("n't") or w == "cannot" or w.endswith("'s") and w[:-2] in g.contracted \
            for w in low):
        return True
    last, raw = low[-1], words[-1]
    if last in g.det or last in g.prep or last in g.boundary or last in g.aux or last in g.conjunction \
            or last in g.np_inner:
        return True
    if not raw[:1].isalpha():
        return True  # a number, a symbol
    reduced_relative = len(low) >= 3 and low[-2] in g.pron  # "all the experts I interviewed"
    if len(low) >= 2 and low[-2] in g.det and LOWER_ING_ED_RE.match(raw):
        return False  # "Supporters of the ruling": a noun after its determiner
    if raw[:1].islower() and (last.endswith("ly") or LOWER_ING_ED_RE.match(raw) and not reduced_relative
                              or len(words) == 1 and last in g.forms):
        return True  # 'Wells Fargo just', 'recalled', 'recommend'
    return len(words) == 1 and raw.islower() and not head_noun(last, g)  # 'more', 'either' (not 'police')
