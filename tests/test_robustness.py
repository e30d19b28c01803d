"""Generated texts (quotes of every shape, unicode, long lines, voice markers,
names and cue verbs) through every analysis. Nothing may escape but ``ArticleError``, and every
reported span must satisfy ``text[start:end]``."""
from __future__ import annotations

import math
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from analysis import Article, ArticleError, framing, loaded, quotes, sentiment, summary

MODULES = (quotes, sentiment, framing, loaded, summary)
WORDS = ("the", "minister", "said", "that", "Washington", "is", "making", "a", "grave", "mistake", "by",
         "appeasing", "terrorists", "and", "Lavrov", "Kerry", "she", "added", "told", "journalists",
         "according", "to", "Sergey", "Maria", "Zakharova", "Russian", "FM", "of", "in", "Syria", "war",
         "was", "not", "very", "moderate", "regime", "we", "it", "claimed", "US", "State", "Department")
NOISE = ("\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", ",", ".", ":", ";", " - ", "\u2014",
         "\n", "\n\n", "\r\n", "\t", "Comment: ", "Editor's note: ", "Image", "\u00a9 Reuters/X", "Read more:",
         "\u00e9", "\U0001f600", "\u200b", "e\u0301", "\ufb01", "\u00a0", "U.S.", "Sen.", "(", ")", "[", "]",
         " said: \"", "\" he said.", "\u201d Lavrov said. \u201c", "'cooked'", " ' ", "\\", "&amp;", "<b>")


def _pieces():
    word = st.sampled_from(WORDS)
    return st.lists(st.one_of(word, word, word, st.sampled_from(NOISE),
                              st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6),
                              st.builds(lambda w, n: (w + " ") * n, word, st.integers(50, 400))),  # long lines
                    min_size=1, max_size=120)


# generated texts per run: 200 in `make test` (about a minute of CPU), ROBUSTNESS_EXAMPLES=1000 for a
# thorough run; the examples are derandomised, so a run is repeatable
GENERATED_EXAMPLES = int(os.environ.get("ROBUSTNESS_EXAMPLES", "200"))


def text_of(pieces) -> str:
    return " ".join(pieces)


SPAN_TEXT = ("text", "match", "mention")  # columns that hold text[start:end]; X_start/X_end pair with X_text, X_mention


def check_spans(text: str, name: str, df: pd.DataFrame) -> None:
    """Every (start, end) pair and every ``<x>_start``/``<x>_end`` pair lies in the text; where a
    row also carries the span's text, ``text[start:end]`` reproduces it."""
    cols = set(df.columns)
    pairs = [("start", "end")] + [(c, c[:-6] + "_end") for c in cols
                                  if c.endswith("_start") and c[:-6] + "_end" in cols]
    for s_col, e_col in pairs:
        if s_col not in cols or e_col not in cols:
            continue
        for i, (s, e) in enumerate(zip(df[s_col], df[e_col])):
            if s is None or e is None or (isinstance(s, float) and math.isnan(s)) or int(s) < 0:
                continue
            s, e = int(s), int(e)
            assert 0 <= s <= e <= len(text), (name, s_col, s, e, len(text))
            keys = SPAN_TEXT if s_col == "start" else (s_col[:-6] + "_text", s_col[:-6] + "_mention")
            if not name.endswith(".speakers"):
                for key in keys:
                    if key in cols and isinstance(df[key].iloc[i], str):
                        assert text[s:e] == df[key].iloc[i], (name, key, s, e)


@pytest.mark.timeout(900)
@settings(max_examples=GENERATED_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_pieces())
def test_generated_texts_through_every_analysis(pieces):
    text = text_of(pieces)
    try:
        article = Article.from_text(text, name="generated")
        _ = article.sentences
    except ArticleError as e:
        assert "\n" not in str(e)  # one line
        event(f"ArticleError: {str(e).split(':')[1].strip()[:30]}")
        return
    event("analysed")
    t = article.text
    for df in (article.paragraphs, article.sentences):
        check_spans(t, "article", df)
    for mod in MODULES:
        for name, df in mod.tables(article).items():
            check_spans(t, f"{mod.__name__}.{name}", df)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=400))
def test_plain_text_functions_never_crash(text):
    for df in (framing.find_frames(text), loaded.find_terms(text)):
        check_spans(text, "plain", df)
    s = sentiment.score_sentences([text])
    assert len(s) == 1 and -1 <= float(s.score.iloc[0]) <= 1
    if text:
        v = sentiment.toward(text, 0, min(len(text), 5))
        assert -1 <= v <= 1
    assert framing.dominant_frame(text)


# ============================================================================================
# Hostile input, paths and sizes: one test (or a few) per kind of attack.
# ============================================================================================
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from analysis import corpus, fileio  # noqa: E402
from analysis.errors import OutputError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
GOOD = ('Kerry said on Monday: "We are deeply concerned about the build-up." '
        "Lavrov said Russia would keep helping Syria.")


def cli(*args, timeout=300, **kw):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, **kw)


def one_error_line(p, code=2, pattern=""):
    import re

    lines = p.stderr.strip().splitlines()
    assert p.returncode == code, (p.returncode, p.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in p.stderr, p.stderr
    assert re.search(pattern, lines[0]), lines[0]
    return lines[0]


# ------------------------------------------------------------------- 2. files destroyed
def test_out_never_overwrites_the_input_or_a_special_file(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    before = art.read_bytes()
    one_error_line(cli("quotes", art, "--out", art), pattern="the input is never overwritten")
    assert art.read_bytes() == before
    link = tmp_path / "link.json"
    victim = tmp_path / "victim.json"
    victim.write_text("keep", encoding="utf-8")
    link.symlink_to(victim)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, word in ((link, "symbolic link"), (fifo, "FIFO"), ("/dev/null", "character device"),
                         (tmp_path, "is a folder"), ("", "empty")):
        one_error_line(cli("loaded", art, "--out", target), pattern=word)
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "keep"
    assert Path("/dev/null").is_char_device() and fifo.is_fifo()


def test_report_refuses_an_out_that_holds_its_input(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    page = d / "index.html"
    page.write_text("<html><body><article><p>" + GOOD + "</p><p>" + GOOD + "</p></article></body></html>",
                    encoding="utf-8")
    before = page.read_bytes()
    one_error_line(cli("report", page, "--out", d, "--quiet"), pattern="holds .*index.html.*which this run reads")
    assert page.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["d"]
    one_error_line(cli("report", BUNDLED, "--out", ROOT / "notebooks", "--quiet"), pattern="reads")


def test_a_planted_summary_cannot_make_a_run_delete_anything(tmp_path):
    """Nothing is read back from an earlier run's files to decide what to delete: a summary.json
    listing outside paths is just replaced, and a file the suite did not write is kept."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "part-00000.parquet").write_bytes(b"precious")
    out = tmp_path / "out"
    corpus.run_corpus(corpus.write_jsonl(corpus.synthetic_records(3), tmp_path / "c.jsonl"), out,
                      scheduler="sequential", progress=False)
    (out / "summary.json").write_text(json.dumps({"tables": {"../victim": 1, str(victim): 1, "/": 1}}),
                                      encoding="utf-8")
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    corpus.run_corpus(tmp_path / "c.jsonl", out, scheduler="sequential", progress=False)
    assert (victim / "part-00000.parquet").read_bytes() == b"precious"
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine", "a file the suite did not write is kept"
    assert corpus.read_summary(out)["analysed"] == 3
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "thesis.docx").write_bytes(b"x")
    with pytest.raises(OutputError, match="not a corpus folder written by this suite"):
        corpus.run_corpus(tmp_path / "c.jsonl", stranger, scheduler="sequential", progress=False)
    assert [p.name for p in stranger.iterdir()] == ["thesis.docx"]


def test_a_lock_stops_a_second_run_and_stale_partials_are_removed(tmp_path):
    src = corpus.write_jsonl(corpus.synthetic_records(2), tmp_path / "c.jsonl")
    out = tmp_path / "out"
    stale = tmp_path / ".out.partial-999999-dead"
    (stale / "articles").mkdir(parents=True)
    with fileio.FolderLock(tmp_path / ".out.lock", out):
        with pytest.raises(OutputError, match="another run is writing"):
            corpus.run_corpus(src, out, scheduler="sequential", progress=False)
    assert not out.exists() and stale.exists()
    corpus.run_corpus(src, out, scheduler="sequential", progress=False)
    assert not stale.exists(), "a killed run's temporary folder is removed by the next run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "out"], "no lock or partial file left"


# -------------------------------------------------------------------- 5. atomic as a whole
def test_output_folder_is_swapped_in_whole(tmp_path):
    out = tmp_path / "rep"
    with fileio.output_folder(out, owned=lambda n: n.endswith(".html")) as tmp:
        (tmp / "index.html").write_text("old", encoding="utf-8")
        (tmp / "01_old.html").write_text("old page", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with fileio.output_folder(out, owned=lambda n: n.endswith(".html")) as tmp:
            (tmp / "index.html").write_text("new", encoding="utf-8")
            raise RuntimeError("a notebook failed half-way")
    assert (out / "index.html").read_text(encoding="utf-8") == "old", "a failed run leaves the old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]
    with fileio.output_folder(out, owned=lambda n: n.endswith(".html")) as tmp:
        (tmp / "index.html").write_text("new", encoding="utf-8")
    names = sorted(p.name for p in out.iterdir())
    assert names == [".analysis-output", "index.html", "notes.txt"], "the old pages go, the user's file stays"
    assert (out / "index.html").read_text(encoding="utf-8") == "new"


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_kill_9_of_a_corpus_run_leaves_no_worker_and_no_mix(tmp_path):
    src = corpus.write_jsonl(corpus.synthetic_records(600, seed=5), tmp_path / "big.jsonl")
    out = tmp_path / "out"
    corpus.run_corpus(corpus.write_jsonl(corpus.synthetic_records(2), tmp_path / "small.jsonl"), out,
                      scheduler="sequential", progress=False)
    before = corpus.read_summary(out)
    p = subprocess.Popen([sys.executable, "-m", "analysis", "corpus", str(src), "--out", str(out), "--workers", "2",
                          "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(workers) < 2 and p.poll() is None:
        time.sleep(0.2)
        workers = _children(p.pid)
    assert len(workers) >= 2 and p.poll() is None, "the run started its worker processes"
    time.sleep(1.0)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "the workers die with their parent"
    assert corpus.read_summary(out) == before, "readers still see the old run, whole"
    assert [x for x in tmp_path.iterdir() if x.name.startswith(".out.partial")], "the killed run's folder is there"
    corpus.run_corpus(tmp_path / "small.jsonl", out, scheduler="sequential", progress=False)
    assert not [x for x in tmp_path.iterdir() if x.name.startswith(".out.")], "and the next run removes it"


def test_killed_kernels_files_are_removed(tmp_path):
    import tempfile

    dead = Path(tempfile.gettempdir()) / f"{fileio.KERNEL_PREFIX}999999999-x"
    (dead / "kernel-00_article.json").parent.mkdir(exist_ok=True)
    (dead / "kernel-00_article.json").write_text("{}", encoding="utf-8")
    with fileio.kernel_runtime() as mine:
        assert mine.is_dir() and not dead.exists()
    assert not mine.exists()


# --------------------------------------------------------------------- 3. corpus isolation
def test_every_corpus_record_and_file_is_isolated(tmp_path):
    src = tmp_path / "in"
    (src / "rt").mkdir(parents=True)
    (src / "rt" / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret: " + GOOD, encoding="utf-8")
    (src / "leak.txt").symlink_to(outside)
    (src / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(src / "pipe.txt")
    (src / "inside.txt").symlink_to(src / "rt" / "good.txt")
    s = corpus.run_corpus(src, tmp_path / "out", scheduler="sequential", progress=False)
    e = corpus.read_table(tmp_path / "out", "errors").set_index("article_id").reason
    assert "symbolic link loop" in e["loop"]
    assert "outside the input folder" in e["leak"]
    assert "character device" in e["zero"] or "outside the input folder" in e["zero"]
    assert "FIFO" in e["pipe"]
    texts = corpus.read_table(tmp_path / "out", "texts")
    assert not texts.text.str.contains("Secret").any(), "a link out of the folder is not followed"
    assert set(texts.article_id) == {"rt/good", "inside"} and s["analysed"] == 2


def test_lone_surrogates_and_broken_csv_rows_become_error_rows(tmp_path):
    jl = tmp_path / "c.jsonl"
    jl.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n"
                  + '{"id": "bad", "outlet": "X\\udc00", "text": "Lavrov said \\ud800 to the press in Moscow."}\n'
                  + json.dumps({"id": "c", "text": GOOD.replace("Monday", "Friday")}) + "\n", encoding="utf-8")
    s = corpus.run_corpus(jl, tmp_path / "o1", scheduler="sequential", progress=False)
    assert (s["analysed"], s["failed"]) == (2, 1)
    err = corpus.read_table(tmp_path / "o1", "errors").iloc[0]
    assert err.article_id == "bad" and "surrogate" in err.reason and err.outlet == "X\ufffd"
    c = tmp_path / "c.csv"
    c.write_text("id,text\n1," + GOOD.replace('"', "") + '\n2,"an unterminated quote\n3,'
                 + GOOD.replace('"', "") + "\n4," + GOOD.replace('"', "").replace("Monday", "Friday") + "\n",
                 encoding="utf-8")
    s = corpus.run_corpus(c, tmp_path / "o2", scheduler="sequential", progress=False)
    a = corpus.read_table(tmp_path / "o2", "articles")
    e = corpus.read_table(tmp_path / "o2", "errors")
    assert set(a.article_id) == {"1", "3", "4"}, "the rows after a broken one are read, not swallowed"
    assert len(e) == 1 and "line 3" in e.reason.iloc[0] and "unreadable CSV row" in e.reason.iloc[0]


def test_a_failing_analysis_stops_the_run_with_its_name(tmp_path, monkeypatch, capsys):
    from analysis import loaded
    from analysis.errors import AnalysisFailed

    def broken(article):
        raise KeyError("lexicon column")

    monkeypatch.setattr(loaded, "by_voice_columns", broken)
    src = corpus.write_jsonl(corpus.synthetic_records(2), tmp_path / "c.jsonl")
    with pytest.raises(AnalysisFailed, match=r"analysis loaded \(by_voice_columns\) fails on a short test article"):
        corpus.run_corpus(src, tmp_path / "out", scheduler="sequential", progress=False)
    assert not (tmp_path / "out").exists()
    from analysis import cli

    assert cli.main(["corpus", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "analysis loaded" in err[0] and "KeyError" in err[0], err


# -------------------------------------------------------------------------- 6. user errors
def test_user_errors_are_one_line_with_exit_2(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    one_error_line(cli("report", BUNDLED, "--corpus", empty, "--out", tmp_path / "r", "--quiet"), pattern="empty")
    assert not (tmp_path / "r").exists(), "refused before any notebook ran"
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "actors.csv").write_text("actor,alias\n", encoding="utf-8")
    one_error_line(cli("quotes", BUNDLED, env={**os.environ, "ANALYSIS_LEXICONS": str(lex)}), pattern="lex")
    one_error_line(cli("corpus", BUNDLED, "--out", tmp_path / "c", env={**os.environ, "ANALYSIS_LEXICONS": str(lex)}),
                   pattern="ANALYSIS_LEXICONS")
    french = tmp_path / "fr.txt"  # cp1252 (a warning) and not English (an error): the error alone
    french.write_bytes(("Le ministre a d\u00e9clar\u00e9 mercredi que les \u00c9tats-Unis commettaient une grave "
                        "erreur en m\u00e9nageant ceux qui veulent renverser le pr\u00e9sident, selon le "
                        "minist\u00e8re des Affaires \u00e9trang\u00e8res.").encode("cp1252"))
    one_error_line(cli("quotes", french), pattern="English")
    one_error_line(cli("report", BUNDLED, "--workers", "0"), pattern="positive")


def _small_fs(tmp_path, options):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mnt)], capture_output=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a small file system here ({p.stderr.decode().strip()[:80]})")
    return mnt


@pytest.fixture
def full_disk(tmp_path):
    mnt = _small_fs(tmp_path, "size=96k")
    with open(mnt / "filler", "wb") as f:
        try:
            f.write(b"x" * 200_000)
        except OSError:
            pass
    yield mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.fixture
def read_only(tmp_path):
    mnt = _small_fs(tmp_path, "size=64k,ro")
    yield mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


def test_full_disk_and_read_only_out_are_user_errors(full_disk, tmp_path):
    one_error_line(cli("summary", BUNDLED, "--out", full_disk / "s.json"), pattern="disk full")
    one_error_line(cli("corpus", ROOT / "data" / "corpus" / "syria-2015", "--out", full_disk / "c", "--scheduler",
                       "sequential", "--quiet"), pattern="disk full")
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"], "nothing half-written is left"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_standard_output_is_a_user_error():
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "analysis", "loaded", str(BUNDLED)], stdout=full,
                           stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=300)
    one_error_line(p, pattern="standard output: disk full")


def test_read_only_out_is_a_user_error(read_only):
    one_error_line(cli("loaded", BUNDLED, "--out", read_only / "x.json"), pattern="read-only|permission")
    one_error_line(cli("corpus", BUNDLED, "--out", read_only / "c", "--quiet"), pattern="read-only|permission")


# ----------------------------------------------------------------------------- 8. smaller
def test_alias_files_bom_bad_and_catastrophic_regexes(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text('The Democratic nominee said on Monday that the plan "would fail badly and cost every family '
                   'dearly." Reporters asked the campaign for details.\n', encoding="utf-8")
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffactor,alias,kind\nHillary Clinton,the Democratic nominee,person\n".encode("utf-8"))
    p = cli("quotes", art, "--aliases", bom)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["utterances"][0]["speaker"] == "Hillary Clinton"
    for pattern, word in (("(Clinton", "not a valid regular expression"), ("(a+)+b", "repeated group"),
                          (r"\s*\s*\s*\s*\s*Clinton", "too slow")):
        f = tmp_path / "bad.csv"
        f.write_text(f"actor,alias,match\nHillary Clinton,{pattern},regex\n", encoding="utf-8")
        line = one_error_line(cli("quotes", art, "--aliases", f, timeout=60), pattern=word)
        assert "row 2" in line


def test_fifo_and_link_loop_as_article(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    one_error_line(cli("quotes", fifo, timeout=60), pattern="FIFO")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    one_error_line(cli("quotes", loop, timeout=60), pattern="symbolic link loop")


def test_an_html_page_saved_as_txt_is_extracted_with_a_warning(tmp_path):
    """The README and the loader agree: a page saved with a .txt name is treated like a .html one."""
    page = tmp_path / "page.txt"
    page.write_text("<!DOCTYPE html><html><body><article><p>" + GOOD + "</p><p>Kerry said the talks would go on in "
                    "Vienna next week, the State Department said.</p></article></body></html>", encoding="utf-8")
    p = cli("article", page)
    assert p.returncode == 0, p.stderr
    assert "warning:" in p.stderr and "HTML page reduced" in p.stderr
    assert "Lavrov said Russia" in json.loads(p.stdout)["paragraphs"][0]["text"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "saved as .txt" in readme
