"""The set-up stays true: conda and pip pin the same packages; CI runs the README's test command."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(lines):
    out = {}
    for ln in lines:
        ln = ln.split("#")[0].strip().lstrip("- ").strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)\s*==?\s*([0-9][\w.]*)", ln)
        if m:
            out[re.sub(r"\[.*\]", "", m.group(1)).lower()] = m.group(2)
    return out


def test_environment_yml_pins_the_requirements():
    req = pins((ROOT / "requirements.txt").read_text().splitlines())
    env = pins((ROOT / "environment.yml").read_text().splitlines())
    env.pop("python", None)
    assert req == {k: v for k, v in env.items() if k != "pip"}
    assert "python=3.11" in (ROOT / "environment.yml").read_text()


def test_every_requirement_is_pinned():
    for ln in (ROOT / "requirements.txt").read_text().splitlines():
        ln = ln.split("#")[0].strip()
        if ln:
            assert "==" in ln, ln


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make report" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_required_layout():
    for p in ("notebooks", "data/raw", "data/lexicons", "analysis", "tests", "environment.yml", "README.md",
              "pyproject.toml", "Makefile", ".ci/run", "data/raw/README.md", "data/lexicons/README.md"):
        assert (ROOT / p).exists(), p


def test_lexicons_have_rationale_and_source():
    import pandas as pd

    for f in sorted((ROOT / "data" / "lexicons").glob("*.csv")):
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        assert {"rationale", "source"} <= set(df.columns), f.name
        assert (df.rationale.str.strip() != "").all() and (df.source.str.strip() != "").all(), f.name


def test_bundled_article_is_unchanged():
    import hashlib

    data = (ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "cb2e595fbbb83b31f06905ebd0e27c5f4d1c9646035e902fba1696188fb5d31f"
