"""How an article names its actors and reports speech, per voice: labels (modifier + mention) per
actor from :mod:`analysis.actors`, reporting verbs and scare quotes from :mod:`analysis.quotes`, and
the labels one voice uses that another does not.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import actors, quotes
from ..article import as_article, shared
from .voices import _quotes, _view, _where

NAMING_COLUMNS = ["actor", "voice", "label", "modifier", "mention_text", "count", "start", "end", "mention_start",
                  "mention_end", "modifier_start", "modifier_end", "how", "text"]


def naming(article) -> pd.DataFrame:
    """How each actor is named, per voice: one row per distinct label (modifier + mention), e.g.
    ISIS as "terrorist group Islamic State" in the report and "Western proxy army ISIS" in the
    editorial voice. ``start``/``end`` span the label's first occurrence (modifier through mention;
    ``text`` = ``article.text[start:end]``); ``mention_text``, ``mention_*`` and ``modifier_*`` give the parts
    (``modifier_start`` = -1 without a modifier). Empty when no actor is named."""
    article = as_article(article)
    v = _view(article)
    if "mentions" not in v:
        v["mentions"] = shared(article, "analysis.actors.find_mentions", lambda: actors.find_mentions(article))
    m = v["mentions"]
    if len(m) == 0:
        ints = ("count", "start", "end", "mention_start", "mention_end", "modifier_start", "modifier_end")
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ints else "object") for c in NAMING_COLUMNS})
    rows = {}
    cols = ["actor", "start", "end", "mention", "modifier", "modifier_start", "modifier_end", "voice", "how"]
    for r in sorted(m[cols].to_dict("records"), key=lambda r: r["start"]):
        mod = r["modifier"] if isinstance(r["modifier"], str) else ""
        ms = int(r["modifier_start"]) if mod and int(r["modifier_start"]) >= 0 else -1
        me = int(r["modifier_end"]) if ms >= 0 else -1
        label = f"{mod} {r['mention']}" if mod else str(r["mention"])
        key = (str(r["actor"]), str(r["voice"]), label)
        if key in rows:
            rows[key]["count"] += 1
            continue
        start, end = (ms if ms >= 0 else int(r["start"])), int(r["end"])
        rows[key] = {"actor": str(r["actor"]), "voice": str(r["voice"]), "label": label, "modifier": mod,
                     "mention_text": str(r["mention"]), "count": 1, "start": start, "end": end,
                     "mention_start": int(r["start"]), "mention_end": end, "modifier_start": ms, "modifier_end": me,
                     "how": str(r["how"]), "text": article.text[start:end]}
    first: dict = {}
    for r in rows.values():
        first[r["actor"]] = min(first.get(r["actor"], r["start"]), r["start"])
    ordered = sorted(rows.values(), key=lambda r: (first[r["actor"]], r["actor"], r["start"]))
    return pd.DataFrame(ordered, columns=NAMING_COLUMNS)


REPORTING_COLUMNS = ["speaker", "verb", "stance", "kind", "start", "end", "voice", "text"]


def reporting_verbs(article) -> pd.DataFrame:
    """Reporting verbs per utterance from ``analysis.quotes`` (``speaker``, ``verb`` = the cue,
    ``stance``, ``kind``, ``start``/``end`` of the verb when the quote module gives its offsets, else
    of the utterance, ``voice``, ``text``). Empty when no utterance has a cue."""
    article = as_article(article)
    q = _quotes(article)
    if len(q) == 0 or "cue" not in q:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else "object")
                             for c in REPORTING_COLUMNS})
    rows = []
    for r in q.itertuples():
        cue = str(getattr(r, "cue", "") or "")
        if not cue or cue in ("nan", "None"):
            continue
        s, e = _cue_span(article.text, r, cue)
        rows.append({"speaker": str(r.speaker), "verb": cue, "stance": str(getattr(r, "stance", "") or ""),
                     "kind": str(getattr(r, "kind", "") or ""), "start": s, "end": e, "voice": article.voice_at(s),
                     "text": article.text[s:e]})
    return pd.DataFrame(rows, columns=REPORTING_COLUMNS)


def _cue_span(text, r, cue):
    for a, b in (("cue_start", "cue_end"), ("verb_start", "verb_end")):
        s, e = getattr(r, a, None), getattr(r, b, None)
        if s is not None and e is not None and not pd.isna(s) and int(s) >= 0 and int(e) > int(s):
            return int(s), int(e)
    # otherwise: the cue word nearest the utterance (after it, then before it), else the utterance
    lo, hi = max(0, int(r.start) - 200), min(len(text), int(r.end) + 200)
    low = text[lo:hi].lower()
    after = low.find(cue.lower(), int(r.end) - lo)
    pos = after if after >= 0 else low.rfind(cue.lower(), 0, int(r.start) - lo)
    if pos >= 0:
        return lo + pos, lo + pos + len(cue)
    return int(r.start), int(r.end)


SCARE_COLUMNS = ["start", "end", "text", "voice", "speaker", "paragraph"]


def scare_quotes(article) -> pd.DataFrame:
    """Scare quotes (from ``analysis.quotes.scare_quotes``) with the voice that used them:
    ``start``, ``end``, ``text``, ``voice``, ``speaker``, ``paragraph``. Empty when there are none."""
    article = as_article(article)
    s = shared(article, "analysis.quotes.scare_quotes", lambda: quotes.scare_quotes(article))
    if len(s) == 0:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end", "paragraph") else "object")
                             for c in SCARE_COLUMNS})
    s = s.copy()
    s["start"], s["end"] = s.start.astype("int64"), s.end.astype("int64")
    s["text"] = [article.text[a:b] for a, b in zip(s.start, s.end)]
    voices, paras, _sents, speakers, _kinds = _where(article, s.start.tolist())
    s["voice"], s["paragraph"] = voices, np.array(paras, dtype=np.int64)
    if "speaker" not in s:
        s["speaker"] = speakers
    return s[SCARE_COLUMNS].reset_index(drop=True)


def label_contrast(article, a: str = "report", b: str = "editorial") -> pd.DataFrame:
    """For each actor named in voice ``b``: its labels in ``a`` and in ``b``, and the labelled
    mentions (with a modifier) that only ``b`` uses: ``actor``, ``<a>_labels``, ``<b>_labels``,
    ``only_<b>`` (labels joined with " | ")."""
    n = naming(article)
    rows = []
    for actor, sub in n.groupby("actor", sort=False):
        la, lb = list(sub[sub.voice == a].label), list(sub[sub.voice == b].label)
        if not lb:
            continue
        mods_a = {m.lower() for m in sub[sub.voice == a].modifier if m}
        mine = sub[sub.voice == b]
        only = [lab for lab, m in zip(mine.label, mine.modifier) if m and m.lower() not in mods_a]
        rows.append({"actor": actor, f"{a}_labels": " | ".join(la), f"{b}_labels": " | ".join(lb),
                     f"only_{b}": " | ".join(only)})
    return pd.DataFrame(rows, columns=["actor", f"{a}_labels", f"{b}_labels", f"only_{b}"])
