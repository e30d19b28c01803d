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
