"""Build ``data/compare/``: the shipped comparison set and the version pair (see data/compare/README.md).

    .venv/bin/python scripts/build_compare_data.py [--polnear ../shared/eval/quotes/train/text] [--check]

1. ``second-amendment-2016-08/``: three PolNeAR train texts on one event (Donald Trump's "Second
   Amendment people" remark at a rally in Wilmington, N.C., on 9 August 2016), copied byte for byte
   from the PolNeAR corpus (``networkdynamics/PolNeAR`` @ c3eee833, ``data/train/text/``), with a
   ``metadata.csv`` (outlet, date, title from the file's first line, PolNeAR file name, SHA-256).
   Needs the PolNeAR texts (``--polnear``); run once, the product never reads them.
2. ``versions/rt-2015-lavrov-kerry-syria.without-comments.txt``: the bundled article
   (``data/raw/rt-2015-lavrov-kerry-syria.txt``) without the republisher's inserted paragraphs: every
   line that starts with ``Comment:`` is removed, and the blank lines that framed it collapse to the
   single blank line the rest of the article uses between paragraphs. Nothing else changes.

``--check`` rebuilds in memory and fails if a shipped file differs (no PolNeAR needed for part 2;
part 1 is checked against the SHA-256 recorded in ``metadata.csv``).
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
EVENT = "second-amendment-2016-08"
POLNEAR_COMMIT = "c3eee833"
# PolNeAR file name -> (outlet as PolNeAR codes it, outlet name shown, note)
EVENT_FILES = {
    "breitbart_2016-08-10_secret-service-stops-protester-a.txt":
        ("breitbart", "Breitbart", "a UPI wire story run by Breitbart (dateline DES MOINES, Iowa, Aug. 10 (UPI))"),
    "usa-today_2016-08-10_nd-amendment-people-his-secret-w.txt":
        ("usa-today", "USA Today", "staff report; the first line is the print headline over two lines"),
    "west-journal_2016-08-11_reagan-s-daughter-makes-strong-s.txt":
        ("west-journal", "Western Journalism", "staff report built around Patti Davis's Facebook post"),
}
RAW = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
WITHOUT = OUT / "versions" / "rt-2015-lavrov-kerry-syria.without-comments.txt"
COMMENT_LINE = re.compile(r"^Comment:.*(?:\n|$)", re.M)
BLANK_RUN = re.compile(r"\n{3,}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def without_comments(text: str) -> str:
    """The text minus every line starting with ``Comment:``; runs of blank lines left behind become
    one blank line (the article's own paragraph separator)."""
    return BLANK_RUN.sub("\n\n", COMMENT_LINE.sub("", text))


def event_metadata(texts: dict[str, bytes]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "id", "outlet", "outlet_code", "date", "title", "provenance", "sha256", "note"])
    for name, (code, outlet, note) in EVENT_FILES.items():
        data = texts[name]
        date = name.split("_")[1]
        title = data.decode("utf-8").splitlines()[0].strip()
        w.writerow([name, name[:-4], outlet, code, date, title,
                    f"PolNeAR {POLNEAR_COMMIT} data/train/text/{name}", sha256(data), note])
    return buf.getvalue()


def build(polnear: Path | None, check: bool) -> list[str]:
    problems = []
    event = OUT / EVENT
    if polnear is not None:
        texts = {n: (polnear / n).read_bytes() for n in EVENT_FILES}
        meta = event_metadata(texts)
        if check:
            problems += [f"{n} differs from PolNeAR" for n, d in texts.items() if (event / n).read_bytes() != d]
            if (event / "metadata.csv").read_text(encoding="utf-8") != meta:
                problems.append("metadata.csv differs")
        else:
            event.mkdir(parents=True, exist_ok=True)
            for n, d in texts.items():
                (event / n).write_bytes(d)
            (event / "metadata.csv").write_text(meta, encoding="utf-8")
    elif check:
        with open(event / "metadata.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if sha256((event / row["file"]).read_bytes()) != row["sha256"]:
                    problems.append(f"{row['file']}: SHA-256 differs from metadata.csv")
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
    ap.add_argument("--polnear", type=Path, default=None,
                    help="folder of PolNeAR train texts (e.g. ../shared/eval/quotes/train/text); without it "
                         "only the version pair is built")
    ap.add_argument("--check", action="store_true", help="verify the shipped files instead of writing them")
    args = ap.parse_args(argv)
    problems = build(args.polnear, args.check)
    for p in problems:
        print(f"check failed: {p}", file=sys.stderr)
    if not args.check:
        print(f"wrote {OUT}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
