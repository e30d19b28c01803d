"""Sentiment per sentence, toward a mention, and per speaker (reporter and editorial voice included).

Three layers, each usable on its own:

* :func:`score_sentences` scores plain sentences with nltk's VADER (``vader``: compound), TextBlob's
  pattern lexicon (``textblob``: polarity, ``subjectivity``) and the suite's headline ``score``: a
  linear combination of VADER compound/pos/neg, TextBlob polarity/subjectivity and a learned word
  table, fitted to human ratings (``data/lexicons/sentiment_weights.csv``,
  ``data/lexicons/sentiment_words.csv``; see ``scripts/eval_sentiment.py`` and the lexicon README).
  Text is normalised first: curly quotes and apostrophes become straight ones (VADER reads
  "don’t" as "don" + "t" and loses the negation otherwise).
* :func:`toward` gives the sentiment toward the mention ``text[start:end]`` in [-1, 1] from the
  sentence (or contrasted clause) that holds it: position-aware VADER lexicon valences around the
  mention (the mention's own words kept apart), valence shifters, and a learned word table
  (``data/lexicons/toward_words.csv``); no VADER call, so it is cheap per mention. Values beyond ±0.05 read as negative/positive.
* The article view (:func:`tables`): every utterance from ``analysis.quotes`` and the unattributed
  text of each voice ("reporter", "editorial") scored; per speaker counts, means with seeded
  bootstrap 95% intervals, the sign disagreements of VADER and TextBlob, and a speaker × actor
  table of :func:`toward` over the ``analysis.actors`` mentions inside each speaker's text.

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
import os
import time
import weakref
from bisect import bisect_right
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import lexicons, resources
from .article import columns_frame, object_array

# ------------------------------------------------------------------------------- normalisation
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


# ----------------------------------------------------------------------- learned weights (data)
def _table(name: str) -> pd.DataFrame:
    return lexicons.load(name)


@lru_cache(maxsize=8)
def _weights_cached(key) -> dict:
    df = _table("sentiment_weights")
    out: dict = {}
    for model, feature, weight in zip(df["model"], df["feature"], df["weight"]):
        out.setdefault(model, {})[feature] = float(weight)
    return out


@lru_cache(maxsize=8)
def _words_cached(name: str, key) -> dict:
    df = _table(name)
    return {w: float(x) for w, x in zip(df["word"], df["weight"])}


_KEYS: dict = {}


def _key(name: str):
    """(path, mtime) of a lexicon file, looked up again at most every two seconds (so per-call
    functions such as :func:`toward` do not stat and resolve paths on every call)."""
    now = time.monotonic()
    env = os.environ.get("ANALYSIS_LEXICONS")
    hit = _KEYS.get(name)
    if hit is not None and hit[0] == env and now - hit[1] < 2.0:
        return hit[2]
    p = lexicons.lexicon_dir() / f"{name}.csv"
    try:
        key = (str(p), p.stat().st_mtime)
    except OSError:
        key = (str(p), None)
    _KEYS[name] = (env, now, key)
    return key


def _toward_model():
    return weights()["toward"], word_weights("toward_words")


def weights() -> dict:
    """The learned combination weights: ``{model: {feature: weight}}`` for the models ``score``
    and ``toward`` (from ``data/lexicons/sentiment_weights.csv``)."""
    return _weights_cached(_key("sentiment_weights"))


def word_weights(name: str = "sentiment_words") -> dict:
    """A learned word table (``sentiment_words`` for :func:`score_sentences`, ``toward_words`` for
    :func:`toward`) as ``{lower-case word: weight}``."""
    return _words_cached(name, _key(name))


# ------------------------------------------------------------------------------ sentence scores
# Texts whose TextBlob scores the plain-dict copy of the lexicon must reproduce (else TextBlob's own is used).
PATTERN_CHECK = ("not very good", "A terribly bad, really not good idea!", "It's (!) great :) but never sad",
                 "Hardly a grave mistake; quite honest.", "", "...")


@lru_cache(maxsize=None)
def _pattern():
    """TextBlob's pattern sentiment (the exact callable ``PatternAnalyzer`` uses), loaded once.

    TextBlob's lexicon is a "lazy dict" whose every lookup (``w in lexicon``, ``lexicon[w]``) runs
    through a Python-level method; the callable returned here is a copy of it as a plain dict
    (same entries, same code, same scores: checked on :data:`PATTERN_CHECK`), about twice as fast."""
    from textblob.en import sentiment as pattern_sentiment

    pattern_sentiment("good")  # load the lexicon now, not inside a timed loop
    try:
        fast = _plain_dict_copy(pattern_sentiment)
        if all(tuple(fast(t)) == tuple(pattern_sentiment(t)) and fast(t).assessments == pattern_sentiment(t).assessments
               for t in PATTERN_CHECK):
            return fast
    except Exception:  # another TextBlob version: use its own object
        pass
    return pattern_sentiment


def _plain_dict_copy(lazy):
    """A copy of a loaded TextBlob ``Sentiment`` (a ``lazydict``) whose lookups are dict's own."""
    names = ("__contains__", "__getitem__", "__setitem__", "__len__", "__iter__", "__repr__", "get", "items", "keys",
             "values", "setdefault", "pop", "popitem", "update")

    def no_load(self, path=None):
        return None

    plain = type("PlainSentiment", (type(lazy),), {**{n: getattr(dict, n) for n in names}, "load": no_load})
    fast = plain.__new__(plain)
    dict.update(fast, dict.items(lazy))
    for k, v in vars(lazy).items():  # attributes, but not the lazydict's methods bound to the original
        if getattr(v, "__self__", None) is not lazy:
            setattr(fast, k, v)
    fast.tokenizer = _pattern_tokenizer()
    return fast


def _pattern_tokenizer():
    """TextBlob's ``find_tokens`` with the English parser's settings (what its sentiment calls), the
    same steps with cheaper operations: its contraction patterns are plain strings (``str.replace``
    instead of ``re.sub``), and a token with no punctuation at either end skips the loops that split
    punctuation off (they would leave it as it is). Sentence grouping, sarcasm and emoticon handling
    are TextBlob's own code, unchanged."""
    from textblob import _text as T

    replace = dict(T.replacements)
    if any(re.escape(a) != a or "\\" in b or "'" not in a for a, b in replace.items()):
        raise ValueError("contraction patterns are regular expressions (or without an apostrophe) here")
    punctuation = tuple(T.PUNCTUATION.replace(".", ""))
    if any(len(c) != 1 for c in punctuation):
        raise ValueError("punctuation marks of more than one character")
    lead, trail = frozenset(punctuation), frozenset(punctuation + (".",))
    punct_tail = punctuation + (".",)
    abbreviations, abbr1, abbr2, abbr3 = T.ABBREVIATIONS, T.RE_ABBR1, T.RE_ABBR2, T.RE_ABBR3
    eos, sarcasm, emoticons = T.EOS, T.RE_SARCASM, T.RE_EMOTICONS
    if T.TOKEN.pattern != r"(\S+)\s":
        raise ValueError("TextBlob's token pattern changed")
    linebreak = re.compile(r"\n{2,}")
    quotes = (("\u201c", " \u201c "), ("\u201d", " \u201d "), ("\u2018", " \u2018 "), ("\u2019", " \u2019 "),
              ("'", " ' "), ('"', ' " '))
    stops = ("...", ".", "!", "?", eos)
    closers = ("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", eos)

    def word_tokens(string):
        """The tokens before sentence grouping (what ``" ".join(find_tokens(s)).split()`` gives when
        the text has no paragraph break, sarcasm mark or emoticon)."""
        string = str(string)
        if "'" in string:  # every contraction pattern holds an apostrophe
            for a, b in replace.items():
                string = string.replace(a, b)
        for a, b in quotes:
            string = string.replace(a, b)
        string = string.replace("\r\n", "\n")
        if "\n\n" in string:
            string = linebreak.sub(" %s " % eos, string)
        # TextBlob collapses whitespace runs and finds "(\S+)\s" in string + " ": the runs of
        # non-space characters, which is str.split() (re's \s and str.isspace() are one class)
        tokens = []
        for t in string.split():
            if t[0] not in lead and t[-1] not in trail:  # no punctuation to split off
                tokens.append(t)
                continue
            tail = []
            while t.startswith(punctuation) and t not in replace:
                tokens.append(t[0])
                t = t[1:]
            while t.endswith(punct_tail) and t not in replace:
                if t.endswith(punctuation):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if t in abbreviations or abbr1.match(t) is not None or abbr2.match(t) is not None or abbr3.match(t) is not None:
                        break
                    tail.append(t[-1])
                    t = t[:-1]
            if t != "":
                tokens.append(t)
            tokens.extend(reversed(tail))
        return tokens

    def find_tokens(string):
        tokens = word_tokens(string)
        sentences, i, j = [[]], 0, 0
        while j < len(tokens):
            if tokens[j] in stops:
                while j < len(tokens) and tokens[j] in closers:
                    if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                        break
                    j += 1
                sentences[-1].extend(t for t in tokens[i:j] if t != eos)
                sentences.append([])
                i = j
            j += 1
        sentences[-1].extend(tokens[i:j])
        sentences = (" ".join(s) for s in sentences if len(s) > 0)
        sentences = (sarcasm.sub("(!)", s) for s in sentences)
        return [emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in sentences]

    find_tokens.word_tokens = word_tokens
    return find_tokens


@lru_cache(maxsize=None)
def _pattern_scores():
    """``text -> (polarity, subjectivity)``: the numbers of :func:`_pattern` (TextBlob's
    ``Sentiment.__call__`` on a string: ``assessments`` over the tokens with negation, then the
    unweighted means), computed without building assessment records. Each known word's entry is
    read once into a plain tuple (its ``None``-tag scores and whether it has a modifier tag), and
    emoticons are one dict lookup; the arithmetic is TextBlob's own, in the same order. Checked
    against :func:`_pattern` on :data:`PATTERN_CHECK` and more; TextBlob's object is used when
    anything differs (another TextBlob version)."""
    pat = _pattern()
    ref = lambda t: tuple(pat(t))  # noqa: E731
    try:
        fast = _pattern_scorer(pat)
        extra = ("It's not really good!", "never so bad, not a good one (!)", ":-) great :( xD <3 8-)",
                 "Hardly good. Quite badly not good! Very, very happy!!", "not the worst idea", "the worse :/ it is",
                 "terribly sad; utterly not unhappy", "no no no good", "really is a good",
                 "Good (!) idea.\n\nBad :-) day", "not ( ! ) good. Not good! \"Bad,\" he said.", "ok xD\n\n\nfine 8-)")
        if all(fast(t) == ref(t) for t in PATTERN_CHECK + extra):
            return fast
    except Exception:  # another TextBlob version: its own object
        pass
    return ref


def _pattern_scorer(pat):
    from textblob import _text as T

    if tuple(pat.negations) != ("no", "not", "n't", "never") or tuple(pat.modifiers) != ("RB",):
        raise ValueError("unexpected pattern settings")
    known = {}
    for w, tags in dict.items(pat):
        if None in tags:
            p, s, i = tags[None]
            known[w] = (p, s, i, any(map(tags.__contains__, pat.modifiers)))
    emoticons = {}
    for (_, p), marks in T.EMOTICONS.items():
        for e in marks:
            emoticons.setdefault(e.lower(), p)
    negations = frozenset(pat.negations)
    modifier = pat.modifier
    punctuation = T.PUNCTUATION
    tokenizer = pat.tokenizer
    raw_tokens = getattr(tokenizer, "word_tokens", None)
    sarcasm, emoticon_re, eos = T.RE_SARCASM, T.RE_EMOTICONS, T.EOS
    get = known.get
    known_words, emoticon_marks = known.keys(), emoticons.keys()

    def words_of(text):
        """``" ".join(tokenizer(text)).split()``. Without a paragraph break (no end-of-sentence
        token) the sentences are consecutive runs of the raw tokens, so when the sarcasm and emoticon
        patterns match nowhere in the joined tokens (a match inside one sentence would match there
        too), grouping, joining and splitting give the raw tokens back: they are returned as they are."""
        if raw_tokens is not None:
            toks = raw_tokens(text)
            if eos not in toks:
                joined = " ".join(toks)
                if ("!" not in joined or sarcasm.search(joined) is None) and emoticon_re.search(joined) is None:
                    return toks
        return " ".join(tokenizer(text)).split()

    def score(text):
        toks = words_of(text)
        if not toks:
            return 0.0, 0.0
        lows = " ".join(toks).lower().split(" ")  # tokens hold no space; lower() adds none
        if known_words.isdisjoint(lows) and emoticon_marks.isdisjoint(lows) and "(!)" not in lows:
            return 0.0, 0.0  # nothing to assess: TextBlob's empty result
        ps, ss, ns = [], [], []  # per assessment: polarity, subjectivity, negated; intensities in ii
        ii = []
        m = n = None
        for w in lows:
            k = get(w)
            if k is not None:
                p, s, i, is_mod = k
                if m is None:
                    ps.append(p)
                    ss.append(s)
                    ii.append(i)
                    ns.append(1)
                else:
                    ps[-1] = max(-1.0, min(p * ii[-1], +1.0))
                    ss[-1] = max(-1.0, min(s * ii[-1], +1.0))
                    ii[-1] = i
                if n is not None:
                    ii[-1] = 1.0 / ii[-1]
                    ns[-1] = -1
                m = n = None
                if is_mod:
                    m = w
                if w in negations:
                    n = w
            else:
                if n is None and m is None and w.isalpha() and w not in negations:
                    continue  # a plain unknown word with no negation or modifier pending: nothing below applies
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and modifier(m):
                    ns[-1] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and ps:
                    ps[-1] = max(-1.0, min(ps[-1] * 1.25, +1.0))
                if w == "(!)":
                    ps.append(0.0)
                    ss.append(1.0)
                    ii.append(1.0)
                    ns.append(1)
                if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                    e = emoticons.get(w)
                    if e is not None:
                        ps.append(e)
                        ss.append(1.0)
                        ii.append(1.0)
                        ns.append(1)
        if not ps:
            return 0.0, 0.0
        sp = sq = 0
        for p, s, x in zip(ps, ss, ns):
            sp += p * -0.5 if x < 0 else p
            sq += s
        k = float(len(ps))
        return sp / k, sq / k

    return score


_WORD_FINDALL = resources.WORD_RE.findall
SENTENCE_FEATURES = ("vader", "vader_pos", "vader_neg", "textblob", "subjectivity", "shifted")


@lru_cache(maxsize=8)
def _shifters_cached(key) -> frozenset:
    return frozenset(w.strip().lower() for w in _table("valence_shifters")["word"])


def shifters() -> frozenset:
    """Content words that turn a following negative word into good news ("fight terrorism",
    "reduce poverty", "prevent war"): ``data/lexicons/valence_shifters.csv``."""
    return _shifters_cached(_key("valence_shifters"))


@lru_cache(maxsize=8)
def _negators_cached(key) -> frozenset:
    return frozenset(w.strip().lower() for w in _table("sentiment_negators")["word"])


def negators() -> frozenset:
    """Words that open a negation scope for the learned term table (``not``, ``never``,
    ``don't``, ...): ``data/lexicons/sentiment_negators.csv``."""
    return _negators_cached(_key("sentiment_negators"))


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
        for term, weight in words.items():
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


def _shifted(ws, lex, shift) -> float:
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
    pat = _pattern_scores()
    lex, _ = _vader_tables()
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
        shf[i] = _shifted(ws, lex, shift)
        if words:
            # math.fsum: exact, so the sum does not depend on the set's (hash-seeded) order
            wsum[i] = _term_weight_sum(ws, negs, words)
    return tuple(np.array(c, dtype=np.float64) for c in (comp, pos, neg, pol, sub, shf, wsum))


def score_sentences(texts) -> pd.DataFrame:
    """Score each text: ``vader`` (nltk VADER compound, [-1, 1]), ``textblob`` (TextBlob polarity,
    [-1, 1]), ``subjectivity`` ([0, 1]) and ``score`` ([-1, 1], the suite's headline score).

    ``score`` = (w · [vader, vader_pos, vader_neg, textblob, subjectivity, shifted] + learned word
    weights) / 4,
    clipped to [-1, 1]: a linear model of the mean human rating (on VADER's [-4, 4] scale) fitted
    by ``scripts/eval_sentiment.py --fit``; without an intercept, so an empty or neutral text reads
    about 0. Rows follow ``texts`` (index 0..n-1); odd input (``None``, empty) scores 0.

    >>> s = score_sentences(["We will not tolerate this terrible war.", "Thank you, a wonderful result."])
    >>> bool(s.score[0] < 0 < s.score[1])
    True
    """
    if isinstance(texts, str):
        texts = [texts]
    comp, pol, sub, score = _scores(list(texts))
    return pd.DataFrame({"vader": comp, "textblob": pol, "subjectivity": sub, "score": score})


def _scores(texts: list):
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


# ------------------------------------------------------------------------- toward a mention
TOWARD_FEATURES = ("outside", "exp4", "exp16", "win8", "before", "before_exp3", "before_neg", "before_pos",
                   "after", "after_exp3", "after_neg", "after_pos", "inside", "position", "first", "shifted")


@lru_cache(maxsize=None)
def _vader_tables():
    v = resources.vader()
    return v.lexicon, frozenset(v.constants.NEGATE)


@lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple:
    if "\n" not in text and len(text) < 400 and text.count(". ") + text.count("? ") + text.count("! ") == 0:
        return ((0, len(text)),)
    spans = []
    for ps, pe in _paragraph_spans(text):
        spans.extend((ps + s, ps + e) for s, e in resources.punkt().span_tokenize(text[ps:pe]))
    return tuple(spans) or ((0, len(text)),)


def _paragraph_spans(text: str):
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _sentence_of(text: str, start: int, end: int):
    """The (start, end) of the sentence around ``text[start:end]`` (a mention across a sentence
    break takes the span of both)."""
    spans = _sentence_spans(text)
    s0 = next((s for s, e in spans if s <= start < e), None)
    e0 = next((e for s, e in reversed(spans) if s < end <= e), None)
    if s0 is None or e0 is None:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        return lo, len(text) if hi < 0 else hi
    return s0, e0


# Contrastive clause boundaries: the mention's clause is its scope when a sentence sets two apart.
CONTRAST_RE = re.compile(r",?\s+(?:but|while|whereas|although|though|yet)\s+|;\s*")


def _scope_of(text: str, start: int, end: int):
    """The sentence around ``text[start:end]``, narrowed to the mention's clause when the sentence
    contrasts clauses ("X lied, while Y helped")."""
    s0, s1 = _sentence_of(text, start, end)
    lo, hi = s0, s1
    for m in CONTRAST_RE.finditer(text, s0, s1):
        if m.end() <= start:
            lo = max(lo, m.end())
        elif m.start() >= end:
            hi = min(hi, m.start())
            break
    return lo, hi


def toward_parts(text, start: int, end: int):
    """Features of the sentence holding ``text[start:end]`` (its clause, when the sentence contrasts
    clauses with but/while/whereas/although/though/yet or a semicolon) for :func:`toward`: ``(dense, words)``
    with ``dense`` = the values of :data:`TOWARD_FEATURES` and ``words`` = the set of lower-case
    words of the sentence outside the mention. VADER valences count with their sign flipped after a
    negation within three words; "before"/"after" sum the valences on each side of the mention
    (``_exp3``: weighted by exp(-distance/3)); ``outside`` is their sum squashed as VADER squashes
    its compound (x / sqrt(x² + 15)). The mention's own words never count toward these (so "Free
    Syrian Army" does not read as praise); ``inside`` holds their valence apart."""
    text = normalise(text)
    n = len(text)
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        start, end = 0, 0
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if end < start:
        start, end = end, start
    if not text.strip():
        return [0.0] * len(TOWARD_FEATURES), set()
    s0, e0 = _scope_of(text, start, max(end, start + 1) if start < n else end)
    sent = text[s0:e0]
    ms, me = start - s0, end - s0
    lex, negate = _vader_tables()
    toks = resources.words(sent)
    inside = [i for i, (a, b, _) in enumerate(toks) if a < me and b > ms]
    if inside:
        lo, hi = inside[0], inside[-1]
    else:  # an empty or off-token mention: the first token at or after it
        lo = next((i for i, (a, _, _) in enumerate(toks) if a >= ms), len(toks))
        hi = lo - 1
    lower = [w.lower() for _, _, w in toks]
    f = dict.fromkeys(TOWARD_FEATURES, 0.0)
    words = set()
    for i, w in enumerate(lower):
        if lo <= i <= hi:
            d = 0
        else:
            words.add(w)
            d = lo - i if i < lo else i - hi
        val = lex.get(w, 0.0)
        if not val:
            continue
        if any(x in negate or x.endswith("n't") for x in lower[max(0, i - 3):i]):
            val *= -0.74
        if d == 0:
            f["inside"] += val
            continue
        f["exp4"] += val * math.exp(-d / 4)
        f["exp16"] += val * math.exp(-d / 16)
        if d <= 8:
            f["win8"] += val
        side = "before" if i < lo else "after"
        f[side] += val
        f[side + "_exp3"] += val * math.exp(-d / 3)
        f[side + ("_neg" if val < 0 else "_pos")] += val
    x = f["before"] + f["after"]
    f["outside"] = x / math.sqrt(x * x + 15)  # VADER's normalisation of the valence sum
    f["shifted"] = _shifted([w for i, w in enumerate(lower) if not lo <= i <= hi], lex, shifters())
    f["position"] = lo / max(1, len(toks))
    f["first"] = float(lo == 0)
    return [f[k] for k in TOWARD_FEATURES], words


def toward(text, start: int, end: int) -> float:
    """Sentiment toward the mention ``text[start:end]``, in [-1, 1] (beyond ±0.05: negative /
    positive). Only the sentence holding the mention counts, and within it the mention's clause when
    the sentence contrasts two ("X lied, while Y helped"). A linear model over
    :func:`toward_parts` and a learned word table, fitted on NewsMTSC train
    (``scripts/eval_sentiment.py --fit``), mapped so that its two fitted cut points fall on
    -0.05 and +0.05.

    >>> s = "Critics call Smith a corrupt liar and a disgrace, but Jones is a wonderful, honest leader."
    >>> toward(s, s.index("Smith"), s.index("Smith") + 5) < -0.05 < 0.05 < toward(s, s.index("Jones"), s.index("Jones") + 5)
    True
    """
    dense, words = toward_parts(text, start, end)
    w, ww = _toward_model()
    p = w.get("intercept", 0.0) + sum(w[k] * x for k, x in zip(TOWARD_FEATURES, dense))
    p += sum(ww.get(x, 0.0) for x in words)
    return _cut_map(p, w["cut_low"], w["cut_high"])


def _cut_map(p: float, a: float, b: float) -> float:
    """Monotone map of a model value: [a, b] → [-0.05, 0.05], slope 1 outside, clipped to [-1, 1]."""
    if p < a:
        y = -0.05 + (p - a)
    elif p > b:
        y = 0.05 + (p - b)
    else:
        y = -0.05 + 0.1 * (p - a) / (b - a) if b > a else 0.0
    return float(min(1.0, max(-1.0, y)))


# ------------------------------------------------------------------------------ the article view
TONE_THRESHOLD = 0.05  # |tone| at or below this reads as neutral (VADER's own convention)
TONE_LABELS = ("clearly negative", "leans negative", "no clear lean", "leans positive", "clearly positive")


def tone_label(value: float, low: float | None = None, high: float | None = None) -> str:
    """The plain-language reading of a tone in [-1, 1], used everywhere a tone is shown.

    With a 95% interval (``low``, ``high``): "clearly negative" when the whole interval is below
    ``-TONE_THRESHOLD``, "clearly positive" when it is all above ``+TONE_THRESHOLD``; "leans negative"
    / "leans positive" when the value is beyond the threshold but the interval reaches the neutral
    band; "no clear lean" otherwise (the interval spans zero, or the value is within the band).
    Without an interval the value alone decides between "leans ..." and "no clear lean".

    >>> tone_label(-0.13, -0.18, -0.08)
    'clearly negative'
    >>> tone_label(-0.12, -0.30, 0.02)
    'leans negative'
    >>> tone_label(0.01, -0.1, 0.1)
    'no clear lean'
    >>> tone_label(0.3)
    'leans positive'
    """
    t = TONE_THRESHOLD
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no clear lean"
    if low is not None and high is not None and not (math.isnan(low) or math.isnan(high)):
        if high < -t:
            return "clearly negative"
        if low > t:
            return "clearly positive"
    if value < -t:
        return "leans negative"
    if value > t:
        return "leans positive"
    return "no clear lean"


VOICE_SPEAKERS = {"report": "reporter", "editorial": "editorial"}
BOOTSTRAP_SEED = 20150917
BOOTSTRAP_ROUNDS = 2000
BOOTSTRAP_PERCENTILES = (2.5, 97.5)  # a 95% percentile interval
EDGE_CHARS = " \t\n\r\u00a0\u2009\u202f\"'\u201c\u201d\u2018\u2019,;:.!?-\u2013\u2014()[]"
UTTERANCE_COLUMNS = ["speaker", "kind", "start", "end", "text", "words", "vader", "textblob", "subjectivity", "score",
                     "sentences", "paragraph", "voice", "parts"]
SPEAKER_COLUMNS = ["speaker", "kind", "utterances", "words", "mean", "mean_low", "mean_high", "score", "score_low",
                   "score_high", "vader", "textblob", "subjectivity", "disagreements", "first_start"]
DISAGREEMENT_COLUMNS = ["speaker", "kind", "start", "end", "text", "words", "vader", "textblob", "score"]
TOWARD_COLUMNS = ["speaker", "actor", "mentions", "toward", "negative", "neutral", "positive", "start", "end", "mention",
                  "evidence_start", "evidence_end", "evidence"]
MENTION_COLUMNS = ["speaker", "actor", "start", "end", "mention", "toward", "label", "sentence_start", "sentence_end",
                   "sentence", "voice", "attribution"]

_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _as_article(article):
    from .article import Article
    from .errors import ArticleError

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


def _speech(article) -> list:
    """Utterances from ``analysis.quotes`` (:func:`analysis.quotes.quote_columns`, shared per
    article): ``[(speaker, kind, start, end, spans, speaker_spans, paragraph, voice)]`` where
    ``spans`` are the speaker's own words (the quoted parts of a direct quotation, not the
    attribution between them) and ``speaker_spans`` the (start, end) pairs of the speaker's mentions."""
    from . import quotes

    q = quotes.quote_columns(article)
    n = len(article.text)
    out = []
    for sp, kind, s, e, parts, sspans, para, voice in zip(q["speaker"], q["kind"], q["start"], q["end"], q["parts"],
                                                          q["speaker_spans"], q["paragraph"], q["voice"]):
        if not (0 <= s < e <= n):
            continue
        sp = "" if sp is None or (isinstance(sp, float) and math.isnan(sp)) else str(sp).strip()
        if kind != "direct" or len(parts) < 2:
            parts = [s, e]
        spans = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i] < parts[i + 1]]
        who = [(sspans[i], sspans[i + 1]) for i in range(0, len(sspans) - 1, 2)]
        out.append((sp or "(unattributed quote)", kind, s, e, spans, who, para, voice))
    return out


def _pieces(text: str, lo: int, hi: int):
    """``text[lo:hi]`` trimmed of spaces, quote marks and punctuation at both ends: (start, end) or None."""
    while lo < hi and text[lo] in EDGE_CHARS:
        lo += 1
    while hi > lo and text[hi - 1] in EDGE_CHARS:
        hi -= 1
    return (lo, hi) if hi > lo and resources.WORD_RE.search(text, lo, hi) else None


def _split(spans, sentences):
    """Cut ``spans`` at sentence boundaries: [(start, end, sentence start, sentence end)]."""
    out = []
    for a, b in spans:
        for s0, s1 in sentences:
            if s1 <= a or s0 >= b:
                continue
            out.append((max(a, s0), min(b, s1), s0, s1))
    return out


def _units(article) -> dict:
    """The scored units of the article (cached per Article): utterances cut into sentence pieces,
    and the voice text outside every utterance, sentence by sentence."""
    hit = _VIEWS.get(article)
    if hit is not None:
        return hit
    text = article.text
    col = article.column  # the Article's cached column lists (no DataFrame built)
    sents = list(zip(col("sentences", "start"), col("sentences", "end")))
    speech = _speech(article)
    pstart, pbody, pvoice = col("paragraphs", "start"), col("paragraphs", "body_start"), col("paragraphs", "voice")

    def para_of(o):  # paragraph starts are increasing: bisect_right == np.searchsorted(side="right")
        return max(0, bisect_right(pstart, o) - 1)

    utts = []  # (speaker, kind, start, end, pieces[(a, b)], paragraph, voice, parts)
    covered = []
    for sp, kind, s, e, spans, who, para, voice in speech:
        pieces = []
        for a, b, _, _ in _split(spans, sents) or [(a, b, a, b) for a, b in spans]:
            p = _pieces(text, a, b)
            if p:
                pieces.append(p)
        covered.extend(spans)
        utts.append((sp, kind, s, e, pieces, para, voice, [x for ab in spans for x in ab]))
    covered.sort()
    # the voice text: each sentence of a report/editorial paragraph minus the utterances
    for s0, s1 in sents:
        pi = para_of(s0)
        voice = pvoice[pi]
        if voice not in VOICE_SPEAKERS:
            continue
        lo = max(s0, pbody[pi])
        free, cur = [], lo
        for a, b in covered:  # sorted by start: none after one that starts at s1 or later counts
            if a >= s1:
                break
            if b <= cur:
                continue
            if a > cur:
                free.append((cur, a))
            cur = max(cur, b)
        if cur < s1:
            free.append((cur, s1))
        pieces = [p for p in (_pieces(text, a, b) for a, b in free) if p]
        if pieces:
            utts.append((VOICE_SPEAKERS[voice], "voice", pieces[0][0], pieces[-1][1], pieces, pi, voice,
                         [x for ab in pieces for x in ab]))
    utts.sort(key=lambda u: (u[2], u[3], u[0]))
    all_pieces = sorted({p for u in utts for p in u[4]})
    texts = [text[a:b] for a, b in all_pieces]
    distinct = list(dict.fromkeys(texts))  # a text repeated within this article is scored once
    by_text = dict(zip(distinct, zip(*(c.tolist() for c in _scores(distinct)))))
    per_piece = {p: by_text[t] for p, t in zip(all_pieces, texts)}
    view = {"utts": utts, "piece_scores": per_piece, "speech": speech, "sentences": sents}
    _VIEWS[article] = view
    return view


def utterance_scores(article) -> pd.DataFrame:
    """Every utterance (``analysis.quotes``) and every sentence of voice text outside utterances
    (speaker ``reporter`` / ``editorial``, kind ``voice``) with its scores. An utterance is scored
    sentence piece by sentence piece (only the speaker's words: the attribution inside a quotation
    is the reporter's); its ``vader``, ``textblob``, ``subjectivity`` and ``score`` are the
    word-weighted means over its pieces. ``start``/``end`` span the utterance (``text`` =
    ``article.text[start:end]``); ``parts`` lists the scored pieces as flat offsets.

    >>> from analysis import Article
    >>> u = utterance_scores(Article.from_text('"We have failed terribly," Lavrov said. The talks were a great success.'))
    >>> u[["speaker", "kind", "text"]].values.tolist()
    [['Lavrov', 'direct', 'We have failed terribly'], ['reporter', 'voice', 'Lavrov said'], ['reporter', 'voice', 'The talks were a great success']]
    >>> bool(u.score[0] < 0 < u.score[1])
    True
    """
    return _frame(_utterance_rows(_as_article(article)), UTTERANCE_COLUMNS,
                  ("start", "end", "words", "sentences", "paragraph"))


def _frame(rows, columns, ints=()) -> pd.DataFrame:
    """A DataFrame from row tuples in one go (int64 for ``ints``, float64 for floats, pandas' string
    dtype for text, objects else: the dtypes ``pd.DataFrame`` infers), through
    :func:`analysis.article.columns_frame`."""
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    arrays = []
    for name, col in zip(columns, cols):
        if name in ints:
            arrays.append(np.asarray(col, dtype=np.int64))
        elif col and all(type(x) is float for x in col):
            arrays.append(np.asarray(col, dtype=np.float64))
        elif col and all(type(x) is str for x in col):
            arrays.append(pd.array(list(col), dtype="str"))
        else:
            arrays.append(object_array(col))
    return columns_frame(columns, arrays, len(rows))


def _utterance_rows(article) -> list:
    view = _units(article)
    if "utterance_rows" in view:
        return view["utterance_rows"]
    text = article.text
    rows = []
    findall = resources.WORD_RE.findall
    piece_scores = view["piece_scores"]
    for sp, kind, s, e, pieces, para, voice, parts in view["utts"]:
        ws = [len(findall(text, a, b)) for a, b in pieces]
        n = sum(ws)
        if not n:
            agg = [0.0] * 4
        elif len(pieces) == 1:  # sum() of one term: 0 + term
            w, v = ws[0], piece_scores[pieces[0]]
            agg = [round(float((0 + w * x) / n), 4) for x in v]
        else:
            vals = [piece_scores[p] for p in pieces]
            agg = [round(float(sum(w * v[k] for w, v in zip(ws, vals)) / n), 4) for k in range(4)]
        sent_n = len(set(pieces))
        rows.append((sp, kind, s, e, text[s:e], n, *agg, sent_n, para, voice,
                     list(parts) if kind != "voice" else [x for ab in pieces for x in ab]))
    view["utterance_rows"] = rows
    return rows


def _bootstrap(values, weights, seed: int):
    """Percentile 95% intervals of the mean and the weighted mean (resampling units); NaN for one unit."""
    return _bootstrap_many([(values, weights, seed)])[0]


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


def _bootstrap_many(samples) -> list:
    """:func:`_bootstrap` for several ``(values, weights, seed)`` at once: each is resampled with
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
        # overhead (a tenth of the time for a few units). numpy sums a row of 8 or more
        # pairwise: the bounds can differ from a per-round sum in the last bits
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


def _seed(name: str) -> int:
    import zlib

    return BOOTSTRAP_SEED ^ zlib.crc32(name.encode("utf-8"))


def _disagree(v: float, t: float) -> bool:
    return (v > 0.05 and t < -0.05) or (v < -0.05 and t > 0.05)


def speakers(article) -> pd.DataFrame:
    """One row per speaker (quoted speakers, then ``reporter`` and ``editorial`` for the voice
    text outside utterances), in order of first appearance: ``utterances`` (for a voice: its
    sentences), ``words``, ``mean`` (of the utterance scores) with ``mean_low``/``mean_high``,
    ``score`` (word-weighted mean of the utterance scores, the headline) with ``score_low``/
    ``score_high`` (seeded percentile bootstrap over utterances, 95%; NaN with one utterance), the
    word-weighted ``vader``, ``textblob`` and ``subjectivity``, ``disagreements`` (utterances where
    VADER and TextBlob point opposite ways beyond ±0.05) and ``first_start``.

    >>> from analysis import Article
    >>> t = speakers(Article.from_text('"We failed. It is a disaster," Lavrov said. "It is awful," he added. The sun shone.'))
    >>> t[["speaker", "kind", "utterances"]].values.tolist()
    [['Lavrov', 'speaker', 2], ['reporter', 'voice', 3]]
    >>> bool(t.score[0] < 0)
    True
    """
    return _frame(_speaker_rows(_as_article(article)), SPEAKER_COLUMNS, _SPEAKER_INTS)


_SPEAKER_INTS = ("utterances", "words", "disagreements", "first_start")


def speaker_columns(article) -> dict:
    """The rows of :func:`speakers` as a dict of column lists (for corpus mode, which converts the
    columns to Arrow itself); an article without any scored text gets the (typed, empty) DataFrame.

    >>> from analysis import Article
    >>> a = Article.from_text('"It is awful," Lavrov said. The sun shone.')
    >>> c = speaker_columns(a)
    >>> c["speaker"], c["utterances"], c["score"] == speakers(a).score.tolist()
    (['Lavrov', 'reporter'], [1, 2], True)
    """
    article = _as_article(article)
    rows = _speaker_rows(article)
    if not rows:
        return _frame(rows, SPEAKER_COLUMNS, _SPEAKER_INTS)
    return {name: list(col) for name, col in zip(SPEAKER_COLUMNS, zip(*rows))}


def _speaker_rows(article) -> list:
    """The rows of :func:`speakers` as tuples (cached per Article: a fresh frame costs what a copy would)."""
    view = _units(article)
    if "speaker_rows" in view:
        return view["speaker_rows"]
    groups: dict = {}
    for r in _utterance_rows(article):
        groups.setdefault(r[0], []).append(r)
    rows = []
    arrays = {sp: (np.array([r[9] for r in g], dtype=float), np.array([r[5] for r in g], dtype=float)) for sp, g in groups.items()}
    intervals = _bootstrap_many([(sc, w, _seed(sp)) for sp, (sc, w) in arrays.items()])
    for (sp, g), ((ml, mh), (sl, sh)) in zip(groups.items(), intervals):
        sc, w = arrays[sp]
        tot = float(w.sum())

        def wm(i):
            return round(float(sum(r[5] * r[i] for r in g) / tot), 4) if tot else 0.0

        kind = "voice" if all(r[1] == "voice" for r in g) else "speaker"
        dis = sum(_disagree(r[6], r[7]) for r in g)
        rows.append((sp, kind, len(g), int(tot), round(float(sc.mean()), 4), round(ml, 4), round(mh, 4), wm(9),
                     round(sl, 4), round(sh, 4), wm(6), wm(7), wm(8), int(dis), min(r[2] for r in g)))
    rows.sort(key=lambda r: (r[1] == "voice", r[14], r[0]))
    view["speaker_rows"] = rows
    return rows


def disagreements(article) -> pd.DataFrame:
    """Utterances (and voice sentences) where VADER and TextBlob disagree in sign (one above
    +0.05, the other below -0.05), with their text and offsets.

    >>> from analysis import Article
    >>> disagreements(Article.from_text("The attack was a great success, officials said.")).shape[1]
    9
    """
    rows = [r for r in _utterance_rows(_as_article(article)) if _disagree(r[6], r[7])]
    pick = [UTTERANCE_COLUMNS.index(c) for c in DISAGREEMENT_COLUMNS]
    return _frame([tuple(r[i] for i in pick) for r in rows], DISAGREEMENT_COLUMNS, ("start", "end", "words"))


def _sentence_label(x: float) -> int:
    return 1 if x > 0.05 else -1 if x < -0.05 else 0


def toward_mentions(article) -> pd.DataFrame:
    """Every actor mention (``analysis.actors.find_mentions``) in the report and editorial voices
    with :func:`toward` computed on its sentence, and who speaks there: the speaker of the
    utterance holding it, else ``reporter``/``editorial``. ``attribution`` is True for a mention
    that names the speaker of an utterance ("..., Lavrov said"): the tone of a quotation is not
    the reporter's tone toward its source, so those are left out of :func:`toward_table`.

    >>> from analysis import Article
    >>> m = toward_mentions(Article.from_text("Foreign Minister Sergey Lavrov said Washington is making a grave mistake."))
    >>> m[["speaker", "actor", "mention", "attribution"]].values.tolist()
    [['reporter', 'Sergey Lavrov', 'Sergey Lavrov', True], ['Sergey Lavrov', 'United States', 'Washington', False]]
    """
    from . import actors

    article = _as_article(article)
    view = _units(article)
    if "toward_mentions" in view:
        return view["toward_mentions"].copy()
    text = article.text
    m = actors.find_mentions(article)
    speech = view["speech"]
    sents = view["sentences"]
    sstarts = [s for s, _ in sents]
    who_spans = {(a, b) for u in speech for a, b in u[5]}
    rows = []
    for actor, s, e, voice in zip(m.actor.tolist(), m.start.tolist(), m.end.tolist(), m.voice.tolist()):
        s, e = int(s), int(e)
        if str(voice) not in VOICE_SPEAKERS:
            continue
        best = None
        for u in speech:  # innermost utterance whose own words hold the mention
            if any(a <= s and e <= b for a, b in u[4]) and (best is None or u[3] - u[2] < best[3] - best[2]):
                best = u
        speaker = best[0] if best is not None else VOICE_SPEAKERS[str(voice)]
        i = max(0, bisect_right(sstarts, s) - 1)
        s0, s1 = sents[i] if sents else (0, len(text))
        if not (s0 <= s and e <= s1):
            s0, s1 = min(s0, s), max(s1, e)
        val = toward(text[s0:s1], s - s0, e - s0)
        attribution = best is None and any(a <= s and e <= b for a, b in who_spans)
        rows.append((speaker, str(actor), s, e, text[s:e], round(val, 4), _sentence_label(val), s0, s1, text[s0:s1],
                     str(voice), bool(attribution)))
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for c in ("start", "end", "label", "sentence_start", "sentence_end"):
        df[c] = df[c].astype("int64")
    view["toward_mentions"] = df
    return df.copy()


def toward_table(article) -> pd.DataFrame:
    """Speaker × actor: the mean :func:`toward` over the actor's mentions in each speaker's text
    (attributions of quotations left out), counts of negative/neutral/positive mentions, and the
    evidence: the mention with the strongest value (``start``/``end``/``mention``) and its
    sentence (``evidence_start``/``evidence_end``/``evidence``). Rows sorted by speaker order of
    appearance, then by the number of mentions.

    >>> from analysis import Article
    >>> t = toward_table(Article.from_text("Foreign Minister Sergey Lavrov said Washington is making a grave mistake."))
    >>> t[["speaker", "actor", "mentions"]].values.tolist()
    [['Sergey Lavrov', 'United States', 1]]
    >>> bool(t.toward[0] < -0.05)
    True
    """
    article = _as_article(article)
    toward_mentions(article)
    m = _units(article)["toward_mentions"]
    keep = ~m.attribution.to_numpy(dtype=bool)
    cols = {c: m[c].tolist() for c in ("speaker", "actor", "start", "end", "mention", "toward", "label",
                                        "sentence_start", "sentence_end", "sentence")}
    groups: dict = {}
    order: dict = {}
    for i in np.flatnonzero(keep):
        sp = cols["speaker"][i]
        order.setdefault(sp, (sp in VOICE_SPEAKERS.values(), cols["start"][i]))
        groups.setdefault((sp, cols["actor"][i]), []).append(i)
    rows = []
    for (sp, actor), idx in groups.items():
        vals = [cols["toward"][i] for i in idx]
        labels = [cols["label"][i] for i in idx]
        k = idx[int(np.argmax(np.abs(vals)))]
        rows.append((sp, actor, len(idx), round(float(np.mean(vals)), 4), sum(x < 0 for x in labels),
                     sum(x == 0 for x in labels), sum(x > 0 for x in labels), cols["start"][k], cols["end"][k],
                     cols["mention"][k], cols["sentence_start"][k], cols["sentence_end"][k], cols["sentence"][k]))
    rows.sort(key=lambda r: (order[r[0]], -r[2], r[1]))
    return _frame(rows, TOWARD_COLUMNS, ("mentions", "negative", "neutral", "positive", "start", "end",
                                         "evidence_start", "evidence_end"))


def tables(article) -> dict:
    """Every table of the sentiment analysis (the CLI's ``sentiment`` subcommand; ``speakers``
    first): ``speakers``, ``utterances``, ``toward`` (speaker × actor), ``disagreements``,
    ``toward_mentions``.

    >>> from analysis import load_article
    >>> list(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))
    ['speakers', 'utterances', 'toward', 'disagreements', 'toward_mentions']
    """
    article = _as_article(article)
    return {"speakers": speakers(article), "utterances": utterance_scores(article), "toward": toward_table(article),
            "disagreements": disagreements(article), "toward_mentions": toward_mentions(article)}


# ------------------------------------------------------------------------------- validation
VALIDATION_JSON = Path(__file__).resolve().parent.parent / "data" / "validation" / "sentiment.json"


def validation(path=None) -> dict:
    """The validation figures committed by ``scripts/eval_sentiment.py --write`` and
    ``bench/bench_sentiment.py --write`` (this reads the repository's
    ``data/validation/sentiment.json`` only, never the evaluation data): ``figures`` (one row per
    measure: ``task``, ``data``, ``method``, ``value``, ``target``), and the raw ``json``.

    >>> v = validation()
    >>> list(v["figures"].columns)
    ['task', 'data', 'method', 'value', 'target']
    """
    import json

    p = Path(path) if path else VALIDATION_JSON
    d = json.loads(p.read_text(encoding="utf-8"))
    rows = []
    nyt, cv = d.get("nyt_dev", {}), d.get("nyt_cv", {})
    task = "sentence score: Pearson r with human means"
    for key, label in (("r_vader", "VADER compound alone"), ("r_textblob", "TextBlob polarity alone"),
                       ("r_sum", "VADER + TextBlob (sum)")):
        if key in nyt:
            rows.append((task, "NYT dev", label, nyt[key], None))
    for key, label in (("base_features", "linear model, 6 features (CV by article)"),
                       ("base_features_plus_pool_words", "+ word table learned without NYT (CV by article)"),
                       ("full", "score: + NYT residual words (CV by article; the figure to quote)")):
        if key in cv:
            rows.append((task, "NYT dev", label, cv[key]["by_article"][0], 0.52 if key == "full" else None))
    if "full" in cv:
        rows.append((task, "NYT dev", "score (CV, random folds)", cv["full"]["random"][0], None))
    if "r_score_in_sample" in nyt:
        rows.append((task, "NYT dev", "score, in-sample (optimistic: fitted on this file)", nyt["r_score_in_sample"], None))
    mt, mcv = d.get("newsmtsc_dev", {}), d.get("newsmtsc_train_cv", {})
    task = "toward a target: macro-F1 (±0.05)"
    for key, label in (("macro_f1_all_neutral", "all neutral"), ("macro_f1_vader_sentence", "VADER, whole sentence"),
                       ("macro_f1_vader_8_words", "VADER, ±8 words around the target"),
                       ("macro_f1_toward", "toward() (nothing fitted on dev but the class shares)")):
        if key in mt:
            rows.append((task, "NewsMTSC dev", label, mt[key], 0.55 if key == "macro_f1_toward" else None))
    for key, label in (("dense_only", "toward() without the word table (CV)"), ("full", "toward() (CV)")):
        if key in mcv:
            v = mcv[key]
            rows.append((task, "NewsMTSC train", label, v["train"] if isinstance(v, dict) else v, None))
            if isinstance(v, dict):
                rows.append((task, "NewsMTSC train", label.replace("(CV)", "(CV, classes weighted to real-world shares)"),
                             v["rw_weighted"], None))
    sp = d.get("speed", {})
    if "ratio" in sp:
        rows.append(("speed: score_sentences / bare VADER", f"{sp.get('n')} sentences", "time ratio", round(sp["ratio"], 2), 2.0))
    fig = pd.DataFrame(rows, columns=["task", "data", "method", "value", "target"])
    return {"figures": fig, "json": d}


def describe(tabs) -> list[str]:
    """Plain sentences that read the tables of :func:`tables` for a notebook (numbers in the text,
    no judgement beyond the intervals): who is reliably negative/positive, the reporter against
    the editorial voice, the clearest speaker → actor tones, and the disagreements.

    >>> from analysis import load_article
    >>> describe(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))[0][:13]
    'Sergey Lavrov'
    """
    sp = tabs["speakers"]
    out = []
    for r in sp.itertuples():
        if r.utterances < 2 or r.score_low != r.score_low:
            continue
        where = ("negative" if r.score_high < 0 else "positive" if r.score_low > 0 else
                 "not distinguishable from neutral")
        out.append(f"{r.speaker}: {where} (score {r.score:+.2f}, 95% interval {r.score_low:+.2f} to {r.score_high:+.2f}; "
                   f"{r.utterances} {'sentences' if r.kind == 'voice' else 'utterances'}, {r.words} words).")
    single = [r.speaker for r in sp.itertuples() if r.utterances < 2]
    if single:
        out.append(f"One utterance only (no interval): {', '.join(single)}.")
    t = tabs["toward"]
    strong = t[(t.mentions >= 2) & (t.toward.abs() > 0.05)].sort_values(["toward", "speaker", "actor"])
    for r in list(strong.itertuples())[:3]:
        out.append(f"{r.speaker} → {r.actor}: mean toward {r.toward:+.2f} over {r.mentions} mentions "
                   f"({r.negative} negative, {r.positive} positive).")
    d = tabs["disagreements"]
    out.append(f"VADER and TextBlob point opposite ways on {len(d)} of {len(tabs['utterances'])} scored units.")
    return out
