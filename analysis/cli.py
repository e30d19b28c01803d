"""Command line: ``python -m analysis SUBCOMMAND ARTICLE [options]``.

    python -m analysis quotes    ARTICLE --format json|csv [--out FILE]
    python -m analysis sentiment ARTICLE --format json|csv [--out FILE]
    python -m analysis frames    ARTICLE --format json|csv [--out FILE]
    python -m analysis loaded    ARTICLE --format json|csv [--out FILE]
    python -m analysis summary   ARTICLE --format json|csv [--out FILE]   (side by side + reading)
    python -m analysis article   ARTICLE --format json|csv [--out FILE]   (paragraphs and voices)
    python -m analysis report    ARTICLE [--out DIR] [--no-code] [--workers N] [--corpus INPUT] [--compare INPUT ...]
    python -m analysis corpus    INPUT --out DIR [--workers N] [--scheduler processes|ADDRESS]
    python -m analysis compare   A B [C ...] --format json|csv|parquet [--out DIR] [--by COLUMN]
    python -m analysis diff      OLD NEW --format json|csv|parquet [--out DIR]

Every subcommand takes ``--aliases FILE``: a CSV of your own actor/speaker aliases applied on top of
``data/lexicons/actors.csv`` (passed on to notebooks and corpus workers as ``$ANALYSIS_ALIASES``).

JSON holds every table of the analysis (``{"article": ..., "<table>": [rows]}``, the first table
being the primary one); CSV holds the primary table. Output goes to stdout, or to ``--out`` through
a temporary file and a rename (no partial file is ever left; the input, a folder, a link or a
special file is never overwritten). A user error (bad input, a bad ``--out``, a broken lexicon
folder or alias file) ends with one line on stderr and exit status 2, and nothing else is printed;
warnings (fallback encoding, HTML extracted) are one line each on stderr after a successful run.
Exit status 1 means a bug (``ANALYSIS_DEBUG=1`` shows the traceback).

Adding a subcommand: register a :class:`Command` in :data:`COMMANDS` (its options, and a function
from the parsed arguments to an exit status); options every subcommand takes go in
:data:`COMMON_OPTIONS`.
"""
from __future__ import annotations

import argparse
import importlib
import io
import json
import math
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import AnalysisFailed, ArticleError, OutputError

ANALYSES = {  # subcommand -> (module, what it prints)
    "quotes": ("analysis.quotes", "utterances: speaker, kind, cue, start, end, text"),
    "sentiment": ("analysis.sentiment", "per-speaker sentiment (reporter and editorial voice included)"),
    "frames": ("analysis.framing", "frame cue hits with offsets"),
    "loaded": ("analysis.loaded", "loaded-term hits with offsets"),
    "summary": ("analysis.summary", "the three analyses side by side per voice and speaker, and a generated reading"),
    "article": ("analysis.article", "paragraphs with their voice, and sentences"),
}


# ------------------------------------------------------------------------------ output
def tables_for(sub: str, article) -> dict:
    """The ordered tables of one analysis of ``article`` (first = primary)."""
    if sub == "article":
        return {"paragraphs": article.paragraphs, "sentences": article.sentences}
    return importlib.import_module(ANALYSES[sub][0]).tables(article)


def _plain(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            return _plain(v.item())
        except (ValueError, AttributeError):
            pass
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        return _plain(v.tolist())
    if isinstance(v, (list, tuple, set)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def records(df) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN → null, numpy scalars → Python)."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def render(article, tables: dict, fmt: str) -> str:
    """Tables as JSON (all of them) or CSV (the primary one); byte-identical across runs."""
    if fmt == "json":
        doc = {"article": article.name, "source": article.source, "chars": len(article.text)}
        doc.update({k: records(v) for k, v in tables.items()})
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    primary = next(iter(tables.values()))
    out = primary.copy()
    for c in out.columns:
        if out[c].map(lambda x: isinstance(x, (list, tuple, dict, set))).any():
            out[c] = out[c].map(lambda x: json.dumps(_plain(x), ensure_ascii=False))
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def write_output(text: str, out: str | None) -> None:
    """``text`` to stdout, or atomically to the file ``out``."""
    if out is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            from .fileio import os_error_message

            raise OutputError(os_error_message(e, "standard output", "write")) from None
        return
    from .fileio import atomic_write

    atomic_write(out, text)


# ---------------------------------------------------------------------------- commands
@dataclass
class Command:
    """A subcommand: its help, a function adding its own options, and a function running it."""

    name: str
    help: str
    add_options: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


def _analysis_options(p) -> None:
    p.add_argument("article", metavar="ARTICLE", help="a .txt or .html article file")
    p.add_argument("--format", choices=("json", "csv"), default="json",
                   help="json: every table; csv: the primary table (default json)")
    p.add_argument("--out", metavar="FILE", help="write to FILE (atomically) instead of stdout")


def _run_analysis(args) -> int:
    from .article import load_article
    from .fileio import check_output_file
    from .lexicons import run_reads

    if args.out is not None:
        check_output_file(args.out, reads=run_reads(args.article))
    article = load_article(args.article)
    write_output(render(article, tables_for(args.command, article), args.format), args.out)
    return 0


def _report_options(p) -> None:
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--out", metavar="DIR", default="reports",
                   help="output folder (default reports); replaced as a whole when the report is done")
    p.add_argument("--no-code", action="store_true", help="write the pages without code cells only")
    p.add_argument("--corpus", default=None, metavar="INPUT",
                   help="also run the corpus notebooks on INPUT (folder, CSV or JSONL); tables go to OUT/corpus")
    p.add_argument("--compare", nargs="+", default=None, metavar="INPUT",
                   help="also run the comparison notebook on these inputs (as for the compare subcommand)")
    p.add_argument("--workers", type=_positive, default=2, help="notebooks run at once (default 2)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _run_report(args) -> int:
    from .report import build_report

    index = build_report(args.article, args.out, code=not args.no_code, workers=args.workers,
                         progress=not args.quiet, corpus=args.corpus, compare=args.compare)
    print(index)
    return 0


def _corpus_options(p) -> None:
    p.add_argument("input", metavar="INPUT", help="a folder of .txt/.html files, a .csv or a .jsonl")
    p.add_argument("--out", metavar="DIR", required=True, help="output folder; replaced as a whole at the end")
    p.add_argument("--workers", type=_positive, default=None, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", default="processes",
                   help="'processes' (local Dask), 'sequential', or a Dask scheduler address")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _run_corpus(args) -> int:
    from . import corpus

    summary = corpus.run_corpus(args.input, args.out, workers=args.workers, scheduler=args.scheduler,
                                progress=not args.quiet)
    print(json.dumps(summary, indent=1))
    return 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return n


COMMANDS: dict[str, Command] = {
    name: Command(name, what, _analysis_options, _run_analysis, f"Print {what}.")
    for name, (_, what) in ANALYSES.items()
}
COMMANDS["report"] = Command("report", "run every notebook on an article and write HTML reports", _report_options,
                             _run_report)
COMMANDS["corpus"] = Command("corpus", "analyse a folder, CSV or JSONL of articles into Parquet tables",
                             _corpus_options, _run_corpus)


def _compare_options(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--by", default="outlet", metavar="COLUMN",
                   help="metadata column that names the groups (default outlet)")
    p.add_argument("--rounds", type=_positive, default=2000, help="bootstrap rounds (default 2000; seeded)")
    _tables_options(p)


def _diff_options(p) -> None:
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    _tables_options(p)


def _tables_options(p) -> None:
    p.add_argument("--format", choices=("json", "csv", "parquet"), default="json",
                   help="json: every table; csv: the primary table on stdout, every table with --out; "
                        "parquet needs --out")
    p.add_argument("--out", metavar="DIR", help="write every table into the folder DIR (compare.json / diff.json, "
                                                "or one file per table); replaced as a whole")


def _run_compare(args) -> int:
    """``compare`` and ``diff`` (``analysis.compare``): tables to stdout (JSON, or the primary
    table as CSV) or into ``--out``."""
    from .compare import tables as ct

    if args.format == "parquet" and not args.out:
        raise ArticleError("--format parquet writes files: give --out DIR")
    if args.command == "compare":
        tabs = ct.compare(args.inputs, by=args.by, rounds=args.rounds)
        head = {"command": "compare", "by": args.by, "outlets": tabs["inputs"].outlet.tolist(), "rounds": args.rounds}
    else:
        tabs = ct.diff(args.old, args.new)
        head = {"command": "diff", "old": args.old, "new": args.new}
    if args.out:
        inputs = args.inputs if args.command == "compare" else [args.old, args.new]
        for path in ct.write(tabs, args.format, args.out, head, args.command, reads=inputs):
            print(path)
        return 0
    write_output(ct.to_json(tabs, head) if args.format == "json" else ct.to_csv(next(iter(tabs.values()))), None)
    return 0


COMMANDS["compare"] = Command("compare", "compare coverage of one event across outlets (intervals, keyness)",
                              _compare_options, _run_compare,
                              "Compare two or more inputs: article files (one group each), folders or corpus CSV/JSONL "
                              "files (grouped by --by). Fewer than two groups: exit status 2.")
COMMANDS["diff"] = Command("diff", "what changed between two versions of an article, and what it did to each voice",
                           _diff_options, _run_compare,
                           "Align the paragraphs of OLD and NEW and list what changed, with offsets. Identical texts: "
                           "exit status 2 (nothing to compare).")


def _aliases_option(p) -> None:
    p.add_argument("--aliases", metavar="FILE", default=None,
                   help="a CSV of your own speaker/actor aliases (columns actor, alias; optional kind, role, gender, "
                        "match) applied on top of data/lexicons/actors.csv; actor '-' removes an alias")


COMMON_OPTIONS: list[Callable[[argparse.ArgumentParser], None]] = [_aliases_option]


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in one line (exit status 2)."""

    def error(self, message):
        self.exit(2, f"error: {' '.join(message.split())} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="python -m analysis", description="Media analysis of news articles: quotes and speakers, "
                 "sentiment per speaker, framing, loaded terms.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND", parser_class=_Parser)
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.description or None)
        cmd.add_options(p)
        for option in COMMON_OPTIONS:
            option(p)
    return ap


def use_aliases(path) -> None:
    """Check a user alias file (readable UTF-8 CSV with ``actor`` and ``alias``, regex aliases that
    compile and cannot hang) and hand it to every analysis (and to notebook kernels and corpus
    workers started from here) through ``$ANALYSIS_ALIASES``."""
    if path is None:
        return
    from .lexicons import read_alias_file

    read_alias_file(path, probe=True)
    os.environ["ANALYSIS_ALIASES"] = str(Path(path).resolve())


# -------------------------------------------------------------------------------- main
def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .lexicons import check_folder

    check_folder()
    use_aliases(args.aliases)
    return COMMANDS[args.command].run(args)


def _one_line(message) -> str:
    return " ".join(str(message).split())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; warnings are shown once the run succeeded (after an error, only the
    error's line is printed)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            code = run(argv)
        except ArticleError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            _quiet_stdout()
            return 0
        except Exception as e:  # a bug: never a traceback for a user; ANALYSIS_DEBUG=1 shows it
            if os.environ.get("ANALYSIS_DEBUG"):
                raise
            from .report import ReportError

            known = isinstance(e, (ReportError, AnalysisFailed))
            kind = "" if known else f"internal error ({type(e).__name__}): "
            print(f"error: {kind}{_one_line(e)[:500]} (set ANALYSIS_DEBUG=1 for the traceback)", file=sys.stderr)
            return 1
    shown = set()
    for w in caught:
        line = _one_line(w.message)
        if line not in shown and issubclass(w.category, UserWarning):
            shown.add(line)
            sys.stderr.write(f"warning: {line}\n")
    return code


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so that the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
