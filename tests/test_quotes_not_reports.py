"""Who says what: sentences that look like reports of speech but report nobody's words."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from analysis import Article, quotes
from analysis.quotes import clause_end


def speakers(text: str) -> list[tuple[str, str]]:
    df = quotes.find_quotes(Article.from_text(text, name="t"))
    return [(str(r.speaker), text[r.start:r.end]) for r in df.itertuples()]


@pytest.mark.parametrize("text", [
    # the writer guesses at a state of mind: nobody is reported
    "These Iowa and New Hampshire Democratic officials probably both expected and hoped that the party's "
    "voters would eventually move away from Biden and Sanders.",
    "The senators presumably believe that the bill will pass before the recess.",
    # a speech verb with a thing as its object names an act or a thing, not words
    "Several of the cities run by mayors who have endorsed Bloomberg have received money from Bloomberg's "
    "various philanthropic projects, some of which invest millions of dollars in initiatives at the city level.",
    # a capitalised cue word inside a sentence is part of a name ('Hope Not Hate'), not a verb
    "Anti-fascism campaigners Hope Not Hate had campaigned for the pair to not be allowed into the UK.",
])
def test_no_report(text):
    assert speakers(text) == []


def test_belief_reported_without_the_writers_guess():
    got = speakers("Party officials hoped that the voters would move away from Biden and Sanders.")
    want = [("party officials", "that the voters would move away from Biden and Sanders")]
    assert [(s.lower(), t) for s, t in got] == want


def test_quotation_after_the_cues_phrase_belongs_to_the_next_speaker():
    text = ('Asked why Charles was not answering the phone, Harry suggested it was because he '
            '"took matters into my own hands."')
    got = speakers(text)
    assert [s for s, _ in got] == ["Harry"]
    assert "took matters into my own hands" in got[0][1]


# the lead of a later speaker's own clause, as a regular expression anchored at the end (the specification
# that clause_end.own_speaker_lead implements by reading back from the end)
_LEAD_SPEC = re.compile(
    r"(?:[,;][\"'\u201d\u2019]*\s*(?:(?:and|but|while|whereas)\s+)?|(?<![,;])\s+(?:and|but|while|whereas)\s+)$")


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.text(alphabet=" ,;\"'\u201d\u2019\nabdnwhilesrxBD.", max_size=30), st.integers(0, 5))
def test_own_speaker_lead_matches_its_specification(text, a):
    a = min(a, len(text))
    m = _LEAD_SPEC.search(text, a, len(text))
    assert clause_end.own_speaker_lead(text, a, len(text)) == (m.start() if m else None)


def test_many_cues_in_one_sentence_stay_fast():
    # 400 cue words in one clause: each reported clause looks a bounded way ahead for a later speaker
    base = "The minister said that Washington is making a grave mistake by appeasing terrorists in Syria and "
    text = base + "told " * 400 + "Kerry said it was not moderate, and Lavrov said the war was a mistake."
    df = quotes.find_quotes(Article.from_text(text, name="t"))
    assert (df.end <= len(text)).all()
