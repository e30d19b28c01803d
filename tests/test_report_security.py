"""Article text and corpus metadata are untrusted: a report on an article full of HTML/JS payloads,
with a corpus whose outlet names and titles are payloads, must run no script; the last gate removes
active content from every rich output without dropping the harmless rest.

The report is opened in headless Chromium (Debian's `chromium`; installed by this test's set-up when
missing, skipped with the reason only where it cannot be installed) driven by Playwright. Every
payload would change the page title or set a flag; the test asserts that none did."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from analysis import corpus, report
from analysis.safehtml import REMOVED_NOTE

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
PAYLOADS = [
    "<script>document.title='PWNED';window.__xss=1</script>",
    "<img src=x onerror=\"document.title='PWNED';window.__xss=2\">",
    "</textarea><script>window.__xss=3</script>",
    "<a href=\"javascript:window.__xss=4\" id=\"jslink\">read</a>",
    "<svg onload=\"window.__xss=5\">",
]


CORPUS_PAYLOADS = [
    "<img src=x onerror=\"document.title='PWNED';window.__xss=6\">",
    "<svg onload=\"window.__xss=7\"><script>window.__xss=8</script></svg>",
    "[read](javascript:window.__xss=9) <a href='javascript:window.__xss=10' id='jslink'>x</a>",
    "**bold** <iframe srcdoc=\"<script>parent.__xss=11</script>\"></iframe>",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "-q", "chromium"]
        for cmd in (install, ["apt-get", "update", "-q"], install):
            subprocess.run(cmd, env=env, capture_output=True, timeout=900)
            if shutil.which("chromium"):
                return shutil.which("chromium")
    return None


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    if not chromium:
        pytest.skip("Chromium is not installed and could not be installed with apt-get here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory, bundled):
    text = bundled.text
    text = text.replace("Lavrov said.", f"Lavrov said. {PAYLOADS[0]}", 1)
    text = text.replace("the Russian FM said", f"the Russian FM {PAYLOADS[1]} said", 1)
    text = text.replace('"moderate"', f'"moderate {PAYLOADS[2]}"', 1)
    text = text.replace("Comment: It's pretty clear", f"Comment: {PAYLOADS[3]} It's pretty clear", 1)
    text = text.replace("Maria Zakharova", f"Maria Zakharova{PAYLOADS[4]}", 1)
    folder = tmp_path_factory.mktemp("hostile")
    src = folder / "hostile-article.txt"
    src.write_text(text, encoding="utf-8")
    records = list(corpus.synthetic_records(4, seed=2))
    for r, outlet in zip(records, CORPUS_PAYLOADS):
        r["outlet"], r["title"] = outlet, CORPUS_PAYLOADS[-1]
    jsonl = corpus.write_jsonl(records, folder / "hostile-corpus.jsonl")
    out = folder / "report"
    index = report.build_report(src, out, progress=False, corpus=jsonl)
    return out, index


def test_payloads_are_in_the_article(hostile_report, bundled):
    out, index = hostile_report
    assert index.exists()
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 3


def test_no_script_runs_in_any_report_page(hostile_report, browser):
    out, _ = hostile_report
    pages = sorted(out.glob("*.html"))
    for page_path in pages:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        title = page.title()
        if page.locator("#jslink").count():
            page.locator("#jslink").first.click()
        flag = page.evaluate("() => window.__xss || 0")
        assert "PWNED" not in title, page_path.name
        assert flag == 0 and not dialogs, page_path.name
        page.close()


def test_payload_text_is_shown_escaped(hostile_report):
    out, _ = hostile_report
    html = (out / "00_article.reader.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title" in html
    assert "<script>document.title" not in html


def test_corpus_payloads_reach_the_page_as_text(hostile_report):
    out, _ = hostile_report
    page = (out / "05_corpus.reader.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in page and "<img src=x" not in page
    assert "&lt;svg onload=" in page and "<svg onload" not in page


def test_the_last_gate_keeps_tables_that_merely_name_javascript(hostile_report):
    """An article that mentions "javascript:" keeps every table: the gate removes elements and
    attributes, never a whole output for a word in its text."""
    out, _ = hostile_report
    for page_path in sorted(out.glob("*.html")):
        assert REMOVED_NOTE not in page_path.read_text(encoding="utf-8"), page_path.name
    page = (out / "00_article.reader.html").read_text(encoding="utf-8")
    assert "javascript:window.__xss=4" in page and page.count("<table") >= 3


def test_the_last_gate_on_every_kind_of_rich_output(tmp_path, browser):
    """Payloads placed directly in outputs (as a bug in an analysis could place them): HTML, Markdown,
    SVG, a Markdown cell and a script output, rendered and opened in Chromium."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    table = ("<table><tr><th>outlet</th></tr><tr><td onmouseover=\"window.__xss=21\">javascript: a harmless word"
             "</td></tr></table><script>window.__xss=22</script><a href=' jav&#x09;ascript:window.__xss=23' "
             "id='jslink'>link</a><img src=x onerror='window.__xss=24'>")
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": table, "text/plain": "t"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "**bold** <img src=x onerror='window.__xss=25'>"
                                                                      " [x](javascript:window.__xss=26)"}),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg' "
                                                     "onload='window.__xss=27'><script>window.__xss=28</script>"
                                                     "<circle r='5'/></svg>"}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "window.__xss=29",
                                                     "text/plain": "js"}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\n\n<img src=x onerror='window.__xss=30'> kept text"),
                nbformat.v4.new_code_cell("x = 1", outputs=outputs)]
    page_path = tmp_path / "gate.html"
    page_path.write_text(report.render_html(nb, code=False), encoding="utf-8")
    html = page_path.read_text(encoding="utf-8")
    assert "javascript: a harmless word" in html and "<table" in html and "kept text" in html and "<h1" in html
    import base64
    import re

    svgs = [base64.b64decode(m).decode() for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]
    svg = next(x for x in svgs if "<circle" in x)
    assert "onload" not in svg and "script" not in svg
    page = browser.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    if page.locator("#jslink").count():
        page.locator("#jslink").first.click()
    page.mouse.move(10, 10)
    assert page.evaluate("() => window.__xss || 0") == 0
    page.close()
