"""Context rules that read the words before a hit: is a loaded word a label the text attributes to
someone else ("critics portrayed him as a racist", "calling them liars") rather than the writer's
own word?

The cue words are data (``data/lexicons/loaded_context.csv``, column ``rule``):

* ``label_as``: verbs that report a characterisation with "as" or "of being" ("portray", "dismiss",
  "brand", "accuse", "see"); a hit right after their "as" (an article and adverbs in between
  allowed) is a reported label;
* ``label_call``: naming verbs ("call", "dub", "label"); a hit after the verb's object of one to
  three words and "a"/"an" ("called the report a whitewash"), or right after an object pronoun
  ("calling them liars"), is a reported label;
* ``particle``: words that make a naming verb another verb ("called out", "called for"): no label;
* ``adopt``: words that show the writer taking the label as their own ("what can only be described
  as", "we see it as"): the hit stays reported.

The clause read is the text before the hit back to the last sentence or clause punctuation
(``.;:!?`` or a line break), at most :data:`WINDOW_CHARS` characters.

>>> reported_label("Critics portrayed him as a racist.", 27)
True
>>> reported_label("It can only be described as a disgrace.", 30)
False
>>> reported_label("He kept calling them liars.", 21), reported_label("They called out the liars.", 20)
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons

CONTEXT = "loaded_context"
WINDOW_CHARS = 120  # the most characters read before a hit
LABEL_AS_WORDS = 7  # a labelling verb this many words at most before its "as"
CALL_OBJECT_WORDS = 3  # the most words of a naming verb's object ("called [the new report] a whitewash")
_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_CLAUSE_END_RE = re.compile(r"[.;:!?\n\r](?=\s|$)")
_ARTICLES = frozenset({"a", "an", "the"})
_PRONOUNS = frozenset({"him", "her", "them", "us", "it", "me", "you"})


@dataclass(frozen=True)
class Cues:
    label_as: frozenset  # stems
    label_call: frozenset  # stems
    particle: frozenset  # lower-case words
    adopt: frozenset  # lower-case words


@lru_cache(maxsize=4)
def _cues(_stamp) -> Cues:
    from .matching import stem

    df = lexicons.load(CONTEXT)
    by = {r: [str(c).strip() for c in df.loc[df["rule"] == r, "cue"] if str(c).strip()]
          for r in ("label_as", "label_call", "particle", "adopt")}
    return Cues(frozenset(stem(c) for c in by["label_as"]), frozenset(stem(c) for c in by["label_call"]),
                frozenset(c.lower() for c in by["particle"]), frozenset(c.lower() for c in by["adopt"]))


def cues() -> Cues:
    """The cue lists (cached; reloaded when ``loaded_context.csv`` changes)."""
    return _cues((lexicons.lexicon_dir() / f"{CONTEXT}.csv").stat().st_mtime)


def reported_label(text: str, start: int, lists: Cues | None = None) -> bool:
    """True when the hit starting at ``start`` is a label the text attributes to someone else (see
    the module's rules).

    >>> reported_label("She was accused of being cruel.", 25), reported_label("A cruel act.", 2)
    (True, False)
    """
    from .matching import stem

    c = lists or cues()
    clause = text[max(0, start - WINDOW_CHARS):start]
    ends = list(_CLAUSE_END_RE.finditer(clause))
    if ends:
        clause = clause[ends[-1].end():]
    words = [w.lower() for w in _WORD_RE.findall(clause)]
    if not words or any(w in c.adopt for w in words):
        return False
    i = len(words)
    while i and words[i - 1].endswith("ly") and len(words[i - 1]) > 3:  # adverbs: "as irredeemably racist"
        i -= 1
    article = words[i - 1] if i and words[i - 1] in _ARTICLES else ""
    i -= bool(article)
    if i and words[i - 1] == "as" or i > 1 and words[i - 2:i] == ["of", "being"]:
        k = i - 1 if words[i - 1] == "as" else i - 2
        return any(stem(w) in c.label_as for w in words[max(0, k - LABEL_AS_WORDS):k])
    if article not in ("a", "an") and not (i and words[i - 1] in _PRONOUNS):
        return False
    return any(stem(words[k]) in c.label_call and words[k + 1] not in c.particle
               for k in range(max(0, i - 1 - CALL_OBJECT_WORDS), i - 1))
