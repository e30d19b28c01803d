"""The article view: every utterance (``analysis.quotes``) and the voice text outside utterances
scored sentence piece by sentence piece, per-speaker tone with bootstrap intervals, the sign
disagreements of VADER and TextBlob, and the plain-language reading of a tone (:func:`tone_label`)."""
from __future__ import annotations

import math
import weakref
from bisect import bisect_right

import numpy as np
import pandas as pd

from .. import resources
from ..article import columns_frame, object_array
from .bootstrap import bootstrap_many, seed_of
from .scores import scores
from .spans import SpanIndex, sentence_pieces

TONE_THRESHOLD = 0.05  # |tone| at or below this reads as neutral (VADER's own convention)
TONE_LABELS = ("clearly negative", "leans negative", "no clear lean", "leans positive", "clearly positive")


def tone_label(value: float, low: float | None = None, high: float | None = None) -> str:
    """The plain-language reading of a tone in [-1, 1], used everywhere a tone is shown.

    With a 95% interval (``low``, ``high``): "clearly negative" when the whole interval is below
    ``-TONE_THRESHOLD``, "clearly positive" when it is all above ``+TONE_THRESHOLD``; "no clear lean"
    when the interval spans zero (the data allow either sign) or the value is within the band;
    "leans negative" / "leans positive" when the value is beyond the threshold and the whole interval
    on its side of zero, but reaching into the neutral band. Without an interval the value alone
    decides between "leans ..." and "no clear lean".

    >>> tone_label(-0.13, -0.18, -0.08)
    'clearly negative'
    >>> tone_label(-0.12, -0.20, -0.02)
    'leans negative'
    >>> tone_label(-0.12, -0.30, 0.02)
    'no clear lean'
    >>> tone_label(0.01, -0.1, 0.1)
    'no clear lean'
    >>> tone_label(0.3)
    'leans positive'
    """
    t = TONE_THRESHOLD
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no clear lean"
    if low is not None and high is not None and not (math.isnan(low) or math.isnan(high)):
        if high < -t:
            return "clearly negative"
        if low > t:
            return "clearly positive"
        if low <= 0 <= high:
            return "no clear lean"
    if value < -t:
        return "leans negative"
    if value > t:
        return "leans positive"
    return "no clear lean"


VOICE_SPEAKERS = {"report": "reporter", "editorial": "editorial"}
EDGE_CHARS = " \t\n\r\u00a0\u2009\u202f\"'\u201c\u201d\u2018\u2019,;:.!?-\u2013\u2014()[]"
UTTERANCE_COLUMNS = ["speaker", "kind", "start", "end", "text", "words", "vader", "textblob", "subjectivity", "score",
                     "sentences", "paragraph", "voice", "parts"]
SPEAKER_COLUMNS = ["speaker", "kind", "utterances", "words", "mean", "mean_low", "mean_high", "score", "score_low",
                   "score_high", "vader", "textblob", "subjectivity", "disagreements", "first_start", "reading"]
DISAGREEMENT_COLUMNS = ["speaker", "kind", "start", "end", "text", "words", "vader", "textblob", "score"]
TOWARD_COLUMNS = ["speaker", "actor", "mentions", "toward", "negative", "neutral", "positive", "start", "end",
                  "mention", "evidence_start", "evidence_end", "evidence", "reading", "evidence_words",
                  "evidence_spans"]
MENTION_COLUMNS = ["speaker", "actor", "start", "end", "mention", "toward", "label", "sentence_start", "sentence_end",
                   "sentence", "voice", "attribution", "reading", "no_target", "evidence_words", "evidence_spans"]

_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _as_article(article):
    from ..article import Article
    from ..errors import ArticleError

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


def _speech(article) -> list:
    """Utterances from ``analysis.quotes`` (:func:`analysis.quotes.quote_columns`, shared per
    article): ``[(speaker, kind, start, end, spans, speaker_spans, paragraph, voice)]`` where
    ``spans`` are the speaker's own words (the quoted parts of a direct quotation, not the
    attribution between them) and ``speaker_spans`` the (start, end) pairs of the speaker's mentions."""
    from .. import quotes

    q = quotes.quote_columns(article)
    n = len(article.text)
    out = []
    for sp, kind, s, e, parts, sspans, para, voice in zip(q["speaker"], q["kind"], q["start"], q["end"], q["parts"],
                                                          q["speaker_spans"], q["paragraph"], q["voice"]):
        if not (0 <= s < e <= n):
            continue
        sp = "" if sp is None or (isinstance(sp, float) and math.isnan(sp)) else str(sp).strip()
        if kind != "direct" or len(parts) < 2:
            parts = [s, e]
        spans = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i] < parts[i + 1]]
        who = [(sspans[i], sspans[i + 1]) for i in range(0, len(sspans) - 1, 2)]
        out.append((sp or "(unattributed quote)", kind, s, e, spans, who, para, voice))
    return out


def _pieces(text: str, lo: int, hi: int):
    """``text[lo:hi]`` trimmed of spaces, quote marks and punctuation at both ends: (start, end) or None."""
    while lo < hi and text[lo] in EDGE_CHARS:
        lo += 1
    while hi > lo and text[hi - 1] in EDGE_CHARS:
        hi -= 1
    return (lo, hi) if hi > lo and resources.WORD_RE.search(text, lo, hi) else None


def _units(article) -> dict:
    """The scored units of the article (cached per Article): utterances cut into sentence pieces,
    and the voice text outside every utterance, sentence by sentence."""
    hit = _VIEWS.get(article)
    if hit is not None:
        return hit
    text = article.text
    col = article.column  # the Article's cached column lists (no DataFrame built)
    sents = list(zip(col("sentences", "start"), col("sentences", "end")))
    speech = _speech(article)
    pstart, pbody, pvoice = col("paragraphs", "start"), col("paragraphs", "body_start"), col("paragraphs", "voice")

    def para_of(o):  # paragraph starts are increasing: bisect_right == np.searchsorted(side="right")
        return max(0, bisect_right(pstart, o) - 1)

    utts = []  # (speaker, kind, start, end, pieces[(a, b)], paragraph, voice, parts)
    covered = []
    sstarts = [s0 for s0, _ in sents]
    for sp, kind, s, e, spans, who, para, voice in speech:
        pieces = []
        for a, b, _, _ in sentence_pieces(spans, sstarts, sents) or [(a, b, a, b) for a, b in spans]:
            p = _pieces(text, a, b)
            if p:
                pieces.append(p)
        covered.extend(spans)
        utts.append((sp, kind, s, e, pieces, para, voice, [x for ab in spans for x in ab]))
    covered = SpanIndex((a, b, None) for a, b in covered)
    # the voice text: each sentence of a report/editorial paragraph minus the utterances
    for s0, s1 in sents:
        pi = para_of(s0)
        voice = pvoice[pi]
        if voice not in VOICE_SPEAKERS:
            continue
        lo = max(s0, pbody[pi])
        free, cur = [], lo
        for a, b, _ in covered.overlapping(lo, s1):  # in start order
            if b <= cur:
                continue
            if a > cur:
                free.append((cur, a))
            cur = max(cur, b)
        if cur < s1:
            free.append((cur, s1))
        pieces = [p for p in (_pieces(text, a, b) for a, b in free) if p]
        if pieces:
            utts.append((VOICE_SPEAKERS[voice], "voice", pieces[0][0], pieces[-1][1], pieces, pi, voice,
                         [x for ab in pieces for x in ab]))
    utts.sort(key=lambda u: (u[2], u[3], u[0]))
    all_pieces = sorted({p for u in utts for p in u[4]})
    texts = [text[a:b] for a, b in all_pieces]
    distinct = list(dict.fromkeys(texts))  # a text repeated within this article is scored once
    by_text = dict(zip(distinct, zip(*(c.tolist() for c in scores(distinct)))))
    per_piece = {p: by_text[t] for p, t in zip(all_pieces, texts)}
    view = {"utts": utts, "piece_scores": per_piece, "speech": speech, "sentences": sents}
    _VIEWS[article] = view
    return view


def utterance_scores(article) -> pd.DataFrame:
    """Every utterance (``analysis.quotes``) and every sentence of voice text outside utterances
    (speaker ``reporter`` / ``editorial``, kind ``voice``) with its scores. An utterance is scored
    sentence piece by sentence piece (only the speaker's words: the attribution inside a quotation
    is the reporter's); its ``vader``, ``textblob``, ``subjectivity`` and ``score`` are the
    word-weighted means over its pieces. ``start``/``end`` span the utterance (``text`` =
    ``article.text[start:end]``); ``parts`` lists the scored pieces as flat offsets.

    >>> from analysis import Article
    >>> u = utterance_scores(Article.from_text('"We have failed terribly," Lavrov said. '
    ...                                        'The talks were a great success.'))
    >>> u[["speaker", "kind", "text"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Lavrov', 'direct', 'We have failed terribly'], ['reporter', 'voice', 'Lavrov said'],
     ['reporter', 'voice', 'The talks were a great success']]
    >>> bool(u.score[0] < 0 < u.score[1])
    True
    """
    return _frame(_utterance_rows(_as_article(article)), UTTERANCE_COLUMNS,
                  ("start", "end", "words", "sentences", "paragraph"))


def _frame(rows, columns, ints=()) -> pd.DataFrame:
    """A DataFrame from row tuples in one go (int64 for ``ints``, float64 for floats, pandas' string
    dtype for text, objects else: the dtypes ``pd.DataFrame`` infers), through
    :func:`analysis.article.columns_frame`."""
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    arrays = []
    for name, col in zip(columns, cols):
        if name in ints:
            arrays.append(np.asarray(col, dtype=np.int64))
        elif col and all(type(x) is float for x in col):
            arrays.append(np.asarray(col, dtype=np.float64))
        elif col and all(type(x) is str for x in col):
            arrays.append(pd.array(list(col), dtype="str"))
        else:
            arrays.append(object_array(col))
    return columns_frame(columns, arrays, len(rows))


def _utterance_rows(article) -> list:
    view = _units(article)
    if "utterance_rows" in view:
        return view["utterance_rows"]
    text = article.text
    rows = []
    findall = resources.WORD_RE.findall
    piece_scores = view["piece_scores"]
    for sp, kind, s, e, pieces, para, voice, parts in view["utts"]:
        ws = [len(findall(text, a, b)) for a, b in pieces]
        n = sum(ws)
        if not n:
            agg = [0.0] * 4
        elif len(pieces) == 1:  # sum() of one term: 0 + term
            w, v = ws[0], piece_scores[pieces[0]]
            agg = [round(float((0 + w * x) / n), 4) for x in v]
        else:
            vals = [piece_scores[p] for p in pieces]
            agg = [round(float(sum(w * v[k] for w, v in zip(ws, vals)) / n), 4) for k in range(4)]
        sent_n = len(set(pieces))
        rows.append((sp, kind, s, e, text[s:e], n, *agg, sent_n, para, voice,
                     list(parts) if kind != "voice" else [x for ab in pieces for x in ab]))
    view["utterance_rows"] = rows
    return rows



def _disagree(v: float, t: float) -> bool:
    return (v > 0.05 and t < -0.05) or (v < -0.05 and t > 0.05)


def speakers(article) -> pd.DataFrame:
    """One row per speaker (quoted speakers, then ``reporter`` and ``editorial`` for the voice
    text outside utterances), in order of first appearance: ``utterances`` (for a voice: its
    sentences), ``words``, ``mean`` (of the utterance scores) with ``mean_low``/``mean_high``,
    ``score`` (word-weighted mean of the utterance scores, the headline) with ``score_low``/
    ``score_high`` (seeded percentile bootstrap over utterances, 95%; NaN with one utterance), the
    word-weighted ``vader``, ``textblob`` and ``subjectivity``, ``disagreements`` (utterances where
    VADER and TextBlob point opposite ways beyond ±0.05), ``first_start`` and ``reading`` (the
    plain-language reading of ``score`` and its interval, :func:`tone_label`).

    >>> from analysis import Article
    >>> t = speakers(Article.from_text('"We failed. It is a disaster," Lavrov said. '
    ...                                '"It is awful," he added. The sun shone.'))
    >>> t[["speaker", "kind", "utterances"]].values.tolist()
    [['Lavrov', 'speaker', 2], ['reporter', 'voice', 3]]
    >>> bool(t.score[0] < 0)
    True
    """
    return _frame(_speaker_rows(_as_article(article)), SPEAKER_COLUMNS, _SPEAKER_INTS)


_SPEAKER_INTS = ("utterances", "words", "disagreements", "first_start")


def speaker_columns(article) -> dict[str, list] | pd.DataFrame:
    """The rows of :func:`speakers` as a dict of column lists (for corpus mode, which converts the
    columns to Arrow itself); an article without any scored text gets the (typed, empty) DataFrame.

    >>> from analysis import Article
    >>> a = Article.from_text('"It is awful," Lavrov said. The sun shone.')
    >>> c = speaker_columns(a)
    >>> c["speaker"], c["utterances"], c["score"] == speakers(a).score.tolist()
    (['Lavrov', 'reporter'], [1, 2], True)
    """
    article = _as_article(article)
    rows = _speaker_rows(article)
    if not rows:
        return _frame(rows, SPEAKER_COLUMNS, _SPEAKER_INTS)
    return {name: list(col) for name, col in zip(SPEAKER_COLUMNS, zip(*rows))}


def _speaker_rows(article) -> list:
    """The rows of :func:`speakers` as tuples, cached per Article (shared: treat them as read-only)."""
    view = _units(article)
    if "speaker_rows" in view:
        return view["speaker_rows"]
    groups: dict = {}
    for r in _utterance_rows(article):
        groups.setdefault(r[0], []).append(r)
    rows = []
    arrays = {sp: (np.array([r[9] for r in g], dtype=float), np.array([r[5] for r in g], dtype=float))
              for sp, g in groups.items()}
    intervals = bootstrap_many([(sc, w, seed_of(sp)) for sp, (sc, w) in arrays.items()])
    for (sp, g), ((ml, mh), (sl, sh)) in zip(groups.items(), intervals):
        sc, w = arrays[sp]
        tot = float(w.sum())

        def wm(i):
            return round(float(sum(r[5] * r[i] for r in g) / tot), 4) if tot else 0.0

        kind = "voice" if all(r[1] == "voice" for r in g) else "speaker"
        dis = sum(_disagree(r[6], r[7]) for r in g)
        score = wm(9)
        rows.append((sp, kind, len(g), int(tot), round(float(sc.mean()), 4), round(ml, 4), round(mh, 4), score,
                     round(sl, 4), round(sh, 4), wm(6), wm(7), wm(8), int(dis), min(r[2] for r in g),
                     tone_label(score, sl, sh)))
    rows.sort(key=lambda r: (r[1] == "voice", r[14], r[0]))
    view["speaker_rows"] = rows
    return rows


def disagreements(article) -> pd.DataFrame:
    """Utterances (and voice sentences) where VADER and TextBlob disagree in sign (one above
    +0.05, the other below -0.05), with their text and offsets.

    >>> from analysis import Article
    >>> disagreements(Article.from_text("The attack was a great success, officials said.")).shape[1]
    9
    """
    rows = [r for r in _utterance_rows(_as_article(article)) if _disagree(r[6], r[7])]
    pick = [UTTERANCE_COLUMNS.index(c) for c in DISAGREEMENT_COLUMNS]
    return _frame([tuple(r[i] for i in pick) for r in rows], DISAGREEMENT_COLUMNS, ("start", "end", "words"))


