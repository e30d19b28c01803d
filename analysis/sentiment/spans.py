"""An index over character spans, so that the article view finds the spans holding or touching a
position by bisection instead of pairing every span with every other (time stays linear in the
article's length when spans overlap little, as utterances and sentences do)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate


class SpanIndex:
    """Spans ``(start, end, payload)`` sorted by start, with the running maximum of their ends.

    >>> ix = SpanIndex([(0, 10, "a"), (2, 4, "b"), (12, 20, "c")])
    >>> sorted(ix.containing(3, 4)), list(ix.overlapping(9, 13))
    (['a', 'b'], [(0, 10, 'a'), (12, 20, 'c')])
    """

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _, _ in self.spans]
        self.reach = list(accumulate((e for _, e, _ in self.spans), max))  # max end of spans[0..j]

    def containing(self, start: int, end: int):
        """The payloads of the spans with ``span_start <= start`` and ``end <= span_end``."""
        j = bisect_right(self.starts, start) - 1
        reach, spans = self.reach, self.spans
        while j >= 0 and reach[j] >= end:
            s, e, payload = spans[j]
            if e >= end:
                yield payload
            j -= 1

    def overlapping(self, lo: int, hi: int):
        """The spans (in start order) that share a character with ``[lo, hi)``."""
        j = bisect_right(self.reach, lo)  # the first span whose reach passes lo
        spans = self.spans
        while j < len(spans) and spans[j][0] < hi:
            if spans[j][1] > lo:
                yield spans[j]
            j += 1


def sentence_pieces(spans, starts: list, sentences: list) -> list:
    """Cut ``spans`` at the boundaries of ``sentences`` (sorted, non-overlapping ``(start, end)``
    with their ``starts``): ``[(start, end, sentence start, sentence end)]``.

    >>> sentence_pieces([(3, 12)], [0, 5, 10], [(0, 5), (5, 10), (10, 15)])
    [(3, 5, 0, 5), (5, 10, 5, 10), (10, 12, 10, 15)]
    """
    out = []
    for a, b in spans:
        i = max(0, bisect_left(starts, a) - 1)
        while i < len(sentences) and sentences[i][0] < b:
            s0, s1 = sentences[i]
            if s1 > a:
                out.append((max(a, s0), min(b, s1), s0, s1))
            i += 1
    return out
