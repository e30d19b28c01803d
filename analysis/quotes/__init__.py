"""Who says what: quotations and reported speech with their speakers, and the scare quotes that are
nobody's speech.

One row per utterance (:func:`find_quotes`): who speaks (``speaker``, a canonical name from
:mod:`analysis.actors`; the mention as written in ``speaker_mention`` with
``speaker_start``/``speaker_end``), the cue (``cue`` with ``cue_start``/``cue_end``, its ``verb``
and ``stance`` from ``data/lexicons/cue_verbs.csv``), the ``kind`` of report and the content span
``start``/``end`` (``article.text[start:end] == text``):

* ``direct``: the content is a quotation; the span excludes the outer quote marks. A quotation
  interrupted by its attribution (``"A," Lavrov said. "B."``) is one utterance running from A to B
  (the attribution inside it is listed in ``parts``, the quoted pieces, as a flat list of offsets);
* ``mixed``: reported speech holding a quoted fragment (``Kerry said that the US was concerned
  "about reports ..."``); the span is the whole reported clause;
* ``indirect``: reported speech without quote marks (``X says (that) ...``, ``..., X said.``,
  ``according to X, ...``, ``the US State Department shared its concerns about ...``);
* ``partial``: a quoted fragment with no clause of its own, attributed from its context.

``how`` names the rule that found the utterance, ``speaker_type`` what kind of source speaks and
``confidence`` how sure the attribution is.

The stages, one module each, run in this order by :mod:`.pipeline` (rules over precompiled regexes
and the lexicons, no model):

1. :mod:`.marks`: quote marks paired per paragraph (straight, curly, ``''``, guillemets; single
   marks where the article uses them for speech); :mod:`.layout` holds the article as the rules see
   it (paragraphs, sentences merged over quotations, cue hits outside quotations, tokens);
2. :mod:`.grammar` and :mod:`.sources`: word classes, noun phrases, where the speaker of a cue
   stands (before it, with appositives and relative "who", or after an inverted cue);
3. :mod:`.direct`: a quotation attributed by a cue right after it (``"...," Lavrov said``) or right
   before it (``Lavrov said: "..."``);
4. :mod:`.reported`: reported speech from the cue verbs outside quotation marks, and :mod:`.clause_end`
   where each reported clause ends;
5. :mod:`.continuations`: quotations without a cue continue the speaker just before them (same or
   next paragraph, same voice); short ones no cue attributes are scare quotes;
6. :mod:`.transcripts`: labelled turns ("MR KIRBY:");
7. :mod:`.speakers`: canonical names, pronouns resolved to the last speaker or person whose gender
   fits, what may be a speaker at all;
8. :mod:`.confidence`: the speaker's type and the confidence of every row; :mod:`.author`: the
   author's own voice (byline, first-person essay text), which is no source's utterance;
9. :mod:`.tables`: the public tables.

Text in ``editorial`` paragraphs is never continued from a quoted speaker.

>>> from analysis import Article
>>> a = Article.from_text('"We help," Lavrov said. "We do." Washington is wrong, Lavrov said.\\n\\n'
...                       'Zakharova said the plan was "dead" and she added that it failed.')
>>> find_quotes(a)[["speaker", "kind", "text"]].values.tolist()
[['Lavrov', 'direct', 'We help," Lavrov said. "We do.'], ['Lavrov', 'indirect', 'Washington is wrong'],
 ['Zakharova', 'mixed', 'the plan was "dead"'], ['Zakharova', 'indirect', 'that it failed']]
"""
from __future__ import annotations

from .confidence import SPEAKER_TYPES
from .tables import (KINDS, SCARE_COLUMNS, SPEAKER_COLUMNS, UTTERANCE_COLUMNS, VOICE_LABELS, author_voice, find_quotes,
                     highlight_html,
                     quote_columns, scare_quotes, speaker_table, tables, utterance_columns, utterance_counts,
                     words_by_speaker)

__all__ = ["find_quotes", "utterance_columns", "quote_columns", "scare_quotes", "speaker_table", "words_by_speaker",
           "utterance_counts", "tables", "highlight_html", "author_voice", "UTTERANCE_COLUMNS", "SCARE_COLUMNS", \
                   "SPEAKER_COLUMNS",
           "KINDS", "SPEAKER_TYPES", "VOICE_LABELS"]
