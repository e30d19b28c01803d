"""Charts keep their promises on real text: one colour per speaker in every chart, whole numbers on
count axes, no column for a voice the article does not have, plain labels, legible heatmaps."""
from __future__ import annotations

import matplotlib
import pytest
from matplotlib.colors import to_hex

from analysis import Article, charts, framing, loaded, palette, quotes, sentiment

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NO_COMMENT = Article.from_text(
    'Mayor Ana Ruiz said the new bridge would open in May. "We are proud of this bridge and the people who '
    'built it," Ruiz said on Monday.\n\n'
    'Critics called the project a reckless waste of public money. "It is a disgrace," said council member '
    'Tom Baker, who voted against the plan.\n\n'
    'The bridge cost 40 million dollars, the city said.', name="bridge")


@pytest.fixture(autouse=True)
def _close_figures():
    charts.theme()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def colours(bundled):
    return charts.article_colours(bundled)


def bar_colours(ax) -> list[str]:
    return [to_hex(p.get_facecolor()).upper() for p in ax.patches]


def tick_labels(ax, axis="y") -> list[str]:
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


def test_article_colours_cover_every_speaker_and_voice(bundled, colours):
    speakers = set(quotes.speaker_table(bundled).speaker)
    assert speakers <= set(colours)
    assert colours["reporter"] == palette.VOICE_COLOURS["reporter"]
    quoted = [colours[s] for s in speakers]
    assert len(set(quoted)) == len(quoted), "each quoted speaker has a colour of its own"
    assert not set(quoted) & {palette.VOICE_COLOURS["reporter"], palette.VOICE_COLOURS["editorial"]}


def test_a_speaker_has_the_same_colour_in_every_chart(bundled, colours):
    lavrov = colours["Sergey Lavrov"].upper()
    ax = charts.words_by_speaker(quotes.words_by_speaker(bundled), colours=colours)
    row = tick_labels(ax).index("Sergey Lavrov")
    assert bar_colours(ax)[row] == lavrov
    speakers = sentiment.tables(bundled)["speakers"]
    ax = charts.speaker_scores(speakers, colours=colours)
    assert bar_colours(ax)[tick_labels(ax).index("Sergey Lavrov")] == lavrov
    by_voice = loaded.tables(bundled)["by_voice"]
    ax = charts.loaded_rates(by_voice, colours=colours)
    assert bar_colours(ax)[tick_labels(ax).index("Sergey Lavrov")] == lavrov
    hits = loaded.tables(bundled)["hits"]
    ax = charts.loaded_top_terms(hits, colours=colours)
    legend = {t.get_text(): to_hex(h.get_facecolor()).upper()
              for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    assert legend["Sergey Lavrov"] == lavrov and legend["editorial"] == colours["editorial"].upper()
    ax = charts.loaded_dispersion(hits, bundled.paragraphs, colours=colours)
    dots = {c.get_label(): to_hex(c.get_edgecolor()[0]).upper() for c in ax.collections}
    assert dots["Sergey Lavrov"] == lavrov


def test_count_axes_show_whole_numbers(bundled, colours):
    hits = loaded.tables(bundled)["hits"]
    for ax in (charts.loaded_top_terms(hits, colours=colours),
               charts.utterances_by_kind(quotes.utterance_counts(bundled)),
               charts.counts_by_speaker(framing.hedge_counts(bundled), ["hedge", "booster"])):
        ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks), ticks


def test_no_column_for_a_voice_the_article_lacks():
    assert "editorial" not in set(NO_COMMENT.paragraphs.voice)
    ax = charts.frame_heatmap(framing.rates(NO_COMMENT, "issue"))
    assert tick_labels(ax, "x") == ["reporter"]
    ax = charts.voice_bars(framing.rates(NO_COMMENT, "entman"), x="per_1000", y="frame")
    legend = ax.get_legend()
    assert legend is None or "editorial" not in [t.get_text() for t in legend.get_texts()]
    tables = loaded.tables(NO_COMMENT)
    ax = charts.loaded_heatmap(tables["by_category"], tables["by_voice"])
    assert "editorial" not in tick_labels(ax)
    ax = charts.loaded_rates(tables["by_voice"], colours=charts.article_colours(NO_COMMENT))
    assert "editorial" not in tick_labels(ax)


def test_bundled_article_keeps_its_editorial_column(bundled):
    ax = charts.frame_heatmap(framing.rates(bundled, "issue"))
    assert tick_labels(ax, "x") == ["reporter", "editorial"]


def test_labels_are_plain_words(bundled):
    ax = charts.frame_heatmap(framing.rates(bundled, "issue"))
    labels = tick_labels(ax)
    assert "security and defence" in labels
    assert not any("_" in t for t in labels + tick_labels(ax, "x"))
    ax = charts.loaded_heatmap(loaded.tables(bundled)["by_category"])
    assert not any("/" in t for t in tick_labels(ax, "x"))


def test_heatmaps_fit_the_page_with_readable_numbers(bundled):
    ax = charts.toward_heatmap(sentiment.tables(bundled)["toward"])
    width, _ = ax.figure.get_size_inches()
    assert width <= charts.PAGE_WIDTH
    numbers = [t for t in ax.texts if t.get_text()]
    assert numbers and min(t.get_fontsize() for t in numbers) >= 9
    assert min(t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()) >= 9
