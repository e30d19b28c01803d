"""The three analyses side by side for one article, and the findings in plain words.

One row per *who*: the reporter's voice, the editorial (republisher's) voice and every quoted
speaker, with how much of the article they get, their tone (with its 95% interval) and toward
whom it is most negative, their dominant issue frame, their loaded-term rate and how many of
their words rest on uncertain attributions. The findings (:func:`findings`) are plain sentences a
journalist could print, generated from that table by fixed rules, each with the anchor of its
evidence on the report's ``evidence.html``; a finding that rests on under :data:`MIN_WORDS` words
or mostly on uncertain attributions says so instead of stating it as fact. Each question ("who is
quoted most", "who is most negative": :func:`most_words`, :func:`most_negative`,
:func:`most_loaded`) is answered here once, and every page of a report reuses that answer.
Nothing is computed twice: the rows come from the tables of :mod:`analysis.quotes`,
:mod:`analysis.sentiment`, :mod:`analysis.framing` and :mod:`analysis.loaded`.

    >>> from analysis import Article
    >>> a = Article.from_text('Kerry said: "We are deeply concerned about the reckless build-up."\\n\\n'
    ...                       'Comment: Washington is appeasing terrorists again.')
    >>> t = side_by_side(a)
    >>> sorted(t.who)
    ['Kerry', 'editorial', 'reporter']
    >>> reading(a, t)[0].startswith('Kerry gets')
    True
    >>> findings(a, t).question.tolist()[:3]
    ['most_words', 'quoted_share', 'editorial']
"""
from __future__ import annotations

import html
import math

import pandas as pd

from . import framing, loaded, palette, quotes, resources, sentiment
from .article import Article, shared

#: How the analysis modules name the two voices that are not quoted speakers.
VOICE_NAMES = {"(reporter)": "reporter", "(report)": "reporter", "reporter": "reporter", "report": "reporter",
               "(editorial)": "editorial", "editorial": "editorial"}
COLUMNS = ("who", "kind", "words", "word_share", "utterances", "tone", "tone_low", "tone_high",
           "most_negative_toward", "toward", "toward_mentions", "dominant_frame", "frame_weight",
           "loaded_hits", "loaded_per_1000", "top_loaded", "first_start", "uncertain_utterances", "uncertain_words")
MIN_WORDS = 50  # below this many words a rate or a tone is read as "too little text to say"
#: An attribution whose ``confidence`` is below this is uncertain (the quotes module documents
#: confidence >= .8 as right at least 9 times in 10 on its dev data); it is flagged on every page.
UNCERTAIN_BELOW = 0.8


UNATTRIBUTED = "(unattributed quote)"  # quoted text whose speaker the quotes module could not name


def who_name(name) -> str:
    """The name a voice or speaker has in every table and page of a report (the voices as "reporter"
    and "editorial", an unnamed speaker as :data:`UNATTRIBUTED`)."""
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


def _uncertain(article: Article) -> dict[str, tuple[int, int]]:
    """Per speaker: how many utterances, and how many of their words, rest on an attribution whose
    confidence is under :data:`UNCERTAIN_BELOW`."""
    q = _tables(article, quotes)["utterances"]
    out: dict[str, tuple[int, int]] = {}
    if not len(q) or "confidence" not in q:
        return out
    text = article.text
    for r in q.itertuples():
        if float(r.confidence) >= UNCERTAIN_BELOW:
            continue
        parts = list(r.parts) if len(r.parts) else [r.start, r.end]
        words = sum(len(resources.WORD_RE.findall(text, a, b)) for a, b in zip(parts[::2], parts[1::2]))
        n, w = out.get(who_name(r.speaker), (0, 0))
        out[who_name(r.speaker)] = (n + 1, w + words)
    return out


def side_by_side(article: Article) -> pd.DataFrame:
    """One row per voice and quoted speaker: words and share of the article, utterances, tone
    (``sentiment`` score, word-weighted, with a bootstrap 95% interval), the actor toward whom the
    tone is most negative, the dominant issue frame (summed cue weight), loaded-term hits and rate
    per 1,000 words, and the utterances (and their words) whose attribution is uncertain
    (confidence under :data:`UNCERTAIN_BELOW`). Boilerplate is left out. Rows are ordered: reporter,
    editorial, the author's first person in an op-ed or essay (``kind`` ``author``: the writer's own
    voice, no quoted speaker), speakers by words, then quoted text whose speaker could not be named
    (``kind`` ``unattributed``). ``first_start`` is the offset of the first utterance (or first sentence) of
    each."""
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
        who = who_name(r.speaker)
        if r.kind == "voice" and who not in ("reporter", "editorial"):
            continue
        x = row(who, "author" if r.kind == "author" else _kind(who))  # the writer's first person: no quote
        x["words"] = int(x["words"] or 0) + int(r.words)
    for x in rows.values():
        x["word_share"] = round(x["words"] / total, 3) if total else 0.0
    for r in speakers.itertuples():
        who = who_name(r.speaker)
        x = row(who, _kind(who))
        x.update(utterances=int(r.utterances), tone=_num(r.score), tone_low=_num(r.score_low),
                 tone_high=_num(r.score_high), first_start=int(r.first_start))
    for who, g in toward.groupby(toward.speaker.map(who_name), sort=False):
        g = g[g.actor != who]
        if who in rows and len(g):
            worst = g.sort_values(["toward", "actor"]).iloc[0]
            rows[who].update(most_negative_toward=str(worst.actor), toward=_num(worst.toward),
                             toward_mentions=int(worst.mentions))
    issue = hits[hits.scheme == "issue"]
    for who, g in issue.groupby(issue.speaker.map(who_name), sort=False):
        if who in rows and len(g):
            w = g.groupby("frame").weight.sum()
            best = sorted(w.items(), key=lambda fw: (-fw[1], fw[0]))[0]
            rows[who].update(dominant_frame=str(best[0]), frame_weight=float(best[1]))
    for r in lv.itertuples():
        who = who_name(r.who)
        if who in rows:
            rows[who].update(loaded_hits=int(r.hits), loaded_per_1000=_num(r.per_1000_words),
                             top_loaded=str(r.top_terms or ""))
    for who, (n, w) in _uncertain(article).items():
        if who in rows:
            rows[who].update(uncertain_utterances=n, uncertain_words=w)

    order = {"reporter": 0, "editorial": 1, UNATTRIBUTED: 3}
    out = pd.DataFrame(list(rows.values()), columns=list(COLUMNS))
    out["_o"] = [1.5 if k == "author" else order.get(w, 2) for w, k in zip(out.who, out.kind)]
    out = out.sort_values(["_o", "words", "who"], ascending=[True, False, True], kind="stable").drop(columns="_o")
    out = out[out.words.fillna(0) > 0].reset_index(drop=True)
    for c in ("words", "utterances", "loaded_hits", "toward_mentions", "first_start", "uncertain_utterances",
              "uncertain_words"):
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


def frame_label(name: str) -> str:
    """A frame id as words ("security_defense" -> "security and defense")."""
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
        "most negative toward": [f"{a} ({t:+.2f})" if a and not math.isnan(t) else ""
                                 for a, t in zip(table.most_negative_toward, table.toward)],
        "dominant frame": [frame_label(f) if f else "" for f in table.dominant_frame],
        "loaded /1k words": [f"{x:.1f}" if not math.isnan(x) else "" for x in table.loaded_per_1000],
        "top loaded terms": table.top_loaded})


def frame_gap(article: Article, min_hits: int = 2) -> dict | None:
    """The frame the editorial voice uses most *more* than the report (per 1,000 words, from
    :func:`analysis.framing.tables` ``by_voice``), with at least ``min_hits`` cues in the
    editorial voice; None when the article has no editorial voice or no such frame."""
    bv = _tables(article, framing)["by_voice"]
    if not len(bv) or "editorial" not in set(bv.voice):
        return None
    wide = bv.pivot_table(index=["scheme", "frame"], columns="voice", values=["per_1000", "hits"], aggfunc="sum",
                          fill_value=0)
    best = None
    for (scheme, frame), r in wide.iterrows():
        ed, rep = float(r.get(("per_1000", "editorial"), 0)), float(r.get(("per_1000", "report"), 0))
        hits = int(r.get(("hits", "editorial"), 0))
        if hits >= min_hits and ed > rep:
            key = (ed - rep, scheme, frame)
            if best is None or key > best[0]:
                best = (key, {"scheme": scheme, "frame": frame, "editorial": ed, "report": rep, "hits": hits})
    return best[1] if best else None


# --------------------------------------------------------------------------- one answer per question
def most_words(table: pd.DataFrame):
    """The quoted speaker with the most words (a row of :func:`side_by_side`), or None."""
    sp = table[table.kind == "speaker"]
    return sp.sort_values(["words", "who"], ascending=[False, True]).iloc[0] if len(sp) else None


def most_negative(table: pd.DataFrame):
    """The quoted speaker whose tone is lowest, among those with two utterances or more (a single
    utterance has no interval), or None. The one answer to "who is most negative" in a report."""
    sp = _toned_speakers(table)
    return sp.sort_values(["tone", "who"]).iloc[0] if len(sp) else None


def _toned_speakers(table: pd.DataFrame) -> pd.DataFrame:
    """The quoted speakers whose tone has an interval: two utterances or more."""
    return table[(table.kind == "speaker") & (table.utterances >= 2) & table.tone.notna()]


def most_loaded(table: pd.DataFrame):
    """The voice or speaker with the highest loaded-term rate among those with at least
    :data:`MIN_WORDS` words and one hit, or None."""
    t = table[(table.words >= MIN_WORDS) & (table.loaded_hits > 0) & table.loaded_per_1000.notna()]
    return t.sort_values(["loaded_per_1000", "who"], ascending=[False, True]).iloc[0] if len(t) else None


def speaker_colours(article: Article) -> dict[str, str]:
    """Every voice's and speaker's colour in this article: :func:`analysis.palette.speaker_colours`
    over the summary's rows and every utterance's speaker (names as :func:`who_name` gives them).
    Charts and pages of one article that take their colours from this dict agree."""
    names = list(side_by_side(article).who) + ["reporter", "editorial"]
    names += [who_name(s) for s in _tables(article, quotes)["utterances"].speaker]
    return palette.speaker_colours(names)


# --------------------------------------------------------------------------- anchors on evidence.html
def slug(name: str) -> str:
    """A stable HTML id fragment for a name: its letters and digits, and a short hash so that two
    names that read alike never share an id.

    >>> slug("Sergey Lavrov")
    'sergey-lavrov-38eb'
    """
    import hashlib
    import re

    base = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")[:40]
    return f"{base}-{hashlib.sha1(str(name).encode('utf-8')).hexdigest()[:4]}".lstrip("-")


def speaker_anchor(who: str) -> str:
    """The id of a speaker's or voice's entry in the evidence page's legend."""
    return "who-" + slug(who)


def span_anchor(layer: str, start: int, end: int) -> str:
    """The id of a mark on the evidence page: ``layer`` is ``u`` (utterance), ``loaded``,
    ``frame`` or ``hedge``."""
    return f"{layer}-{int(start)}-{int(end)}"


# --------------------------------------------------------------------------- findings in plain words
FINDING_COLUMNS = ("question", "sentence", "anchor", "certain", "words", "who")


def signed(x: float) -> str:
    """A tone as printed: two decimals, a real minus sign."""
    return f"{x:+.2f}".replace("-", "\u2212")


def _tone(r) -> str:
    """"clearly negative: −0.13, 95% interval −0.18 to −0.08" for a row with a tone."""
    label = sentiment.tone_label(r.tone, r.tone_low, r.tone_high)
    s = f"{label}: {signed(r.tone)}"
    if not math.isnan(r.tone_low):
        s += f", 95% interval {signed(r.tone_low)} to {signed(r.tone_high)}"
    return s


def plural(n: int, word: str) -> str:
    """``plural(1, "word")`` is "1 word", ``plural(2, "word")`` is "2 words"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _doubt(r, rate: bool = True) -> str | None:
    """Why a finding about row ``r`` cannot be stated as fact, or None: too few words for a tone or
    a rate (``rate``), or most of its words in attributions the quotes module is unsure of."""
    if rate and r.words < MIN_WORDS:
        return f"this rests on only {plural(int(r.words), 'word')}, too little text to be sure"
    if r.kind == "speaker" and r.uncertain_words * 2 >= r.words > 0:
        n, total = int(r.uncertain_utterances), int(r.utterances)
        which = ("it" if total == 1 else f"all {total} utterances") if n >= total else f"{n} of the {total} utterances"
        return f"the suite is unsure who said {which}: check on the evidence page"
    return None


def _finding(question: str, sentence: str, anchor: str, who: str = "", words: int = 0,
             doubt: str | None = None) -> dict:
    sentence = sentence[:1].upper() + sentence[1:]
    if doubt:
        sentence = f"Unconfirmed: {sentence.rstrip('.')}; but {doubt}."
    return {"question": question, "sentence": sentence, "anchor": anchor, "certain": doubt is None,
            "words": int(words), "who": who}


def findings(article: Article, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The findings about the article, each a sentence a journalist could print, most telling
    first: ``question`` (a fixed key; each question is answered once), ``sentence``, ``anchor``
    (the id of its evidence on ``evidence.html``), ``certain`` (False when the finding rests on
    under :data:`MIN_WORDS` words or mostly on uncertain attributions; the sentence then says so),
    ``words`` (how many words it rests on) and ``who``."""
    t = side_by_side(article) if table is None else table
    if not len(t):
        return pd.DataFrame([_finding("empty", "The article has no report or editorial text to read.", "")],
                            columns=list(FINDING_COLUMNS))
    out = [f for f in (_speech_findings(article, t) + _tone_findings(article, t) + _loaded_findings(article, t)
                       + _frame_findings(article, t) + _caveat_findings(article, t)) if f]
    return pd.DataFrame(out, columns=list(FINDING_COLUMNS))


def _is_group(article: Article, who: str) -> bool:
    """Whether the quotes module typed speaker ``who`` as a group (plural: "officials get ...")."""
    cols = quotes.quote_columns(article)
    return any(s == who and k == "group" for s, k in zip(cols["speaker"], cols["speaker_type"]))


def _speech_findings(article: Article, t: pd.DataFrame) -> list:
    out = []
    speakers = t[t.kind == "speaker"]
    top = most_words(t)
    if top is not None:
        verb = "get" if _is_group(article, top.who) else "gets"
        s = (f"{top.who} {verb} {top.word_share:.0%} of the article's words ({top.words} words in "
             f"{plural(int(top.utterances), 'utterance')}), "
             + ("more than any other quoted speaker" if len(speakers) > 1 else "the only quoted speaker"))
        if 0 < top.uncertain_utterances and top.uncertain_words * 2 < top.words:
            s += f" ({top.uncertain_utterances} of the {top.utterances} attributions uncertain)"
        out.append(_finding("most_words", s + ".", speaker_anchor(top.who), top.who, top.words,
                            _doubt(top, rate=False)))
        quoted = int(speakers.words.sum())
        out.append(_finding("quoted_share", f"Quoted speakers together get {quoted / max(1, t.words.sum()):.0%} of the "
                            f"words, across {plural(len(speakers), 'speaker')}.", "legend", "", quoted))
    un = t[t.kind == "unattributed"]
    if len(un) and un.words.iloc[0]:
        first = _first_utterance(article, None)
        out.append(_finding("unattributed", f"{un.words.iloc[0]} words of quoted text ({un.word_share.iloc[0]:.0%}) "
                            f"could not be attributed to a speaker; they are counted for no one.",
                            span_anchor("u", *first) if first else "legend", UNATTRIBUTED, un.words.iloc[0]))
    elif not len(speakers):
        out.append(_finding("most_words", "No one is quoted: every word is the reporter's or the editorial voice's.",
                            "legend"))
    au = t[t.kind == "author"]
    if len(au) and au.words.iloc[0]:
        who = au.who.iloc[0]
        writer = "The author" if who == "author" else f"The author, {who},"
        out.append(_finding("author", f"{writer} writes {au.words.iloc[0]} words ({au.word_share.iloc[0]:.0%}) in the "
                            "first person; they are the author's own voice, not a quotation.", "legend", who,
                            au.words.iloc[0]))
    ed = t[t.who == "editorial"]
    if len(ed) and ed.words.iloc[0]:
        out.append(_finding("editorial", f"A second, editorial voice (text the republisher inserted) holds "
                            f"{ed.word_share.iloc[0]:.0%} of the words; it is analysed apart from the report.",
                            speaker_anchor("editorial"), "editorial", ed.words.iloc[0]))
    return out


def _first_utterance(article: Article, speaker) -> tuple[int, int] | None:
    q = _tables(article, quotes)["utterances"]
    for r in q.itertuples():
        if (who_name(r.speaker) == UNATTRIBUTED) if speaker is None else (who_name(r.speaker) == speaker):
            return int(r.start), int(r.end)
    return None


def _possessive(article: Article, who: str) -> str:
    """'Harry's', 'the loggers'' (a plural group speaker takes the apostrophe alone)."""
    return who + ("'" if who.endswith("s") and _is_group(article, who) else "'s")


def _tone_findings(article: Article, t: pd.DataFrame) -> list:
    out = []
    neg = most_negative(t)
    if neg is not None:
        rivals = len(_toned_speakers(t)) - 1
        label = sentiment.tone_label(neg.tone, neg.tone_low, neg.tone_high)
        verb = {"no clear lean": "show no clear lean", "clearly negative": "read clearly negative",
                "leans negative": "lean negative", "leans positive": "lean positive",
                "clearly positive": "read clearly positive"}[label]
        s = (f"{_possessive(article, neg.who)} quoted words {verb}: {_tone(neg).split(': ', 1)[1]} "
             f"({plural(int(neg.utterances), 'utterance')}, {neg.words} words)")
        if not rivals:
            s += "; no other quoted speaker has two utterances or more to compare"
        elif label in ("clearly negative", "leans negative"):
            s += ", the most negative of the quoted speakers"
        elif label == "no clear lean":
            s += "; no quoted speaker with two utterances or more reads lower"
        else:
            s += "; every quoted speaker with two utterances or more reads at least this positive"
        if neg.most_negative_toward and not math.isnan(neg.toward) and neg.toward < -sentiment.TONE_THRESHOLD:
            s += (f"; most negative toward {neg.most_negative_toward} ({signed(neg.toward)} over "
                  f"{plural(int(neg.toward_mentions), 'mention')})")
        out.append(_finding("most_negative", s + ".", speaker_anchor(neg.who), neg.who, neg.words, _doubt(neg)))
    parts, words = [], 0
    for who in ("reporter", "editorial"):
        r = t[t.who == who]
        if len(r) and not math.isnan(r.tone.iloc[0]):
            r = r.iloc[0]
            label = sentiment.tone_label(r.tone, r.tone_low, r.tone_high)
            verb = {"no clear lean": "show no clear lean", "clearly negative": "read clearly negative",
                    "leans negative": "lean negative", "leans positive": "lean positive",
                    "clearly positive": "read clearly positive"}[label]
            name = "the reporter's own words" if who == "reporter" else "the editorial voice's words"
            parts.append(f"{name} {verb} ({_tone(r).split(': ', 1)[1]})")
            words += int(r.words)
    if parts:
        s = "; ".join(parts)
        out.append(_finding("voice_tone", s[0].upper() + s[1:] + ".", speaker_anchor("reporter"), "reporter", words))
    return out


def _loaded_findings(article: Article, t: pd.DataFrame) -> list:
    hi = most_loaded(t)
    if hi is None:
        return []
    rep = t[t.who == "reporter"]
    base = float(rep.loaded_per_1000.iloc[0]) if len(rep) and rep.words.iloc[0] >= MIN_WORDS else float("nan")
    where = {"reporter": "the reporter's own words", "editorial": "the editorial voice",
             UNATTRIBUTED: "quoted text no speaker could be named for"}
    where = where.get(hi.who, f"{_possessive(article, hi.who)} quoted words")
    s = (f"Loaded language is densest in {where}: {hi.loaded_per_1000:.1f} loaded terms per 1,000 words "
         f"({plural(int(hi.loaded_hits), 'hit')}{': ' + hi.top_loaded if hi.top_loaded else ''})")
    if hi.who != "reporter" and not math.isnan(base):
        s += f", against {base:.1f} in the reporter's own words"
    ed = t[t.who == "editorial"]
    if len(ed) and hi.who != "editorial" and ed.words.iloc[0] >= MIN_WORDS:
        rate = ed.loaded_per_1000.iloc[0]
        s += "" if math.isnan(rate) else f"; the editorial voice has {rate:.1f}"
    h = _tables(article, loaded)["hits"]
    h = h[h.who.map(who_name) == hi.who].sort_values("start")
    anchor = span_anchor("loaded", h.start.iloc[0], h.end.iloc[0]) if len(h) else "layer-loaded"
    return [_finding("most_loaded", s + ".", anchor, hi.who, hi.words, _doubt(hi))]


def _frame_findings(article: Article, t: pd.DataFrame) -> list:
    out = []
    fr = [r for r in t[t.kind == "voice"].itertuples() if r.dominant_frame]
    if len(fr) == 2 and fr[0].dominant_frame == fr[1].dominant_frame:
        out.append(_finding("dominant_frames", f"Both voices lead with {frame_label(fr[0].dominant_frame)} cues.",
                            "layer-frames"))
    elif fr:
        s = "; ".join(f"{_label(r.who).lower()} leads with {frame_label(r.dominant_frame)} cues" for r in fr)
        out.append(_finding("dominant_frames", s[0].upper() + s[1:] + ".", "layer-frames"))
    gap = frame_gap(article)
    if gap is not None:
        h = _frame_gap_hits(article, gap)
        anchor = span_anchor("frame", h.start.iloc[0], h.end.iloc[0]) if len(h) else "layer-frames"
        ed = t[t.who == "editorial"]
        words = int(ed.words.iloc[0]) if len(ed) else 0
        doubt = f"the editorial voice has only {plural(words, 'word')}" if words < MIN_WORDS else None
        out.append(_finding("frame_gap", f"The editorial voice uses {frame_label(gap['frame'])} cues "
                            f"({gap['scheme']} frame) at {gap['editorial']:.1f} per 1,000 words against "
                            f"{gap['report']:.1f} in the report ({plural(gap['hits'], 'cue')} in the editorial voice).",
                            anchor, "editorial", words, doubt))
    return out


def _frame_gap_hits(article: Article, gap: dict) -> pd.DataFrame:
    h = _tables(article, framing)["hits"]
    return h[(h.voice == "editorial") & (h.frame == gap["frame"]) & (h.scheme == gap["scheme"])].sort_values("start")


def _caveat_findings(article: Article, t: pd.DataFrame) -> list:
    out = []
    q = _tables(article, quotes)["utterances"]
    if len(q) and "confidence" in q:
        low = q[q.confidence.astype(float) < UNCERTAIN_BELOW].sort_values("start")
        if len(low):
            r = low.iloc[0]
            out.append(_finding("uncertain", f"The suite is unsure of {len(low)} of its "
                                f"{plural(len(q), 'attribution')} (confidence under {UNCERTAIN_BELOW:.1f}); they are "
                                f"flagged on the evidence page: check them before quoting who said what.",
                                span_anchor("u", r.start, r.end)))
    small = [r.who for r in t[t.kind == "speaker"].itertuples() if r.words < MIN_WORDS]
    if small:
        out.append(_finding("few_words", f"Read with care: {plural(len(small), 'speaker')} "
                            f"({', '.join(small[:5])}{', ...' if len(small) > 5 else ''}) "
                            f"ha{'ve' if len(small) != 1 else 's'} fewer than {MIN_WORDS} words; their tone and rates "
                            f"rest on very little text.", "legend"))
    return out


def reading(article: Article, table: pd.DataFrame | None = None) -> list[str]:
    """The sentences of :func:`findings` (plain text: escape it before putting it in HTML; see
    :func:`reading_html`)."""
    return list(findings(article, table).sentence)


def evidence(article: Article, table: pd.DataFrame | None = None, per_claim: int = 5) -> pd.DataFrame:
    """The text behind the findings: for the most loaded voice its loaded-term hits, for the most
    negative speaker the sentences that carry its most negative tone toward an actor, and for the
    editorial frame gap the editorial cues of that frame. Columns ``claim``, ``who``, ``start``,
    ``end``, ``text`` (``article.text[start:end]``), ``detail``."""
    t = side_by_side(article) if table is None else table
    rows = []
    top = most_loaded(t)
    if top is not None:
        h = _tables(article, loaded)["hits"]
        h = h[h.who.map(who_name) == top.who].sort_values("start").head(per_claim)
        rows += [("highest loaded-term rate", top.who, int(r.start), int(r.end), f"{r.category} ({r.term})")
                 for r in h.itertuples()]
    neg = most_negative(t)
    if neg is not None:
        m = _tables(article, sentiment)["toward_mentions"]
        m = m[(m.speaker.map(who_name) == neg.who) & (m.actor == neg.most_negative_toward)]
        m = m.sort_values("start").head(per_claim)
        rows += [(f"most negative speaker, toward {neg.most_negative_toward}", neg.who, int(r.sentence_start),
                  int(r.sentence_end), f"toward {r.toward:+.2f} at '{r.mention}'") for r in m.itertuples()]
    gap = frame_gap(article)
    if gap is not None:
        h = _frame_gap_hits(article, gap).head(per_claim)
        rows += [(f"editorial voice over-uses {frame_label(gap['frame'])}", "editorial", int(r.start), int(r.end),
                  f"cue '{r.cue}'") for r in h.itertuples()]
    out = pd.DataFrame(rows, columns=["claim", "who", "start", "end", "detail"])
    out.insert(4, "text", [article.text[a:b] for a, b in zip(out.start, out.end)])
    return out


def findings_html(article: Article, table: pd.DataFrame | None = None, evidence_page: str | None = "evidence.html",
                  found: pd.DataFrame | None = None) -> str:
    """:func:`findings` as an escaped HTML list (article-derived names are untrusted), each item
    linking to its evidence on ``evidence_page`` (``None``: no links, e.g. inside a notebook that
    shows the evidence view itself, where the links point to ids on the same page: pass ``""``).
    An uncertain finding carries the class ``unsure``.

    >>> from analysis import Article
    >>> '<script>' in findings_html(Article.from_text('<script> said: "We are concerned about it."'))
    False
    """
    f = findings(article, table) if found is None else found
    items = []
    for r in f.itertuples():
        link = ""
        if evidence_page is not None and r.anchor:
            link = f' <a class="ev-link" href="{html.escape(evidence_page)}#{html.escape(r.anchor)}">evidence</a>'
        cls = "" if r.certain else ' class="unsure"'
        items.append(f"<li{cls}>{html.escape(r.sentence)}{link}</li>")
    return f'<ul class="reading">{"".join(items)}</ul>'


def reading_html(article: Article, table: pd.DataFrame | None = None) -> str:
    """:func:`findings_html` without links.

    >>> from analysis import Article
    >>> '<script>' in reading_html(Article.from_text('<script> said: "We are concerned about it."'))
    False
    """
    return findings_html(article, table, evidence_page=None)


def headline(article: Article, table: pd.DataFrame | None = None) -> str:
    """One line for a report index: who speaks most (the first finding)."""
    return reading(article, table)[0]


def tables(article: Article) -> dict[str, pd.DataFrame]:
    """``side_by_side`` (primary), ``findings`` (one printable sentence per row, with the anchor of
    its evidence) and ``evidence`` (the spans behind the findings)."""
    t = side_by_side(article)
    return {"side_by_side": t, "findings": findings(article, t), "evidence": evidence(article, t)}
