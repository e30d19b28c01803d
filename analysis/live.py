"""Controls for the notebooks when a person runs them in JupyterLab; static output everywhere else.

A control is created only in a live session. Every notebook's parameters cell has
``interactive = None``, which means "when a Jupyter server started this kernel for a notebook
that a person has open" (:func:`is_live`: the server names the session in ``JPY_SESSION_NAME``,
and ipywidgets is installed). Headless runs (``python -m analysis report``, the tests) pass
``interactive = False`` and create no widget at all, so no widget state reaches the executed
notebooks or their HTML pages (nbconvert would add a widget script from a CDN for it).

Every control sits next to a static view: the table (or HTML) is an ordinary output, shown under
its controls and updated in place when a control changes (``display_id``). A saved notebook keeps
the last view, and a reader without widgets still sees the table.

- :func:`table`: a table with a filter per named column (speaker, actor, voice...), a search box
  and a sort control; in a headless run the table itself.
- :func:`view`: any view of the article (an HTML evidence view, a table) redrawn for the choice in
  one drop-down (a speaker, an actor); in a headless run the view for no choice.
- :func:`article_picker`: pick an article from a folder or upload one (:func:`save_upload` keeps
  a checked copy in ``data/uploads/``); the next cells read ``choice.path``.
- :func:`only_speaker`: an evidence fragment with every other speaker's utterances dimmed, for
  :func:`view`.
- :func:`filter_table`: the filtering, searching and sorting behind :func:`table`, as a plain
  function.
"""
from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ALL = "(all)"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_warned: set[str] = set()


def is_live(interactive=None) -> bool:
    """Whether to create controls: ``interactive`` True or False decides; ``None`` means yes in a
    kernel that a Jupyter server started for an open notebook, when ipywidgets is installed.

    >>> is_live(False)
    False
    """
    if interactive is not None and not interactive:
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        if interactive:
            _warn_once("ipywidgets is not installed: the notebook shows static tables only")
        return False
    if interactive:
        return True
    if not os.environ.get("JPY_SESSION_NAME"):
        return False
    from IPython import get_ipython

    return getattr(get_ipython(), "kernel", None) is not None


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, stacklevel=3)


# ------------------------------------------------------------------------------ tables
def filter_table(df: pd.DataFrame, filters: dict | None = None, query: str = "", sort: str | None = None,
                 ascending: bool = True) -> pd.DataFrame:
    """The rows of ``df`` whose column equals the value for every ``filters`` item (``ALL`` or
    ``None`` keeps every row), that contain ``query`` in any column (case-insensitive, as
    displayed), sorted by ``sort`` (stable; the original order otherwise).

    >>> df = pd.DataFrame({"speaker": ["Kerry", "Lavrov", "Kerry"], "text": ["We act", "No", "We wait"],
    ...                    "words": [2, 1, 2]})
    >>> filter_table(df, {"speaker": "Kerry"}, query="wait").index.tolist()
    [2]
    >>> filter_table(df, {"speaker": ALL}, sort="words", ascending=False).speaker.tolist()
    ['Kerry', 'Kerry', 'Lavrov']
    """
    out = df
    for column, value in (filters or {}).items():
        if value is not None and value != ALL:
            out = out[out[column].astype(str) == str(value)]
    query = (query or "").strip().casefold()
    if query and len(out):
        hit = pd.Series(False, index=out.index)
        for column in out.columns:
            hit |= out[column].astype(str).str.casefold().str.contains(query, regex=False)
        out = out[hit]
    if sort:
        out = out.sort_values(sort, ascending=ascending, kind="stable")
    return out


def _options(values, names=str) -> list[tuple[str, str]]:
    seen = list(dict.fromkeys(str(v) for v in values))
    return [(ALL, ALL)] + [(names(v), v) for v in seen]


def table(df: pd.DataFrame, by=(), interactive=None, name: str = ""):
    """``df`` as it is in a headless run (the cell's value shows it); in a live session, controls
    above the table (one drop-down per column in ``by``, a search box, a sort column and
    direction) and the table, redrawn in place when a control changes. Returns the table or None
    (the controls have displayed it)."""
    if not is_live(interactive):
        return df
    import ipywidgets as w
    from IPython.display import display

    by = [by] if isinstance(by, str) else list(by)
    layout = w.Layout(width="auto")
    picks = {c: w.Dropdown(options=_options(df[c]), value=ALL, description=c, layout=layout) for c in by}
    search = w.Text(value="", placeholder="words in any column", description="search", layout=layout)
    sort = w.Dropdown(options=[("(as found)", "")] + [(str(c), str(c)) for c in df.columns], value="",
                      description="sort by", layout=layout)
    descending = w.Checkbox(value=False, description="descending", indent=False, layout=layout)
    shown = w.HTML()
    for c, d in picks.items():
        d.add_class(f"analysis-filter-{_css(c)}")
    search.add_class("analysis-search")
    sort.add_class("analysis-sort")
    box = w.HBox([*picks.values(), search, sort, descending, shown],
                 layout=w.Layout(flex_flow="row wrap", align_items="center", gap="0.25rem 1rem"))
    box.add_class(f"analysis-controls-{_css(name)}" if name else "analysis-controls")

    def rows() -> pd.DataFrame:
        return filter_table(df, {c: d.value for c, d in picks.items()}, search.value, sort.value or None,
                            not descending.value)

    out = rows()
    shown.value = _shown(len(out), len(df))
    display(box)
    handle = display(out, display_id=True)

    def redraw(_change=None):
        view = rows()
        shown.value = _shown(len(view), len(df))
        handle.update(view)

    for control in (*picks.values(), search, sort, descending):
        control.observe(redraw, names="value")
    return None


def _shown(n: int, total: int) -> str:
    return f"<span style='margin-left:1em;color:#555'>{n} of {total} rows</span>"


def _css(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or "x"


def view(render, choices, label: str = "speaker", interactive=None, names=str):
    """``render(None)`` in a headless run (e.g. the article with every utterance marked); in a live
    session, a drop-down of ``choices`` ("(all)" first, each shown as ``names(choice)``) above the
    view, and the view redrawn as ``render(choice)`` when the choice changes. Returns the view or
    None (displayed)."""
    first = render(None)
    if not is_live(interactive):
        return first
    import ipywidgets as w
    from IPython.display import display

    pick = w.Dropdown(options=_options(choices, names), value=ALL, description=label, layout=w.Layout(width="auto"))
    pick.add_class(f"analysis-view-{_css(label)}")
    display(pick)
    handle = display(first, display_id=True)
    pick.observe(lambda change: handle.update(render(None if change["new"] == ALL else change["new"])),
                 names="value")
    return None


def only_speaker(fragment: str, speaker=None) -> str:
    """An evidence fragment (HTML whose utterance elements carry ``data-speaker``, as the evidence
    view's do) with every other speaker's utterances dimmed, for :func:`view`; ``speaker`` None
    leaves it as it is. The rule is scoped to this fragment; the speaker's name is escaped for CSS
    (nothing in it can end the style element).

    >>> only_speaker('<span data-speaker="A">x</span>', None)
    '<span data-speaker="A">x</span>'
    >>> print(only_speaker('<span data-speaker="A">x</span>', 'Al "B"'))  # doctest: +ELLIPSIS
    <div class="only-...">...[data-speaker]:not([data-speaker="Al \\000022 B\\000022 "])...
    """
    if speaker is None or speaker == ALL:
        return fragment
    import hashlib

    scope = "only-" + hashlib.sha1(f"{speaker}\n{fragment}".encode()).hexdigest()[:10]
    name = "".join(c if c.isalnum() or c in " -_.,'" else f"\\{ord(c):06x} " for c in str(speaker))
    rule = f'.{scope} [data-speaker]:not([data-speaker="{name}"]) {{opacity: .3; filter: grayscale(1)}}'
    return f'<div class="{scope}"><style>{rule}</style>{fragment}</div>'


# ------------------------------------------------------------------------------ articles
@dataclass
class ArticleChoice:
    """The article the cells below analyse: ``path`` (changed by the picker in a live session)."""
    path: str


def article_picker(article_path, interactive=None, folder=None, uploads=None) -> ArticleChoice:
    """The article to analyse. Headless: ``article_path`` as given. Live: a drop-down of the
    articles in ``folder`` (default: the folder of ``article_path``) and an upload button (an
    uploaded file is copied to ``uploads``, default ``../data/uploads`` beside ``data/raw``, and
    checked by the loader); the returned object's ``path`` follows the choice, and the cells
    below use it when they are run again."""
    choice = ArticleChoice(str(article_path))
    if not is_live(interactive):
        return choice
    import ipywidgets as w
    from IPython.display import display

    folder = Path(folder) if folder is not None else Path(article_path).parent
    uploads = Path(uploads) if uploads is not None else _default_uploads(folder)
    files = _articles(folder, uploads, article_path)
    pick = w.Dropdown(options=files, value=str(article_path), description="article",
                      layout=w.Layout(width="auto", min_width="28rem"))
    upload = w.FileUpload(accept=",".join(ARTICLE_SUFFIXES), multiple=False, description="Upload an article",
                          layout=w.Layout(width="auto"))
    note = w.HTML(_note(choice.path, changed=False))
    pick.add_class("analysis-article")
    upload.add_class("analysis-upload")

    def chosen(change):
        choice.path = str(change["new"])
        note.value = _note(choice.path, changed=True)

    def uploaded(change):
        from html import escape

        for item in change["new"] or ():
            try:
                path = save_upload(item["name"], bytes(item["content"]), uploads)
            except ValueError as exc:
                note.value = f"<b>Not loaded:</b> {escape(str(exc))}"
                continue
            pick.options = _articles(folder, uploads, path)
            pick.value = str(path)

    pick.observe(chosen, names="value")
    upload.observe(uploaded, names="value")
    display(w.VBox([w.HBox([pick, upload]), note]))
    return choice


def _default_uploads(folder: Path) -> Path:
    data = folder.parent if folder.name == "raw" else folder
    return data / "uploads"


def _articles(folder: Path, uploads: Path, current) -> list[tuple[str, str]]:
    found = [str(current)]
    for f in (folder, uploads):
        if f.is_dir():
            found += [str(p) for p in sorted(f.iterdir()) if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()]
    return [(os.path.relpath(p) if not os.path.isabs(p) else p, p) for p in dict.fromkeys(found)]


def _note(path: str, changed: bool) -> str:
    from html import escape

    if not changed:
        return ("Analysing <code>" + escape(path) + "</code>. Pick another article or upload one, then run the "
                "cells below this one (menu <i>Run</i>, <i>Run Selected Cell and All Below</i>, from the next cell).")
    return ("<b>Chosen:</b> <code>" + escape(path) + "</code>. Now run the cells below this one (select the next "
            "cell, then menu <i>Run</i>, <i>Run Selected Cell and All Below</i>). To keep this choice when the "
            "whole notebook runs again, put the path in the parameters cell.")


def save_upload(name: str, content: bytes, uploads) -> Path:
    """Copy an uploaded article into ``uploads`` under a safe version of its file name (never over
    another file: a different file of the same name gets ``-2``, ``-3``...) and check that it
    loads; raises ValueError with the loader's one-line message when it does not (nothing is
    kept then).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> save_upload("../My story!.txt", b"The minister said on Monday that the plan will go ahead.", d).name
    'My-story.txt'
    """
    from .article import load_article
    from .errors import ArticleError
    from .fileio import atomic_write

    stem, suffix = os.path.splitext(os.path.basename(str(name).replace("\\", "/")))
    if suffix.lower() not in ARTICLE_SUFFIXES:
        raise ValueError(f"{name}: an article is a .txt or .html file")
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "article"
    uploads = Path(uploads)
    path, n = uploads / f"{stem}{suffix.lower()}", 1
    while path.exists() and path.read_bytes() != content:
        n += 1
        path = uploads / f"{stem}-{n}{suffix.lower()}"
    existed = path.exists()
    atomic_write(path, content)
    try:
        load_article(path)
    except ArticleError as exc:
        if not existed:
            path.unlink()
        raise ValueError(str(exc)) from None
    return path
