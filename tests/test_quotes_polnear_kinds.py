"""Reported speech whose content runs past the first phrase of the object: an 'as' complement that says
what the object is called or taken for, and a second 'that' clause of the same report (short texts
written for the test)."""
from analysis import Article
from analysis.quotes import find_quotes


def _texts(text):
    df = find_quotes(Article.from_text(text))
    return {(r.speaker, r.text) for r in df.itertuples()}


def test_as_complement_belongs_to_the_judgment():
    got = _texts("Mr. Lyle described the dinner as Washington celebrating itself.")
    assert ("Lyle", "the dinner as Washington celebrating itself") in {(s.split()[-1], t) for s, t in got}


def test_as_complement_in_quotation_marks():
    df = find_quotes(Article.from_text("Senator Ann Kerr slammed the proposal as \u201creprehensible\u201d on Monday."))
    assert any(t.startswith("the proposal as \u201creprehensible") for t in df.text)


def test_as_opening_a_clause_is_no_complement():
    df = find_quotes(Article.from_text("Mayor Dana Pell praised the volunteers as she left the shelter on Friday."))
    assert not any("she left" in t for t in df.text)


def test_as_well_as_is_no_complement():
    df = find_quotes(Article.from_text("Governor Tim Ross criticized the budget as well as the tax plan on Tuesday."))
    assert all(not t.startswith("the budget as") for t in df.text)


def test_but_that_continues_the_report():
    df = find_quotes(Article.from_text(
        "The mayor, Ellen Ward, said that the plan was sound, but that the city could not pay for it this year."))
    assert "that the plan was sound, but that the city could not pay for it this year" in set(df.text)


def test_but_without_that_ends_the_report():
    df = find_quotes(Article.from_text(
        "The mayor, Ellen Ward, said that the plan was sound, but the council voted it down on Tuesday."))
    assert "that the plan was sound" in set(df.text)


def test_report_goes_on_past_an_aside_between_dashes():
    df = find_quotes(Article.from_text(
        "Governor Ray Cole argued that his rating is far higher \u2014 despite winning only Ohio so far \u2014 "
        "and that he can win in November."))
    assert any(t.endswith("and that he can win in November") for t in df.text)


def test_report_ends_at_a_single_dash_before_an_appositive():
    df = find_quotes(Article.from_text(
        "Mr. Hale said that he would meet the anchor \u2014 a play on words with the phrase used by his critics."))
    assert "that he would meet the anchor" in set(df.text)


def test_source_with_a_postmodifier_before_its_cue():
    df = find_quotes(Article.from_text(
        "Cruz will be re-evaluating how he approaches his colleagues, a source close to him said."))
    row = df[df.text.str.startswith("Cruz will be re-evaluating")]
    assert len(row) == 1 and row.iloc[0].speaker_mention.lower().startswith("a source")


def test_source_with_a_place_adverb_before_its_cue():
    df = find_quotes(Article.from_text("Her campaign workers here said they have been working the state since spring."))
    assert "they have been working the state since spring" in set(df.text)


def test_final_attribution_before_a_semicolon():
    df = find_quotes(Article.from_text(
        "Candidates need about 40 percent of the Hispanic vote, political analysts say; "
        "in 2012, Mitt Romney fell short."))
    assert "Candidates need about 40 percent of the Hispanic vote" in set(df.text)


def test_final_attribution_told_a_named_outlet():
    df = find_quotes(Article.from_text(
        "He flew with EgyptAir for years. "
        "Shoukair was kind and responsible, an airport official told The New York Times."))
    assert "Shoukair was kind and responsible" in set(df.text)
    assert "The New York Times" not in set(df.text)


def test_base_form_after_and_is_a_verb_of_the_report():
    df = find_quotes(Article.from_text("Senator Ames said he would sit the envoy down and tell him to stop the tests."))
    assert "he would sit the envoy down and tell him to stop the tests" in set(df.text)


def test_past_form_after_and_is_a_second_report():
    df = find_quotes(Article.from_text("Senator Ames said the plan was dead and warned that it would fail."))
    assert {"the plan was dead", "that it would fail"} <= set(df.text)


def test_contracted_has_after_a_pronoun_is_no_passive():
    df = find_quotes(Article.from_text(
        "Look at Speaker Paul Ryan. He's said he gets his ideas about money from a speech in a novel."))
    row = df[df.text.str.startswith("he gets his ideas")]
    assert len(row) == 1 and row.iloc[0].speaker == "Paul Ryan" and row.iloc[0].speaker_mention == "He"


def test_contracted_is_before_said_to_stays_a_passive():
    df = find_quotes(Article.from_text("Look at Speaker Paul Ryan. He\u2019s said to be furious with the party."))
    assert len(df) == 0


def test_relative_clause_after_an_inverted_speaker_is_no_content():
    df = find_quotes(Article.from_text(
        "The host group is $9 million short, said former governor Ed Rendell, who chairs the host committee."))
    assert "The host group is $9 million short" in set(df.text)


def test_appositive_and_relative_after_an_inverted_speaker_are_no_content():
    df = find_quotes(Article.from_text(
        "Tariffs will not bring these jobs back, said David Autor, a professor at M.I.T., who studies trade."))
    assert "Tariffs will not bring these jobs back" in set(df.text)
