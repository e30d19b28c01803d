"""Framing language: which frames an article's words evoke, where, and in whose voice.

Frames come from cues in the lexicon ``data/lexicons/frames.csv`` (every cue with a ``weight``, a
``rationale`` and a ``source``), in three schemes:

* ``issue``: the 15 frames of the Policy Frames Codebook (Boydstun et al. 2014): economic,
  capacity_resources, morality, fairness_equality, legality, policy, crime_punishment,
  security_defense, health_safety, quality_of_life, cultural_identity, public_opinion, political,
  external_regulation, other;
* ``generic``: the five generic news frames of Semetko & Valkenburg (2000): conflict,
  human_interest, economic, morality, responsibility;
* ``entman``: a reading aid after Entman (1993): cues of problem_definition, causal_attribution,
  moral_evaluation and remedy.

The package's modules, in the order data flows through them:

* :mod:`.cues`: the cue lexicons compiled and matched on plain text (:func:`find_frames`,
  :func:`dominant_frame`, :func:`find_hedges`);
* :mod:`.generic`: the generic frames of a text from its cue groups and a small shipped model
  (:func:`generic_frames`), and the cues that decided each one, with offsets
  (:func:`generic_evidence`);
* :mod:`.voices`: the per-article view: where each cue is and who speaks there, rates per voice,
  frames per paragraph, Entman's functions, hedges per speaker;
* :mod:`.labels`: how actors are named and speech is reported, per voice;
* :mod:`.reading`: every table at once (:func:`tables`), cues marked in sentences as escaped HTML,
  the two voices compared, the committed validation figures.

>>> hits = find_frames("Taxes rose and the court ruled the ban unconstitutional.")
>>> hits[hits.scheme == "issue"][["start", "end", "frame", "cue", "text"]].values.tolist()[:3]
[[0, 5, 'economic', 'tax', 'Taxes'], [19, 30, 'legality', 'court ruling', 'court ruled'],
 [35, 38, 'policy', 'ban', 'ban']]
>>> dominant_frame("The court ruled the law unconstitutional.")
'legality'
>>> dominant_frame("Nothing to see here.")
'other'
"""
from .cues import (EXCLUSIVE, GENERIC_FRAMES, HEDGE_COLUMNS, HIT_COLUMNS, ISSUE_FRAMES, SCHEMES, TOKEN_RE,
                   check_text, dominant_frame, expand_cue, find_frames, find_hedges, frame_scores, lexicon, stem)
from .generic import (EVIDENCE_COLUMNS, feature_counts, feature_key, generic_evidence, generic_frames, generic_model,
                      generic_scores, group_counts, model_features, model_scores)
from .labels import (NAMING_COLUMNS, REPORTING_COLUMNS, SCARE_COLUMNS, label_contrast, naming, reporting_verbs,
                     scare_quotes)
from .reading import (VALIDATION_JSON, compare_voices, evidence, evidence_html, highlight_html, tables, validation,
                      validation_tables)
from .voices import (DOMINANT_COLUMNS, ENTMAN_ROLES, HITS_VIEW_COLUMNS, by_paragraph, dominant_columns,
                     dominant_frames, entman, entman_summary, hedge_counts, hedges, hit_columns, hits, rate_columns,
                     rates)

__all__ = [
    "EXCLUSIVE", "GENERIC_FRAMES", "HEDGE_COLUMNS", "HIT_COLUMNS", "ISSUE_FRAMES", "SCHEMES", "TOKEN_RE",
    "check_text", "dominant_frame", "expand_cue", "find_frames", "find_hedges", "frame_scores", "lexicon", "stem",
    "EVIDENCE_COLUMNS", "generic_evidence", "generic_frames", "generic_model", "generic_scores", "group_counts",
    "model_scores", "feature_counts", "feature_key", "model_features",
    "NAMING_COLUMNS", "REPORTING_COLUMNS", "SCARE_COLUMNS", "label_contrast", "naming", "reporting_verbs",
    "scare_quotes", "VALIDATION_JSON", "compare_voices", "evidence", "evidence_html", "highlight_html", "tables",
    "validation", "validation_tables", "DOMINANT_COLUMNS", "ENTMAN_ROLES", "HITS_VIEW_COLUMNS", "by_paragraph",
    "dominant_columns", "dominant_frames", "entman", "entman_summary", "hedge_counts", "hedges", "hit_columns",
    "hits", "rate_columns", "rates",
]
