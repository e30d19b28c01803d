"""Offline NLP resources, all in one place: nothing is downloaded, ever.

* VADER: nltk's ``SentimentIntensityAnalyzer`` with the lexicon that ships inside the installed
  ``vaderSentiment`` wheel. NLTK 3.10 refuses absolute ``file:`` paths, so the wheel's folder is
  put on ``nltk.data.path`` and the lexicon is loaded by its relative resource name.
* Punkt: a ``PunktSentenceTokenizer`` built in code from ``PunktParameters`` with the abbreviations
  in ``data/lexicons/abbreviations.csv`` (no pickled model needed).
* Words: a regular-expression tokenizer with character offsets (no ``punkt_tab`` download needed).

>>> from analysis import resources
>>> round(resources.vader().polarity_scores("A grave mistake.")["compound"], 3) < 0
True
>>> [m.group() for m in resources.WORD_RE.finditer("anti-ISIS strikes, Lavrov's U.S. view")]
['anti-ISIS', 'strikes', "Lavrov's", 'U.S', 'view']
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nltk
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from . import lexicons

# A word: letters/digits with inner apostrophes, hyphens, periods (U.S., don't, anti-ISIS, 220,000).
WORD_RE = re.compile(r"[^\W_]\w*(?:['\u2019.,\-][^\W_]\w*)*", re.UNICODE)


@lru_cache(maxsize=None)
def vader_lexicon_root() -> str:
    """The folder that holds ``vaderSentiment/vader_lexicon.txt``, added to ``nltk.data.path``."""
    import vaderSentiment  # the wheel carries the lexicon (MIT licence)

    root = str(Path(vaderSentiment.__file__).resolve().parent.parent)
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)
    return root


@lru_cache(maxsize=None)
def vader():
    """nltk's VADER analyser, built offline from the ``vaderSentiment`` wheel's lexicon (cached)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    vader_lexicon_root()
    return SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")


@lru_cache(maxsize=None)
def punkt() -> PunktSentenceTokenizer:
    """A Punkt sentence splitter built from parameters in code (cached)."""
    params = PunktParameters()
    params.abbrev_types = set(lexicons.load("abbreviations").abbreviation.str.strip().str.lower())
    return PunktSentenceTokenizer(params)


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets: ``[(start, end, token)]``; ``text[start:end] == token``.

    >>> words("Kerry said: 'no.'")
    [(0, 5, 'Kerry'), (6, 10, 'said'), (13, 15, 'no')]
    """
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
