"""Offline NLP resources, all in one place: nothing is downloaded, ever.

* VADER: nltk's ``SentimentIntensityAnalyzer`` with the lexicon that ships inside the installed
  ``vaderSentiment`` wheel. NLTK 3.10 refuses absolute ``file:`` paths, so the wheel's folder is
  put on ``nltk.data.path`` and the lexicon is loaded by its relative resource name.
  :func:`vader` returns a subclass whose tokenizer gives nltk's tokens without building nltk's
  table of every word with every punctuation mark glued on (two thirds of nltk's time per
  sentence) and whose per-token loop calls nltk's checks only where they can change a valence
  (a text with no lexicon word scores neutral at once); the scores are nltk's, and a self-check
  falls back to nltk's own class if they ever differ. :func:`nltk_vader` is the unmodified class (the benchmarks' "bare VADER").
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


# Sentences whose nltk scores the fast tokenizer must reproduce exactly (else nltk's class is used):
# punctuation before/after words, lone marks, contractions, emoticons, ALL CAPS, "but", idioms.
VADER_CHECK = ('It isn\'t good, but "GREAT" fun!!', '"Lavrov," said: ...Kerry?! -- no :) ;-) ok.',
               "The plan was a grave mistake; they're kind of upset", "!!!wow!!! ?? :-( 'tis', not bad at all",
               "I don't hate it,", "(Free Syrian Army) 'un-helpful' - never so good?!?", "a", "", "  ..  ",
               "At least it is not the bomb, EXTREMELY good but the least bad", "good good GOOD Good kind of war",
               "never so bad, never this good; cut the mustard or kiss of death", "hand to mouth just enough love")


def _fast_vader_class():
    import string

    from nltk.sentiment.vader import SentiText, SentimentIntensityAnalyzer

    punct = frozenset(string.punctuation)  # nltk's REGEX_REMOVE_PUNCTUATION: [string.punctuation]

    class FastSentiText(SentiText):
        def _words_and_emoticons(self):
            """nltk's tokens: words of two characters or more, a word with a run of punctuation from
            ``PUNC_LIST`` glued before or after it stripped of it. nltk looks every token up in a
            table of (mark + word) and (word + mark) for every word of the text and every mark; a
            token is in that table exactly when its leading (or trailing) run of punctuation is one
            of the marks and the rest holds no punctuation and has two characters or more."""
            marks = self.PUNC_LIST if isinstance(self.PUNC_LIST, frozenset) else frozenset(self.PUNC_LIST)
            out = []
            for we in self.text.split():
                n = len(we)
                if n <= 1:
                    continue
                if we[0] in punct:
                    j = 1
                    while j < n and we[j] in punct:
                        j += 1
                    if n - j > 1 and we[:j] in marks and punct.isdisjoint(we[j:]):
                        we = we[j:]
                elif we[-1] in punct:
                    k = n - 1
                    while we[k - 1] in punct:  # we[0] is no punctuation: stops at k = 1
                        k -= 1
                    if k > 1 and we[k:] in marks and punct.isdisjoint(we[:k]):
                        we = we[:k]
                out.append(we)
            return out

    class FastVader(SentimentIntensityAnalyzer):
        """nltk's ``SentimentIntensityAnalyzer`` with a faster tokenizer (same tokens), its
        per-token loop written out over lower-cased tokens, and nltk's checks called only where
        they can change a valence; the arithmetic is nltk's, in nltk's order."""

        def _setup(self):
            c = self.constants
            idioms = list(c.SPECIAL_CASE_IDIOMS) + [k for k in c.BOOSTER_DICT if " " in k]
            # every word of a multi-word idiom or booster: _idioms_check matches token sequences
            # that each hold token i-2, i-1 or i, so without one of them in this set it is a no-op
            self._idiom_words = frozenset(w for k in idioms for w in k.split(" "))
            self._zero = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}  # all tokens neutral
            self._empty = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}  # no tokens

        def polarity_scores(self, text):
            # nltk 3.10's polarity_scores and sentiment_valence, step for step
            wes = FastSentiText._words_and_emoticons(_Text(text, self._marks))
            if not wes:
                return dict(self._empty)
            lexicon = self.lexicon
            lows = " ".join(wes).lower().split(" ")  # tokens hold no space; lower() adds none
            hits = [k for k, low in enumerate(lows) if low in lexicon]
            if not hits:  # every sentiment 0: nltk's score_valence gives neu 1.0
                return dict(self._zero)
            c = self.constants
            booster, c_incr = c.BOOSTER_DICT, c.C_INCR
            caps = None
            last = len(wes) - 1
            sentiments = [0] * len(wes)
            negated, idiom_words = self._negated_word, self._idiom_words
            for k in hits:
                item, low = wes[k], lows[k]
                i = wes.index(item) if k else 0  # nltk's first_index: the token's first position
                if (i < last and low == "kind" and lows[i + 1] == "of") or low in booster:
                    continue
                valence = lexicon[low]
                if item.isupper():
                    if caps is None:  # nltk's allcap_differential
                        n_up = sum(map(str.isupper, wes))
                        caps = 0 < len(wes) - n_up < len(wes)
                    if caps:
                        valence = valence + c_incr if valence > 0 else valence - c_incr
                for start_i in range(3):
                    j = i - (start_i + 1)
                    if i > start_i and lows[j] not in lexicon:
                        s = booster.get(lows[j], 0.0)  # nltk's scalar_inc_dec
                        if s:
                            if valence < 0:
                                s *= -1
                            if wes[j].isupper():
                                if caps is None:
                                    n_up = sum(map(str.isupper, wes))
                                    caps = 0 < len(wes) - n_up < len(wes)
                                if caps:
                                    s = s + c_incr if valence > 0 else s - c_incr
                            if start_i == 1:
                                s = s * 0.95
                            elif start_i == 2:
                                s = s * 0.9
                        valence = valence + s
                        # nltk's _never_check
                        if start_i == 0:
                            if negated(wes[i - 1]):
                                valence = valence * c.N_SCALAR
                        elif start_i == 1:
                            if wes[i - 2] == "never" and (wes[i - 1] == "so" or wes[i - 1] == "this"):
                                valence = valence * 1.5
                            elif negated(wes[j]):
                                valence = valence * c.N_SCALAR
                        else:
                            if (wes[i - 3] == "never" and (wes[i - 2] == "so" or wes[i - 2] == "this")
                                    or (wes[i - 1] == "so" or wes[i - 1] == "this")):
                                valence = valence * 1.25
                            elif negated(wes[j]):
                                valence = valence * c.N_SCALAR
                            if wes[i - 2] in idiom_words or wes[i - 1] in idiom_words or item in idiom_words:
                                valence = self._idioms_check(valence, wes, i)
                if i > 0 and lows[i - 1] == "least":
                    valence = self._least_check(valence, wes, i)
                sentiments[k] = valence
            if "but" in lows:  # nltk's _but_check
                bi = lows.index("but")
                for sidx, sentiment in enumerate(sentiments):
                    if sidx < bi:
                        sentiments[sidx] = sentiment * 0.5
                    elif sidx > bi:
                        sentiments[sidx] = sentiment * 1.5
            return self.score_valence(sentiments, text)

        def _negated_word(self, word):
            # nltk's negated([word]) depends on that word only: kept per word
            memo = self._negated_memo
            hit = memo.get(word)
            if hit is None:
                if len(memo) >= MEMO_WORDS:  # bounded: a long corpus run must not grow with its vocabulary
                    memo.clear()
                hit = memo[word] = bool(self.constants.negated([word]))
            return hit

    class _Text:  # what FastSentiText._words_and_emoticons reads, without SentiText's other work
        __slots__ = ("text", "PUNC_LIST")

        def __init__(self, text, marks):
            self.text = text if isinstance(text, str) else str(text.encode("utf-8"))
            self.PUNC_LIST = marks

    return FastVader, frozenset


@lru_cache(maxsize=None)
def vader():
    """nltk's VADER analyser, built offline from the ``vaderSentiment`` wheel's lexicon (cached),
    with a faster tokenizer that yields nltk's tokens (see the module docstring); nltk's own class
    when the self-check on :data:`VADER_CHECK` finds any difference.

    >>> vader().polarity_scores("Not bad, but GREAT!") == nltk_vader().polarity_scores("Not bad, but GREAT!")
    True
    """
    ref = nltk_vader()
    try:
        cls, marks = _fast_vader_class()
        fast = cls.__new__(cls)
        fast.__dict__.update(ref.__dict__)  # the same lexicon and constants, loaded once
        fast._marks = marks(ref.constants.PUNC_LIST)
        fast._negated_memo = {}
        fast._setup()
        if all(fast.polarity_scores(t) == ref.polarity_scores(t) for t in VADER_CHECK):
            return fast
    except Exception:  # another nltk version: use its own class
        pass
    return ref


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
