"""Loaded terms: a curated, auditable lexicon of loaded language, found with offsets, per voice,
per actor, in context, and against a reference corpus.

The lexicon is ``data/lexicons/loaded_terms.csv`` (one row per entry: ``term``, ``category``,
``polarity``, ``match``, ``rationale``, ``source``, ...). An entry is a word, a multi-word phrase or a
simple pattern:

* ``match = stem`` (default): every word is compared by its Snowball stem, so ``appease`` finds
  "appease", "appeasing", "appeased" and "appeasement";
* ``match = exact``: the word form itself (case-insensitive), for words whose stem would catch
  unrelated words ("deadly" stems to "dead");
* a word ending in ``*`` is a prefix (``hyster*``); a ``*`` on its own in a phrase stands for one to
  three words (``out of * playbook``);
* ``except_forms`` (optional column, single-word entries only): word forms the entry does not match
  although its stem would (``aggression`` with ``except_forms = aggression`` still finds
  "aggressive" and "aggressively");
* ``except_next = name`` (optional column): the entry is not reported right before a capitalised
  word or an opening quotation mark, where it introduces a name or a term ("the so-called
  Demilitarized Zone") instead of casting doubt ("the so-called experts");
* ``a|b|c``: alternatives for one word (``slaughter * chicken|cattle``);
* hyphens and spaces are the same inside a phrase (``upside down`` finds "upside-down"); the words of
  a phrase must not be separated by punctuation other than hyphens and quote marks.

Matching is one pass over the word tokens of :data:`analysis.resources.WORD_RE`: every distinct
surface form is looked up once (stem and candidate entries cached in a dict), phrases through an
index of their first word; the longest entry starting at a token wins and matches never overlap.

Context rules leave factual uses of charged words out: neutral phrases
(``data/lexicons/loaded_neutral.csv``: "gross domestic product", "sanctions regime", "cancer
patients") are matched like entries and never reported; a capitalised single word inside a name or
title ("Michael Savage", see :mod:`analysis.names`) is not reported, nor a word inside a short
quotation of three words or fewer (someone else's word, reported or held at a distance).

The package's modules, in the order data flows through them:

* :mod:`.matching`: the lexicon compiled and matched on plain text (:func:`find_terms`,
  :func:`find_terms_many`, :func:`scan`);
* :mod:`.voices`: the per-article view: who speaks where each hit is, which actor a term labels,
  rates per voice and per category, keyword-in-context lines;
* :mod:`.keyness`: the words an article over-uses against a reference corpus;
* :mod:`.overview`: every table at once (:func:`tables`) and the committed validation figures.

>>> from analysis import loaded
>>> hits = loaded.find_terms("Appeasing them was a grave mistake, an upside-down logic.")
>>> hits[["start", "end", "term", "match"]].values.tolist()
[[0, 9, 'appease', 'Appeasing'], [21, 34, 'grave mistake', 'grave mistake'], [39, 50, 'upside down', 'upside-down']]
>>> loaded.find_terms("").empty
True
"""
from .keyness import KEYNESS_SPEC, keyness, log_likelihood, log_ratio, reference_counts
from .matching import (COLUMNS, HYPHEN_PART_RE, JOIN_RE, LEXICON, WILDCARD_MAX, Compiled, compile_lexicon, find_terms,
                       find_terms_many, lexicon, match_phrase, normalise, scan, stem, term_pattern)
from .overview import VALIDATION_JSON, tables, validation
from .voices import (BY_VOICE_SPEC, HITS_SPEC, SPEECH_SPEC, VOICE_LABELS, by_actor, by_category, by_voice,
                     by_voice_columns, concordance, hit_columns, hits, speech_spans)

__all__ = [
    "KEYNESS_SPEC", "keyness", "log_likelihood", "log_ratio", "reference_counts",
    "COLUMNS", "HYPHEN_PART_RE", "JOIN_RE", "match_phrase", "LEXICON", "WILDCARD_MAX", "Compiled", "compile_lexicon",
    "find_terms", "find_terms_many", "lexicon",
    "normalise", "scan", "stem", "term_pattern", "VALIDATION_JSON", "tables", "validation",
    "BY_VOICE_SPEC", "HITS_SPEC", "SPEECH_SPEC", "VOICE_LABELS", "by_actor", "by_category", "by_voice",
    "by_voice_columns", "concordance", "hit_columns", "hits", "speech_spans",
]
