"""The cue lexicon of quotation attribution: reporting verbs and the small closed word classes the
rules need, read from ``data/lexicons/cue_verbs.csv`` and ``data/lexicons/quote_words.csv`` and
compiled once (cached on the files' modification times).

``cue_verbs.csv``: one row per verb (or fixed phrase): ``verb`` (lemma), ``forms`` (``|``-separated
surface forms; ``{poss}`` stands for its/his/her/their/our/my), ``frame`` (how the content follows:
``clause`` "said (that) ...", ``tell`` "told reporters (that) ...", ``ask`` "asked whether ...",
``object`` "criticized X", ``according`` "according to X"), ``stance`` (``neutral``, ``assertive``,
``doubting``), ``type`` (speech, belief, knowledge, evaluation, source).

>>> lx = lexicon()
>>> lx.lookup("said").verb, lx.lookup("Claimed").stance, lx.lookup("shared its concerns").verb
('say', 'doubting', 'share {poss} concerns')
>>> [m.group() for m in lx.regex.finditer("Kerry said, then she added, according to Lavrov.")]
['said', 'added', 'according to']
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons

POSSESSIVES = ("its", "his", "her", "their", "our", "my")
FRAMES = ("clause", "tell", "ask", "object", "according")
STANCES = ("neutral", "assertive", "doubting")


@dataclass(frozen=True)
class Cue:
    """One reporting verb: its lemma, frame, stance and type."""

    verb: str
    frame: str
    stance: str
    type: str


@dataclass(frozen=True)
class CueLexicon:
    """Compiled cue lexicon: ``regex`` finds every cue form (case-insensitive, whole words);
    ``lookup(form)`` gives its :class:`Cue`; ``words[category]`` the word classes of
    ``quote_words.csv``; ``gender[word]`` the gender a pronoun states."""

    regex: re.Pattern
    forms: dict
    words: dict
    gender: dict
    stamp: tuple = ()
    regex_lower: re.Pattern | None = None  # the same, case-sensitive: for text already lower-cased (faster)

    def finditer(self, text: str):
        """Cue matches in ``text`` as ``(start, end)`` pairs (the lower-case fast path when lower-casing
        keeps every offset)."""
        low = text.lower()
        if self.regex_lower is not None and len(low) == len(text):
            return [m.span() for m in self.regex_lower.finditer(low)]
        return [m.span() for m in self.regex.finditer(text)]

    def lookup(self, form: str) -> Cue | None:
        return self.forms.get(" ".join(form.lower().split()))

    def has(self, category: str, word: str) -> bool:
        return word.lower() in self.words.get(category, ())


@lru_cache(maxsize=8)
def _paths(env) -> tuple:
    """The lexicon folder (``$ANALYSIS_LEXICONS`` is ``env``) and the two files read here."""
    d = lexicons.lexicon_dir()
    return str(d), tuple(str(d / f"{name}.csv") for name in ("cue_verbs", "quote_words"))


def stamp() -> tuple:
    """The lexicon folder and the modification times of the two files read here (a cache key)."""
    d, paths = _paths(os.environ.get("ANALYSIS_LEXICONS"))
    out = []
    for path in paths:
        try:
            out.append(os.stat(path).st_mtime)
        except OSError:
            out.append(0.0)
    return (d, *out)


@lru_cache(maxsize=4)
def lexicon_at(stamp: tuple) -> CueLexicon:
    """The compiled cue lexicon for a :func:`stamp` (built once per stamp)."""
    verbs = lexicons.load("cue_verbs")
    forms: dict[str, Cue] = {}
    for r in verbs.itertuples():
        frame = r.frame.strip() if r.frame.strip() in FRAMES else "clause"
        stance = r.stance.strip() if r.stance.strip() in STANCES else "neutral"
        cue = Cue(r.verb.strip(), frame, stance, r.type.strip())
        for f in str(r.forms).split("|"):
            f = " ".join(f.lower().split())
            if not f:
                continue
            for g in ([f.replace("{poss}", p) for p in POSSESSIVES] if "{poss}" in f else [f]):
                forms.setdefault(g, cue)  # the first row of a form wins
    words: dict[str, set] = {}
    gender: dict[str, str] = {}
    for r in lexicons.load("quote_words").itertuples():
        w = " ".join(r.word.lower().split())
        words.setdefault(r.category.strip(), set()).add(w)
        if getattr(r, "gender", "") in ("male", "female"):
            gender[w] = r.gender
    body = _trie_regex(sorted(forms)) or r"(?!x)x"
    regex = re.compile(rf"(?<![\w'\u2019\-])(?:{body})(?![\w'\u2019\-])", re.I)
    regex_lower = re.compile(rf"(?<![\w'\u2019\-])(?:{body})(?![\w'\u2019\-])")
    return CueLexicon(regex, forms, {k: frozenset(v) for k, v in words.items()}, gender, stamp, regex_lower)


def _trie_regex(forms) -> str:
    """One regex for many lower-case forms, shaped as a character trie (Python's regex engine tries
    alternatives one by one; a trie shares their prefixes, which makes the search several times
    faster). A space in a form matches any run of blanks. Longer matches win at each branch.

    >>> import re
    >>> r = re.compile(_trie_regex(["said", "say", "says", "saying", "shared its concerns"]))
    >>> [m.group() for m in r.finditer("she says, saying it, shared  its concerns")]
    ['says', 'saying', 'shared  its concerns']
    """
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if end else alt

    return build(trie)


def lexicon() -> CueLexicon:
    """The compiled cue lexicon (rebuilt only when a lexicon file changes)."""
    return lexicon_at(stamp())
