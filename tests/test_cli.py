"""The command line: every analysis prints JSON or CSV with offsets; bad input gives one line on
stderr and exit status 2 (or a warning and a result where it can be analysed); the input file is
never modified; no partial output file is left behind; two runs give byte-identical output."""
from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "raw" / "rt-2015-lavrov-kerry-syria.txt"
SUBCOMMANDS = ["article", "quotes", "sentiment", "frames", "loaded", "summary"]
PRIMARY = {"article": "paragraphs", "quotes": "utterances", "sentiment": "speakers", "frames": "hits", "loaded": "hits",
           "summary": "side_by_side"}


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture(scope="module")
def json_outputs():
    return {sub: cli(sub, BUNDLED, "--format", "json") for sub in SUBCOMMANDS}


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_json_output_has_offsets_that_reproduce_the_text(json_outputs, bundled, sub):
    p = json_outputs[sub]
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["article"] == bundled.name and doc["chars"] == len(bundled.text)
    rows = doc[PRIMARY[sub]]
    assert rows, f"{sub}: no rows on the bundled article"
    assert list(doc)[3] == PRIMARY[sub], "the primary table comes first"
    for table, recs in doc.items():
        if not isinstance(recs, list):
            continue
        for r in recs:
            if isinstance(r.get("start"), int) and isinstance(r.get("end"), int) and r["start"] >= 0:
                assert 0 <= r["start"] <= r["end"] <= len(bundled.text), (sub, table, r)
                for key in ("text", "match", "mention", "cue"):
                    if key in r and isinstance(r[key], str) and table not in ("speakers",) and key != "cue":
                        assert bundled.text[r["start"]:r["end"]] == r[key], (sub, table, key, r)


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_csv_output_and_determinism(json_outputs, sub, tmp_path):
    a = cli(sub, BUNDLED, "--format", "csv")
    b = cli(sub, BUNDLED, "--format", "csv")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout, "two runs give byte-identical CSV"
    rows = list(csv.DictReader(io.StringIO(a.stdout)))
    assert rows and len(rows) == len(json.loads(json_outputs[sub].stdout)[PRIMARY[sub]])
    again = cli(sub, BUNDLED, "--format", "json")
    assert again.stdout == json_outputs[sub].stdout, "two runs give byte-identical JSON"
    out = tmp_path / f"{sub}.json"
    p = cli(sub, BUNDLED, "--format", "json", "--out", out)
    assert p.returncode == 0 and p.stdout == "" and out.read_text(encoding="utf-8") == json_outputs[sub].stdout


def write(tmp_path, name, data: bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


BAD = {
    "empty": (b"", "empty"),
    "whitespace": (b" \n\n\t  \r\n", "empty"),
    "binary": (b"GIF89a\x00\x01\x02\x03\x00" * 20, "binary"),
    "undecodable": (bytes(range(128, 256)) * 8, "undecodable|binary"),
    "non_english": ("Le ministre russe des Affaires \u00e9trang\u00e8res a d\u00e9clar\u00e9 mercredi que les "
                    "\u00c9tats-Unis commettaient une grave erreur en m\u00e9nageant ceux qui veulent utiliser le "
                    "groupe terroriste pour renverser le pr\u00e9sident syrien, selon le minist\u00e8re.".encode(),
                    "English"),
    "cyrillic": ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 "
                 "\u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b "
                 "\u0420\u043e\u0441\u0441\u0438\u0438 \u0421\u0435\u0440\u0433\u0435\u0439 "
                 "\u041b\u0430\u0432\u0440\u043e\u0432 \u0437\u0430\u044f\u0432\u0438\u043b.".encode(), "English"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("sub", ["article", "quotes", "loaded"])
def test_bad_input_one_line_exit_2(tmp_path, case, sub):
    data, match = BAD[case]
    f = write(tmp_path, f"{case}.txt", data)
    out = tmp_path / "out.json"
    p = cli(sub, f, "--out", out)
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), p.stderr
    import re

    assert re.search(match, lines[0]), lines[0]
    assert "Traceback" not in p.stderr
    assert f.read_bytes() == data, "the input file is never modified"
    assert not out.exists() and list(tmp_path.iterdir()) == [f], "no partial output file"


def test_missing_path_directory_and_huge_file(tmp_path):
    for target, match in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "directory")):
        p = cli("quotes", target)
        assert p.returncode == 2 and re_line(p.stderr, match)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        line = b"Lavrov said the United States was making a grave mistake in Syria. " * 100 + b"\n"
        for _ in range(50_000_000 // len(line) + 1):
            f.write(line)
    size = huge.stat().st_size
    p = cli("loaded", huge)
    assert p.returncode == 2 and re_line(p.stderr, "too large")
    assert huge.stat().st_size == size


def re_line(stderr: str, pattern: str) -> bool:
    import re

    lines = stderr.strip().splitlines()
    return len(lines) == 1 and bool(re.search(pattern, lines[0])) and "Traceback" not in stderr


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_analysable_oddities_warn_and_give_a_result(tmp_path, bundled, sub):
    cases = {
        "cp1252.txt": bundled.text.replace("Dick Cheney", "Dick Cheney\u2019s caf\u00e9").encode("cp1252"),
        "utf16.txt": codecs.BOM_UTF16_LE + bundled.text.encode("utf-16-le"),
        "page.html": ("<!DOCTYPE html><html><head><title>t</title></head><body><article>"
                      + "".join(f"<p>{p}</p>" for p in bundled.paragraphs.text) + "</article></body></html>").encode(),
        "unbalanced.txt": (bundled.text.replace('" Lavrov said.', " Lavrov said.", 1)
                           + '\n\nHe said: "and then').encode(),
    }
    for name, data in cases.items():
        f = write(tmp_path, name, data)
        p = cli(sub, f, "--format", "json")
        assert p.returncode == 0, (name, p.stderr)
        doc = json.loads(p.stdout)
        assert isinstance(doc[PRIMARY[sub]], list)
        if name in ("cp1252.txt", "page.html"):
            assert "warning:" in p.stderr, name
        assert "Traceback" not in p.stderr
        assert f.read_bytes() == data


def test_help_lists_every_subcommand():
    p = cli("--help")
    assert p.returncode == 0
    for sub in [*SUBCOMMANDS, "report", "corpus"]:
        assert sub in p.stdout


def test_user_alias_file_corrects_speakers(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text('The Democratic nominee said on Monday that the plan "would fail badly and cost every family '
                   'dearly." Reporters asked the campaign for more details about it later.\n', encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("actor,alias,kind\nHillary Clinton,the Democratic nominee,person\n", encoding="utf-8")
    plain = json.loads(cli("quotes", art, "--format", "json").stdout)["utterances"]
    fixed = cli("quotes", art, "--format", "json", "--aliases", aliases)
    assert fixed.returncode == 0, fixed.stderr
    rows = json.loads(fixed.stdout)["utterances"]
    assert plain[0]["speaker"] != "Hillary Clinton" and rows[0]["speaker"] == "Hillary Clinton"
    assert rows[0]["speaker_mention"] == "The Democratic nominee"
    tone = json.loads(cli("sentiment", art, "--format", "json", "--aliases", aliases).stdout)["speakers"]
    assert "Hillary Clinton" in {r["speaker"] for r in tone}, "every analysis sees the user's aliases"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,other\nx,y\n", encoding="utf-8")
    for f, msg in ((tmp_path / "missing.csv", "no such alias file"), (bad, "needs the columns")):
        p = cli("quotes", art, "--aliases", f)
        assert p.returncode == 2 and msg in p.stderr and len(p.stderr.strip().splitlines()) == 1
