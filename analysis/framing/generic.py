"""The five generic news frames of Semetko & Valkenburg (2000) in a text: cue groups (one per coding
question) counted, and a small per-frame linear model shipped as data
(``data/lexicons/frame_model.csv``) weighing them.
"""
from __future__ import annotations

import math
from functools import lru_cache

from .. import lexicons
from .cues import _MEMO, GENERIC_FRAMES, _lexicon_stamp, _matcher, _raw_hits, check_text


def group_counts(text: str, scheme: str = "generic") -> dict[str, float]:
    """Summed cue weights per cue group (``group`` column of the lexicon) of one scheme.

    >>> c = group_counts("The pope said greed is a sin.")
    >>> c["morality.religion"], c["morality.moral"], c["morality.prescription"]
    (2.5, 2.5, 1.5)
    """
    out: dict[str, float] = {}
    for h in _raw_hits(text):
        if h[3] == scheme:
            out[h[7]] = out.get(h[7], 0.0) + h[6]
    return out


@lru_cache(maxsize=4)
def _generic_model(_stamp) -> dict:
    df = lexicons.load("frame_model")
    model: dict = {}
    for r in df.itertuples(index=False):
        model.setdefault(r.frame.strip(), {})[r.feature.strip()] = float(r.coef)
    return model


def generic_model() -> dict[str, dict[str, float]]:
    """The per-frame linear model of ``data/lexicons/frame_model.csv``: ``{frame: {feature: coef}}``;
    features are cue groups (value ``log(1 + weighted count)``) and ``intercept``."""
    _matcher()  # refreshes the once-a-second stamp memo
    stamp = _MEMO.get("frame_model")
    if stamp is None:
        stamp = _MEMO["frame_model"] = _lexicon_stamp("frame_model")
    return _generic_model(stamp)


def generic_scores(text: str) -> dict[str, float]:
    """Each generic frame's model score on ``text`` (present when ≥ 0); see :func:`generic_frames`.

    >>> s = generic_scores("The pope called greed a sin. We must repent; shame on the hypocrites who preach.")
    >>> s["morality"] > 0 > s["economic"]
    True
    """
    return model_scores(group_counts(check_text(text)))


def generic_frames(text: str) -> set[str]:
    """Which of the five generic frames (Semetko & Valkenburg 2000) an article uses.

    Each frame's cue groups (one per coding question: ``morality.religion``, ``economic.costs``...)
    are counted (summed cue weights), and a small per-frame logistic model shipped as data
    (``data/lexicons/frame_model.csv``, fitted on the Narrative Frames Corpus dev articles by
    ``scripts/eval_frames.py``) weighs ``log(1 + count)`` of each group; a frame is present when
    its score is ≥ 0.

    >>> sorted(generic_frames("Critics slammed the plan. Opponents accused the minister of lying, "
    ...     "and the two sides clashed again over who will win the vote."))
    ['conflict']
    >>> generic_frames("")
    set()
    """
    if not check_text(text).strip():
        return set()
    return {f for f, s in generic_scores(text).items() if s >= 0}


def model_scores(groups: dict) -> dict[str, float]:
    """Each generic frame's score from summed cue weights per group (``{group: weight}``): the
    frame's intercept plus ``coef * log(1 + weight)`` over its groups.

    >>> model_scores({})["conflict"] == generic_model()["conflict"]["intercept"]
    True
    """
    model = generic_model()
    out = {}
    for frame in GENERIC_FRAMES:
        coefs = model.get(frame, {})
        out[frame] = coefs.get("intercept", 0.0) + sum(c * math.log1p(groups.get(g, 0.0))
                                                       for g, c in coefs.items() if g != "intercept")
    return out

