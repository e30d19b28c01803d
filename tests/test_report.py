"""`python -m analysis report` on an article the test writes (new names, an editorial voice, curly
and straight quotes) with a corrections file: every article notebook runs (and no corpus
notebook), the reader pages carry no code, each page is titled with its notebook and the article,
the index states the findings in plain words with links to evidence.html, no page shows a Python
repr, the input files are untouched, and `make report ARTICLE=...` passes the path through."""
from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = "\n\n".join([
    "Germany calls for talks on Libya ceasefire",
    "Image\n\u00a9 Reuters/Staff",
    "German Chancellor Angela Merkel said on Tuesday that a ceasefire in Libya was \"the only way out of this spiral "
    "of violence\" and urged both sides to return to talks in Berlin.",
    "\"We cannot accept that weapons keep flowing into the country,\" Merkel told reporters after meeting the UN "
    "envoy. \"Everyone who signed the Berlin declaration must keep their word.\"",
    "The UN envoy, Ghassan Salame, said the truce was fragile but holding. He added that the two camps had agreed to "
    "a military commission.",
    "French President Emmanuel Macron claimed that foreign fighters were \"pouring in\" and warned of a disaster for "
    "the whole Mediterranean.",
    "Comment: Once again the hypocritical European powers pose as peacemakers after bombing Libya into chaos in 2011. "
    "Their so-called \"humanitarian intervention\" destroyed a sovereign state.",
    "Talks are expected to resume next week in Geneva, the UN said.\n",
])


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


REPR = re.compile(r"\{'|\{\"|\['|\bnp\.\w+\(|\bnumpy\.|\bdtype\(|\barray\(|<NA>|\bNone\b")


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: tags, styles and scripts removed, entities decoded."""
    page = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


def assert_no_python_repr(page_path: Path) -> None:
    text = visible_text(page_path.read_text(encoding="utf-8"))
    hits = [text[max(0, m.start() - 50):m.end() + 50] for m in REPR.finditer(text)]
    assert not hits, f"{page_path.name} shows Python reprs: {hits[:3]}"


def test_report_on_a_generated_article_without_code(tmp_path):
    src = tmp_path / "libya-ceasefire.txt"
    src.write_text(GENERATED, encoding="utf-8")
    words = "the truce was fragile but holding"
    salame = GENERATED.index(words)
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(f"start,end,speaker\n{salame},{salame + len(words)},Ghassan Salame\n", encoding="utf-8")
    before = sha(src), sha(fixes)
    out = tmp_path / "report"
    p = subprocess.run([sys.executable, "-m", "analysis", "report", str(src), "--out", str(out), "--no-code", "--quiet",
                        "--corrections", str(fixes)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    assert (sha(src), sha(fixes)) == before, "the input files are never modified"
    stems = sorted(x.stem for x in (ROOT / "notebooks").glob("0[0-4]_*.ipynb"))
    assert len(stems) == 5
    assert not (out / "05_corpus.html").exists() and not (out / "corpus").exists(), "no corpus unless one is given"
    index = (out / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        page_path = out / f"{stem}.html"
        assert page_path.exists() and (out / f"{stem}.ipynb").exists(), stem
        page = page_path.read_text(encoding="utf-8")
        assert "hl-ipython3" not in page, f"{stem}: --no-code pages show no code"
        assert "data:image/png;base64" in page, f"{stem}: charts are embedded"
        assert not (out / f"{stem}.reader.html").exists(), "--no-code writes one page per notebook, without code"
        assert f"href='{stem}.html'" in index
        title = re.search(r"<title>(.*?)</title>", page).group(1)
        assert title.startswith(stem[:2] + " \u00b7 ") and title.endswith(" \u00b7 libya-ceasefire"), title
        assert_no_python_repr(page_path)
    for name in ("index.html", "evidence.html"):
        assert_no_python_repr(out / name)
    # the findings head the index, each with a link to its evidence; validation figures are apart
    findings = index[index.index("id='findings'"):index.index("id='pages'")]
    assert "Angela Merkel gets" in findings and 'href="evidence.html#who-angela-merkel-' in findings
    assert "macro-F1" not in findings and "macro-F1" in index[index.index("id='trust'"):]
    assert "1 correction to who says what applied" in index
    evidence = (out / "evidence.html").read_text(encoding="utf-8")
    assert 'data-speaker="Angela Merkel"' in evidence and "<title>Evidence \u00b7 libya-ceasefire</title>" in evidence
    assert not list(out.glob(".*.tmp")), "no partial files left behind"
    # the notebooks saw the generated article's speakers, its editorial voice and the corrections file
    nb = (out / "04_summary.ipynb").read_text(encoding="utf-8")
    for name in ("Angela Merkel", "Emmanuel Macron", "editorial", "fixes.csv"):
        assert name in nb


def test_make_report_passes_the_article_through():
    def make(*args) -> str:
        p = subprocess.run(["make", "-n", "report", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert p.returncode == 0, p.stderr
        return p.stdout

    out = make("ARTICLE=some/other article.txt", "OUT=/tmp/x")
    assert re.search(r'-m analysis report "some/other article\.txt" --out "/tmp/x"', out), out
    assert "--corpus" not in out and "--corrections" not in out, "the user's article only: no corpus unless given"
    assert "--corpus" not in make(), "the bundled article only, by default"
    out = make("CORPUS=data/corpus/syria-2015", "CORRECTIONS=my fixes.csv")
    assert '--corpus "data/corpus/syria-2015"' in out and '--corrections "my fixes.csv"' in out, out


def test_report_with_a_missing_corpus_fails_cleanly(tmp_path, bundled_path):
    p = subprocess.run([sys.executable, "-m", "analysis", "report", str(bundled_path), "--out", str(tmp_path / "r"),
                        "--corpus", str(tmp_path / "nowhere"), "--quiet"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "no such corpus" in p.stderr
    assert not (tmp_path / "r").exists(), "nothing is written before the input is checked"
