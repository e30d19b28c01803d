"""Seaborn charts for the notebooks. Each function takes tidy DataFrames from the analysis modules
and returns the matplotlib Axes (or Figure); notebooks call one function per chart.

Sections: article (00), framing (01), speakers and sentiment (02), loaded terms (03), summary and
corpus (04, 05).
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

VOICE_COLORS = {"report": "#4C72B0", "editorial": "#C44E52", "boilerplate": "#8C8C8C"}


def theme() -> None:
    """The suite's plotting style (call once per notebook)."""
    import pandas as pd

    sns.set_theme(context="notebook", style="whitegrid", palette="deep")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4)})
    # evidence is text: show it whole, not cut at 50 characters
    pd.set_option("display.max_colwidth", 400)
    pd.set_option("display.max_rows", 200)


# ------------------------------------------------------------------------------- 00 article
def words_by_voice(paragraphs):
    """Bar chart of words per voice from ``Article.paragraphs``."""
    data = paragraphs.groupby("voice", as_index=False)["words"].sum()
    order = [v for v in VOICE_COLORS if v in set(data.voice)]
    ax = sns.barplot(data=data, x="voice", y="words", hue="voice", order=order, palette=VOICE_COLORS, legend=False)
    ax.set(title="Words per voice", xlabel="", ylabel="words")
    return ax


def voice_map(paragraphs):
    """The article as a ribbon of paragraphs in reading order, coloured by voice (x = character offset)."""
    fig, ax = plt.subplots(figsize=(9, 1.6))
    for voice, grp in paragraphs.groupby("voice"):
        ax.broken_barh(list(zip(grp.start, grp.end - grp.start)), (0, 1), color=VOICE_COLORS.get(voice, "#999"), label=voice)
    ax.set(yticks=[], xlabel="character offset", xlim=(0, max(1, int(paragraphs.end.max()))))
    ax.set_title("Where each voice speaks", loc="left")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, frameon=False)
    fig.tight_layout()
    return ax


# ------------------------------------------------------------------------------- 01 framing
def frame_heatmap(rates, title="Frame cues per 1,000 words", value="per_1000"):
    """Heatmap of frames (rows) by voice (columns) from ``framing.rates`` (cells: ``value``).
    Frames without a hit in any voice are left out."""
    data = rates.pivot_table(index="frame", columns="voice", values=value, aggfunc="sum", fill_value=0)
    data = data[[v for v in VOICE_COLORS if v in data.columns]]
    data = data[(data > 0).any(axis=1)]
    data = data.loc[data.max(axis=1).sort_values(ascending=False).index]
    fig, ax = plt.subplots(figsize=(5.5, 0.45 * max(3, len(data)) + 1.2))
    sns.heatmap(data, annot=True, fmt=".1f", cmap="Reds", cbar_kws={"label": value.replace("_", " ")}, ax=ax, linewidths=0.5)
    ax.set(title=title, xlabel="", ylabel="")
    fig.tight_layout()
    return ax


def voice_bars(data, x, y, hue="voice", title="", xlabel="", ylabel=""):
    """Horizontal bars of ``x`` per ``y`` coloured by voice (e.g. Entman roles or hedges per voice)."""
    order = list(dict.fromkeys(data[y]))
    hues = [v for v in VOICE_COLORS if v in set(data[hue])] if hue == "voice" else None
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(3, len(order)) + 1.2))
    sns.barplot(data=data, x=x, y=y, hue=hue, order=order, hue_order=hues,
                palette=VOICE_COLORS if hue == "voice" else "deep", ax=ax)
    ax.set(title=title, xlabel=xlabel or x.replace("_", " "), ylabel=ylabel)
    fig.tight_layout()
    return ax


def counts_by_speaker(data, columns, title=""):
    """Stacked horizontal bars of the ``columns`` counts per ``speaker`` (e.g. hedges and boosters)."""
    d = data.set_index("speaker")[list(columns)]
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(3, len(d)) + 1.2))
    if len(d):
        d.plot.barh(stacked=True, ax=ax, color=sns.color_palette("deep", len(columns)))
    ax.set(title=title, xlabel="count", ylabel="")
    ax.invert_yaxis()
    fig.tight_layout()
    return ax


# ------------------------------------------------------------------- 02 speakers and sentiment


# -------------------------------------------------------------------------- 03 loaded terms


# ------------------------------------------------------------------------ 04/05 summary, corpus
