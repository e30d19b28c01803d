"""Keyness across N groups: the log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi & Quinn 2008, "Fightin' words", Political Analysis 16(4), eqs. 16-22), each group against
all the others pooled.

For word ``w``, group ``i`` (counts ``y_i``, total ``n_i``) and the rest ``j`` (``y_j``, ``n_j``),
with prior pseudo-counts ``a_w`` summing to ``a0``::

    delta_w = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
    var_w  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: ``a_w = a0 * (pooled count of w) / (pooled total)``, the word's rate in
all the texts compared, so a word is only key when its group uses it more (or less) than the
texts as a whole, by more than its count can explain. ``a0`` (the prior's weight, in words)
defaults to :data:`PRIOR_WORDS`; a larger ``a0`` pulls every group towards the pooled rates and
fewer words come out key. ``|z| >= 1.96`` is flagged ``key``: with hundreds of words tested, some
flags are chance (about one in twenty of words with no real difference), so read a key word with
its counts and its sentences. ``function_word`` marks the words of
``data/lexicons/english_function_words.csv`` ("a", "that", "said"): they are tested like any other
word, but a difference in them says more about style and length of sentences than about what
an outlet chose to say, so the notebook's reading table leaves them out. On the shipped event set
(four articles of 513-807 words, 2,600 in all), ``a0`` = 10, 50, 100, 300 and 1000 words flag 45,
43, 42, 32 and 15 words as key (25, 24, 24, 18 and 10 of them not function words): the flags move
little until the prior outweighs an article; :data:`PRIOR_WORDS` = 100 is a prior weighing about a
sixth of one article.

>>> import numpy as np
>>> delta, var, z = log_odds_dirichlet(np.array([[3, 1], [1, 3]]), prior=np.array([1.0, 1.0]))
>>> round(float(delta[0, 0]), 4), float(var[0, 0]), round(float(z[0, 0]), 4)   # 2 ln 2, 1/4 + 1/2
(1.3863, 0.75, 1.6008)
"""
from __future__ import annotations

import numpy as np

PRIOR_WORDS = 100.0   # the prior's weight a0, in words; see the module docstring
Z_KEY = 1.96


def log_odds_dirichlet(counts: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, variance, z)``, each groups × words: every group (row of ``counts``) against the
    sum of the other rows, with Dirichlet pseudo-counts ``prior`` (one per word, all > 0)."""
    y = np.asarray(counts, dtype=np.float64)
    a = np.asarray(prior, dtype=np.float64)
    if y.ndim != 2 or a.shape != (y.shape[1],):
        raise ValueError("counts must be groups x words and prior one value per word")
    if y.shape[0] < 2:
        raise ValueError("keyness needs at least two groups")
    if (a <= 0).any():
        raise ValueError("every prior pseudo-count must be positive")
    a0 = a.sum()
    n = y.sum(axis=1, keepdims=True)
    rest = y.sum(axis=0, keepdims=True) - y
    n_rest = n.sum() - n
    delta = np.log((y + a) / (n + a0 - y - a)) - np.log((rest + a) / (n_rest + a0 - rest - a))
    var = 1.0 / (y + a) + 1.0 / (rest + a)
    return delta, var, delta / np.sqrt(var)


def informative_prior(counts: np.ndarray, prior_words: float = PRIOR_WORDS) -> np.ndarray:
    """Pseudo-counts ``a_w = prior_words * pooled_w / pooled_total`` (every pooled count > 0)."""
    pooled = np.asarray(counts, dtype=np.float64).sum(axis=0)
    return prior_words * pooled / pooled.sum()


KEYNESS_COLUMNS = ["outlet", "term", "count", "per_1000", "rest_count", "rest_per_1000", "delta", "z", "key",
                   "function_word", "evidence"]
EVIDENCE_PER_TERM = 3


def tokens(article, counted_paragraphs) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of every word (lower-cased :data:`analysis.resources.WORD_RE` match)
    in the given paragraphs of ``article`` (indexes into ``article.paragraphs``)."""
    from ..resources import WORD_RE

    starts, ends = article.column("paragraphs", "start"), article.column("paragraphs", "end")
    return [(m.group().lower(), m.start(), m.end()) for p in counted_paragraphs
            for m in WORD_RE.finditer(article.text, starts[p], ends[p])]


def keyness_table(groups, paragraphs, prior_words: float = PRIOR_WORDS, min_count: int = 2):
    """Every group's words against the other groups' (:func:`log_odds_dirichlet` with
    :func:`informative_prior`): one row per group and word used at least ``min_count`` times in
    all the texts, sorted by group, then ``z`` (largest first). ``evidence`` holds the word's
    first occurrences in the group (``article``, ``start``, ``end``)."""
    import pandas as pd

    from .. import lexicons

    function_words = frozenset(lexicons.load("english_function_words").word.str.lower())
    counted = paragraphs[paragraphs.counted]
    vocab: dict[str, int] = {}
    rows, where = [], []
    for g in groups:
        seen: dict[str, list] = {}
        for a in g.articles:
            ps = counted.paragraph[(counted.outlet == g.name) & (counted.article == a.name)].tolist()
            for w, s, e in tokens(a, ps):
                vocab.setdefault(w, len(vocab))
                seen.setdefault(w, []).append((a.name, s, e))
        where.append(seen)
    counts = np.zeros((len(groups), len(vocab)))
    for i, seen in enumerate(where):
        for w, occ in seen.items():
            counts[i, vocab[w]] = len(occ)
    delta, _, z = log_odds_dirichlet(counts, informative_prior(counts, prior_words))
    words = np.array(list(vocab), dtype=object)
    totals = counts.sum(axis=1)
    keep = counts.sum(axis=0) >= min_count
    for i, g in enumerate(groups):
        rest = counts.sum(axis=0) - counts[i]
        n_rest = totals.sum() - totals[i]
        for j in np.flatnonzero(keep):
            w = words[j]
            ev = [{"article": a, "start": s, "end": e} for a, s, e in where[i].get(w, [])[:EVIDENCE_PER_TERM]]
            rows.append((g.name, w, int(counts[i, j]), 1000 * counts[i, j] / max(1, totals[i]), int(rest[j]),
                         1000 * rest[j] / max(1, n_rest), delta[i, j], z[i, j], bool(abs(z[i, j]) >= Z_KEY),
                         w in function_words, ev))
    t = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    for c in ("per_1000", "rest_per_1000", "delta", "z"):
        t[c] = t[c].astype("float64").round(3)
    order = {g.name: k for k, g in enumerate(groups)}
    t = t.sort_values(["outlet", "z", "term"], kind="mergesort",
                      key=lambda c: c.map(order) if c.name == "outlet" else -c if c.name == "z" else c)
    return t.reset_index(drop=True)
