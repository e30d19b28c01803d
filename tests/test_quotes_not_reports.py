"""Who says what: sentences that look like reports of speech but report nobody's words."""
from __future__ import annotations

import pytest

from analysis import Article, quotes


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
