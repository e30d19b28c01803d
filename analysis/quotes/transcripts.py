"""Transcripts: a paragraph opening with a speaker label ("MR KIRBY:", "SECRETARY KERRY:",
"QUESTION:", or a title-case label that is exactly a person's name) is that speaker's turn.
"""
from __future__ import annotations

import bisect
import re

from .. import actors as _actors
from .grammar import content_end, is_cap
from .layout import Cue, Utt
from .marks import BLANKS, WORD_RE
from .speakers import canonical, resolve_span

LABEL_WINDOW = 90  # characters at a paragraph start searched for the colon of a label
LABEL_MAX_WORDS = 7  # a title-case label ("President of Russia Vladimir Putin") has at most this many words
QUESTION_LABEL_MAX_WORDS = 2  # "QUESTION", "Q", "MR QUESTIONER": a questioner's label
CORE_MAX_WORDS = 3  # words of an all-caps label besides titles
INTERVIEW_MIN_LABELS = 2  # paragraphs opening with an all-caps label that make an interview transcript
# a speaker label opening a transcript paragraph: "MR KIRBY: ", "SECRETARY KERRY: ",
# "President of Russia Vladimir Putin: "
LABEL_RE = re.compile(
    r"[ \t\u00a0]*[\"\u201c]?((?:[A-Z][\w.'\u2019\-]*|of|the)(?:[ \t\u00a0]+(?:[A-Z][\w.'\u2019\-]*|of|the)){0,6})"
    r"[ \t\u00a0]*:[ \t\u00a0]+(?=\S)")


def attribute(an) -> None:
    """Speaker labels opening paragraphs of a transcript: the paragraph after an all-caps label
    ("SECRETARY KERRY:", "QUESTION:") and the unlabelled paragraphs after it, up to the next label,
    are that speaker's turn, one utterance per paragraph (``how`` = ``transcript``; ``kind``
    follows the quote marks, and a turn has none: ``indirect``, though its words are verbatim);
    a title-case label that names a person ("President of Russia Vladimir Putin:") covers its own
    paragraph. Utterances found inside a turn by the other rules are dropped (the turn is the
    speaker's, including what they report others said)."""
    text = an.doc.text
    turns = _turns(an)
    if not turns:
        return
    # the paragraphs of the turns, label included: an utterance found there by another rule is dropped
    spans = [(an.doc.pbody[i], b) for i, _, b, _ in turns]
    starts = [a for a, _ in spans]

    def inside(u):
        k = bisect.bisect_right(starts, u.start) - 1
        if k >= 0 and u.start < spans[k][1]:
            return True
        return k + 1 < len(spans) and spans[k + 1][0] < u.end  # one that runs into a turn
    an.utts = [u for u in an.utts if not inside(u)]
    for i, a, b, (ls, le, colon, _) in turns:
        while a < b and text[a] in BLANKS:
            a += 1
        e = content_end(text, a, b) if text[a:b].rstrip()[-1:] not in "?!" else a + len(text[a:b].rstrip())
        if e <= a:
            continue
        c = Cue(colon, colon + 1, ":", None)
        u = Utt(a, e, "indirect", c, (ls, le), None, i, "transcript", [a, e])
        an.utts.append(u)


def _turns(an) -> list:
    """The turns of a transcript: ``(paragraph, start, end, (label start, label end, colon, all caps))``."""
    doc, text, g = an.doc, an.doc.text, an.g
    interview = _caps_labels(an) >= INTERVIEW_MIN_LABELS
    turns, cur = [], None
    for i in range(len(doc.pstart)):
        if doc.pvoice[i] == "boilerplate":
            cur = None
            continue
        p0, p1 = doc.pbody[i], doc.pend[i]
        m = LABEL_RE.match(text, p0, p1) if text.find(":", p0, min(p1, p0 + LABEL_WINDOW)) >= 0 else None
        if m is not None:
            label = m.group(1)
            words = label.replace(".", " ").split()
            low = [w.lower().replace("\u2019", "'") for w in words]
            caps = label.isupper()
            core = [w for w in low if w not in g.roles and w not in ("of", "the")]
            if caps and (any(w in g.question for w in low) and len(words) <= QUESTION_LABEL_MAX_WORDS
                         or 1 <= len(core) <= CORE_MAX_WORDS and all(w not in g.not_speaker for w in core)
                         and (len(core) < len(low) or interview or _person_label(an, m.start(1), m.end(1)))):
                cur = (m.start(1), m.end(1), m.end(1), True)
            elif not caps and len(words) <= LABEL_MAX_WORDS and is_cap(label) \
                    and _person_label(an, m.start(1), m.end(1), True):
                cur = (m.start(1), m.end(1), m.end(1), False)
            else:
                cur = None
            if cur is not None and not cur[3] and doc.headline(p0):
                cur = None  # a sub-heading "Bush: Survive to S.C." or headline "Carter: Russia 'Doomed to Fail'"
            if cur is not None and len(WORD_RE.findall(text, m.end(), p1)) >= 1:
                turns.append((i, m.end(), p1, cur))
            if cur is not None and not cur[3]:
                cur = None  # a title-case label covers its own paragraph only
            continue
        if cur is not None and doc.pvoice[i] == "report":
            turns.append((i, p0, p1, cur))
        elif doc.pvoice[i] != "report":
            cur = None
    return turns


def _caps_labels(an) -> int:
    """How many paragraphs open with an all-caps label of one to three words ("WALLACE:", "MR
    MALONE:"): two or more make an interview transcript, whose labels name speakers even when the
    article names them nowhere else."""
    doc, text = an.doc, an.doc.text
    n = 0
    for i in range(len(doc.pstart)):
        p0, p1 = doc.pbody[i], doc.pend[i]
        if doc.pvoice[i] == "boilerplate" or text.find(":", p0, min(p1, p0 + LABEL_WINDOW)) < 0:
            continue
        m = LABEL_RE.match(text, p0, p1)
        if m is not None and m.group(1).isupper() and len(m.group(1).split()) <= CORE_MAX_WORDS:
            n += 1
    return n


def _person_label(an, s: int, e: int, exact: bool = False) -> bool:
    """Does the label name a person? ``exact``: every word of it is a title or part of that
    person's name ("Sen. Bernie Sanders", not the headline "Clinton Wades In")."""
    name = resolve_span(an, s, e)
    if not name:
        return False
    if exact:
        parts = set(canonical(name).lower().split())
        label = canonical(an.doc.text[s:e]).lower().replace(".", " ").split()
        if not all(w in parts or w in an.g.roles or w in ("of", "the") for w in label):
            return False
    return _actors.is_person(an.article, name, an.aliases)
