"""Sentence scores: normalisation, VADER, TextBlob's pattern polarity, the learned word table and
the headline ``score`` of :func:`score_sentences`.

>>> df = score_sentences(["It isn\u2019t good.", "A great day.", ""])
>>> list(df.columns)
['vader', 'textblob', 'subjectivity', 'score']
>>> [bool(x < 0) for x in df.vader]
[True, False, False]
>>> float(df.score.iloc[2])
0.0
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import resources
from .lexicon import negators, shifters, weights, word_weights

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "\u02bc": "'",
    "\uff07": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\uff02": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


def normalise(text) -> str:
    """Text ready for the lexicons: curly quotes/apostrophes straight, no-break spaces plain (same
    length, so offsets still hold); ``None``/NaN become ``""`` and other objects their ``str``.

    >>> normalise("Lavrov\u2019s \u201cupside-down\u201d logic")
    'Lavrov\\'s "upside-down" logic'
    >>> normalise(None)
    ''
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    if not isinstance(text, str):
        text = str(text)
    return text.translate(_QUOTES)


@lru_cache(maxsize=None)
def _pattern():
    """TextBlob's pattern sentiment: ``textblob.en.sentiment``, the callable TextBlob's public
    ``PatternAnalyzer`` calls (``text -> (polarity, subjectivity)``), called directly because
    ``PatternAnalyzer.analyze`` builds a new namedtuple class on every call. The lexicon is loaded
    here, once."""
    from textblob.en import sentiment as pattern_sentiment

    pattern_sentiment("good")
    return pattern_sentiment


_WORD_FINDALL = resources.WORD_RE.findall
SENTENCE_FEATURES = ("vader", "vader_pos", "vader_neg", "textblob", "subjectivity", "shifted")
NEGATION_SCOPE = 3


@lru_cache(maxsize=1 << 16)
def _stem_word(w: str) -> str:
    return _porter().stem(w)


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def _terms(ws, neg) -> set:
    """The learned word table's terms of a sentence's lower-case tokens: Porter stems, prefixed
    ``not_`` within three tokens after a negator, plus the bigrams of consecutive terms."""
    st = []
    k = 0
    stem = _stem_word
    for w in ws:
        if w in neg:
            k = NEGATION_SCOPE
            st.append(stem(w))
            continue
        st.append("not_" + stem(w) if k > 0 else stem(w))
        k -= 1
    out = set(st)
    out.update(a + " " + b for a, b in zip(st, st[1:]))
    return out


_STEMS: dict = {}  # lower-case word -> (Porter stem, "not_" + stem): per word, shared across texts
_BIGRAMS: dict = {}  # id(word table) -> (the table, {first term: {second term: weight}})


def _term_weight_sum(ws, neg, words: dict) -> float:
    """``math.fsum(words.get(t, 0.0) for t in _terms(ws, neg))`` without building every bigram:
    the same distinct terms found in the table (unigrams, then the bigrams of consecutive terms
    looked up through a first-term index), summed exactly (so in any order)."""
    st = []
    k = 0
    stems = _STEMS
    for w in ws:
        pair = stems.get(w)
        if pair is None:
            if len(stems) >= resources.MEMO_WORDS:  # bounded: memory stays flat over a long corpus
                stems.clear()
            x = _stem_word(w)
            pair = stems[w] = (x, "not_" + x)
        if w in neg:
            k = NEGATION_SCOPE
            st.append(pair[0])
            continue
        st.append(pair[1] if k > 0 else pair[0])
        k -= 1
    hit = _BIGRAMS.get(id(words))
    if hit is None or hit[0] is not words:
        index: dict = {}
        for term in words:
            a, sep, b = term.partition(" ")
            if sep and " " not in b:
                index.setdefault(a, {})[b] = term
        hit = _BIGRAMS[id(words)] = (words, index)
    index = hit[1]
    vals = [words[t] for t in set(st) if t in words]
    pairs = None
    for a, b in zip(st, st[1:]):
        nxt = index.get(a)
        if nxt is not None:
            term = nxt.get(b)
            if term is not None:
                if pairs is None:
                    pairs = set()
                pairs.add(term)
    if pairs:
        vals.extend(words[t] for t in pairs)
    return math.fsum(vals)


def terms(text) -> set:
    """The terms :func:`score_sentences` looks up in the learned word table
    (``data/lexicons/sentiment_words.csv``): Porter stems of the lower-case ``resources.WORD_RE``
    tokens, ``not_``-prefixed within three tokens after a negator (``sentiment_negators.csv``),
    and bigrams of consecutive terms.

    >>> sorted(terms("Not good, really."))
    ['not', 'not not_good', 'not_good', 'not_good not_realli', 'not_realli']
    """
    return _terms(_WORD_FINDALL(normalise(text).lower()), negators())


@lru_cache(maxsize=None)
def vader_tables():
    """VADER's lexicon (``{token: valence}``) and its negation words."""
    v = resources.vader()
    return v.lexicon, frozenset(v.constants.NEGATE)


def shifted(ws, lex, shift) -> float:
    """Sum of -valence over the negative VADER words that follow a valence shifter within three words."""
    out = 0.0
    for i, w in enumerate(ws):
        v = lex.get(w)
        if v is not None and v < 0 and i:
            for x in ws[max(0, i - 3):i]:
                if x in shift:
                    out -= v
                    break
    return out


def sentence_features(texts) -> pd.DataFrame:
    """The raw features behind :func:`score_sentences` (normalised text): VADER compound, pos and
    neg proportions, TextBlob polarity and subjectivity, ``shifted`` (the valence of negative VADER
    words after a valence shifter, sign flipped: "fight terrorism" adds 3.6) and ``words`` (the
    summed weights of the learned word table ``sentiment_words`` over the sentence's distinct
    :func:`terms`: Porter stems, ``not_``-scoped after a negator, and bigrams).

    >>> f = sentence_features(["A grave mistake.", "They fight terrorism."])
    >>> f[["vader", "vader_neg", "shifted"]].round(3).values.tolist()
    [[-0.612, 1.0, 0.0], [-0.802, 0.878, 3.6]]
    """
    cols = _features(list(texts), word_weights("sentiment_words"))
    return pd.DataFrame(dict(zip((*SENTENCE_FEATURES, "words"), cols)))


def _features(texts, words: dict, blank=None):
    """The feature columns of ``texts`` (see :func:`sentence_features`); the positions of blank
    texts (empty after :func:`normalise`, scored 0) are appended to ``blank`` when given."""
    vs = resources.vader().polarity_scores
    pat = _pattern()
    lex, _ = vader_tables()
    shift = shifters()
    negs = negators()
    n = len(texts)
    comp, pos, neg, pol, sub, shf, wsum = ([0.0] * n for _ in range(7))
    for i, t in enumerate(texts):
        t = normalise(t)
        if not t.strip():
            if blank is not None:
                blank.append(i)
            continue
        v = vs(t)
        comp[i], pos[i], neg[i] = v["compound"], v["pos"], v["neg"]
        pol[i], sub[i] = pat(t)
        ws = _WORD_FINDALL(t.lower())
        shf[i] = shifted(ws, lex, shift)
        if words:
            # math.fsum: exact, so the sum does not depend on the set's (hash-seeded) order
            wsum[i] = _term_weight_sum(ws, negs, words)
    return tuple(np.array(c, dtype=np.float64) for c in (comp, pos, neg, pol, sub, shf, wsum))


def score_sentences(texts) -> pd.DataFrame:
    """Score each text: ``vader`` (VADER compound, [-1, 1]), ``textblob`` (TextBlob polarity,
    [-1, 1]), ``subjectivity`` ([0, 1]) and ``score`` ([-1, 1], the suite's headline score).

    ``score`` = (w · [vader, vader_pos, vader_neg, textblob, subjectivity, shifted] + learned word
    weights) / 4, clipped to [-1, 1]: a linear model of the mean human rating (on VADER's [-4, 4]
    scale) fitted by ``scripts/eval_sentiment.py --fit``; without an intercept, so an empty or
    neutral text reads about 0. Rows follow ``texts`` (index 0..n-1); odd input (``None``, empty)
    scores 0.

    >>> s = score_sentences(["We will not tolerate this terrible war.", "Thank you, a wonderful result."])
    >>> bool(s.score[0] < 0 < s.score[1])
    True
    """
    if isinstance(texts, str):
        texts = [texts]
    comp, pol, sub, score = scores(list(texts))
    return pd.DataFrame({"vader": comp, "textblob": pol, "subjectivity": sub, "score": score})


def scores(texts: list):
    """The four columns of :func:`score_sentences` as numpy arrays (no DataFrame)."""
    w = weights()["score"]
    blank = []
    comp, pos, neg, pol, sub, shf, wsum = _features(texts, word_weights("sentiment_words"), blank)
    raw = (w["vader"] * comp + w["vader_pos"] * pos + w["vader_neg"] * neg + w["textblob"] * pol
           + w["subjectivity"] * sub + w["shifted"] * shf + w["words"] * wsum)
    score = np.clip(raw / w["scale"], -1.0, 1.0)
    if blank:
        score[blank] = 0.0
    return comp, pol, sub, score
