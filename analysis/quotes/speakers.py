"""Speakers: the canonical name of each utterance's speaker mention (through
:func:`analysis.actors.resolve`, so that a user alias file corrects it), pronouns resolved to the last
speaker or person whose gender fits, transcript labels, and what may be a speaker at all (never a
pronoun, a time expression, a clause or a title-case headline).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import actors as _actors
from .grammar import AGENT_MIN_CHARS, LOWER_ING_ED_RE, head_noun, is_cap, number_like, respondents
from .layout import tokens

BRIDGE_PARAGRAPHS = 2  # a role phrase ("the Conservative MP") stands for a person quoted this many paragraphs back
LINKED_HEAD_MAX_WORDS = 3  # "a senior spokesman for X": words of the phrase before its preposition
PRONOUN_PARAGRAPHS = 3  # a pronoun speaker resolves to a speaker at most this many paragraphs back
PHRASE_MAX_WORDS = 6  # a common-noun speaker phrase longer than this keeps only its head part
NAME_PART_MAX_WORDS = 5  # the name opening a longer mention has at most this many words
PERSON_MAX_WORDS = 4  # an unresolved name that looks like a person's has at most this many words
ROLE_NAME_MAX_WORDS = 4  # a name after a role noun ("Judicial Watch president Tom Fitton") has at most this many
# a speaker mention that may hold more than a name: punctuation, an affiliation or clause word, a role before a name
NAME_PART_HINT_RE = re.compile(
    r"[,(;\u2014\u2013]|--| (?:of|who|at|for|with|from) |(?<![\w.'\u2019\-])[a-z][\w\-]*[ \t\u00a0]+[A-Z]")
APOS_SPLIT_RE = re.compile(r"['\u2019]")
_CLEAN_SPLIT_RE = re.compile(r",|\s\(|\s[-\u2013\u2014]\s|(?<=[a-z])\s+of\s+(?=(?:the\s+)?[A-Z])")
canonical = _actors.canonical_name


def resolve_span(an, s: int, e: int) -> str | None:
    """The actor the article names with ``text[s:e]`` (see :func:`analysis.actors.resolve`), or None."""
    return _actors.resolve(an.article, s, e, an.aliases)


def label_speaker(an, u) -> str | None:
    """Canonical speaker of a transcript label: a questioner, a person the article names
    ("MR KIRBY" -> "John Kirby"), else the label without its titles, in title case ("Kirby")."""
    text, g = an.doc.text, an.g
    s, e = u.src
    label = text[s:e]
    words = label.replace(".", " ").split()
    low = [w.lower().replace("\u2019", "'") for w in words]
    if any(w in g.question for w in low):
        return "questioner"
    core = [w for w, lw in zip(words, low) if lw not in g.roles and lw not in g.det and lw not in ("of", "the")]
    form = " ".join(w[:1] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in core)
    name = resolve_span(an, s, e) or (known_form(an, form) if form else None)
    if name and not (len(name.split()) == 1 and len(core) > 1 and form.endswith(name)):
        return canonical(name)
    return canonical(form or label.title())  # "PETER COOK" -> "Peter Cook" (the article says only "Mr. Cook")


def known_form(an, form: str) -> str | None:
    """The actor the article names with exactly ``form`` somewhere (a surname, say), or None."""
    return _actors.lookup_form(an.article, form, an.aliases)


@dataclass
class _Said:
    """A speaker named so far, for pronouns and role phrases later on."""

    name: str
    para: int
    start: int
    plural: bool  # a group ("the loggers", "police"): what "they" stands for
    person: bool  # a person the article names
    gender: str | None = None  # female / male, from the actor or the phrase's head ("a woman", "the duchess")


def attribute(an) -> None:
    """Set ``speaker``, ``speaker_spans`` and ``resolved`` (how the speaker was found: ``name``,
    ``alias``, ``phrase``, ``pronoun``, ``role``, ``label``, ``previous``) of every utterance, in text
    order: a pronoun goes to the last speaker before it who fits (a person of that gender for "he"
    or "she", a group for "they"), a definite role phrase nobody resolves ("the Conservative MP")
    to the person just quoted."""
    text = an.doc.text
    g = an.g
    said: list[_Said] = []
    for u in an.utts:
        if u.how == "transcript":
            u.speaker, u.resolved = label_speaker(an, u), "label"
            u.speaker_spans = list(u.src)
            if u.speaker and u.speaker != "questioner":
                said.append(_Said(u.speaker, u.para, u.start, False, True,
                                  _actors.gender(an.article, u.speaker, an.aliases)))
            continue
        src = u.from_utt
        if src is not None:
            u.speaker, u.resolved = src.speaker, "previous"
            u.speaker_spans = list(src.speaker_spans)
            u.src = src.src
            continue
        if u.src is None:
            u.speaker, u.resolved = None, ""
            continue
        s, e = u.src
        spans = [s, e]
        if u.ante and text[u.ante[0]:u.ante[1]].strip().lower() in g.pron:
            s, e = u.ante
        low = text[s:e].strip().lower()
        if u.ante and low not in g.pron:
            # a relative pronoun's antecedent, or the head of "HEAD, APPOSITIVE,"
            a0, a1 = u.ante
            name, how = _name(an, a0, a1, antecedent=True)
            if (a0, a1) != (s, e):
                spans += [a0, a1]
        elif low in g.pron:
            name, how = _pronoun(an, u, low, said), "pronoun"
        else:
            name, how = _name(an, s, e)
            if how == "phrase":
                bridged = _bridge(an, u, text[s:e], said)
                if bridged is not None:
                    name, how = bridged, "role"
        u.speaker, u.resolved = name, (how if name else "")
        u.speaker_spans = spans
        if name:
            person = how in ("name", "alias", "role") and _actors.is_person(an.article, name, an.aliases) or \
                (how == "pronoun" and low in g.gender)
            gender = _actors.gender(an.article, name, an.aliases) if how != "phrase" else _phrase_gender(g, name)
            said.append(_Said(name, u.para, u.start, _plural(an, text[s:e], how), person, gender))


def _phrase_gender(g, phrase: str) -> str | None:
    """The gender a common-noun speaker phrase states by its head ("a woman", "the duchess"), or None."""
    head = phrase.lower().split()[-1].strip(".,;:")
    gd = g.gender.get(head) or g.office_gender.get(head)
    return gd if gd in ("female", "male") else None


def _plural(an, mention: str, how: str) -> bool:
    """Does a speaker mention name a group ("the loggers", "police", "they")?"""
    words = mention.lower().split()
    if not words:
        return False
    head = words[-1].strip(".,;:")
    if how == "pronoun":
        return head == "they"
    if how not in ("phrase", "alias"):
        return False
    return head in an.g.group_noun or (mention.split()[-1][:1].islower() and head.endswith("s")
                                       and not head.endswith(("ss", "us", "is")))


def _bridge(an, u, mention: str, said: list) -> str | None:
    """The person a definite role phrase nobody resolves stands for ("Chris Grayling warned ...
    Speaking in the Commons, the Conservative MP said"): the person quoted last, within a paragraph
    or two, whose gender does not differ from the role's. Roles that name a new, unnamed source
    ("the spokesman") are never bridged."""
    words = mention.split()
    g = an.g
    if len(words) < 2 or words[0].lower() not in ("the", "this") or not words[-1][:1].isalpha():
        return None
    head = words[-1].lower().rstrip(".,")
    if head not in g.offices or head in g.anonymous_role:
        return None
    gender = g.office_gender.get(head, "")
    for x in reversed(said):
        if u.para - x.para > BRIDGE_PARAGRAPHS:
            break
        if not x.person:
            continue
        gd = _actors.gender(an.article, x.name, an.aliases)
        if gender and gd and gd != gender:
            continue
        return x.name
    # the person named last in this paragraph or the two before ("Chaves was demoted ... the future President said")
    since = an.doc.pstart[max(0, u.para - BRIDGE_PARAGRAPHS)]
    name = _actors.previous_person(an.article, u.src[0], gender or None, an.aliases, since=since)
    if name and head in _actors.role_of(an.article, name, an.aliases).lower().replace("-", " ").split():
        return name  # ... whose role the phrase names
    return None


def _name(an, s, e, antecedent: bool = False) -> tuple:
    """``(name, how)``: the canonical name of a speaker mention (``how`` ``name`` when the mention
    names an actor by name, ``alias`` by another form, ``phrase`` when nobody resolves it and the
    mention itself names the speaker; ``(None, None)`` when it cannot; ``antecedent``: the mention is
    what a relative "who" stands for, whose nearest name is the speaker: "the argument of Rep. X,
    who said"). The actors module's, unless the mention only names a
    possessor ("Obama's former campaign strategist" is not Obama); else the mention itself.
    A mention that opens with a name and goes on with an appositive, affiliation or clause
    ("Doug Usher, director of research at Widmeyer", "Jeffrey Lewis of the Martin Center") is
    resolved from that name; one that ends with a name after a role ("Judicial Watch president
    Tom Fitton") from the name at its end. A mention that cannot name anyone (a pronoun, a
    sentence adverb, a clause) gives None."""
    text = an.doc.text
    mention = text[s:e]
    if POSSESSOR_ONLY_RE.match(mention) or not antecedent and _headed_by_common_noun(an, mention):
        return _phrase(_valid(an, _clean(mention)), an.g)
    doc_head = _document_head(an.g, mention)
    if doc_head is not None:
        return _phrase(_valid(an, doc_head), an.g)  # 'a report issued Monday following an IPCC meeting'
    span = _name_part(an, s, e) if NAME_PART_HINT_RE.search(text, s, e) else None
    if span is not None:
        s, e = span
        mention = text[s:e]
    name = resolve_span(an, s, e)
    if name is not None:
        toks = mention.split()
        last = toks[-1].lower() if toks else ""
        if len(toks) > 1 and toks[-1][:1].islower() and last not in an.g.roles and head_noun(last, an.g) \
                and not POSSESSOR_ONLY_RE.match(mention) and _actors.is_person(an.article, name, an.aliases):
            # a person only modifies a common-noun head: "Clinton supporters", "McConnell aides"
            # (an organisation stays the speaker: "DoD analysts" -> Pentagon)
            phrase = _valid(an, _clean(mention))
            return _phrase(phrase, an.g) if phrase else (name, "alias")
        # the actors module's canonical names are already stable keys
        last_word = name.split()[-1].lower()
        return name, ("name" if last_word in canonical(mention).lower().replace(".", " ").split() else "alias")
    cleaned = _clean(mention)
    name = _valid(an, cleaned)
    if name and name != cleaned:
        known = known_form(an, name)  # "Carter Says" -> "Carter" -> "Ash Carter"
        return (known, "name") if known else _phrase(name, an.g)
    return _phrase(name, an.g)


DOCUMENT_HEAD_MAX_WORDS = 4  # 'a new U.N. report': words up to the document noun


def _document_head(g, mention: str) -> str | None:
    """'a report issued Monday following an IPCC meeting' -> 'a report': a mention opening with a
    determiner and a document noun (after at most a few modifiers) is that document, whatever names
    come after it."""
    words = mention.split()
    if len(words) < 2 or words[0].lower() not in g.det:
        return None
    for k in range(1, min(len(words), DOCUMENT_HEAD_MAX_WORDS + 1)):
        w = words[k].lower().strip(".,;:")
        if w in g.document_noun and words[k][:1].islower():
            return " ".join(words[:k + 1]).strip(".,;:")
        if words[k][:1].islower() and not w.endswith(("-released", "new", "latest", "final", "special")) \
                and w not in g.document_noun and k > 1:
            return None
    return None


def _headed_by_common_noun(an, mention: str) -> bool:
    """Does a mention open with a common-noun phrase that a preposition links to a name ("A spokesman
    for the Clinton campaign", "an aide to Clinton", "a statement from the ministry", "money from
    Bloomberg")? Then the phrase, not the name after the preposition, is the speaker (or nobody)."""
    words = mention.split()
    g = an.g
    if len(words) < 3 or not words[0][:1].islower() and words[0].lower() not in g.det:
        return False
    for k in range(1, min(len(words) - 1, LINKED_HEAD_MAX_WORDS + 1)):
        w, prev = words[k].lower(), words[k - 1]
        if w in g.link_prep:
            return prev[:1].islower() and prev.isalpha() and prev.lower() not in g.det
        if not (prev[:1].islower() or prev.lower() in g.det):
            return False  # a name before any preposition: "the Foreign Ministry's spokesperson"
    return False


def _phrase(name, g=None):
    return ((_common_case(g, name) if g is not None else name), "phrase") if name else (None, None)


def _common_case(g, name: str) -> str:
    """A common-noun speaker phrase in lower case when only its first word is capitalised (at a
    sentence start: "Officials", "The report", "A spokesman"), so that one source is one row
    whatever its place in the sentence; names ("The Guardian", "Reuters") stay as written."""
    words = name.split()
    first = words[0].lower()
    if words[0][:1].isupper() and all(w[:1].islower() or w[:1].isdigit() for w in words[1:]) and \
            (first in g.det or first in g.quant or first in g.indefinite_pron or first in g.heads or
             first in g.number_hedge or number_like(g, first) or
             first.endswith("s") and first[:-1] in g.heads):
        return first + name[len(words[0]):]
    return name


def _name_part(an, s: int, e: int):
    """The name inside a longer speaker mention (see :meth:`_name`), as a span, or None."""
    text, g = an.doc.text, an.g
    toks = tokens(text, s, e)
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
            if not all(is_cap(w) or w.lower() in an.g.particles for w in head) or not is_cap(head[0]) \
                        or len(head) > NAME_PART_MAX_WORDS:
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
    while k > 0 and is_cap(toks[k - 1][2]):
        k -= 1
    if 0 < k < len(toks) and len(toks) - k <= ROLE_NAME_MAX_WORDS:
        prev = toks[k - 1][2]
        if prev[0].isalpha() and prev.islower() and prev.rstrip(".") in g.roles and prev not in g.boundary \
                and prev not in g.np_inner and toks[k][2].lower() not in g.not_speaker:
            return toks[k][0], toks[-1][1]
    return None


def _valid(an, name: str | None) -> str | None:
    """A speaker name from a mention nobody resolved, or None when it cannot name anyone: a
    pronoun ("we", "Orlando he"), a sentence adverb or function word ("Later", "The"), a clause
    ("that its market ... quadrupled"), a number. A trailing cue word from a headline is
    dropped ("Carter Says" -> "Carter")."""
    if not name:
        return None
    g = an.g
    toks = name.split()
    forms = g.forms
    while len(toks) > 1 and toks[-1][:1].isupper() and toks[-1].lower() in forms:
        toks.pop()  # "Carter Says": a headline's verb
    if not toks:
        return None
    low = [(APOS_SPLIT_RE.split(t.lower(), 1)[0] if "'" in t or "\u2019" in t else t.lower()).strip(".,;:") \
            for t in toks]
    if respondents(g, toks):
        return canonical(" ".join(toks))  # "About four in 10", "47%": respondents
    possessive = len(low) > 1 and low[0] in g.det and low[0] in POSSESSIVE_DETERMINERS  # "her campaign"
    hit = g.pron.intersection(low[1:] if possessive else low)
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
        return canonical(" ".join(cut))
    return canonical(name if len(toks) == len(name.split()) else " ".join(toks))


def _pronoun(an, u, low: str, said: list) -> str | None:
    """The speaker a pronoun mention stands for: for "he" or "she", the last speaker within a few
    paragraphs whose gender fits, else the last person before it whose gender fits; for "they", the
    last group that spoke within a few paragraphs; else None."""
    gender = an.g.gender.get(low)
    voice = an.doc.pvoice[u.para]
    if gender is None:
        if low == "it":
            # the organisation or document that spoke last ('The company said ... It also said')
            for x in reversed(said):
                if u.para - x.para > PRONOUN_PARAGRAPHS:
                    break
                if not x.person and not x.plural and x.gender is None and not _looks_person(x.name):
                    return x.name
            return None
        if low != "they":
            return None  # we / I: no canonical speaker (the mention as written stays in speaker_mention)
        for x in reversed(said):
            if u.para - x.para > PRONOUN_PARAGRAPHS:
                break
            if x.plural and not (an.doc.pvoice[x.para] != voice and voice == "editorial"):
                return x.name
        return None
    subject = _sentence_subject(an, u.src[0], gender)
    for x in reversed(said):
        name, para = x.name, x.para
        if u.para - para > PRONOUN_PARAGRAPHS:
            break
        if an.doc.pvoice[para] != voice and voice == "editorial":
            continue
        if x.plural:
            continue
        gd = x.gender
        if gd == gender or (gd is None and _looks_person(name)):
            if subject is not None and subject[0] > x.start and subject[1] != name:
                return subject[1]  # "Andrew Dessler ... cast doubt ... Though he said": the person the text turned to
            return name
    if subject is not None:
        return subject[1]
    # an unresolved pronoun names no one (the mention stays in speaker_mention)
    return _actors.previous_person(an.article, u.src[0], gender, aliases=an.aliases)


def _sentence_subject(an, pos: int, gender: str | None):
    """``(start, name)`` of the person whose mention opens the sentence before ``pos`` or the
    sentence holding it (outside quotation marks), whose gender does not differ from ``gender``, or
    None: the person a 'he' or 'she' right after most likely stands for."""
    doc = an.doc
    i, ss, _, _ = doc.sentence_at(pos)
    lo = doc.sents[i - 1][0] if i > 0 else ss
    best = None
    for s, e, name in _actors.people_between(an.article, lo, pos, an.aliases):
        if doc.in_quote(s) is not None:
            continue
        _, s0, _, _ = doc.sentence_at(s)
        if doc.text[s0:s].strip(BLANKS_AND_MARKS):
            continue  # not at its sentence's start
        gd = _actors.gender(an.article, name, an.aliases)
        if gender and gd and gd != gender:
            continue
        best = (s, name)
    return best


BLANKS_AND_MARKS = " \t\u00a0\n\"'\u201c\u2018"


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
    >>> from analysis.quotes.grammar import Grammar
    >>> g = Grammar(cues.lexicon())
    >>> f = lambda m: (lambda t: t and " ".join(t))(_speaker_phrase(m.split(), m.lower().split(), g))
    >>> [f(m) for m in ("police late Saturday", "manslaughter", "the plague", "Wednesday", "a handful of lawmakers")]
    ['police', None, None, None, 'a handful of lawmakers']
    >>> [f(m) for m in ("meet a Catholic prelate", "New Footage From Las Vegas Massacre", "The Guardian",
    ...                 "court documents")]
    ['a Catholic prelate', None, 'The Guardian', 'court documents']
    """
    n = len(toks)
    if n == 1 and low[0] in g.time:
        return None  # "Wednesday", "February", "Time"
    caps = [t[:1].isupper() or not t[:1].isalpha() for t in toks]
    if all(caps[1:]) and (caps[0] or low[0] in g.det):
        # a name, perhaps after its article ("The Guardian"): reject a title-case headline or a date
        if n > PHRASE_MAX_WORDS or any(t.lower() in g.headline and t == t.lower().capitalize() for t in toks[1:]):
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
    if not head_noun(head, g) and not (j >= 2 and low[0] in g.det and _singular_agent(g, head)):
        # a name at the end of a common-noun phrase ("the Treason Bar attorney" is handled above):
        # only after determiners, quantifiers, possessives, capitalised words and role words
        hi = j - 1
        if not (toks[hi][:1].isupper() and all(caps[i] or low[i] in g.det or low[i] in g.quant or low[i] in g.heads
                                                 or low[i] in g.postmod for i in range(hi))):
            return None
    if n > PHRASE_MAX_WORDS and j < n and not toks[j - 1][:1].isupper():
        toks = toks[:j]  # not in a name: "the Swedish National Council for Crime Prevention"
    return toks


def _singular_agent(g, word: str) -> bool:
    """Is ``word`` a singular agent noun by its ending ('logger', 'worker'), said after a determiner?"""
    return len(word) > AGENT_MIN_CHARS and word.endswith(g.agent_suffix_det) and word not in g.not_speaker \
        and word not in g.time and word not in g.quant and word not in g.boundary


def _looks_person(name: str) -> bool:
    toks = name.split()
    return 1 <= len(toks) <= PERSON_MAX_WORDS and all(t[:1].isupper() for t in toks)


POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
POSSESSOR_ONLY_RE = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['\u2019]s?\s+(?:[a-z][\w\-]*\s*){1,5}$")


def _clean(mention: str) -> str:
    """A speaker name from a mention nobody resolved: the head before an appositive, blanks collapsed."""
    m = " ".join(mention.replace("\n", " ").split()).strip(" ,;:")
    parts = _CLEAN_SPLIT_RE.split(m, 1)
    head = parts[0].strip()
    if len(parts) > 1 and m[len(parts[0]):].lstrip().startswith("of "):
        words = head.split()
        if len(words) < 2 or not all(w[:1].isupper() for w in words) or words[0].lower() in ("a", "an", "the"):
            return m  # "A University of New Hampshire poll": no person's name before 'of'
    return head or m
