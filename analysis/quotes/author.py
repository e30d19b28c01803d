"""The author's own voice: the name a byline gives ("By Jane Doe"), and, in a first-person essay or
op-ed, the sentences where the writer speaks as "I" or "we" outside quotation marks. They are the
author's, not a source's utterances (the reported-speech rules never take the writer's first
person as a source) and not "the reporter" either: :func:`author_voice` lists them, and
:func:`~.tables.words_by_speaker` counts their words for the author.
"""
from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from ..article import object_array
from .marks import WORD_RE

AUTHOR_COLUMNS = ["author", "how", "start", "end", "text", "paragraph"]
ESSAY_MIN_FIRST_PERSON = 3  # "I"/"me"/"my" outside quotations this often make a first-person essay
ESSAY_MIN_SHARE = 0.002  # ... and at least this share of the report's words (one in 500)
BYLINE_RE = re.compile(
    r"[ \t]*[Bb]y[ \t]+((?:[A-Z][\w'\u2019\-.]+[ \t]*){1,4}(?:(?:and|&)[ \t]+(?:[A-Z][\w'\u2019\-.]+[ \t]*){1,4})?)")
SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})


def author_voice(an) -> dict:
    """Column lists of the author's voice in an analysed article (see :data:`AUTHOR_COLUMNS`): the
    byline's name (``how`` ``byline``), and in a first-person essay every report sentence outside
    the utterances where the writer says "I" or "we" (``how`` ``first person``). ``author`` is the
    byline's name, else ``author``."""
    doc, text = an.doc, an.article.text
    cols = {c: [] for c in AUTHOR_COLUMNS}
    name = None
    for i in range(len(doc.pstart)):
        if doc.pvoice[i] != "boilerplate":
            continue
        m = BYLINE_RE.fullmatch(text, doc.pstart[i], doc.pend[i])
        if m is not None:
            name = " ".join(m.group(1).split())
            _add(cols, name, "byline", m.start(1), m.start(1) + len(m.group(1).rstrip()), text, i)
            break
    sentences = _first_person_sentences(an)
    if sentences:
        for s, e, p in sentences:
            _add(cols, name or "author", "first person", s, e, text, p)
    return cols


def _add(cols, author, how, s, e, text, para) -> None:
    for k, v in zip(AUTHOR_COLUMNS, (author, how, s, e, text[s:e], para)):
        cols[k].append(v)


def _first_person_sentences(an) -> list:
    """``(start, end, paragraph)`` of the report sentences in the writer's first person, when the
    article is a first-person essay; else []."""
    doc, g = an.doc, an.g
    spans = sorted((u.start, u.end) for u in an.utts)
    starts = [a for a, _ in spans]
    found, singular, words = [], 0, 0
    for s, e, p in doc.sents:
        if doc.pvoice[p] != "report" or doc.headline(s):
            continue
        k = bisect.bisect_right(starts, e) - 1
        inside = k >= 0 and spans[k][1] > s  # an utterance overlaps the sentence: a source's words
        first = [w.lower().replace("\u2019", "'").split("'")[0] for w in _outside_quotes(doc, s, e)]  # I've -> i
        words += len(first)
        if inside:
            continue
        mine = [w for w in first if w in g.first_person]
        singular += sum(w in SINGULAR for w in mine)
        if mine:
            found.append((s, e, p))
    if singular < ESSAY_MIN_FIRST_PERSON or singular < ESSAY_MIN_SHARE * max(words, 1):
        return []
    return found


def _outside_quotes(doc, s: int, e: int) -> list:
    """The words of ``text[s:e]`` outside quotation marks."""
    out = []
    for m in WORD_RE.finditer(doc.text, s, e):
        if doc.in_quote(m.start()) is None:
            out.append(m.group())
    return out


def author_frame(cols: dict) -> pd.DataFrame:
    return pd.DataFrame({k: (np.asarray(v, dtype=np.int64) if k in ("start", "end", "paragraph") else object_array(v))
                         for k, v in cols.items()}, columns=AUTHOR_COLUMNS)
