"""Seaborn charts for the notebooks. Each function takes tidy DataFrames from the analysis modules
and returns the matplotlib Axes (or Figure); notebooks call one function per chart.

Conventions every chart keeps:

- one colour per speaker, the same in every chart of an article and on its evidence page: the
  notebooks compute ``colours = charts.article_colours(article)`` once and pass it to each chart
  (:mod:`analysis.palette` decides the colours from the article's full set of speakers; a chart
  given no ``colours`` asks the palette about the names in its own data);
- counts sit on integer axes;
- a voice with no words in the article (no "editorial" column for an article without inserted
  comment) gets no row or column;
- labels in plain words (``security_defense`` reads "security and defence", ``report`` reads
  "reporter"): :func:`plain`.

Sections: article (00), framing (01), speakers and sentiment (02), loaded terms (03), summary and
corpus (04, 05).
"""
from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from . import palette  # noqa: E402

VOICE_COLORS = {"report": "#4C72B0", "editorial": "#C44E52", "boilerplate": "#8C8C8C"}
PAGE_WIDTH = 9.5  # inches at 100 dpi: the widest figure that shows at full size on a report page

#: Reader-facing names of the analyses' identifiers (frames of the Policy Frames Codebook, generic
#: frames, Entman's functions, voices); anything else reads with its underscores as spaces.
PLAIN = {
    "security_defense": "security and defence", "capacity_resources": "capacity and resources",
    "crime_punishment": "crime and punishment", "fairness_equality": "fairness and equality",
    "health_safety": "health and safety", "external_regulation": "external regulation and reputation",
    "policy": "policy prescription", "legality": "law and constitution", "political": "politics",
    "economic": "economy", "problem_definition": "defines a problem", "causal_attribution": "blames a cause",
    "moral_evaluation": "passes moral judgement", "remedy": "suggests a remedy",
    "report": "reporter", "(report)": "reporter", "(reporter)": "reporter", "(editorial)": "editorial",
    "per_1000": "per 1,000 words", "per_1000_words": "per 1,000 words",
}


def plain(name) -> str:
    """The reader-facing label of an identifier.

    >>> plain("security_defense"), plain("quality_of_life"), plain("(report)"), plain("violence/threat")
    ('security and defence', 'quality of life', 'reporter', 'violence or threat')
    """
    name = str(name)
    return PLAIN.get(name, name.replace("_", " ").replace("/", " or "))


def _wrap(label, width=14) -> str:
    return "\n".join(textwrap.wrap(str(label), width, break_long_words=False)) or str(label)


def theme() -> None:
    """The suite's plotting style (call once per notebook)."""
    import pandas as pd

    sns.set_theme(context="notebook", style="whitegrid", palette="deep")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4)})
    # evidence is text: show it whole, not cut at 50 characters
    pd.set_option("display.max_colwidth", 400)
    pd.set_option("display.max_rows", 200)


# ------------------------------------------------------------------------------- colours
def article_colours(article) -> dict[str, str]:
    """``{speaker or voice: "#rrggbb"}`` for the speaker of every utterance the quotes module finds
    in ``article`` and the three voices: :func:`analysis.palette.speaker_colours` over the article's
    whole set of speakers, so every chart and the evidence page give a speaker the same colour."""
    from . import quotes

    names = list(quotes.find_quotes(article).speaker) + ["reporter", "editorial", "boilerplate"]
    return palette.speaker_colours(names)


def colours_of(names, colours=None) -> dict[str, str]:
    """The colour of each of ``names``: from ``colours`` (an :func:`article_colours` dict) where it
    has the name, the voice colour for a voice's name, grey for text nobody is named for."""
    names = [str(n) for n in names]
    own = palette.speaker_colours(names) if colours is None else {}
    out = {}
    for n in names:
        voice = palette.VOICE_COLOURS.get(n)
        out[n] = voice or (colours or own).get(n) or palette.UNATTRIBUTED_COLOUR
    return out


def _integer_axis(ax, axis="x"):
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


def _voices_with_words(rates, voice="voice", words="words"):
    """The voices of a rates table that have words in the article (in the usual order)."""
    have = rates[rates[words] > 0][voice] if words in rates.columns else rates[voice]
    return [v for v in list(VOICE_COLORS) + sorted(set(have) - set(VOICE_COLORS)) if v in set(have)]


# ------------------------------------------------------------------------------- 00 article
def words_by_voice(paragraphs):
    """Bar chart of words per voice from ``Article.paragraphs``."""
    data = paragraphs.groupby("voice", as_index=False)["words"].sum()
    order = [v for v in VOICE_COLORS if v in set(data.voice)]
    ax = sns.barplot(data=data, x="voice", y="words", hue="voice", order=order, palette=VOICE_COLORS, legend=False)
    ax.set_xticks(range(len(order)), [plain(v) for v in order])
    _integer_axis(ax, "y")
    ax.set(title="Words per voice", xlabel="", ylabel="words")
    return ax


def voice_map(paragraphs):
    """The article as a ribbon of paragraphs in reading order, coloured by voice (x = character offset)."""
    fig, ax = plt.subplots(figsize=(9, 1.6))
    for voice, grp in paragraphs.groupby("voice"):
        ax.broken_barh(list(zip(grp.start, grp.end - grp.start)), (0, 1), color=VOICE_COLORS.get(voice, "#999"),
                       label=plain(voice))
    ax.set(yticks=[], xlabel="position in the article (characters)", xlim=(0, max(1, int(paragraphs.end.max()))))
    ax.set_title("Where each voice speaks", loc="left")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, frameon=False)
    fig.tight_layout()
    return ax


# ------------------------------------------------------------------------------- 01 framing
def frame_heatmap(rates, title="Frame cues per 1,000 words", value="per_1000"):
    """Heatmap of frames (rows) by voice (columns) from ``framing.rates`` (cells: ``value``).
    Frames without a hit in any voice and voices without words are left out."""
    data = rates.pivot_table(index="frame", columns="voice", values=value, aggfunc="sum", fill_value=0)
    data = data[[v for v in _voices_with_words(rates) if v in data.columns]]
    data = data[(data > 0).any(axis=1)]
    if data.empty:
        return _empty("no frame cues in this article")
    data = data.loc[data.max(axis=1).sort_values(ascending=False).index]
    data.index = [plain(f) for f in data.index]
    data.columns = [plain(v) for v in data.columns]
    fig, ax = plt.subplots(figsize=(2.2 * data.shape[1] + 4.2, 0.45 * max(3, len(data)) + 1.2))
    sns.heatmap(data, annot=True, fmt=".1f", cmap="Reds", cbar_kws={"label": f"cues {plain(value)}"}, ax=ax,
                linewidths=0.5, annot_kws={"fontsize": 11})
    ax.set(title=title, xlabel="", ylabel="")
    ax.tick_params(axis="both", labelsize=11)
    fig.tight_layout()
    return ax


def voice_bars(data, x, y, hue="voice", title="", xlabel="", ylabel=""):
    """Horizontal bars of ``x`` per ``y`` coloured by voice (e.g. Entman roles or hedges per voice);
    voices without words are left out."""
    if hue == "voice":
        data = data[data.voice.isin(_voices_with_words(data))]
    if data.empty:
        return _empty("nothing to show")
    data = data.assign(**{y: data[y].map(plain), hue: data[hue].map(plain) if hue == "voice" else data[hue]})
    order = list(dict.fromkeys(data[y]))
    hues = [plain(v) for v in VOICE_COLORS if plain(v) in set(data[hue])] if hue == "voice" else None
    pal = {plain(v): c for v, c in VOICE_COLORS.items()} if hue == "voice" else "deep"
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(3, len(order)) + 1.2))
    sns.barplot(data=data, x=x, y=y, hue=hue, order=order, hue_order=hues, palette=pal, ax=ax)
    ax.set(title=title, xlabel=xlabel or plain(x), ylabel=ylabel)
    if ax.get_legend():
        ax.get_legend().set_title("")
    fig.tight_layout()
    return ax


def counts_by_speaker(data, columns, title=""):
    """Stacked horizontal bars of the ``columns`` counts per ``speaker`` (e.g. hedges and boosters);
    the voices' own words read "reporter" and "editorial"."""
    d = data.set_index("speaker")[list(columns)]
    d.index = [plain(s) for s in d.index]
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(3, len(d)) + 1.2))
    if len(d):
        d.plot.barh(stacked=True, ax=ax, color=sns.color_palette("deep", len(columns)))
        ax.legend(title="", frameon=False)
    _integer_axis(ax)
    ax.set(title=title, xlabel="count", ylabel="")
    ax.invert_yaxis()
    fig.tight_layout()
    return ax


# ------------------------------------------------------------------- 02 speakers and sentiment
# -- quotes (analysis.quotes): who gets the words, utterances per speaker and kind
KIND_COLORS = {"direct": "#55A868", "mixed": "#8172B3", "indirect": "#CCB974", "partial": "#64B5CD"}
KIND_LABELS = {"direct": "direct quotation", "mixed": "quotation and paraphrase", "indirect": "reported speech",
               "partial": "quoted phrase"}


def words_by_speaker(words, n=12, title="Who gets the words", colours=None):
    """Horizontal bars of words per speaker and per voice from ``quotes.words_by_speaker``, each in
    its speaker's colour (``colours``: see :func:`article_colours`); "reporter", "editorial" and
    "boilerplate" are the text nobody is quoted as saying. The ``n`` largest are shown, the rest
    summed as "(other speakers)"."""
    import pandas as pd

    d = words.groupby(["speaker", "kind"], as_index=False)["words"].sum().sort_values(["words", "speaker"],
                                                                                      ascending=[False, True])
    if len(d) > n:
        rest = d.iloc[n:]
        d = pd.concat([d.iloc[:n], pd.DataFrame([{"speaker": "(other speakers)", "kind": "speaker",
                                                   "words": int(rest.words.sum())}])])
    pal = colours_of(d.speaker, colours)
    fig, ax = plt.subplots(figsize=(7, 0.42 * max(3, len(d)) + 1.2))
    ax.barh(range(len(d)), d.words, color=[pal[s] for s in d.speaker], height=0.7)
    total = max(1, int(words.words.sum()))
    for i, w in enumerate(d.words):
        ax.annotate(f"{w / total:.0%}", (w, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(len(d)), list(d.speaker))
    ax.invert_yaxis()
    _integer_axis(ax)
    ax.set(title=title, xlabel="words", ylabel="")
    fig.tight_layout()
    return ax


def utterances_by_kind(counts, title="Utterances per speaker and kind"):
    """Stacked horizontal bars of utterances per speaker split by kind (direct quotation, quotation
    and paraphrase, reported speech, quoted phrase) from ``quotes.utterance_counts``."""
    kinds = [k for k in KIND_COLORS if k in counts.columns and counts[k].sum() > 0]
    d = counts.set_index("speaker")[kinds].rename(columns=KIND_LABELS)
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * max(3, len(d)) + 1.2))
    if len(d) and kinds:
        d.plot.barh(stacked=True, ax=ax, color=[KIND_COLORS[k] for k in kinds], width=0.7)
        ax.legend(title="kind", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.invert_yaxis()
    _integer_axis(ax)
    ax.set(title=title, xlabel="utterances", ylabel="")
    fig.tight_layout()
    return ax


# -- sentiment (analysis.sentiment): tone per speaker, per utterance, toward whom
SCORER_COLORS = {"score": "#333333", "vader": "#DD8452", "textblob": "#8172B3"}
SCORER_LABELS = {"score": "headline score", "vader": "VADER", "textblob": "TextBlob"}


def speaker_scores(speakers, value="score", title="Tone per speaker (average over their words; line: 95% interval)",
                   colours=None):
    """Horizontal bars of each speaker's ``score`` (``sentiment.speakers``) in the speaker's colour,
    with the bootstrap interval as a line (none for a single utterance); labels give utterances
    and words."""
    d = speakers.reset_index(drop=True)
    if d.empty:
        return _empty("no speakers")
    pal = colours_of(d.speaker, colours)
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(3, len(d)) + 1.3))
    y = list(range(len(d)))
    ax.barh(y, d[value], color=[pal[str(s)] for s in d.speaker], height=0.6)
    lo, hi = d[f"{value}_low"], d[f"{value}_high"]
    for i, (a, b) in enumerate(zip(lo, hi)):
        if a == a and b == b:  # not NaN
            ax.plot([a, b], [i, i], color="#222", lw=1.6)
            ax.plot([a, a], [i - 0.15, i + 0.15], color="#222", lw=1.2)
            ax.plot([b, b], [i - 0.15, i + 0.15], color="#222", lw=1.2)
    lim = max(0.25, float(max(abs(d[value]).max(), abs(lo.fillna(0)).max(), abs(hi.fillna(0)).max())) * 1.35)
    for i, r in enumerate(d.itertuples()):
        ax.text(lim * 0.98, i, f"{r.utterances} utterance{'s' if r.utterances != 1 else ''}, {r.words} words",
                va="center", ha="right", fontsize=8, color="#555")
    ax.axvline(0, color="#333", lw=1)
    ax.set_yticks(y, list(d.speaker))
    ax.invert_yaxis()
    ax.set(xlim=(-lim, lim), title=title, xlabel="tone: -1 negative ... 0 neutral ... +1 positive", ylabel="")
    fig.tight_layout()
    return ax


def utterance_strip(utterances, scorers=("score", "vader", "textblob"), title="Every utterance, scored three ways"):
    """Strip plot of the utterances (``sentiment.utterance_scores``) per speaker, one dot per
    utterance and scorer: the headline ``score``, VADER compound and TextBlob polarity."""
    import pandas as pd

    if utterances.empty:
        return _empty("no utterances")
    order = list(dict.fromkeys(list(utterances[utterances.kind != "voice"].speaker) + ["reporter", "editorial"]))
    order = [s for s in order if s in set(utterances.speaker)]
    long = utterances.melt(id_vars=["speaker"], value_vars=list(scorers), var_name="scorer", value_name="value")
    long = pd.DataFrame({"speaker": long.speaker.astype(str), "scorer": long.scorer.map(SCORER_LABELS).astype(str),
                         "value": long.value.astype(float)})
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * max(3, len(order)) + 1.3))
    sns.stripplot(data=long, x="value", y="speaker", hue="scorer", order=order,
                  hue_order=[SCORER_LABELS[s] for s in scorers],
                  palette={SCORER_LABELS[k]: c for k, c in SCORER_COLORS.items()}, dodge=True, jitter=0.12, size=5,
                  alpha=0.8, ax=ax)
    ax.axvline(0, color="#333", lw=1, ls=":")
    ax.set(xlim=(-1.05, 1.05), title=title, xlabel="tone: -1 negative ... 0 neutral ... +1 positive", ylabel="")
    ax.legend(title="scorer", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    return ax


def toward_heatmap(toward, top=10, speakers=8, title="Tone toward each actor (rows), by who speaks (columns)"):
    """Actor × speaker heatmap of the mean ``toward`` value (``sentiment.toward_table``): the
    ``top`` actors by mentions as rows, the ``speakers`` who mention them most as columns (names
    wrapped), each cell annotated with the value and, in brackets, the number of mentions; red =
    negative, blue = positive. Sized to show at full size on a report page."""
    import numpy as np

    if toward.empty:
        return _empty("no actor mentions in anyone's text")
    tot = toward.groupby("actor")["mentions"].sum()
    actors = sorted(tot.index, key=lambda a: (-int(tot[a]), a))[:top]
    d = toward[toward.actor.isin(actors)]
    by = d.groupby("speaker", sort=False)["mentions"].sum()
    cols = sorted(by.index, key=lambda s: (-int(by[s]), list(by.index).index(s)))[:speakers]
    d = d[d.speaker.isin(cols)]
    val = d.pivot(index="actor", columns="speaker", values="toward").reindex(index=actors, columns=cols)
    n = d.pivot(index="actor", columns="speaker", values="mentions").reindex(index=actors, columns=cols)
    annot = np.where(n.isna(), "", val.map(lambda v: f"{v:+.2f}".replace("-", "\u2212"))
                     + " (" + n.fillna(0).astype(int).astype(str) + ")")
    val.index = [_wrap(a, 22) for a in val.index]
    val.columns = [_wrap(s, 18) for s in val.columns]
    fig, ax = plt.subplots(figsize=(min(PAGE_WIDTH, 1.2 * len(cols) + 3.4), 0.5 * len(actors) + 2.0))
    sns.heatmap(val.astype(float), annot=annot, fmt="", cmap="RdBu", center=0, vmin=-1, vmax=1, linewidths=0.5,
                cbar_kws={"label": "tone toward the actor\n(-1 negative ... +1 positive)", "shrink": 0.8},
                annot_kws={"fontsize": 9}, ax=ax)
    ax.grid(False)
    ax.set(xlabel="", ylabel="")
    ax.set_title(title, pad=12)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", labelsize=9)
    plt.setp(ax.get_xticklabels(), rotation=30, ha="left", rotation_mode="anchor")
    ax.tick_params(axis="y", labelsize=10)
    fig.tight_layout()
    return ax


# -------------------------------------------------------------------------- 03 loaded terms
def loaded_rates(by_voice, colours=None):
    """Loaded terms per 1,000 words for each voice (``analysis.loaded.by_voice``): reporter, editorial
    and every quoted speaker as separate bars in their colours, labelled with hits / words."""
    data = by_voice[~by_voice.kind.isin(["total", "boilerplate"]) & (by_voice.words > 0)].reset_index(drop=True)
    if data.empty:
        return _empty("no words outside boilerplate")
    pal = colours_of(data.who, colours)
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(3, len(data)) + 1))
    ax.barh(range(len(data)), data.per_1000_words, color=[pal[str(w)] for w in data.who], height=0.7)
    for i, r in enumerate(data.itertuples()):
        ax.text(r.per_1000_words, i, f"  {r.hits} in {r.words} words", va="center", fontsize=9)
    total = by_voice[by_voice.kind == "total"]
    if len(total):
        ax.axvline(float(total.per_1000_words.iloc[0]), color="#333", ls=":", lw=1)
    ax.set_yticks(range(len(data)), list(data.who))
    ax.invert_yaxis()
    ax.set(title="Loaded terms per 1,000 words, by voice (dotted: whole article)", xlabel="per 1,000 words",
           ylabel="")
    ax.set_xlim(0, max(1.0, float(data.per_1000_words.max()) * 1.4))
    fig.tight_layout()
    return ax


def loaded_heatmap(by_category, by_voice=None, value="per_1000_words"):
    """Voice × category heatmap of loaded terms (``analysis.loaded.by_category``), annotated with
    the number of hits; colour = rate per 1,000 words of that voice. Boilerplate, voices without
    words (given ``by_voice``) and rows and columns without a single hit are left out."""
    d = by_category[by_category.who != "boilerplate"] if len(by_category) else by_category
    if by_voice is not None and len(d):
        d = d[d.who.isin(set(by_voice[by_voice.words > 0].who))]
    if len(d):
        d = d[d.groupby("who").hits.transform("sum") > 0]
        d = d[d.groupby("category").hits.transform("sum") > 0]
    if d.empty:
        return _empty("no loaded terms found")
    rows = list(dict.fromkeys(d.who))
    cats = sorted(set(d.category), key=lambda c: (-int(d[d.category == c].hits.sum()), c))
    rate = d.pivot(index="who", columns="category", values=value).reindex(index=rows, columns=cats)
    hits = d.pivot(index="who", columns="category", values="hits").reindex(index=rows, columns=cats)
    rate.columns = [_wrap(plain(c), 13) for c in cats]
    fig, ax = plt.subplots(figsize=(min(PAGE_WIDTH, 1.15 * len(cats) + 3.8), 0.5 * len(rows) + 2.0))
    sns.heatmap(rate, annot=hits.astype(int), fmt="d", cmap="Reds", cbar_kws={"label": "per 1,000 words"},
                linewidths=0.5, annot_kws={"fontsize": 11}, ax=ax)
    ax.set(title="Loaded terms by category and voice (numbers: hits)", xlabel="", ylabel="")
    ax.tick_params(axis="x", rotation=0, labelsize=9)
    fig.tight_layout()
    return ax


def loaded_dispersion(hits, paragraphs, y="category", colours=None):
    """Where the loaded terms fall in the article: one mark per hit at its character offset, one row
    per ``category`` (or ``who``), coloured by who uses it; the ribbon underneath shows each
    paragraph's voice."""
    rows = sorted(set(hits[y])) if len(hits) else []
    fig, (ax, band) = plt.subplots(2, 1, figsize=(PAGE_WIDTH, 0.35 * max(3, len(rows)) + 1.6), sharex=True,
                                   gridspec_kw={"height_ratios": [max(3, len(rows)), 1]})
    who = list(dict.fromkeys(hits.who)) if len(hits) else []
    pal = colours_of(who, colours)
    for w in who:
        part = hits[hits.who == w]
        ax.scatter(part.start, [rows.index(v) for v in part[y]], marker="|", s=220, linewidths=2.2, color=pal[w],
                   label=w)
    ax.set_yticks(range(len(rows)), [plain(r) for r in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3 if rows else 0.5)
    ax.set_title("Where the loaded terms fall (colour: who is speaking)", loc="left")
    if who:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    for voice, grp in paragraphs.groupby("voice"):
        band.broken_barh(list(zip(grp.start, grp.end - grp.start)), (0, 1), color=VOICE_COLORS.get(voice, "#999"),
                         label=plain(voice))
    band.set(yticks=[], xlabel="position in the article (characters)", xlim=(0, max(1, int(paragraphs.end.max()))))
    band.legend(loc="upper left", bbox_to_anchor=(1.0, 1.2), frameon=False, fontsize=8, title="paragraph voice")
    fig.tight_layout()
    return ax


def loaded_top_terms(hits, n=15, colours=None):
    """The most frequent lexicon entries in the article, bars split by who used them (in their
    colours), on an axis of whole hits."""
    if hits.empty:
        return _empty("no loaded terms found")
    counts = hits.groupby(["term", "who"], as_index=False).size()
    totals = counts.groupby("term")["size"].sum()
    order = sorted(totals.index, key=lambda t: (-int(totals[t]), t))[:n]
    counts = counts[counts.term.isin(order)]
    who = list(dict.fromkeys(hits.who))
    pal = colours_of(who, colours)
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(order) + 1.4))
    left = {t: 0 for t in order}
    for w in who:
        part = counts[counts.who == w].set_index("term")["size"]
        vals = [int(part.get(t, 0)) for t in order]
        if any(vals):
            ax.barh(list(order), vals, left=[left[t] for t in order], color=pal[w], label=w)
        for t, v in zip(order, vals):
            left[t] += v
    ax.invert_yaxis()
    _integer_axis(ax)
    ax.set_xlim(0, max(left.values()) + 0.5)
    ax.set(title="Most frequent loaded terms (lexicon entries), by who used them", xlabel="hits", ylabel="")
    ax.legend(title="used by", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    fig.tight_layout()
    return ax


def keyness_bars(keyness, n=20):
    """The article's key words against the reference corpus: how sure it is that each word is
    over-used (log-likelihood; red = part of a loaded-term hit), how much more often (Log Ratio)
    written beside each bar."""
    data = keyness.head(n)
    if data.empty:
        return _empty("no word is over-used against the reference")
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(3, len(data)) + 1.2))
    colors = [VOICE_COLORS["editorial"] if x else "#8C8C8C" for x in data.loaded]
    ax.barh(list(data.word), list(data.log_likelihood), color=colors)
    for i, r in enumerate(data.itertuples()):
        note = f"{2 ** r.log_ratio:,.0f}\u00d7 as often" if r.reference_count else "not in the reference"
        ax.text(r.log_likelihood, i, f"  {note}", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set(title="Words this article uses far more than general English (red: part of a loaded term)",
           xlabel="how sure: log-likelihood (above 3.84: p < .05)", ylabel="")
    fig.tight_layout()
    return ax


# ------------------------------------------------------------------------ 04/05 summary, corpus

# summary (04): the three analyses side by side, one row per voice and speaker
def summary_panels(table, title="Who speaks, in what tone, how loaded", colours=None):
    """Three aligned panels over ``analysis.summary.side_by_side``: share of the article's words,
    tone (score with its 95% interval) and loaded terms per 1,000 words; each row in its speaker's
    colour (``colours``: see :func:`article_colours`)."""
    d = table.reset_index(drop=True)
    if d.empty:
        return _empty("no voices or speakers")
    pal = colours_of(d.who, colours)
    colors = [pal[str(w)] for w in d.who]
    fig, axes = plt.subplots(1, 3, figsize=(12, 0.45 * max(3, len(d)) + 1.5), sharey=True)
    y = list(range(len(d)))
    axes[0].barh(y, d.word_share * 100, color=colors, height=0.6)
    axes[0].set(title="share of words (%)", xlabel="%")
    axes[1].barh(y, d.tone.fillna(0), color=colors, height=0.6)
    for i, (a, b) in enumerate(zip(d.tone_low, d.tone_high)):
        if a == a and b == b:
            axes[1].plot([a, b], [i, i], color="#222", lw=1.4)
    axes[1].axvline(0, color="#333", lw=1)
    lim = max(0.25, float(d[["tone", "tone_low", "tone_high"]].abs().max().max()) * 1.2)
    axes[1].set(title="tone (score, 95% interval)", xlim=(-lim, lim), xlabel="-1 negative ... +1 positive")
    axes[2].barh(y, d.loaded_per_1000.fillna(0), color=colors, height=0.6)
    axes[2].set(title="loaded terms per 1,000 words", xlabel="per 1,000 words")
    axes[0].set_yticks(y, [f"{w} ({n} words)" for w, n in zip(d.who, d.words)])
    axes[0].invert_yaxis()
    fig.suptitle(title)
    fig.tight_layout()
    return fig


# corpus (05): one chart per comparison of groups of articles (outlets, dates) from analysis.corpus
def _empty(message, figsize=(6, 2)):
    fig, ax = plt.subplots(figsize=figsize)
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return ax


def corpus_rates(groups, by="outlet", value="loaded_per_1000", title="Loaded terms per 1,000 words"):
    """Horizontal bars of ``value`` per group (``analysis.corpus.group_summary``), each labelled
    with its hits and number of articles (few articles = a fragile figure)."""
    if groups is None or groups.empty:
        return _empty("no articles analysed")
    data = groups.sort_values(value, ascending=False)
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(3, len(data)) + 1))
    sns.barplot(data=data, y=by, x=value, hue=by, legend=False, palette="deep", ax=ax)
    for i, r in enumerate(data.itertuples()):
        ax.text(getattr(r, value), i,
                f"  {int(r.loaded_hits)} hits, {int(r.articles)} article{'s' if r.articles != 1 else ''}",
                va="center", fontsize=9)
    ax.set_xlim(0, max(1.0, float(data[value].max()) * 1.5))
    ax.set(title=f"{title}, by {by}", xlabel=f"per 1,000 words (all hits / all words of the {by})", ylabel="")
    fig.tight_layout()
    return ax


def corpus_timeline(articles, y="loaded_per_1000", hue="outlet",
                    title="Loaded terms per 1,000 words, article by article"):
    """One dot per article at its date (``date`` parsed as a day), coloured by ``hue``; dot size =
    the article's words."""
    import pandas as pd

    if articles is None or articles.empty:
        return _empty("no articles analysed")
    data = articles.assign(day=pd.to_datetime(articles.date, errors="coerce")).dropna(subset=["day"])
    if data.empty:
        return _empty("no article has a date")
    fig, ax = plt.subplots(figsize=(9, 3.6))
    sns.scatterplot(data=data, x="day", y=y, hue=hue, size="words", sizes=(30, 250), alpha=0.8, ax=ax)
    ax.set(title=title, xlabel="date", ylabel=y.replace("_", " "))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    return ax


def corpus_frame_heatmap(shares, by="outlet", top=10):
    """Frames (rows, the ``top`` heaviest overall) by group (columns): each group's share of cue
    weight (``analysis.corpus.frame_shares``), annotated in percent."""
    if shares is None or shares.empty:
        return _empty("no frame cues found")
    data = shares.pivot_table(index="frame", columns=by, values="share", aggfunc="sum", fill_value=0.0)
    data = data.loc[data.mean(axis=1).sort_values(ascending=False).index[:top]] * 100
    data.index = [plain(f) for f in data.index]
    fig, ax = plt.subplots(figsize=(1.8 * data.shape[1] + 4, 0.45 * len(data) + 1.6))
    sns.heatmap(data, annot=True, fmt=".0f", cmap="Blues", cbar_kws={"label": "% of the group's frame-cue weight"},
                linewidths=0.5, ax=ax)
    ax.set(title=f"Issue frames by {by} (% of cue weight)", xlabel="", ylabel="")
    ax.tick_params(axis="x", rotation=15)
    fig.tight_layout()
    return ax


def corpus_speaker_tone(tone, by="outlet"):
    """Each recurring speaker's mean tone (``analysis.corpus.speaker_tone``) per group, with the
    range of the per-article scores as a line; -1 = negative, +1 = positive."""
    if tone is None or tone.empty:
        return _empty("no speaker tone: the run kept no speakers table, or no speaker recurs")
    order = list(dict.fromkeys(tone.sort_values("tone").name))
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(3, len(order)) + 1.2))
    groups = list(dict.fromkeys(tone[by]))
    pal = dict(zip(groups, sns.color_palette("deep", len(groups))))
    for i, g in enumerate(groups):
        part = tone[tone[by] == g]
        ys = [order.index(n) + (i - (len(groups) - 1) / 2) * 0.15 for n in part.name]
        ax.hlines(ys, part["min"], part["max"], color=pal[g], lw=2, alpha=0.5)
        ax.scatter(part.tone, ys, color=pal[g], s=60, label=g, zorder=3)
    ax.axvline(0, color="#333", lw=1, ls=":")
    ax.set_yticks(range(len(order)), order)
    ax.set(xlim=(-1.05, 1.05), title=f"Tone of recurring speakers, by {by} (dot: mean; line: range of articles)",
           xlabel="tone (-1 negative ... +1 positive)", ylabel="")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    fig.tight_layout()
    return ax
