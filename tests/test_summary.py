"""The summary: the three analyses side by side per voice and speaker, a generated reading with
its evidence, on the bundled article and on hostile text."""
from __future__ import annotations

import math

from analysis import Article, summary


def test_side_by_side_rows_and_voices(bundled):
    t = summary.side_by_side(bundled)
    who = list(t.who)
    assert who[:2] == ["reporter", "editorial"]
    for name in ("Sergey Lavrov", "John Kerry", "Maria Zakharova", "Dmitry Peskov"):
        assert name in who
    row = t.set_index("who")
    # the editorial voice is far more loaded than the reporter's, Lavrov is the most loaded speaker
    assert row.loc["editorial", "loaded_per_1000"] > 5 * row.loc["reporter", "loaded_per_1000"]
    assert row.loc["Sergey Lavrov", "loaded_hits"] >= 5
    # Lavrov's tone is negative with an interval below zero, most negative toward the US
    assert row.loc["Sergey Lavrov", "tone_high"] < 0
    assert row.loc["Sergey Lavrov", "most_negative_toward"] == "United States"
    assert math.isclose(t.word_share.sum(), 1.0, abs_tol=0.02)  # boilerplate (4 words) left out


def test_reading_and_evidence(bundled):
    t = summary.side_by_side(bundled)
    r = summary.reading(bundled, t)
    assert r[0].startswith("Sergey Lavrov gets")
    assert any("editorial" in s and "per 1,000 words" in s for s in r)
    assert any(s.startswith("Tone: Sergey Lavrov") for s in r)
    ev = summary.evidence(bundled, t)
    assert set(ev.who) >= {"Sergey Lavrov", "editorial"}
    for s, e, text in zip(ev.start, ev.end, ev.text):
        assert bundled.text[s:e] == text
    assert "appeasing" in set(ev.text)


def test_reading_is_escaped_in_html():
    a = Article.from_text('<img src=x onerror=alert(1)> said: "We are deeply concerned about the talks," he said.\n\n'
                          "Comment: the <script>alert(2)</script> regime is appeasing the terrorists again and again.")
    h = summary.reading_html(a)
    assert "<script" not in h and "<img" not in h
    assert h.startswith('<ul class="reading">')


def test_no_speaker_article():
    a = Article.from_text("The talks resumed on Monday in Geneva after a pause of two weeks, officials were there.")
    t = summary.side_by_side(a)
    assert list(t.who) == ["reporter"]
    assert summary.reading(a, t)[0].startswith("No one is quoted")


def test_summary_notebook_records(executed_notebooks):
    rec = executed_notebooks["04_summary"]
    assert rec["headline"][0].startswith("Sergey Lavrov gets")
    assert rec["evidence_rows"] > 0
    assert any(s.startswith("Tone:") for s in rec["headline"])
