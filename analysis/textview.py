"""The text the rule-based analyses read: the article's text with invisible format characters
(zero-width space, zero-width joiners, word joiner, byte-order mark, soft hyphen) read as blanks
where they stand next to a blank, a punctuation mark or a text end. The view has the same length as
the text, so every offset found in it indexes the text itself; what a table reports is cut from the
text itself. A zero-width character between two letters or digits stays (it may sit inside a word).

>>> view('"We\\u200b help,\\u200b" Lavrov said.')
'"We  help, " Lavrov said.'
>>> view("Lav\\u00adrov") == "Lav\\u00adrov"
True
"""
from __future__ import annotations

import re

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")


def view(text: str) -> str:
    """``text`` with its invisible format characters as blanks, unless one stands between two
    letters or digits (same length, same offsets)."""
    if not any(ch in text for ch in INVISIBLE):
        return text
    return _INVISIBLE_RE.sub(lambda m: _blank(text, m), text)


def _blank(text: str, m) -> str:
    a, b = m.span()
    inside = a > 0 and b < len(text) and text[a - 1].isalnum() and text[b].isalnum()
    return m.group() if inside else " " * (b - a)
