"""The summary: the three analyses side by side per voice and speaker, a generated reading with
its evidence, on the bundled article and on hostile text."""
from __future__ import annotations

import math

import pandas as pd

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
    assert r[0].startswith("Sergey Lavrov gets 28% of the article's words")
    assert any("editorial" in s and "per 1,000 words" in s for s in r)
    lavrov = "Sergey Lavrov's quoted words read clearly negative: \u22120.13, 95% interval \u22120.18 to \u22120.08"
    assert lavrov in " ".join(r)
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


def test_findings_answer_each_question_once_in_plain_words(bundled):
    t = summary.side_by_side(bundled)
    f = summary.findings(bundled, t)
    assert f.question.is_unique
    assert summary.most_negative(t).who == "Sergey Lavrov" == f.set_index("question").who["most_negative"]
    for s in f.sentence:
        assert "{" not in s and "[" not in s and "nan" not in s.lower().split() and "np." not in s
        assert s[0].isupper() and s.endswith(".")
    # the most negative speaker is a quoted speaker with two utterances or more, never a voice
    assert summary.most_negative(t).kind == "speaker"


def test_unconfirmed_findings_say_why():
    """A finding that rests mostly on attributions the quotes module is unsure of, or a tone on under
    50 words, is not stated as fact; a share of words needs no minimum."""
    a = Article.from_text("The minister spoke at length on Tuesday about the budget and the state of the roads.\n\n"
                          "Spending will have to rise sharply next year in every region, officials believe, according "
                          "to people familiar with the plan.")
    t = summary.side_by_side(a)
    f = summary.findings(a, t).set_index("question")
    top = summary.most_words(t)
    assert top.who == "officials" and top.uncertain_utterances == 1 and not f.certain["most_words"]
    assert f.sentence["most_words"].startswith("Unconfirmed: Officials get ")
    assert "the suite is unsure who said it" in f.sentence["most_words"]
    row = t.set_index("who").loc["officials"].copy()
    row["uncertain_words"], row["uncertain_utterances"] = 0, 0
    assert summary._doubt(row, rate=False) is None, "a share of words is a count: it needs no minimum"
    assert f"rests on only {row.words} words" in summary._doubt(row)
    tone = row.copy()
    tone["who"], tone["utterances"], tone["tone"], tone["tone_low"], tone["tone_high"] = "A report", 2, -0.3, -0.5, -0.1
    sentence = summary._tone_findings(a, pd.DataFrame([tone]))[0]["sentence"]
    assert sentence.startswith("Unconfirmed: A report's quoted words read clearly negative")
    assert "too little text" in sentence


def test_findings_html_links_to_the_evidence(bundled):
    h = summary.findings_html(bundled)
    f = summary.findings(bundled)
    for a in f.anchor:
        assert f'href="evidence.html#{a}"' in h
    assert 'href="#' in summary.findings_html(bundled, evidence_page="")


def test_summary_notebook_records(executed_notebooks, bundled):
    rec = executed_notebooks["04_summary"]
    assert rec["headline"][0].startswith("Sergey Lavrov gets")
    assert rec["evidence_rows"] > 0
    assert rec["headline"] == summary.reading(bundled), "the notebook states the same findings as the package"
    assert [r["question"] for r in rec["findings"]][:2] == ["most_words", "quoted_share"]


OPED = ("By Jane Doe\n\n"
        "I have covered city hall for twenty years, and I have never seen a budget fight like this one. "
        "We were told the library would stay open. I think the council owes residents an answer.\n\n"
        "\"The money is simply not there,\" said Mayor Tom Hill, who has defended the cuts for weeks.\n\n"
        "I asked the council members about it. I did not get an answer, and I doubt I will get one soon. "
        "In my view the library matters more than the new parking garage the council approved in March.\n\n"
        "Residents plan to protest on Tuesday outside the council chamber, organisers said.")


def test_the_authors_first_person_is_no_quoted_speaker():
    a = Article.from_text(OPED, name="oped")
    t = summary.side_by_side(a)
    author = t[t.kind == "author"]
    assert author.who.tolist() == ["Jane Doe"] and author.utterances.tolist() == [0]
    f = summary.findings(a, t).set_index("question")
    assert f.loc["most_words", "who"] == "Tom Hill"  # the most-quoted speaker, not the writer
    assert f.loc["author", "sentence"].startswith("The author, Jane Doe, writes ")
    assert "Jane Doe" not in f.loc["few_words", "sentence"]


def test_tone_findings_read_as_a_journalist_would_check_them():
    # a group takes the plural possessive; an interval that spans zero is no lean; one speaker has no rival
    a = Article.from_text("Officials said the plan was a disaster. Officials said it was a failure. "
                          "The council met on Monday to discuss the budget for the coming year.", name="t")
    t = summary.side_by_side(a)
    row = t.set_index("who").loc["officials"].copy()
    row["who"], row["utterances"], row["tone"], row["tone_low"], row["tone_high"] = "officials", 2, -0.18, -0.31, 0.07
    sentence = summary._tone_findings(a, pd.DataFrame([row]))[0]["sentence"]
    assert "Officials' quoted words show no clear lean: −0.18, 95% interval −0.31 to +0.07" in sentence
    assert "no other quoted speaker has two utterances or more to compare" in sentence
    assert "the most negative" not in sentence
