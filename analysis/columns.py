"""Plain column lists in and out of the analyses: an article's paragraph and sentence layout as lists
(:func:`layout`), and tables built from column lists (:func:`frame`, :func:`listed`) with the dtypes
``pd.DataFrame`` infers, through pandas' public API only.

Used by :mod:`analysis.actors` and :mod:`analysis.quotes`, whose rules read plain lists and whose
tables go to corpus mode as column lists.

>>> frame({"a": ["x", None], "n": [1, 2], "l": [[1], []]}, ints=("n",)).dtypes.astype(str).tolist()
['str', 'int64', 'object']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .article import object_array

# the string column type pandas infers for text (pyarrow-backed ``str`` in pandas 3); columns of
# Python strings are built as that type directly, which is most of the cost of inferring a frame
_STR_DTYPE = pd.Series(["x"]).dtype
_STR_TYPED = isinstance(_STR_DTYPE, pd.StringDtype)
_STR_ONLY, _STR_OR_NONE, _LISTS = {str}, {str, type(None)}, {list}
_NAN = float("nan")


def layout(article) -> dict:
    """Paragraph and sentence columns of an article as plain lists, read once per article and shared
    by the actors and quotes analyses (``pstart``, ``pend``, ``pvoice``, ``pbody``, ``sstart``,
    ``send``, ``spara``; read-only). An :class:`~analysis.article.Article` gives the lists its tables
    are built from (``Article.column``: no DataFrame built); another object with
    ``paragraphs``/``sentences`` tables gives their columns; a plain-text stand-in (no paragraphs)
    gives one paragraph and one sentence.

    >>> from analysis import Article
    >>> layout(Article.from_text("One. Two.\\n\\nThree."))["sstart"]
    [0, 5, 11]
    """
    lay = article.__dict__.get("_quotes_layout") if hasattr(article, "__dict__") else None
    if lay is not None:
        return lay
    col = getattr(article, "column", None)
    if col is not None:  # an Article
        lay = {"pstart": col("paragraphs", "start"), "pend": col("paragraphs", "end"), "pvoice": col("paragraphs", "voice"),
               "pbody": col("paragraphs", "body_start"), "sstart": col("sentences", "start"),
               "send": col("sentences", "end"), "spara": col("sentences", "paragraph")}
    else:
        try:
            p, s = article.paragraphs, article.sentences
        except AttributeError:
            n = len(article.text)
            return {"pstart": [0], "pend": [n], "pvoice": ["report"], "pbody": [0], "sstart": [0], "send": [n], "spara": [0]}
        pstart = p["start"].tolist()
        lay = {"pstart": pstart, "pend": p["end"].tolist(), "pvoice": [str(v) for v in p["voice"]],
               "pbody": p["body_start"].tolist() if "body_start" in p.columns else list(pstart),
               "sstart": s["start"].tolist(), "send": s["end"].tolist(), "spara": s["paragraph"].tolist()}
    article.__dict__["_quotes_layout"] = lay
    return lay


def _column(values: list, ints: bool = False):
    """A column for :func:`frame`: int64 for ``ints``; a list of Python strings (``None`` allowed
    when one is a string) as the ``str`` column pandas would infer, built directly; lists (or no
    values) as an object array. None for anything else (and for strings Arrow refuses, such as
    unpaired surrogates): the caller then lets pandas infer the whole frame."""
    if ints:
        return np.asarray(values, dtype=np.int64)
    if not values:
        return object_array(values)
    kinds = set(map(type, values))
    if _STR_TYPED and (kinds == _STR_ONLY or kinds == _STR_OR_NONE):
        if not _utf8(values):
            return None
        return pd.array(values, dtype=_STR_DTYPE)
    if kinds == _LISTS:
        return object_array(values)
    return None


def frame(cols: dict, ints=()) -> pd.DataFrame:
    """A DataFrame from column lists (in ``cols`` order; ``ints`` named int64), with the dtypes
    ``pd.DataFrame`` infers from object arrays of the same values.

    >>> frame({"a": ["x", None], "n": [1, 2], "l": [[1], []]}, ints=("n",)).l.tolist()
    [[1], []]
    """
    names = list(cols)
    arrays = [_column(cols[k], k in ints) for k in names]
    if any(a is None for a in arrays):
        # the general case: object arrays, dtypes inferred by pandas
        return pd.DataFrame({k: np.asarray(cols[k], dtype=np.int64) if k in ints else object_array(cols[k]) for k in names},
                            columns=names)
    n = len(arrays[0]) if arrays else 0
    return pd.DataFrame(dict(zip(names, arrays)), index=pd.RangeIndex(n), columns=names, copy=False)


def listed(cols: dict, ints=()) -> dict:
    """``{k: frame(cols, ints)[k].tolist()}`` without building the frame: ``ints`` columns as
    Python ints, the missing values (None) of a text column as NaN (the missing value of the ``str``
    column pandas infers), other values as they are; fresh outer lists.

    >>> listed({"a": ["x", None], "n": [1, 2], "l": [[1], None]}, ints=("n",))
    {'a': ['x', nan], 'n': [1, 2], 'l': [[1], None]}
    """
    if not _STR_TYPED:
        f = frame(cols, ints)
        return {k: f[k].tolist() for k in f.columns}
    out = {}
    for k, v in cols.items():
        if k in ints:
            out[k] = list(map(int, v))
        elif None in v and set(map(type, v)) == _STR_OR_NONE and _utf8(v):
            out[k] = [_NAN if x is None else x for x in v]
        else:
            out[k] = list(v)
    return out


def _utf8(values) -> bool:
    """Do the strings of ``values`` (None skipped) encode as UTF-8, i.e. does :func:`_column` make
    them a ``str`` column (Arrow refuses unpaired surrogates), without building it?

    >>> _utf8(["x", None]), _utf8(["x", "\\ud800"])
    (True, False)
    """
    try:
        "".join([x for x in values if x is not None]).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
