"""Speakers: the canonical name of each utterance's speaker mention (through
:func:`analysis.actors.resolve`, so that a user alias file corrects it), pronouns resolved to the last
speaker or person whose gender fits, transcript labels, and what may be a speaker at all (never a
pronoun, a time expression, a clause or a title-case headline).
"""
from __future__ import annotations

import re

from .. import actors as _actors
from .grammar import LOWER_ING_ED_RE, is_cap
from .layout import tokens

PRONOUN_PARAGRAPHS = 3  # a pronoun speaker resolves to a speaker at most this many paragraphs back
PHRASE_MAX_WORDS = 6  # a common-noun speaker phrase longer than this keeps only its head part
NAME_PART_MAX_WORDS = 5  # the name opening a longer mention has at most this many words
PERSON_MAX_WORDS = 4  # an unresolved name that looks like a person's has at most this many words
ROLE_NAME_MAX_WORDS = 4  # a name after a role noun ("Judicial Watch president Tom Fitton") has at most this many
# a speaker mention that may hold more than a name: punctuation, an affiliation or clause word, a role before a name
NAME_PART_HINT_RE = re.compile(r"[,(;\u2014\u2013]|--| (?:of|who|at|for|with|from) |(?<![\w.'\u2019\-])[a-z][\w\-]*[ \t\u00a0]+[A-Z]")
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


def attribute(an) -> None:
    """Set ``speaker`` and ``speaker_spans`` of every utterance, in text order (a pronoun goes to the
    last speaker before it whose gender fits)."""
    text = an.doc.text
    g = an.g
    last_named: list[tuple[str, int, int]] = []  # (speaker, para, is_person)
    for u in an.utts:
        if u.how == "transcript":
            u.speaker = label_speaker(an, u)
            u.speaker_spans = list(u.src)
            if u.speaker and u.speaker != "questioner":
                last_named.append((u.speaker, u.para, u.start))
            continue
        src = u.from_utt
        if src is not None:
            u.speaker = src.speaker
            u.speaker_spans = list(src.speaker_spans)
            u.src = src.src
            continue
        if u.src is None:
            u.speaker = None
            continue
        s, e = u.src
        mention = text[s:e].strip()
        low = mention.lower()
        spans = [s, e]
        name = None
        if u.ante and text[u.ante[0]:u.ante[1]].strip().lower() in g.pron:
            s, e = u.ante
            mention, low = text[s:e].strip(), text[s:e].strip().lower()
        if u.ante and low not in g.pron:
            # a relative pronoun's antecedent, or the head of "HEAD, APPOSITIVE,"
            a0, a1 = u.ante
            name = _name(an, a0, a1)
            if (a0, a1) != (s, e):
                spans += [a0, a1]
        elif low in g.pron:
            name = _pronoun(an, u, low, last_named)
        else:
            name = _name(an, s, e)
        u.speaker = name
        u.speaker_spans = spans
        if name:
            last_named.append((name, u.para, u.start))


def _name(an, s, e) -> str | None:
    """Canonical name of a speaker mention: the actors module's, unless the mention only names a
    possessor ("Obama's former campaign strategist" is not Obama); else the mention itself.
    A mention that opens with a name and goes on with an appositive, affiliation or clause
    ("Doug Usher, director of research at Widmeyer", "Jeffrey Lewis of the Martin Center") is
    resolved from that name; one that ends with a name after a role ("Judicial Watch president
    Tom Fitton") from the name at its end. A mention that cannot name anyone (a pronoun, a
    sentence adverb, a clause) gives None."""
    text = an.doc.text
    mention = text[s:e]
    if POSSESSOR_ONLY_RE.match(mention):
        return _valid(an, _clean(mention))
    span = _name_part(an, s, e) if NAME_PART_HINT_RE.search(text, s, e) else None
    if span is not None:
        s, e = span
        mention = text[s:e]
    name = resolve_span(an, s, e)
    if name is not None:
        toks = mention.split()
        last = toks[-1].lower() if toks else ""
        if len(toks) > 1 and toks[-1][:1].islower() and last not in an.g.roles and _head_noun(last, an.g.heads) \
                and not POSSESSOR_ONLY_RE.match(mention) and _actors.is_person(an.article, name, an.aliases):
            # a person only modifies a common-noun head: "Clinton supporters", "McConnell aides"
            # (an organisation stays the speaker: "DoD analysts" -> Pentagon)
            return _valid(an, _clean(mention)) or name
        return name  # the actors module's canonical names are already stable keys
    cleaned = _clean(mention)
    name = _valid(an, cleaned)
    if name and name != cleaned:
        return known_form(an, name) or name  # "Carter Says" -> "Carter" -> "Ash Carter"
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
        if prev[0].isalpha() and prev.islower() and prev.rstrip(".") in g.roles and toks[k][2].lower() not in g.not_speaker:
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
    low = [(APOS_SPLIT_RE.split(t.lower(), 1)[0] if "'" in t or "\u2019" in t else t.lower()).strip(".,;:") for t in toks]
    hit = g.pron.intersection(low)
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


def _pronoun(an, u, low: str, last_named) -> str | None:
    """The speaker a pronoun mention stands for: the last speaker within a few paragraphs whose
    gender fits, else the last person before it whose gender fits, else None."""
    gender = an.g.gender.get(low)
    if gender is None:
        # they / we / I / it: no canonical speaker (the mention as written stays in speaker_mention)
        return None
    voice = an.doc.pvoice[u.para]
    for name, para, pos in reversed(last_named):
        if u.para - para > PRONOUN_PARAGRAPHS:
            break
        if an.doc.pvoice[para] != voice and voice == "editorial":
            continue
        gd = _actors.gender(an.article, name, an.aliases)
        if gd == gender or (gd is None and _looks_person(name)):
            return name
    # an unresolved pronoun names no one (the mention stays in speaker_mention)
    return _actors.previous_person(an.article, u.src[0], gender, aliases=an.aliases)


def _head_noun(word: str, heads: frozenset) -> bool:
    """Is ``word`` (lower case) a speech-capable head noun, in the singular or a regular plural?"""
    w = APOS_SPLIT_RE.split(word, 1)[0] if ("'" in word or "\u2019" in word) else word
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
    return w.endswith("s") and w[:-1] in heads


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
    >>> [f(m) for m in ("meet a Catholic prelate", "New Footage From Las Vegas Massacre", "The Guardian", "court documents")]
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
    if not _head_noun(head, g.heads):
        # a name at the end of a common-noun phrase ("the Treason Bar attorney" is handled above):
        # only after determiners, quantifiers, possessives, capitalised words and role words
        hi = j - 1
        if not (toks[hi][:1].isupper() and all(caps[i] or low[i] in g.det or low[i] in g.quant or low[i] in g.heads
                                                 or low[i] in g.postmod for i in range(hi))):
            return None
    if n > PHRASE_MAX_WORDS and j < n and not toks[j - 1][:1].isupper():
        toks = toks[:j]  # not in a name: "the Swedish National Council for Crime Prevention"
    return toks


def _looks_person(name: str) -> bool:
    toks = name.split()
    return 1 <= len(toks) <= PERSON_MAX_WORDS and all(t[:1].isupper() for t in toks)


POSSESSOR_ONLY_RE = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['\u2019]s?\s+(?:[a-z][\w\-]*\s*){1,5}$")


def _clean(mention: str) -> str:
    """A speaker name from a mention nobody resolved: the head before an appositive, blanks collapsed."""
    m = " ".join(mention.replace("\n", " ").split()).strip(" ,;:")
    head = _CLEAN_SPLIT_RE.split(m)[0].strip()
    return head or m


SPEAKER_TYPES = ("person", "organisation", "group", "anonymous", "document", "unknown")


def speaker_type(name: str | None, g) -> str:
    """Initial coarse rule for ``speaker_type`` (one of :data:`SPEAKER_TYPES`) from the speaker's name."""
    if not name:
        return "unknown"
    words = name.split()
    head = words[-1].lower().strip(".,")
    if head in g.document_noun:
        return "document"
    if words[0].lower() in g.indefinite:
        return "anonymous"
    if head in g.group_noun or (name[:1].islower() and head.endswith("s")):
        return "group"
    if _looks_person(name):
        return "person"
    return "organisation"


def confidence(u) -> float:
    """Initial coarse rule for ``confidence``: how directly the speaker is tied to the words."""
    if not u.speaker:
        return 0.2
    if u.how in ("after", "before", "after-inverted", "transcript", "according"):
        return 0.9
    if u.how in ("continuation", "final", "parenthetical", "participle"):
        return 0.7
    return 0.75
