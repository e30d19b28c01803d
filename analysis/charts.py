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


# ------------------------------------------------------------------- 02 speakers and sentiment


# -------------------------------------------------------------------------- 03 loaded terms


# ------------------------------------------------------------------------ 04/05 summary, corpus
