"""The public tables of the quotes analysis: utterances (:func:`find_quotes`), scare quotes,
speakers, counts and words per speaker, and the article as HTML with its utterances marked.
"""
from __future__ import annotations

import bisect
import html

import numpy as np
import pandas as pd

from .. import actors as _actors
from .. import cues as _cues
from ..article import object_array
from ..columns import frame, layout, listed
from .marks import SINGLE_RE, WORD_RE
from .pipeline import Analysis, analysis, as_article
from .speakers import confidence, speaker_type

SCARE_MAX_WORDS = 6  # a single-quoted phrase longer than this is no scare quote
UTTERANCE_COLUMNS = ["speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_spans", "cue", "cue_start", "cue_end",
                     "verb", "stance", "kind", "start", "end", "text", "parts", "paragraph", "sentence", "voice", "how",
                     "speaker_type", "confidence"]
SCARE_COLUMNS = ["start", "end", "text", "voice", "paragraph", "kind"]
SPEAKER_COLUMNS = ["speaker", "kind", "role", "gender", "organisation", "aliases", "utterances", "direct", "indirect",
                   "mixed", "partial", "words", "first_start"]
KINDS = ("direct", "mixed", "indirect", "partial")



_UTTERANCE_INTS = ("speaker_start", "speaker_end", "cue_start", "cue_end", "start", "end", "paragraph", "sentence")


def _utterance_frame(an: Analysis) -> pd.DataFrame:
    return frame(_utterance_columns(an), ints=_UTTERANCE_INTS)


def _utterance_columns(an: Analysis) -> dict:
    """The rows of :func:`find_quotes` as column lists (fresh lists on every call)."""
    doc, text = an.doc, an.doc.text
    cols = {c: [] for c in UTTERANCE_COLUMNS}
    (c_speaker, c_mention, c_sstart, c_send, c_spans, c_cue, c_cstart, c_cend, c_verb, c_stance, c_kind, c_start, c_end,
     c_text, c_parts, c_para, c_sent, c_voice, c_how, c_type, c_conf) = (cols[c] for c in UTTERANCE_COLUMNS)
    pstart, pvoice, sstart = doc.pstart, doc.pvoice, doc.art_sent_start
    br = bisect.bisect_right
    for u in an.utts:
        if u.end <= u.start:
            continue
        c = u.cue
        s0, e0 = (u.src if u.src else (-1, -1))
        c_speaker.append(u.speaker)
        c_mention.append(text[s0:e0] if s0 >= 0 else "")
        c_sstart.append(s0)
        c_send.append(e0)
        c_spans.append(list(map(int, u.speaker_spans or ([s0, e0] if s0 >= 0 else []))))
        if c:
            c_cue.append(text[c.start:c.end])
            c_cstart.append(c.start)
            c_cend.append(c.end)
            c_verb.append(c.info.verb if c.info else c.form.strip())
            c_stance.append(c.info.stance if c.info else "neutral")
        else:
            c_cue.append("")
            c_cstart.append(-1)
            c_cend.append(-1)
            c_verb.append("")
            c_stance.append("")
        c_kind.append(u.kind)
        c_start.append(u.start)
        c_end.append(u.end)
        c_text.append(text[u.start:u.end])
        c_parts.append(list(map(int, u.parts or [u.start, u.end])))
        pi = br(pstart, u.start) - 1
        if pi < 0:
            pi = 0
        si = br(sstart, u.start) - 1
        c_para.append(pi)
        c_sent.append(si if si > 0 else 0)
        c_voice.append(pvoice[pi])
        c_how.append(u.how)
        c_type.append(speaker_type(u.speaker, an.g))
        c_conf.append(confidence(u))
    return cols


def find_quotes(article, aliases=None, split_around_cue: bool = False) -> pd.DataFrame:
    """One row per utterance (direct, mixed, indirect or partial) with its speaker and cue; see the
    module docstring for the columns. ``aliases``: a user alias file or DataFrame for
    :func:`analysis.actors.alias_table` that corrects or adds speaker names.

    Two quotations around one cue are one utterance by default (``text`` runs from the first to the
    second, the quoted pieces are in ``parts``): PolNeAR annotates them as one attribution (505 of
    507 such cases in train+dev), also when the cue sentence goes on after the speaker ('"A," Merkel
    told reporters after the meeting. "B."'). ``split_around_cue=True`` gives such a pair (cue
    sentence with words after cue and speaker) as two utterances sharing the cue, the second with
    ``how`` = ``continuation``, the cue sentence in neither.

    >>> from analysis import load_article, Article
    >>> q = find_quotes(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt"))
    >>> q[q.kind == "direct"].speaker.value_counts().to_dict()
    {'Sergey Lavrov': 4, 'Dmitry Peskov': 2, 'Maria Zakharova': 1}
    >>> a = Article.from_text('"We act," Merkel told reporters after the talks. "They must too."')
    >>> find_quotes(a, split_around_cue=True)[["speaker", "how", "text"]].values.tolist()
    [['Angela Merkel', 'after', 'We act'], ['Angela Merkel', 'continuation', 'They must too.']]
    """
    article = as_article(article)
    return _utterance_frame(analysis(article, aliases, split_around_cue))


def utterance_columns(article, aliases=None, split_around_cue: bool = False) -> dict:
    """The rows of :func:`find_quotes` as a dict of column lists (for corpus mode, which converts
    the columns to Arrow itself); an article without utterances gets the (typed, empty) DataFrame.

    >>> from analysis import load_article
    >>> a = load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")
    >>> utterance_columns(a) == {k: v.tolist() for k, v in find_quotes(a).items()}
    True
    """
    article = as_article(article)
    an = analysis(article, aliases, split_around_cue)
    cols = _utterance_columns(an)
    if not cols["start"]:
        return _utterance_frame(an)
    return listed(cols, _UTTERANCE_INTS)


def quote_columns(article) -> dict:
    """:func:`utterance_columns` with the default settings, computed once per article and shared
    with every analysis that reads the utterances (sentiment, framing, loaded terms, corpus mode):
    always a dict of column lists (empty lists when there are none). Shared: treat it as read-only.

    >>> from analysis import Article
    >>> quote_columns(Article.from_text('"We act," Merkel said.'))["speaker"]
    ['Angela Merkel']
    """
    from ..article import shared

    article = as_article(article)
    # the key corpus mode stores its utterances step under (corpus.analyse_one: module.function)
    cols = shared(article, "analysis.quotes.utterance_columns", lambda: utterance_columns(article))
    if isinstance(cols, pd.DataFrame):  # no utterances: utterance_columns gives the typed empty frame
        cols = {k: [] for k in cols.columns}
    return cols


def scare_quotes(article) -> pd.DataFrame:
    """Quoted words that are nobody's speech: short quoted phrases no cue attributes ("moderate",
    "spin the war") and single-quoted phrases outside quotations ('cooked'). Columns ``start``,
    ``end`` (the words inside the marks), ``text``, ``voice``, ``paragraph``, ``kind`` (``scare``;
    ``title`` when every word is capitalised; ``unattributed`` for a longer quotation in an editorial
    paragraph that no cue attributes, which is not given to any speaker either).

    >>> from analysis import Article
    >>> scare_quotes(Article.from_text('They back "moderate" rebels and \\'cooked\\' reports.'))[["text", "kind"]].values.tolist()
    [['moderate', 'scare'], ['cooked', 'scare']]
    """
    article = as_article(article)
    an = analysis(article)
    doc, text = an.doc, an.doc.text
    rows = []
    for s in doc.segs:
        if s.role in ("scare", "unattributed") and s.end > s.start:
            rows.append((s.start, s.end, s.role))
    for m in SINGLE_RE.finditer(text):
        a, b = m.span(1)
        pi = doc.para_at(a)
        if doc.pvoice[pi] == "boilerplate" or a < doc.pbody[pi]:
            continue
        if doc.in_quote(a) is not None:
            continue  # a quotation inside a quotation is the quoted speaker's
        if len(WORD_RE.findall(m.group(1))) > SCARE_MAX_WORDS:
            continue
        rows.append((a, b, "scare"))
    rows.sort()
    out = {c: [] for c in SCARE_COLUMNS}
    for a, b, role in rows:
        t = text[a:b]
        pi = doc.para_at(a)
        words = WORD_RE.findall(t)
        out["start"].append(a)
        out["end"].append(b)
        out["text"].append(t)
        out["voice"].append(doc.pvoice[pi])
        out["paragraph"].append(pi)
        out["kind"].append(role if role != "scare" else "title" if len(words) >= 2 and all(w[:1].isupper() for w in words) else "scare")
    return pd.DataFrame({k: (np.asarray(v, dtype=np.int64) if k in ("start", "end", "paragraph") else pd.Series(v, dtype=object))
                         for k, v in out.items()}, columns=SCARE_COLUMNS)


def _words(text: str, spans) -> int:
    return sum(len(WORD_RE.findall(text, a, b)) for a, b in spans)


def _speech_spans(row, text) -> list[tuple[int, int]]:
    """The spans that are the speaker's words: the quoted parts of a direct utterance (not the
    attribution between them), the whole content otherwise."""
    parts = list(row.parts) if row.kind == "direct" and row.parts else [row.start, row.end]
    return [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def speaker_table(article, aliases=None) -> pd.DataFrame:
    """One row per speaker: ``speaker`` (canonical name), ``kind`` (person, government, ... from
    :mod:`analysis.actors`; '' when unknown), ``role``, ``gender``, ``organisation``, ``aliases``
    (every form the article uses for the speaker, sorted), ``utterances`` and counts per kind,
    ``words`` (words in their utterances), ``first_start``. Correct names with ``aliases`` (see
    :func:`analysis.actors.alias_table`).

    >>> from analysis import load_article
    >>> t = speaker_table(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")).set_index("speaker")
    >>> sorted(t.loc["Sergey Lavrov", "aliases"])[:3], t.loc["Maria Zakharova", "gender"]
    (['Lavrov', 'Russian Foreign Minister Sergey Lavrov', 'Sergey Lavrov'], 'female')
    """
    article = as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    info = {r.actor: r for r in _actors.actor_table(article, aliases).itertuples()}
    rows = {}
    for r in q.itertuples():
        if r.speaker is None or str(r.speaker) in ("", "None", "nan"):
            continue
        sp = str(r.speaker)
        d = rows.setdefault(sp, {"aliases": set(), "utterances": 0, "words": 0, "first_start": r.start,
                                 **{k: 0 for k in KINDS}})
        d["utterances"] += 1
        d[r.kind] = d.get(r.kind, 0) + 1
        d["words"] += _words(text, _speech_spans(r, text))
        if r.speaker_mention and r.speaker_mention.lower() not in _cues.lexicon().words.get("pronoun", ()) \
                and r.speaker_mention.lower() not in _cues.lexicon().words.get("relative", ()):
            d["aliases"].add(" ".join(r.speaker_mention.split()).strip(" ,"))
        d["first_start"] = min(d["first_start"], r.start)
    cols = {c: [] for c in SPEAKER_COLUMNS}
    for sp, d in sorted(rows.items(), key=lambda kv: (kv[1]["first_start"], kv[0])):
        a = info.get(sp)
        aliases_seen = set(d["aliases"])
        if a is not None:
            aliases_seen |= set(a.aliases)
        vals = {"speaker": sp, "kind": getattr(a, "kind", "") if a is not None else "",
                "role": getattr(a, "role", "") if a is not None else "",
                "gender": getattr(a, "gender", "") if a is not None else "",
                "organisation": getattr(a, "organisation", "") if a is not None else "",
                "aliases": sorted(aliases_seen), **{k: d[k] for k in ("utterances", *KINDS, "words", "first_start")}}
        for c in SPEAKER_COLUMNS:
            cols[c].append(vals[c])
    data = {}
    for c, v in cols.items():
        if c in ("utterances", *KINDS, "words", "first_start"):
            data[c] = np.asarray(v, dtype=np.int64)
        else:
            data[c] = object_array(v)
    return pd.DataFrame(data, columns=SPEAKER_COLUMNS)


# the same names as the sentiment speaker table's voice rows
VOICE_LABELS = {"report": "reporter", "editorial": "editorial", "boilerplate": "boilerplate"}


def words_by_speaker(article, aliases=None) -> pd.DataFrame:
    """Who gets how much of the article: words per speaker (their utterances) and, for the text no
    one is quoted as saying, per voice of its paragraph: ``reporter``, ``editorial``,
    ``boilerplate`` (``kind`` ``voice``; the names the sentiment speaker table uses). Columns ``speaker``, ``voice``, ``kind`` (``speaker`` or ``voice``),
    ``words``, ``share`` (of all words). Words are :data:`analysis.resources.WORD_RE` tokens.

    >>> from analysis import Article
    >>> a = Article.from_text('"We help Syria," Lavrov said. The talks ended.')
    >>> words_by_speaker(a)[["speaker", "words"]].values.tolist()
    [['reporter', 5], ['Lavrov', 3]]
    """
    article = as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    doc = analysis(article, aliases).doc
    counts: dict[tuple[str, str, str], int] = {}
    covered = []
    for r in q.itertuples():
        spans = _speech_spans(r, text)
        n = _words(text, spans)
        sp = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "(unattributed quote)"
        key = (sp, str(r.voice), "speaker")
        counts[key] = counts.get(key, 0) + n
        covered.extend(spans)
    covered.sort()
    # words outside every utterance, per paragraph voice
    for i, (p0, p1) in enumerate(zip(doc.pstart, doc.pend)):
        lo = p0  # the "Comment:" marker counts for its paragraph's voice
        inside = [(max(a, lo), min(b, p1)) for a, b in covered if a < p1 and b > lo]
        n_all = len(WORD_RE.findall(text, lo, p1))
        n_in = _words(text, inside)
        key = (VOICE_LABELS.get(doc.pvoice[i], doc.pvoice[i]), doc.pvoice[i], "voice")
        counts[key] = counts.get(key, 0) + max(0, n_all - n_in)
    total = max(1, sum(counts.values()))
    rows = sorted(((k[0], k[1], k[2], v) for k, v in counts.items() if v > 0), key=lambda r: (-r[3], r[0], r[1]))
    df = pd.DataFrame(rows, columns=["speaker", "voice", "kind", "words"])
    df["words"] = df["words"].astype("int64")
    df["share"] = (df.words / total).round(3)
    return df


def utterance_counts(article, aliases=None) -> pd.DataFrame:
    """Utterances per speaker and kind: ``speaker``, ``direct``, ``mixed``, ``indirect``,
    ``partial``, ``total``, ``words`` (sorted by total, then name).

    >>> from analysis import Article
    >>> utterance_counts(Article.from_text('"We help," Lavrov said. Washington errs in Syria, Lavrov said.')).values.tolist()
    [['Lavrov', 1, 0, 1, 0, 2, 6]]
    """
    article = as_article(article)
    q = find_quotes(article, aliases)
    text = article.text
    rows = {}
    for r in q.itertuples():
        sp = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "(unattributed quote)"
        d = rows.setdefault(sp, {k: 0 for k in (*KINDS, "total", "words")})
        d[r.kind] += 1
        d["total"] += 1
        d["words"] += _words(text, _speech_spans(r, text))
    out = pd.DataFrame([{"speaker": k, **v} for k, v in rows.items()], columns=["speaker", *KINDS, "total", "words"])
    if len(out):
        out = out.sort_values(["total", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    for c in (*KINDS, "total", "words"):
        out[c] = out[c].astype("int64")
    return out


def tables(article, aliases=None) -> dict[str, pd.DataFrame]:
    """Every table of the quotes analysis (the CLI's ``quotes`` subcommand; ``utterances`` first).

    >>> from analysis import load_article
    >>> list(tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")))
    ['utterances', 'scare_quotes', 'speakers', 'counts', 'words']
    """
    article = as_article(article)
    return {"utterances": find_quotes(article, aliases), "scare_quotes": scare_quotes(article),
            "speakers": speaker_table(article, aliases), "counts": utterance_counts(article, aliases),
            "words": words_by_speaker(article, aliases)}


def highlight_html(article, aliases=None, paragraphs: bool = True) -> str:
    """The article as escaped HTML with each utterance marked (``<mark class="quote direct"
    title="Sergey Lavrov (direct)">``) and scare quotes marked ``class="scare"``: for notebooks
    and reports. Every piece of article text goes through :func:`html.escape`.

    >>> from analysis import Article
    >>> highlight_html(Article.from_text('"We <help>," Lavrov said.'))
    '<p>&quot;<mark class="quote direct" title="Lavrov (direct)">We &lt;help&gt;</mark>,&quot; Lavrov said.</p>'
    """
    article = as_article(article)
    text = article.text
    q = find_quotes(article, aliases)
    s = scare_quotes(article)
    marks = []
    for r in q.itertuples():
        who = str(r.speaker) if r.speaker is not None and str(r.speaker) not in ("", "nan", "None") else "unattributed"
        for a, b in _speech_spans(r, text):
            marks.append((a, b, f'<mark class="quote {html.escape(str(r.kind))}" title="{html.escape(who)} ({html.escape(str(r.kind))})">'))
    for r in s.itertuples():
        marks.append((int(r.start), int(r.end), f'<mark class="scare" title="{html.escape(str(r.kind))} quote: no speaker">'))
    marks.sort(key=lambda m: (m[0], -m[1]))
    kept, last = [], -1
    for m in marks:  # never nest or overlap marks
        if m[0] >= last:
            kept.append(m)
            last = m[1]
    out = []
    lay = layout(article)
    spans = list(zip(lay["pstart"], lay["pend"])) if paragraphs else [(0, len(text))]
    k = 0
    for p0, p1 in spans:
        pos, buf = p0, []
        while k < len(kept) and kept[k][0] < p1:
            a, b, tag = kept[k]
            a, b = max(a, p0), min(b, p1)
            if a >= pos and b > a:
                buf.append(html.escape(text[pos:a]))
                buf.append(tag + html.escape(text[a:b]) + "</mark>")
                pos = b
            if kept[k][1] <= p1:
                k += 1
            else:
                break
        buf.append(html.escape(text[pos:p1]))
        out.append("<p>" + "".join(buf) + "</p>")
    return "\n".join(out)
