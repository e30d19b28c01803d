"""The evidence view (analysis.evidence) on the bundled article, a real article from another outlet
(tests/data, see its README) and hostile text: every utterance is an element with its offsets and
speaker and the speaker's name as text, the article text comes through whole and escaped, every
finding's anchor exists, and the colours are the palette's."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import analysis
from analysis import Article, evidence, loaded, palette, quotes, summary

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "tests" / "data" / "standard.co.uk.caribbean.txt"
LABELS = ("who", "flag", "voice-tag")  # printed labels, not article text


class Page(HTMLParser):
    """Elements of interest and the article text as printed (labels and footnote tags left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.utts, self.marks, self.ids, self.tags, self.attrs = [], [], [], set(), set(), set()
        self.text_parts, self.swatches = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attrs |= {k for k, _ in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        cls = set((a.get("class") or "").split())
        node = {"tag": tag, "cls": cls, "a": a, "label": "", "text": ""}
        if "utt" in cls:
            self.utts.append(node)
        if "m-loaded" in cls:
            self.marks.append(node)
        if "sw" in cls:
            self.swatches.append(a.get("style", ""))
        if tag not in ("input", "br", "meta"):
            self.stack.append(node)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        stack = self.stack
        in_label = any(c in n["cls"] for n in stack for c in LABELS) or any(n["tag"] in ("sup", "style") for n in stack)
        for i, n in enumerate(stack):
            if not in_label:
                n["text"] += data
            elif "utt" in n["cls"] and any("who" in m["cls"] for m in stack[i + 1:]):
                n["label"] += data
        if not in_label and any("text" in n["cls"] and n["tag"] == "div" for n in stack):
            self.text_parts.append(data)


def parse(h: str) -> Page:
    p = Page()
    p.feed(h)
    return p


@pytest.fixture(scope="module", params=["bundled", "wild"])
def article(request, bundled):
    return bundled if request.param == "bundled" else analysis.load_article(WILD)


def test_every_utterance_is_marked_with_its_speaker_as_text(article):
    page = parse(evidence.evidence_html(article))
    q = quotes.find_quotes(article)
    want = {(int(s), int(e), summary.who_name(w)) for s, e, w in zip(q.start, q.end, q.speaker)}
    got = {(int(n["a"]["data-start"]), int(n["a"]["data-end"]), n["a"]["data-speaker"]) for n in page.utts}
    assert got == want and len(q) > 5
    for n in page.utts:
        assert n["label"].startswith(n["a"]["data-speaker"]), n
        assert n["a"]["data-kind"] in n["label"]
    unsure = {(int(n["a"]["data-start"]), int(n["a"]["data-end"])) for n in page.utts if "unsure" in n["cls"]}
    low = {(int(s), int(e)) for s, e, c in zip(q.start, q.end, q.confidence) if float(c) < summary.UNCERTAIN_BELOW}
    assert unsure == low


def test_the_article_text_comes_through_whole(article):
    page = parse(evidence.evidence_html(article))
    paragraphs = [article.text[s:e] for s, e in zip(article.paragraphs.start, article.paragraphs.end)]
    assert "".join(page.text_parts) == "".join(paragraphs)


def test_loaded_terms_carry_their_offsets_and_rationale(article):
    h = evidence.evidence_html(article)
    page = parse(h)
    hits = loaded.tables(article)["hits"]
    spans = {(int(n["a"]["data-start"]), int(n["a"]["data-end"])) for n in page.marks}
    assert spans == set(zip(hits.start.astype(int), hits.end.astype(int)))
    rows = evidence.loaded_rows(article)
    assert (rows.rationale != "").all(), "every loaded term has its lexicon rationale at hand"
    for r in rows.itertuples():
        assert f"row-{r.anchor}" in page.ids and r.anchor in page.ids


def test_every_finding_links_to_an_anchor_on_the_page(article):
    page = parse(evidence.evidence_html(article))
    f = summary.findings(article)
    assert len(f) >= 4
    for a in f.anchor:
        assert a in page.ids, a


def test_colours_come_from_the_palette_one_per_speaker(bundled):
    table = summary.side_by_side(bundled)
    colours = summary.speaker_colours(bundled)
    assert colours == palette.speaker_colours(colours)
    speakers = [w for w in table.who if w not in ("reporter", "editorial")]
    assert len({colours[w] for w in speakers}) == len(speakers), "one colour per speaker"
    page = parse(evidence.evidence_html(bundled))
    assert len(page.swatches) == len(table)
    assert f"background:{colours['Sergey Lavrov']}" in page.swatches[table.who.tolist().index("Sergey Lavrov")]
    lavrov = [n for n in page.utts if n["a"]["data-speaker"] == "Sergey Lavrov"]
    assert all(f"--c:{colours['Sergey Lavrov']}" in n["a"]["style"] for n in lavrov)


def test_palette_is_deterministic_and_order_free():
    names = ["Zed", "reporter", "Ann", "editorial", None, "Bo"]
    a, b = palette.speaker_colours(names), palette.speaker_colours(list(reversed(names)))
    assert a == b and a["reporter"] == palette.VOICE_COLOURS["reporter"] and a[""] == palette.UNATTRIBUTED_COLOUR
    assert len({a["Ann"], a["Bo"], a["Zed"], a["reporter"], a["editorial"]}) == 5


def test_hostile_text_stays_text():
    a = Article.from_text('<script>alert(1)</script> Smith said: "We <img src=x onerror=alert(2)> will win," he '
                          'said.\n\n'
                          'Comment: the <svg onload=alert(3)> regime is appeasing terrorists, Jones said.')
    h = evidence.evidence_html(a)
    page = parse(h)
    assert not page.tags & {"script", "img", "svg", "iframe", "object", "embed"}
    assert not any(x.startswith("on") for x in page.attrs)
    assert "&lt;script&gt;" in h and "<script" not in h
    assert "".join(page.text_parts) == "".join(a.text[s:e] for s, e in zip(a.paragraphs.start, a.paragraphs.end))


def test_fragment_for_notebooks_and_layer_switches(bundled):
    h = evidence.evidence_html(bundled, page=False, ns="x-")
    assert not h.startswith("<!DOCTYPE") and 'id="x-t-loaded"' in h and 'for="x-t-hedges"' in h
    assert "<script" not in h and "http://" not in h and "https://" not in h, "offline, no script"
    page = parse(h)
    assert all(i.startswith("x-") for i in page.ids)
