"""The live controls' plain parts: filtering, searching and sorting a table, saving an upload, and
never creating a control outside a live JupyterLab session."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import live, quotes, sentiment


@pytest.fixture(scope="module")
def utterances(bundled):
    return sentiment.tables(bundled)["utterances"]


def test_filter_by_speaker_keeps_that_speakers_rows_in_order(utterances):
    rows = live.filter_table(utterances, {"speaker": "Maria Zakharova"})
    assert len(rows) == (utterances.speaker == "Maria Zakharova").sum() > 0
    assert list(rows.index) == sorted(rows.index)
    assert len(live.filter_table(utterances, {"speaker": live.ALL})) == len(utterances)


def test_search_and_sort(utterances, bundled):
    rows = live.filter_table(utterances, query="MISTAKE")
    assert len(rows) and all("mistake" in t.lower() for t in rows.text)
    by_words = live.filter_table(utterances, sort="words", ascending=False)
    assert list(by_words.words) == sorted(utterances.words, reverse=True)
    assert live.filter_table(utterances, {"speaker": "nobody"}).empty


def test_headless_gets_the_table_itself(bundled, monkeypatch):
    table = quotes.speaker_table(bundled)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert live.is_live(None) is False and live.is_live(False) is False
    assert live.table(table, by=["speaker"]) is table
    assert live.table(table, by=["speaker"], interactive=False) is table
    choice = live.article_picker("../data/raw/x.txt")
    assert choice.path == "../data/raw/x.txt"
    assert live.view(lambda who: f"view of {who}", ["a", "b"]) == "view of None"


def test_a_session_name_alone_is_not_a_live_kernel(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "/tmp/some.ipynb")
    assert live.is_live(None) is False  # no IPython kernel in this process
    assert live.is_live(False) is False


def test_save_upload_keeps_files_apart_and_refuses_bad_input(tmp_path, bundled_path):
    data = bundled_path.read_bytes()
    first = live.save_upload("story.txt", data, tmp_path)
    assert first.read_bytes() == data
    assert live.save_upload("story.txt", data, tmp_path) == first, "the same file twice is one file"
    other = live.save_upload("story.txt", data.replace(b"Lavrov", b"Lawrow"), tmp_path)
    assert other.name == "story-2.txt" and first.read_bytes() == data
    with pytest.raises(ValueError, match="txt or .html"):
        live.save_upload("story.pdf", data, tmp_path)
    with pytest.raises(ValueError):
        live.save_upload("empty.txt", b"   \n", tmp_path)
    assert not (tmp_path / "empty.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story-2.txt", "story.txt"]


def test_filter_table_on_mixed_columns():
    df = pd.DataFrame({"speaker": ["A", "B"], "aliases": [["A", "Mr A"], ["B"]], "score": [0.1, None]})
    assert live.filter_table(df, query="mr a").speaker.tolist() == ["A"]
    assert live.filter_table(df, sort="score").speaker.tolist() == ["A", "B"]
