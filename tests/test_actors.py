"""Actors: who is named how, on the bundled article and on small texts written here."""
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import Article, actors

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"


@pytest.fixture(scope="module")
def art():
    return analysis.load_article(SEED)


@pytest.fixture(scope="module")
def mentions(art):
    return actors.find_mentions(art)


def span(art, phrase, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = art.text.index(phrase, i + 1)
    return i, i + len(phrase)


def row_at(mentions, art, phrase, nth=0):
    s, e = span(art, phrase, nth)
    hit = mentions[(mentions.start < e) & (mentions.end > s)]
    assert len(hit), f"no mention inside {phrase!r}"
    return hit.iloc[-1]


# ------------------------------------------------------------------------ offsets and shape
def test_every_mention_reproduces_its_text(art, mentions):
    assert len(mentions) > 50
    for r in mentions.itertuples():
        assert art.text[r.start:r.end] == r.mention
        if r.modifier_start >= 0:
            assert art.text[r.modifier_start:r.modifier_end] == r.modifier
            assert r.modifier_end <= r.start
        else:
            assert r.modifier == "" and r.modifier_end == -1


def test_mentions_do_not_overlap(mentions):
    ends = mentions.end.tolist()
    starts = mentions.start.tolist()
    assert all(e <= s for e, s in zip(ends, starts[1:]))


def test_columns_and_types(mentions, art):
    assert list(mentions.columns[:12]) == actors.MENTION_COLUMNS
    for c in ("start", "end", "modifier_start", "modifier_end", "paragraph", "sentence"):
        assert mentions[c].dtype == "int64"
    t = actors.actor_table(art)
    assert list(t.columns) == actors.ACTOR_COLUMNS
    assert set(actors.tables(art)) == {"mentions", "actors"}


# ------------------------------------------------------------------------ people in the article
@pytest.mark.parametrize("phrase", ["Foreign Minister Sergey Lavrov", "Lavrov", "the Russian FM",
                                    "Russian Foreign Minister Sergey Lavrov"])
def test_lavrov_is_one_speaker(art, phrase):
    s, e = span(art, phrase)
    assert actors.resolve(art, s, e) == "Sergey Lavrov"


def test_lavrov_role_and_forms(art):
    t = actors.actor_table(art).set_index("actor")
    assert t.at["Sergey Lavrov", "role"] == "Russian Foreign Minister"
    assert {"Sergey Lavrov", "Lavrov", "the Russian FM"} <= set(t.at["Sergey Lavrov", "aliases"])
    assert t.at["Sergey Lavrov", "mentions"] >= 7


def test_zakharova_role_and_gender(art):
    s, e = span(art, "the Foreign Ministry's spokesperson, Maria Zakharova")
    assert actors.resolve(art, s, e) == "Maria Zakharova"
    assert actors.resolve(art, *span(art, "Zakharova said")[:1], span(art, \
            "Zakharova said")[0] + 9) == "Maria Zakharova"
    t = actors.actor_table(art).set_index("actor")
    assert t.at["Maria Zakharova", "role"] == "Foreign Ministry spokesperson"
    assert t.at["Maria Zakharova", "gender"] == "female"
    assert actors.gender(art, "Maria Zakharova") == "female"


def test_peskov(art, mentions):
    assert actors.resolve(art, *span(art, "Kremlin spokesman Dmitry Peskov")) == "Dmitry Peskov"
    assert actors.resolve(art, *span(art, "Peskov said")[:1], span(art, "Peskov said")[0] + 6) == "Dmitry Peskov"
    t = actors.actor_table(art).set_index("actor")
    assert t.at["Dmitry Peskov", "role"] == "Kremlin spokesman"
    assert t.at["Dmitry Peskov", "gender"] == "male"
    # "Kremlin" inside his title is part of the role, not a mention of Russia
    s, e = span(art, "Kremlin spokesman")
    assert not ((mentions.actor == "Russia") & (mentions.start == s)).any()


def test_kerry(art):
    assert actors.resolve(art, *span(art, "Secretary of State John Kerry")) == "John Kerry"
    assert actors.resolve(art, *span(art, "Kerry was also")[:1], span(art, "Kerry was also")[0] + 5) == "John Kerry"
    assert actors.actor_table(art).set_index("actor").at["John Kerry", "role"] == "Secretary of State"


def test_assad_aliases_and_modifier(art, mentions):
    t = actors.actor_table(art).set_index("actor")
    assert {"Syria's president", "the Syrian leader", "Bashar Assad", "Assad"} <= set(t.at["Bashar Assad", "aliases"])
    r = row_at(mentions, art, "democratically-elected President Assad")
    assert (r.actor, r.mention) == ("Bashar Assad", "Assad")
    assert r.modifier == "democratically-elected President"
    assert art.text[r.modifier_start:r.modifier_end] == r.modifier


def test_isis_variants_and_labels(art, mentions):
    isis = mentions[mentions.actor == "Islamic State"]
    assert {"Islamic State", "ISIS", "IS", "ISIS/ISIL", "this dangerous phenomenon"} <= set(isis.mention)
    r = row_at(mentions, art, "Western proxy army ISIS")
    assert (r.mention, r.modifier, r.voice) == ("ISIS", "Western proxy army", "editorial")
    r = row_at(mentions, art, "the terrorist group Islamic State")
    assert (r.mention, r.modifier, r.voice) == ("Islamic State", "terrorist group", "report")


def test_places_and_institutions(art, mentions):
    def actor_of(phrase, nth=0):
        return row_at(mentions, art, phrase, nth).actor
    assert actor_of("Washington") == "United States"
    assert actor_of("US State Department") == "US State Department"
    assert actors.resolve(art, *span(art, "the US State Department")) == "US State Department"
    assert actor_of("US-led [anti-ISIS] coalition") == "US-led coalition"
    assert actor_of("Damascus") == "Syrian government"
    assert actor_of("Kiev") == "Ukraine"
    assert actor_of("Bulgaria") == "Bulgaria"
    assert row_at(mentions, art, "Washington vassal Bulgaria").modifier == "Washington vassal"
    assert actor_of("CENTCOM") == "CENTCOM"
    assert actor_of("DoD") == "Pentagon"
    assert actor_of("Al Nusra Front") == "Al Nusra Front"


def test_no_mention_for_unknown_span(art):
    assert actors.resolve(art, *span(art, "the phone")) is None


# ------------------------------------------------------------------------ small texts
def test_us_politics_names():
    text = ("Democratic nominee Hillary Clinton spoke in Ohio on Monday. Mrs. Clinton said she would win. "
            "Republican nominee Donald J. Trump answered. \"She is wrong,\" Mr. Trump said. Donald Trump left early, "
            "and the Democratic nominee stayed. Bill Clinton, her husband, did not speak. Mr. Clinton smiled.")
    a = Article.from_text(text, name="us")
    t = actors.actor_table(a).set_index("actor")
    assert {"Hillary Clinton", "Donald J. Trump", "Bill Clinton"} <= set(t.index)
    assert t.at["Hillary Clinton", "gender"] == "female"
    assert t.at["Donald J. Trump", "gender"] == "male"
    for phrase, who in [("Mrs. Clinton", "Hillary Clinton"), ("Mr. Trump", "Donald J. Trump"),
                        ("Donald Trump", "Donald J. Trump"), ("the Democratic nominee", "Hillary Clinton"),
                        ("Mr. Clinton", "Bill Clinton")]:
        i = text.index(phrase)
        assert actors.resolve(a, i, i + len(phrase)) == who, phrase


def test_appositive_after_and_spokeswoman():
    text = ("Jane Doerr, the company's spokeswoman, declined to comment. The spokeswoman later said the plan "
            "was final. Ms. Doerr added that talks would resume.")
    a = Article.from_text(text, name="apos")
    t = actors.actor_table(a).set_index("actor")
    assert t.at["Jane Doerr", "gender"] == "female"
    assert "spokeswoman" in t.at["Jane Doerr", "role"]
    i = text.index("The spokeswoman")
    assert actors.resolve(a, i, i + 15) == "Jane Doerr"
    assert t.at["Jane Doerr", "mentions"] == 3


def test_gender_from_pronoun():
    text = "Officials met Kowalczyk Anders on Monday, sources said. Later Anders said she would resign."
    a = Article.from_text(text, name="pron")
    t = actors.actor_table(a)
    assert t.loc[t.actor == "Kowalczyk Anders", "gender"].tolist() in ([], ["female"])


def test_title_case_headline_and_common_words():
    text = ("Donald Trump Urges Supporters To Vote Early.\n\nThe Commission on Presidential Debates said the "
            "presidential debate would go ahead, and Trump said he would attend.")
    a = Article.from_text(text, name="hl")
    people = actors.actor_table(a).query("kind == 'person'").actor.tolist()
    assert people == ["Donald Trump"]


def test_user_alias_file(tmp_path):
    text = "The Elysee Palace and Daech were named, and so was Lavrov."
    extra = tmp_path / "mine.csv"
    pd.DataFrame({"actor": ["France", "Islamic State", "Sergey Lavrov"], "alias": ["Elysee Palace", "Daech", "Lavrov"],
                  "kind": ["", "", "person"]}).to_csv(extra, index=False)
    a = Article.from_text(text, name="user")
    m = actors.find_mentions(a, aliases=extra)
    assert dict(zip(m.mention, m.actor)) == {"Elysee Palace": "France", "Daech": "Islamic State", \
            "Lavrov": "Sergey Lavrov"}
    assert m.set_index("mention").at["Daech", "kind"] == "armed_group"  # kind filled from the curated rows
    table = actors.alias_table(extra)
    assert {"actor", "alias", "kind", "role", "gender", "rationale", "source"} <= set(table.columns)


def test_curated_rows_have_rationale_and_source():
    t = actors.alias_table()
    assert (t.rationale.str.len() > 10).all() and (t.source.str.len() > 5).all()
    assert t.set_index("alias").at["Moscow", "actor"] == "Russia"
    assert set(t.match) <= {"word", "regex", "nocase"}
    roles = analysis.lexicons.load("roles")
    assert roles.set_index("title").at["FM", "canonical"] == "foreign minister"


@pytest.mark.parametrize("text", ["", "   ", "\u201c\u201d\u201c", "ISIS " * 5000, "Mr.", "the the the",
                                  "A" * 10000, "Lavrov said \"unbalanced", "\u00c9lys\u00e9e " + "\u2019" * 20])
def test_odd_text_never_crashes(text):
    m = actors.find_mentions(text)
    assert all(text[s:e] == x for s, e, x in zip(m.start, m.end, m.mention))


def test_deterministic(art):
    a2 = analysis.load_article(SEED)
    pd.testing.assert_frame_equal(actors.find_mentions(art), actors.find_mentions(a2))


def test_initials_particles_transcripts_and_nbsp():
    text = ("Rep.\u00a0G.K. Butterfield (D-N.C.) spoke first. Mayor Bill de Blasio answered. De Blasio said the city "
            "was safe.\n\nWALLACE: Is it?\n\nBUTTERFIELD: It is.\n\nSecretary\u00a0of\u00a0State\u00a0John\u00a0Kerry "
            "agreed.")
    a = Article.from_text(text, name="misc")
    t = actors.actor_table(a).set_index("actor")
    assert {"G.K. Butterfield", "Bill de Blasio", "John Kerry"} <= set(t.index)
    assert t.at["John Kerry", "role"].split() == ["Secretary", "of", "State"]
    for phrase, who in [("De Blasio", "Bill de Blasio"), ("BUTTERFIELD", "G.K. Butterfield")]:
        i = text.index(phrase)
        assert actors.resolve(a, i, i + len(phrase)) == who, phrase
    i = text.index("WALLACE")
    assert actors.resolve(a, i, i + 7) is None  # never introduced by name


def test_vice_nominee_is_a_different_office():
    text = ("Democratic vice presidential nominee Tim Kaine spoke on Monday. Later the Democratic presidential "
            "nominee was quoted, and the vice presidential nominee answered.")
    a = Article.from_text(text, name="vp")
    i = text.index("the Democratic presidential nominee")
    assert actors.resolve(a, i, i + len("the Democratic presidential nominee")) is None
    i = text.index("the vice presidential nominee")
    assert actors.resolve(a, i, i + len("the vice presidential nominee")) == "Tim Kaine"


def test_possessor_is_not_the_speaker():
    text = "Hillary Clinton\u2019s campaign manager Robby Mook said so on Monday."
    a = Article.from_text(text, name="poss")
    assert actors.resolve(a, 0, text.index(" said")) == "Robby Mook"
    assert actors.actor_table(a).set_index("actor").at["Robby Mook", "role"].endswith("campaign manager")


def test_short_given_names_are_one_person():
    a = Article.from_text("Climate scientist Jim Skea spoke on Monday. Later, James Skea said the goal was hard.")
    t = actors.actor_table(a)
    assert t.actor.tolist() == ["James Skea"] and t.mentions.tolist() == [2]
    # across articles, a comparison groups the two forms under one key
    assert actors.person_key("Jim Skea") == actors.person_key("James Skea") == "James Skea"
    assert actors.person_key("the report") == "the report"


def test_organisations_are_not_people():
    for name in ("United Nations", "New York Times", "Intergovernmental Panel on Climate Change", "Human Rights Watch"):
        assert actors.name_kind(name) == "organisation", name
    a = Article.from_text("The IPCC met in Incheon. The Bank of International Settlements said rates rise. The "
                          "Panel on Climate Change said so.")
    t = actors.actor_table(a)
    assert "Intergovernmental Panel on Climate Change" in set(t.actor)
    assert not ({"International Settlements", "Climate Change"} & set(t.actor))
    assert set(t[t.actor == "Intergovernmental Panel on Climate Change"].kind) == {"organisation"}


def test_labels_stop_at_quotations_sentence_ends_and_participles():
    a = Article.from_text('"We must prepare for larger impacts than we are already experiencing." Andrew Dessler, a '
                          'climate scientist, cast doubt on it. Howard Herzog is an engineer. The best way, he says, '
                          'is "to not release it into the air in the first place." Herzog calls the ideas bad. Bob '
                          'Inglis runs RepublicEn, a group urging Republicans to act. The fast-growing Islamic State '
                          'spread.')
    m = actors.find_mentions(a).set_index("mention")
    assert m.loc["Andrew Dessler", "modifier"] == "" and m.loc["Herzog", "modifier"] == ""
    assert m.loc["Republicans", "modifier"] == ""
    assert m.loc["Islamic State", "modifier"] == "fast-growing"
