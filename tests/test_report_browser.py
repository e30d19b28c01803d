"""The report's evidence page and index in a real browser (Playwright driving Debian's chromium;
installed by the set-up of tests/test_report_security.py when missing, skipped with the reason only
where it cannot be), on the bundled article and on a real article from another outlet
(tests/data/standard.co.uk.caribbean.txt): every utterance's speaker name is visible text beside
it, switching a layer off hides its marks (and on shows them again), every finding's link lands on
its evidence, and the console shows no errors.

With ``REPORT_SCREENSHOTS=DIR`` the test saves its screenshots there (the README's come from
``REPORT_SCREENSHOTS=docs/screenshots``)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import report

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {"bundled": ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt",
            "standard": ROOT / "tests" / "data" / "standard.co.uk.caribbean.txt"}
SHOTS = os.environ.get("REPORT_SCREENSHOTS")

VISIBLE_JS = ("el => !!el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})"
              " && el.getClientRects().length > 0")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """A report on each article, built before the browser starts (Playwright's sync API holds an
    event loop that the notebook runner's own would clash with); one cheap notebook is enough here
    (the index and the evidence page do not depend on which notebooks ran), all of them when the
    screenshots are kept."""
    out = {}
    for name, path in ARTICLES.items():
        folder = tmp_path_factory.mktemp(f"browser-{name}")
        cheap = None if SHOTS else [report.NOTEBOOKS / "00_article.ipynb"]  # screenshots show the whole report
        report.build_report(path, folder, progress=False, notebooks=cheap)
        out[name] = folder
    return out


@pytest.fixture(scope="module")
def browser(reports):
    from test_report_security import CHROMIUM_FLAGS, find_chromium

    chromium = find_chromium()
    if not chromium:
        pytest.skip("Chromium is not installed and could not be installed with apt-get here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(params=sorted(ARTICLES))
def built(request, reports, browser):
    return request.param, reports[request.param]


def open_page(browser, path: Path, width: int = 1100, height: int = 1400):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def shot(page, name: str, full: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=full)


def marks_shown(page, selector: str) -> list[bool]:
    """For each element matching ``selector``: does it still look marked (a background, an
    underline, a shadow, or a visible label)?"""
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].map(el => {
        const s = getComputedStyle(el);
        const bg = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
        const line = s.textDecorationLine !== 'none' || s.boxShadow !== 'none' || parseFloat(s.borderBottomWidth) > 0;
        return bg || line || s.fontStyle === 'italic';
    })""", selector)


def test_speaker_names_are_visible_text(built, browser):
    name, out = built
    page, problems = open_page(browser, out / "evidence.html")
    utts = page.evaluate(f"""() => [...document.querySelectorAll('.utt')].map(el => {{
        const who = el.querySelector(':scope > .who');
        return {{speaker: el.dataset.speaker, start: el.dataset.start, end: el.dataset.end,
                 label: who ? who.innerText : '', visible: ({VISIBLE_JS})(who)}};
    }})""")
    assert len(utts) > 5
    for u in utts:
        assert u["start"] and u["end"] and u["speaker"], u
        assert u["visible"] and u["label"].startswith(u["speaker"]), u
    unsure = page.evaluate(f"() => [...document.querySelectorAll('.utt.unsure > .flag')].map({VISIBLE_JS})")
    assert unsure and all(unsure), "unsure attributions carry a visible flag"
    shot(page, f"evidence-{name}.png")
    editorial = page.locator("p.voice-editorial")
    if SHOTS and editorial.count():
        page.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80)",
                      editorial.first.element_handle())
        shot(page, f"evidence-{name}-editorial.png")
    assert not problems, problems
    page.close()


@pytest.mark.parametrize("layer, selector, labels", [
    ("loaded", ".m-loaded", ".tag-loaded"), ("frames", ".m-frame", ".tag-frame"),
    ("hedges", ".m-hedge", ".tag-hedge"), ("speech", ".utt", ".utt > .who")])
def test_switching_a_layer_off_hides_its_marks(built, browser, layer, selector, labels):
    name, out = built
    page, problems = open_page(browser, out / "evidence.html")
    if not page.locator(selector).count():
        pytest.skip(f"no {layer} marks in {name}")
    assert all(marks_shown(page, selector)), f"{layer} marks show when the page opens"
    page.click(f"label[for='t-{layer}']")
    assert not any(marks_shown(page, selector)), f"{layer} switched off still shows marks"
    assert not any(page.evaluate(f"() => [...document.querySelectorAll('{labels}')].map({VISIBLE_JS})"))
    others = {"loaded": ".m-loaded", "hedges": ".m-hedge", "speech": ".utt", "frames": ".m-frame"}
    for other, sel in others.items():
        if other != layer and page.locator(sel).count():
            assert all(marks_shown(page, sel)), f"switching {layer} off leaves {other} on"
    if layer == "loaded" and name == "bundled":
        shot(page, "evidence-bundled-loaded-off.png")
    page.click(f"label[for='t-{layer}']")
    assert all(marks_shown(page, selector)), f"{layer} switched on again shows its marks"
    assert not problems, problems
    page.close()


def test_index_findings_link_to_their_evidence(built, browser):
    name, out = built
    page, problems = open_page(browser, out / "index.html", height=1800)
    links = page.evaluate("() => [...document.querySelectorAll('#findings + ul a.ev-link')]"
                          ".map(a => a.getAttribute('href'))")
    text = page.inner_text("body")
    assert len(links) >= 4 and "How far to trust these numbers" in text
    for needle in ("{'", "['", "np.float", "np.int"):
        assert needle not in text
    shot(page, f"index-{name}.png")
    assert not problems, problems
    page.close()
    ev, problems = open_page(browser, out / "evidence.html")
    for href in links:
        assert href.startswith("evidence.html#"), href
        anchor = href.split("#", 1)[1]
        ev.goto((out / "evidence.html").as_uri() + "#" + anchor)
        target = ev.locator(f"[id='{anchor}']")
        assert target.count() == 1, href
        assert ev.evaluate(VISIBLE_JS, target.element_handle()) or anchor.startswith("layer-"), href
    assert not problems, problems
    ev.close()
