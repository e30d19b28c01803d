"""Seeded percentile bootstrap for the per-speaker intervals: resample a speaker's units, take the
95% percentile interval of the mean and of the word-weighted mean (the same numbers as the plain
numpy formulation, computed for many speakers at once)."""
from __future__ import annotations

import math
import zlib

import numpy as np

BOOTSTRAP_SEED = 20150917
BOOTSTRAP_ROUNDS = 2000
BOOTSTRAP_PERCENTILES = (2.5, 97.5)  # a 95% percentile interval


def bootstrap(values, weights, seed: int):
    """Percentile 95% intervals of the mean and the weighted mean (resampling units); NaN for one unit."""
    return bootstrap_many([(values, weights, seed)])[0]


DRAWS_MEMO_CELLS = 2_000_000  # the most resample indices kept (int32: 8 MB) before the memo starts again
_DRAWS: dict = {}


def _draws(seed: int, n: int) -> np.ndarray:
    """The bootstrap's resample indices for ``n`` units and ``seed``, laid out position by position
    (one row per position in the resample, one column per round; ``int32``): the draws of
    ``default_rng(seed).integers(0, n, (BOOTSTRAP_ROUNDS, n))``, transposed.

    They depend on nothing but ``seed`` (from the speaker's name) and ``n``, so they are kept in a
    bounded memo: a corpus meets the same voices and recurring speakers with the same counts
    again and again.

    >>> d = _draws(7, 3)
    >>> d.shape, bool((d.T == np.random.default_rng(7).integers(0, 3, size=(BOOTSTRAP_ROUNDS, 3))).all())
    ((3, 2000), True)
    """
    d = _DRAWS.get((seed, n))
    if d is None:
        d = np.random.default_rng(seed).integers(0, n, size=(BOOTSTRAP_ROUNDS, n))
        d = np.ascontiguousarray(d.T, dtype=np.int32)
        d.flags.writeable = False  # shared through the memo
        if d.size <= DRAWS_MEMO_CELLS // 16:  # only samples of a modest size are kept
            if sum(x.size for x in _DRAWS.values()) + d.size > DRAWS_MEMO_CELLS:
                _DRAWS.clear()  # bounded: memory stays flat over a long corpus
            _DRAWS[(seed, n)] = d
    return d


def _percentiles(rows: np.ndarray) -> np.ndarray:
    """``np.percentile(rows, BOOTSTRAP_PERCENTILES, axis=1)`` (numpy's default "linear" method,
    the same numbers) for finite rows, from two one-point partitions of each row instead of
    numpy's one six-point partition (numpy partitions by one index with SIMD code, by several
    without: under a third of the time here). The lower bound needs the order statistics k and
    k+1 near the bottom, the upper one j and j+1 near the top; a partition at k+1 leaves k as the
    largest value below it, one at j leaves j+1 as the smallest value above it. ``rows`` is
    partitioned in place.

    >>> r = np.random.default_rng(0).random((3, BOOTSTRAP_ROUNDS))
    >>> bool((_percentiles(r.copy()) == np.percentile(r, BOOTSTRAP_PERCENTILES, axis=1)).all())
    True
    """
    n = rows.shape[1]
    virtual = (n - 1) * np.true_divide(BOOTSTRAP_PERCENTILES, 100)  # numpy's virtual indexes
    prev = np.floor(virtual)
    gamma = (virtual - prev).reshape(2, 1)
    k, j = int(prev[0]), int(prev[1])
    if not (0 <= k and k + 1 < j and j + 1 < n) or not np.isfinite(rows).all():
        return np.percentile(rows, BOOTSTRAP_PERCENTILES, axis=1)
    low = rows.copy()  # numpy partitions by one index far faster (SIMD) than by several
    low.partition(k + 1, axis=1)
    rows.partition(j, axis=1)
    a = np.stack([low[:, :k + 1].max(axis=1), rows[:, j]])
    b = np.stack([low[:, k + 1], rows[:, j + 1:].min(axis=1)])
    diff = b - a  # numpy's _lerp, step for step
    out = np.add(a, diff * gamma)
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def bootstrap_many(samples) -> list:
    """:func:`bootstrap` for several ``(values, weights, seed)`` at once: each is resampled with
    its own seeded draws, and the percentiles of all of them come from one partition of the
    stacked bootstrap means (the same numbers as one ``np.percentile`` call per array, a fraction
    of numpy's per-call cost)."""
    out = [((math.nan, math.nan), (math.nan, math.nan))] * len(samples)
    stacked, where = [], []
    for k, (values, weights, seed) in enumerate(samples):
        v = np.asarray(values, dtype=float)
        w = np.asarray(weights, dtype=float)
        if len(v) < 2:
            continue
        # round r draws column r of `it`; with the draws laid out position by position each
        # round's sum is n vector additions over axis 0, left to right, without numpy's per-row
        # overhead. numpy sums a row of 8 or more pairwise: the bounds can differ from a per-round
        # sum in the last bits
        it = _draws(seed, len(v))
        vi, ww = v.take(it), w.take(it)
        means = vi.sum(axis=0) / len(v)
        tot = ww.sum(axis=0)
        wsum = (vi * ww).sum(axis=0)
        if tot.min() > 0:
            wmeans = wsum / tot
        else:
            wmeans = np.where(tot > 0, wsum / np.where(tot > 0, tot, 1), means)
        stacked += [means, wmeans]
        where.append(k)
    if where:
        lo, hi = _percentiles(np.stack(stacked)).tolist()
        for j, k in enumerate(where):
            out[k] = ((lo[2 * j], hi[2 * j]), (lo[2 * j + 1], hi[2 * j + 1]))
    return out


def seed_of(name: str) -> int:
    """The bootstrap seed of a speaker: fixed per name, so a table is the same on every run."""
    return BOOTSTRAP_SEED ^ zlib.crc32(name.encode("utf-8"))
