"""Run the notebooks on an article and write self-contained HTML reports.

All notebooks run from this one Python process, each in a fresh kernel, several at once (nbclient's
async API); papermill's ``parameterize_notebook`` injects the parameters after the cell tagged
``parameters``. Each executed notebook is kept (``<stem>.ipynb``) and rendered twice in process
with nbconvert: ``<stem>.html`` (with code) and ``<stem>.reader.html`` (without code, for readers).
Charts are embedded as images and no script is fetched from the network, so one HTML file can be
mailed and opens offline. Each page is titled with its notebook and the article.

Besides the notebook pages, a report has ``evidence.html`` (the article with every finding marked:
:mod:`analysis.evidence`) and ``index.html``: the findings about the article in plain words
(:func:`analysis.summary.findings`, each linking to its evidence), the pages, the corpus (only when
one was given) and "How far to trust these numbers" (:mod:`analysis.trust`).

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
from .article import Article, load_article
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
    title: str = ""  # the notebook's first heading ("04 · Summary: ...")
    page_title: str = ""  # the pages' title: the heading and the article
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
            return {t.id for node in tree.body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)}
    return set()


def notebooks_taking(parameter: str, folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks whose parameters cell sets ``parameter`` (e.g. ``article_path``)."""
    return [p for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))
            if parameter in parameter_names(nbformat.read(p, as_version=4))]


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


def notebook_title(nb, fallback: str = "") -> str:
    """The first heading of a notebook's first markdown cell ("04 · Summary: ..."), or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
            break
    return fallback


def render_html(nb, code: bool = True, title: str | None = None) -> str:
    """A self-contained HTML page of an executed notebook (``code=False`` hides the code cells),
    titled ``title`` (default: the notebook's first heading)."""
    import copy

    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not code, exclude_input_prompt=not code, exclude_output_prompt=not code,
                            embed_images=True)
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title or notebook_title(nb, "Notebook")
    with warnings.catch_warnings():  # recorded values are data for tests, not meant to be shown
        warnings.filterwarnings("ignore", message=".*is not able to be represented", category=UserWarning)
        body, _ = exporter.from_notebook_node(defuse_outputs(nb))
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
                  strict: bool = True, subject: str = "") -> list[NotebookRun]:
    """Execute ``notebooks`` into ``out_dir`` and render their HTML. Each notebook receives the
    ``parameters`` its ``parameters`` cell declares (the others keep their defaults). Each page is
    titled with the notebook's first heading and ``subject`` (e.g. the article's name).

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
        title = notebook_title(nb, path.stem)
        page_title = title + (f" \u00b7 {subject}" if subject else "")
        jobs.append((NotebookRun(path.stem, out_dir / f"{path.stem}.ipynb", title, page_title), nb, path.parent))
    with kernel_runtime() as runtime:
        asyncio.run(_execute_all(jobs, workers, timeout, progress, runtime))
    for run, nb, _ in jobs:
        atomic_write(run.notebook, nbformat.writes(nb))
        run.records = nbtools.read_records(nb)
        if code:
            run.html = out_dir / f"{run.name}.html"
            atomic_write(run.html, render_html(nb, code=True, title=run.page_title))
            run.reader_html = out_dir / f"{run.name}.reader.html"
        else:
            run.reader_html = out_dir / f"{run.name}.html"
        atomic_write(run.reader_html, render_html(nb, code=False, title=run.page_title))
    failed = [r for r in jobs if r[0].error]
    if failed and strict:
        raise ReportError("; ".join(f"notebook {r.name} failed: {r.error} (see {r.notebook})" for r, _, _ in failed))
    return [r for r, _, _ in jobs]


# --------------------------------------------------------------------------- the index page
INDEX_CSS = ("body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d;"
             "line-height:1.5}h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin:2rem 0 .5rem;font-size:1.25rem}"
             ".note{color:#555}ul.reading{padding-left:1.2rem}ul.reading li{margin:.45rem 0}"
             "ul.reading li.unsure{list-style:'\\26a0\\00a0 ';color:#5a3b00}"
             ".ev-link{font-size:.85em;margin-left:.35rem;white-space:nowrap}"
             ".ev-link::before{content:'\\2192\\00a0'}"
             "a.button{display:inline-block;padding:.45rem .9rem;border:1px solid #4C72B0;border-radius:.4rem;"
             "text-decoration:none;background:#eef3fa;margin:.3rem 0}"
             "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}"
             "td,th{border-bottom:1px solid #ddd;padding:.35rem .6rem;text-align:left;vertical-align:top}"
             "th{font-weight:600}.links a{margin-right:.8rem;white-space:nowrap}")


def index_html(article: Article, runs: list[NotebookRun], *, corpus=None, seconds: float = 0.0) -> str:
    """The report's front page (all text escaped): the findings about the article in plain words,
    each linking to its evidence on ``evidence.html``; the pages; the corpus and the comparison
    (only when the report ran them); and "How far to trust these numbers"."""
    from . import summary, trust

    e = html.escape
    title = f"Media analysis \u00b7 {article.name}"
    n_corr = len(getattr(article, "corrections", ()))
    note = (f"Article: {article.name} ({article.n_words:,} words, {len(article.paragraphs)} paragraphs)"
            + (f"; {n_corr} correction{'s' if n_corr != 1 else ''} to who says what applied" if n_corr else "")
            + (f"; corpus: {Path(corpus).name}" if corpus is not None else "")
            + f". {len(runs)} notebook{'s' if len(runs) != 1 else ''} executed in {seconds:.1f} s.")
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{e(title)}</title>"
             f"<style>{INDEX_CSS}</style></head><body><h1>{e(title)}</h1><p class='note'>{e(note)}</p>",
             "<h2 id='findings'>What the article shows</h2>", summary.findings_html(article),
             "<p><a class='button' href='evidence.html'>Read the article with every finding marked</a></p>",
             "<h2 id='pages'>The pages</h2><table>"]
    for run in sorted(runs, key=lambda r: r.name):
        links = []
        if run.reader_html:
            links.append(f"<a href='{e(run.reader_html.name)}'>report</a>")
        if run.html:
            links.append(f"<a href='{e(run.html.name)}'>report with code</a>")
        links.append(f"<a href='{e(run.notebook.name)}'>executed notebook</a>")
        parts.append(f"<tr><td>{e(run.title or run.name)}</td><td class='links'>{''.join(links)}</td></tr>")
    parts.append("</table>")
    for suffix, heading in (("_corpus", "The corpus"), ("_compare", "The comparison")):  # only when asked for
        for run in (r for r in runs if r.name.endswith(suffix) and r.records.get("headline")):
            lines = nbtools.headline_lines(run.records["headline"])
            parts.append(f"<h2 id='{suffix[1:]}'>{heading}</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines)
                         + f"</ul><p><a href='{e((run.reader_html or run.notebook).name)}'>the page</a></p>")
    parts.append("<h2 id='trust'>How far to trust these numbers</h2><p class='note'>Measured by the suite's evaluation "
                 "scripts on public data annotated by people (figures in data/validation/), not on this article.</p>"
                 "<table><tr><th>what</th><th>measured</th><th>what it means for this report</th></tr>")
    parts += [f"<tr><td>{e(r['topic'])}</td><td>{e(r['figure'])}</td><td>{e(r['meaning'])}</td></tr>"
              for r in trust.rows(article)]
    parts.append("</table></body></html>\n")
    return "".join(parts)


# --------------------------------------------------------------------------- the whole report
def _plan(article_path, notebooks, corpus, compare, corrections) -> tuple[list[Path], dict]:
    """The notebooks to run and their parameters: the article notebooks; the corpus notebooks only
    when ``corpus`` is given and the comparison notebook only when ``compare`` is (each input
    checked here, before anything is written)."""
    params = {"article_path": str(Path(article_path).resolve()),
              "corrections_path": str(Path(corrections).resolve()) if corrections else ""}
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
    return sorted(notebooks), params


def build_report(article_path, out_dir="reports", *, code: bool = True, workers: int = 2,
                 progress: bool = True, notebooks: list[Path] | None = None, corpus=None, compare=None,
                 corrections=None) -> Path:
    """Run every article notebook on ``article_path`` (and, given ``corpus``, a folder or file of
    articles, every corpus notebook on it, its Parquet tables in ``out_dir/corpus``; given
    ``compare``, inputs of ``python -m analysis compare``, the comparison notebook on them), write
    ``out_dir/evidence.html`` and ``out_dir/index.html``; returns the index's path.
    ``corrections``: a corrections CSV (:mod:`analysis.corrections`) applied in every notebook and page.

    Bad input (article, corrections, corpus or comparison inputs) raises :class:`ArticleError`
    before any notebook starts."""
    from . import evidence
    from .lexicons import run_reads

    article = load_article(article_path, corrections=corrections)  # fail fast with a one-line message
    out_dir = Path(out_dir)
    notebooks, params = _plan(article_path, notebooks, corpus, compare, corrections)
    reads = run_reads(article_path, corpus, corrections, *(compare or ()), NOTEBOOKS,
                      Path(__file__).resolve().parent)
    with output_folder(out_dir, reads=reads, owned=report_owned, kind="report") as stage:
        if corpus is not None:
            params.update(corpus_path=str(Path(corpus).resolve()), out_dir=str(stage / "corpus"))
        t0 = time.perf_counter()
        runs = run_notebooks(notebooks, params, stage, workers=workers, progress=progress, code=code,
                             subject=article.name)
        seconds = time.perf_counter() - t0
        page = evidence.evidence_html(article, title=f"Evidence \u00b7 {article.name}")
        atomic_write(stage / "evidence.html", page)
        atomic_write(stage / "index.html", index_html(article, runs, corpus=corpus, seconds=seconds))
    return out_dir / "index.html"
