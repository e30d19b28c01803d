"""Offline NLP resources, all in one place: nothing is downloaded, ever.

* VADER: nltk's ``SentimentIntensityAnalyzer`` with the lexicon that ships inside the installed
  ``vaderSentiment`` wheel. NLTK 3.10 refuses absolute ``file:`` paths, so the wheel's folder is
  put on ``nltk.data.path`` and the lexicon is loaded by its relative resource name.
  :func:`vader` returns a subclass whose tokenizer gives nltk's tokens without building nltk's
  table of every word with every punctuation mark glued on (two thirds of nltk's time per
  sentence) and whose per-token loop calls nltk's checks only where they can change a valence
  (a text with no lexicon word scores neutral at once); the scores are nltk's, and a self-check
  falls back to nltk's own class if they ever differ. :func:`nltk_vader` is the unmodified class
  (the benchmarks' "bare VADER").
* Punkt: a ``PunktSentenceTokenizer`` built in code from ``PunktParameters`` with the abbreviations
  in ``data/lexicons/abbreviations.csv`` (no pickled model needed); :class:`FastPunkt` gives nltk's
  spans without nltk's per-token objects (a self-check falls back to nltk's own class).
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

    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    punct = frozenset(string.punctuation)  # nltk's REGEX_REMOVE_PUNCTUATION: [string.punctuation]

    def tokens(text, marks: frozenset) -> list:
        """nltk's ``SentiText`` tokens: words of two characters or more, a word with a run of
        punctuation from ``marks`` (nltk's ``PUNC_LIST``) glued before or after it stripped of it.
        nltk looks every token up in a table of (mark + word) and (word + mark) for every word of
        the text and every mark; a token is in that table exactly when its leading (or trailing)
        run of punctuation is one of the marks and the rest holds no punctuation and has two
        characters or more."""
        if not isinstance(text, str):
            text = str(text.encode("utf-8"))  # as SentiText does
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
            wes = tokens(text, self._marks)
            if not wes:
                return dict(self._empty)
            lexicon = self.lexicon
            lows = " ".join(wes).lower().split(" ")  # tokens hold no space; lower() adds none
            hits = [k for k, low in enumerate(lows) if low in lexicon]
            if not hits:  # every sentiment 0: nltk's score_valence gives neu 1.0
                return dict(self._zero)
            c = self.constants
            booster, c_incr = c.BOOSTER_DICT, c.C_INCR
            n_up = sum(map(str.isupper, wes))
            caps = 0 < len(wes) - n_up < len(wes)  # nltk's allcap_differential
            last = len(wes) - 1
            sentiments = [0] * len(wes)
            negated, idiom_words = self._negated_word, self._idiom_words
            for k in hits:
                item, low = wes[k], lows[k]
                i = wes.index(item) if k else 0  # nltk's first_index: the token's first position
                if (i < last and low == "kind" and lows[i + 1] == "of") or low in booster:
                    continue
                valence = lexicon[low]
                if caps and item.isupper():
                    valence = valence + c_incr if valence > 0 else valence - c_incr
                for start_i in range(3):
                    j = i - (start_i + 1)
                    if i > start_i and lows[j] not in lexicon:
                        s = booster.get(lows[j], 0.0)  # nltk's scalar_inc_dec
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

    return FastVader


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
        cls = _fast_vader_class()
        fast = cls.__new__(cls)
        fast.__dict__.update(ref.__dict__)  # the same lexicon and constants, loaded once
        fast._marks = frozenset(ref.constants.PUNC_LIST)
        fast._negated_memo = {}
        fast._setup()
        if all(fast.polarity_scores(t) == ref.polarity_scores(t) for t in VADER_CHECK):
            return fast
    except Exception:  # another nltk version: use its own class
        pass
    return ref


@lru_cache(maxsize=None)
def punkt() -> PunktSentenceTokenizer:
    """A Punkt sentence splitter built from parameters in code (cached): :class:`FastPunkt` (nltk's
    spans, computed faster) unless its self-check on :data:`PUNKT_CHECK` finds any difference.

    >>> list(punkt().span_tokenize("Mr. Lavrov left. J. Kerry stayed (at 5 p.m.). Yes."))
    [(0, 16), (17, 45), (46, 50)]
    """
    params = PunktParameters()
    params.abbrev_types = set(lexicons.load("abbreviations").abbreviation.str.strip().str.lower())
    try:
        fast = FastPunkt(params)
        if fast._fast is not None and all(
                list(fast.span_tokenize(t)) == list(PunktSentenceTokenizer.span_tokenize(fast, t)) for t in PUNKT_CHECK):
            return fast
    except Exception:  # another nltk version: use its own class
        pass
    return PunktSentenceTokenizer(params)


# Texts whose nltk spans FastPunkt must reproduce exactly (else nltk's class is used): abbreviations,
# initials, numbers, ellipses, ?!, quotes and brackets after a period, line breaks, "--".
PUNKT_CHECK = ('Mr. Lavrov said so. "No." He left (at 5 p.m.). J. F. Kennedy won 3. Then ... what?! Yes.',
               'U.S.-led strikes. 2015. it was. St. Paul\'s. a. b. Sen. x.\nNew line. "Quote." \u201cCurly.\u201d Next',
               "Wait -- why? 'Because.' [1]. 12.5 per cent. Oct. 3. No. 5. e.g. this. Hmm.. ok... . . . Done!",
               "", " ", ".", "A.", "He said: \u00abOui.\u00bb Then) left.  Two  spaces.\tTab. End.)")


class FastPunkt(PunktSentenceTokenizer):
    """nltk's ``PunktSentenceTokenizer`` whose ``span_tokenize`` computes nltk's spans without
    nltk's token objects and regex wrappers, for parameters with abbreviations only (no
    collocations, sentence starters or orthographic data: then nltk's decision about a candidate
    break depends only on the token before and the token after it, see :meth:`_breaks`). nltk's
    own patterns run on the standard ``re`` engine; a text holding a character on which ``re``
    and nltk's ``regex`` engine could disagree (``\\s``, ``\\d``, ``\\w``), or any other case it
    does not cover, takes nltk's own path."""

    _fast = None

    def __init__(self, params):
        super().__init__(params)
        lv, p = self._lang_vars, self._params
        if p.collocations or p.sent_starters or any(p.ortho_context.values()) or tuple(lv.sent_end_chars) != (".", "?", "!") \
                or tuple(self.PUNCTUATION) != tuple(";:,.!?") or type(lv).__name__ != "PunktLanguageVars":
            return

        def std(timed):
            if timed.flags & ~(0x2000 | re.UNICODE | re.VERBOSE | re.MULTILINE):
                raise ValueError("unknown regex flags")
            return re.compile(timed.pattern, re.UNICODE | (timed.flags & (re.VERBOSE | re.MULTILINE)))

        from nltk import redos
        from nltk.tokenize.punkt import PunktToken

        self._period_re = std(lv.period_context_re())
        self._word_re = std(lv._word_tokenizer_re())
        self._realign_re = std(lv.re_boundary_realignment)
        self._numeric_re = std(PunktToken._RE_NUMERIC)
        self._initial_re = std(PunktToken._RE_INITIAL)
        self._ellipsis_re = std(PunktToken._RE_ELLIPSIS)
        # characters below U+3000 on which the two engines agree for \s, \d and \w; any other
        # character sends the text to nltk's path
        sample = "".join(map(chr, range(0x3000)))
        bad = set()
        for cls in (r"\s", r"\d", r"\w"):
            bad |= set(re.findall(cls, sample)) ^ set(redos.compile(cls, re.UNICODE).findall(sample, timeout=None))
        bad_class = "".join(sorted(re.escape(c) for c in bad))
        self._unsafe_re = re.compile(f"[{bad_class}\u3000-\U0010ffff]" if bad_class else "[\u3000-\U0010ffff]")
        self._abbrevs = frozenset(p.abbrev_types)
        self._fast = True

    def span_tokenize(self, text, realign_boundaries=True):
        if self._fast is None or not realign_boundaries or self._unsafe_re.search(text) is not None:
            return super().span_tokenize(text, realign_boundaries)
        return iter(self._spans(text))

    def _spans(self, text: str) -> list[tuple[int, int]]:
        # nltk's _slices_from_text over _match_potential_end_contexts
        slices, last_break = [], 0
        prev, p0, p1 = None, 0, 0
        for m in [*self._period_re.finditer(text), None]:
            if m is not None:
                ms = m.start()
                before = text[p1:ms]
                k = max(before.rfind(" "), before.rfind("\t"), before.rfind("\n"), before.rfind("\r"),
                        before.rfind("\x0b"), before.rfind("\x0c"))  # nltk: 0 when there is none
                k = k + p1 + 1 if k > 0 else p0
                if prev is None or p1 > k:
                    prev, p0, p1 = m, k, ms
                    continue
            if prev is None:
                break
            if self._breaks(text[p0:p1] + prev.group() + prev.group("after_tok")):
                slices.append((last_break, prev.end()))
                last_break = prev.start("next_tok") if prev.group("next_tok") else prev.end()
            if m is not None:
                prev, p0, p1 = m, k, ms
        slices.append((last_break, len(text.rstrip())))
        # nltk's _realign_boundaries
        out, realign, last = [], 0, len(slices) - 1
        for i, (s1, e1) in enumerate(slices):
            s1 += realign
            if i < last:
                s2, e2 = slices[i + 1]
                m = self._realign_re.match(text[s2:e2])
                if m:
                    out.append((s1, s2 + len(m.group(0).rstrip())))
                    realign = m.end()
                    continue
                realign = 0
            if text[s1:e1]:
                out.append((s1, e1))
        return out

    def _breaks(self, context: str) -> bool:
        """nltk's ``text_contains_sentbreak``: does a token other than the last end a sentence?"""
        toks = []
        for line in context.split("\n"):
            if line.strip():
                toks += self._word_re.findall(line)
        for i in range(len(toks) - 1):
            tok = toks[i]
            if tok in (".", "?", "!"):
                pass
            elif self._ellipsis_re.match(tok) or tok[-1:] != "." or tok.endswith(".."):
                continue
            else:
                low = tok[:-1].lower()
                if low in self._abbrevs or low.split("-")[-1] in self._abbrevs:
                    continue  # an abbreviation: with no orthographic data it never becomes a break
            if tok[-1] == ".":
                # nltk's second pass: an initial or a number before punctuation or a lower-case word
                # (an initial also before an upper-case word) is no break
                typ = "##number##" if self._numeric_re.match(tok.lower()) else tok.lower()
                if len(typ) > 1 and typ[-1] == ".":
                    typ = typ[:-1]
                initial = self._initial_re.match(tok) is not None
                if initial or typ == "##number##":
                    nxt = toks[i + 1]
                    if nxt in self.PUNCTUATION or nxt[0].islower() or (initial and nxt[0].isupper()):
                        continue
            return True
        return False


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
