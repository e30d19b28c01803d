"""The evidence view: the article text with every finding in place, as one offline HTML page.

Each utterance is marked in its speaker's colour (:func:`analysis.palette.speaker_colours`, the
colours of the charts) with the speaker's name and the utterance's kind printed beside it, and a
visible "unsure" flag when the attribution's confidence is under
:data:`analysis.summary.UNCERTAIN_BELOW`; loaded terms, frame cues and hedges are marked too, each
with its lexicon row's category and rationale (on hover, and in the tables below the text, which
each mark links to). Four layers (who says what, loaded terms, frame cues, hedges) switch on and off
with CSS-only checkboxes: no script, nothing fetched, so the page prints, mails and opens offline,
and the same fragment shows inside a notebook.

Contract relied on by tests and readers: every utterance element (``class="utt"``) carries
``data-start``, ``data-end`` (the utterance's offsets into ``Article.text``, as ``quotes`` prints
them) and ``data-speaker``, and begins with its speaker's name as text (``class="who"``). An
utterance that spans paragraphs or joins several quoted pieces gives one element per piece, each
with the same data and the name. Ids are those of :func:`analysis.summary.span_anchor` and
:func:`analysis.summary.speaker_anchor`, so the report index links straight to the evidence.
Every piece of article text goes through :func:`html.escape`.

>>> from analysis import Article
>>> h = evidence_html(Article.from_text('"We <help>," Lavrov said.'), page=False)
>>> 'data-speaker="Lavrov"' in h and '&lt;help&gt;' in h and '<help>' not in h
True
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from . import framing, lexicons, loaded, palette, quotes, sentiment, summary
from .article import Article

LAYERS = (("speech", "Who says what"), ("loaded", "Loaded terms"), ("frames", "Frame cues"),
          ("hedges", "Hedges and boosters"))
#: Switches that are off when the page opens: the frame names beside every frame cue (a frame cue
#: is every seventh word or so; its name shows on hover and in the frame table).
OFF_AT_START = ("framenames",)
SWITCHES = LAYERS + (("framenames", "Frame names"),)
FRAME_SCHEMES = ("issue", "generic")  # Entman's functions are a reading aid, not marked in the text
_RANK = {"utt": 0, "scare": 1, "loaded": 2, "frame": 3, "hedge": 4}


@dataclass
class Mark:
    """One marked span: ``layer`` (a key of :data:`_RANK`), ``open`` / ``close`` HTML (the opening
    tag of a continued piece is ``cont``), ``tail`` HTML after the last piece (a footnote tag)."""
    start: int
    end: int
    layer: str
    open: str
    cont: str
    tail: str = ""
    label: str = ""  # text printed at the start of every piece (the speaker's name)

    @property
    def key(self):
        return (_RANK[self.layer], self.start, -self.end)


# --------------------------------------------------------------------------- the data behind the marks
def _rationales(name: str, keys: tuple) -> dict:
    """``{key tuple: (rationale, source)}`` of a lexicon (the first row of each key)."""
    df = lexicons.load(name)
    out = {}
    for row in df.itertuples(index=False):
        k = tuple(str(getattr(row, c)) for c in keys)
        out.setdefault(k, (str(row.rationale), str(row.source)))
    return out


def utterance_rows(article: Article) -> pd.DataFrame:
    """The utterances as marked: ``speaker`` (the summary's name for it), ``kind``, ``start``,
    ``end``, ``parts``, ``confidence``, ``unsure``, ``how``, ``speaker_type``, ``colour``, ``anchor``."""
    q = quotes.find_quotes(article)
    cols = ["speaker", "kind", "start", "end", "parts", "confidence", "unsure", "how", "speaker_type", "colour",
            "anchor", "text"]
    if not len(q):
        return pd.DataFrame(columns=cols)
    colours = summary.speaker_colours(article)
    conf = q["confidence"].astype(float) if "confidence" in q else pd.Series([math.nan] * len(q))
    who = [summary.who_name(s) for s in q.speaker]
    return pd.DataFrame({
        "speaker": who, "kind": q.kind.astype(str), "start": q.start.astype(int), "end": q.end.astype(int),
        "parts": [list(p) if len(p) else [s, e] for p, s, e in zip(q.parts, q.start, q.end)],
        "confidence": conf, "unsure": [not (c >= summary.UNCERTAIN_BELOW) for c in conf],
        "how": q.how.astype(str) if "how" in q else "",
        "speaker_type": q.speaker_type.astype(str) if "speaker_type" in q else "",
        "colour": [colours.get(w, palette.UNATTRIBUTED_COLOUR) for w in who],
        "anchor": [summary.span_anchor("u", s, e) for s, e in zip(q.start, q.end)], "text": q.text.astype(str)},
        columns=cols)


def loaded_rows(article: Article) -> pd.DataFrame:
    """Loaded-term hits with their lexicon row: ``start``, ``end``, ``text``, ``term``,
    ``category``, ``who``, ``rationale``, ``anchor``."""
    h = loaded.tables(article)["hits"].sort_values(["start", "end"])
    why = _rationales("loaded_terms", ("term", "category"))
    return pd.DataFrame({
        "start": h.start.astype(int), "end": h.end.astype(int),
        "text": [article.text[s:e] for s, e in zip(h.start, h.end)], "term": h.term.astype(str),
        "category": h.category.astype(str), "who": [summary.who_name(w) for w in h.who],
        "rationale": [why.get((t, c), ("", ""))[0] for t, c in zip(h.term, h.category)],
        "anchor": [summary.span_anchor("loaded", s, e) for s, e in zip(h.start, h.end)]}).reset_index(drop=True)


def frame_rows(article: Article) -> pd.DataFrame:
    """Issue and generic frame cues, one row per span (a cue can serve several frames): ``start``,
    ``end``, ``text``, ``frames`` (readable names), ``cues``, ``rationale``, ``anchor``."""
    h = framing.tables(article)["hits"]
    h = h[h.scheme.isin(FRAME_SCHEMES)].sort_values(["start", "end", "scheme", "frame"])
    why = _rationales("frames", ("frame", "scheme", "cue"))
    rows = []
    for (s, e), g in h.groupby(["start", "end"], sort=True):
        names = [summary.frame_label(f) + (" (generic)" if sc == "generic" else "") for f, sc in zip(g.frame, g.scheme)]
        reasons = dict.fromkeys(why.get((f, sc, c), ("", ""))[0] for f, sc, c in zip(g.frame, g.scheme, g.cue))
        rows.append({"start": int(s), "end": int(e), "text": article.text[s:e],
                     "frames": "; ".join(dict.fromkeys(names)),
                     "cues": ", ".join(dict.fromkeys(g.cue)), "rationale": " / ".join(r for r in reasons if r),
                     "anchor": summary.span_anchor("frame", s, e)})
    return pd.DataFrame(rows, columns=["start", "end", "text", "frames", "cues", "rationale", "anchor"])


def hedge_rows(article: Article) -> pd.DataFrame:
    """Hedges and boosters: ``start``, ``end``, ``text``, ``category``, ``cue``, ``who``,
    ``rationale``, ``anchor``."""
    h = framing.tables(article)["hedges"].sort_values(["start", "end"])
    why = _rationales("hedges", ("category", "cue"))
    return pd.DataFrame({
        "start": h.start.astype(int), "end": h.end.astype(int),
        "text": [article.text[s:e] for s, e in zip(h.start, h.end)], "category": h.category.astype(str),
        "cue": h.cue.astype(str), "who": [summary.who_name(w) for w in h.speaker],
        "rationale": [why.get((c, q), ("", ""))[0] for c, q in zip(h.category, h.cue)],
        "anchor": [summary.span_anchor("hedge", s, e) for s, e in zip(h.start, h.end)]}).reset_index(drop=True)


# --------------------------------------------------------------------------- marks and nesting
def _attr(s) -> str:
    return html.escape(str(s), quote=True)


def _marks(article: Article, u: pd.DataFrame, lt: pd.DataFrame, fr: pd.DataFrame, hd: pd.DataFrame,
           ns: str) -> list[Mark]:
    e = html.escape
    marks = []
    for r in u.itertuples():
        fg = palette.text_colour(r.colour)
        conf = "" if math.isnan(r.confidence) else f", confidence {r.confidence:.2f}"
        title = f"{r.speaker} ({r.kind}{conf}{', found by: ' + r.how if r.how else ''})"
        data = (f'class="utt{" unsure" if r.unsure else ""}" data-start="{r.start}" data-end="{r.end}" '
                f'data-speaker="{_attr(r.speaker)}" data-kind="{_attr(r.kind)}" title="{_attr(title)}" '
                f'style="--c:{r.colour};--t:{palette.tint(r.colour)};--f:{fg}"')
        flag = '<span class="flag">unsure</span>' if r.unsure else ""
        parts = list(r.parts)
        for i, (a, b) in enumerate(zip(parts[::2], parts[1::2])):
            ident = f' id="{ns}{r.anchor}"' if i == 0 else ""
            label = (f'<span class="who" style="background:{r.colour};color:{fg}">{e(r.speaker)}'
                     f'<span class="kind"> · {e(r.kind)}</span></span>{flag}')
            marks.append(Mark(int(a), int(b), "utt", f"<span{ident} {data}>", f"<span {data}>", label=label))
    for r in quotes.scare_quotes(article).itertuples():
        t = f'class="scare" title="quoted words that are nobody\'s speech ({_attr(r.kind)} quote)"'
        marks.append(Mark(int(r.start), int(r.end), "scare", f"<span {t}>", f"<span {t}>",
                          tail='<sup class="tag scare-tag">scare quote</sup>'))
    for r in lt.itertuples():
        t = (f'class="m m-loaded" data-start="{r.start}" data-end="{r.end}" '
             f'title="{_attr(r.category + ": " + r.rationale)}"')
        marks.append(Mark(r.start, r.end, "loaded", f'<span id="{ns}{r.anchor}" {t}>', f"<span {t}>",
                          tail=f'<sup class="tag tag-loaded"><a href="#{ns}row-{r.anchor}">{e(r.category)}</a></sup>'))
    for r in fr.itertuples():
        t = (f'class="m m-frame" data-start="{r.start}" data-end="{r.end}" '
             f'title="{_attr(r.frames + ": " + r.rationale)}"')
        short = r.frames.split(";")[0].replace(" (generic)", "")
        marks.append(Mark(r.start, r.end, "frame", f'<span id="{ns}{r.anchor}" {t}>', f"<span {t}>",
                          tail=f'<sup class="tag tag-frame"><a href="#{ns}row-{r.anchor}">{e(short)}</a></sup>'))
    for r in hd.itertuples():
        t = (f'class="m m-hedge" data-start="{r.start}" data-end="{r.end}" '
             f'title="{_attr(r.category + ": " + r.rationale)}"')
        marks.append(Mark(r.start, r.end, "hedge", f'<span id="{ns}{r.anchor}" {t}>', f"<span {t}>",
                          tail=f'<sup class="tag tag-hedge"><a href="#{ns}row-{r.anchor}">{e(r.category)}</a></sup>'))
    return marks


def _paragraph(text: str, p0: int, p1: int, marks: list[Mark]) -> str:
    """``text[p0:p1]`` escaped, with the marks that touch it opened and closed so that they nest:
    where two marks cross, the inner one is closed and reopened (its continuation tag)."""
    inside = [m for m in marks if m.start < p1 and m.end > p0]
    cuts = sorted({p0, p1} | {x for m in inside for x in (m.start, m.end) if p0 < x < p1})
    out, stack, opened = [], [], set()
    for a, b in zip(cuts, cuts[1:]):
        want = sorted((m for m in inside if m.start <= a and m.end >= b), key=lambda m: m.key)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] is want[keep]:
            keep += 1
        while len(stack) > keep:
            out.append(_close(stack.pop(), a))
        for m in want[keep:]:
            first = id(m) not in opened
            out.append((m.open if first and m.start >= p0 else m.cont) + m.label)
            opened.add(id(m))
            stack.append(m)
        out.append(html.escape(text[a:b]))
    while stack:
        out.append(_close(stack.pop(), p1))
    return "".join(out)


def _close(m: Mark, at: int) -> str:
    return "</span>" + (m.tail if at >= m.end else "")


# --------------------------------------------------------------------------- the page
CSS = """
.ev{color:#1d1d1d}
.ev .ev-box{position:absolute;opacity:0;width:1px;height:1px;overflow:hidden;margin:0}
.ev .bar{position:sticky;top:0;z-index:3;background:#fff;border-bottom:1px solid #ccc;padding:.45rem 0;
 font:14px/1.4 system-ui,sans-serif}
.ev .bar b{margin-right:.5rem}
.ev .bar label{display:inline-block;margin:.1rem .4rem .1rem 0;padding:.1rem .6rem;border:1px solid #777;
 border-radius:1rem;cursor:pointer;user-select:none;background:#f4f4f4}
.ev .bar label::before{content:"\\2610\\00a0"}
.ev .ev-box:focus-visible + .bar label, .ev label:hover{outline:2px solid #4C72B0}
.ev .legend{font:14px/1.5 system-ui,sans-serif;margin:.8rem 0;padding:0;list-style:none;columns:2 22rem}
.ev .legend li{margin:0 0 .35rem;break-inside:avoid}
.ev .sw{display:inline-block;width:.9rem;height:.9rem;border-radius:.2rem;vertical-align:-.1rem;margin-right:.35rem;
 border:1px solid rgba(0,0,0,.25)}
.ev .legend a{margin-left:.2rem}
.ev .text{font:17px/1.9 Georgia,"DejaVu Serif",serif;max-width:48rem}
.ev .text p{margin:0 0 1rem}
.ev .text p.voice-editorial{border-left:4px solid #C44E52;padding-left:.7rem}
.ev .text p.voice-boilerplate{color:#666;font-size:14px}
.ev .voice-tag{font:600 11px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;color:#fff;
 background:#C44E52;border-radius:.2rem;padding:.12rem .3rem;margin-right:.4rem;vertical-align:.12rem}
.ev .voice-boilerplate .voice-tag{background:#8C8C8C}
.ev .utt{background:var(--t);border-bottom:3px solid var(--c);padding:.15rem 0;-webkit-box-decoration-break:clone;
 box-decoration-break:clone}
.ev .utt.unsure{border-bottom-style:dashed}
.ev .who{font:600 12px/1 system-ui,sans-serif;padding:.12rem .35rem;border-radius:.25rem;margin-right:.3rem;
 white-space:nowrap;vertical-align:.1rem}
.ev .who .kind{font-weight:400}
.ev .flag{font:700 11px/1 system-ui,sans-serif;color:#6b3d00;background:#ffe08a;border:1px solid #b98900;
 border-radius:.25rem;padding:.1rem .25rem;margin-right:.3rem;white-space:nowrap;vertical-align:.1rem}
.ev .flag::before{content:"\\26a0\\00a0"}
.ev .scare{border-bottom:2px dotted #777}
.ev .m-loaded{background:#ffd0d0;box-shadow:inset 0 -2px 0 #b2182b}
.ev .m-frame{text-decoration:underline dotted #2166ac 2px;text-underline-offset:.3em}
.ev .m-hedge{font-style:italic;box-shadow:inset 0 -2px 0 #7b3294}
.ev sup.tag{font:11px/1 system-ui,sans-serif;margin-left:.1rem}
.ev sup.tag a{text-decoration:none}
.ev .tag-loaded a{color:#b2182b}
.ev .tag-frame a{color:#2166ac}
.ev .tag-frame{display:none}
.ev .m-frame:hover + .tag-frame{display:inline}
.ev .tag-hedge a{color:#7b3294}
.ev .scare-tag{color:#555}
.ev .tables{font:14px/1.45 system-ui,sans-serif}
.ev .tables table{border-collapse:collapse;margin:.4rem 0 1.4rem;width:100%}
.ev .tables td,.ev .tables th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
.ev .tables tr:target{background:#fff3b0}
.ev .note{color:#555;font:14px/1.5 system-ui,sans-serif;max-width:48rem}
@media print{.ev .bar{display:none}.ev .legend{columns:1}}
"""


def _toggle_css(ns: str) -> str:
    """The rules that switch each layer off (CSS only: the checkboxes precede the text)."""
    off = {"speech": (".utt{background:none;border-bottom:0}.utt .who,.utt .flag{display:none}"
                      ".scare{border-bottom:0}.scare-tag{display:none}"),
           "loaded": ".m-loaded{background:none;box-shadow:none}.tag-loaded{display:none}",
           "frames": ".m-frame{text-decoration:none}.tag-frame{display:none}",
           "hedges": ".m-hedge{font-style:inherit;box-shadow:none}.tag-hedge{display:none}"}
    out = [f"#{ns}t-frames:checked ~ #{ns}t-framenames:checked ~ .text .tag-frame{{display:inline}}"]
    for key, _ in SWITCHES:
        box = f"#{ns}t-{key}"
        out.append(f'{box}:checked ~ .bar label[for="{ns}t-{key}"]{{background:#e3ecf8;border-color:#4C72B0}}')
        out.append(f'{box}:checked ~ .bar label[for="{ns}t-{key}"]::before{{content:"\\2611\\00a0"}}')
        for rule in off.get(key, "").split("}")[:-1]:
            sel, body = rule.split("{")
            sels = ",".join(f"{box}:not(:checked) ~ .text {s.strip()}" for s in sel.split(","))
            out.append(f"{sels}{{{body}}}")
    return "\n".join(out)


def _legend(article: Article, table: pd.DataFrame, u: pd.DataFrame, colours: dict, ns: str) -> str:
    e = html.escape
    items = []
    for r in table.itertuples():
        c = colours.get(r.who, palette.UNATTRIBUTED_COLOUR)
        if r.who == "reporter":
            what = "the reporter's own words: the text not marked as anyone's speech"
        elif r.who == "editorial":
            what = "paragraphs a republisher inserted (marked EDITORIAL), outside quotations"
        else:
            what = f"{summary.plural(int(r.utterances), 'utterance')}"
        s = f"{what}; {r.words} words ({r.word_share:.0%})"
        if not math.isnan(r.tone):
            s += f"; tone: {sentiment.tone_label(r.tone, r.tone_low, r.tone_high)} ({summary.signed(r.tone)}"
            interval = f", 95% interval {summary.signed(r.tone_low)} to {summary.signed(r.tone_high)}"
            s += (interval if not math.isnan(r.tone_low) else "") + ")"
        if r.uncertain_utterances:
            s += f"; {r.uncertain_utterances} unsure"
        links = ""
        mine = u[u.speaker == r.who]
        if len(mine):
            links = " · " + " ".join(f'<a href="#{ns}{a}">{i}</a>' for i, a in enumerate(mine.anchor, 1))
        items.append(f'<li id="{ns}{summary.speaker_anchor(r.who)}"><span class="sw" style="background:{c}"></span>'
                     f"<b>{e(r.who)}</b>: {e(s)}{links}</li>")
    return f'<ul class="legend" id="{ns}legend">{"".join(items)}</ul>'


def _table(ns: str, ident: str, title: str, head: list[str], rows: list[tuple], note: str = "") -> str:
    e = html.escape
    if not rows:
        return f'<h3 id="{ns}{ident}">{e(title)}</h3><p class="note">None in this article.</p>'
    body = "".join(f'<tr id="{ns}row-{anchor}"><td><a href="#{ns}{anchor}">{e(str(cells[0]))}</a></td>'
                   + "".join(f"<td>{e(str(c))}</td>" for c in cells[1:]) + "</tr>" for anchor, cells in rows)
    return (f'<h3 id="{ns}{ident}">{e(title)}</h3>' + (f'<p class="note">{e(note)}</p>' if note else "")
            + "<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + f"</tr>{body}</table>")


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"


def _tables(u, lt, fr, hd, ns: str) -> str:
    parts = [_table(ns, "layer-speech", "Who says what", ["words", "speaker", "kind", "confidence"],
                    [(a, (_short(t), s, k, "" if math.isnan(c) else f"{c:.2f}" + (" (unsure)" if x else "")))
                     for a, t, s, k, c, x in zip(u.anchor, u.text, u.speaker, u.kind, u.confidence, u.unsure)],
                    f"Confidence is the quotes module's: at {summary.UNCERTAIN_BELOW:.1f} or more, an attribution is "
                    f"right at least 9 times in 10 on its evaluation data; below it, the mark says unsure."),
             _table(ns, "layer-loaded", "Loaded terms",
                    ["words", "lexicon entry", "category", "who", "why it is loaded"],
                    [(a, (t, term, c, w, why)) for a, t, term, c, w, why in
                     zip(lt.anchor, lt.text, lt.term, lt.category, lt.who, lt.rationale)],
                    "From data/lexicons/loaded_terms.csv: each entry with its category and rationale."),
             _table(ns, "layer-frames", "Frame cues", ["words", "frames", "lexicon cue", "why it signals the frame"],
                    [(a, (t, f, c, why)) for a, t, f, c, why in
                     zip(fr.anchor, fr.text, fr.frames, fr.cues, fr.rationale)],
                    "Issue frames (Policy Frames Codebook) and generic frames (marked generic) from "
                    "data/lexicons/frames.csv."),
             _table(ns, "layer-hedges", "Hedges and boosters", ["words", "kind", "who", "why"],
                    [(a, (t, c, w, why)) for a, t, c, w, why in
                     zip(hd.anchor, hd.text, hd.category, hd.who, hd.rationale)],
                    "From data/lexicons/hedges.csv: hedges soften a claim, boosters close it off.")]
    return '<div class="tables">' + "".join(parts) + "</div>"


def evidence_html(article: Article, *, page: bool = True, ns: str = "", index_href: str | None = "index.html",
                  title: str | None = None) -> str:
    """The evidence view of ``article``: a whole offline HTML page (``page=True``, written by the
    report as ``evidence.html``) or a fragment to show in a notebook. ``ns`` prefixes every id
    (for two views on one page); ``index_href`` links back to the report's index (page only)."""
    e = html.escape
    table = summary.side_by_side(article)
    u, lt, fr, hd = utterance_rows(article), loaded_rows(article), frame_rows(article), hedge_rows(article)
    colours = summary.speaker_colours(article)
    marks = _marks(article, u, lt, fr, hd, ns)
    paras = []
    ps = article.paragraphs
    for i, (p0, p1, voice) in enumerate(zip(ps.start, ps.end, ps.voice)):
        tag = f'<span class="voice-tag">{e(voice)}</span>' if voice != "report" else ""
        inner = _paragraph(article.text, int(p0), int(p1), marks)
        paras.append(f'<p id="{ns}p-{i}" class="voice-{e(voice)}">{tag}{inner}</p>')
    boxes = "".join(f'<input type="checkbox" class="ev-box" id="{ns}t-{k}"{"" if k in OFF_AT_START else " checked"}>'
                    for k, _ in SWITCHES)
    labels = "".join(f'<label for="{ns}t-{k}">{e(name)}</label>' for k, name in SWITCHES)
    bar = f'<div class="bar"><b>Show:</b>{labels}</div>'
    n_unsure = int(u.unsure.sum()) if len(u) else 0
    note = (f"{summary.plural(len(u), 'utterance')} ({n_unsure} unsure), {summary.plural(len(lt), 'loaded term')}, "
            f"{summary.plural(len(fr), 'frame cue')}, {len(hd)} hedges and boosters. Each utterance starts with its "
            f"speaker's name and its kind, in the speaker's colour; a dashed underline and the word unsure mark an "
            f"attribution the suite is not sure of. Hover over a mark for its lexicon rationale, or follow its small "
            f"label to the tables below.")
    body = (f'<div class="ev"><style>{CSS}{_toggle_css(ns)}</style>{boxes}{bar}<p class="note">{e(note)}</p>'
            f'{_legend(article, table, u, colours, ns)}<div class="text">{"".join(paras)}</div>'
            f'{_tables(u, lt, fr, hd, ns)}</div>')
    if not page:
        return body
    title = title or f"Evidence · {article.name}"
    back = f'<p class="note"><a href="{e(index_href)}">\u2190 the report\'s findings</a></p>' if index_href else ""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>body{{margin:1.2rem auto;max-width:62rem;padding:0 1rem;"
            f"font-family:system-ui,sans-serif}}h1{{font-size:1.5rem;margin:.2rem 0}}</style></head><body>"
            f"{back}<h1>{e(title)}</h1>{body}</body></html>\n")
