"""Is a word part of a proper name or a title? Framing cues and loaded terms read the meaning of a
common word ("justice", "liberty", "security", "savage"); inside a name that meaning is not what the
text talks about ("Justice Smith", "the Department of Justice", "Liberty University", "the Security
Council", "Michael Savage"), so those analyses leave such words out.

A capitalised word is taken as part of a name when one of these holds (word lists from
``data/lexicons/roles.csv`` and ``first_names.csv``):

* ``title``: it is an office title (``office`` rows: Justice, Judge, Senator...) followed by a
  capitalised word: "Justice Smith", "Judge Ruiz";
* ``organisation``: one of the next capitalised words (up to four, with nothing but blanks between
  them) is an organisation word (``org_word`` rows: Council, Department, University, Act...):
  "Security Council", "Liberty University", "Foreign Corrupt Practices Act";
* ``of-name``: it follows a capitalised organisation word and "of" (or "of the"): "Department of
  Justice", "Ministry of Defence";
* ``surname``: it follows a capitalised first name: "Michael Savage", "Ryan Petty".

Never in a line written in title case (a headline: most longer words capitalised, so capitals say
nothing) and never for a word in capitals throughout ("HOAX" is emphasis, not a name). A
capitalised epithet before a first name ("Crooked Hillary") is not a title and stays a word.

>>> text = "Justice Smith told the Security Council that Crooked Hillary lied."
>>> [w for w in ("Justice", "Security", "Crooked") if in_name(text, text.index(w), text.index(w) + len(w))]
['Justice', 'Security']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons

_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_NEXT_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'\u2019-]*)")  # the next word, on the same line, after blanks only
_OF_RE = re.compile(r"([^\W\d_][\w'\u2019-]*)[ \t\u00a0]+of(?:[ \t\u00a0]+the)?[ \t\u00a0]+$")
_PREV_RE = re.compile(r"([^\W\d_][\w'\u2019-]*)[ \t\u00a0]+$")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
TITLE_CASE_SHARE = 0.8  # a line is a headline when at least this share of its words of 4+ letters are capitalised
TITLE_CASE_MIN = 3  # ... and it has at least this many such words
ORG_RUN = 4  # capitalised words looked at after a word for an organisation word ("Foreign Corrupt Practices Act")


@dataclass(frozen=True)
class _Words:
    titles: frozenset  # office titles, as written (one word each; multi-word titles by their last word)
    org_words: frozenset  # organisation words, as written
    first_names: frozenset  # first names, as written


@lru_cache(maxsize=4)
def _words(_stamp) -> _Words:
    roles = lexicons.load("roles")
    titles = frozenset(t.split()[-1] for t in roles[roles.category == "office"].title if t[:1].isupper())
    orgs = frozenset(roles[roles.category == "org_word"].title)
    names = frozenset(n.strip() for n in lexicons.load("first_names").name if n.strip())
    return _Words(titles, orgs, names)


def _stamp() -> tuple:
    d = lexicons.lexicon_dir()
    return tuple((d / f"{n}.csv").stat().st_mtime for n in ("roles", "first_names"))


def words() -> _Words:
    """The word lists the rules read (cached; reloaded when ``roles.csv`` or ``first_names.csv`` change)."""
    return _words(_stamp())


def _line(text: str, start: int) -> tuple[int, int]:
    a = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    b = len(text)
    for sep in ("\n", "\r"):
        k = text.find(sep, start)
        if k >= 0:
            b = min(b, k)
    return a, b


def title_case(line: str) -> bool:
    """True when ``line`` reads as a headline: it does not end as a sentence does (``.``, ``!``,
    ``?``, possibly followed by a closing quote) and most of its words of four letters or more are
    capitalised.

    >>> title_case("Obama Regime Defends Its Disastrous Amnesty Plan"), title_case("The Obama regime said so.")
    (True, False)
    >>> title_case("Senator Smith Met Justice Department Officials.")
    False
    """
    if _SENTENCE_END_RE.search(line):
        return False
    long = [w for w in _WORD_RE.findall(line) if len(w) >= 4]
    caps = sum(1 for w in long if w[0].isupper())
    return len(long) >= TITLE_CASE_MIN and caps >= TITLE_CASE_SHARE * len(long)


def name_rule(text: str, start: int, end: int, lists: _Words | None = None, memo: dict | None = None) -> str:
    """The rule (``title``, ``organisation``, ``of-name``, ``surname``) by which the word
    ``text[start:end]`` is part of a name or title, or ``""`` when it is not (see the module's rules).
    ``lists``: :func:`words` (read once by a caller that asks many times); ``memo``: a dict kept
    across calls on the same text (which lines are headlines).

    >>> t = "Officials at the Department of Justice and Liberty University met Michael Savage."
    >>> [name_rule(t, t.index(w), t.index(w) + len(w)) for w in ("Justice", "Liberty", "Savage", "Officials")]
    ['of-name', 'organisation', 'surname', '']
    """
    word = text[start:end]
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return ""
    a, b = _line(text, start)
    memo = {} if memo is None else memo  # (line start, line end) -> headline or not, for many calls on one text
    head = memo.get((a, b))
    if head is None:
        head = memo[(a, b)] = title_case(text[a:b])
    if head:
        return ""
    w = lists or words()
    nxt = _NEXT_RE.match(text, end, b)
    nxt = nxt.group(1) if nxt else ""
    if nxt[:1].isupper() and not nxt.isupper():
        if word in w.titles:
            return "title"
        run, pos = nxt, end  # the capitalised words after this one: a name when one of them is an organisation word
        for _ in range(ORG_RUN):
            if run in w.org_words:
                return "organisation"
            pos = text.index(run, pos) + len(run)
            m = _NEXT_RE.match(text, pos, b)
            run = m.group(1) if m else ""
            if not run[:1].isupper():
                break
    before = text[max(a, start - 60):start]
    of = _OF_RE.search(before)
    if of and of.group(1) in w.org_words:
        return "of-name"
    prev = _PREV_RE.search(before)
    if prev and prev.group(1) in w.first_names:
        return "surname"
    return ""


def in_name(text: str, start: int, end: int) -> bool:
    """True when the word ``text[start:end]`` is part of a proper name or title (see :func:`name_rule`).

    >>> in_name("Justice Smith wrote the opinion.", 0, 7), in_name("They want justice.", 10, 17)
    (True, False)
    """
    return bool(name_rule(text, start, end))
