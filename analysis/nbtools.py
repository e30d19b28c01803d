"""Hand values from an executed notebook to tests and to the report index, and print them plainly.

Inside a notebook, ``record("n_speakers", 6)`` emits the value as display data with scrapbook's
mimetype (``application/scrapbook.scrap.json+json``), so ``scrapbook.read_notebook`` can read it and
so can :func:`read_records` here, without importing scrapbook (which imports papermill into the kernel).

>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data",
...     data={MIMETYPE: {"name": "x", "data": 1, "encoder": "json", "version": 1}})]))
>>> read_records(nb)
{'x': 1}
"""
from __future__ import annotations

import json
import math

MIMETYPE = "application/scrapbook.scrap.json+json"


def _plain(value):
    """JSON-safe copy of numbers, strings, lists and dicts (numpy and pandas scalars included)."""
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        return [_plain(r) for r in value.to_dict(orient="records")]
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in (sorted(value) if isinstance(value, set) else value)]
    return value


def record(name: str, value) -> None:
    """Record ``value`` (JSON-able; DataFrames become lists of row dicts) under ``name``."""
    from IPython.display import display

    payload = {"name": name, "data": _plain(value), "encoder": "json", "version": 1}
    json.dumps(payload)  # fail here, in the notebook, if the value cannot be recorded
    display({MIMETYPE: payload}, raw=True, metadata={"scrapbook": {"name": name, "data": True, "display": False}})


def read_records(nb) -> dict:
    """All values recorded in an executed notebook (an ``nbformat`` node or a path)."""
    if isinstance(nb, (str, bytes)) or hasattr(nb, "__fspath__"):
        import nbformat

        nb = nbformat.read(nb, as_version=4)
    out = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            d = o.get("data", {}).get(MIMETYPE)
            if d:
                out[d["name"]] = d["data"]
    return out


def plain(value) -> str:
    """A value as a reader would write it: numbers with thousands separators or three significant
    digits, lists as "a, b", mappings as "key value; key value"; never a Python repr.

    >>> plain({"RT": 3.14159, "State Dept": 12000}), plain([1, "a"]), plain(0.5)
    ('RT 3.14; State Dept 12,000', '1, a', '0.5')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "item") and not isinstance(value, (str, bytes, list, dict)):
        value = value.item()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return "n/a" if value != value else f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, dict):
        return "; ".join(f"{k} {plain(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return ", ".join(plain(v) for v in value)
    return "" if value is None else str(value)


HEADLINE_WORDS = {"articles": "articles analysed", "failed": "articles that could not be analysed",
                  "outlets": "outlets",
                  "recurring_speakers": "speakers quoted in two articles or more",
                  "loaded_per_1000_by_outlet": "loaded terms per 1,000 words, by outlet",
                  "tone_reporter_by_outlet": "tone of the reporter's own words, by outlet",
                  "analyses": "analyses run"}


def headline_lines(head) -> list[str]:
    """A notebook's recorded headline figures as short lines of plain text ("outlets: 3"), for a
    notebook's last cell and the report index (never a Python repr).

    >>> headline_lines({"articles": 12, "loaded_per_1000_by_outlet": {"RT": 4.84}})
    ['articles analysed: 12', 'loaded terms per 1,000 words, by outlet: RT 4.84']
    """
    if not isinstance(head, dict):
        return [plain(head)] if head else []
    return [f"{HEADLINE_WORDS.get(k, str(k).replace('_', ' '))}: {plain(v)}" for k, v in head.items()]
