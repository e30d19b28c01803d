"""The three analyses side by side for one article, and a short reading of the numbers.

One row per *who*: the reporter's voice, the editorial (republisher's) voice and every quoted
speaker, with how much of the article they get, their tone (with its 95% interval) and toward
whom it is most negative, their dominant issue frame and their loaded-term rate. The reading
is a handful of plain sentences generated from that table, each hedged by the amount of text
it rests on. Nothing here is computed twice: the rows come from the tables of
:mod:`analysis.quotes`, :mod:`analysis.sentiment`, :mod:`analysis.framing` and
:mod:`analysis.loaded`.

    >>> from analysis import Article
    >>> a = Article.from_text('Kerry said: "We are deeply concerned about the reckless build-up."\\n\\n'
    ...                       'Comment: Washington is appeasing terrorists again.')
    >>> t = side_by_side(a)
    >>> sorted(t.who)
    ['Kerry', 'editorial', 'reporter']
    >>> reading(a, t)[0].startswith('Kerry gets')
    True
"""
from __future__ import annotations

import html
import math

import pandas as pd

from . import framing, loaded, quotes, sentiment
from .article import Article, shared

#: How the analysis modules name the two voices that are not quoted speakers.
VOICE_NAMES = {"(reporter)": "reporter", "(report)": "reporter", "reporter": "reporter", "report": "reporter",
               "(editorial)": "editorial", "editorial": "editorial"}
COLUMNS = ("who", "kind", "words", "word_share", "utterances", "tone", "tone_low", "tone_high",
           "most_negative_toward", "toward", "toward_mentions", "dominant_frame", "frame_weight",
           "loaded_hits", "loaded_per_1000", "top_loaded", "first_start")
MIN_WORDS = 50  # below this many words a rate or a tone is read as "too little text to say"


UNATTRIBUTED = "(unattributed quote)"  # quoted text whose speaker the quotes module could not name


def _who(name) -> str:
    name = "" if name is None else str(name)
    if name in ("", "nan", "None", "unattributed"):
        return UNATTRIBUTED
    return VOICE_NAMES.get(name, name)


def _kind(who: str) -> str:
    return "voice" if who in ("reporter", "editorial") else "unattributed" if who == UNATTRIBUTED else "speaker"


def _tables(article: Article, module) -> dict:
    """``module.tables(article)``, computed once per article (the summary reads each several
    times); shared, so read-only."""
    return shared(article, ("summary.tables", module.__name__), lambda: module.tables(article))


def _num(x, default=float("nan")) -> float:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(x) else x


def side_by_side(article: Article) -> pd.DataFrame:
    """One row per voice and quoted speaker: words and share of the article, utterances, tone
    (``sentiment`` score, word-weighted, with a bootstrap 95% interval), the actor toward whom the
    tone is most negative, the dominant issue frame (summed cue weight), loaded-term hits and rate
    per 1,000 words. Boilerplate is left out. Rows are ordered: reporter, editorial, speakers by
    words, then quoted text whose speaker could not be named (``kind`` ``unattributed``). ``first_start`` is the offset of the first utterance (or first sentence) of each."""
    sp = _tables(article, sentiment)
    speakers, toward = sp["speakers"], sp["toward"]
    lv = _tables(article, loaded)["by_voice"]
    hits = _tables(article, framing)["hits"]
    words = _tables(article, quotes)["words"]

    rows: dict[str, dict] = {}

    def row(who: str, kind: str) -> dict:
        return rows.setdefault(who, {c: None for c in COLUMNS} | {"who": who, "kind": kind})

    total = int(words.words.sum()) if len(words) else 0
    for r in words.itertuples():
        who = _who(r.speaker)
        if r.kind == "voice" and who not in ("reporter", "editorial"):
            continue
        x = row(who, _kind(who))
        x["words"] = int(x["words"] or 0) + int(r.words)
    for x in rows.values():
        x["word_share"] = round(x["words"] / total, 3) if total else 0.0
    for r in speakers.itertuples():
        who = _who(r.speaker)
        x = row(who, _kind(who))
        x.update(utterances=int(r.utterances), tone=_num(r.score), tone_low=_num(r.score_low),
                 tone_high=_num(r.score_high), first_start=int(r.first_start))
    for who, g in toward.groupby(toward.speaker.map(_who), sort=False):
        g = g[g.actor != who]
        if who in rows and len(g):
            worst = g.sort_values(["toward", "actor"]).iloc[0]
            rows[who].update(most_negative_toward=str(worst.actor), toward=_num(worst.toward),
                             toward_mentions=int(worst.mentions))
    issue = hits[hits.scheme == "issue"]
    for who, g in issue.groupby(issue.speaker.map(_who), sort=False):
        if who in rows and len(g):
            w = g.groupby("frame").weight.sum()
            best = sorted(w.items(), key=lambda fw: (-fw[1], fw[0]))[0]
            rows[who].update(dominant_frame=str(best[0]), frame_weight=float(best[1]))
    for r in lv.itertuples():
        who = _who(r.who)
        if who in rows:
            rows[who].update(loaded_hits=int(r.hits), loaded_per_1000=_num(r.per_1000_words),
                             top_loaded=str(r.top_terms or ""))

    order = {"reporter": 0, "editorial": 1, UNATTRIBUTED: 3}
    out = pd.DataFrame(list(rows.values()), columns=list(COLUMNS))
    out["_o"] = out.who.map(lambda w: order.get(w, 2))
    out = out.sort_values(["_o", "words", "who"], ascending=[True, False, True], kind="stable").drop(columns="_o")
    out = out[out.words.fillna(0) > 0].reset_index(drop=True)
    for c in ("words", "utterances", "loaded_hits", "toward_mentions", "first_start"):
        out[c] = out[c].fillna(0).astype(int)
    for c in ("most_negative_toward", "dominant_frame", "top_loaded"):
        out[c] = out[c].fillna("").astype(str)
    for c in ("word_share", "tone", "tone_low", "tone_high", "toward", "frame_weight", "loaded_per_1000"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
    return out


def _label(who: str) -> str:
    return {"reporter": "The reporter's voice", "editorial": "The editorial voice"}.get(who, who)


FRAME_NAMES = {  # display names of the Policy Frames Codebook frames whose ids shorten "x and y"
    "capacity_resources": "capacity and resources", "fairness_equality": "fairness and equality",
    "crime_punishment": "crime and punishment", "security_defense": "security and defense",
    "health_safety": "health and safety", "external_regulation": "external regulation and reputation",
    "policy": "policy prescription and evaluation", "legality": "legality and jurisprudence",
    "responsibility": "attribution of responsibility"}


def _frame(name: str) -> str:
    return FRAME_NAMES.get(name, name.replace("_", " "))


def compact(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`side_by_side` as a narrow table for reading (numbers formatted, intervals joined).

    >>> from analysis import Article
    >>> list(compact(side_by_side(Article.from_text('Kerry said: "We are concerned about it."'))).columns)[:3]
    ['who', 'words', 'share']
    """
    def tone(r):
        if math.isnan(r.tone):
            return ""
        return f"{r.tone:+.2f}" + (f" [{r.tone_low:+.2f}, {r.tone_high:+.2f}]" if not math.isnan(r.tone_low) else "")

    return pd.DataFrame({
        "who": table.who, "words": table.words, "share": [f"{x:.0%}" for x in table.word_share],
        "utterances": table.utterances, "tone [95% interval]": [tone(r) for r in table.itertuples()],
        "most negative toward": [f"{a} ({t:+.2f})" if a and not math.isnan(t) else "" for a, t in zip(table.most_negative_toward, table.toward)],
        "dominant frame": [_frame(f) if f else "" for f in table.dominant_frame],
        "loaded /1k words": [f"{x:.1f}" if not math.isnan(x) else "" for x in table.loaded_per_1000],
        "top loaded terms": table.top_loaded})


def frame_gap(article: Article, min_hits: int = 2) -> dict | None:
    """The frame the editorial voice uses most *more* than the report (per 1,000 words, from
    :func:`analysis.framing.tables` ``by_voice``), with at least ``min_hits`` cues in the
    editorial voice; None when the article has no editorial voice or no such frame."""
    bv = _tables(article, framing)["by_voice"]
    if not len(bv) or "editorial" not in set(bv.voice):
        return None
    wide = bv.pivot_table(index=["scheme", "frame"], columns="voice", values=["per_1000", "hits"], aggfunc="sum", fill_value=0)
    best = None
    for (scheme, frame), r in wide.iterrows():
        ed, rep = float(r.get(("per_1000", "editorial"), 0)), float(r.get(("per_1000", "report"), 0))
        hits = int(r.get(("hits", "editorial"), 0))
        if hits >= min_hits and ed > rep:
            key = (ed - rep, scheme, frame)
            if best is None or key > best[0]:
                best = (key, {"scheme": scheme, "frame": frame, "editorial": ed, "report": rep, "hits": hits})
    return best[1] if best else None


def reading(article: Article, table: pd.DataFrame | None = None) -> list[str]:
    """A few plain sentences that read :func:`side_by_side` aloud, most telling first, each
    saying how much text it rests on. Plain text (escape it before putting it in HTML; see
    :func:`reading_html`)."""
    t = side_by_side(article) if table is None else table
    out: list[str] = []
    if not len(t):
        return ["The article has no report or editorial text to read."]
    speakers = t[t.kind == "speaker"]
    voices = {r.who: r for r in t[t.kind == "voice"].itertuples()}
    if len(speakers):
        top = speakers.iloc[0]
        quoted = speakers.words.sum()
        out.append(f"{top.who} gets {top.word_share:.0%} of the article's words ({top.words} words in "
                   f"{top.utterances} utterance{'s' if top.utterances != 1 else ''}); quoted speakers "
                   f"together get {quoted / max(1, t.words.sum()):.0%} across {len(speakers)} "
                   f"speaker{'s' if len(speakers) != 1 else ''}.")
    un = t[t.kind == "unattributed"]
    if len(un) and un.words.iloc[0]:
        out.append(f"{un.words.iloc[0]} words of quoted text ({un.word_share.iloc[0]:.0%}) could not be attributed to a "
                   f"speaker; they are counted for no one.")
    elif not len(speakers):
        out.append("No one is quoted: every word is the reporter's or the editorial voice's.")
    rep, ed = voices.get("reporter"), voices.get("editorial")
    if ed is not None and ed.words:
        out.append(f"A second, editorial voice (text the republisher inserted) holds {ed.word_share:.0%} "
                   f"of the words; it is analysed apart from the report.")
    rated = [r for r in t.itertuples() if r.words >= MIN_WORDS and not math.isnan(r.loaded_per_1000)]
    if rated:
        hi = max(rated, key=lambda r: (r.loaded_per_1000, r.who))
        base = rep.loaded_per_1000 if rep is not None and rep.words >= MIN_WORDS else float("nan")
        s = (f"Loaded language: {_label(hi.who)} has the highest rate, {hi.loaded_per_1000:.1f} "
             f"per 1,000 words ({hi.loaded_hits} hit{'s' if hi.loaded_hits != 1 else ''}"
             f"{': ' + hi.top_loaded if hi.top_loaded else ''})")
        if hi.who != "reporter" and not math.isnan(base):
            s += f", against {base:.1f} in the reporter's voice"
        if ed is not None and hi.who != "editorial" and ed.words >= MIN_WORDS and not math.isnan(ed.loaded_per_1000):
            s += f"; the editorial voice has {ed.loaded_per_1000:.1f}"
        out.append(s + ".")
    toned = [r for r in speakers.itertuples() if r.utterances >= 2 and not math.isnan(r.tone)]
    if toned:
        neg = min(toned, key=lambda r: (r.tone, r.who))
        s = f"Tone: {neg.who} is the most negative speaker ({neg.tone:+.2f}"
        if not math.isnan(neg.tone_low):
            s += f", 95% interval {neg.tone_low:+.2f} to {neg.tone_high:+.2f}"
        s += f", {neg.utterances} utterances)"
        if neg.most_negative_toward and not math.isnan(neg.toward) and neg.toward < -0.05:
            s += f", most negative toward {neg.most_negative_toward} ({neg.toward:+.2f} over {neg.toward_mentions} mention{'s' if neg.toward_mentions != 1 else ''})"
        if not math.isnan(neg.tone_high) and neg.tone_high >= 0:
            s += "; the interval includes zero, so the lean is not certain"
        out.append(s + ".")
    fr = [r for r in (rep, ed) if r is not None and r.dominant_frame]
    if len(fr) == 2 and fr[0].dominant_frame == fr[1].dominant_frame:
        out.append(f"Frames: both voices lead with {_frame(fr[0].dominant_frame)}.")
    elif fr:
        out.append("Frames: " + "; ".join(f"{_label(r.who).lower()} leads with {_frame(r.dominant_frame)}" for r in fr) + ".")
    gap = frame_gap(article)
    if gap is not None:
        out.append(f"The editorial voice uses {_frame(gap['frame'])} cues ({gap['scheme']} frame) at "
                   f"{gap['editorial']:.1f} per 1,000 words against {gap['report']:.1f} in the report "
                   f"({gap['hits']} cue{'s' if gap['hits'] != 1 else ''} in the editorial voice).")
    small = [r.who for r in speakers.itertuples() if r.words < MIN_WORDS]
    if small:
        out.append(f"Read with care: {len(small)} speaker{'s' if len(small) != 1 else ''} "
                   f"({', '.join(small[:5])}{', ...' if len(small) > 5 else ''}) ha{'ve' if len(small) != 1 else 's'} fewer than "
                   f"{MIN_WORDS} words; their tone and rates rest on very little text.")
    return out


def evidence(article: Article, table: pd.DataFrame | None = None, per_claim: int = 5) -> pd.DataFrame:
    """The text behind the reading: for the most loaded voice its loaded-term hits, for the most
    negative speaker the sentences that carry its most negative tone toward an actor, and for the
    editorial frame gap the editorial cues of that frame. Columns ``claim``, ``who``, ``start``,
    ``end``, ``text`` (``article.text[start:end]``), ``detail``."""
    t = side_by_side(article) if table is None else table
    rows = []
    rated = t[(t.words >= MIN_WORDS) & t.loaded_hits.gt(0)]
    if len(rated):
        top = rated.sort_values(["loaded_per_1000", "who"], ascending=[False, True]).iloc[0]
        h = _tables(article, loaded)["hits"]
        h = h[h.who.map(_who) == top.who].sort_values("start").head(per_claim)
        rows += [("highest loaded-term rate", top.who, int(r.start), int(r.end), f"{r.category} ({r.term})") for r in h.itertuples()]
    sp = t[(t.kind == "speaker") & (t.utterances >= 2) & t.tone.notna()]
    if len(sp):
        neg = sp.sort_values(["tone", "who"]).iloc[0]
        m = _tables(article, sentiment)["toward_mentions"]
        m = m[(m.speaker.map(_who) == neg.who) & (m.actor == neg.most_negative_toward)].sort_values("start").head(per_claim)
        rows += [(f"most negative speaker, toward {neg.most_negative_toward}", neg.who, int(r.sentence_start),
                  int(r.sentence_end), f"toward {r.toward:+.2f} at '{r.mention}'") for r in m.itertuples()]
    gap = frame_gap(article)
    if gap is not None:
        h = _tables(article, framing)["hits"]
        h = h[(h.voice == "editorial") & (h.frame == gap["frame"]) & (h.scheme == gap["scheme"])].sort_values("start").head(per_claim)
        rows += [(f"editorial voice over-uses {_frame(gap['frame'])}", "editorial", int(r.start), int(r.end), f"cue '{r.cue}'")
                 for r in h.itertuples()]
    out = pd.DataFrame(rows, columns=["claim", "who", "start", "end", "detail"])
    out.insert(4, "text", [article.text[a:b] for a, b in zip(out.start, out.end)])
    return out


def reading_html(article: Article, table: pd.DataFrame | None = None) -> str:
    """:func:`reading` as an escaped HTML list (article-derived names are untrusted).

    >>> from analysis import Article
    >>> '<script>' in reading_html(Article.from_text('<script> said: "We are concerned about it."'))
    False
    """
    items = "".join(f"<li>{html.escape(s)}</li>" for s in reading(article, table))
    return f'<ul class="reading">{items}</ul>'


def headline(article: Article, table: pd.DataFrame | None = None) -> str:
    """One line for the report index: who speaks most and which voice is most loaded."""
    return reading(article, table)[0]


def tables(article: Article) -> dict[str, pd.DataFrame]:
    """``side_by_side`` (primary), ``reading`` (one generated sentence per row) and ``evidence``
    (the spans behind the reading)."""
    t = side_by_side(article)
    return {"side_by_side": t, "reading": pd.DataFrame({"sentence": reading(article, t)}),
            "evidence": evidence(article, t)}
