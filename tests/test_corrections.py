"""Corrections to who says what: the CSV reader's one-line errors, the pure function over the
utterance columns, the article that carries them, the command line, and the end-to-end effect on
the sentiment and loaded-term tables (a reassigned utterance moves its words, tone and loaded terms
to the new speaker's row)."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import analysis
from analysis import Article, corrections, loaded, quotes, sentiment
from analysis.errors import ArticleError

ROOT = Path(__file__).resolve().parent.parent
LAVROV_DIRECT = (427, 638)  # '"Kerry was also pushing the very strange idea ...', a direct quote of Sergey Lavrov


def write(tmp_path, text: str, name: str = "fix.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- reading
@pytest.mark.parametrize("body, message", [
    ("begin,end,speaker\n1,2,X\n", "bad header"),
    ("start,end\n1,2\n", "bad header"),
    ("start,end,speaker,colour\n1,2,X,red\n", "bad header"),
    ("start,end,speaker\none,2,X\n", "line 2: start and end must be whole numbers"),
    ("start,end,speaker\n5,5,X\n", "line 2: start 5 is not before end 5"),
    ("start,end,speaker\n-3,5,X\n", "line 2: start -3 is negative"),
    ("start,end,speaker\n1,5,\n", "line 2: no speaker"),
    ("start,end,speaker,kind\n1,5,X,quoted\n", "line 2: kind 'quoted' is not one of"),
    ("start,end,speaker\n1,5,X\n1,5,Y\n", "line 3: the span 1-5 is corrected twice (also line 2)"),
    ("start,end,speaker\n1,5,X,Y\n", "line 2: 1 more field(s) than the header"),
    ("", "empty corrections file"),
])
def test_bad_files_give_one_line_errors(tmp_path, body, message):
    p = write(tmp_path, body)
    with pytest.raises(ArticleError) as e:
        corrections.read_corrections(p)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_reader_accepts_bom_optional_columns_and_blank_lines(tmp_path):
    p = write(tmp_path, "\ufeffStart,End,Speaker,Kind,note\n\n10,20,\"Lavrov, Sergey\",direct,checked\n30,40,-,,\n")
    rows = corrections.read_corrections(p)
    assert [(c.start, c.end, c.speaker, c.kind, c.line) for c in rows] == [(10, 20, "Lavrov, Sergey", "direct", 3),
                                                                          (30, 40, "-", "", 4)]


def test_offsets_are_checked_against_the_article(tmp_path, bundled_path, bundled):
    n = len(bundled.text)
    p = write(tmp_path, f"start,end,speaker\n{n - 5},{n + 10},Someone\n")
    with pytest.raises(ArticleError, match="offsets out of range"):
        analysis.load_article(bundled_path, corrections=p)
    p = write(tmp_path, "start,end,speaker,text\n427,638,Dmitry Peskov,Something else entirely\n")
    with pytest.raises(ArticleError, match="its text does not match the article"):
        analysis.load_article(bundled_path, corrections=p)
    with pytest.raises(ArticleError, match="no such corrections file"):
        analysis.load_article(bundled_path, corrections=tmp_path / "missing.csv")
    # the text column, when it matches (white space aside), is accepted
    text = " ".join(bundled.text[427:638].split())
    p = write(tmp_path, f'start,end,speaker,text\n427,638,Dmitry Peskov,"{text}"\n')
    assert analysis.load_article(bundled_path, corrections=p).corrections[0].speaker == "Dmitry Peskov"


def test_the_article_carries_its_corrections_and_pickles_with_them(tmp_path, bundled_path):
    p = write(tmp_path, "start,end,speaker\n427,638,Dmitry Peskov\n")
    a = analysis.load_article(bundled_path, corrections=p)
    assert a.corrections == (corrections.Correction(427, 638, "Dmitry Peskov", "", None, 2),)
    assert pickle.loads(pickle.dumps(a)).corrections == a.corrections
    assert analysis.load_article(bundled_path).corrections == ()
    assert Article.from_text("Kerry said so.", corrections="").corrections == ()


# --------------------------------------------------------------------------- applying (pure)
TEXT = 'Lavrov said Washington erred. "We help Syria," Zakharova told reporters. He added that talks go on.'


def columns():
    q = quotes.utterance_columns(Article.from_text(TEXT))
    return {k: list(v) for k, v in q.items()}


def spans(cols):
    return list(zip(cols["speaker"], cols["kind"], cols["start"], cols["end"]))


def test_reassign_remove_and_add():
    cols = columns()
    before = spans(cols)
    direct = next((s, e) for _, k, s, e in before if k == "direct")
    assert TEXT[direct[0]:direct[1]] == "We help Syria"
    c = [corrections.Correction(*direct, "Sergey Lavrov"),                     # reassign
         corrections.Correction(*next((s, e) for _, _, s, e in before if s < direct[0]), "-"),  # remove the first
         corrections.Correction(TEXT.index("talks"), len(TEXT) - 1, "Maria Zakharova")]  # add (replaces an overlap)
    out = corrections.apply_corrections(cols, TEXT, c)
    assert cols == columns(), "the input columns are not changed"
    got = spans(out)
    assert ("Sergey Lavrov", "direct", *direct) in got
    assert all(s >= direct[0] for _, _, s, _ in got), "the first utterance is removed"
    assert got[-1] == ("Maria Zakharova", "indirect", TEXT.index("talks"), len(TEXT) - 1)
    assert [s for _, _, s, _ in got] == sorted(s for _, _, s, _ in got)
    i = out["start"].index(direct[0])
    assert out["how"][i] == "correction" and out["confidence"][i] == 1.0 and out["speaker_mention"][i] == ""
    assert set(map(len, out.values())) == {len(got)}
    for s, e, t in zip(out["start"], out["end"], out["text"]):
        assert TEXT[s:e] == t


def test_added_kind_follows_quotation_marks_and_unmatched_removal_warns():
    text = 'The minister spoke. "Nothing will change," a source close to him said. Prices will rise.'
    s = text.index("Nothing")
    out = corrections.apply_corrections({k: [] for k in quotes.UTTERANCE_COLUMNS}, text,
                                        [corrections.Correction(s, text.index(",", s), "Anonymous source"),
                                         corrections.Correction(text.index("Prices"), len(text) - 1, "Minister")])
    assert out["kind"] == ["direct", "indirect"] and out["speaker_start"] == [-1, -1]
    assert out["parts"][0] == [s, text.index(",", s)]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        corrections.apply_corrections(columns(), TEXT, [corrections.Correction(0, 5, "-")])
    assert any(issubclass(x.category, corrections.CorrectionWarning) and "nothing removed" in str(x.message) for x in w)


# --------------------------------------------------------------------------- end to end
def _tables(article):
    return (sentiment.tables(article)["speakers"].set_index("speaker"),
            loaded.tables(article)["by_voice"].set_index("who"))


def _check_moved(before, after):
    (sb, lb), (sa, la) = before, after
    assert sa.loc["Dmitry Peskov", "utterances"] == sb.loc["Dmitry Peskov", "utterances"] + 1
    assert sa.loc["Sergey Lavrov", "utterances"] == sb.loc["Sergey Lavrov", "utterances"] - 1
    assert sa.loc["Dmitry Peskov", "words"] > sb.loc["Dmitry Peskov", "words"] + 30
    assert sa.loc["Dmitry Peskov", "score"] != sb.loc["Dmitry Peskov", "score"]
    # "very strange" (ridicule) is in the moved quote: Peskov's loaded hits go up, Lavrov's down
    assert la.loc["Dmitry Peskov", "hits"] == lb.loc["Dmitry Peskov", "hits"] + 1
    assert la.loc["Sergey Lavrov", "hits"] == lb.loc["Sergey Lavrov", "hits"] - 1


def test_corrections_move_tone_words_and_loaded_terms(tmp_path, bundled_path):
    p = write(tmp_path, "start,end,speaker\n%d,%d,Dmitry Peskov\n" % LAVROV_DIRECT)
    before = _tables(analysis.load_article(bundled_path))
    _check_moved(before, _tables(analysis.load_article(bundled_path, corrections=p)))


def _cli(*args) -> dict:
    p = subprocess.run([sys.executable, "-m", "analysis", *args, "--format", "json"], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_corrections_change_the_cli_tables(tmp_path, bundled_path):
    import pandas as pd

    p = write(tmp_path, "start,end,speaker\n%d,%d,Dmitry Peskov\n" % LAVROV_DIRECT)
    out = []
    for extra in ((), ("--corrections", str(p))):
        s = pd.DataFrame(_cli("sentiment", str(bundled_path), *extra)["speakers"]).set_index("speaker")
        lo = pd.DataFrame(_cli("loaded", str(bundled_path), *extra)["by_voice"]).set_index("who")
        out.append((s, lo))
    _check_moved(*out)
    q = _cli("quotes", str(bundled_path), "--corrections", str(p))["utterances"]
    row = next(r for r in q if (r["start"], r["end"]) == LAVROV_DIRECT)
    assert row["speaker"] == "Dmitry Peskov" and row["how"] == "correction"


def test_every_article_subcommand_takes_corrections_and_fails_cleanly(tmp_path, bundled_path):
    bad = write(tmp_path, "start,end,who\n1,2,X\n")
    for sub in ("quotes", "sentiment", "frames", "loaded", "summary", "article", "report"):
        p = subprocess.run([sys.executable, "-m", "analysis", sub, str(bundled_path), "--corrections", str(bad),
                            *(["--out", str(tmp_path / "r")] if sub == "report" else [])],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert p.returncode == 2, (sub, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1 and "bad header" in p.stderr, (sub, p.stderr)
    assert not (tmp_path / "r").exists(), "nothing is written before the corrections are checked"
