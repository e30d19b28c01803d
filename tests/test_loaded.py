"""Loaded terms: matching (inflections, phrases, exact forms, patterns), offsets on odd text, the
bundled article per voice and per actor, concordance, keyness, lexicon hygiene, determinism,
speed, and the values notebook 03 records."""
from __future__ import annotations

import collections
import json
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import ArticleError, lexicons, loaded, resources
from analysis.loaded.voices import _attach

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = {"delegitimising label", "legitimising label", "violence/threat", "moral judgement", "deception",
              "intensifier/absolutist", "fear", "ridicule", "emotive verb"}


def terms(text):
    return [(r.match, r.term) for r in loaded.find_terms(text).itertuples()]


# ------------------------------------------------------------------------------ matching
@pytest.mark.parametrize("form", ["appease", "appeases", "appeased", "appeasing", "Appeasing", "APPEASEMENT"])
def test_inflections_match_the_stem_entry(form):
    assert terms(f"They kept {form} the aggressor.") == [(form, "appease")]


def test_multi_word_phrases_and_hyphens():
    assert terms("It was a grave mistake.") == [("grave mistake", "grave mistake")]
    assert terms("an upside-down logic") == [("upside-down", "upside down")]
    assert terms("the world turned upside down") == [("upside down", "upside down")]
    assert terms("the democratically-elected President") == [("democratically-elected", "democratically elected")]
    assert terms("democratically elected leaders") == [("democratically elected", "democratically elected")]


def test_wildcard_phrase_spans_one_to_three_words():
    assert terms("a move straight out of Dick Cheney's playbook") == [("out of Dick Cheney's playbook",
                                                                       "out of * playbook")]
    assert terms("right out of the playbook") == [("out of the playbook", "out of * playbook")]
    assert terms("out of a very old and dusty playbook") == []  # more than three words in between


def test_phrases_at_the_end_of_the_text():
    assert terms("out of Dick Cheney's playbook") == [("out of Dick Cheney's playbook", "out of * playbook")]
    assert terms("straight out of the") == []
    assert terms("an upside-") == []


def test_actor_attached_is_the_first_span_holding_the_hit():
    spans = sorted([(0, 10, "A", "mention"), (2, 4, "B", "modifier"), (5, 30, "C", "mention"), (12, 14, "D", "mention"),
                    (12, 13, "E", "modifier"), (40, 41, "F", "mention")])
    index = (spans, [max(b for _, b, _, _ in spans[:i + 1]) for i in range(len(spans))])
    for s in range(45):
        for e in range(s + 1, 46):
            first = next(((actor, how) for a, b, actor, how in spans if a <= s and e <= b), None)
            assert _attach(index, s, e) == first


def test_phrases_do_not_cross_punctuation():
    assert ("grave mistake", "grave mistake") not in terms("The grave. Mistake or not, they left.")
    assert "grave mistake" not in [t for _, t in terms("She stood by the grave, mistake or not.")]
    assert terms("the world, upside. Down below") == []


def test_exact_forms_avoid_stem_collisions():
    assert terms("A murderous attack.") == [("murderous", "murderous")]
    assert terms("The murder trial opened.") == []  # 'murderous' is exact: its stem would be 'murder'
    assert terms("An iconic photo.") == [("iconic", "iconic")] and terms("A religious icon.") == []
    # a row switched off is kept in the file but never matched; a user lexicon can switch it on
    assert terms("A deadly attack.") == []
    mine = pd.DataFrame({"term": ["deadly"], "category": ["fear"], "polarity": ["negative"], "match": ["exact"]})
    assert [r.match for r in loaded.find_terms("A deadly attack. The dead.", lexicon=mine).itertuples()] == ["deadly"]
    assert terms("They uttered a word.") == []  # 'utter'/'utterly' are exact
    assert terms("The law was passed.") == []  # 'lawful' is exact: its stem would be 'law'


def test_except_forms_leave_the_other_forms_of_the_stem():
    mine = pd.DataFrame({"term": ["aggression", "slam"], "category": ["violence/threat", "emotive verb"],
                         "polarity": ["negative"] * 2, "match": ["stem"] * 2,
                         "except_forms": ["aggression", "slammed"]})
    found = [r.match for r in loaded.find_terms("Aggression? An aggressive, AGGRESSION-driven move: they slam it, "
                                                "slammed it, SLAMMED it.", lexicon=mine).itertuples()]
    assert found == ["aggressive", "slam"]
    # the shipped rows: 'dangerous' is an exact form (its stem caught the plain noun 'danger'),
    # 'corrupt' keeps 'corruptly' while the offence 'corruption' is excepted
    assert terms("The danger is real.") == [] and terms("A dangerous phenomenon.") == [("dangerous", "dangerous")]
    assert terms("A corrupt, corruptly run deal.") == [("corrupt", "corrupt"), ("corruptly", "corrupt")]
    assert terms("He faces corruption charges.") == []


def test_learned_exact_forms_do_not_match_their_stem():
    df = lexicons.load("loaded_terms").set_index("term")
    assert df.loc["disturbing", "match"] == "exact" and df.loc["disturbing", "origin"] == "learned"
    assert terms("A disturbing trend.") == [("disturbing", "disturbing")]
    assert terms("Do not disturb; they were disturbed.") == []


def test_longest_match_wins_and_hits_never_overlap():
    hits = loaded.find_terms("It's a grave mistake and a very grave error of blatantly upside-down logic.")
    assert list(hits.term) == ["grave mistake", "very grave", "blatant", "upside down"]
    spans = list(zip(hits.start, hits.end))
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_columns_and_dtypes():
    hits = loaded.find_terms("A sham vote by a puppet regime.")
    assert list(hits.columns) == loaded.COLUMNS
    assert str(hits.start.dtype) == "int64" and str(hits.end.dtype) == "int64"
    empty = loaded.find_terms("Nothing loaded here.")
    assert list(empty.columns) == loaded.COLUMNS and empty.empty and str(empty.start.dtype) == "int64"


# ------------------------------------------------------------------------------- offsets
ODD = [
    "",
    "   \n\t ",
    "Kerry\u2019s \u201cappeasing\u201d of the \u201cpuppet\u201d regime \u2014 a sham!",
    "\"Unbalanced quote: a sham vote and a grave mistake",
    "Line one is brutal.\r\nLine two is absurd.\r\n",
    "Emoji 😀 then a sham 🎭 vote; Cyrillic Лавров called it absurd.",
    "İstanbul's puppet mayor; ß and ﬁ ligatures near a hoax.",
    "x" * 5000 + " a sham " + "y" * 5000,
    ("A brutal, absurd, disgraceful sham. " * 2000),
    "-- - -upside- -down- grave-mistake ---",
    "\x00\x01 control characters and a hoax \ufeff",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_offsets_reproduce_the_text_on_odd_input(text):
    hits = loaded.find_terms(text)
    for r in hits.itertuples():
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.match
    many = loaded.find_terms_many([text, text])
    assert len(many) == 2 * len(hits)


def test_none_is_empty_and_non_text_is_an_article_error():
    assert loaded.find_terms(None).empty
    with pytest.raises(ArticleError):
        loaded.find_terms(b"bytes are not text")


def test_batch_equals_one_call_per_text():
    texts = ["A sham vote.", "", "Nothing here.", "A grave mistake by a puppet regime.", "Appeasing thugs."]
    many = loaded.find_terms_many(texts)
    single = pd.concat([loaded.find_terms(t).assign(doc=i) for i, t in enumerate(texts)], ignore_index=True)
    assert many[["doc", *loaded.COLUMNS]].values.tolist() == single[["doc", *loaded.COLUMNS]].values.tolist()


# ------------------------------------------------------------------------ bundled article
EXPECTED = {  # surface form -> (lexicon entry, voice of the paragraph)
    "appeasing": ("appease", "report"), "grave mistake": ("grave mistake", "report"),
    "upside-down": ("upside down", "report"), "regimes": ("regime", "report"),
    "proxy": ("proxy", "editorial"), "puppet": ("puppet", "editorial"), "vassal": ("vassal", "editorial"),
    "out of Dick Cheney's playbook": ("out of * playbook", "editorial"),
    "democratically-elected": ("democratically elected", "report"), "dangerous": ("dangerous", "report"),
}


def test_bundled_article_expected_hits(bundled):
    hits = loaded.hits(bundled)
    found = {(r.text, r.term, r.voice) for r in hits.itertuples()}
    for text, (term, voice) in EXPECTED.items():
        assert (text, term, voice) in found, text
    for r in hits.itertuples():
        assert bundled.text[r.start:r.end] == r.text
    assert set(hits.category) <= CATEGORIES


def test_bundled_article_rates_by_voice(bundled):
    bv = loaded.by_voice(bundled).set_index("who")
    assert bv.loc["editorial", "per_1000_words"] > 1.5 * bv.loc["reporter", "per_1000_words"] > 0
    assert bv.loc["editorial", "hits"] >= 6
    assert bv.loc["total", "hits"] == len(loaded.hits(bundled)) == int(bv.hits.drop("total").sum())
    assert bv.loc["total", "words"] == len(resources.WORD_RE.findall(bundled.text))
    speakers = bv[bv.kind == "speaker"]
    assert len(speakers) >= 1 and speakers.hits.sum() >= 5, "quoted speech carries loaded terms of its own"
    # quoted speech never counts as the reporter's
    hits = loaded.hits(bundled)
    assert set(hits[hits.text == "upside-down"].who) != {"reporter"}


def test_bundled_article_terms_attached_to_actors(bundled):
    ba = loaded.by_actor(bundled)
    got = {(r.text, r.actor, r.how) for r in ba.itertuples()}
    assert ("proxy", "Islamic State", "modifier") in got
    assert ("vassal", "Bulgaria", "modifier") in got
    assert ("democratically-elected", "Bashar Assad", "modifier") in got
    for r in ba.itertuples():
        assert bundled.text[r.start:r.end] == r.text


def test_concordance_has_offsets_and_context(bundled):
    c = loaded.concordance(bundled, width=40)
    assert len(c) == len(loaded.hits(bundled))
    for r in c.itertuples():
        assert bundled.text[r.start:r.end] == r.match
        assert len(r.left) <= 40 + 3 and "\n" not in r.left + r.right
    row = c[c.match == "vassal"].iloc[0]
    assert row.left.endswith("Kiev joins Washington") and row.right.startswith("Bulgaria")


def test_keyness_log_likelihood_and_log_ratio(bundled):
    assert loaded.log_likelihood(10, 100, 1000, 1_000_000) == pytest.approx(71.36, abs=0.01)
    assert loaded.log_ratio(20, 10, 1000, 1000) == pytest.approx(1.0)
    k = loaded.keyness(bundled)
    assert (k.log_likelihood >= 3.84).all() and (k.log_ratio > 0).all()
    assert list(k.log_likelihood) == sorted(k.log_likelihood, reverse=True)
    assert k.iloc[0].word in {"isis", "syria"}
    for r in k.itertuples():
        assert bundled.text[r.first_start:r.first_end].lower().startswith(r.word)
    counts, total, path = loaded.reference_counts()
    assert total > 1_000_000 and counts["the"] > 50_000 and path.endswith("en-spelling.txt")


def test_tables_contract_and_determinism(bundled):
    t1 = loaded.tables(bundled)
    t2 = loaded.tables(analysis.load_article(ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"))
    assert list(t1)[:5] == ["hits", "by_voice", "by_actor", "concordance", "keyness"]
    for k in t1:
        pd.testing.assert_frame_equal(t1[k], t2[k])
    h = t1["hits"]
    assert {"start", "end", "term", "category", "voice", "speaker"} <= set(h.columns)
    assert not h[["start", "end"]].isna().any().any()


def test_tables_on_text_without_quotes_or_actors():
    a = analysis.Article.from_text("Officials met on Monday to talk about the budget and schools.\n\n"
                                   "Comment: A sham vote.")
    t = loaded.tables(a)
    assert t["hits"].who.tolist() == ["editorial"]
    assert t["by_voice"].set_index("who").loc["editorial", "hits"] == 1


# --------------------------------------------------------------------------------- lexicon
def test_lexicon_is_auditable_data():
    df = lexicons.load("loaded_terms")
    for col in ("term", "category", "polarity", "match", "status", "rationale", "source", "origin"):
        assert col in df.columns
    active = df[df.status != "off"]
    assert set(df.status) <= {"core", "on", "off"}
    assert set(df.origin) <= {"curated", "learned", "learned_babe"}
    off = df[df.status == "off"]
    assert (off.status_reason.str.strip() != "").all(), "every entry that is off says why"
    assert (df[df.status != "off"].status_reason.str.strip() == "").all()
    assert set(active.category) <= CATEGORIES
    assert set(df.match) <= {"stem", "exact"}
    excepted = df[df.except_forms.str.strip() != ""]
    assert all(len(loaded.term_pattern(t, m)) == 1 and m == "stem" and st != "core"
               for t, m, st in zip(excepted.term, excepted.match, excepted.status)), \
        "except_forms: single stem words, never core"
    assert (df.rationale.str.strip() != "").all() and (df.source.str.strip() != "").all()
    assert not (df.category == "unreviewed").any(), "every learned word was reviewed by hand"
    assert (df.term.str.split().str.len() <= 5).all(), "entries are words and short phrases, never sentences"
    assert set(df[df.category == "rejected"].status) <= {"off"}
    patterns = collections.Counter(loaded.term_pattern(t, m) for t, m in zip(active.term, active.match))
    assert not [p for p, n in patterns.items() if n > 1], "two active rows with the same pattern"
    assert len(active) >= 400


def test_core_entries_needed_by_the_bundled_article_stay_on():
    df = lexicons.load("loaded_terms").set_index("term")
    for term in ("appease", "grave mistake", "upside down", "proxy", "puppet", "vassal", "regime", "dangerous",
                 "democratically elected", "out of * playbook"):
        assert df.loc[term, "status"] == "core"


def test_validation_figures_are_committed():
    v = loaded.validation()
    data = v["json"]
    assert data["cross_validated"]["f1"] >= 0.40, "cross-validated F1 on PTC train"
    assert data["cross_validated"]["f1"] > data["flag_all"]["f1"] + 0.2
    assert data["in_sample"]["f1"] >= data["cross_validated"]["f1"]
    assert len(v["categories"]) >= 8


# ------------------------------------------------------------------------------ notebook
def test_notebook_records(executed_notebooks, bundled):
    rec = executed_notebooks["03_loaded_terms"]
    head = rec["headline"]
    assert head["editorial per 1,000 words"] > head["reporter per 1,000 words"] > 0
    assert head["loaded terms"] == len(loaded.hits(bundled))
    rates = {r["who"]: r for r in rec["rates_by_voice"]}
    assert {"reporter", "editorial", "total"} <= set(rates)
    assert rec["rates"]["editorial"] == rates["editorial"]["per_1000_words"]
    assert rec["rates"]["speakers"], "each quoted speaker's rate is shown separately"
    assert rec["hit_counts"]["total"] == head["loaded terms"]
    assert rec["hit_counts"]["editorial"] >= 6
    assert rec["validation"][0]["f1"] == head["validation F1 (PTC, 5-fold CV)"]
    assert {"actor": "Bulgaria", "term": "vassal", "category": "delegitimising label", "how": "modifier",
            "who": "editorial"} in rec["by_actor"]


def test_notebook_does_not_read_shared_data():
    nb = json.loads((ROOT / "notebooks" / "03_loaded_terms.ipynb").read_text(encoding="utf-8"))
    src = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "shared" not in src and "eval" not in src


# ------------------------------------------------------------------------ context rules
def test_factual_uses_of_charged_words_flag_nothing():
    for text in ("Gross domestic product rose 2.1% in the third quarter.",
                 "Justice Smith wrote the majority opinion.",
                 "Exporters must meet the EU's standards regime by March.",
                 "The sanctions regime on Iran was extended.",
                 "She was diagnosed with breast cancer last year; cancer patients wait longer.",
                 "Farmers slaughtered 40,000 chickens after the bird flu outbreak.",
                 "Millions of chickens were slaughtered.",
                 "Thousands marched against police brutality on Saturday.",
                 "He was charged under the Foreign Corrupt Practices Act.",
                 "The radio host Michael Savage said so.",
                 "Nobody knows what lies ahead; the problem lies in the budget.",
                 "He was convicted of lying to Congress; a hostile takeover bid failed.",
                 "Guns were moved out of the so-called Demilitarized Zone after the 'sunset' clause.",
                 "Experts study online radicalization.",
                 "Britain declared war on Germany; analysts wrote about the war on ISIS."):
        assert terms(text) == [], text
    assert terms("He lies to voters.") == [("lies", "lie")]
    assert terms("The so-called experts and radical leftists.") == [("so-called", "so-called"), ("radical", "radical"),
                                                                     ("leftists", "leftist")]


def test_plainly_loaded_words_flag():
    assert terms("The most wasteful and corrupt governor ever.") == [("wasteful", "wasteful"), ("corrupt", "corrupt")]
    found = [t for _, t in terms("Their war on coal, a toothless watchdog, lousy roads and white elephants.")]
    assert found == ["war on", "toothless", "lousy", "white elephant"]
    found = [t for _, t in terms("The regime slaughtered civilians; a gross abuse; corruption is a cancer on society.")]
    assert found == ["regime", "slaughter", "gross", "a cancer on|in|of|to|within"]


def test_names_and_short_quotations():
    # a capitalised epithet before a first name is not a title: it stays loaded
    assert terms("He spoke of Crooked Hillary again.") == [("Crooked", "crook")]
    # someone else's word in a short quotation is reported, not the writer's own; a longer quotation keeps it
    assert terms('Trump called the ad "racist" on Monday.') == []
    assert terms('She said: "This is a racist and corrupt policy."') == [("racist", "racist"), ("corrupt", "corrupt")]


def test_neutral_phrases_are_data_with_reasons():
    df = lexicons.load("loaded_neutral")
    assert {"term", "match", "protects", "rationale", "source"} <= set(df.columns)
    assert (df.rationale.str.strip() != "").all() and (df.source.str.strip() != "").all()
    comp = loaded.lexicon()
    assert comp.neutral == len(df) and not any(e[1] == "neutral" for e in comp.entries[comp.neutral:])


@pytest.mark.parametrize("text", [
    "Washington has long called for regime change in Iran.",  # a policy's name
    "The island lies off the coast; the city lies along the river.",  # 'lie' as 'be situated'
    "Its origins lie in the riots of 1969; the answer lies at the heart of the budget.",
    "The senator will lie in state; gunmen were lying in wait.",
    "The new strain is more dangerous; officials warned of a dangerous measles epidemic.",  # risk, not a label
    "Guns may be taken from people deemed dangerous or potentially dangerous.",
    "Dangerous weather and dangerous roads closed the pass.",
    "The download left a corrupted file; he admitted making corrupt payments.",  # technical and legal senses
    "He was convicted of treason in 1951 and accused of high treason.",  # the charge in a court report
    "Philosophers ask about the problem of evil and the choice between good and evil.",  # the moral concept
    "Anti-fascist groups marched; a non-violent protest followed.",  # the compound names what is opposed
])
def test_context_rules_leave_factual_uses_out(text):
    assert terms(text) == []


def test_the_same_words_stay_loaded_in_their_loaded_uses():
    assert [t for _, t in terms("The regime lied; he lies to voters.")] == ["regime", "lie", "lie"]
    assert [t for _, t in terms("A dangerous idea from an evil man.")] == ["dangerous", "evil"]
    assert [t for _, t in terms("They are corrupt and treasonous liars.")] == ["corrupt", "treasonous", "liar"]


def test_idioms_of_political_rhetoric_flag_as_one_term():
    assert terms("It was all smoke and mirrors.") == [("smoke and mirrors", "smoke and mirrors")]
    assert terms("They threw their allies under the bus.") == [
        ("threw their allies under the bus", "throw|throws|threw|thrown|throwing * under the bus")]
    assert terms("Riots wreaked havoc across the city.") == [
        ("wreaked havoc", "wreak havoc|devastation|destruction|chaos|carnage|mayhem")]
    assert [t for _, t in terms("A slippery slope; Congress kicked the can down the road.")] == [
        "slippery slope", "kick the can down"]


def test_a_hit_inside_a_hyphenated_compound_is_the_whole_compound():
    text = "Propaganda-laced fluff from pro-fascist writers."
    hits = loaded.find_terms(text)
    assert list(zip(hits.match, hits.term)) == [("Propaganda-laced", "propaganda"), ("pro-fascist", "fascist")]
    assert [text[s:e] for s, e in zip(hits.start, hits.end)] == list(hits.match)
    assert [m for m, _ in terms("Evil-doers, evil-evil men.")] == ["Evil-doers", "evil-evil"]  # one hit per compound


@pytest.mark.parametrize("text, label", [
    ("Critics portrayed him as a racist.", "racist"),
    ("After years of being berated as racist or ignorant, he won.", "racist"),
    ("Democrats demonized Republicans as racists.", "racists"),
    ("She was accused of being cruel.", "cruel"),
    ("They kept calling him a liar.", "liar"),
    ("A rapporteur called the report a whitewash.", "whitewash"),
])
def test_labels_the_text_attributes_to_someone_else_are_not_the_writers(text, label):
    assert loaded.find_terms(label).shape[0] == 1, "the label flags on its own"
    assert label not in [m for m, _ in terms(text)], text


def test_labels_the_writer_adopts_stay_loaded():
    assert [t for _, t in terms("What can only be described as a disgrace.")] == ["disgrace"]
    assert [t for _, t in terms("We see this as a sham.")] == ["sham"]
    assert [t for _, t in terms("They called out the liars.")] == ["liar"]  # 'called out' is not naming
    assert [t for _, t in terms("He is a racist, as everyone knows.")] == ["racist"]


def test_alternatives_never_hold_a_hyphenated_word():
    # a hyphenated word is two tokens: among a|b alternatives it could never match one position
    for name in ("loaded_terms", "loaded_neutral"):
        df = lexicons.load(name)
        bad = [t for t in df.term if any("|" in w and "-" in w for w in t.split())]
        assert not bad, (name, bad)
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_loaded_lexicon
    assert build_loaded_lexicon.lint(lexicons.load("loaded_terms")) == []


def test_context_cues_are_data_with_reasons():
    df = lexicons.load("loaded_context")
    assert set(df.rule) == {"label_as", "label_call", "particle", "adopt"}
    assert (df.rationale.str.strip() != "").all() and (df.source.str.strip() != "").all()


def test_an_exact_form_row_leaves_the_other_forms_of_its_stem_to_the_learner():
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_loaded_lexicon as build
    rows = pd.DataFrame({"term": ["outrageous", "deadly", "sham"], "match": ["exact", "exact", "stem"],
                         "status": ["on", "off", "on"]})
    keys = build.covered_keys(rows)
    assert "outrageous" in keys and loaded.stem("outrage") not in keys  # active exact row: its form only
    assert loaded.stem("dead") in keys  # a row switched off also keeps its stem from the learner
    assert "sham" in keys


def test_reactions_dramatised_as_outrage_or_shock_flag():
    assert [t for _, t in terms("The ruling sparked outrage; residents were shocked.")] == ["outrage", "shocking"]
    assert terms("A candle wick; a bashful smile.") == []  # rejected stems of the exact rows 'wicked' and 'bashing'
    assert terms("She took to Twitter to bash the plan.") == [("bash", "bash|bashes")]


def test_the_writers_comment_and_the_plain_feeling():
    assert terms("Sadly, too many people want amnesty.") == [("Sadly", "sadly")]
    assert terms("He was afraid of making his parents sad.") == []  # a feeling described, not the writer's comment
    assert terms("A hostile act.") == [("hostile", "hostile")]
    assert terms("Hostility toward Jews rose; the end of hostilities.") == []  # the nouns name what reports describe
