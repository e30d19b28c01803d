"""Corpus mode: folder/JSONL/CSV input, error isolation, Parquet tables with valid offsets, the
CLI, Dask on local processes and on a LocalCluster, determinism, and the corpus notebook."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import ArticleError, corpus

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "corpus" / "syria-2015"
HIT_TABLES = ("utterances", "frame_hits", "loaded_hits")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def rows(out, name, sort=("article_id", "start", "end")):
    """A table sorted by article id (and offsets), index dropped: comparable across runs."""
    t = corpus.read_table(out, name)
    keys = [k for k in sort if k in t.columns]
    return t.sort_values(keys + [c for c in t.columns if c not in keys], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def shipped_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("shipped")
    return corpus.run_corpus(SHIPPED, out, scheduler="sequential", progress=False), out


@pytest.fixture(scope="module")
def synthetic_jsonl(tmp_path_factory):
    """40 made-up articles plus six bad records, as JSON Lines."""
    path = tmp_path_factory.mktemp("jsonl") / "corpus.jsonl"
    recs = list(corpus.synthetic_records(40, seed=7))
    bad = [
        '{"id": "broken", "text": "no closing brace"',                       # not JSON
        json.dumps({"id": "no-text", "title": "a record without text"}),     # no text field
        json.dumps({"id": "empty", "text": "   \n  "}),                       # empty
        json.dumps({"id": "russian",
                    "text": "Министр иностранных дел России Сергей Лавров заявил журналистам, что " * 5}),
        json.dumps({"id": "html-empty", "text": "<html><body><script>var x = 1;</script></body></html>"}),
        json.dumps({"id": "control", "text": "\x01\x02\x03\x04\x05\x06\x07\x08 garbage " * 20}),
    ]
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(recs):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            if i % 7 == 3 and bad:
                f.write(bad.pop(0) + "\n")
        for b in bad:
            f.write(b + "\n")
    return path


# ---------------------------------------------------------------------------- shipped folder
def test_shipped_folder_all_analysed_with_metadata(shipped_run):
    summary, out = shipped_run
    assert summary["articles_read"] == summary["analysed"] == 12 and summary["failed"] == 0
    assert {"quotes", "framing", "loaded"} <= set(summary["modules"])
    a = corpus.read_table(out, "articles")
    meta = pd.read_csv(SHIPPED / "metadata.csv")
    assert sorted(a.article_id) == sorted(meta.id)
    got = a.set_index("article_id")
    for r in meta.itertuples():
        row = got.loc[r.id]
        assert (row.outlet, row.date, row.title, row.url) == (r.outlet, r.date, r.title, r.url)
        assert json.loads(got.loc[r.id, "extra"])["licence"] == r.licence
    assert (a.words > 150).all() and (a.words == a.words_report + a.words_editorial + a.words_boilerplate).all()
    for name in ("texts", "paragraphs", "voices", "actors", "utterances", "frame_hits", "frame_rates", "loaded_hits",
                 "loaded_rates", "errors"):
        assert name in summary["tables"], name
        assert (out / name).is_dir() and list((out / name).glob("part-*.parquet")), name
    assert summary["tables"]["errors"] == 0 and corpus.read_table(out, "errors").empty


def test_every_row_carries_the_article_metadata(shipped_run):
    _, out = shipped_run
    a = corpus.read_table(out, "articles").set_index("article_id")
    for name in ("paragraphs", "utterances", "frame_hits", "loaded_hits", "voices"):
        t = corpus.read_table(out, name)
        assert list(t.columns[:5]) == ["article_id", "outlet", "date", "title", "url"]
        assert set(t.article_id) <= set(a.index)
        assert (t.outlet == a.loc[t.article_id, "outlet"].values).all()


def test_offsets_reproduce_the_text(shipped_run):
    _, out = shipped_run
    texts = dict(zip(*corpus.read_table(out, "texts")[["article_id", "text"]].T.values))
    for path in sorted(SHIPPED.glob("*.txt")):  # the analysed text is the file's text
        assert texts[path.stem] == path.read_text(encoding="utf-8")
    checked = 0
    for name in HIT_TABLES:
        t = corpus.read_table(out, name)
        assert len(t), name
        for r in t.itertuples():
            assert texts[r.article_id][r.start:r.end] == r.text, (name, r.article_id, r.start)
            checked += 1
    assert checked > 500
    assert all(bad == 0 for _, bad in corpus.check_offsets(out).values())


def test_parquet_readable_by_pandas_with_normalised_types(shipped_run):
    _, out = shipped_run
    hits = pd.read_parquet(out / "frame_hits")
    assert str(hits.start.dtype) == "int64" and str(hits.weight.dtype) == "float64"
    assert hits.frame.map(type).eq(str).all()
    u = pd.read_parquet(out / "utterances")
    if "speaker_spans" in u.columns:  # a list column in the analysis -> a JSON string in Parquet
        assert all(isinstance(json.loads(v), list) for v in u.speaker_spans.dropna())
    a = pd.read_parquet(out / "articles")
    assert str(a.has_editorial.dtype) == "bool" and str(a.words.dtype) == "int64"
    assert json.loads(corpus.read_table(out, "articles").warnings.iloc[0]) == []


def test_voices_match_voice_summary(shipped_run):
    from analysis.article import voice_summary

    _, out = shipped_run
    v = corpus.read_table(out, "voices")
    key = "dod-2015-09-30-carter-russian-actions"
    one = v[v.article_id == key].drop(columns=["article_id", "outlet", "date", "title", "url"])
    ref = voice_summary(corpus.to_article(next(d for d in corpus.iter_docs(SHIPPED) if d.id == key)))
    pd.testing.assert_frame_equal(one.reset_index(drop=True), ref.reset_index(drop=True), check_dtype=False)


def test_group_comparisons(shipped_run):
    _, out = shipped_run
    g = corpus.group_summary(out, "outlet")
    assert g.articles.sum() == 12 and len(g) == 3
    a = corpus.read_table(out, "articles")
    dod = a[a.outlet == "US Department of Defense"]
    row = g.set_index("outlet").loc["US Department of Defense"]
    assert row.loaded_per_1000 == round(1000 * dod.loaded_hits.sum() / dod.loaded_words.sum(), 2)
    shares = corpus.frame_shares(out, "outlet")
    assert shares.groupby("outlet").share.sum().round(2).eq(1.0).all()
    rec = corpus.recurring_speakers(out, min_articles=2)
    assert "Ash Carter" in set(rec.name)  # "Carter" and "Ash Carter" merged across DoD articles
    assert "outlet" in corpus.describe(g) or "outlets" in corpus.describe(g)


# ------------------------------------------------------------------------ errors, isolation
def test_jsonl_bad_records_become_error_rows(tmp_path, synthetic_jsonl):
    s = corpus.run_corpus(synthetic_jsonl, tmp_path / "out", scheduler="sequential", progress=False)
    assert s["articles_read"] == 46 and s["analysed"] == 40 and s["failed"] == 6
    e = corpus.read_table(tmp_path / "out", "errors").set_index("article_id")
    assert set(e.index) == {"corpus:5", "no-text", "empty", "russian", "html-empty", "control"}
    assert e.loc["corpus:5", "stage"] == "read" and "not valid JSON" in e.loc["corpus:5", "reason"]
    assert "no 'text' field" in e.loc["no-text", "reason"]
    assert "empty" in e.loc["empty", "reason"]
    assert "not English" in e.loc["russian", "reason"]
    assert "HTML" in e.loc["html-empty", "reason"]
    assert "binary" in e.loc["control", "reason"]
    assert (e.error == "bad input").all()
    a = corpus.read_table(tmp_path / "out", "articles")
    assert len(a) == 40 and set(a.outlet) <= set(corpus.SYNTHETIC_OUTLETS)


def test_folder_with_binary_and_empty_files_completes(tmp_path):
    src = tmp_path / "in"
    (src / "rt").mkdir(parents=True)
    (src / "rt" / "good.txt").write_text('Kerry said on Monday: "We are deeply concerned." Lavrov said Russia would '
                                         'keep helping Syria.\n', encoding="utf-8")
    (src / "rt" / "picture.txt").write_bytes(bytes(range(256)) * 4)
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "notes.md").write_text("not an article", encoding="utf-8")
    (src / "page.html").write_text("<!DOCTYPE html><html><body><article><p>Lavrov said the strikes targeted "
                                   "terrorists and that Russia acted at the request of the Syrian government.</p>"
                                   "<p>Kerry said the United States was concerned about the strikes near Homs.</p>"
                                   "</article></body></html>", encoding="utf-8")
    s = corpus.run_corpus(src, tmp_path / "out", scheduler="sequential", progress=False)
    assert (s["articles_read"], s["analysed"], s["failed"]) == (4, 2, 2)
    e = corpus.read_table(tmp_path / "out", "errors").set_index("article_id")
    assert set(e.index) == {"rt/picture", "empty"}
    assert "binary" in e.loc["rt/picture", "reason"] and "empty" in e.loc["empty", "reason"]
    a = corpus.read_table(tmp_path / "out", "articles").set_index("article_id")
    assert a.loc["rt/good", "outlet"] == "rt"  # the sub-folder, without metadata.csv
    assert a.loc["page", "encoding"].endswith("+html") and "HTML" in a.loc["page", "warnings"]


def test_an_exception_inside_an_analysis_is_isolated(tmp_path, monkeypatch):
    """A crash in one analysis on one article is an error row; the other articles go through."""
    from analysis import loaded

    real = loaded.hit_columns  # the function corpus mode calls (see corpus.STEPS)

    def flaky(article):
        if "POISON" in article.text:
            raise ZeroDivisionError("division by zero on purpose")
        return real(article)

    monkeypatch.setattr(loaded, "hit_columns", flaky)
    recs = list(corpus.synthetic_records(5, seed=3))
    recs[2]["text"] = recs[2]["text"].replace("\n\n", "\n\nPOISON appears here.\n\n", 1)
    path = corpus.write_jsonl(recs, tmp_path / "c.jsonl")
    s = corpus.run_corpus(path, tmp_path / "out", scheduler="sequential", progress=False)
    assert (s["analysed"], s["failed"]) == (4, 1) and s["errors_by_stage"] == {"loaded": 1}
    e = corpus.read_table(tmp_path / "out", "errors").iloc[0]
    assert (e.article_id, e.stage, e.error) == ("syn-000002", "loaded", "ZeroDivisionError")


def test_bad_input_raises_article_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.jsonl").write_text("this is not json\n{}\n", encoding="utf-8")
    (tmp_path / "x.csv").write_text("id,body_text\n1,hello\n", encoding="utf-8")
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    for bad, words in ((tmp_path / "missing", "no such file"), (tmp_path / "empty", "no .txt or .html"),
                       (tmp_path / "x.jsonl", "not a JSON Lines file"), (tmp_path / "x.csv", "no 'text' column"),
                       (tmp_path / "x.parquet", "not a corpus")):
        with pytest.raises(ArticleError, match=words):
            corpus.run_corpus(bad, tmp_path / "out", scheduler="sequential", progress=False)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_csv_input_with_cp1252_row(tmp_path):
    good = 'Kerry said on Monday: "We are deeply concerned." Lavrov said Russia would keep helping Syria.'
    path = tmp_path / "c.csv"
    with open(path, "wb") as f:
        f.write(b"id,outlet,date,text\n")
        f.write(f'a,Wire,2015-09-30,"{good.replace(chr(34), chr(34) * 2)}"\n'.encode("utf-8"))
        f.write(b'b,Wire,2015-10-01,"Lavrov said the caf\xe9 talks were \x93constructive\x94, the ministry said on '
                b'Friday."\n')
    s = corpus.run_corpus(path, tmp_path / "out", scheduler="sequential", progress=False)
    assert (s["analysed"], s["failed"]) == (2, 0)
    a = corpus.read_table(tmp_path / "out", "articles").set_index("article_id")
    t = corpus.read_table(tmp_path / "out", "texts").set_index("article_id").text
    assert "café" in t["b"] and "\u201cconstructive\u201d" in t["b"] and "cp1252" in a.loc["b", "warnings"]


# ------------------------------------------------------------------------------------- CLI
def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "corpus", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=ENV, timeout=300)


def test_cli_on_folder_and_jsonl(tmp_path, synthetic_jsonl):
    p = run_cli(SHIPPED, "--out", tmp_path / "a", "--scheduler", "sequential", "--quiet")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert s["analysed"] == 12 and s["tables"]["articles"] == 12
    assert corpus.read_summary(tmp_path / "a") == s
    p = run_cli(synthetic_jsonl, "--out", tmp_path / "b", "--scheduler", "sequential", "--quiet")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert (s["analysed"], s["failed"]) == (40, 6)


@pytest.mark.parametrize("bad", ["missing-folder", "empty-folder", "not-json"])
def test_cli_bad_input_one_line_exit_2(tmp_path, bad):
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "not-json.jsonl").write_bytes(b"\x00\x01\x02 binary\n")
    target = {"missing-folder": tmp_path / "nope", "empty-folder": tmp_path / "empty-folder",
              "not-json": tmp_path / "not-json.jsonl"}[bad]
    p = run_cli(target, "--out", tmp_path / "out", "--quiet")
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert p.stderr.startswith("error: ") and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr


# ------------------------------------------------------------------ Dask, determinism, streaming
def test_dask_processes_and_chunks_give_the_same_rows(tmp_path, synthetic_jsonl):
    seq = tmp_path / "seq"
    corpus.run_corpus(synthetic_jsonl, seq, scheduler="sequential", progress=False)
    par = tmp_path / "par"
    s = corpus.run_corpus(synthetic_jsonl, par, workers=2, scheduler="processes", progress=False, chunk_size=10)
    assert s["scheduler"] == "processes" and s["workers"] == 2
    assert len(list((par / "frame_hits").glob("part-*.parquet"))) >= 4  # written chunk by chunk
    for name in ("articles", "utterances", "frame_hits", "loaded_hits", "errors", "voices"):
        pd.testing.assert_frame_equal(rows(seq, name), rows(par, name), check_dtype=False, obj=name)


def test_dask_cluster_address(tmp_path, synthetic_jsonl):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        s = corpus.run_corpus(synthetic_jsonl, tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False,
                              chunk_size=16)
    assert s["scheduler"].startswith("dask ") and (s["analysed"], s["failed"]) == (40, 6)
    ref = tmp_path / "ref"
    corpus.run_corpus(synthetic_jsonl, ref, scheduler="sequential", progress=False)
    for name in ("articles", "frame_hits", "loaded_hits", "errors"):
        pd.testing.assert_frame_equal(rows(ref, name), rows(tmp_path / "dask", name), check_dtype=False, obj=name)


def test_two_runs_are_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    corpus.run_corpus(SHIPPED, a, scheduler="sequential", progress=False)
    corpus.run_corpus(SHIPPED, b, scheduler="sequential", progress=False)
    for name in ("articles", "utterances", "frame_hits", "loaded_hits", "actors"):
        pd.testing.assert_frame_equal(corpus.read_table(a, name), corpus.read_table(b, name), obj=name)


def test_rerun_replaces_tables_and_leaves_no_partial_folder(tmp_path, synthetic_jsonl):
    out = tmp_path / "out"
    corpus.run_corpus(synthetic_jsonl, out, scheduler="sequential", progress=False)
    corpus.run_corpus(SHIPPED, out, scheduler="sequential", progress=False, tables=["articles"])
    assert len(corpus.read_table(out, "articles")) == 12
    assert not (out / "frame_hits").exists()  # tables of the earlier run are gone
    assert not [p for p in out.iterdir() if p.name.startswith(".partial")]


def test_reading_is_streamed(tmp_path):
    """The reader is a generator: the first record comes without reading the rest."""
    path = corpus.write_jsonl(corpus.synthetic_records(3), tmp_path / "c.jsonl")
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"id": "late", "text": "x"}\n')
    docs = corpus.iter_docs(path)
    assert next(docs).id == "syn-000000"
    assert [d.id for d in docs] == ["syn-000001", "syn-000002", "late"]


CYCLE_CHECK = """
import gc, sys
from collections import Counter
from pathlib import Path
from analysis import corpus
steps = corpus.plan()
docs = list(corpus.iter_docs(sorted(Path(sys.argv[1]).glob("*.txt"))[0]))
assert len(docs) == 1
corpus.analyse_one(docs[0], steps)  # first use: lexicons, compiled patterns, caches
gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_SAVEALL)
for d in docs * 2:
    assert corpus.analyse_one(d, steps).tables
left = gc.collect()
kinds = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage).most_common(8)
print(left, kinds)
"""


def test_an_analysed_article_leaves_no_reference_cycle():
    """Memory stays flat without the garbage collector: an article and everything its analyses
    cached are freed by reference counting when it goes (a cycle would hold them until a
    collection, which cost ~0.5 ms per article in corpus runs). Checked in a fresh interpreter, so
    that threads and objects left by other tests in this process do not count."""
    p = subprocess.run([sys.executable, "-c", CYCLE_CHECK, str(SHIPPED)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    left, _, kinds = p.stdout.strip().partition(" ")
    assert left == "0", f"{left} objects in reference cycles, most common types: {kinds}"


# ----------------------------------------------------------------------------------- notebook
def test_corpus_notebook_values(executed_notebooks):
    rec = executed_notebooks["05_corpus"]
    head = rec["headline"]
    assert head["articles"] == 12 and head["failed"] == 0 and head["outlets"] == 3
    assert set(head["loaded_per_1000_by_outlet"]) == {"US Department of Defense", "US Department of State",
                                                      "President of Russia (kremlin.ru)"}
    assert all(bad == 0 for _, bad in rec["offsets"].values()) and rec["offsets"]["frame_hits"][0] > 100
    by = {r["outlet"]: r for r in rec["by_outlet"]}
    assert sum(r["articles"] for r in by.values()) == 12
    assert by["US Department of Defense"]["articles"] == 6
    assert any(r["name"] == "Ash Carter" for r in rec["recurring_speakers"])
