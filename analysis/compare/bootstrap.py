"""Seeded cluster bootstrap for ratios (shares, rates, mean tones) and their differences.

Every figure of a comparison is a ratio of sums over an outlet's resampling units: a speaker's
quoted words over all quoted words, loaded terms over words, the summed tone over the number of
mentions. The units are paragraphs (a cluster bootstrap: the items within one paragraph are not
independent, one quotation, one speaker, one topic, while paragraphs are closer to being so), or
the sentences of an article with too few paragraphs (:func:`analysis.compare.measures.resampling_units`
chooses). Each outlet's units (pooled over its articles) are drawn with replacement ``rounds``
times; the 95% interval is the 2.5th and 97.5th percentile of the resampled ratios, and the
interval of a difference between two outlets comes from pairing their independent draws.

Deterministic: an outlet's draws are seeded by :data:`SEED` and the outlet's name (CRC-32), so the
same input gives the same intervals, and adding a third outlet leaves the first two unchanged.

>>> import numpy as np
>>> d = Draws.for_group("a", 3, rounds=4)
>>> d.weights.sum(axis=1).tolist()          # each round draws as many units as there are
[3.0, 3.0, 3.0, 3.0]
>>> est, lo, hi, boot = ratio(np.array([[1.], [1.], [0.]]), np.array([[2.], [2.], [2.]]), Draws.for_group("a", 3))
>>> round(float(est[0]), 3), bool(0 <= lo[0] <= est[0] <= hi[0] <= 0.5)
(0.333, True)
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

SEED = 20160809          # fixed: intervals are reproducible
ROUNDS = 2000
LEVEL = 0.95


@dataclass(frozen=True)
class Draws:
    """``weights[b, p]``: how often unit ``p`` (a paragraph or a sentence) is drawn in round ``b``."""

    weights: np.ndarray

    @classmethod
    def for_group(cls, name: str, n_units: int, rounds: int = ROUNDS, seed: int = SEED) -> "Draws":
        rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
        w = np.zeros((rounds, max(0, n_units)), dtype=np.float64)
        if n_units > 0:
            idx = rng.integers(0, n_units, size=(rounds, n_units))
            np.add.at(w, (np.repeat(np.arange(rounds), n_units), idx.ravel()), 1.0)
        return cls(w)


def _bounds(boot: np.ndarray, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval over axis 0, ignoring rounds where the ratio is undefined."""
    q = (1 - level) / 2 * 100
    out_lo = np.full(boot.shape[1:], np.nan)
    out_hi = np.full(boot.shape[1:], np.nan)
    ok = ~np.isnan(boot)
    enough = ok.sum(axis=0) >= max(2, boot.shape[0] // 2)  # defined in at least half the rounds
    if enough.any():
        sub = boot[:, enough]
        out_lo[enough] = np.nanpercentile(sub, q, axis=0)
        out_hi[enough] = np.nanpercentile(sub, 100 - q, axis=0)
    return out_lo, out_hi


def ratio(num: np.ndarray, den: np.ndarray, draws: Draws, level: float = LEVEL):
    """``(estimate, low, high, boot)`` of ``sum(num) / sum(den)`` per column.

    ``num`` is units × keys; ``den`` units × keys or units × 1. The estimate is NaN
    where the denominator sums to zero; ``boot`` (rounds × keys) holds the resampled ratios (NaN
    in rounds that drew no denominator)."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = num.sum(axis=0) / np.broadcast_to(den.sum(axis=0), num.shape[1:])
        top, bottom = draws.weights @ num, draws.weights @ den
        boot = np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), np.nan)
    est = np.where(np.broadcast_to(den.sum(axis=0), num.shape[1:]) > 0, est, np.nan)
    lo, hi = _bounds(boot, level)
    return est, lo, hi, boot


def difference(boot_a: np.ndarray, boot_b: np.ndarray, level: float = LEVEL):
    """``(low, high, p)`` of ``a - b`` from two outlets' independent resampled ratios: the
    percentile interval, and a two-sided bootstrap p-value, ``2 * min(P(d <= 0), P(d >= 0))`` over
    the rounds where both are defined (ties at zero count against a difference)."""
    d = boot_a - boot_b
    lo, hi = _bounds(d, level)
    ok = ~np.isnan(d)
    n = np.maximum(ok.sum(axis=0), 1)
    with np.errstate(invalid="ignore"):
        below = np.where(ok, d <= 0, False).sum(axis=0) / n
        above = np.where(ok, d >= 0, False).sum(axis=0) / n
    p = np.clip(2 * np.minimum(below, above), 1.0 / n, 1.0)  # no finer than the rounds can tell
    return lo, hi, np.where(np.isnan(lo), np.nan, p)


def false_discovery(p) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q) of ``p`` (NaN stays NaN): a difference with
    ``q <= .05`` still stands when every difference of the table is tested at once.

    >>> false_discovery([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if len(ok):
        order = ok[np.argsort(p[ok], kind="mergesort")]
        ranked = p[order] * len(ok) / np.arange(1, len(ok) + 1)
        q[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    return q
