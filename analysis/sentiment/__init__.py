"""Tone in a news article: per sentence, toward a target, and per speaker (reporter and editorial
voice included), each number traceable to the words that produced it.

Layers, each usable on its own:

* :mod:`~analysis.sentiment.scores`: :func:`score_sentences` scores plain sentences with VADER
  (``vader``: compound; nltk's analyser, vendored in :mod:`analysis._vendor.vader`), TextBlob's
  pattern lexicon (``textblob``: polarity, ``subjectivity``) and the suite's headline ``score``: a
  linear combination of those and a learned word table, fitted to human ratings
  (``data/lexicons/sentiment_weights.csv``, ``sentiment_words.csv``; ``scripts/eval_sentiment.py``).
  Text is normalised first: curly quotes and apostrophes become straight ones (VADER reads "don’t"
  as "don" + "t" and loses the negation otherwise).
* :mod:`~analysis.sentiment.target`: :func:`toward` gives the tone toward the mention
  ``text[start:end]`` in [-1, 1] (beyond ±0.05: negative / positive) from the words about it.
* :mod:`~analysis.sentiment.view` and :mod:`~analysis.sentiment.mentions`: the article view
  (:func:`tables`): every utterance from ``analysis.quotes`` and the unattributed text of each voice
  ("reporter", "editorial") scored; per speaker counts, means with seeded bootstrap 95% intervals
  (:mod:`~analysis.sentiment.bootstrap`), the sign disagreements of VADER and TextBlob, and a
  speaker × actor table of :func:`toward` over the ``analysis.actors`` mentions in each speaker's
  text. :func:`tone_label` gives the plain-language reading of a tone wherever one is shown.
* :mod:`~analysis.sentiment.figures`: the committed validation figures and :func:`describe`.
* :mod:`~analysis.sentiment.lexicon`: the data files behind all of it, cached per file.

>>> df = score_sentences(["It isn\u2019t good.", "A great day."])
>>> [bool(x < 0) for x in df.score]
[True, False]
"""
from .bootstrap import BOOTSTRAP_PERCENTILES, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED
from .figures import VALIDATION_JSON, describe, validation
from .lexicon import negators, shifters, weights, word_weights
from .mentions import tables, toward_mentions, toward_table
from .scores import (NEGATION_SCOPE, SENTENCE_FEATURES, normalise, score_sentences, sentence_features, terms)
from .target import TOWARD_FEATURES, TOWARD_THRESHOLD, non_target, toward, toward_detail, toward_parts
from .view import (DISAGREEMENT_COLUMNS, MENTION_COLUMNS, SPEAKER_COLUMNS, TONE_LABELS, TONE_THRESHOLD,
                   TOWARD_COLUMNS, UTTERANCE_COLUMNS, VOICE_SPEAKERS, disagreements, speaker_columns, speakers,
                   tone_label, utterance_scores)

__all__ = [
    "BOOTSTRAP_PERCENTILES", "BOOTSTRAP_ROUNDS", "BOOTSTRAP_SEED", "DISAGREEMENT_COLUMNS", "MENTION_COLUMNS",
    "NEGATION_SCOPE", "SENTENCE_FEATURES", "SPEAKER_COLUMNS", "TONE_LABELS", "TONE_THRESHOLD",
    "TOWARD_COLUMNS", "TOWARD_FEATURES", "TOWARD_THRESHOLD", "UTTERANCE_COLUMNS", "VALIDATION_JSON",
    "VOICE_SPEAKERS", "describe", "disagreements", "negators", "non_target", "normalise", "score_sentences",
    "sentence_features", "shifters", "speaker_columns", "speakers", "tables", "terms", "tone_label", "toward",
    "toward_detail", "toward_mentions", "toward_parts", "toward_table", "utterance_scores", "validation",
    "weights", "word_weights",
]
