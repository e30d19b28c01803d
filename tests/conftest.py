"""Shared fixtures: the bundled article, and every notebook executed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

import analysis
from analysis import report

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    return BUNDLED


@pytest.fixture(scope="session")
def bundled() -> analysis.Article:
    return analysis.load_article(BUNDLED)


@pytest.fixture(scope="session")
def notebook_runs(tmp_path_factory) -> dict[str, report.NotebookRun]:
    """Every numbered notebook executed headless (fresh kernels, two at a time) on the bundled
    article, rendered to HTML; keyed by notebook stem. Failures are kept in ``run.error``."""
    out = tmp_path_factory.mktemp("executed")
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    runs = report.run_notebooks(notebooks, {"article_path": str(BUNDLED)}, out, progress=False, strict=False)
    return {r.name: r for r in runs}


@pytest.fixture(scope="session")
def executed_notebooks(notebook_runs) -> dict[str, dict]:
    """Values each notebook recorded with ``nbtools.record``, keyed by notebook stem; a notebook
    that failed makes the test that reads it fail with the notebook's error."""

    class Records(dict):
        def __getitem__(self, name):
            run = notebook_runs[name]
            if run.error:
                pytest.fail(f"notebook {name} failed: {run.error}")
            return run.records

    return Records({k: v.records for k, v in notebook_runs.items()})


NOTEBOOK_FIXTURES = {"notebook_runs", "executed_notebooks"}


def pytest_collection_modifyitems(config, items):
    """Tests that read the executed notebooks share one xdist worker (``--dist loadgroup``), so the
    session fixture runs the notebooks once instead of once per worker."""
    for item in items:
        if NOTEBOOK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("notebooks"))
