"""The clause around a target, for the tone toward it: tokens with offsets and parts of speech,
clauses cut at punctuation and clause markers, and each token's place relative to the target.

Parts of speech come from TextBlob's bundled pattern tagger through its public ``PatternTagger``,
run on this module's own tokens (``tokenize=False``), so every tag belongs to a span of the text.

A sentence is cut into clauses at ``; : ( ) [ ] — –`` and ``--``, and before a clause marker of
``data/lexicons/clause_markers.csv`` that opens a clause: a contrast, subordinator or
complementizer followed by a verb before the next cut (``since``, ``after``, ``before``,
``until``, ``as`` and ``so`` also need a noun or pronoun before that verb: else they are
prepositions or adverbs), a relative pronoun followed by a verb (but one right after the target,
"X, who lied, ..." stays in the target's clause: it says something of the target), a coordinator
followed by a new subject and its verb ("X lied and Y helped", not "X lied and cheated"); and after
a finite verb, before a noun phrase that has a finite verb of its own ("said the governor ran ...").

>>> toks = tag("Smith, who lied, resigned, but Jones stayed.")
>>> [t[2] for t in toks][:4], [t[4] for t in toks][:4]
(['Smith', ',', 'who', 'lied'], ['NNP', ',', 'WP', 'VBD'])
>>> clauses(toks, target=(0, 0))
[0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..resources import WORD_RE
from .lexicon import word_categories

TOKEN_RE = re.compile(rf"{WORD_RE.pattern}|[^\w\s]", WORD_RE.flags)  # words, and single punctuation marks
CLITIC_RE = re.compile(r"(?:n't|'s|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
HARD_CUTS = frozenset(";:()[]{}\u2014\u2013")
VERB_LOOKAHEAD = 8  # a clause marker opens a clause only when a verb follows within this many tokens
SUBJECT_TAGS = ("NN", "PRP", "DT", "CD", "EX", "JJ")  # a coordinator's new subject starts with one of these
NEED_SUBJECT = frozenset(("since", "after", "before", "until", "as", "so"))
FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
SUBJECT_SPAN = 5  # a clause without "that" has its subject's verb within this many tokens


@lru_cache(maxsize=1)
def _tagger():
    from textblob.en.taggers import PatternTagger

    return PatternTagger()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words (``resources.WORD_RE``) and single punctuation marks with their offsets; clitics are
    split off as the tagger expects them ("don't" → "do" + "n't", "Lavrov's" → "Lavrov" + "'s").

    >>> [w for _, _, w in tokenize("They don't, Lavrov's U.S. plan.")]
    ['They', 'do', "n't", ',', 'Lavrov', "'s", 'U.S', '.', 'plan', '.']
    """
    out = []
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        w = m.group()
        c = CLITIC_RE.search(w) if len(w) > 3 and "'" in w else None
        if c is not None and c.start() > 0:
            out.append((s, s + c.start(), w[:c.start()]))
            out.append((s + c.start(), e, w[c.start():]))
        else:
            out.append((s, e, w))
    return out


@lru_cache(maxsize=1024)
def tag(text: str) -> tuple:
    """``(start, end, word, lower-case word, tag)`` per token of ``text`` (Penn Treebank tags).

    >>> [t[4] for t in tag("Christie has missed his opportunity.")]
    ['NNP', 'VBZ', 'VBD', 'PRP$', 'NN', '.']
    """
    toks = tokenize(text)
    if not toks:
        return ()
    tagged = _tagger().tag(" ".join(w for _, _, w in toks), tokenize=False)
    tags = [t for _, t in tagged] if len(tagged) == len(toks) else _align(toks, tagged)
    return tuple((s, e, w, w.lower(), t) for (s, e, w), t in zip(toks, tags))


_WARNED: set = set()


def _align(toks, tagged) -> list[str]:
    """Tags for ``toks`` when the tagger returned a different number of tokens: each of ours takes
    the tag of the next tagger token with the same word, else "NN" (logged once per process)."""
    if "align" not in _WARNED:
        _WARNED.add("align")
        logging.getLogger(__name__).warning(
            "the pattern tagger split %d tokens into %d; tags aligned by word (TextBlob version %s?)",
            len(toks), len(tagged), _textblob_version())
    out, j = [], 0
    words = [w for w, _ in tagged]
    for _, _, w in toks:
        k = next((i for i in range(j, min(len(words), j + 4)) if words[i] == w), None)
        if k is None:
            out.append("NN")
        else:
            out.append(tagged[k][1])
            j = k + 1
    return out


def _textblob_version() -> str:
    from importlib.metadata import version

    return version("textblob")


def markers() -> dict:
    """``{word: category}`` of ``data/lexicons/clause_markers.csv``."""
    return word_categories("clause_markers")


def _is_verb(tag: str) -> bool:
    return tag.startswith("VB") or tag == "MD"


def _opens(toks, i: int, kind: str, after_target: bool) -> bool:
    """Does the clause marker at ``toks[i]`` open a new clause?"""
    tag_i = toks[i][4]
    if kind == "complementizer" and tag_i == "DT":
        return False
    if kind == "relative" and after_target:
        return False
    n = len(toks)
    if kind == "coordinator":
        if i + 1 >= n or not toks[i + 1][4].startswith(SUBJECT_TAGS + ("NNP",)):
            return False
    subject = False
    for j in range(i + 1, min(n, i + 1 + VERB_LOOKAHEAD)):
        w, t = toks[j][2], toks[j][4]
        if w in HARD_CUTS:
            return False
        if _is_verb(t):
            if kind == "coordinator" or toks[i][3] in NEED_SUBJECT:
                return subject
            return True
        if t.startswith(("NN", "PRP", "CD", "EX")):
            subject = True
    return False


def clauses(toks, target: tuple[int, int] | None = None) -> list[int]:
    """Clause number of each token (0, 1, ...), cut as the module docstring says. ``target`` is
    the (first, last) token index of the target: a relative pronoun right after it (a comma
    between allowed) stays in its clause.

    >>> toks = tag("Critics say that Smith failed.")
    >>> clauses(toks)
    [0, 0, 1, 1, 1, 1]
    """
    mk = markers()
    out, c = [], 0
    n = len(toks)
    for i, tok in enumerate(toks):
        w, low = tok[2], tok[3]
        if w in HARD_CUTS or (w == "-" and i + 1 < n and toks[i + 1][2] == "-"):
            c += 1
            out.append(c)
            continue
        kind = mk.get(low)
        if kind is not None and i > 0:
            after = target is not None and (i == target[1] + 1 or (i == target[1] + 2 and toks[i - 1][2] == ","))
            if _opens(toks, i, kind, after):
                c += 1
        elif i > 1 and toks[i - 1][4] in FINITE and _reported_clause(toks, i, mk):
            c += 1
        out.append(c)
    return out


def _reported_clause(toks, i: int, mk: dict) -> bool:
    """Does a clause without "that" start at ``toks[i]``, right after a finite verb ("said the
    governor ran ...", "thinks Kerry is wrong"): a noun phrase, then its own finite verb?"""
    if not toks[i][4].startswith(("DT", "NN", "PRP", "JJ", "CD")) or toks[i][3] in mk:
        return False
    for j in range(i + 1, min(len(toks), i + 1 + SUBJECT_SPAN)):
        w, low, t = toks[j][2], toks[j][3], toks[j][4]
        if w in HARD_CUTS or w == "," or low in mk:
            return False
        if t in FINITE:
            return True
        if t.startswith("VB"):
            return False
    return False
