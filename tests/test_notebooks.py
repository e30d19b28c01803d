"""Every notebook executes headless in a fresh kernel on the bundled article; values are read back
from the executed notebooks; committed notebooks are thin and carry no outputs."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

from analysis import report

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# notebooks with live controls (analysis.live) and a "your own article" note at the top
LIVE_NOTEBOOKS = {"00_article", "01_framing", "02_sentiment_per_speaker", "03_loaded_terms"}


def test_expected_notebooks_exist():
    names = {p.stem for p in NOTEBOOKS}
    assert "00_article" in names
    assert len(NOTEBOOKS) == len(list((ROOT / "notebooks").glob("*.ipynb"))), "every notebook is numbered NN_name"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_without_error(notebook_runs, path):
    run = notebook_runs[path.stem]
    assert run.error is None, run.error
    assert run.records.get("headline"), "each notebook records its headline figures for the report index"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_clean_and_thin(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "commit notebooks without outputs"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[-1].cell_type == "markdown"
    assert "limit" in nb.cells[-1].source.lower(), "the last cell states the method's limits"
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.cells[tagged[0]].cell_type == "code"
    assert code.index(nb.cells[tagged[0]]) == 1, "second code cell is the parameters cell"
    assert report.parameter_names(nb), "the parameters cell assigns parameters"
    if path.stem in LIVE_NOTEBOOKS:
        params = ast.parse(nb.cells[tagged[0]].source)
        values = {t.id: n.value for n in params.body if isinstance(n, ast.Assign) for t in n.targets}
        assert isinstance(values.get("interactive"), ast.Constant) and values["interactive"].value is None, \
            "interactive = None: controls only in a live session"
        intro = nb.cells[0].source.lower()
        assert "your own article" in intro and "`parameters`" in intro, "the top says which cell to edit"
    for c in code:
        tree = ast.parse(c.source)
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in ast.walk(tree)), \
            "logic belongs in analysis/"
        assert c.source.count("\n") < 25, "code cells stay short"
        assert "../shared" not in c.source and "nltk.download" not in c.source


def test_article_notebook_values(executed_notebooks, bundled):
    rec = executed_notebooks["00_article"]
    summary = {r["voice"]: r for r in rec["voice_summary"]}
    assert summary["editorial"]["paragraphs"] == 2
    assert summary["boilerplate"]["paragraphs"] == 2
    assert summary["report"]["words"] > summary["editorial"]["words"] > 0
    assert rec["headline"]["sentences"] == len(bundled.sentences)
    spans = rec["paragraph_voices"]
    assert [bundled.text[r["start"]:r["start"] + 8] for r in spans if r["voice"] == "editorial"] == ["Comment:"] * 2


def test_rendered_html_is_self_contained(notebook_runs):
    run = notebook_runs["00_article"]
    page = run.html.read_text(encoding="utf-8")
    assert "<script src=" not in page and "cdnjs" not in page, "no script fetched from the network"
    assert "data:image/png;base64" in page, "charts are embedded"
    reader = run.reader_html.read_text(encoding="utf-8")
    assert "hl-ipython3" in page and "hl-ipython3" not in reader, "the reader page hides the code"


def actor_names() -> set[str]:
    import pandas as pd

    table = pd.read_csv(ROOT / "data" / "lexicons" / "actors.csv", dtype=str, keep_default_na=False)
    return set(table.actor) | {a for a in table.alias if len(a) > 3}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameterised_notebooks_name_no_actor(path):
    """A notebook run on any article takes its actors from the analysis, never from its code."""
    nb = nbformat.read(path, as_version=4)
    if "article_path" not in report.parameter_names(nb):
        pytest.skip("not run on one article")
    names = actor_names()
    for c in nb.cells:
        if c.cell_type == "code":
            strings = {n.value for n in ast.walk(ast.parse(c.source)) if isinstance(n, ast.Constant)
                       and isinstance(n.value, str)}
            assert not strings & names, f"actor names in code: {sorted(strings & names)}"


def test_headless_runs_leave_no_widget_state(notebook_runs):
    """Headless runs create no control: no widget output or widget state in the executed notebooks,
    no widget script in their pages; every table is an ordinary output."""
    for name, run in notebook_runs.items():
        nb = nbformat.read(run.notebook, as_version=4)
        assert "widgets" not in nb.metadata, name
        kinds = {k for c in nb.cells for o in c.get("outputs", []) for k in o.get("data", {})}
        assert not any("widget" in k for k in kinds), (name, kinds)
        for page in (run.html, run.reader_html):
            if page:
                text = page.read_text(encoding="utf-8")
                assert "application/vnd.jupyter.widget" not in text and "@jupyter-widgets" not in text, page
    tables = [o for c in nbformat.read(notebook_runs["02_sentiment_per_speaker"].notebook, as_version=4).cells
              for o in c.get("outputs", []) if "<table" in str(o.get("data", {}).get("text/html", ""))]
    assert len(tables) >= 4


def test_wide_tables_scroll_in_the_pages(notebook_runs):
    page = notebook_runs["02_sentiment_per_speaker"].reader_html.read_text(encoding="utf-8")
    assert "overflow-x: auto" in page and "overflow-wrap: break-word" in page
