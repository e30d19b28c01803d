"""Framing: cue offsets, sentence frames, generic frames, the article view on the bundled article,
escaped evidence, lexicon hygiene, and the values notebook 01 records."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import analysis
from analysis import cli, framing, lexicons, resources
from analysis.framing import cues, voices


# ------------------------------------------------------------------------------ cues and offsets
def test_find_frames_offsets_reproduce_the_text():
    text = ("Troops shelled rebel positions on Tuesday, while the Supreme Court ruled the new tax "
            "unconstitutional. \u201cIt\u2019s a moral disgrace,\u201d said Maria Lopez, 34, "
            "whose children were killed.")
    hits = framing.find_frames(text)
    assert len(hits) > 5
    assert list(hits.columns[:4]) == ["start", "end", "frame", "scheme"] and "cue" in hits
    for r in hits.itertuples():
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.text
    issue = hits[hits.scheme == "issue"]
    assert ("shelled", "security_defense") in set(zip(issue.text, issue.frame))
    assert any(t.startswith("Supreme Court") and f == "legality" for t, f in zip(issue.text, issue.frame))
    assert ("moral", "morality") in set(zip(issue.text, issue.frame))
    assert ("34", "human_interest") in set(zip(hits.text, hits.frame))  # an age given in passing


def test_longest_match_and_blockers():
    def issue(t):
        return list(zip(*[framing.find_frames(t).query("scheme == 'issue'")[c] for c in ("text", "frame")]))

    assert issue("He faces the death penalty.") == [("death penalty", "crime_punishment")]
    assert issue("It is fairly clear.") == []  # 'fairly' is not 'fair'
    assert issue("An important day.") == []  # 'important' is not 'import'
    assert ("al-Qaeda", "security_defense") in issue("Fighters of al-Qaeda.")


@pytest.mark.parametrize("text", ["", "   ", "\u201cunbalanced", "x" * 200_000, "\u00e9t\u00e9 \U0001F600 \u0000 war",
                                  "$$$ 100% of 5,000", "a\r\nwar\r\n"])
def test_odd_text_never_crashes(text):
    hits = framing.find_frames(text)
    assert all(text[s:e] == t for s, e, t in zip(hits.start, hits.end, hits.text))
    assert framing.dominant_frame(text) in framing.ISSUE_FRAMES
    assert framing.generic_frames(text) <= set(framing.GENERIC_FRAMES)
    framing.find_hedges(text)


def test_deterministic():
    a = analysis.load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")
    assert framing.find_frames(a.text).equals(framing.find_frames(a.text))


def test_token_spans_are_the_token_pattern_matches():
    for text in ["", "Lavrov\u2019s anti-ISIS plan", "snake_case x__y 'quoted' don't 3.5%",
                 "\u00e9t\u00e9 \u0664\u0665 end."]:
        for pattern, split in ((framing.TOKEN_RE, cues._TOKEN_SPLIT_RE), (resources.WORD_RE, resources.WORD_SPLIT_RE)):
            expected = [(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]
            assert list(zip(*resources.token_spans(text, split))) == expected


def test_regex_cues_match_as_finditer_does():
    # cues whose matches start with a digit are only tried at the digits: the matches must be finditer's
    regexes = cues._matcher().regexes
    assert any(digit_led for _, _, digit_led in regexes)
    for text in ["Maria Lopez, 34, and 45% of voters say no; a 12-year-old, 3 years old; $5bn, \u00a3 3 million.",
                 "1.5% of the public oppose it; 100 per cent of people support; 2015, 20, 15, x1 9",
                 "\u0664\u0665% of voters said so, 7, 8, 9, 10, "]:
        plain = [(mt.start(), mt.end()) + e for rx, entries, _ in regexes for mt in rx.finditer(text)
                 if mt.end() > mt.start() for e in entries]
        assert plain and cues._regex_hits(text, regexes) == plain


@pytest.mark.parametrize("sentence, frame", [
    ("The Supreme Court ruled that the law is unconstitutional.", "legality"),
    ("Police arrested three men for smuggling drugs across the border.", "crime_punishment"),
    ("A new poll shows that most voters oppose the plan.", "public_opinion"),
    ("Troops shelled rebel positions and the army launched airstrikes.", "security_defense"),
    ("Doctors at the hospital are treating patients for the disease.", "health_safety"),
    ("The tax increase will cost taxpayers billions of dollars.", "economic"),
    ("Women are still paid less than men, a clear case of discrimination.", "fairness_equality"),
    ("The Liberals and the NDP are campaigning for votes before the election.", "political"),
    ("Many immigrants want to keep their language, traditions and cultural heritage.", "cultural_identity"),
    ("It is a sin, and the church says it is immoral.", "morality"),
    ("The weather was pleasant on Sunday.", "other"),
])
def test_dominant_frame_on_clear_sentences(sentence, frame):
    assert framing.dominant_frame(sentence) == frame


def test_generic_frames_on_constructed_paragraphs():
    conflict = ("Critics slammed the government's plan, and opponents accused the minister of lying. The two sides "
                "clashed again in parliament, where the dispute over the bill has divided the parties for months.")
    economic = ("The new rules will cost businesses $2 billion a year, economists warn, and higher energy prices could "
                "push the economy into recession, costing thousands of jobs and hitting taxpayers.")
    morality = ("Pope Francis said that destroying creation is a sin and that Christians have a moral duty to protect "
                "God's gift; the church called greed and indifference immoral.")
    human = ("Maria Lopez, 34, wept as she described how the flood destroyed her home. Her children, 6 and 9, are "
             "terrified of the rain now. 'We lost everything,' she said, holding her daughter. My family has lived "
             "here for generations, and my husband grew up on this street.")
    assert "conflict" in framing.generic_frames(conflict)
    assert "economic" in framing.generic_frames(economic)
    assert "morality" in framing.generic_frames(morality)
    assert "human_interest" in framing.generic_frames(human)
    assert "morality" not in framing.generic_frames(economic)
    assert "economic" not in framing.generic_frames(morality)


def test_hedges_and_boosters():
    h = framing.find_hedges("Officials may have known; it is clearly a mistake, and about 200 people reportedly died.")
    got = set(zip(h.category, h.text))
    assert {("hedge", "may"), ("booster", "clearly"), ("hedge", "about"), ("hedge", "reportedly")} <= got
    assert ("booster", "known") in got


# ------------------------------------------------------------------------------ the bundled article
@pytest.fixture(scope="module")
def rt(bundled):
    return bundled


@pytest.fixture(scope="module")
def rt_tables(rt):
    return framing.tables(rt)


def test_tables_contract(rt, rt_tables):
    assert list(rt_tables)[:6] == ["hits", "by_voice", "naming", "entman", "hedges", "reporting_verbs"]
    hits = rt_tables["hits"]
    assert list(hits.columns[:6]) == ["start", "end", "frame", "cue", "voice", "paragraph"]
    for name, df in rt_tables.items():
        if {"start", "end"} <= set(df.columns):
            assert str(df.start.dtype) == "int64" and str(df.end.dtype) == "int64", name
            assert all(rt.text[s:e] for s, e in zip(df.start, df.end)), name
        if "text" in df.columns and {"start", "end"} <= set(df.columns) and name not in ("by_paragraph",):
            assert all(rt.text[s:e] == t for s, e, t in zip(df.start, df.end, df.text)), name
        json.dumps(cli.records(df), allow_nan=False)


def test_report_frames_security_and_conflict(rt):
    dom = framing.dominant_frames(rt)
    report = dom[(dom.voice == "report") & (dom.scheme == "issue")]
    assert report.frame.iat[0] == "security_defense"
    assert "conflict" in set(dom[(dom.voice == "report") & (dom.scheme == "generic")].frame)
    rates = framing.rates(rt).set_index(["voice", "frame"]).per_1000
    assert rates["report", "security_defense"] > 50


def test_editorial_voice_adds_morality_and_blame(rt):
    cmp = framing.compare_voices(rt).set_index(["scheme", "frame"])
    # the editorial comment uses more moral language and more causal attribution per word than the report
    assert cmp.loc[("issue", "morality"), "editorial"] > cmp.loc[("issue", "morality"), "report"]
    for role in ("moral_evaluation", "causal_attribution"):
        assert cmp.loc[("entman", role), "editorial"] > 2 * cmp.loc[("entman", role), "report"], role
    ev = framing.evidence(rt, "entman", "moral_evaluation", voices=("editorial",))
    assert {"brutal", "proxy", "puppet", "vassal"} <= set(", ".join(ev.cues).split(", "))


def test_naming_western_proxy_army_isis(rt, rt_tables):
    naming = rt_tables["naming"]
    row = naming[(naming.actor == "Islamic State") & (naming.voice == "editorial")
                 & (naming.label == "Western proxy army ISIS")]
    assert len(row) == 1
    r = row.iloc[0]
    assert rt.text[r.start:r.end] == "Western proxy army ISIS"
    assert rt.text[r.modifier_start:r.modifier_end] == "Western proxy army"
    report_is = naming[(naming.actor == "Islamic State") & (naming.voice == "report")]
    assert "terrorist group Islamic State" in set(report_is.label)
    assert "democratically-elected President Assad" in set(naming[naming.actor == "Bashar Assad"].label)
    contrast = framing.label_contrast(rt).set_index("actor")
    assert "Western proxy army ISIS" in contrast.loc["Islamic State", "only_editorial"]


def test_hedges_per_speaker(rt):
    h = framing.hedges(rt)
    assure = h[h.text == "I can assure you"]
    assert len(assure) == 1 and assure.category.iat[0] == "booster"
    assert assure.speaker.iat[0] in ("(report)", "Maria Zakharova", "Zakharova")  # the quoted speaker once quotes land
    counts = framing.hedge_counts(rt)
    assert set(counts.voice) <= {"report", "editorial"}
    assert counts[["hedge", "booster"]].sum().sum() == len(h[h.voice != "boilerplate"])


def test_where_locates_offsets_in_any_order(rt):
    starts = list(range(0, len(rt.text), 37))
    forward = voices._where(rt, starts)
    backward = voices._where(rt, starts[::-1])
    assert [c[::-1] for c in backward] == [list(c) for c in forward]
    assert any(not s.startswith("(") for s in forward[3])  # some offsets are inside quotations


def test_reporting_verbs_and_scare_quotes(rt, rt_tables):
    verbs, scare = rt_tables["reporting_verbs"], rt_tables["scare_quotes"]
    assert {"speaker", "verb", "stance", "start", "end"} <= set(verbs.columns)
    if len(scare):
        assert set(scare.voice) <= {"report", "editorial", "boilerplate"}
        assert all(rt.text[s:e] == t for s, e, t in zip(scare.start, scare.end, scare.text))


def test_evidence_html_is_escaped():
    a = analysis.Article.from_text("The army said <script>alert('war')</script> troops & tanks attacked the town. "
                                   "Troops of the army moved on.", name="payload")
    ev = framing.evidence(a, "issue", "security_defense")
    page = framing.evidence_html(ev)
    assert "<script" not in page and "&lt;script&gt;" in page and "&amp;" in page
    assert '<mark class="cue">army</mark>' in page
    assert framing.highlight_html("<b>x</b>", [(3, 4)]) == '&lt;b&gt;<mark class="cue">x</mark>&lt;/b&gt;'


# ------------------------------------------------------------------------------ lexicons
def test_frame_lexicon_hygiene():
    lex = lexicons.load("frames")
    assert (lex.rationale.str.strip() != "").all() and (lex.source.str.strip() != "").all()
    allowed = {"issue": set(framing.ISSUE_FRAMES) - {"other"}, "generic": set(framing.GENERIC_FRAMES),
               "entman": set(framing.ENTMAN_ROLES)}
    for r in lex.itertuples():
        assert r.match in ("stem", "exact", "case", "regex")
        assert r.frame == "none" or r.frame in allowed[r.scheme], (r.frame, r.scheme)
        float(r.weight)
        if r.match == "regex":
            re.compile(r.cue)
            assert re.search(r"\\d|\[\$", r.cue), "regex cues are for numbers (they run only on text with a digit)"
    assert not lex.duplicated(["frame", "scheme", "cue", "match"]).any()
    model = lexicons.load("frame_model")
    groups = set(lex.group)
    assert set(model.frame) == set(framing.GENERIC_FRAMES)
    assert all(f == "intercept" or f in groups or f.startswith("issue.") and f[6:] in groups for f in model.feature)


def test_hedge_lexicon_hygiene():
    lex = lexicons.load("hedges")
    assert set(lex.category) == {"hedge", "booster"}
    assert (lex.rationale.str.strip() != "").all() and (lex.source.str.strip() != "").all()
    assert not lex.duplicated(["category", "cue"]).any()


def test_validation_file_is_committed():
    v = framing.validation()
    assert v["frac"]["macro_f1"] > 0.534 and v["nfc"]["cv_macro_f1"] > 0.459
    assert set(framing.validation_tables()) == {"summary", "frac", "nfc"}


# ------------------------------------------------------------------------------ notebook 01
def test_framing_notebook_values(executed_notebooks):
    rec = executed_notebooks["01_framing"]
    rates = pd.DataFrame(rec["frame_voice_rates"]).set_index(["voice", "frame"]).per_1000
    assert rates["report", "security_defense"] > 0 and rates["editorial", "morality"] > rates["report", "morality"]
    dom = pd.DataFrame(rec["dominant_frames"])
    assert set(dom.voice) == {"report", "editorial"}
    assert rec["headline"]["report top issue frames"][0] == "security_defense"
    assert "Western proxy army ISIS" in rec["headline"]["labels only in the editorial voice"]
    naming = pd.DataFrame(rec["naming"])
    assert ((naming.actor == "Islamic State") & (naming.voice == "editorial")
            & (naming.label == "Western proxy army ISIS")).any()


# ------------------------------------------------------------------------------ names and evidence
def test_titles_and_names_are_not_frame_cues():
    def cues(text, word):
        h = framing.find_frames(text)
        return [(f, s) for t, f, s in zip(h.text, h.frame, h.scheme) if t == word]
    assert framing.find_frames("Justice Smith wrote it.").query("text == 'Justice'").empty
    assert cues("Officials at the Department of Justice said so.", "Justice") == []
    assert cues("The Justice Department said so.", "Justice") == []
    assert cues("Students at Liberty University met.", "Liberty") == []
    assert ("security_defense", "issue") not in cues("The Security Council met.", "Security")
    # the words themselves still cue their frames
    assert ("morality", "generic") in cues("They demand justice.", "justice")
    assert ("legality", "issue") in cues("They defend liberty.", "liberty")
    assert ("security_defense", "issue") in cues("Security forces fired.", "Security")


def test_generic_frame_evidence_has_offsets_and_decides_the_frames(rt):
    ev = framing.generic_evidence(rt)
    assert set(ev[ev.present].frame) == framing.generic_frames(rt.text)
    assert all(rt.text[s:e] == t for s, e, t in zip(ev.start, ev.end, ev.text))
    for frame, sub in ev.groupby("frame"):
        assert sub.present.nunique() == 1 and sub.score.nunique() == 1
    assert framing.tables(rt)["generic_evidence"].equals(ev)


def test_generic_evidence_shows_the_related_cues_of_other_schemes():
    text = ("Republicans and Democrats clashed over the bill. The senator accused his rivals of lying, "
            "and the partisan fight over the vote split Congress.")
    ev = framing.generic_evidence(text)
    con = ev[ev.frame == "conflict"]
    assert "conflict" in framing.generic_frames(text) and con.present.all()
    assert "issue.political" in set(con.group) and "conflict.disagreement" in set(con.group)
    assert all(text[s:e] == t for s, e, t in zip(ev.start, ev.end, ev.text))
    assert framing.model_scores(framing.feature_counts(text)) == framing.generic_scores(text)
    score = framing.generic_model()["conflict"]["intercept"] + con.drop_duplicates("group").contribution.sum()
    assert abs(score - con.score.iloc[0]) < 1e-3
