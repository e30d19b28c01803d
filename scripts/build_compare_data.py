"""Build ``data/compare/``: the shipped comparison set and the version pair (see data/compare/README.md).

    .venv/bin/python scripts/build_compare_data.py --nfc ../shared/eval/frames/nfc_dev.tsv   # (re)build
    .venv/bin/python scripts/build_compare_data.py --check [--nfc ../shared/eval/frames/nfc_dev.tsv]

A development script: the product never runs it and never reads ``../shared``.

1. ``ipcc-1.5c-report-2018-10-08/``: four articles of 8 October 2018 on the IPCC's special report on
   global warming of 1.5 °C, taken from the Narrative Frames Corpus (Frermann, Li, Khanehzar &
   Mikolajczak, ACL 2023; ``phenixace/narrative-framing@197314df``, MIT licence), as held in
   ``nfc_dev.tsv`` (one row per article, its ``text`` flattened to one line). Each file is the
   row's ``text`` with the edits listed in :data:`EDITS` and nothing else: the headline put on a
   line of its own, and quotation marks that the corpus's flattening displaced put back (see
   data/compare/README.md for the rule and why). ``metadata.csv`` (one row per file) and
   ``edits.csv`` (one row per edit, with offsets into the corpus text and into the file) say what
   was done; ``NFC-LICENSE`` is the corpus's licence, copied byte for byte.
2. ``versions/rt-2015-lavrov-kerry-syria.without-comments.txt``: the bundled article
   (``data/raw/rt-2015-lavrov-kerry-syria.txt``) without the republisher's inserted paragraphs: every
   line that starts with ``Comment:`` is removed, and the blank lines that framed it collapse to the
   single blank line the rest of the article uses between paragraphs. Nothing else changes.

``--check`` verifies the shipped files without writing: with ``--nfc`` it rebuilds everything in
memory and compares byte for byte; without it, each file's SHA-256 against ``metadata.csv``, the
edits against ``edits.csv``, and the version pair against the bundled article.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "compare"
EVENT = "ipcc-1.5c-report-2018-10-08"
NFC_REPOSITORY = "phenixace/narrative-framing@197314df"
NFC_LICENCE = "MIT (NFC-LICENSE: Copyright (c) 2023 Lea Frermann)"
NFC_SPLIT = "dev: in ../shared/eval/frames/nfc_dev.tsv, the evaluation data of analysis.framing.generic_frames"
# NFC row id -> (file, outlet as shown, note)
ARTICLES = {
    "423": ("huffpost.txt", "HuffPost",
            "staff report on what the report means for Republicans who back a carbon tax; opens with a photo "
            "credit and caption (Kirsti McCluer / Reuters ...) that the corpus kept in the text"),
    "537": ("npr.txt", "NPR",
            "staff report on the report's findings and on carbon removal; the corpus gives the headline twice"),
    "408": ("politicususa-reuters.txt", "PoliticusUSA (Reuters)",
            "a Reuters wire story (dateline LONDON/SEOUL (Reuters)) run by PoliticusUSA; the mbfc rating is "
            "PoliticusUSA's, the words are Reuters'"),
    "381": ("the-daily-caller.txt", "The Daily Caller",
            "staff report on what the report says about extreme weather, and on other outlets' coverage"),
}
HEADLINE, MOVED, ADDED = "headline on its own line", "opening quotation mark moved back", "closing quotation mark added"
# NFC row id -> [(kind, text in the corpus, text in the file)]: each "before" occurs exactly once in the
# row's text; "after" replaces it. Quotation marks: the corpus's flattening glued the opening mark of a
# quotation that began a paragraph to the end of the sentence before it ('air." Limiting' for
# 'air. "Limiting'); the mark goes back to the word it opens. Every mark moved is the (2k+1)-th of its
# article, so it opens a quotation, and after the edits the marks alternate open/close (checked below).
EDITS = {
    "423": [
        (HEADLINE, "Free-Market Dogma Kirsti", "Free-Market Dogma\nKirsti"),
        (MOVED, 'avoid climate disaster." The only', 'avoid climate disaster. "The only'),
        (MOVED, "science into question.\" It's totally", "science into question. \"It's totally"),
        (MOVED, 'regardless of policy." steep enough', 'regardless of policy. "steep enough'),
    ],
    "537": [
        (HEADLINE, "Millions Without Action Climate Report", "Millions Without Action\nClimate Report"),
        (MOVED, 'in South Korea." Limiting', 'in South Korea. "Limiting'),
        (MOVED, 'yet to be invented." We have', 'yet to be invented. "We have'),
        (MOVED, 'one million marbles." The best', 'one million marbles. "The best'),
    ],
    "408": [
        (HEADLINE, "rapid steps: U.N. report LONDON/SEOUL", "rapid steps: U.N. report\nLONDON/SEOUL"),
        (MOVED, 'from the air." Limiting', 'from the air. "Limiting'),
        (MOVED, 'virtually wiped out." The report', 'virtually wiped out. "The report'),
    ],
    "381": [
        (HEADLINE, "Of Climate Activists The United", "Of Climate Activists\nThe United"),
        (MOVED, 'events to increase." The IPCC', 'events to increase. "The IPCC'),
        # the quotation opened at 'there is "low confidence in the sign of drought trends' is never closed:
        # the next mark ('there are "likely') opens another. The IPCC's sentence quoted ends at "global
        # scale", the only sentence end between the two marks.
        (ADDED, "since 1950 at global scale. The report", "since 1950 at global scale.\" The report"),
        (MOVED, 'their own evidence." One of', 'their own evidence. "One of'),
    ],
}
META_COLUMNS = ["file", "id", "outlet", "mbfc", "date", "title", "nfc_id", "repository", "nfc_split", "licence",
                "corpus_sha256", "sha256", "edits", "words", "note"]
EDIT_COLUMNS = ["file", "nfc_id", "edit", "kind", "corpus_start", "corpus_end", "file_start", "file_end", "before",
                "after"]
RAW = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
WITHOUT = OUT / "versions" / "rt-2015-lavrov-kerry-syria.without-comments.txt"
COMMENT_LINE = re.compile(r"^Comment:.*(?:\n|$)", re.M)
BLANK_RUN = re.compile(r"\n{3,}")
OPENER = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)')


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def without_comments(text: str) -> str:
    """The text minus every line starting with ``Comment:``; runs of blank lines left behind become
    one blank line (the article's own paragraph separator)."""
    return BLANK_RUN.sub("\n\n", COMMENT_LINE.sub("", text))


def quote_marks_alternate(text: str) -> list[int]:
    """Offsets of the double quotation marks that break open/close alternation: every even-numbered
    mark (0, 2, ...) must look like an opener (start, space, bracket or dash before it, a non-space
    after it), every odd-numbered one must not."""
    opens = {m.start() for m in OPENER.finditer(text)}
    return [i for k, i in enumerate(m.start() for m in re.finditer('"', text)) if (i in opens) != (k % 2 == 0)]


def edited(nfc_id: str, text: str) -> tuple[str, list[dict]]:
    """The corpus text of row ``nfc_id`` with its :data:`EDITS` applied, and one record per edit
    (offsets into the corpus text and into the edited text)."""
    records, shift, out = [], 0, text
    spans = []
    for kind, before, after in EDITS[nfc_id]:
        if text.count(before) != 1:
            raise ValueError(f"NFC {nfc_id}: {before!r} occurs {text.count(before)} times in the corpus text")
        spans.append((text.index(before), kind, before, after))
    for k, (start, kind, before, after) in enumerate(sorted(spans)):
        at = start + shift
        assert out[at:at + len(before)] == before
        out = out[:at] + after + out[at + len(before):]
        records.append({"nfc_id": nfc_id, "edit": k + 1, "kind": kind, "corpus_start": start,
                        "corpus_end": start + len(before), "file_start": at, "file_end": at + len(after),
                        "before": before, "after": after})
        shift += len(after) - len(before)
    return out, records


def read_nfc(path: Path) -> dict[str, dict]:
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t") if r["id"] in ARTICLES}
    missing = sorted(set(ARTICLES) - set(rows))
    if missing:
        raise ValueError(f"{path}: no row with id {', '.join(missing)}")
    return rows


def _csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def event_files(nfc: Path) -> dict[str, bytes]:
    """Every file of the event folder, built from ``nfc`` (``nfc_dev.tsv``; ``NFC-LICENSE`` beside it)."""
    from analysis.resources import WORD_RE

    rows, files, meta, edits = read_nfc(nfc), {}, [], []
    for nfc_id, (name, outlet, note) in ARTICLES.items():
        r = rows[nfc_id]
        text, rec = edited(nfc_id, r["text"])
        bad = quote_marks_alternate(text)
        if bad:
            raise ValueError(f"NFC {nfc_id}: quotation marks still out of step at {bad}")
        data = text.encode("utf-8")
        files[name] = data
        meta.append({"file": name, "id": name[:-4], "outlet": outlet, "mbfc": r["mbfc"], "date": r["date"],
                     "title": text.split("\n", 1)[0], "nfc_id": nfc_id, "repository": NFC_REPOSITORY,
                     "nfc_split": NFC_SPLIT, "licence": NFC_LICENCE,
                     "corpus_sha256": sha256(r["text"].encode("utf-8")), "sha256": sha256(data),
                     "edits": "; ".join(f"{sum(e['kind'] == k for e in rec)} × {k}" for k in (HEADLINE, MOVED, ADDED)
                                        if any(e["kind"] == k for e in rec)),
                     "words": len(WORD_RE.findall(text)), "note": note})
        edits += [{"file": name, **e} for e in rec]
    files["metadata.csv"] = _csv(meta, META_COLUMNS).encode("utf-8")
    files["edits.csv"] = _csv(edits, EDIT_COLUMNS).encode("utf-8")
    files["NFC-LICENSE"] = (nfc.parent / "NFC-LICENSE").read_bytes()
    return files


def check_shipped(event: Path) -> list[str]:
    """Without the corpus: every file's SHA-256 as ``metadata.csv`` records it, the edits of
    ``edits.csv`` where they say, the quotation marks in step, the licence present."""
    problems = []
    with open(event / "metadata.csv", encoding="utf-8", newline="") as f:
        meta = list(csv.DictReader(f))
    with open(event / "edits.csv", encoding="utf-8", newline="") as f:
        edits = list(csv.DictReader(f))
    if sorted(r["nfc_id"] for r in meta) != sorted(ARTICLES):
        problems.append("metadata.csv does not list the articles this script ships")
    for r in meta:
        data = (event / r["file"]).read_bytes()
        if sha256(data) != r["sha256"]:
            problems.append(f"{r['file']}: SHA-256 differs from metadata.csv")
        text = data.decode("utf-8")
        if quote_marks_alternate(text):
            problems.append(f"{r['file']}: quotation marks out of step")
        for e in (e for e in edits if e["file"] == r["file"]):
            if text[int(e["file_start"]):int(e["file_end"])] != e["after"]:
                problems.append(f"{r['file']}: edit {e['edit']} is not at {e['file_start']}")
    if b"MIT License" not in (event / "NFC-LICENSE").read_bytes():
        problems.append("NFC-LICENSE is not the corpus's MIT licence")
    extra = sorted(p.name for p in event.iterdir() if p.name not in {r["file"] for r in meta}
                   | {"metadata.csv", "edits.csv", "NFC-LICENSE"})
    if extra:
        problems.append(f"files this script does not ship: {', '.join(extra)}")
    return problems


def build(nfc: Path | None, check: bool) -> list[str]:
    problems = []
    event = OUT / EVENT
    if nfc is not None:
        files = event_files(nfc)
        if check:
            problems += [f"{n} is not what this script builds" for n, d in files.items()
                         if not (event / n).is_file() or (event / n).read_bytes() != d]
        else:
            event.mkdir(parents=True, exist_ok=True)
            for n, d in files.items():
                (event / n).write_bytes(d)
    if check:
        problems += check_shipped(event)
    derived = without_comments(RAW.read_text(encoding="utf-8"))
    if check:
        if WITHOUT.read_text(encoding="utf-8") != derived:
            problems.append(f"{WITHOUT.name} is not what this script builds")
    else:
        WITHOUT.parent.mkdir(parents=True, exist_ok=True)
        WITHOUT.write_text(derived, encoding="utf-8")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nfc", type=Path, default=None,
                    help="the Narrative Frames Corpus rows (../shared/eval/frames/nfc_dev.tsv); without it only "
                         "the version pair is built")
    ap.add_argument("--check", action="store_true", help="verify the shipped files instead of writing them")
    args = ap.parse_args(argv)
    try:
        problems = build(args.nfc, args.check)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"check failed: {p}", file=sys.stderr)
    if not args.check:
        print(f"wrote {OUT}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
