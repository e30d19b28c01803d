"""An article's framing for a reader: every table at once (:func:`tables`, the CLI's ``frames``
subcommand), sentences with their cues marked as escaped HTML, the two voices compared, and the
validation figures committed in ``data/validation/frames.json``.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from ..article import as_article
from .generic import generic_evidence
from .labels import naming, reporting_verbs, scare_quotes
from .voices import _rates_rows, by_paragraph, dominant_frames, entman, hedges, hits, rates

VALIDATION_JSON = Path(__file__).resolve().parent.parent.parent / "data" / "validation" / "frames.json"


def tables(article) -> dict[str, pd.DataFrame]:
    """Every table of the framing analysis (the CLI's ``frames`` subcommand; ``hits`` first).

    >>> from analysis import load_article
    >>> t = tables(load_article("data/raw/rt-2015-lavrov-kerry-syria.txt"))
    >>> list(t)[:3], list(t["hits"].columns[:6])
    (['hits', 'by_voice', 'naming'], ['start', 'end', 'frame', 'cue', 'voice', 'paragraph'])
    """
    article = as_article(article)
    by_voice = _rates_rows(article, ("issue", "generic"), ("report", "editorial"))
    return {
        "hits": hits(article),
        "by_voice": by_voice,
        "naming": naming(article),
        "entman": entman(article),
        "hedges": hedges(article),
        "reporting_verbs": reporting_verbs(article),
        "scare_quotes": scare_quotes(article),
        "by_paragraph": by_paragraph(article),
        "dominant": dominant_frames(article),
        "generic_evidence": generic_evidence(article),
    }


def highlight_html(text: str, spans, css_class: str = "cue") -> str:
    """``text`` as HTML with ``spans`` (``[(start, end), ...]`` offsets into it) wrapped in
    ``<mark>``; every character of ``text`` is escaped with ``html.escape`` (article text is untrusted).
    Overlapping spans are merged.

    >>> highlight_html("a <b> grave mistake", [(6, 11), (8, 19)])
    'a &lt;b&gt; <mark class="cue">grave mistake</mark>'
    """
    text = text if isinstance(text, str) else ""
    merged: list = []
    for s, e in sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    cls = html.escape(css_class, quote=True)
    out, pos = [], 0
    for s, e in merged:
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="{cls}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def evidence(article, scheme: str = "issue", frames=None, voices=("report", "editorial"),
             limit: int = 50) -> pd.DataFrame:
    """Sentences with their cues of a scheme, for reading: ``voice``, ``sentence``, ``start``,
    ``end`` (the sentence's span), ``frames`` (the frames cued there), ``cues``, ``html`` (the
    sentence with its cues marked, escaped). Ordered by reading position."""
    article = as_article(article)
    h = hits(article)
    h = h[(h.scheme == scheme) & h.voice.isin(list(voices))]
    if frames is not None:
        h = h[h.frame.isin([frames] if isinstance(frames, str) else list(frames))]
    sents = article.sentences.set_index("sentence")
    rows = []
    for sid, sub in h.groupby("sentence", sort=True):
        s, e = int(sents.start[sid]), int(sents.end[sid])
        rows.append({"voice": str(sents.voice[sid]), "sentence": int(sid), "start": s, "end": e,
                     "frames": ", ".join(dict.fromkeys(sub.frame)), "cues": ", ".join(dict.fromkeys(sub.text)),
                     "html": highlight_html(article.text[s:e], [(a - s, b - s) for a, b in zip(sub.start, sub.end)])})
    return pd.DataFrame(rows, columns=["voice", "sentence", "start", "end", "frames", "cues", "html"]).head(limit)


def evidence_html(rows: pd.DataFrame) -> str:
    """An HTML table of :func:`evidence` rows (voice, frames, highlighted sentence); the sentence
    HTML is already escaped, every other cell is escaped here."""
    head = "<tr><th>voice</th><th>frames</th><th>sentence (cues marked)</th></tr>"
    body = "".join(f"<tr><td>{html.escape(str(r.voice))}</td><td>{html.escape(str(r.frames))}</td>"
                   f"<td style='text-align:left'>{r.html}</td></tr>" for r in rows.itertuples())
    return f"<table class='evidence'>{head}{body}</table>"


def validation() -> dict:
    """The figures ``scripts/eval_frames.py --write`` measured on the shared dev data, as committed
    in ``data/validation/frames.json`` (the product never reads the evaluation data itself)."""
    return json.loads(VALIDATION_JSON.read_text(encoding="utf-8"))


def validation_tables() -> dict[str, pd.DataFrame]:
    """:func:`validation` as tables: ``summary`` (one row per measurement), ``frac`` (per class),
    ``nfc`` (per generic frame).

    >>> sorted(validation_tables())
    ['frac', 'nfc', 'summary']
    """
    v = validation()
    fr, nf = v["frac"], v["nfc"]
    summary = [
        ("FrAC sentences: dominant_frame macro-F1 (all dev)", fr["macro_f1"],
         "partly in-sample: lexicon revised after reading errors on half A"),
        ("FrAC: half B (never read while curating)", fr["halves"]["B_odd_rows_unread"]["macro_f1"],
         "closest to a held-out estimate"),
        ("FrAC: half A (errors read while curating)", fr["halves"]["A_even_rows_read"]["macro_f1"],
         "in-sample for the revisions"),
    ]
    if "blind_first_lexicon" in fr:
        summary.append(("FrAC: first lexicon, written before reading any dev sentence",
                        fr["blind_first_lexicon"]["macro_f1"], "out-of-sample"))
    summary += [
        ("FrAC floor: ten keywords per frame", 0.534, "../shared/eval/frames/README.md"),
        ("NFC articles: generic_frames macro-F1, 5-fold CV", nf["cv_macro_f1"], "model refitted in every fold"),
        ("NFC: trained on half A, tested on half B", nf["A_to_B_macro_f1"], "half B never read while curating"),
    ]
    if "random_halves_macro_f1" in nf:
        summary.append(("NFC: random halves, trained on one, tested on the other", nf["random_halves_macro_f1"],
                        f"mean of 20 splits; sd {nf['random_halves_macro_f1_sd']:.3f}: the spread of a held-back half"))
    summary += [
        ("NFC floor: predict every frame", nf["predict_all_macro_f1"], "../shared/eval/frames/README.md"),
    ]
    frac = pd.DataFrame([{"label": k, **d} for k, d in fr["per_class"].items()],
                        columns=["label", "n", "precision", "recall", "f1"])
    cols = ["frame", "positives", "cv_f1", "A_to_B_f1", "predict_all_f1"]
    nfc = pd.DataFrame([{"frame": k, **{c: d[c] for c in cols[1:]}} for k, d in nf["frames"].items()], columns=cols)
    return {"summary": pd.DataFrame(summary, columns=["measurement", "value", "note"]), "frac": frac, "nfc": nfc}


def compare_voices(article, a: str = "report", b: str = "editorial") -> pd.DataFrame:
    """Cue rates per 1,000 words of voice ``a`` against voice ``b`` for every frame of the three
    schemes with a hit in either: ``scheme``, ``frame``, ``<a>``, ``<b>``, ``difference`` (b − a),
    ``hits_<a>``, ``hits_<b>``; sorted by the size of the difference."""
    article = as_article(article)
    rows = []
    for scheme in ("issue", "generic", "entman"):
        r = rates(article, scheme, (a, b))
        p = r.pivot(index="frame", columns="voice", values="per_1000")
        n = r.pivot(index="frame", columns="voice", values="hits")
        for f in p.index:
            if n.loc[f, a] + n.loc[f, b] == 0:
                continue
            rows.append({"scheme": scheme, "frame": f, a: float(p.loc[f, a]), b: float(p.loc[f, b]),
                         "difference": round(float(p.loc[f, b] - p.loc[f, a]), 2),
                         f"hits_{a}": int(n.loc[f, a]), f"hits_{b}": int(n.loc[f, b])})
    df = pd.DataFrame(rows, columns=["scheme", "frame", a, b, "difference", f"hits_{a}", f"hits_{b}"])
    return df.reindex(df.difference.abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)

