"""The analysis of one corpus record: every analysis of the suite on one article, each step
named, every failure caught and kept as the record's error (a bad article never stops a run).

The steps are a fixed list of public functions (:data:`STEPS`), imported like any module: an
analysis that cannot be imported, or that fails on a short test article before the run starts
(:func:`plan`), stops the run with :class:`~analysis.errors.AnalysisFailed` naming it. No analysis
is ever skipped silently.
"""
from __future__ import annotations

import json
import math
import time
import warnings
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from .. import actors, framing, loaded, quotes, sentiment
from ..article import Article, shared
from ..errors import AnalysisFailed, ArticleError
from .inputs import Doc, to_article

TONE_COLUMNS = ("score", "tone", "mean_score", "compound", "vader")  # first found = a speaker's tone


@dataclass
class Result:
    """One analysed article (``tables``) or one failure (``stage``, ``reason``)."""

    id: str
    meta: dict
    source: str
    tables: dict | None = None
    stage: str = ""
    error: str = ""
    reason: str = ""
    seconds: dict = field(default_factory=dict)  # wall seconds per step (load, article, each table, summary)


class Step(NamedTuple):
    """One corpus table: the analysis that makes it (``analysis``, also the error stage), the public
    function called with the article (``source``) and the callable that runs it (``run``)."""

    table: str
    analysis: str
    source: str
    run: Callable


# Each step is computed once per article and kept on it (``article.shared``), under the key the
# analyses use when they read each other's results (utterances: sentiment, framing, loaded terms).
def _actors(article):
    return shared(article, "analysis.actors.actor_columns", lambda: actors.actor_columns(article))


def _utterances(article):
    return shared(article, "analysis.quotes.utterance_columns", lambda: quotes.utterance_columns(article))


def _speakers(article):
    return shared(article, "analysis.sentiment.speaker_columns", lambda: sentiment.speaker_columns(article))


def _frame_hits(article):
    return shared(article, "analysis.framing.hit_columns", lambda: framing.hit_columns(article))


def _frame_rates(article):
    return shared(article, "analysis.framing.rate_columns", lambda: framing.rate_columns(article))


def _frame_dominant(article):
    return shared(article, "analysis.framing.dominant_columns", lambda: framing.dominant_columns(article))


def _loaded_hits(article):
    return shared(article, "analysis.loaded.hit_columns", lambda: loaded.hit_columns(article))


def _loaded_rates(article):
    return shared(article, "analysis.loaded.by_voice_columns", lambda: loaded.by_voice_columns(article))


STEPS = (
    Step("actors", "actors", "actor_columns", _actors),
    Step("utterances", "quotes", "utterance_columns", _utterances),
    Step("speakers", "sentiment", "speaker_columns", _speakers),
    Step("frame_hits", "framing", "hit_columns", _frame_hits),
    Step("frame_rates", "framing", "rate_columns", _frame_rates),
    Step("frame_dominant", "framing", "dominant_columns", _frame_dominant),
    Step("loaded_hits", "loaded", "hit_columns", _loaded_hits),
    Step("loaded_rates", "loaded", "by_voice_columns", _loaded_rates),
)
# every table a corpus run writes (the analysis tables, the article-level ones, the errors)
TABLES = ("articles", "texts", "paragraphs", "voices", *(s.table for s in STEPS), "errors")

WARM_UP_TEXT = ('Kerry said on Monday: "We are concerned about the build-up." Lavrov disagreed, the ministry said.\n\n'
                'Russian Foreign Minister Sergey Lavrov says Washington is making a grave mistake.')


def warm(steps: tuple = STEPS) -> None:
    """Run every step on a short test article, so that lexicons and patterns are loaded (before
    worker processes fork, and in each worker). An analysis that fails here would fail on every
    article: :class:`~analysis.errors.AnalysisFailed` names it (a lexicon that cannot be read is
    bad input: its :class:`~analysis.errors.ArticleError` passes through).

    >>> warm()
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = Article.from_text(WARM_UP_TEXT, name="test-article")
        article_tables(article)
        for step in steps:
            try:
                step.run(article)
            except ArticleError:
                raise
            except Exception as e:
                raise AnalysisFailed(f"analysis {step.analysis} ({step.source}) fails on a short test article "
                                     f"({type(e).__name__}: {' '.join(str(e).split())[:200]}); no article was "
                                     "analysed (set ANALYSIS_DEBUG=1 for the traceback)") from e


def plan(check: bool = True) -> tuple:
    """The steps of a corpus run (:data:`STEPS`), checked with :func:`warm` unless ``check`` is
    false. Raises rather than leaving an analysis out."""
    if check:
        warm(STEPS)
    return STEPS


def describe_steps(steps: tuple) -> dict:
    """``{table: "analysis.function(article)"}`` for the run summary."""
    return {s.table: f"{s.analysis}.{s.source}(article)" for s in steps}


def article_tables(article) -> dict:
    """The article-level tables as column dicts: ``texts``, ``paragraphs``, ``voices`` (the same
    rows as :func:`analysis.article.voice_summary`)."""
    from ..article import VOICES

    col = article.column
    pv, pw = col("paragraphs", "voice"), col("paragraphs", "words")
    sv = col("sentences", "voice")
    total = sum(pw)
    words = {v: 0 for v in VOICES}
    for v, w in zip(pv, pw):
        words[v] = words.get(v, 0) + w
    voices = list(VOICES)
    return {
        "texts": {"text": [article.text], "chars": [len(article.text)], "encoding": [article.encoding],
                  "source": [article.source or ""]},
        "paragraphs": {"paragraph": col("paragraphs", "paragraph"), "start": col("paragraphs", "start"),
                       "end": col("paragraphs", "end"), "voice": pv, "words": pw},
        "voices": {"voice": voices, "paragraphs": [pv.count(v) for v in voices],
                   "sentences": [sv.count(v) for v in voices], "words": [words[v] for v in voices],
                   "word_share": [round(words[v] / max(1, total), 3) for v in voices]},
    }


def _col(t, name) -> list:
    """A column of a table (DataFrame or column dict) as a list ([] when absent)."""
    if t is None:
        return []
    if isinstance(t, dict):
        return list(t.get(name, []))
    from ..article import column_list

    return column_list(t, name) if name in t.columns else []


def _nrows(t) -> int:
    if t is None:
        return 0
    if isinstance(t, dict):
        return len(next(iter(t.values()), []))
    return len(t)


def summarise(article, tables: dict) -> dict:
    """One ``articles`` row from an article and its corpus tables."""
    v = tables.get("voices")
    words = dict(zip(_col(v, "voice"), _col(v, "words")))
    row = {"chars": len(article.text), "words": int(sum(words.values())),
           "paragraphs": len(article.column("paragraphs", "start")), "sentences": len(article.column("sentences", "start"))}
    for voice in ("report", "editorial", "boilerplate"):
        row[f"words_{voice}"] = int(words.get(voice, 0))
    row["has_editorial"] = bool(words.get("editorial", 0))
    if "utterances" in tables:
        u = tables["utterances"]
        row["utterances"] = _nrows(u)
        row["speakers_quoted"] = len({str(x) for x in _col(u, "speaker") if isinstance(x, str) and x})
    if "speakers" in tables:
        row["speakers"] = _nrows(tables["speakers"])
    if "actors" in tables:
        row["actors"] = _nrows(tables["actors"])
    if "loaded_rates" in tables:
        row.update(_loaded_summary(tables["loaded_rates"]))
    if "frame_hits" in tables:
        row.update(_frame_summary(tables["frame_hits"]))
    if "frame_dominant" in tables:
        row.update(_dominant_summary(tables["frame_dominant"]))
    if "speakers" in tables:
        row.update(_tone_summary(tables["speakers"]))
    return row


def _loaded_summary(lr) -> dict:
    """Loaded-term hits, words and rates per 1,000 words, in all and per voice."""
    acc: dict = {}
    for kind, w, h in zip(_col(lr, "kind"), _col(lr, "words"), _col(lr, "hits")):
        a = acc.setdefault(kind, [0, 0])
        a[0] += int(h)
        a[1] += int(w)

    def rate(kind):
        h, w = acc.get(kind, (0, 0))
        return round(1000.0 * h / w, 2) if w else 0.0

    h, w = acc.get("total", (0, 0))
    row = {"loaded_hits": h, "loaded_words": w, "loaded_per_1000": rate("total")}
    for kind, label in (("reporter", "report"), ("editorial", "editorial"), ("speaker", "quoted")):
        row[f"loaded_per_1000_{label}"] = rate(kind)
    return row


def _frame_summary(fh) -> dict:
    """Issue-frame cue hits outside boilerplate, and the frame whose cues weigh most."""
    score: dict = {}
    first: dict = {}
    n = 0
    for frame, scheme, voice, w, s in zip(_col(fh, "frame"), _col(fh, "scheme"), _col(fh, "voice"),
                                          _col(fh, "weight"), _col(fh, "start")):
        if scheme == "issue" and voice != "boilerplate":
            n += 1
            score[frame] = score.get(frame, 0.0) + float(w)
            first[frame] = min(first.get(frame, s), s)
    return {"frame_hits": n,
            "dominant_frame": min(score, key=lambda f: (-score[f], first[f], f)) if score else "other"}


def _dominant_summary(d) -> dict:
    """The top issue frame of the report and editorial voices, and the generic frames used."""
    top = {}
    generic = set()
    for voice, scheme, rank, frame in zip(_col(d, "voice"), _col(d, "scheme"), _col(d, "rank"), _col(d, "frame")):
        if scheme == "issue" and int(rank) == 1:
            top.setdefault(voice, frame)
        elif scheme == "generic":
            generic.add(frame)
    row = {f"dominant_frame_{voice}": str(top.get(voice, "")) for voice in ("report", "editorial")}
    row["generic_frames"] = ", ".join(sorted(generic))
    return row


def _tone_summary(s) -> dict:
    """The mean tone of the quoted speakers, and the tone of the reporter's and the editorial voice
    (rows of kind "voice"), from the first tone column the table has."""
    row = {"speaker_tone_mean": float("nan"), "tone_reporter": float("nan"), "tone_editorial": float("nan")}
    cols = list(s.columns) if hasattr(s, "columns") else list(s)
    col = next((c for c in TONE_COLUMNS if c in cols), None)
    if col is None:
        return row
    kinds = _col(s, "kind") or ["speaker"] * _nrows(s)
    vals = []
    for who, kind, x in zip(_col(s, "speaker"), kinds, _col(s, col)):
        if x is None or (isinstance(x, float) and math.isnan(x)):
            continue
        if kind == "voice" and who in ("reporter", "editorial"):
            row[f"tone_{who}"] = round(float(x), 4)
        elif kind != "voice":
            vals.append(float(x))
    if vals:
        row["speaker_tone_mean"] = round(sum(vals) / len(vals), 4)
    return row


def analyse_one(doc: Doc, steps: tuple = ()) -> Result:
    """Every analysis step of :func:`plan` on one record, each failure caught: a :class:`Result`
    with the article's tables, or with the ``stage`` that failed and the ``reason``. Never raises
    (but for ``KeyboardInterrupt``)."""
    res = Result(doc.id, {k: v for k, v in doc.meta.items() if not k.startswith("_")}, doc.source)
    stage = "read" if doc.error else "load"
    clock = time.perf_counter
    secs = res.seconds
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            t = clock()
            article = to_article(doc)
            stage = "article"
            tables = article_tables(article)
            secs["load"] = clock() - t
            for step in steps:
                stage = step.analysis
                t = clock()
                tables[step.table] = step.run(article)
                secs[f"{stage}.{step.source}"] = clock() - t
            stage = "summary"
            t = clock()
            row = summarise(article, tables)
            notes = list(article.warnings)
            notes += sorted({" ".join(str(w.message).split())[:300] for w in caught} - set(notes))
            row.update(warnings=json.dumps(notes, ensure_ascii=False), extra=res.meta.get("extra", ""),
                       source=doc.source, encoding=article.encoding)
            tables["articles"] = {k: [v] for k, v in row.items()}
            secs["summary"] = clock() - t
            res.tables = tables
        except ArticleError as e:
            res.stage, res.error, res.reason = stage, "bad input", str(e)
        except Exception as e:  # an analysis failed on this article: log it, go on
            res.stage, res.error = stage, type(e).__name__
            res.reason = " ".join(str(e).split())[:500] or type(e).__name__
    return res
