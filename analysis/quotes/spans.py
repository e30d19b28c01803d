"""Indexes over spans and offsets, so that the rules ask "does any utterance taken so far cover this
offset / cross this one / lie inside this span?" in logarithmic time instead of comparing every new
utterance with every utterance already taken (which made long texts quadratic).
"""
from __future__ import annotations

import bisect

_INF = float("inf")


class Spans:
    """Half-open spans ``[a, b)`` added one by one; every start ever added must be among the
    ``starts`` given to the constructor (they make the coordinates of two Fenwick trees: the largest
    end among spans starting at or before a point, and the smallest end among spans starting at or
    after it).

    >>> s = Spans([0, 10, 30])
    >>> s.add(10, 20)
    >>> s.covers(15), s.covers(20), s.crosses(12), s.crosses(10), s.inside(5, 25), s.inside(11, 25)
    (True, False, True, False, True, False)
    """

    def __init__(self, starts):
        self.xs = sorted(set(starts))
        n = len(self.xs)
        self._max_end = [-1] * (n + 1)  # prefix maximum of ends, by start
        self._min_end = [_INF] * (n + 1)  # suffix minimum of ends, by start (indices reversed)

    def add(self, a: int, b: int) -> None:
        """Add the span ``[a, b)`` (``a`` must be one of the constructor's ``starts``)."""
        n = len(self.xs)
        i = bisect.bisect_left(self.xs, a) + 1
        tree = self._max_end
        while i <= n:
            if b > tree[i]:
                tree[i] = b
            i += i & -i
        i = n - bisect.bisect_left(self.xs, a)
        tree = self._min_end
        while i <= n:
            if b < tree[i]:
                tree[i] = b
            i += i & -i

    def _max_end_upto(self, x: int):
        """The largest end among spans starting at or before ``x`` (-1 when none)."""
        i = bisect.bisect_right(self.xs, x)
        out, tree = -1, self._max_end
        while i > 0:
            if tree[i] > out:
                out = tree[i]
            i -= i & -i
        return out

    def _min_end_from(self, x: int):
        """The smallest end among spans starting at or after ``x`` (infinity when none)."""
        i = len(self.xs) - bisect.bisect_left(self.xs, x)
        out, tree = _INF, self._min_end
        while i > 0:
            if tree[i] < out:
                out = tree[i]
            i -= i & -i
        return out

    def covers(self, p: int) -> bool:
        """Does a span hold offset ``p`` (``a <= p < b``)?"""
        return self._max_end_upto(p) > p

    def crosses(self, x: int) -> bool:
        """Does a span run across offset ``x`` (``a < x < b``)?"""
        return self._max_end_upto(x - 1) > x

    def inside(self, s: int, e: int) -> bool:
        """Does a span lie inside ``[s, e)`` (``s <= a`` and ``b <= e``)?"""
        return self._min_end_from(s) <= e


class Offsets:
    """A sorted multiset of offsets with insertion and "any in ``[lo, hi)``?" in logarithmic time
    (plus the cost of moving the list's tail on insertion, done by the list in C).

    >>> o = Offsets([5, 1])
    >>> o.add(9)
    >>> o.any_in(2, 6), o.any_in(6, 9)
    (True, False)
    """

    def __init__(self, offsets=()):
        self.xs = sorted(offsets)

    def add(self, x: int) -> None:
        bisect.insort(self.xs, x)

    def any_in(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.xs, lo)
        return i < len(self.xs) and self.xs[i] < hi
