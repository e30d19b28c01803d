"""Issue 8: a thousand generated texts (quotes of every shape, unicode, long lines, voice markers,
names and cue verbs) through every analysis. Nothing may escape but ``ArticleError``, and every
reported span must satisfy ``text[start:end]``."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from analysis import Article, ArticleError, framing, loaded, quotes, sentiment, summary

MODULES = (quotes, sentiment, framing, loaded, summary)
WORDS = ("the", "minister", "said", "that", "Washington", "is", "making", "a", "grave", "mistake", "by",
         "appeasing", "terrorists", "and", "Lavrov", "Kerry", "she", "added", "told", "journalists",
         "according", "to", "Sergey", "Maria", "Zakharova", "Russian", "FM", "of", "in", "Syria", "war",
         "was", "not", "very", "moderate", "regime", "we", "it", "claimed", "US", "State", "Department")
NOISE = ("\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", ",", ".", ":", ";", " - ", "\u2014",
         "\n", "\n\n", "\r\n", "\t", "Comment: ", "Editor's note: ", "Image", "\u00a9 Reuters/X", "Read more:",
         "\u00e9", "\U0001f600", "\u200b", "e\u0301", "\ufb01", "\u00a0", "U.S.", "Sen.", "(", ")", "[", "]",
         " said: \"", "\" he said.", "\u201d Lavrov said. \u201c", "'cooked'", " ' ", "\\", "&amp;", "<b>")


def _pieces():
    word = st.sampled_from(WORDS)
    return st.lists(st.one_of(word, word, word, st.sampled_from(NOISE),
                              st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6),
                              st.builds(lambda w, n: (w + " ") * n, word, st.integers(50, 400))),  # long lines
                    min_size=1, max_size=120)


def text_of(pieces) -> str:
    return " ".join(pieces)


SPAN_TEXT = ("text", "match", "mention")  # columns that hold text[start:end]; X_start/X_end pair with X_text, X_mention


def check_spans(text: str, name: str, df: pd.DataFrame) -> None:
    """Every (start, end) pair and every ``<x>_start``/``<x>_end`` pair lies in the text; where a
    row also carries the span's text, ``text[start:end]`` reproduces it."""
    cols = set(df.columns)
    pairs = [("start", "end")] + [(c, c[:-6] + "_end") for c in cols if c.endswith("_start") and c[:-6] + "_end" in cols]
    for s_col, e_col in pairs:
        if s_col not in cols or e_col not in cols:
            continue
        for i, (s, e) in enumerate(zip(df[s_col], df[e_col])):
            if s is None or e is None or (isinstance(s, float) and math.isnan(s)) or int(s) < 0:
                continue
            s, e = int(s), int(e)
            assert 0 <= s <= e <= len(text), (name, s_col, s, e, len(text))
            keys = SPAN_TEXT if s_col == "start" else (s_col[:-6] + "_text", s_col[:-6] + "_mention")
            if not name.endswith(".speakers"):
                for key in keys:
                    if key in cols and isinstance(df[key].iloc[i], str):
                        assert text[s:e] == df[key].iloc[i], (name, key, s, e)


@pytest.mark.timeout(900)
@settings(max_examples=1000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_pieces())
def test_generated_texts_through_every_analysis(pieces):
    text = text_of(pieces)
    try:
        article = Article.from_text(text, name="generated")
        _ = article.sentences
    except ArticleError as e:
        assert "\n" not in str(e)  # one line
        event(f"ArticleError: {str(e).split(':')[1].strip()[:30]}")
        return
    event("analysed")
    t = article.text
    for df in (article.paragraphs, article.sentences):
        check_spans(t, "article", df)
    for mod in MODULES:
        for name, df in mod.tables(article).items():
            check_spans(t, f"{mod.__name__}.{name}", df)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=400))
def test_plain_text_functions_never_crash(text):
    for df in (framing.find_frames(text), loaded.find_terms(text)):
        check_spans(text, "plain", df)
    s = sentiment.score_sentences([text])
    assert len(s) == 1 and -1 <= float(s.score.iloc[0]) <= 1
    if text:
        v = sentiment.toward(text, 0, min(len(text), 5))
        assert -1 <= v <= 1
    assert framing.dominant_frame(text)
