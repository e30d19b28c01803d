"""Tone toward a target: :func:`toward` reads the words around a mention ``text[start:end]``."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .. import resources
from .lexicon import shifters, weights, word_weights
from .scores import normalise, shifted, vader_tables

TOWARD_FEATURES = ("outside", "exp4", "exp16", "win8", "before", "before_exp3", "before_neg", "before_pos",
                   "after", "after_exp3", "after_neg", "after_pos", "inside", "position", "first", "shifted")



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
    lex, negate = vader_tables()
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
    f["shifted"] = shifted([w for i, w in enumerate(lower) if not lo <= i <= hi], lex, shifters())
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



def _toward_model():
    return weights()["toward"], word_weights("toward_words")
