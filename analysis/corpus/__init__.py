"""Corpus mode: many articles in, tidy Parquet tables out, every analysis run on every article.

Four modules, in the order data flows: :mod:`~analysis.corpus.inputs` reads the records (a folder,
JSON Lines, CSV), each isolated from the others; :mod:`~analysis.corpus.analyse` runs every analysis
on one record (:func:`analyse_one`); :mod:`~analysis.corpus.store` turns the results into Arrow
tables and Parquet datasets; :mod:`~analysis.corpus.run` schedules the work (in process, local
worker processes, a Dask cluster) and writes the output folder (:func:`run_corpus`);
:mod:`~analysis.corpus.query` answers questions over the tables (groups, frames, speakers).

Input (streamed: one article at a time is read, never the whole corpus):

* a **folder** of ``.txt`` / ``.html`` files, searched recursively in sorted order (hidden files and
  folders and other extensions are skipped; linked folders are not entered, links to files outside
  the folder are not followed; FIFOs, devices and sockets are error rows, never opened). A
  ``metadata.csv`` in any folder describes the files beside it or below it: a ``file`` column (path
  relative to that folder) plus any of ``id``, ``outlet``, ``date``, ``title``, ``url`` and other
  columns. Without metadata, the id is the file's path without its suffix and the outlet is the first
  sub-folder (``corpus/rt/a.txt`` → ``rt``).
* a **JSON Lines** file (``.jsonl``/``.ndjson``, optionally ``.gz``): one object per line with a
  ``text`` field (or ``body``/``content``/``maintext``) and metadata fields.
* a **CSV** file (optionally ``.csv.gz``) with a ``text`` column (same aliases) and metadata columns.
* a single ``.txt``/``.html`` article (a corpus of one).

Output, in ``out_dir`` (each table a Parquet dataset ``<table>/part-NNNNN.parquet`` written chunk
by chunk, so memory stays flat however long the corpus; read one with :func:`read_table` or
``pandas.read_parquet(out_dir / table)``):

===================  ========================================================================
``articles``         one row per analysed article: metadata, words per voice, loaded-term rate,
                     dominant frames, utterance and speaker counts
``texts``            the exact text analysed (every ``start``/``end`` offset refers to it)
``paragraphs``       paragraphs with their voice (offsets, word counts)
``voices``           words and sentences per voice (``article.voice_summary``)
``actors``           people and organisations named (``analysis.actors``)
``utterances``       one row per quote (``analysis.quotes``)
``speakers``         one row per speaker with their tone (``analysis.sentiment``)
``frame_hits`` ...   one row per frame cue (``analysis.framing``), ``frame_rates``, ``frame_dominant``
``loaded_hits`` ...  one row per loaded-term hit (``analysis.loaded``), ``loaded_rates``
``errors``           one row per article that could not be analysed: ``stage`` and ``reason``
===================  ========================================================================

Every row starts with ``article_id``, ``outlet``, ``date``, ``title``, ``url``. ``summary.json``
holds the run summary that :func:`run_corpus` returns. The folder is replaced as a whole at the end
of a run (built beside it, swapped in; a second run on the same folder is refused while one runs).

A bad article (empty, binary, not English, an HTML page with no text, a line that is not JSON, a
CSV row that cannot be parsed, a file too large or not a regular file, or an exception inside an
analysis) becomes a row of ``errors`` and the run goes on. Bad *input* (a missing path, an empty
folder, a file that is not CSV/JSON Lines at all) raises :class:`~analysis.errors.ArticleError`;
an analysis that fails on a short test article stops the run before it starts
(:class:`~analysis.errors.AnalysisFailed`).

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "in").mkdir(), (tmp / "in" / "a.txt").write_text('Lavrov said: "We will help Syria." Kerry disagreed.')
>>> _ = (tmp / "in" / "b.txt").write_bytes(b"\\x00\\x01binary")
>>> s = run_corpus(tmp / "in", tmp / "out", scheduler="sequential", progress=False)
>>> s["articles_read"], s["analysed"], s["failed"]
(2, 1, 1)
>>> read_table(tmp / "out", "errors")[["article_id", "stage"]].values.tolist()
[['b', 'load']]
"""
from .analyse import STEPS, TABLES, TONE_COLUMNS, WARM_UP_TEXT, Result, Step, analyse_one, article_tables, plan, \
    summarise, warm
from .inputs import ALIASES, BUNDLED, META, SYNTHETIC_OUTLETS, TEXT_SUFFIXES, Doc, Input, iter_docs, open_input, \
    synthetic_records, to_article, write_jsonl
from .query import check_offsets, describe, frame_shares, group_summary, recurring_speakers, speaker_tone, speakers, \
    summary_table, top_terms
from .run import lean_gc, owned_name, run_corpus
from .store import ERROR_COLUMNS, PARQUET_COMPRESSION, Packed, pack, read_summary, read_table

__all__ = [
    "ALIASES", "BUNDLED", "ERROR_COLUMNS", "META", "PARQUET_COMPRESSION", "STEPS", "SYNTHETIC_OUTLETS", "TABLES",
    "TEXT_SUFFIXES", "TONE_COLUMNS", "WARM_UP_TEXT", "Doc", "Input", "Packed", "Result", "Step", "analyse_one",
    "article_tables", "check_offsets", "describe", "frame_shares", "group_summary", "iter_docs", "lean_gc",
    "open_input", "owned_name", "pack", "plan", "read_summary", "read_table", "recurring_speakers", "run_corpus",
    "speaker_tone", "speakers", "summarise", "summary_table", "synthetic_records", "to_article", "top_terms", "warm",
    "write_jsonl",
]
