"""VADER sentiment intensity: nltk's ``SentimentIntensityAnalyzer``, vendored.

Origin: ``nltk/sentiment/vader.py`` of nltk 3.10.4 as published on PyPI (Copyright (C) 2001-2026
NLTK Project; authors C.J. Hutto, Ewan Klein, Pierpaolo Pantone, George Berry, Malavika Suresh;
Apache License 2.0, ``LICENSE-nltk.txt`` beside this file), nltk's port of C.J. Hutto's
vaderSentiment (MIT, ``LICENSE-vaderSentiment.txt``). The constants (negations, boosters, idioms,
punctuation marks) and the arithmetic are nltk's, in nltk's order, so the scores are nltk's.

Changed here:

* the lexicon is read from the ``vaderSentiment`` wheel's ``vader_lexicon.txt`` through
  ``importlib.resources`` (nltk loads it through ``nltk.data``, which needs a download);
* :func:`tokens` gives ``SentiText``'s tokens without building its table of every word of the
  text glued to every punctuation mark (see its docstring), and without nltk's regex wrappers;
* :meth:`SentimentIntensityAnalyzer.polarity_scores` runs the per-token loop of nltk's
  ``polarity_scores``/``sentiment_valence``/``_never_check``/``scalar_inc_dec`` written out over
  lower-cased tokens; tokens outside the lexicon (valence 0 in nltk) are skipped, a text with no
  lexicon word scores neutral at once, and the idiom check runs only when one of its three tokens
  belongs to an idiom or a multi-word booster (elsewhere it cannot change the valence);
* ``negated`` of a single word is memoised per word (bounded);
* the token's first position comes from a dict built once per text (as nltk 3.10.4 does).

``tests/test_sentiment.py`` compares the scores with nltk's own class on the bundled article and
thousands of generated strings.

>>> SentimentIntensityAnalyzer().polarity_scores("A grave mistake.")
{'neg': 1.0, 'neu': 0.0, 'pos': 0.0, 'compound': -0.6124}
"""
from __future__ import annotations

import math
import string
from importlib.resources import files

MEMO_WORDS = 200_000  # the most words the negation memo keeps before it starts again


class VaderConstants:
    """nltk's ``VaderConstants``: the VADER lists and constants (values unchanged)."""

    B_INCR = 0.293
    B_DECR = -0.293
    C_INCR = 0.733
    N_SCALAR = -0.74

    NEGATE = {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt",
        "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt",
        "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt",
        "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without",
        "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    }

    BOOSTER_DICT = {
        **dict.fromkeys((
            "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
            "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
            "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella",
            "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
            "uber", "unbelievably", "unusually", "utterly", "very"), B_INCR),
        **dict.fromkeys((
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less",
            "little", "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of",
            "sorta", "sortof", "sort-of"), B_DECR),
    }

    SPECIAL_CASE_IDIOMS = {
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "yeah right": -2, "cut the mustard": 2,
        "kiss of death": -1.5, "hand to mouth": -2,
    }

    PUNC_LIST = [".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!",
                 "!?!?"]

    def negated(self, input_words, include_nt=True) -> bool:
        """Does the input contain a negation word (or "n't", or "least" not after "at")?"""
        neg_words = self.NEGATE
        if any(word.lower() in neg_words for word in input_words):
            return True
        if include_nt and any("n't" in word.lower() for word in input_words):
            return True
        for first, second in zip(input_words, input_words[1:]):
            if second.lower() == "least" and first.lower() != "at":
                return True
        return False

    def normalize(self, score, alpha=15):
        """Map a valence sum into (-1, 1)."""
        return score / math.sqrt((score * score) + alpha)


_PUNCT = frozenset(string.punctuation)  # nltk's REGEX_REMOVE_PUNCTUATION: [string.punctuation]


def tokens(text, marks: frozenset = frozenset(VaderConstants.PUNC_LIST)) -> list:
    """nltk's ``SentiText(text).words_and_emoticons``: the whitespace-separated words of two
    characters or more, each stripped of a run of punctuation from ``marks`` (``PUNC_LIST``) glued
    before or after it. nltk looks every word up in a table of (mark + word) and (word + mark) for
    every punctuation-free word of the text and every mark; a word is in that table exactly when
    its leading (or trailing) punctuation run is one of the marks and the rest holds no
    punctuation and has two characters or more.

    >>> tokens('Lavrov, said: ...Kerry?! -- no :)')
    ['Lavrov', 'said', '...Kerry?!', '--', 'no', ':)']
    """
    if not isinstance(text, str):
        text = str(text.encode("utf-8"))  # as SentiText does
    punct = _PUNCT
    out = []
    for we in text.split():
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


def load_lexicon() -> dict:
    """The VADER lexicon shipped in the ``vaderSentiment`` wheel: ``{token: mean valence}``."""
    raw = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lex = {}
    for line in raw.split("\n"):
        if line.strip():
            word, measure = line.strip().split("\t")[0:2]
            lex[word] = float(measure)
    return lex


class SentimentIntensityAnalyzer:
    """nltk's VADER analyser: ``polarity_scores(text)`` gives ``neg``, ``neu``, ``pos`` and
    ``compound`` as nltk 3.10.4 does."""

    def __init__(self, lexicon: dict | None = None):
        self.lexicon = load_lexicon() if lexicon is None else dict(lexicon)
        self.constants = VaderConstants()
        c = self.constants
        self._marks = frozenset(c.PUNC_LIST)
        idioms = list(c.SPECIAL_CASE_IDIOMS) + [k for k in c.BOOSTER_DICT if " " in k]
        # every word of a multi-word idiom or booster: the idiom check matches token sequences
        # that each hold token i-2, i-1 or i, so without one of them in this set it changes nothing
        self._idiom_words = frozenset(w for k in idioms for w in k.split(" "))
        self._negated_memo: dict = {}

    def polarity_scores(self, text) -> dict:
        """Sentiment of ``text``: ``{"neg", "neu", "pos", "compound"}`` (nltk's rounding)."""
        wes = tokens(text, self._marks)
        if not wes:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        lexicon = self.lexicon
        lows = " ".join(wes).lower().split(" ")  # tokens hold no space; lower() adds none
        hits = [k for k, low in enumerate(lows) if low in lexicon]
        if not hits:  # every valence 0: score_valence gives neu 1.0
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
        first: dict = {}
        for k, we in enumerate(wes):
            first.setdefault(we, k)
        n_up = sum(map(str.isupper, wes))
        caps = 0 < len(wes) - n_up < len(wes)  # nltk's allcap_differential
        sentiments = [0] * len(wes)
        for k in hits:
            sentiments[k] = self._valence(wes, lows, first[wes[k]], caps)
        if "but" in lows:  # nltk's _but_check
            bi = lows.index("but")
            for sidx, sentiment in enumerate(sentiments):
                if sidx < bi:
                    sentiments[sidx] = sentiment * 0.5
                elif sidx > bi:
                    sentiments[sidx] = sentiment * 1.5
        return self.score_valence(sentiments, text)

    def _valence(self, wes: list, lows: list, i: int, caps: bool):
        """The valence of the lexicon token at (first) position ``i``: nltk's ``polarity_scores``
        booster skip, then ``sentiment_valence`` with ``scalar_inc_dec`` and ``_never_check``."""
        c, lexicon = self.constants, self.lexicon
        item, low = wes[i], lows[i]
        booster, c_incr = c.BOOSTER_DICT, c.C_INCR
        if (i < len(wes) - 1 and low == "kind" and lows[i + 1] == "of") or low in booster:
            return 0
        valence = lexicon[low]
        if caps and item.isupper():
            valence = valence + c_incr if valence > 0 else valence - c_incr
        negated = self._negated_word
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and lows[j] not in lexicon:
                s = booster.get(lows[j], 0.0)  # scalar_inc_dec
                if s:
                    if valence < 0:
                        s *= -1
                    if caps and wes[j].isupper():
                        s = s + c_incr if valence > 0 else s - c_incr
                    if start_i == 1:
                        s = s * 0.95
                    elif start_i == 2:
                        s = s * 0.9
                valence = valence + s
                if start_i == 0:  # _never_check
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
                    idiom_words = self._idiom_words
                    if wes[i - 2] in idiom_words or wes[i - 1] in idiom_words or item in idiom_words:
                        valence = self._idioms_check(valence, wes, i)
        if i > 0 and lows[i - 1] == "least":
            valence = self._least_check(valence, wes, i)
        return valence

    def _negated_word(self, word: str) -> bool:
        memo = self._negated_memo
        hit = memo.get(word)
        if hit is None:
            if len(memo) >= MEMO_WORDS:  # bounded: a long corpus run must not grow with its vocabulary
                memo.clear()
            hit = memo[word] = bool(self.constants.negated([word]))
        return hit

    def _least_check(self, valence, words_and_emoticons, i):
        # check for negation case using "least"
        if (i > 1 and words_and_emoticons[i - 1].lower() not in self.lexicon
                and words_and_emoticons[i - 1].lower() == "least"):
            if words_and_emoticons[i - 2].lower() != "at" and words_and_emoticons[i - 2].lower() != "very":
                valence = valence * self.constants.N_SCALAR
        elif (i > 0 and words_and_emoticons[i - 1].lower() not in self.lexicon
              and words_and_emoticons[i - 1].lower() == "least"):
            valence = valence * self.constants.N_SCALAR
        return valence

    def _idioms_check(self, valence, words_and_emoticons, i):
        w = words_and_emoticons
        onezero = f"{w[i - 1]} {w[i]}"
        twoonezero = f"{w[i - 2]} {w[i - 1]} {w[i]}"
        twoone = f"{w[i - 2]} {w[i - 1]}"
        threetwoone = f"{w[i - 3]} {w[i - 2]} {w[i - 1]}"
        threetwo = f"{w[i - 3]} {w[i - 2]}"
        idioms = self.constants.SPECIAL_CASE_IDIOMS
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in idioms:
                valence = idioms[seq]
                break
        if len(w) - 1 > i:
            zeroone = f"{w[i]} {w[i + 1]}"
            if zeroone in idioms:
                valence = idioms[zeroone]
        if len(w) - 1 > i + 1:
            zeroonetwo = f"{w[i]} {w[i + 1]} {w[i + 2]}"
            if zeroonetwo in idioms:
                valence = idioms[zeroonetwo]
        # check for booster/dampener bi-grams such as 'sort of' or 'kind of'
        if threetwo in self.constants.BOOSTER_DICT or twoone in self.constants.BOOSTER_DICT:
            valence = valence + self.constants.B_DECR
        return valence

    def _punctuation_emphasis(self, text):
        # add emphasis from exclamation points (up to 4) and question marks (2 or 3+)
        ep_count = min(text.count("!"), 4)
        ep_amplifier = ep_count * 0.292
        qm_count = text.count("?")
        qm_amplifier = 0
        if qm_count > 1:
            qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
        return ep_amplifier + qm_amplifier

    @staticmethod
    def _sift_sentiment_scores(sentiments):
        pos_sum = 0.0
        neg_sum = 0.0
        neu_count = 0
        for sentiment_score in sentiments:
            if sentiment_score > 0:
                pos_sum += float(sentiment_score) + 1  # compensates for neutral words that are counted as 1
            if sentiment_score < 0:
                neg_sum += float(sentiment_score) - 1  # when used with math.fabs(), compensates for neutrals
            if sentiment_score == 0:
                neu_count += 1
        return pos_sum, neg_sum, neu_count

    def score_valence(self, sentiments, text) -> dict:
        """nltk's ``score_valence``: compound, pos, neg and neu from the token valences."""
        if sentiments:
            sum_s = float(sum(sentiments))
            punct_emph_amplifier = self._punctuation_emphasis(text)
            if sum_s > 0:
                sum_s += punct_emph_amplifier
            elif sum_s < 0:
                sum_s -= punct_emph_amplifier
            compound = self.constants.normalize(sum_s)
            pos_sum, neg_sum, neu_count = self._sift_sentiment_scores(sentiments)
            if pos_sum > math.fabs(neg_sum):
                pos_sum += punct_emph_amplifier
            elif pos_sum < math.fabs(neg_sum):
                neg_sum -= punct_emph_amplifier
            total = pos_sum + math.fabs(neg_sum) + neu_count
            pos = math.fabs(pos_sum / total)
            neg = math.fabs(neg_sum / total)
            neu = math.fabs(neu_count / total)
        else:
            compound = pos = neg = neu = 0.0
        return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}
