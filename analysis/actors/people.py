"""The people and mentions found in an article: :class:`_Person` (a name, its roles, gender and
organisation), :class:`_Mention` (a span naming an actor) and :class:`_Overlaps` (the mentions placed
so far: no two overlap).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

OVERLAP_NEIGHBOURS = 8  # mentions looked at before a span for an overlap (mentions never overlap each other)


@dataclass(slots=True)
class _Person:
    name_tokens: tuple
    canonical: str
    role: str = ""
    role_heads: set = field(default_factory=set)
    role_words: set = field(default_factory=set)
    role_sets: list = field(default_factory=list)  # one (heads, words) per role phrase seen
    gender: str = ""
    gender_source: str = ""
    organisation: str = ""
    n_full: int = 0
    first: int = 0
    curated: bool = False

    @property
    def surname(self) -> str:
        return self.name_tokens[-1]

    @property
    def first_name(self) -> str:
        return self.name_tokens[0] if len(self.name_tokens) > 1 else ""


def _find_person(persons, by_surname, words, gender, formal=None):
    """The person already found with the surname of ``words`` whose first name is the same, an initial
    of it, or the same given name in a short form (``formal``: Jim -> James)."""
    cands = by_surname.get(words[-1], [])
    first = words[0]
    formal = formal or {}
    for p in cands:
        pf = p.first_name
        if not pf or pf == first or (len(first) == 2 and first.endswith(".") and pf.startswith(first[0])) \
                or (len(pf) == 2 and pf.endswith(".") and first.startswith(pf[0])) \
                or formal.get(pf, pf) == formal.get(first, first):
            if gender and p.gender and p.gender != gender:
                continue
            return p
    return None


def _pick_person(cands, gender, pos):
    if gender:
        cands = [p for p in cands if not p.gender or p.gender == gender] or []
    if not cands:
        return None
    return sorted(cands, key=lambda p: (-p.n_full, p.first))[0]


@dataclass(slots=True)
class _Mention:
    actor: str
    kind: str
    start: int
    end: int
    how: str
    modifier: tuple = None  # (start, end); (-1, -1) = none; None = not computed yet
    person: object = None


class _Overlaps:
    """The mentions placed so far, sorted by start (with their ends alongside: a mention's span never
    changes once placed); an overlap is looked for among the eight mentions starting last before the
    end of the span asked about."""

    def __init__(self):
        self.starts, self.ends, self.items = [], [], []

    def overlaps(self, s, e):
        i = bisect.bisect_left(self.starts, e)  # every mention before i starts before e
        if not i:
            return []
        ends, lo = self.ends, max(0, i - OVERLAP_NEIGHBOURS)
        return [self.items[j] for j in range(lo, i) if s < ends[j]]

    def hit(self, s, e) -> bool:
        """``bool(self.overlaps(s, e))`` without building the list."""
        i = bisect.bisect_left(self.starts, e)
        ends = self.ends
        for j in range(i - 1, max(0, i - OVERLAP_NEIGHBOURS) - 1, -1):
            if s < ends[j]:
                return True
        return False

    def add(self, m):
        i = bisect.bisect_right(self.starts, m.start)
        self.starts.insert(i, m.start)
        self.ends.insert(i, m.end)
        self.items.insert(i, m)

    def remove(self, m):
        i = bisect.bisect_left(self.starts, m.start)
        while self.items[i] is not m:
            i += 1
        del self.starts[i], self.ends[i], self.items[i]


