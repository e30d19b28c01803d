"""Command line: ``python -m analysis SUBCOMMAND ARTICLE [options]``.

    python -m analysis quotes    ARTICLE --format json|csv [--out FILE]
    python -m analysis sentiment ARTICLE --format json|csv [--out FILE]
    python -m analysis frames    ARTICLE --format json|csv [--out FILE]
    python -m analysis loaded    ARTICLE --format json|csv [--out FILE]
    python -m analysis summary   ARTICLE --format json|csv [--out FILE]   (side by side + reading)
    python -m analysis article   ARTICLE --format json|csv [--out FILE]   (paragraphs and voices)
    python -m analysis report    ARTICLE [--out DIR] [--no-code] [--workers N] [--corpus INPUT] [--corrections FILE]
    python -m analysis corpus    INPUT --out DIR [--workers N] [--scheduler processes|ADDRESS]

Every subcommand takes ``--aliases FILE``: a CSV of your own actor/speaker aliases applied on top of
``data/lexicons/actors.csv`` (passed on to notebooks and corpus workers as ``$ANALYSIS_ALIASES``).
Every article subcommand (all but ``corpus``) takes ``--corrections FILE``: a CSV ``start,end,speaker[,kind]``
that corrects who says what in that article before any analysis (:mod:`analysis.corrections`).

JSON holds every table of the analysis (``{"article": ..., "<table>": [rows]}``, the first table
being the primary one); CSV holds the primary table. Output goes to stdout, or to ``--out`` through
a temporary file and a rename (no partial file is ever left). Bad input ends with one line on
stderr and exit status 2; warnings (fallback encoding, HTML extracted) are one line each on stderr.
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

from .errors import ArticleError

ANALYSES = {  # subcommand -> (module, what it prints)
    "quotes": ("analysis.quotes", "utterances: speaker, kind, cue, start, end, text"),
    "sentiment": ("analysis.sentiment", "per-speaker sentiment (reporter and editorial voice included)"),
    "frames": ("analysis.framing", "frame cue hits with offsets"),
    "loaded": ("analysis.loaded", "loaded-term hits with offsets"),
    "summary": ("analysis.summary", "the three analyses side by side per voice and speaker, and a generated reading"),
    "article": ("analysis.article", "paragraphs with their voice, and sentences"),
}


def tables_for(sub: str, article) -> dict:
    """The ordered tables of one analysis of ``article`` (first = primary)."""
    module = importlib.import_module(ANALYSES[sub][0])
    if sub == "article":
        return {"paragraphs": article.paragraphs, "sentences": article.sentences}
    return module.tables(article)


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
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .fileio import atomic_write

    atomic_write(out, text)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"warning: {' '.join(str(message).split())}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="Media analysis of news articles: quotes and speakers, sentiment per speaker, framing, loaded terms.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    for name, (_, what) in ANALYSES.items():
        p = sub.add_parser(name, help=what, description=f"Print {what}.")
        p.add_argument("article", metavar="ARTICLE", help="a .txt or .html article file")
        p.add_argument("--format", choices=("json", "csv"), default="json", help="json: every table; csv: the primary table (default json)")
        p.add_argument("--out", metavar="FILE", help="write to FILE (atomically) instead of stdout")
        _aliases_option(p)
        _corrections_option(p)
    p = sub.add_parser("report", help="run every notebook on an article and write HTML reports")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--out", metavar="DIR", default="reports", help="output folder (default reports)")
    p.add_argument("--no-code", action="store_true", help="write the pages without code cells only")
    p.add_argument("--corpus", default=None, metavar="INPUT",
                   help="also run the corpus notebooks on INPUT (folder, CSV or JSONL); tables go to OUT/corpus")
    p.add_argument("--workers", type=int, default=2, help="notebooks run at once (default 2)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _aliases_option(p)
    _corrections_option(p)
    p = sub.add_parser("corpus", help="analyse a folder, CSV or JSONL of articles into Parquet tables")
    p.add_argument("input", metavar="INPUT", help="a folder of .txt/.html files, a .csv or a .jsonl")
    p.add_argument("--out", metavar="DIR", required=True)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", default="processes", help="'processes' (local Dask), 'sequential', or a Dask scheduler address")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _aliases_option(p)
    return ap


def _aliases_option(p) -> None:
    p.add_argument("--aliases", metavar="FILE", default=None,
                   help="a CSV of your own speaker/actor aliases (columns actor, alias; optional kind, role, gender, "
                        "match) applied on top of data/lexicons/actors.csv; actor '-' removes an alias")


def _corrections_option(p) -> None:
    p.add_argument("--corrections", metavar="FILE", default=None,
                   help="a CSV start,end,speaker[,kind] correcting who says what in this article: reassign an "
                        "utterance (its offsets as 'quotes' prints them), remove one (speaker '-') or add a missed one")


def use_aliases(path) -> None:
    """Check a user alias file and hand it to every analysis (and to notebook kernels and corpus
    workers started from here) through ``$ANALYSIS_ALIASES``."""
    if path is None:
        return
    import csv

    p = os.path.abspath(path)
    if not os.path.isfile(p):
        raise ArticleError(f"{path}: no such alias file")
    try:
        with open(p, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f), [])
    except (UnicodeDecodeError, csv.Error) as e:
        raise ArticleError(f"{path}: not a UTF-8 CSV alias file ({e})") from None
    if not {"actor", "alias"} <= {h.strip() for h in header}:
        raise ArticleError(f"{path}: an alias file needs the columns 'actor' and 'alias' (found: {', '.join(header) or 'none'})")
    os.environ["ANALYSIS_ALIASES"] = p


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .article import load_article

    use_aliases(args.aliases)

    if args.command == "report":
        from .report import build_report

        index = build_report(args.article, args.out, code=not args.no_code, workers=args.workers, progress=not args.quiet,
                             corpus=args.corpus, corrections=args.corrections)
        print(index)
        return 0
    if args.command == "corpus":
        from . import corpus

        summary = corpus.run_corpus(args.input, args.out, workers=args.workers, scheduler=args.scheduler, progress=not args.quiet)
        print(json.dumps(summary, indent=1))
        return 0
    article = load_article(args.article, corrections=args.corrections)
    write_output(render(article, tables_for(args.command, article), args.format), args.out)
    return 0


def main(argv: list[str] | None = None) -> int:
    warnings.showwarning = _show_warning
    try:
        return run(argv)
    except ArticleError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # never a traceback for a user; ANALYSIS_DEBUG=1 shows it
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        from .report import ReportError

        kind = "" if isinstance(e, ReportError) else f"internal error ({type(e).__name__}): "
        print(f"error: {kind}{' '.join(str(e).split())[:500]} (set ANALYSIS_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
