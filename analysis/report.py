"""Run the notebooks on an article and write self-contained HTML reports.

All notebooks run from this one Python process, each in a fresh kernel, several at once (nbclient's
async API); papermill's ``parameterize_notebook`` injects the parameters after the cell tagged
``parameters``. Each executed notebook is kept (``<stem>.ipynb``) and rendered twice in process
with nbconvert: ``<stem>.html`` (with code) and ``<stem>.reader.html`` (without code, for readers).
Charts are embedded as images and no script is fetched from the network, so one HTML file can be
mailed and opens offline. ``index.html`` shows each notebook's headline figures (recorded in the
notebook with ``nbtools.record("headline", {...})``) and links to the pages.

Usage: ``python -m analysis report ARTICLE --out reports`` or, in Python::

    from analysis import report
    index = report.build_report("data/raw/rt-2015-lavrov-kerry-syria.txt", "reports")
"""
from __future__ import annotations

import asyncio
import html
import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import nbtools
from .article import load_article
from .errors import ArticleError
from .fileio import atomic_write, kernel_runtime, output_folder

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"


class ReportError(RuntimeError):
    """A notebook failed; the message names the notebook and the error in one line."""


@dataclass
class NotebookRun:
    name: str
    notebook: Path
    html: Path | None = None
    reader_html: Path | None = None
    records: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None


def parameter_names(nb) -> set[str]:
    """Names assigned in the cell tagged ``parameters``."""
    import ast

    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                return set()
            return {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    return set()


def notebooks_taking(parameter: str, folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks whose parameters cell sets ``parameter`` (e.g. ``article_path``)."""
    return [p for p in sorted(folder.glob("[0-9][0-9]_*.ipynb")) if parameter in parameter_names(nbformat.read(p, as_version=4))]


def defuse_outputs(nb):
    """Defence in depth: every analysis function escapes article text, and this is the last gate
    before rendering: active content is removed from every rich output and Markdown cell, element by
    element, the rest kept (:func:`analysis.safehtml.defuse_notebook`)."""
    from .safehtml import defuse_notebook

    return defuse_notebook(nb)


_REPORT_NAME = re.compile(r"(?:index\.html|evidence\.html|corpus|\d\d_[\w\-]+(?:\.reader)?\.(?:html|ipynb))$")


def report_owned(name: str) -> bool:
    """True for the names a report writes in its output folder (replaced by the next report)."""
    return bool(_REPORT_NAME.match(name))


def render_html(nb, code: bool = True) -> str:
    """A self-contained HTML page of an executed notebook (``code=False`` hides the code cells)."""
    import copy

    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not code, exclude_input_prompt=not code, exclude_output_prompt=not code,
                            embed_images=True)
    with warnings.catch_warnings():  # recorded values are data for tests, not meant to be shown
        warnings.filterwarnings("ignore", message=".*is not able to be represented", category=UserWarning)
        body, _ = exporter.from_notebook_node(defuse_outputs(copy.deepcopy(nb)))
    return body


def _cell_error(exc: BaseException) -> str:
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", lines[-1] if lines else "")
    return f"{ename}: {evalue}"[:300]


async def _execute_all(jobs, workers: int, timeout: int, progress: bool, runtime: Path):
    from nbclient import NotebookClient
    from tqdm.auto import tqdm

    sem = asyncio.Semaphore(max(1, workers))
    running: list[str] = []
    bar = tqdm(total=len(jobs), desc="notebooks", unit="nb", disable=not progress, leave=False)

    async def one(run: NotebookRun, nb, cwd: Path):
        async with sem:
            running.append(run.name)
            bar.set_postfix_str(", ".join(running))
            t0 = time.perf_counter()
            client = NotebookClient(nb, kernel_name="python3", timeout=timeout, allow_errors=False,
                                    resources={"metadata": {"path": str(cwd)}})
            client.km = client.create_kernel_manager()
            client.km.transport = "ipc"  # local sockets, not TCP: no network exposure, no kernel warning
            client.km.ip = str(runtime / run.name)  # a private folder, removed even after a killed run
            client.km.connection_file = str(runtime / f"kernel-{run.name}.json")
            try:
                await client.async_execute()
            except Exception as exc:  # a failing cell fails the report, with its notebook named
                run.error = _cell_error(exc)
            run.seconds = time.perf_counter() - t0
            running.remove(run.name)
            bar.set_postfix_str(", ".join(running) or "done")
            bar.update(1)

    await asyncio.gather(*(one(run, nb, cwd) for run, nb, cwd in jobs))
    bar.close()


def run_notebooks(notebooks: list[Path], parameters: dict, out_dir: Path, *, workers: int = 2,
                  timeout: int = 600, progress: bool = True, code: bool = True,
                  strict: bool = True) -> list[NotebookRun]:
    """Execute ``notebooks`` into ``out_dir`` and render their HTML. Each notebook receives the
    ``parameters`` its ``parameters`` cell declares (the others keep their defaults).

    With ``strict``, raises :class:`ReportError` (after writing whatever ran) if any notebook
    fails; otherwise the failures are in each run's ``error``."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    out_dir = Path(out_dir)
    parameters = {"interactive": False, **parameters}  # headless: no widgets, no widget state in the pages
    jobs = []
    for path in notebooks:
        nb = load_notebook_node(str(path))  # papermill's reader adds the metadata it expects
        own = {k: v for k, v in parameters.items() if k in parameter_names(nb)}
        nb = parameterize_notebook(nb, own, report_mode=False)
        jobs.append((NotebookRun(path.stem, out_dir / f"{path.stem}.ipynb"), nb, path.parent))
    with kernel_runtime() as runtime:
        asyncio.run(_execute_all(jobs, workers, timeout, progress, runtime))
    for run, nb, _ in jobs:
        atomic_write(run.notebook, nbformat.writes(nb))
        run.records = nbtools.read_records(nb)
        if code:
            run.html = out_dir / f"{run.name}.html"
            atomic_write(run.html, render_html(nb, code=True))
            run.reader_html = out_dir / f"{run.name}.reader.html"
        else:
            run.reader_html = out_dir / f"{run.name}.html"
        atomic_write(run.reader_html, render_html(nb, code=False))
    failed = [r for r in jobs if r[0].error]
    if failed and strict:
        raise ReportError("; ".join(f"notebook {r.name} failed: {r.error} (see {r.notebook})" for r, _, _ in failed))
    return [r for r, _, _ in jobs]


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


def index_html(title: str, runs: list[NotebookRun], note: str = "") -> str:
    """The report's front page: headline figures of each notebook and links (all text escaped)."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}"
             "h2{margin-bottom:.25rem}.links a{margin-right:1rem}.note{color:#555}</style></head><body>",
             f"<h1>{e(title)}</h1>"]
    if note:
        parts.append(f"<p class='note'>{e(note)}</p>")
    # the summary notebook's reading goes first: it is what a reader opens the index for
    for run in sorted(runs, key=lambda r: (not r.name.endswith("_summary"), r.name)):
        head = run.records.get("headline") or {}
        parts.append(f"<h2>{e(run.name)}</h2><p class='links'>")
        if run.reader_html:
            parts.append(f"<a href='{e(run.reader_html.name)}'>report</a>")
        if run.html:
            parts.append(f"<a href='{e(run.html.name)}'>report with code</a>")
        parts.append(f"<a href='{e(run.notebook.name)}'>executed notebook</a></p>")
        if isinstance(head, dict) and head:
            parts.append("<table>" + "".join(f"<tr><th>{e(str(k))}</th><td>{e(_fmt(v))}</td></tr>" for k, v in head.items()) + "</table>")
        elif isinstance(head, list) and head:
            parts.append("<ul>" + "".join(f"<li>{e(_fmt(v))}</li>" for v in head) + "</ul>")
        elif isinstance(head, str) and head:
            parts.append(f"<p>{e(head)}</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def build_report(article_path, out_dir="reports", *, code: bool = True, workers: int = 2,
                 progress: bool = True, notebooks: list[Path] | None = None, corpus=None, compare=None) -> Path:
    """Run every article notebook on ``article_path`` (and, given ``corpus``, a folder or file of
    articles, every corpus notebook on it, its Parquet tables in ``out_dir/corpus``; given ``compare``,
    inputs of ``python -m analysis compare``, the comparison notebook on them) and write
    ``out_dir/index.html``; returns its path.

    Bad input raises :class:`ArticleError` before any notebook starts."""
    article = load_article(article_path)  # fail fast with a one-line message
    out_dir = Path(out_dir)
    params = {"article_path": str(Path(article_path).resolve())}
    if corpus is not None:
        if not Path(corpus).exists():
            raise ArticleError(f"{corpus}: no such corpus file or folder")
        from .corpus import open_input

        open_input(corpus)  # an empty or unreadable corpus fails here, before any notebook runs
    if notebooks is None:
        notebooks = notebooks_taking("article_path")
        if corpus is not None:
            notebooks += [p for p in notebooks_taking("corpus_path") if p not in notebooks]
        if compare:  # the comparison page, on inputs checked before any notebook runs
            from .compare.inputs import check_paths

            params["compare_paths"] = check_paths(compare)
            notebooks += [p for p in notebooks_taking("compare_paths") if p not in notebooks]
    if not notebooks:
        raise ArticleError(f"no notebooks with an article_path parameter in {NOTEBOOKS}")
    from .lexicons import run_reads

    reads = run_reads(article_path, corpus, *(compare or ()), NOTEBOOKS, Path(__file__).resolve().parent)
    with output_folder(out_dir, reads=reads, owned=report_owned, kind="report") as stage:
        if corpus is not None:
            params.update(corpus_path=str(Path(corpus).resolve()), out_dir=str(stage / "corpus"))
        t0 = time.perf_counter()
        runs = run_notebooks(sorted(notebooks), params, stage, workers=workers, progress=progress, code=code)
        note = (f"Article: {article.name} ({article.n_words} words, {len(article.paragraphs)} paragraphs)"
                + (f"; corpus: {Path(corpus).name}" if corpus is not None else "")
                + f". {len(runs)} notebooks executed in {time.perf_counter() - t0:.1f} s.")
        atomic_write(stage / "index.html", index_html(f"Media analysis: {article.name}", runs, note))
    index = out_dir / "index.html"
    return index
