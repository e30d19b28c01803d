"""`python -m analysis report` on an article the test writes (new names, an editorial voice, curly
and straight quotes): every article notebook runs, the reader pages carry no code, the index shows
each notebook's headline, the input file is untouched, and `make report ARTICLE=...` passes the
path through."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = """Germany calls for talks on Libya ceasefire

Image
\u00a9 Reuters/Staff

German Chancellor Angela Merkel said on Tuesday that a ceasefire in Libya was "the only way out of this spiral of violence" and urged both sides to return to talks in Berlin.

"We cannot accept that weapons keep flowing into the country," Merkel told reporters after meeting the UN envoy. "Everyone who signed the Berlin declaration must keep their word."

The UN envoy, Ghassan Salame, said the truce was fragile but holding. He added that the two camps had agreed to a military commission.

French President Emmanuel Macron claimed that foreign fighters were "pouring in" and warned of a disaster for the whole Mediterranean.

Comment: Once again the hypocritical European powers pose as peacemakers after bombing Libya into chaos in 2011. Their so-called "humanitarian intervention" destroyed a sovereign state.

Talks are expected to resume next week in Geneva, the UN said.
"""


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_report_on_a_generated_article_without_code(tmp_path):
    src = tmp_path / "libya-ceasefire.txt"
    src.write_text(GENERATED, encoding="utf-8")
    before = sha(src)
    out = tmp_path / "report"
    p = subprocess.run([sys.executable, "-m", "analysis", "report", str(src), "--out", str(out), "--no-code", "--quiet"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    assert sha(src) == before, "the input file is never modified"
    stems = sorted(x.stem for x in (ROOT / "notebooks").glob("0[0-4]_*.ipynb"))
    assert len(stems) == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        page_path = out / f"{stem}.html"
        assert page_path.exists() and (out / f"{stem}.ipynb").exists(), stem
        page = page_path.read_text(encoding="utf-8")
        assert "hl-ipython3" not in page, f"{stem}: --no-code pages show no code"
        assert "data:image/png;base64" in page, f"{stem}: charts are embedded"
        assert not (out / f"{stem}.reader.html").exists(), "--no-code writes one page per notebook, without code"
        assert f"href='{stem}.html'" in index
    assert "Angela Merkel gets" in index, "the summary reading heads the index"
    assert index.index("04_summary") < index.index("00_article"), "the summary comes first"
    assert not list(out.glob(".*.tmp")), "no partial files left behind"
    # the summary notebook saw the generated article's speakers and its editorial voice
    nb = (out / "04_summary.ipynb").read_text(encoding="utf-8")
    for name in ("Angela Merkel", "Emmanuel Macron", "editorial"):
        assert name in nb


def test_make_report_passes_the_article_through():
    p = subprocess.run(["make", "-n", "report", "ARTICLE=some/other article.txt", "OUT=/tmp/x"], capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert re.search(r"-m analysis report .*some/other article\.txt.* --out /tmp/x --corpus data/corpus/syria-2015", p.stdout), p.stdout


def test_report_with_a_missing_corpus_fails_cleanly(tmp_path, bundled_path):
    p = subprocess.run([sys.executable, "-m", "analysis", "report", str(bundled_path), "--out", str(tmp_path / "r"),
                        "--corpus", str(tmp_path / "nowhere"), "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "no such corpus" in p.stderr
    assert not (tmp_path / "r").exists(), "nothing is written before the input is checked"
