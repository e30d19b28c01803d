"""Regex building for many words at once: a character trie of literal forms (:func:`trie_regex`) and
a lookahead on the characters a pattern can start with (:func:`first_char_guard`), which lets the
regex engine turn most positions down with one set test when a pattern opens with a lookbehind.
"""
from __future__ import annotations

import re

from .patterns import BLANK

_BIG_RANGE = 512  # a character range wider than this makes no guard (too many characters to list)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def trie_regex(words) -> str:
    """One regex for many literal forms, shaped as a character trie (a space matches any blank).

    >>> import re
    >>> r = re.compile(trie_regex(["US", "US-led coalition", "UN"]))
    >>> [m.group() for m in r.finditer("the US-led coalition, the UN and the US")]
    ['US-led coalition', 'UN', 'US']
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts, end = [], "" in node
        for ch in sorted(k for k in node if k):
            alts.append((BLANK if ch == " " else re.escape(ch)) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?" if len(alts) == 1 and len(alts[0]) > 1 else body + "?" if len(alts) == 1 else "(?:" + "|".join(alts) + ")?"
        return body
    return emit(trie)


class _Unknown(Exception):
    """A pattern (or part of one) whose first characters are not plainly known."""


def first_chars(pattern: str):
    """The characters a match of ``pattern`` can start with (a set), or None when that is not plainly
    known: a pattern that may start with a lookaround, an optional part, a flag group, a category
    (``\\w``), a negated or very wide character set, or any construct not read here.

    >>> sorted(first_chars(r"(?:Wa|[Tt]he|Al+)x")), first_chars(r"(?i:w)"), first_chars(r"a?b")
    (['A', 'T', 'W', 't'], None, None)
    >>> sorted(first_chars(r"W(?<!George W)ashington|U\\.?S\\.?-led|[Aa]l[ -]Nusra"))
    ['A', 'U', 'W', 'a']
    """
    try:
        out, i = _alternatives(pattern, 0)
    except (_Unknown, IndexError):
        return None
    return out if i == len(pattern) else None


def first_char_guard(pattern: str) -> str:
    """A lookahead for the first character of a match of ``pattern`` ("" when unknown): put before
    a pattern that opens with a lookbehind, it turns most positions down with one set test."""
    chars = first_chars(pattern)
    if not chars:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _alternatives(p: str, i: int):
    """First characters of the alternatives from ``p[i]`` to the ``)`` closing them (or the end):
    ``(set, index of that ')' or len(p))``."""
    out = set()
    while True:
        f, i = _element(p, i)
        out |= f
        i = _skip_alternative(p, i)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return out, i


def _element(p: str, i: int):
    """First characters of the element at ``p[i]`` (it must match at least one character):
    ``(set, index after it)``."""
    if i >= len(p) or p[i] in "|)":
        raise _Unknown  # an empty alternative
    ch = p[i]
    if ch == "(":
        if p.startswith("(?:", i):
            f, j = _alternatives(p, i + 3)
        elif p[i + 1] == "?":
            raise _Unknown  # a lookaround, flags, a named group
        else:
            f, j = _alternatives(p, i + 1)
        if j >= len(p) or p[j] != ")":
            raise _Unknown
        j += 1
    elif ch == "[":
        f, j = _char_set(p, i + 1)
    elif ch == "\\":
        c, j = _escape(p, i + 1)
        f = {c}
    elif ch in ".^$":
        raise _Unknown
    else:
        f, j = {ch}, i + 1
    _check_repeat(p, j)
    return f, j


def _check_repeat(p: str, j: int) -> None:
    """Raise when the element ending at ``j`` may match nothing (``?``, ``*``, ``{0,...}``)."""
    if j < len(p) and p[j] in "?*":
        raise _Unknown
    if j < len(p) and p[j] == "{":
        m = re.match(r"\{(\d*)(?:,\d*)?\}", p[j:])
        if m is None or not m.group(1) or int(m.group(1)) < 1:
            raise _Unknown


def _escape(p: str, i: int):
    """The literal character of the escape at ``p[i]`` (after the backslash), and the index after it."""
    ch = p[i]
    if ch in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[ch]
        return chr(int(p[i + 1:i + 1 + n], 16)), i + 1 + n
    if ch.isalnum() and ch not in _ESCAPES:
        raise _Unknown  # a category (\w, \d), an anchor (\b, \A), a back reference
    return _ESCAPES.get(ch, ch), i + 1


def _char_set(p: str, i: int):
    """The characters of the set opening before ``p[i]``, and the index after its ``]``."""
    if p[i] == "^":
        raise _Unknown
    out, first = set(), True
    while first or p[i] != "]":
        first = False
        if p[i] == "\\":
            c, i = _escape(p, i + 1)
        else:
            c, i = p[i], i + 1
        if p[i] == "-" and p[i + 1] != "]":
            if p[i + 1] == "\\":
                hi, i = _escape(p, i + 2)
            else:
                hi, i = p[i + 1], i + 2
            if ord(hi) - ord(c) >= _BIG_RANGE:
                raise _Unknown
            out.update(map(chr, range(ord(c), ord(hi) + 1)))
        else:
            out.add(c)
    return out, i + 1


def _skip_alternative(p: str, i: int) -> int:
    """The index of the ``|`` or ``)`` ending the alternative that goes on at ``p[i]`` (or len(p))."""
    depth = 0
    while i < len(p):
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < len(p) and p[i] == "^":
                i += 1
            i += 1  # a ']' right after '[' or '[^' is a member
            while i < len(p) and p[i] != "]":
                i += 2 if p[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "|" and depth == 0:
            return i
        i += 1
    return i
