"""The inputs of a comparison: named groups of articles (one group per outlet, or per file).

Each path given is one of:

* an article file (``.txt``/``.html``): one group of its own, named by the file's stem;
* a folder, a CSV or a JSON Lines file (read as in corpus mode, :func:`analysis.corpus.iter_docs`):
  its articles grouped by a metadata column, ``outlet`` by default (a folder takes it from a
  ``metadata.csv`` beside the files, or from the first sub-folder).

Anything else, an article that cannot be analysed, a missing grouping column, or fewer than two
groups in all raises :class:`~analysis.errors.ArticleError` (one line, meant for a terminal).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text('Lavrov said: "We help Syria."'), (d / "b.txt").write_text("Kerry disagreed.")
>>> [(g.name, [a.name for a in g.articles]) for g in read_groups([d / "a.txt", d / "b.txt"])]
[('a', ['a']), ('b', ['b'])]
>>> read_groups([d / "a.txt"])
Traceback (most recent call last):
...
analysis.errors.ArticleError: compare needs at least two outlets or files to compare; got one: a
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article, load_article
from ..errors import ArticleError

META_FIELDS = ("outlet", "date", "title", "url")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


@dataclass
class Group:
    """One side of a comparison: a name (an outlet, a file stem), where it came from, its articles."""

    name: str
    inputs: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    meta: list[dict] = field(default_factory=list)  # one dict per article: outlet, date, title, url


def _field(meta: dict, by: str) -> str:
    if by in META_FIELDS:
        return str(meta.get(by) or "").strip()
    extra = json.loads(meta["extra"]) if meta.get("extra") else {}
    low = {str(k).strip().lower(): v for k, v in extra.items()}
    return str(low.get(by.lower(), "") or "").strip()


def _columns_seen(meta: dict) -> list[str]:
    cols = [k for k in META_FIELDS if meta.get(k)]
    if meta.get("extra"):
        cols += sorted(json.loads(meta["extra"]))
    return cols


def _corpus_groups(path: Path, by: str) -> list[Group]:
    from ..corpus import iter_docs, to_article

    groups: dict[str, Group] = {}
    missing, seen_cols = [], []
    for doc in iter_docs(path):
        if doc.error:
            raise ArticleError(doc.error)
        if not seen_cols:
            seen_cols = _columns_seen(doc.meta)
        name = _field(doc.meta, by)
        if not name:
            missing.append(doc.id)
            continue
        try:
            article = to_article(doc)
        except ArticleError as e:
            raise ArticleError(f"{doc.source}: {e}") from None
        g = groups.setdefault(name, Group(name, [str(path)]))
        g.articles.append(article)
        g.meta.append({k: doc.meta.get(k, "") for k in META_FIELDS})
    if missing and not groups:
        hint = ("; put the files in one sub-folder per outlet or add a metadata.csv with an 'outlet' column"
                if path.is_dir() and by == "outlet" else "")
        raise ArticleError(f"{path}: no '{by}' column to group the articles by (columns found: "
                           f"{', '.join(seen_cols) or 'none'}); name the grouping column with --by{hint}")
    if missing:
        raise ArticleError(f"{path}: {len(missing)} article(s) have no '{by}' value, e.g. {missing[0]}")
    return list(groups.values())


def _file_group(path: Path) -> Group:
    article = load_article(path)
    return Group(path.stem, [str(path)], [article], [{"outlet": path.stem, "date": "", "title": "", "url": ""}])


def check_paths(paths) -> list[str]:
    """A quick check of compare inputs before anything is read (for the report): each exists, and
    two or more are given unless one is a folder or corpus file. Returns them as absolute paths."""
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise ArticleError(f"{p}: no such file or folder")
    if len(paths) < 2 and all(p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES) for p in paths):
        got = paths[0].stem if paths else "none"
        raise ArticleError(f"compare needs at least two outlets or files to compare; got one: {got}")
    return [str(p.resolve()) for p in paths]


def read_groups(paths, by: str = "outlet") -> list[Group]:
    """The groups to compare, in the order given (groups from one folder or corpus file in the order
    of their first article). Article names are made unique across groups (``group/name``)."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ArticleError("compare needs at least two inputs")
    groups: list[Group] = []
    for p in paths:
        if not p.exists():
            raise ArticleError(f"{p}: no such file or folder")
        if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES):
            new = [_file_group(p)]
        else:
            new = _corpus_groups(p, by)
        for g in new:
            same = next((h for h in groups if h.name == g.name), None)
            if same is None:
                groups.append(g)
            elif p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES):
                raise ArticleError(f"{p}: two inputs are named {g.name!r}; rename one of the files")
            else:  # the same outlet in two corpus inputs: one group
                same.inputs += g.inputs
                same.articles += g.articles
                same.meta += g.meta
    if len(groups) < 2:
        raise ArticleError(f"compare needs at least two outlets or files to compare; got one: {groups[0].name}")
    _unique_names(groups)
    return groups


def _unique_names(groups: list[Group]) -> None:
    """Article names are the keys of every offset: make them unique (``group/name``, then ``#2``...)."""
    count: dict[str, int] = {}
    for g in groups:
        for a in g.articles:
            count[a.name] = count.get(a.name, 0) + 1
    seen: set[str] = set()
    for g in groups:
        renamed = []
        for a in g.articles:
            name = a.name if count[a.name] == 1 else f"{g.name}/{a.name}"
            k, base = 1, name
            while name in seen:
                k += 1
                name = f"{base}#{k}"
            seen.add(name)
            if name != a.name:
                a = Article(text=a.text, name=name, source=a.source, encoding=a.encoding, warnings=a.warnings)
            renamed.append(a)
        g.articles = renamed
