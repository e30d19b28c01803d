"""In JupyterLab, notebook 02 offers live controls: changing the speaker control changes its table.

A real JupyterLab server (this venv's, on a free localhost port, with a token; ``--allow-root`` as
root) serves a copy of the notebook beside a link to ``data/`` (so autosave never touches the
committed notebook, and its ``../data/raw/...`` path resolves); Playwright drives Debian's
Chromium (found or installed as in ``test_report_security``). The server, its kernels and the
browser are stopped at the end whatever happens. Set ``ANALYSIS_SCREENSHOTS=DIR`` to keep a
screenshot of the notebook before and after the change."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis import sentiment

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "02_sentiment_per_speaker.ipynb"
UPLOAD = ("The city council approved the new bridge on Monday after a long debate.\n\n"
          '"We are proud of this bridge and the people who built it," Mayor Ana Ruiz said.\n\n'
          "Critics called the project a waste of public money.\n")
WAIT_MS = 180_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, method: str = "GET"):
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.read()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``(base_url, token, root)`` of a JupyterLab server over a folder holding a copy of notebook 02."""
    home = tmp_path_factory.mktemp("lab")
    root = home / "project"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    (root / "data").mkdir()  # uploads land in this copy's data/uploads, never in the repository
    (root / "data" / "raw").symlink_to(ROOT / "data" / "raw", target_is_directory=True)
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JPY_")}
    env.update(JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
           "jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = home / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited ({proc.returncode}): {log.read_text()[-2000:]}")
            try:
                json.loads(_get(f"{base}/api/status?token={token}"))
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not answer in 120 s: {log.read_text()[-2000:]}")
        yield base, token, root
    finally:
        try:  # the server shuts its kernels down, then exits
            _get(f"{base}/api/shutdown?token={token}", method="POST")
            proc.wait(30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(scope="module")
def chromium():
    from test_report_security import CHROMIUM_FLAGS, find_chromium

    path = find_chromium()
    if not path:
        pytest.skip("Chromium is not installed and could not be installed with apt-get here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def table_speakers(page, cell) -> list[str]:
    """The speaker column of the table under the utterance controls (read from the DOM)."""
    return page.evaluate("""cell => Array.from(cell.querySelectorAll('.jp-OutputArea-output table tbody tr'))
                                  .map(tr => tr.querySelector('td').textContent.trim())""", cell.element_handle())


def test_speaker_control_filters_the_utterance_table(lab, chromium, bundled):
    base, token, root = lab
    shots = os.environ.get("ANALYSIS_SCREENSHOTS")
    utterances = sentiment.tables(bundled)["utterances"]
    speaker = "Maria Zakharova"
    expected = int((utterances.speaker == speaker).sum())
    assert 0 < expected < len(utterances)

    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK}?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=WAIT_MS)
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=WAIT_MS)
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    select = page.locator(".analysis-controls-utterances .analysis-filter-speaker select")
    select.wait_for(state="attached", timeout=WAIT_MS)
    picker = page.locator(".analysis-article select")
    assert picker.input_value().endswith("data/raw/rt-2015-lavrov-kerry-syria.txt")
    if page.get_by_role("button", name="No", exact=True).count():  # JupyterLab's news prompt
        page.get_by_role("button", name="No", exact=True).click()
    if shots:
        picker.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(shots) / "lab-02-top.png"))
    cell = page.locator(".jp-Cell", has=page.locator(".analysis-controls-utterances"))
    cell.scroll_into_view_if_needed()
    before = table_speakers(page, cell)
    assert len(before) == len(utterances) and len(set(before)) > 2, before
    if shots:
        page.screenshot(path=str(Path(shots) / "lab-02-before.png"))

    select.select_option(speaker)
    page.wait_for_function("""cell => { const rows = cell.querySelectorAll('.jp-OutputArea-output table tbody tr');
                                         return rows.length > 0 && rows.length < %d; }""" % len(before),
                           arg=cell.element_handle(), timeout=60_000)
    after = table_speakers(page, cell)
    assert after == [speaker] * expected
    assert f"{expected} of {len(utterances)} rows" in cell.inner_text()
    if shots:
        cell.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(shots) / "lab-02-after.png"))

    # uploading an article makes it the chosen one, from a checked copy in data/uploads
    mine = root / "council vote.txt"
    mine.write_text(UPLOAD, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator(".analysis-upload").click()
    chooser.value.set_files(str(mine))
    page.wait_for_function("() => document.querySelector('.analysis-article select').value.includes('uploads')",
                           timeout=60_000)
    assert picker.input_value().endswith("data/uploads/council-vote.txt")
    assert (root / "data" / "uploads" / "council-vote.txt").read_text(encoding="utf-8") == UPLOAD
    # the picker's value and its message are two widget updates from the kernel: wait for the second
    page.locator(".jp-Cell", has=picker).get_by_text("Chosen:").wait_for(timeout=60_000)
    assert not errors, errors
    page.close()
