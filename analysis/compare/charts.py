"""Charts and reader tables for ``notebooks/06_compare.ipynb``: each function takes the tables of
:func:`analysis.compare.compare` / :func:`analysis.compare.diff` and returns a matplotlib Axes or a
DataFrame ready to show (article text in a DataFrame is escaped by pandas' HTML output).
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

MARKERS = "osD^v<>P"


def _empty(message: str):
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return ax


def intervals(measures: pd.DataFrame, measure: str, whose: str | None = None, keys=None, top: int = 10,
              title: str = "", xlabel: str = "", by: str = "key"):
    """Point and 95% interval per outlet (colour) and row for one ``measure``; rows are the values
    of column ``by`` (``key``, or ``whose`` for a measure with one key). A hollow point has no
    interval (fewer paragraphs than the bootstrap needs). Rows: ``keys``, else the ``top`` by their
    largest value across outlets."""
    m = measures[(measures.measure == measure) & ((measures.whose == whose) if whose else True)]
    m = m.assign(key=m[by])
    if keys is None:
        best = m.groupby("key").value.max().sort_values(ascending=False)
        keys = [k for k in best.index if best[k] > 0][:top] if measure != "tone" else list(best.index[:top])
    m = m[m.key.isin(keys)]
    if m.empty:
        return _empty(f"nothing to show for {measure}")
    outlets = list(dict.fromkeys(m.outlet))
    colors = dict(zip(outlets, sns.color_palette("deep", len(outlets))))
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(keys) * max(1, len(outlets) / 2) + 1.4))
    step = 0.7 / max(1, len(outlets))
    for k, o in enumerate(outlets):
        sub = m[m.outlet == o].set_index("key").reindex(keys)
        y = np.arange(len(keys)) + (k - (len(outlets) - 1) / 2) * step
        has = ~sub.low.isna().to_numpy()
        ax.hlines(y[has], sub.low[has], sub.high[has], color=colors[o], lw=2)
        ax.scatter(sub.value[has], y[has], color=colors[o], marker=MARKERS[k % len(MARKERS)], label=o, zorder=3)
        ax.scatter(sub.value[~has], y[~has], facecolors="none", edgecolors=colors[o],
                   marker=MARKERS[k % len(MARKERS)], zorder=3)
    ax.set_yticks(range(len(keys)), [str(k) for k in keys])
    ax.invert_yaxis()
    if measure == "tone":
        ax.axvspan(-0.05, 0.05, color="#ddd", zorder=0)
    ax.set_xlabel(xlabel)
    ax.set_title(title or measure.replace("_", " "), loc="left", pad=26)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=min(4, len(outlets)), frameon=False, fontsize="small")
    fig.tight_layout()
    return ax


SNIPPET = 100  # characters of context shown around an example


def snippet(sentence: str, start: int, end: int, width: int = SNIPPET) -> str:
    """The part of ``sentence`` around ``sentence[start:end]`` (offsets into the sentence), about
    ``width`` characters cut at spaces, with "…" where it was cut.

    >>> snippet("The quick brown fox jumps over the lazy dog again and again.", 16, 19, width=24)
    '…brown fox jumps…'
    """
    if len(sentence) <= width:
        return sentence
    if end - start >= width:
        lo, hi = start, start + width
    else:
        lo = max(0, start - (width - (end - start)) // 2)
        hi = min(len(sentence), lo + width)
        lo = max(0, hi - width)
    if lo > 0:
        lo = sentence.find(" ", lo, start) + 1 if " " in sentence[lo:start] else lo
    if hi < len(sentence):
        cut = sentence.rfind(" ", end, hi) if end < hi else -1
        cut = cut if cut > 0 else sentence.rfind(" ", lo + 1, hi)
        hi = cut if cut > 0 else hi
    return ("…" if lo > 0 else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")


def clear_differences(differences: pd.DataFrame, units: pd.DataFrame, examples: int = 1) -> pd.DataFrame:
    """The differences whose interval excludes zero, the lowest ``q`` first (those that best survive
    testing them all at once), with an example behind each side: the outlet, the words counted and
    about :data:`SNIPPET` characters of their sentence."""
    cols = ["measure", "key", "whose", "outlet_a", "outlet_b", "value_a", "value_b", "low", "high", "q", "reading"]
    d = differences[differences.clear].sort_values("q", kind="mergesort").copy()
    if d.empty:
        return d[cols]
    found = {(a, s, e): ("" if f == "speech" else t, snippet(sent, s - s0, e - s0)) for a, s, e, f, t, s0, sent
             in zip(units.article, units.start, units.end, units.family, units.text, units.sentence_start,
                    units.sentence)}

    def example(e, o):
        text, context = found.get((e["article"], e["start"], e["end"]), ("", ""))
        words = " ".join(text.split())
        return f'{o} "{words}": "{context}"' if words else f'{o}: "{context}"'

    def examples_of(ev):
        outlets = dict.fromkeys(e["outlet"] for e in ev)
        return " / ".join(dict.fromkeys(example(e, o) for o in outlets for e in [x for x in ev if x["outlet"] == o][
            :examples]))

    d["example"] = [examples_of(ev) for ev in d.evidence]
    return d[cols + ["example"]].reset_index(drop=True)


def keyness_top(keyness: pd.DataFrame, n: int = 8, function_words: bool = False) -> pd.DataFrame:
    """Each outlet's ``n`` words with the highest z, key or not (``key`` says which pass |z| >= 1.96);
    function words ("a", "that", "said") left out unless ``function_words``."""
    cols = ["outlet", "term", "count", "per_1000", "rest_per_1000", "z", "key"]
    k = keyness if function_words else keyness[~keyness.function_word]
    return k.groupby("outlet", sort=False).head(n)[cols].reset_index(drop=True)


def speakers_table(speakers: pd.DataFrame) -> pd.DataFrame:
    """Who each outlet quotes, with the share of each speaker's words resting on attributions the
    quote module is less sure of (confidence below .8)."""
    t = speakers.drop(columns=["evidence"]).copy()
    t["low_confidence_share"] = (t.low_confidence_words / t.words.where(t.words > 0)).round(2)
    return t


def diff_voices(voices: pd.DataFrame, figures=("words", "loaded", "utterances", "labels")):
    """Old vs new per voice for the additive figures (bars side by side, one panel per figure)."""
    v = voices[voices.figure.isin(figures)]
    v = v[v.voice.isin(set(v.voice[(v.old > 0) | (v.new > 0)]))]
    v = v.melt(id_vars=["voice", "figure"], value_vars=["old", "new"], var_name="version", value_name="count")
    if v.empty:
        return _empty("no figures")
    g = sns.catplot(data=v, x="voice", y="count", hue="version", col="figure", kind="bar", sharey=False, height=3,
                    aspect=0.8, palette={"old": "#8C8C8C", "new": "#C44E52"})
    g.set_titles("{col_name}")
    g.set_axis_labels("", "")
    g.tick_params(axis="x", labelrotation=30)
    g.figure.suptitle("Each voice before and after the changes", y=1.04)
    return g.axes.flat[0]
