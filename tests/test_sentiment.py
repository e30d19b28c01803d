"""Sentiment: sentence scores (normalisation, columns, ranges, odd text), sentiment toward a mention,
and the per-speaker view of the bundled article (six rows, Lavrov negative, seeded bootstrap)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis import Article, lexicons, resources, sentiment

ROOT = Path(__file__).resolve().parent.parent
SIX = ["Sergey Lavrov", "John Kerry", "Maria Zakharova", "Dmitry Peskov", "reporter", "editorial"]


def span(text, needle):
    i = text.index(needle)
    return i, i + len(needle)


# ------------------------------------------------------------------------------ sentence scores
def test_curly_apostrophes_keep_vader_negation():
    curly, straight = "The talks weren\u2019t good.", "The talks weren't good."
    # raw VADER reads the curly form as "weren" + "t good" (positive): the normalisation keeps the negation
    assert resources.vader().polarity_scores(curly)["compound"] > 0
    df = sentiment.score_sentences([curly, straight])
    assert df.vader[0] == df.vader[1] < 0
    assert df.score[0] == df.score[1] < 0
    assert sentiment.normalise("\u201cno\u201d \u2018yes\u2019") == "\"no\" 'yes'"


def test_score_sentences_columns_ranges_and_odd_text():
    texts = ["A grave mistake.", "We are grateful for this wonderful help!", "", None, "\u00e9\u00e8 \U0001F600 ...",
             "x" * 20000, "\"unbalanced quote", "It\u2019s an absolutely upside-down logic."]
    df = sentiment.score_sentences(texts)
    assert list(df.columns[:4]) == ["vader", "textblob", "subjectivity", "score"]
    assert len(df) == len(texts) and list(df.index) == list(range(len(texts)))
    for c, lo, hi in (("vader", -1, 1), ("textblob", -1, 1), ("subjectivity", 0, 1), ("score", -1, 1)):
        assert df[c].between(lo, hi).all(), c
        assert not df[c].isna().any(), c
    assert df.score[0] < 0 < df.score[1]
    assert (df.loc[[2, 3], ["vader", "textblob", "score"]] == 0).all().all()
    assert sentiment.score_sentences([]).shape == (0, 4)
    assert sentiment.score_sentences("one text").shape == (1, 4)


def test_textblob_column_is_textblob_polarity():
    from textblob import TextBlob

    texts = ["It is a terribly bad, very sad idea!", "Not a good plan.", "Brilliant and honest work :)", "Plain words."]
    df = sentiment.score_sentences(texts)
    for t, p, s in zip(texts, df.textblob, df.subjectivity):
        ref = TextBlob(t).sentiment
        assert (p, s) == (ref.polarity, ref.subjectivity)


def test_valence_shifters_read_fighting_terrorism_as_good_news():
    f = sentiment.sentence_features(["They fight terrorism.", "They support terrorism."])
    assert f.shifted[0] > 0 and f.shifted[1] == 0
    s = sentiment.score_sentences(["They fight terrorism.", "They support terrorism."]).score
    assert s[0] > s[1]


def test_word_table_terms_scope_negation_and_keep_bigrams():
    t = sentiment.terms("It was not good at all, but the end was good.")
    assert {"not_good", "good", "not not_good"} <= t and "good" in t
    assert sentiment.terms("") == set() and sentiment.terms(None) == set()
    assert "never" in sentiment.negators() and "don't" in sentiment.negators()
    s = sentiment.score_sentences(["The plan is good.", "The plan is not good."]).score
    assert s[0] > s[1]


def test_scores_read_the_same_negation_scoped_terms_the_table_was_fitted_on():
    # the word-table sum inside score_sentences must use terms() (not_-scoped after a negator),
    # the terms scripts/eval_sentiment.py fits and cross-validates on; and it must not depend on
    # set order (PYTHONHASHSEED): an exact sum
    w = sentiment.word_weights("sentiment_words")
    texts = ["I do not like it at all.", "They never said it was a good idea, not once.",
             "Nobody doubts the grave threat."]
    got = sentiment.sentence_features(texts).words.tolist()
    want = [math.fsum(w.get(t, 0.0) for t in sentiment.terms(x)) for x in texts]
    assert got == want
    assert any(t.startswith("not_") and t in w for t in sentiment.terms(texts[0]))


def test_learned_weights_are_data_with_provenance():
    w = lexicons.load("sentiment_weights")
    assert {"rationale", "source"} <= set(w.columns) and (w.rationale != "").all() and (w.source != "").all()
    got = sentiment.weights()
    assert set(sentiment.SENTENCE_FEATURES) | {"words", "scale"} <= set(got["score"])
    m = lexicons.load("toward_model")
    assert set(sentiment.TOWARD_FEATURES) | {"intercept"} <= set(m.feature)
    for name in ("sentiment_words", "toward_words", "valence_shifters", "sentiment_negators", "toward_model",
                 "toward_cues", "toward_non_targets", "clause_markers"):
        df = lexicons.load(name)
        assert len(df) and (df.rationale != "").all() and (df.source != "").all(), name
        key = "feature" if name == "toward_model" else "word"
        assert df[key].is_unique, name
    # no term of the toward table is a proper name: tone toward a target never hangs on who is named
    words = lexicons.load("toward_words").word
    assert not any(w.split(":", 1)[1] in ("trump", "clinton", "obama", "putin") for w in words)


def _fuzz_texts(seed: int, alphabet: str, n: int = 3000) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_vendored_vader_gives_the_published_nltk_scores():
    """resources.vader() is nltk's VADER vendored (analysis/_vendor/vader.py): the scores of nltk's
    own class, as published, on real sentences, fuzzed strings and VADER's special words."""
    import random
    import string

    from analysis._vendor import vader as vendored

    art = analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    texts = art.sentences.text.tolist() + art.text.split("\n")
    texts += _fuzz_texts(5, string.punctuation + "ab AB good bad not but kind of never so :) '\"!?.,;  ")
    # word-level: boosters (also in capitals), idioms, "least", "never so", "but", repeated tokens
    vocab = ("but least at very never so this kind of sort not isn't GREAT good Good bad HORRIBLE the shit bomb "
             "yeah right cut mustard kiss death hand to mouth just enough extremely EXTREMELY barely hardly "
             "war love hate !! ?? :) :(").split()
    rng = random.Random(6)
    texts += [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    fast, ref = resources.vader(), resources.nltk_vader()
    assert isinstance(fast, vendored.SentimentIntensityAnalyzer)
    assert fast.lexicon == ref.lexicon
    assert [fast.polarity_scores(t) for t in texts] == [ref.polarity_scores(t) for t in texts]


def test_textblob_scores_are_the_published_analysers():
    """The textblob/subjectivity columns are TextBlob's public PatternAnalyzer's numbers."""
    import string

    from textblob.sentiments import PatternAnalyzer

    art = analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    alphabet = string.punctuation + "ab AB xD :) ( ! ) not very good n't 's \u201c\u201d\u2019 \n\n...U.S. Mr. "
    texts = art.sentences.text.tolist() + _fuzz_texts(3, alphabet, 500)
    df = sentiment.score_sentences(texts)
    analyser = PatternAnalyzer()
    for t, p, s in zip(texts, df.textblob, df.subjectivity):
        if sentiment.normalise(t).strip():
            assert (p, s) == tuple(analyser.analyze(sentiment.normalise(t))), t


def test_punkt_is_nltks_tokenizer_as_published():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    tok = resources.punkt()
    assert type(tok) is PunktSentenceTokenizer
    params = PunktParameters()
    params.abbrev_types = set(lexicons.load("abbreviations").abbreviation.str.strip().str.lower())
    ref = PunktSentenceTokenizer(params)
    art = analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    for para in art.text.split("\n") + ['Mr. Lavrov said so. "No." He left (at 5 p.m.). J. F. Kennedy won 3.']:
        assert list(tok.span_tokenize(para)) == list(ref.span_tokenize(para))


def test_no_private_names_of_other_libraries():
    """The suite reads no private name of nltk, TextBlob or pandas (the vendored VADER owns its code)."""
    import re

    banned = re.compile(r"_lang_vars|\._params\b|_word_tokenizer_re|PunktToken\._RE_|nltk\.redos|"
                        r"from nltk import redos|textblob\._text|from textblob import _text|"
                        r"_from_arrays|_get_column_array|nltk_vader\(\)\._|\.lazydict")
    owned = ["analysis/sentiment", "analysis/resources.py", "analysis/article.py", "analysis/_vendor"]
    for root in owned:
        paths = [ROOT / root] if root.endswith(".py") else sorted((ROOT / root).rglob("*.py"))
        for path in paths:
            hits = banned.findall(path.read_text(encoding="utf-8"))
            assert not hits, (path, hits)


def test_exact_shortcuts_reproduce_their_references():
    """The speed-ups of score_sentences/speakers are exact: the learned-table sum without every
    bigram, the bootstrap's pairwise row sums and its sorted percentiles (numpy's bit for bit)."""
    import string

    from analysis.sentiment import bootstrap, scores

    art = analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt")
    alphabet = string.punctuation + "ab AB xD :) ( ! ) not very good bad but kind of never n't 's \u2019 \n\n...U.S. "
    texts = art.sentences.text.tolist() + _fuzz_texts(11, alphabet, 2000)
    table, negs = sentiment.word_weights(), sentiment.negators()
    for t in texts:
        ws = scores._WORD_FINDALL(sentiment.normalise(t).lower())
        assert scores._term_weight_sum(ws, negs, table) == math.fsum(table.get(w, 0.0) for w in scores._terms(ws, negs))

    gen = np.random.default_rng(4)
    # the bootstrap against its plain numpy form
    for n in (1, 2, 3, 5, 8, 12, 40, 150):
        v, w = np.round(gen.standard_normal(n), 4), gen.integers(0, 20, n).astype(float)
        idx = np.random.default_rng(99).integers(0, n, size=(sentiment.BOOTSTRAP_ROUNDS, n))
        got = bootstrap.bootstrap(v, w, 99)
        if n < 2:
            assert all(math.isnan(x) for pair in got for x in pair)
            continue
        vi, ww = v[idx], w[idx]
        tot = ww.sum(axis=1)
        wm = np.where(tot > 0, (vi * ww).sum(axis=1) / np.where(tot > 0, tot, 1), vi.mean(axis=1))
        (ml, mh), (sl, sh) = np.percentile(np.stack([vi.mean(axis=1), wm]), (2.5, 97.5), axis=1).T.tolist()
        # (mean interval, word-weighted interval); the sums run unit by unit (left to right) where
        # numpy's per-row sums are pairwise from 8 units on: equal up to float rounding
        assert np.allclose(np.array(got), [[ml, mh], [sl, sh]], rtol=0, atol=1e-12)
        if n < 8:
            assert got == ((ml, mh), (sl, sh))
        assert bootstrap.bootstrap(v, w, 99) == got  # the memoised draws give the same intervals
    # the percentiles from two one-index partitions are numpy's, ties and repeated values included
    rounds = sentiment.BOOTSTRAP_ROUNDS
    for rows in (gen.standard_normal((9, rounds)), np.round(gen.random((5, rounds)), 2), np.zeros((2, rounds))):
        want = np.percentile(rows, sentiment.BOOTSTRAP_PERCENTILES, axis=1)
        assert np.array_equal(bootstrap._percentiles(rows.copy()), want)


# ------------------------------------------------------------------------------------ toward
def test_toward_separates_targets_in_one_sentence():
    text = "Critics call Smith a corrupt liar and a disgrace, but Jones is a wonderful, honest leader."
    assert sentiment.toward(text, *span(text, "Smith")) < -0.05
    assert sentiment.toward(text, *span(text, "Jones")) > 0.05


# Short real-style sentences written for this test (no evaluation data): criticism, accusation,
# blame and failure read negative toward their target, praise positive, whatever else is said.
CRITICISM = [
    ("Christie has missed his opportunity.", "Christie"),
    ("The senator called the governor \u201cthe most wasteful and corrupt\u201d leader in the state\u2019s history.",
     "the governor"),
    ("\u201cGive me a break,\u201d the senator said of the governor, calling his administration the most wasteful "
     "and corrupt in history.", "the governor"),
    ("Senator Sweeney said the governor ran the most wasteful and corrupt administration in state history.",
     "the governor"),
    ("Critics accused the mayor of lying to voters.", "the mayor"),
    ("The report blamed the ministry for the delays.", "the ministry"),
]
PRAISE = [
    ("Residents praised the mayor for her quick response to the flood.", "the mayor"),
    ("The mayor won praise for her quick response to the flood.", "The mayor"),
    ("Kerry has done a brilliant job, the minister said.", "Kerry"),
]
PLACES = [
    ("In Beijing, officials announced a new trade policy.", "Beijing"),
    ("A Beijing-based analyst said the plan would fail.", "Beijing"),
    ("BEIJING (Reuters) - China reported higher exports on Monday.", "BEIJING"),
    ("BEIJING (Reuters) - China reported higher exports on Monday.", "Reuters"),
    ("London (CNN)It was the interview that was more explosive and damaging than many could have imagined.", "CNN"),
    ("By John Smith", "John Smith"),
]


@pytest.mark.parametrize("text, target", CRITICISM)
def test_criticism_reads_negative_toward_its_target(text, target):
    d = sentiment.toward_detail(text, *span(text, target))
    assert d["toward"] < -0.05 and d["label"] == -1 and d["no_target"] == ""
    assert d["evidence"], "a negative reading names the words behind it"
    for a, b, word, weight in d["evidence"]:
        assert text[a:b] == word and weight < 0


@pytest.mark.parametrize("text, target", PRAISE)
def test_praise_reads_positive_toward_its_target(text, target):
    d = sentiment.toward_detail(text, *span(text, target))
    assert d["toward"] > 0.05 and d["label"] == 1
    assert all(text[a:b] == w and weight > 0 for a, b, w, weight in d["evidence"]) and d["evidence"]


@pytest.mark.parametrize("text, target", PLACES)
def test_a_place_dateline_or_byline_is_no_target(text, target):
    d = sentiment.toward_detail(text, *span(text, target))
    assert d["no_target"] in ("location", "dateline", "byline") and d["toward"] == 0.0 and d["evidence"] == []


def test_a_place_named_as_an_actor_stays_a_target():
    text = "Officials in Beijing said Washington had betrayed its allies, while Beijing\u2019s envoy praised Moscow."
    assert sentiment.non_target(text, *span(text, "Washington")) == ""
    i = text.index("Beijing\u2019s")
    assert sentiment.non_target(text, i, i + 7) == ""  # a possessive: Beijing acts here
    assert sentiment.non_target(text, *span(text, "Beijing")) == "location"
    assert sentiment.non_target("They have confidence in Merkel.", 24, 30) == ""


def test_toward_uses_the_mention_sentence_and_survives_odd_input():
    text = "Smith is a corrupt liar. Jones is a wonderful, honest leader."
    assert sentiment.toward(text, *span(text, "Smith")) < -0.05 < 0.05 < sentiment.toward(text, *span(text, "Jones"))
    for args in (("", 0, 0), ("Smith", 0, 99), ("Smith", -5, 2), ("x" * 50000, 10, 20), ("\u201cWho?\u201d", 1, 4),
                 ("Lavrov said.", 5, 3), (None, 0, 1), ("a\nb", 1, 2), ("\u00e9\u00e8 don\u2019t", 0, 2)):
        v = sentiment.toward(*args)
        assert -1.0 <= v <= 1.0 and not math.isnan(v), args


def test_toward_is_its_detail_and_deterministic():
    text = "The brutal regime of Assad murdered civilians, while the aid workers saved lives."
    a, b = span(text, "Assad")
    d = sentiment.toward_detail(text, a, b)
    assert sentiment.toward(text, a, b) == d["toward"] < -0.05
    assert [w for _, _, w, _ in d["evidence"]] == ["brutal", "murdered"]
    assert sentiment.toward_detail(text, a, b) == d


# --------------------------------------------------------------------------- bundled article
@pytest.fixture(scope="module")
def tabs(bundled):
    return sentiment.tables(bundled)


def test_speaker_table_has_the_six_rows_and_lavrov_is_negative(tabs):
    sp = tabs["speakers"].set_index("speaker")
    assert set(SIX) <= set(sp.index)
    assert list(tabs["speakers"].speaker[-2:]) == ["reporter", "editorial"]
    assert sp.loc["Sergey Lavrov", "score"] < -0.05 and sp.loc["Sergey Lavrov", "mean"] < 0
    assert sp.loc["Sergey Lavrov", "utterances"] >= 5 and sp.loc["Sergey Lavrov", "words"] > 100
    assert sp.loc["reporter", "kind"] == sp.loc["editorial", "kind"] == "voice"
    for r in tabs["speakers"].itertuples():
        if r.utterances >= 2:
            assert r.score_low <= r.score <= r.score_high, r.speaker
            assert r.mean_low <= r.mean <= r.mean_high, r.speaker
        else:
            assert math.isnan(r.score_low) and math.isnan(r.score_high)


def test_speaker_table_is_deterministic(bundled, tabs):
    again = sentiment.speakers(analysis.load_article(bundled.source if Path(str(bundled.source)).is_file()
                                                     else ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"))
    assert again.equals(tabs["speakers"])
    assert sentiment.speakers(bundled).equals(tabs["speakers"])


def test_utterances_offsets_and_voice_text(bundled, tabs):
    u = tabs["utterances"]
    text = bundled.text
    assert all(text[r.start:r.end] == r.text for r in u.itertuples())
    for r in u.itertuples():
        parts = list(r.parts)
        assert len(parts) % 2 == 0 and all(r.start <= a < b <= r.end for a, b in zip(parts[::2], parts[1::2]))
    voice = u[u.kind == "voice"]
    assert set(voice.speaker) == {"reporter", "editorial"}
    # the reporter's attributions are the reporter's, the quoted words are not
    assert any(t == "Lavrov said" for t in voice.text)
    assert not any("absolute lack of logic" in t for t in voice.text)
    assert all(not t.startswith("Comment") for t in voice[voice.speaker == "editorial"].text)


def test_readings_and_evidence_in_the_article_tables(bundled, tabs):
    text = bundled.text
    sp = tabs["speakers"]
    assert set(sp.reading) <= set(sentiment.TONE_LABELS)
    assert sp.set_index("speaker").loc["Sergey Lavrov", "reading"] == "clearly negative"
    for r in sp.itertuples():
        assert r.reading == sentiment.tone_label(r.score, r.score_low, r.score_high)
    for name in ("toward", "toward_mentions"):
        t = tabs[name]
        assert set(t.reading) <= set(sentiment.TONE_LABELS), name
        for r in t.itertuples():
            spans = list(r.evidence_spans)
            words = [text[a:b] for a, b in zip(spans[::2], spans[1::2])]
            assert ", ".join(words) == r.evidence_words, (name, r)
    m = tabs["toward_mentions"]
    assert set(m.no_target) <= {"", "location", "dateline", "byline"}
    assert (m[m.no_target != ""].toward == 0).all()
    placed = m[m.no_target == "location"]
    t = tabs["toward"]
    assert not any(((t.actor == r.actor) & (t.start == r.start)).any() for r in placed.itertuples())


def test_the_tagger_keeps_every_token(bundled):
    """clause.tag gives one tag per token of its own (no alignment fallback) on real sentences."""
    from analysis.sentiment import clause

    for s in bundled.sentences.text:
        toks = clause.tokenize(s)
        assert len(clause._tagger().tag(" ".join(w for _, _, w in toks), tokenize=False)) == len(toks), s


def test_disagreements_are_opposite_signs(tabs):
    d = tabs["disagreements"]
    assert all((v > 0.05 and t < -0.05) or (v < -0.05 and t > 0.05) for v, t in zip(d.vader, d.textblob))
    sp = tabs["speakers"].set_index("speaker")
    assert int(sp.disagreements.sum()) == len(d)


def test_toward_table_lavrov_negative_about_washington(bundled, tabs):
    t = tabs["toward"]
    text = bundled.text
    row = t[(t.speaker == "Sergey Lavrov") & (t.actor == "United States")]
    assert len(row) == 1 and row.toward.iloc[0] < -0.05
    for r in t.itertuples():
        assert text[r.start:r.end] == r.mention
        assert text[r.evidence_start:r.evidence_end] == r.evidence
        assert r.evidence_start <= r.start < r.end <= r.evidence_end
        assert r.mentions == r.negative + r.neutral + r.positive
    m = tabs["toward_mentions"]
    said = [i for i in range(len(text)) if text.startswith("Lavrov said", i)]
    lav = m[m.start.isin(said)]
    assert len(lav) >= 3 and lav.attribution.all()  # "Lavrov said" is not the reporter's tone toward him
    spoke = m[m.start == text.index("Sergey Lavrov spoke")]
    assert len(spoke) == 1 and not spoke.attribution.iloc[0]


def test_tables_are_json_ready(bundled, tabs):
    from analysis import cli

    assert list(tabs) == ["speakers", "utterances", "toward", "disagreements", "toward_mentions"]
    for name, df in tabs.items():
        for c in df.columns:
            if c in ("start", "end", "words", "utterances", "mentions", "first_start"):
                assert str(df[c].dtype) == "int64", (name, c)
    doc = json.loads(cli.render(bundled, tabs, "json"))
    assert [r["speaker"] for r in doc["speakers"]] == list(tabs["speakers"].speaker)


def test_article_functions_take_odd_text():
    for text in ("", "Just one line without quotes.", "\"Unclosed quote by nobody", "Comment: we think so."):
        try:
            t = sentiment.tables(analysis.Article.from_text(text))
        except analysis.ArticleError:
            continue
        assert list(t)[0] == "speakers"


# ------------------------------------------------------------------------------- validation
def test_validation_figures_are_committed_and_meet_the_targets():
    v = json.loads((ROOT / "data" / "validation" / "sentiment.json").read_text(encoding="utf-8"))
    assert v["nyt_cv"]["full"]["by_article"][0] >= 0.52
    assert v["newsmtsc_dev"]["macro_f1_toward"] >= 0.60
    assert v["newsmtsc_train_cv"]["full"]["rw_weighted"] >= 0.60
    assert v["nyt_dev"]["textblob_identical_to_TextBlob_sentiment"] is True


# -------------------------------------------------------------------------------- notebook
def test_notebook_records_the_speakers(executed_notebooks):
    rec = executed_notebooks["02_sentiment_per_speaker"]
    rows = {r["speaker"]: r for r in rec["sentiment_speakers"]}
    assert set(SIX) <= set(rows)
    assert rows["Sergey Lavrov"]["score"] < 0
    assert rec["nyt_r_cv"] >= 0.52 and rec["newsmtsc_dev_macro_f1"] >= 0.55


def test_an_actor_named_twice_in_apposition_is_one_mention():
    a = Article.from_text("Officials criticised his mother, Diana, for the decision. Reporters praised Diana.",
                          name="t")
    t = sentiment.toward_table(a)
    assert t[t.actor == "Diana"].mentions.tolist() == [2]  # 'his mother, Diana' once, 'Diana' in the next sentence
