"""Article text is untrusted: a report on an article full of HTML/JS payloads must run no script.

The report is opened in headless Chromium (Debian's `chromium`; installed by this test's set-up when
missing, skipped with the reason only where it cannot be installed) driven by Playwright. Every
payload would change the page title or set a flag; the test asserts that none did."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import report

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
PAYLOADS = [
    "<script>document.title='PWNED';window.__xss=1</script>",
    "<img src=x onerror=\"document.title='PWNED';window.__xss=2\">",
    "</textarea><script>window.__xss=3</script>",
    "<a href=\"javascript:window.__xss=4\" id=\"jslink\">read</a>",
    "<svg onload=\"window.__xss=5\">",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "install", "-y", "-q", "chromium"], ["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
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
    out = folder / "report"
    index = report.build_report(src, out, progress=False)
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
