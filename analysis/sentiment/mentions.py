"""Tone toward actors in an article: every actor mention (``analysis.actors``) in the report and
editorial voices with :func:`analysis.sentiment.toward`, who speaks there, and the speaker × actor table."""
from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
import pandas as pd

from .spans import SpanIndex
from .target import toward_detail
from .view import (MENTION_COLUMNS, TOWARD_COLUMNS, VOICE_SPEAKERS, _as_article, _frame, _units, disagreements,
                   speakers, tone_label, utterance_scores)


_APPOSITION_RE = re.compile(r"\s*[,(\u2014\u2013]\s*")


def _sentence_label(x: float) -> int:
    return 1 if x > 0.05 else -1 if x < -0.05 else 0


def toward_mentions(article) -> pd.DataFrame:
    """Every actor mention (``analysis.actors.find_mentions``) in the report and editorial voices
    with :func:`toward` computed on its sentence, and who speaks there: the speaker of the
    utterance holding it, else ``reporter``/``editorial``. ``attribution`` is True for a mention
    that names the speaker of an utterance ("..., Lavrov said"): the tone of a quotation is not
    the reporter's tone toward its source, so those are left out of :func:`toward_table`, and so
    are mentions that are no target (``no_target``: ``location``, ``dateline`` or ``byline``, see
    :func:`analysis.sentiment.non_target`; their tone is 0). ``label`` is -1/0/1, ``reading`` the
    plain-language reading (:func:`analysis.sentiment.tone_label`), ``evidence_words`` the words
    that drove the value most and ``evidence_spans`` their offsets into ``article.text`` (flat
    start/end pairs; :func:`analysis.sentiment.toward_detail`).

    >>> from analysis import Article
    >>> m = toward_mentions(Article.from_text("Foreign Minister Sergey Lavrov said Washington is making a grave "
    ...                                       "mistake."))
    >>> m[["speaker", "actor", "mention", "attribution"]].values.tolist()
    [['reporter', 'Sergey Lavrov', 'Sergey Lavrov', True], ['Sergey Lavrov', 'United States', 'Washington', False]]
    """
    from .. import actors

    article = _as_article(article)
    view = _units(article)
    if "toward_mentions" in view:
        return view["toward_mentions"].copy()
    text = article.text
    m = actors.find_mentions(article)
    speech = view["speech"]
    sents = view["sentences"]
    sstarts = [s for s, _ in sents]
    own = SpanIndex((a, b, k) for k, u in enumerate(speech) for a, b in u[4])  # the speakers' own words
    named = SpanIndex((a, b, None) for u in speech for a, b in u[5])  # the speakers' mentions
    rows = []
    for actor, s, e, voice in zip(m.actor.tolist(), m.start.tolist(), m.end.tolist(), m.voice.tolist()):
        s, e = int(s), int(e)
        if str(voice) not in VOICE_SPEAKERS:
            continue
        # the innermost utterance whose own words hold the mention (the first one on a tie)
        k = min(own.containing(s, e), key=lambda k: (speech[k][3] - speech[k][2], k), default=None)
        best = None if k is None else speech[k]
        speaker = best[0] if best is not None else VOICE_SPEAKERS[str(voice)]
        i = max(0, bisect_right(sstarts, s) - 1)
        s0, s1 = sents[i] if sents else (0, len(text))
        if not (s0 <= s and e <= s1):
            s0, s1 = min(s0, s), max(s1, e)
        d = toward_detail(text[s0:s1], s - s0, e - s0)
        val = round(d["toward"], 4)
        attribution = best is None and next(named.containing(s, e), False) is not False
        ev = d["evidence"]
        rows.append((speaker, str(actor), s, e, text[s:e], val, _sentence_label(val), s0, s1, text[s0:s1],
                     str(voice), bool(attribution), tone_label(val), d["no_target"], ", ".join(w for _, _, w, _ in ev),
                     [x for a, b, _, _ in ev for x in (s0 + a, s0 + b)]))
    df = _frame(rows, MENTION_COLUMNS, ("start", "end", "label", "sentence_start", "sentence_end"))
    view["toward_mentions"] = df
    return df.copy()


def toward_table(article) -> pd.DataFrame:
    """Speaker × actor: the mean :func:`toward` over the actor's mentions in each speaker's text
    (attributions of quotations left out), counts of negative/neutral/positive mentions, and the
    evidence: the mention with the strongest value (``start``/``end``/``mention``), its sentence
    (``evidence_start``/``evidence_end``/``evidence``) and the words in it that drove the value
    (``evidence_words``, offsets in ``evidence_spans``); ``reading`` is the plain-language reading of
    the mean (:func:`analysis.sentiment.tone_label`, no interval). Mentions that name a quotation's
    speaker or are no target are left out. Rows sorted by speaker order of appearance, then by the
    number of mentions.

    >>> from analysis import Article
    >>> t = toward_table(Article.from_text("Foreign Minister Sergey Lavrov said Washington is making a grave mistake."))
    >>> t[["speaker", "actor", "mentions"]].values.tolist()
    [['Sergey Lavrov', 'United States', 1]]
    >>> bool(t.toward[0] < -0.05)
    True
    """
    article = _as_article(article)
    toward_mentions(article)
    m = _units(article)["toward_mentions"]
    keep = ~m.attribution.to_numpy(dtype=bool) & (m.no_target.to_numpy(dtype=object) == "")
    cols = {c: m[c].tolist() for c in ("speaker", "actor", "start", "end", "mention", "toward", "label",
                                        "sentence_start", "sentence_end", "sentence", "evidence_words",
                                        "evidence_spans")}
    groups: dict = {}
    order: dict = {}
    text = article.text
    for i in np.flatnonzero(keep):
        sp = cols["speaker"][i]
        order.setdefault(sp, (sp in VOICE_SPEAKERS.values(), cols["start"][i]))
        idx = groups.setdefault((sp, cols["actor"][i]), [])
        if idx and cols["sentence_start"][idx[-1]] == cols["sentence_start"][i] \
                and _APPOSITION_RE.fullmatch(text, cols["end"][idx[-1]], cols["start"][i]):
            continue  # 'his mother, Diana': one actor named twice in apposition is one mention
        idx.append(i)
    rows = []
    for (sp, actor), idx in groups.items():
        vals = [cols["toward"][i] for i in idx]
        labels = [cols["label"][i] for i in idx]
        k = idx[int(np.argmax(np.abs(vals)))]
        mean = round(float(np.mean(vals)), 4)
        rows.append((sp, actor, len(idx), mean, sum(x < 0 for x in labels),
                     sum(x == 0 for x in labels), sum(x > 0 for x in labels), cols["start"][k], cols["end"][k],
                     cols["mention"][k], cols["sentence_start"][k], cols["sentence_end"][k], cols["sentence"][k],
                     tone_label(mean), cols["evidence_words"][k], list(cols["evidence_spans"][k])))
    rows.sort(key=lambda r: (order[r[0]], -r[2], r[1]))
    return _frame(rows, TOWARD_COLUMNS, ("mentions", "negative", "neutral", "positive", "start", "end",
                                         "evidence_start", "evidence_end"))


def tables(article) -> dict:
    """Every table of the sentiment analysis (the CLI's ``sentiment`` subcommand; ``speakers``
    first): ``speakers``, ``utterances``, ``toward`` (speaker × actor), ``disagreements``,
    ``toward_mentions``.

    >>> from analysis import load_article
    >>> list(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))
    ['speakers', 'utterances', 'toward', 'disagreements', 'toward_mentions']
    """
    article = _as_article(article)
    return {"speakers": speakers(article), "utterances": utterance_scores(article), "toward": toward_table(article),
            "disagreements": disagreements(article), "toward_mentions": toward_mentions(article)}

