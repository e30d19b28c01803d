"""What kind of source speaks (:func:`speaker_type`) and how sure the attribution is
(:func:`confidence`).

``speaker_type`` is one of :data:`SPEAKER_TYPES`: ``person`` (a person the article names),
``organisation`` (a named organisation, government, country, outlet, or an organisation noun:
"police", "the ministry"), ``group`` (plural unnamed people: "officials", "the loggers"),
``anonymous`` (one unnamed person: "a spokesman", "the woman"), ``document`` ("the report", "a
statement", "the legislation") or ``unknown`` (no speaker). It comes from the actor table where the
speaker is an actor the article names, else from the head of the speaker phrase.

``confidence`` is the estimated probability that the row is right in the sense of the evaluation
data: its content span is an attribution (overlapping a gold one) and its speaker is the gold
speaker (the speaker's last name in the gold source). It is a logistic model over what the row
shows of its own making (:func:`features`: the rule that found it, how the speaker was resolved,
the kind of report and of cue, the speaker type, distances between cue, speaker and content, and
whether a reported clause runs to its sentence's end over commas, where it may take in the
reporter's words),
learned on PolNeAR train by ``scripts/train_confidence.py`` and shipped as
``data/models/confidence.json``; its calibration is measured on PolNeAR dev and the wild dev
articles (README). Read it as: of the rows at confidence 0.8 or more, at least 9 in 10 are right.
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from pathlib import Path

from .. import actors as _actors
from .grammar import respondents

SPEAKER_TYPES = ("person", "organisation", "group", "anonymous", "document", "unknown")
MODEL = Path(__file__).resolve().parent.parent.parent / "data" / "models" / "confidence.json"
# actor kinds of actors.csv (and "person") -> speaker type
ACTOR_TYPES = {"person": "person", "media": "organisation", "government": "organisation", "country": "organisation",
               "military": "organisation", "armed_group": "organisation", "coalition": "organisation",
               "party": "organisation", "organisation": "organisation", "bloc": "organisation",
               "region": "organisation"}
HOWS = ("after", "after-inverted", "after-dash", "before", "before-block", "colon", "colon-intro", "reported", "final",
        "parenthetical", "participle", "according", "continuation", "transcript", "unattributed")
RESOLVED = ("name", "alias", "phrase", "pronoun", "role", "label", "previous")
KINDS = ("direct", "mixed", "indirect", "partial")
CUE_TYPES = ("speech", "belief", "knowledge", "evaluation", "source")
PLAIN_VERBS = ("say", "tell", "add")
NO_SPEAKER_CONFIDENCE = 0.0  # a row with no speaker is never right about who speaks


def speaker_type(an, u) -> str:
    """The type of the speaker of utterance ``u`` (see the module docstring)."""
    name = u.speaker
    if not name:
        return "unknown"
    if u.resolved == "label" and name == "questioner":
        return "anonymous"
    kind = _actors.kind(an.article, name, an.aliases)
    if kind in ACTOR_TYPES:
        return ACTOR_TYPES[kind]
    g = an.g
    words = name.split()
    low = [w.lower().strip(".,;:") for w in words]
    k = next((i for i in range(1, len(low) - 1) if low[i] in g.postmod), len(low))
    if respondents(g, words):
        return "group"  # "about four in 10", "47%": respondents
    head = low[k - 1]  # "a statement from the ministry": the head before 'from'
    if words[-1].islower() and low[-1] in g.document_noun:
        return "document"  # "A University of New Hampshire poll"
    if head in g.document_noun or head.endswith("s") and head[:-1] in g.document_noun:
        return "document"
    if head in g.org_noun:
        return "organisation"
    if name[:1].isupper() and low[0] not in g.det and low[0] not in g.quant:
        return _actors.name_kind(name)
    if low[0] == "the" and len(words) > 1 and all(w[:1].isupper() or w.lower() in ("of", "on", "for", "and", "the")
                                                  for w in words[1:]):
        return _actors.name_kind(" ".join(words[1:]))  # "The Oil and Gas Climate Initiative"
    if low[0] in ("one", "a", "an") and len(low) > 1 and not head.endswith("s"):
        return "anonymous"  # "one lawmaker", "a spokesman"
    if head in g.group_noun or head in g.quant or head.endswith("s") and not head.endswith(("ss", "us", "is")):
        return "group"
    return "anonymous"


def features(an, u, kind: str) -> dict:
    """The facts of an utterance's making the confidence model reads (names -> values)."""
    f = {"bias": 1.0, f"how={u.how}": 1.0, f"resolved={u.resolved or 'none'}": 1.0, f"kind={u.kind}": 1.0,
         f"type={kind}": 1.0}
    info = getattr(u.cue, "info", None) if u.cue is not None else None
    f[f"cue={info.type if info is not None else ('colon' if u.cue is not None else 'none')}"] = 1.0
    if info is not None and info.verb in PLAIN_VERBS:
        f["plain_verb"] = 1.0  # say, tell, add: the most common and least ambiguous cues
    if u.src is not None and an.doc.text[u.src[0]:u.src[0] + 1].isupper():
        f["mention_capitalised"] = 1.0
    if u.src is not None and u.cue is not None:
        gap = min(abs(u.cue.start - u.src[1]), abs(u.src[0] - u.cue.end))
        f["log_cue_speaker_gap"] = math.log1p(gap)
        f["log_mention_words"] = math.log1p(len(an.doc.text[u.src[0]:u.src[1]].split()))
    if u.cue is not None:
        gap = u.start - u.cue.end if u.cue.end <= u.start else u.cue.start - u.end
        f["log_cue_content_gap"] = math.log1p(max(0, gap))
    f["log_content_words"] = math.log1p(len(an.doc.text[u.start:u.end].split()))
    if u.kind in ("indirect", "mixed"):
        # a reported clause running to its sentence's end past commas may take in the reporter's words
        _, _, se, _ = an.doc.sentence_at(u.start)
        if an.doc.text[u.end:se].strip(" .!?\"'\u201d\u2019)") == "":
            f["content_to_sentence_end"] = 1.0
        f["log_content_commas"] = math.log1p(an.doc.text.count(",", u.start, u.end))
    if an.doc.pvoice[u.para] == "editorial":
        f["editorial"] = 1.0
    return f


def confidence(an, u, kind: str) -> float:
    """The probability that ``u`` is right about what is said and who says it (module docstring),
    rounded to 0.01."""
    if not u.speaker:
        return NO_SPEAKER_CONFIDENCE
    model = _model(_model_stamp())
    z = sum(model["coef"].get(k, 0.0) * v for k, v in features(an, u, kind).items())
    return round(1.0 / (1.0 + math.exp(-z)), 2)


def _model_stamp():
    try:
        return os.stat(MODEL).st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=2)
def _model(_stamp) -> dict:
    """The shipped coefficients (``data/models/confidence.json``)."""
    with open(MODEL, encoding="utf-8") as f:
        return json.load(f)
