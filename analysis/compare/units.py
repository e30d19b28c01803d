"""What a comparison counts, one row per item found, each with its offsets: the evidence table.

:func:`article_units` runs the suite's analyses on one article (``analysis.quotes``,
``analysis.actors``, ``analysis.sentiment``, ``analysis.framing``, ``analysis.loaded``, through their
public functions) and returns two tables:

``paragraphs``  one row per paragraph: ``voice``, ``words`` (all), ``quoted_words`` (inside what a
                speaker is quoted as saying), ``own_words`` (the rest: the outlet's own voice).
                Boilerplate paragraphs (photo lines, credits, "Read more") keep their row with
                ``counted`` False and are left out of every figure.
``sentences``   the same per sentence (``paragraph`` says which paragraph holds it): the
                resampling unit of an article with too few paragraphs (see :mod:`.measures`).
``units``       one row per item, ``family`` being one of

                ==========  =====================================================================
                ``speech``  an utterance: ``key`` speaker, ``category`` speaker type, ``detail``
                            reporting verb (lemma), ``value`` words, ``confidence``, ``stance``
                ``label``   an actor mention: ``key`` actor, ``detail`` the label as written
                            (modifier + name: "the Syrian leader")
                ``loaded``  a loaded term: ``key`` term, ``category`` its lexicon category
                ``hedge``   a hedge or booster: ``key`` cue, ``category`` hedge/booster
                ``frame``   a frame cue: ``key`` frame, ``category`` scheme (issue/generic)
                ``tone``    tone toward an actor mention: ``key`` actor, ``value`` in [-1, 1]
                ==========  =====================================================================

Every unit has ``start``/``end`` into its article's text (``text`` reproduces it), the sentence
around it (``sentence_start``/``sentence_end``, its text in ``sentence``), the paragraph and the
sentence (``sentence_index``: the row of ``Article.sentences`` holding ``start``), and
``whose``: ``quoted`` when it lies inside a speaker's quoted words (``speaker`` then names them),
else ``own`` (``speaker`` is ``reporter`` or ``editorial``, the voice of its paragraph).

>>> from analysis import Article
>>> a = Article.from_text('Lavrov said: "It is a grave mistake." The brutal war goes on.', name="x")
>>> t = article_units(a, "demo")
>>> for row in t["units"].query("family in ['speech', 'loaded']")[["family", "key", "whose", "speaker"]].values:
...     print(list(row))
['speech', 'Lavrov', 'quoted', 'Lavrov']
['loaded', 'grave mistake', 'quoted', 'Lavrov']
['loaded', 'brutal', 'own', 'reporter']
"""
from __future__ import annotations

import bisect
import math
import re

import pandas as pd

from .. import actors, framing, loaded, quotes, resources, sentiment

UNIT_COLUMNS = ["outlet", "article", "paragraph", "sentence_index", "family", "key", "category", "detail", "whose",
                "speaker", "kind", "stance", "confidence", "value", "start", "end", "text", "sentence_start",
                "sentence_end", "sentence"]
PARAGRAPH_COLUMNS = ["outlet", "article", "paragraph", "voice", "counted", "start", "end", "words", "quoted_words",
                     "own_words"]
SENTENCE_COLUMNS = ["outlet", "article", "sentence", "paragraph", "counted", "start", "end", "words", "quoted_words",
                    "own_words"]
VOICE_NAMES = {"report": "reporter", "editorial": "editorial", "boilerplate": "boilerplate"}
UNATTRIBUTED = "(unattributed)"
INT_COLUMNS = ("paragraph", "sentence_index", "start", "end", "sentence_start", "sentence_end")


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("", "nan", "None")


POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s$")


def speaker_name(speaker) -> str:
    """The name a comparison groups an utterance's speaker under: the quote module's ``speaker``,
    with a leading "The" written "the" and a final possessive dropped, so that one outlet's "The
    report" and another's "the report", or "the IPCC's" and "the IPCC", are one speaker, and a
    short given name written in full (:func:`analysis.actors.person_key`: "Jim Skea" is "James Skea");
    :data:`UNATTRIBUTED` when there is none.

    >>> [speaker_name(s) for s in ("The report", "the IPCC's", "Sergey Lavrov", "Jim Skea", None)]
    ['the report', 'the IPCC', 'Sergey Lavrov', 'James Skea', '(unattributed)']
    """
    if _blank(speaker):
        return UNATTRIBUTED
    name = POSSESSIVE.sub("", str(speaker).strip())
    return "the " + name[4:] if name.startswith("The ") else actors.person_key(name)  # "Jim Skea" -> "James Skea"


REGEX_CUE = re.compile(r"[\\|()\[\]?*+]")


def hedge_key(cue: str, text: str) -> str:
    r"""What a hedge or booster is counted under: its lexicon cue ("likely"), or, for a cue written
    as a pattern ("about 45 percent" matched by ``\b(?:about|around|...)``), the words it matched.

    >>> hedge_key("Likely", "likely"), hedge_key(r"\b(?:about|around)(?=\s+\d)", "About")
    ('likely', 'about')
    """
    key = text if REGEX_CUE.search(str(cue)) else str(cue)
    return " ".join(key.lower().split())


def speech_spans(q: pd.DataFrame) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of what each utterance's speaker is quoted as saying: the quoted
    pieces of a direct quotation (not the attribution between them), the whole content otherwise."""
    out = []
    for r in q.itertuples():
        sp = speaker_name(r.speaker)
        out += [(s, e, sp) for s, e in _parts(r)]
    return sorted(out)


def _parts(r) -> list[tuple[int, int]]:
    """The spans of an utterance's own words: its quoted pieces when direct, else its content."""
    parts = list(r.parts) if r.kind == "direct" and isinstance(r.parts, (list, tuple)) and r.parts else [r.start, r.end]
    return [(int(parts[i]), int(parts[i + 1])) for i in range(0, len(parts) - 1, 2)]


class _Where:
    """Paragraph, sentence and whose-words lookups for one article."""

    def __init__(self, article, spans):
        self.article = article
        self.sstart = article.column("sentences", "start")
        self.send = article.column("sentences", "end")
        self.voices = article.column("paragraphs", "voice")
        self.spans = spans
        self.span_starts = [s for s, _, _ in spans]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        if not self.sstart:
            return 0, len(self.article.text)
        i = max(0, bisect.bisect_right(self.sstart, start) - 1)
        return min(self.sstart[i], start), max(self.send[i], end)

    def who(self, start: int, end: int) -> tuple[str, str]:
        """``(whose, speaker)`` of the text at ``start``..``end``: the innermost quoted span holding
        it, else the voice of its paragraph."""
        best = None
        for s, e, sp in self.spans[:bisect.bisect_right(self.span_starts, start)]:
            if s <= start and end <= e and (best is None or e - s < best[1] - best[0]):
                best = (s, e, sp)
        if best is not None:
            return "quoted", best[2]
        return "own", VOICE_NAMES.get(self.voices[self.article.paragraph_at(start)], "reporter")


def _word_counts(text: str, s: int, e: int, spans) -> tuple[int, int, int]:
    """``(words, quoted, own)`` of ``text[s:e]``: quoted words lie inside a speaker's quoted spans."""
    words = len(resources.WORD_RE.findall(text, s, e))
    quoted = sum(len(resources.WORD_RE.findall(text, max(a, s), min(b, e))) for a, b, _ in spans if a < e and b > s)
    quoted = min(quoted, words)
    return words, quoted, words - quoted


def _paragraph_table(article, outlet: str, spans) -> pd.DataFrame:
    rows = []
    for p, s, e, voice in zip(article.column("paragraphs", "paragraph"), article.column("paragraphs", "start"),
                              article.column("paragraphs", "end"), article.column("paragraphs", "voice")):
        rows.append((outlet, article.name, int(p), str(voice), voice != "boilerplate", int(s), int(e),
                     *_word_counts(article.text, s, e, spans)))
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)


def _sentence_table(article, outlet: str, spans, paragraphs: pd.DataFrame) -> pd.DataFrame:
    counted = dict(zip(paragraphs.paragraph, paragraphs.counted))
    rows = []
    for i, p, s, e in zip(article.column("sentences", "sentence"), article.column("sentences", "paragraph"),
                          article.column("sentences", "start"), article.column("sentences", "end")):
        rows.append((outlet, article.name, int(i), int(p), bool(counted.get(int(p), True)), int(s), int(e),
                     *_word_counts(article.text, s, e, spans)))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def _speech_rows(article, q, where) -> list[tuple]:
    text = article.text
    rows = []
    for r in q.itertuples():
        sp = speaker_name(r.speaker)
        words = sum(len(resources.WORD_RE.findall(text, s, e)) for s, e in _parts(r))
        conf = float("nan") if _blank(r.confidence) else float(r.confidence)
        verb = "" if _blank(r.verb) else str(r.verb)
        s0, s1 = where.sentence(int(r.start), int(r.end))
        rows.append((article.paragraph_at(int(r.start)), "speech", sp, str(r.speaker_type or "unknown"), verb, "quoted",
                     sp, str(r.kind), "" if _blank(r.stance) else str(r.stance), conf, float(words),
                     int(r.start), int(r.end), s0, s1))
    return rows


def _located(article, where, family, items) -> list[tuple]:
    """Rows for items ``(start, end, key, category, detail, value)`` found in the article's text."""
    rows = []
    for s, e, key, category, detail, value in items:
        s, e = int(s), int(e)
        whose, sp = where.who(s, e)
        s0, s1 = where.sentence(s, e)
        rows.append((article.paragraph_at(s), family, str(key), str(category), str(detail), whose, sp, "", "",
                     float("nan"), float(value), s, e, s0, s1))
    return rows


LABEL_BREAKS = re.compile(r'["\u201c\u201d\n!?]')


def _label_start(article, modifier_start: int, start: int) -> int:
    """Where a label begins: at its modifier ("the Syrian leader"), unless the modifier reaches into
    another sentence or across a quotation mark or a line break ('first place." Herzog'), where the
    label is the name alone."""
    if modifier_start < 0 or modifier_start >= start:
        return start
    if article.sentence_at(modifier_start) != article.sentence_at(start):
        return start
    return start if LABEL_BREAKS.search(article.text, modifier_start, start) else modifier_start


def _label_items(article):
    m = actors.find_mentions(article)
    for r in m.itertuples():
        mod = "" if _blank(r.modifier) else str(r.modifier)
        start = _label_start(article, int(r.modifier_start), int(r.start)) if mod else int(r.start)
        yield start, int(r.end), r.actor, r.kind, article.text[start:int(r.end)], 1.0


def _tone_items(article):
    m = sentiment.toward_mentions(article)
    for r in m.itertuples():
        if not bool(r.attribution):  # "..., Lavrov said": the quotation's tone is not tone toward Lavrov
            yield int(r.start), int(r.end), r.actor, "", r.mention, float(r.toward)


def article_units(article, outlet: str) -> dict[str, pd.DataFrame]:
    """``{"units": ..., "paragraphs": ..., "sentences": ...}`` for one article of ``outlet`` (see the
    module docstring)."""
    q = quotes.find_quotes(article)
    spans = speech_spans(q)
    where = _Where(article, spans)
    paragraphs = _paragraph_table(article, outlet, spans)
    rows = _speech_rows(article, q, where)
    rows += _located(article, where, "label", _label_items(article))
    lh = loaded.hits(article)
    rows += _located(article, where, "loaded", zip(lh.start, lh.end, lh.term, lh.category, lh.text, [1.0] * len(lh)))
    hh = framing.hedges(article)
    rows += _located(article, where, "hedge",
                     zip(hh.start, hh.end, map(hedge_key, hh.cue, hh.text), hh.category, hh.text, [1.0] * len(hh)))
    fh = framing.hits(article)
    rows += _located(article, where, "frame", zip(fh.start, fh.end, fh.frame, fh.scheme, fh.cue, [1.0] * len(fh)))
    rows += _located(article, where, "tone", _tone_items(article))
    cols = [c for c in UNIT_COLUMNS[2:-1] if c != "sentence_index"]
    units = pd.DataFrame([dict(zip(cols[:13] + cols[14:], r)) for r in rows], columns=cols)
    counted = set(paragraphs.paragraph[paragraphs.counted])
    units = units[units.paragraph.isin(counted)].reset_index(drop=True)
    units["text"] = [article.text[s:e] for s, e in zip(units.start, units.end)]
    units["sentence"] = [article.text[s:e] for s, e in zip(units.sentence_start, units.sentence_end)]
    starts = article.column("sentences", "start")
    units["sentence_index"] = [max(0, bisect.bisect_right(starts, s) - 1) for s in units.start]
    units.insert(0, "article", article.name)
    units.insert(0, "outlet", outlet)
    for c in INT_COLUMNS:
        units[c] = units[c].astype("int64")
    units["value"] = units["value"].astype("float64")
    units["confidence"] = units["confidence"].astype("float64")
    order = {f: i for i, f in enumerate(("speech", "label", "loaded", "hedge", "frame", "tone"))}
    units = units.sort_values(["family", "start", "end"], key=lambda c: c.map(order) if c.name == "family" else c,
                              kind="mergesort").reset_index(drop=True)
    return {"units": units[UNIT_COLUMNS], "paragraphs": paragraphs,
            "sentences": _sentence_table(article, outlet, spans, paragraphs)}


def group_units(groups) -> dict[str, pd.DataFrame]:
    """:func:`article_units` for every article of every group (``analysis.compare.inputs.Group``),
    concatenated in group order."""
    out = {"units": [], "paragraphs": [], "sentences": []}
    for g in groups:
        for a in g.articles:
            for k, v in article_units(a, g.name).items():
                out[k].append(v)
    return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}
