"""The five generic news frames of Semetko & Valkenburg (2000) in a text: cue groups (one per coding
question) counted, and a small per-frame linear model shipped as data
(``data/lexicons/frame_model.csv``) weighing them, with at most one related cue total from the other
schemes (the Policy Frames Codebook frame or Entman function that asks the same question).
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

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


def feature_key(scheme: str, group: str) -> str:
    """The model feature a cue group feeds: generic and Entman groups by their own (dotted) names,
    issue groups (named by their frame) as ``issue.<frame>``.

    >>> feature_key("generic", "morality.moral"), feature_key("issue", "morality")
    ('morality.moral', 'issue.morality')
    >>> feature_key("entman", "entman.remedy")
    'entman.remedy'
    """
    return f"issue.{group}" if scheme == "issue" else group


def model_features(groups_by_scheme: dict) -> dict[str, float]:
    """The model's inputs from summed cue weights per group of each scheme
    (``{scheme: {group: weight}}``): ``{feature_key(scheme, group): weight}``.

    >>> model_features({"generic": {"morality.moral": 2.5}, "issue": {"morality": 3.0}})
    {'morality.moral': 2.5, 'issue.morality': 3.0}
    """
    out: dict[str, float] = {}
    for scheme, groups in groups_by_scheme.items():
        for g, w in groups.items():
            k = feature_key(scheme, g)
            out[k] = out.get(k, 0.0) + w
    return out


def feature_counts(text: str) -> dict[str, float]:
    """Summed cue weights per model feature of ``text`` (see :func:`model_features`): every generic
    cue group, every Entman function, every issue frame.

    >>> c = feature_counts("The pope said greed is a sin.")
    >>> c["morality.religion"], c["issue.morality"]
    (2.5, 6.0)
    """
    out: dict[str, float] = {}
    for h in _raw_hits(text):
        if h[3] != "all":
            k = feature_key(h[3], h[7])
            out[k] = out.get(k, 0.0) + h[6]
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
    features are cue groups (see :func:`feature_key`; value ``log(1 + weighted count)``) and
    ``intercept``."""
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
    return model_scores(feature_counts(check_text(text)))


def generic_frames(text: str) -> set[str]:
    """Which of the five generic frames (Semetko & Valkenburg 2000) an article uses.

    Each frame's cue groups (one per coding question: ``morality.religion``, ``economic.costs``...)
    are counted (summed cue weights), with one related cue total of another scheme for some frames
    (the issue frames ``issue.economic`` for economic and ``issue.political`` for conflict,
    Entman's ``entman.remedy`` for responsibility), and a small
    per-frame logistic model shipped as data (``data/lexicons/frame_model.csv``, fitted on the
    Narrative Frames Corpus dev articles by ``scripts/eval_frames.py``) weighs ``log(1 + count)``
    of each; a frame is present when its score is ≥ 0.

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
    """Each generic frame's score from summed cue weights per model feature (``{feature: weight}``,
    see :func:`model_features`): the frame's intercept plus ``coef * log(1 + weight)`` over its
    features.

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



EVIDENCE_COLUMNS = ["frame", "present", "score", "group", "contribution", "start", "end", "cue", "text", "weight"]


def generic_evidence(text) -> pd.DataFrame:
    """The evidence behind :func:`generic_frames`, for a reader to check: one row per cue hit of the
    generic scheme and per hit of another scheme's group that a frame's model weighs, with the
    decision it fed.

    Columns: ``frame``, ``present`` (the frame's decision), ``score`` (the frame's model score: the
    frame is present when it is >= 0), ``group`` (the cue group, one per coding question),
    ``contribution`` (what the whole group adds to the score: ``coef * log(1 + group weight)``;
    a cue of another scheme appears under each frame whose model weighs its group, e.g.
    ``issue.political``),
    ``start``, ``end``, ``cue``, ``text`` (= ``text[start:end]``), ``weight`` (the cue's weight).
    Rows are ordered by frame (present first, highest score first), then by contribution of the
    group, then by position. ``text`` may be an :class:`~analysis.Article` (offsets into its text).

    >>> text = "Critics slammed the plan. Opponents accused the minister of lying."
    >>> ev = generic_evidence(text)
    >>> set(ev[ev.present].frame) == generic_frames(text), bool((ev.score >= 0).eq(ev.present).all())
    (True, True)
    >>> all(text[s:e] == t for s, e, t in zip(ev.start, ev.end, ev.text))
    True
    """
    text = text.text if hasattr(text, "text") and not isinstance(text, str) else check_text(text)
    model = generic_model()
    users: dict[str, list] = {}  # feature -> the frames whose model weighs it
    for frame, coefs in model.items():
        for g in coefs:
            if g != "intercept":
                users.setdefault(g, []).append(frame)
    hits = []  # (frame, feature, hit): a generic cue under its own frame, any cue under each frame using it
    groups: dict[str, float] = {}
    for h in _raw_hits(text):
        if h[3] == "all":
            continue
        key = feature_key(h[3], h[7])
        groups[key] = groups.get(key, 0.0) + h[6]
        frames = [h[2]] if h[3] == "generic" else []
        hits += [(f, key, h) for f in dict.fromkeys(frames + users.get(key, []))]
    scores = model_scores(groups)
    rows = []
    for frame, group, h in hits:
        coef = model.get(frame, {}).get(group, 0.0)
        rows.append((frame, scores.get(frame, 0.0) >= 0, round(scores.get(frame, 0.0), 4), group,
                     round(coef * math.log1p(groups[group]), 4), h[0], h[1], h[4], text[h[0]:h[1]], h[6]))
    rows.sort(key=lambda r: (not r[1], -r[2], r[0], -r[4], r[3], r[5]))
    df = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "present": "bool", "score": "float64",
                      "contribution": "float64", "weight": "float64"})
