"""Compare coverage: one event told by several outlets, and two versions of one article.

Its job is to put the suite's per-article analyses (``analysis.quotes``, ``analysis.actors``,
``analysis.sentiment``, ``analysis.framing``, ``analysis.loaded``) side by side and to say which
differences are more than noise, every figure leading back to the words that produced it:

* :func:`compare` (``python -m analysis compare A B [C ...]``): share of voice by speaker and speaker
  type, what each outlet calls each actor, frames, loaded terms, hedges and reporting verbs, tone
  toward each actor, each figure per outlet with a seeded bootstrap interval (paragraphs resampled,
  or sentences in an article with fewer than three paragraphs) and every pairwise difference with
  its interval; keyness across N outlets (log-odds with an informative Dirichlet
  prior). Modules: :mod:`.inputs` (what is compared), :mod:`.units` (the evidence, with offsets),
  :mod:`.bootstrap`, :mod:`.measures`, :mod:`.keyness`, :mod:`.naming`, :mod:`.tables`.
* :func:`diff` (``python -m analysis diff OLD NEW``): paragraphs aligned, inserted / deleted /
  changed paragraphs, changed attribution verbs, loaded terms and labels added or removed, and how
  each change moves the figures of each voice (:mod:`.diff`).
* :mod:`.charts`: the figures of ``notebooks/06_compare.ipynb``.

>>> t = compare(["data/compare/ipcc-1.5c-report-2018-10-08"], rounds=200)
>>> t["inputs"].outlet.tolist()
['HuffPost', 'NPR', 'PoliticusUSA (Reuters)', 'The Daily Caller']
>>> t["inputs"].unit.tolist()      # stored without paragraph breaks: their sentences are resampled
['sentence', 'sentence', 'sentence', 'sentence']
>>> d = diff("data/compare/versions/rt-2015-lavrov-kerry-syria.without-comments.txt",
...          "data/raw/rt-2015-lavrov-kerry-syria.txt")
>>> d["changes"][["op", "new_voice"]].values.tolist()
[['inserted', 'editorial'], ['inserted', 'editorial']]
"""
from __future__ import annotations

from .bootstrap import Draws, ratio
from .diff import align, diff_versions
from .inputs import Group, read_groups
from .keyness import informative_prior, keyness_table, log_odds_dirichlet
from .tables import compare, compare_groups, diff, write

__all__ = ["Draws", "Group", "align", "compare", "compare_groups", "diff", "diff_versions", "informative_prior",
           "keyness_table", "log_odds_dirichlet", "ratio", "read_groups", "write"]
