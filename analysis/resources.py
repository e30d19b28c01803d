"""Offline NLP resources, all in one place: nothing is downloaded, ever.

* VADER: :func:`vader` is nltk's ``SentimentIntensityAnalyzer`` vendored in
  :mod:`analysis._vendor.vader` (same scores; a faster tokenizer and valence loop; the lexicon that
  ships inside the installed ``vaderSentiment`` wheel). :func:`nltk_vader` is nltk's own class as
  published, built offline from the same lexicon (the tests' reference and the benchmarks' "bare
  VADER"): NLTK 3.10 refuses absolute ``file:`` paths, so the wheel's folder is put on
  ``nltk.data.path`` and the lexicon is loaded by its relative resource name.
* Punkt: nltk's ``PunktSentenceTokenizer`` as published, built in code from ``PunktParameters``
  with the abbreviations in ``data/lexicons/abbreviations.csv`` (no pickled model needed).
* Words: a regular-expression tokenizer with character offsets (no ``punkt_tab`` download needed).

>>> from analysis import resources
>>> round(resources.vader().polarity_scores("A grave mistake.")["compound"], 3) < 0
True
>>> [m.group() for m in resources.WORD_RE.finditer("anti-ISIS strikes, Lavrov's U.S. view")]
['anti-ISIS', 'strikes', "Lavrov's", 'U.S', 'view']
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

import nltk
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from . import lexicons

MEMO_WORDS = 200_000  # the most words a per-word memo keeps before it starts again

# A word: letters/digits with inner apostrophes, hyphens, periods (U.S., don't, anti-ISIS, 220,000).
WORD_RE = re.compile(r"[^\W_]\w*(?:['\u2019.,\-][^\W_]\w*)*", re.UNICODE)
WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})", WORD_RE.flags)  # WORD_RE as one group: see token_spans


@lru_cache(maxsize=None)
def vader_lexicon_root() -> str:
    """The folder that holds ``vaderSentiment/vader_lexicon.txt``, added to ``nltk.data.path``."""
    import vaderSentiment  # the wheel carries the lexicon (MIT licence)

    root = str(Path(vaderSentiment.__file__).resolve().parent.parent)
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)
    return root


@lru_cache(maxsize=None)
def nltk_vader():
    """nltk's own VADER analyser, unmodified, built offline from the ``vaderSentiment`` wheel's
    lexicon (cached). The reference for :func:`vader` and the benchmarks' "bare VADER"."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    vader_lexicon_root()
    return SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")


@lru_cache(maxsize=None)
def vader():
    """The VADER analyser the suite scores with (cached): nltk's ``SentimentIntensityAnalyzer``
    vendored in :mod:`analysis._vendor.vader` (nltk's scores, a faster tokenizer and valence
    loop), with the lexicon from the ``vaderSentiment`` wheel.

    >>> vader().polarity_scores("Not bad, but GREAT!") == nltk_vader().polarity_scores("Not bad, but GREAT!")
    True
    """
    from ._vendor.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=None)
def punkt() -> PunktSentenceTokenizer:
    """nltk's Punkt sentence splitter as published, built from ``PunktParameters`` whose
    abbreviations come from ``data/lexicons/abbreviations.csv`` (no pickled model needed; cached).

    >>> list(punkt().span_tokenize("Mr. Lavrov left. J. Kerry stayed (at 5 p.m.). Yes."))
    [(0, 16), (17, 45), (46, 50)]
    """
    params = PunktParameters()
    params.abbrev_types = set(lexicons.load("abbreviations").abbreviation.str.strip().str.lower())
    return PunktSentenceTokenizer(params)


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets: ``[(start, end, token)]``; ``text[start:end] == token``.

    >>> words("Kerry said: 'no.'")
    [(0, 5, 'Kerry'), (6, 10, 'said'), (13, 15, 'no')]
    """
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def token_spans(text: str, split_re=None) -> tuple[list, list, list]:
    """The tokens of ``text`` with their offsets as three lists: tokens, starts, ends. ``split_re``
    (default :data:`WORD_SPLIT_RE`) is a token pattern wrapped in one capturing group, so that
    ``split_re.split(text)`` alternates gaps and tokens (the same matches as ``finditer`` of the bare
    pattern) and the offsets are the running sums of the pieces' lengths: no match object per token.

    >>> token_spans("Lavrov\u2019s anti-ISIS plan")
    (['Lavrov’s', 'anti-ISIS', 'plan'], [0, 9, 19], [8, 18, 23])
    """
    pieces = (split_re or WORD_SPLIT_RE).split(text)
    offsets = list(itertools.accumulate(map(len, pieces)))
    return pieces[1::2], offsets[0:-1:2], offsets[1::2]
