"""Comparing coverage (``analysis.compare``, ``python -m analysis compare|diff``, notebook 06):
keyness checked by hand, a deterministic bootstrap that falls back to sentences in articles with
too few paragraphs, the shipped event set with four outlets and two of its files, the data as the
build script makes it, the version pair (exactly the republisher's two inserted paragraphs), a
changed attribution verb, offsets that lead back to the text, and bad input (one article, an
unknown outlet column, identical versions) ending with one line and exit status 2."""
from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis import cli, compare, report
from analysis.compare import bootstrap, keyness, measures, units
from analysis.compare import charts as ccharts

ROOT = Path(__file__).resolve().parent.parent
EVENT = ROOT / "data" / "compare" / "ipcc-1.5c-report-2018-10-08"
FILES = {p.stem: p for p in sorted(EVENT.glob("*.txt"))}
OUTLETS = ["HuffPost", "NPR", "PoliticusUSA (Reuters)", "The Daily Caller"]
NFC = ROOT.parent / "shared" / "eval" / "frames" / "nfc_dev.tsv"  # the corpus the event set is built from
OLD = ROOT / "data" / "compare" / "versions" / "rt-2015-lavrov-kerry-syria.without-comments.txt"
NEW = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
ROUNDS = 400
ADDITIVE = ("words", "own_words", "quoted_words", "utterances", "loaded", "hedges", "boosters", "labels")


@pytest.fixture(scope="session")
def event():
    return compare.compare([EVENT], rounds=ROUNDS)


@pytest.fixture(scope="session")
def pair():
    return compare.compare([FILES["npr"], FILES["the-daily-caller"]], rounds=ROUNDS)


@pytest.fixture(scope="session")
def versions():
    return compare.diff(OLD, NEW)


@pytest.fixture(scope="session")
def texts():
    """Article name -> text, for every article of the event set (the offsets' reference)."""
    return {p.stem: analysis.load_article(p).text for p in EVENT.glob("*.txt")}


def run_cli(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------ keyness
def test_keyness_on_a_hand_checked_example():
    # two groups, two words, prior one pseudo-count each (a0 = 2):
    # group 0, word 0: log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log 2 - log 1/2 = 2 ln 2; var = 1/4 + 1/2
    delta, var, z = keyness.log_odds_dirichlet(np.array([[3, 1], [1, 3]]), np.array([1.0, 1.0]))
    assert delta[0, 0] == pytest.approx(2 * math.log(2))
    assert var[0, 0] == pytest.approx(0.75)
    assert z[0, 0] == pytest.approx(2 * math.log(2) / math.sqrt(0.75))
    assert z[1, 0] == pytest.approx(-z[0, 0]) and z[0, 1] == pytest.approx(-z[0, 0]), "two groups are mirror images"


def test_keyness_three_groups_is_each_against_the_rest():
    counts = np.array([[5, 1, 4], [1, 2, 7], [0, 3, 7]])
    prior = keyness.informative_prior(counts, prior_words=10)
    assert prior.sum() == pytest.approx(10) and prior[0] == pytest.approx(10 * 6 / 30)
    delta, var, z = keyness.log_odds_dirichlet(counts, prior)
    # group 0 vs groups 1+2 for word 0, written out: y_i = 5, n_i = 10, y_j = 1, n_j = 20, a_w = 2, a0 = 10
    by_hand = math.log((5 + 2) / (10 + 10 - 5 - 2)) - math.log((1 + 2) / (20 + 10 - 1 - 2))
    assert delta[0, 0] == pytest.approx(by_hand)
    assert var[0, 0] == pytest.approx(1 / 7 + 1 / 3)
    assert z[0, 0] > 1.96 > z[1, 0], "the group that uses the word most is the one it marks"


def test_keyness_refuses_one_group_and_empty_priors():
    with pytest.raises(ValueError):
        keyness.log_odds_dirichlet(np.array([[1, 2]]), np.array([1.0, 1.0]))
    with pytest.raises(ValueError):
        keyness.log_odds_dirichlet(np.array([[1, 2], [2, 1]]), np.array([0.0, 1.0]))


# ------------------------------------------------------------------------------ bootstrap
def test_bootstrap_is_seeded_per_outlet():
    a, b = bootstrap.Draws.for_group("USA Today", 13, 50), bootstrap.Draws.for_group("USA Today", 13, 50)
    assert np.array_equal(a.weights, b.weights)
    assert not np.array_equal(a.weights, bootstrap.Draws.for_group("NPR", 13, 50).weights)
    num, den = np.array([[1.0], [0.0], [2.0], [1.0]]), np.array([[2.0], [2.0], [2.0], [2.0]])
    est, lo, hi, _ = bootstrap.ratio(num, den, bootstrap.Draws.for_group("x", 4))
    assert est[0] == pytest.approx(0.5) and lo[0] <= 0.5 <= hi[0] and 0 <= lo[0] < hi[0] <= 1


def test_an_outlets_intervals_do_not_depend_on_the_others(event):
    """Adding a fourth outlet leaves NPR's figures as they were with three."""
    cols = ["measure", "key", "whose", "value", "low", "high"]
    three = event["measures"][event["measures"].outlet == "NPR"]
    groups = compare.read_groups([EVENT])
    two = compare.compare_groups([g for g in groups if g.name != "HuffPost"], rounds=ROUNDS)["measures"]
    two = two[two.outlet == "NPR"]
    merged = two[cols].merge(three[cols], on=["measure", "key", "whose"], suffixes=("_2", "_3"))
    assert len(merged) > 30
    for c in ("value", "low", "high"):
        assert np.allclose(merged[f"{c}_2"], merged[f"{c}_3"], equal_nan=True), c


# ------------------------------------------------------------------------------ N >= 3
def test_event_set_names_every_outlet_and_compares_every_pair(event):
    assert event["inputs"].outlet.tolist() == OUTLETS and event["inputs"].articles.tolist() == [1, 1, 1, 1]
    assert set(event["measures"].outlet) == set(OUTLETS)
    pairs = set(zip(event["differences"].outlet_a, event["differences"].outlet_b))
    assert pairs == {(a, b) for i, a in enumerate(OUTLETS) for b in OUTLETS[i + 1:]}
    assert event["articles"].date.tolist() == ["2018-10-08"] * 4
    assert event["articles"].title.str.len().min() > 30, "titles come from metadata.csv"
    m = event["measures"]
    assert {"share_of_voice", "share_by_type", "low_confidence_share", "verb_stance", "loaded_per_1000",
            "hedges_per_1000", "issue_frames_per_1000", "tone"} <= set(m.measure)
    has = m.dropna(subset=["low", "high"])
    assert ((has.low <= has.value + 1e-9) & (has.value <= has.high + 1e-9)).all(), "the estimate lies in its interval"


def test_share_of_voice_finds_the_speaker_one_outlet_builds_on(event):
    """HuffPost's piece turns on Jerry Taylor (a former climate denier backing a carbon tax): a
    large share of its quoted words are his, and no other outlet quotes him; the difference with
    each is clear. q is never below p."""
    m = event["measures"].set_index(["measure", "key", "outlet"])
    assert m.loc[("share_of_voice", "Jerry Taylor", "HuffPost"), "value"] > 0.15
    for o in OUTLETS[1:]:
        assert m.loc[("share_of_voice", "Jerry Taylor", o), "value"] == 0
    d = event["differences"]
    taylor = d[(d.measure == "share_of_voice") & (d.key == "Jerry Taylor")]
    assert len(taylor) == 3 and taylor.clear.all() and (taylor.reading == "HuffPost higher").all()
    d = d.dropna(subset=["p"])
    assert ((d.q >= d.p - 1e-9) & (d.p > 0) & (d.q <= 1)).all()


def test_framing_difference_that_survives_testing_everything_at_once(event):
    """HuffPost frames the report through politics (Republicans, a carbon tax); The Daily Caller
    not at all: no resampled round reverses the difference, so its p is as low as the rounds can
    tell and its q the lowest of the table (at 2,000 rounds, q <= .05: the notebook test)."""
    d = event["differences"]
    row = d.set_index(["measure", "key", "outlet_a", "outlet_b"]).loc[
        ("issue_frames_per_1000", "political", "HuffPost", "The Daily Caller")]
    assert row.value_a > 15 and row.value_b < 2 and row.clear and row.reading == "HuffPost higher"
    assert row.p == pytest.approx(1 / ROUNDS) and row.q == d.q.min()


def test_speakers_named_alike_are_one_speaker(event):
    """"The report" in one outlet and "the report" in another, "the IPCC's" and "the IPCC": one
    speaker each, so that share of voice compares like with like."""
    sp = event["speakers"]
    assert not sp.speaker.str.startswith("The ").any() and not sp.speaker.str.endswith("'s").any()
    assert {"PoliticusUSA (Reuters)", "The Daily Caller"} <= set(sp.outlet[sp.speaker == "the report"])


def test_low_confidence_share_is_reported_for_every_outlet(event):
    low = event["measures"][event["measures"].measure == "low_confidence_share"].set_index("outlet")
    assert set(low.index) == set(OUTLETS)
    assert ((low.value >= 0) & (low.value <= 1)).all()
    sp = event["speakers"]
    for o in OUTLETS:
        s = sp[sp.outlet == o]
        assert s.low_confidence_words.sum() == pytest.approx(low.loc[o, "numerator"])
        assert s.share.sum() == pytest.approx(1, abs=0.01)


def test_too_few_units_give_no_interval_and_no_verdict(event):
    tone = event["measures"][event["measures"].measure == "tone"]
    single = tone[tone["items"] == 1]
    assert len(single) and single.low.isna().all() and single.high.isna().all()
    d = event["differences"]
    assert not d[d.low.isna()].clear.any()
    few = d[d.low.isna()].reading
    assert len(few) and (few == "too few sentences to tell (fewer than 3 on one side)").all()


# ------------------------------------------------------------------------------ resampling unit
def test_articles_without_paragraph_breaks_resample_sentences(event):
    """The shipped articles are stored as a headline and one line of text: too few paragraphs to
    resample, so their sentences are, and every table says so."""
    assert event["articles"].paragraphs.tolist() == [2, 2, 2, 2]
    assert (event["articles"].unit == "sentence").all() and (event["inputs"].unit == "sentence").all()
    m = event["measures"]
    assert (m.unit == "sentence").all()
    assert dict(zip(m.outlet, m.resampled)) == dict(zip(event["articles"].outlet, event["articles"].sentences))
    loaded = m[(m.measure == "loaded_per_1000") & (m.whose == "all")]
    assert loaded.low.notna().any(), "sentences give intervals where two paragraphs could not"


def test_resampling_unit_is_chosen_per_article():
    """Paragraphs where an article has three or more; its sentences otherwise; an outlet with both
    kinds says ``paragraph+sentence``; the bundled article keeps its paragraphs."""
    text = "Kerry spoke. Lavrov said nothing. Assad waited. It rained."
    groups = [compare.Group("A", ["a"], [analysis.Article.from_text(text, name="A/flat")], [{}]),
              compare.Group("B", ["b"], [analysis.load_article(NEW), analysis.Article.from_text(text, name="B/flat")],
                            [{}, {}])]
    t = compare.compare_groups(groups, rounds=50)
    arts = t["articles"].set_index("article")
    assert arts.loc["A/flat", "unit"] == "sentence" and arts.loc["B/flat", "unit"] == "sentence"
    assert arts.loc[NEW.stem, "unit"] == "paragraph"
    assert t["inputs"].unit.tolist() == ["sentence", "paragraph+sentence"]
    ev = units.group_units(groups)
    table = measures.resampling_units(ev["paragraphs"], ev["sentences"])
    a = table[table.article == "A/flat"]
    assert a.unit.tolist() == ["sentence"] * 4 and a.words.tolist() == [2, 3, 2, 2]
    assert (table[table.article == NEW.stem].unit == "paragraph").all()
    b = t["measures"][t["measures"].outlet == "B"]
    assert (b.unit == "paragraph+sentence").all() and (b.resampled == len(table[table.outlet == "B"])).all()


def test_naming_side_by_side(event):
    naming = event["naming"].set_index("actor")
    assert list(naming.columns) == OUTLETS
    un = naming.loc["United Nations"]
    assert all(un[o] for o in OUTLETS), "every outlet names the UN in its own voice"
    assert "U.N. ×3" in un["PoliticusUSA (Reuters)"]
    labels = event["labels"]
    assert set(labels.whose) <= {"own", "quoted"}
    assert not labels.label.str.contains('["\n]').any(), "a label stops at a quotation mark or a line break"
    assert "Colorado professor Roger Pielke" in set(labels.label), "a modifier in the same sentence is kept"


def test_keyness_table_covers_every_outlet(event):
    k = event["keyness"]
    assert list(dict.fromkeys(k.outlet)) == OUTLETS
    assert k.key.any()
    dc = k[k.outlet == "The Daily Caller"].set_index("term")
    assert dc.loc["weather", "key"] and dc.loc["extreme", "key"] and dc.loc["weather", "z"] > 2
    assert k.set_index(["outlet", "term"]).loc[("HuffPost", "a"), "function_word"]
    top = ccharts.keyness_top(k)
    assert not top.term.isin(["a", "the", "that", "said"]).any() and "carbon" in set(top.term[top.outlet == "HuffPost"])


def test_hedges_are_named_by_their_words(event):
    h = event["hedges"]
    assert not h.cue.str.contains("\\", regex=False).any(), "no cue is shown as a pattern"
    assert "more than" in set(h.cue)


def test_every_unit_and_evidence_leads_back_to_the_text(event, texts):
    u = event["units"]
    assert set(u.family) == {"speech", "label", "loaded", "hedge", "frame", "tone"}
    for r in u.itertuples():
        t = texts[r.article]
        assert t[r.start:r.end] == r.text
        assert r.sentence_start <= r.start <= r.end <= r.sentence_end
        assert t[r.sentence_start:r.sentence_end] == r.sentence
    for table in ("measures", "differences", "speakers", "labels", "terms", "verbs", "keyness"):
        for ev in event[table].evidence:
            for e in ev:
                assert 0 <= e["start"] < e["end"] <= len(texts[e["article"]]), table


# ------------------------------------------------------------------------------ N = 2
def test_two_files_are_two_groups_named_by_their_files(pair):
    names = pair["inputs"].outlet.tolist()
    assert names == ["npr", "the-daily-caller"]
    assert set(zip(pair["differences"].outlet_a, pair["differences"].outlet_b)) == {tuple(names)}
    k = pair["keyness"]
    a, b = (k[k.outlet == n].set_index("term") for n in names)
    common = a.index.intersection(b.index)
    assert np.allclose(a.loc[common, "z"], -b.loc[common, "z"], atol=2e-3), "with two groups keyness is symmetric"


# ------------------------------------------------------------------------------ versions
def test_diff_lists_exactly_the_republishers_inserted_paragraphs(versions):
    raw = NEW.read_text(encoding="utf-8")
    comments = [line for line in raw.splitlines() if line.startswith("Comment:")]
    ch = versions["changes"]
    assert ch.op.tolist() == ["inserted", "inserted"] and ch.new_voice.tolist() == ["editorial", "editorial"]
    assert [raw[s:e] for s, e in zip(ch.new_start, ch.new_end)] == comments == ch.new_text.tolist()


def test_diff_moves_the_editorial_voice_and_nothing_else(versions):
    v = versions["voices"].set_index(["voice", "figure"])
    assert v.loc[("editorial", "words"), "old"] == 0
    assert v.loc[("editorial", "words"), "new"] == versions["changes"].new_words.sum() == 163
    assert v.loc[("editorial", "loaded"), "new"] == 6 and v.loc[("editorial", "utterances"), "new"] == 1
    report_rows = versions["voices"][(versions["voices"].voice == "report") & versions["voices"].figure.isin(ADDITIVE)]
    assert (report_rows.delta == 0).all(), "the reporter's figures do not move"
    eff = versions["effects"]
    assert set(eff.voice) == {"editorial"}
    for fig in ADDITIVE:  # the changes add up to the totals
        assert eff[eff.figure == fig].delta.sum() == v.loc[("editorial", fig), "delta"], fig
    added = versions["attributions"]
    assert added[["status", "new_speaker", "new_cue"]].values.tolist() == [["added", "Pentagon", "allege"]]
    terms = versions["terms"]
    assert (terms.status == "added").all() and {"vassal", "puppet", "proxy", "downplay"} <= set(terms.key)
    assert (terms.whose == "own").all() and (terms.speaker == "editorial").all()
    raw = NEW.read_text(encoding="utf-8")
    for t in ("terms", "labels", "hedges"):
        for r in versions[t].itertuples():
            assert raw[r.start:r.end] == r.text


def test_diff_finds_a_changed_verb_and_a_deleted_paragraph():
    old = OLD.read_text(encoding="utf-8")
    said = 'without any political preconditions," Lavrov said.'
    last = "It's estimated that 220,000 people"
    new = old.replace(said, said.replace("said", "claimed"))
    new = new[:new.index(last)].rstrip("\n") + "\n"
    d = compare.diff_versions(analysis.Article.from_text(old, name="old"), analysis.Article.from_text(new, name="new"))
    assert d["changes"].op.tolist() == ["changed", "deleted"]
    v = d["attributions"].iloc[0]
    assert (v.status, v.old_speaker, v.old_cue, v.new_cue) == ("verb changed", "Sergey Lavrov", "said", "claimed")
    assert (v.old_stance, v.new_stance) == ("neutral", "doubting")
    assert new[v.new_cue_start:v.new_cue_end] == "claimed" and old[v.old_cue_start:v.old_cue_end] == "said"
    gone = d["changes"].iloc[1]
    assert old[gone.old_start:gone.old_end].startswith(last) and gone.new_start == -1
    assert d["effects"].query("change == 2 and figure == 'words'").delta.tolist() == [-gone.old_words]


def build_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_compare_data
    finally:
        sys.path.pop(0)
    return build_compare_data


def test_shipped_data_is_what_the_build_script_makes():
    b = build_script()
    assert b.main(["--check"]) == 0
    assert b.without_comments(NEW.read_text(encoding="utf-8")) == OLD.read_text(encoding="utf-8")
    for p in FILES.values():
        assert b.quote_marks_alternate(p.read_text(encoding="utf-8")) == [], p.name


@pytest.mark.skipif(not NFC.is_file(), reason="the Narrative Frames Corpus rows (../shared/eval/frames) are not here")
def test_event_set_rebuilds_from_the_corpus_and_undoes_to_it():
    """Built from nfc_dev.tsv byte for byte; undoing the edits listed in edits.csv gives the
    corpus text back (the SHA-256 metadata.csv records), so every other character is the corpus's."""
    import csv

    b = build_script()
    assert b.main(["--check", "--nfc", str(NFC)]) == 0
    with open(EVENT / "metadata.csv", encoding="utf-8", newline="") as f:
        meta = {r["file"]: r for r in csv.DictReader(f)}
    with open(EVENT / "edits.csv", encoding="utf-8", newline="") as f:
        edits = list(csv.DictReader(f))
    assert set(meta) == {p.name for p in FILES.values()}
    for name, r in meta.items():
        text = (EVENT / name).read_text(encoding="utf-8")
        for e in sorted((e for e in edits if e["file"] == name), key=lambda e: -int(e["file_start"])):
            assert text[int(e["file_start"]):int(e["file_end"])] == e["after"]
            text = text[:int(e["file_start"])] + e["before"] + text[int(e["file_end"]):]
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == r["corpus_sha256"], name
        assert r["licence"].startswith("MIT") and r["nfc_split"].startswith("dev")


# ------------------------------------------------------------------------------ command line
def test_cli_compare_csv_names_both_inputs(capsys):
    before = {p: sha(p) for p in FILES.values()}
    code, out, _ = run_cli(capsys, "compare", FILES["politicususa-reuters"], FILES["the-daily-caller"], "--format",
                           "csv", "--rounds", 200)
    assert code == 0 and out.startswith("measure,key,whose,outlet,value,low,high")
    assert ",politicususa-reuters," in out and ",the-daily-caller," in out and ",sentence," in out
    assert before == {p: sha(p) for p in FILES.values()}, "inputs are only read"


def test_cli_compare_json_is_deterministic(capsys):
    args = ("compare", FILES["the-daily-caller"], FILES["politicususa-reuters"], "--rounds", 200)
    code, first, _ = run_cli(capsys, *args)
    code2, second, _ = run_cli(capsys, *args)
    assert code == code2 == 0 and first == second, "two runs give byte-identical JSON"
    doc = json.loads(first)
    assert doc["outlets"] == ["the-daily-caller", "politicususa-reuters"] and list(doc)[4] == "measures"


def test_cli_compare_parquet_tables(capsys, tmp_path):
    import pandas as pd

    code, out, _ = run_cli(capsys, "compare", EVENT, "--rounds", 200, "--format", "parquet", "--out", tmp_path / "pq")
    assert code == 0 and (tmp_path / "pq" / "differences.parquet").exists()
    assert set(pd.read_parquet(tmp_path / "pq" / "measures.parquet").outlet) == set(OUTLETS)
    assert len(pd.read_parquet(tmp_path / "pq" / "units.parquet")) > 100


def test_cli_compare_reads_a_corpus_file_with_an_outlet_column(capsys, tmp_path):
    corpus = tmp_path / "event.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for code_name, p in FILES.items():
            f.write(json.dumps({"id": p.stem, "outlet": code_name, "text": p.read_text(encoding="utf-8")}) + "\n")
    code, out, err = run_cli(capsys, "compare", corpus, "--rounds", 200, "--format", "csv", "--out", tmp_path / "csv")
    assert code == 0, err
    written = {Path(x).name for x in out.split()}
    assert {"measures.csv", "differences.csv", "keyness.csv", "naming.csv", "units.csv"} <= written
    assert "the-daily-caller" in (tmp_path / "csv" / "inputs.csv").read_text(encoding="utf-8")


def test_cli_diff_json(capsys):
    code, out, _ = run_cli(capsys, "diff", OLD, NEW)
    doc = json.loads(out)
    assert code == 0 and doc["command"] == "diff" and [c["op"] for c in doc["changes"]] == ["inserted", "inserted"]


@pytest.mark.parametrize("args, message", [
    (("compare", FILES["the-daily-caller"]), "at least two"),
    (("compare", EVENT, "--by", "publisher"), "no 'publisher' column"),
    (("diff", NEW, NEW), "identical"),
    (("compare", FILES["the-daily-caller"], ROOT / "nowhere.txt"), "no such file"),
    (("compare", EVENT, "--format", "parquet"), "--out"),
    (("compare", EVENT, "--format", "csv", "--out", EVENT), "which this run reads"),
])
def test_cli_bad_input_one_line_exit_2(capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and message in err and err.startswith("error:")


def test_cli_unknown_outlet_column(capsys, tmp_path):
    bad = tmp_path / "no-outlet.csv"
    bad.write_text('text,paper\n"Lavrov said: ""We help Syria.""",A\n"Kerry said the talks failed.",B\n',
                   encoding="utf-8")
    code, _, err = run_cli(capsys, "compare", bad)
    assert code == 2 and "no 'outlet' column" in err and "paper" in err and len(err.strip().splitlines()) == 1
    code, out, err = run_cli(capsys, "compare", bad, "--by", "paper", "--format", "csv", "--rounds", 100)
    assert code == 0 and ",A," in out and ",B," in out


def test_exit_status_two_in_a_real_process(tmp_path):
    p = subprocess.run([sys.executable, "-m", "analysis", "compare", str(FILES["npr"])], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr


def test_report_checks_compare_inputs_before_running_anything(capsys, tmp_path):
    code, _, err = run_cli(capsys, "report", NEW, "--out", tmp_path / "r", "--compare", FILES["npr"], "--quiet")
    assert code == 2 and "at least two" in err
    assert not (tmp_path / "r").exists()


# ------------------------------------------------------------------------------ notebook 06
def test_compare_notebook_takes_compare_paths_not_an_article():
    import nbformat

    names = report.parameter_names(nbformat.read(ROOT / "notebooks" / "06_compare.ipynb", as_version=4))
    assert "compare_paths" in names and "article_path" not in names
    assert ROOT / "notebooks" / "06_compare.ipynb" in report.notebooks_taking("compare_paths")


def test_compare_notebook_values(executed_notebooks):
    rec = executed_notebooks["06_compare"]
    assert [r["outlet"] for r in rec["inputs"]] == OUTLETS
    assert rec["headline"]["outlets"] == 4
    clear = rec["clear_differences"]
    assert clear and all(r["low"] > 0 or r["high"] < 0 for r in clear) and all(r["example"] for r in clear)
    assert any(r["key"] == "political" and r["q"] <= 0.05 for r in clear)
    assert [r["q"] for r in clear] == sorted(r["q"] for r in clear), "the lowest q first"
    assert {r["outlet"] for r in rec["keyness"]} == set(OUTLETS) and all("z" in r for r in rec["keyness"])
    raw = NEW.read_text(encoding="utf-8")
    changes = rec["diff_changes"]
    assert [c["op"] for c in changes] == ["inserted", "inserted"]
    assert [c["new_text"] for c in changes] == [line for line in raw.splitlines() if line.startswith("Comment:")]
    ed = {r["figure"]: r for r in rec["diff_voices"] if r["voice"] == "editorial"}
    assert ed["words"]["old"] == 0 and ed["words"]["new"] == 163 and ed["loaded"]["new"] == 6


def test_compare_page_shows_intervals_and_keyness(notebook_runs):
    run = notebook_runs["06_compare"]
    assert run.error is None, run.error
    page = run.reader_html.read_text(encoding="utf-8")
    assert "95% interval" in page and page.count("data:image/png;base64") >= 5
    assert "<th>low</th>" in page and "<th>high</th>" in page, "the interval tables are on the page"
    assert "Keyness" in page and "<th>rest_per_1000</th>" in page, "the keyness table is on the page"
    assert "HuffPost higher" in page, "the clear differences are on the page"
    assert "<td>sentence</td>" in page, "the page says which unit was resampled"
    assert "\\b(?:" not in page, "no hedge is shown as a pattern"
